// Who may sign in, and how: the one place for the account lifecycle's and the e-mail domains' rules
// (issue 13). Pure and IO-free; the store and the routes ask these functions and never decide themselves.
import type { Role } from '../organisation.ts';

/** How a session was started. */
export const SIGN_IN_METHODS = ['password', 'oidc', 'invitation', 'password_reset'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export const SIGN_IN_METHOD_LABELS: Record<SignInMethod, string> = {
  password: 'Lösenord',
  oidc: 'Inloggning med organisationens konto (SSO)',
  invitation: 'Inbjudningslänk',
  password_reset: 'Länk för nytt lösenord',
};

export const ACCOUNT_STATES = ['invited', 'active', 'deactivated'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];
export const ACCOUNT_STATE_LABELS: Record<AccountState, string> = {
  invited: 'Inbjuden',
  active: 'Aktivt',
  deactivated: 'Avaktiverat',
};

/** What the rules need to know of an account. */
export interface AccountFacts {
  email: string;
  role: Role;
  activatedAt: Date | string | null;
  deactivatedAt: Date | string | null;
  hasPassword: boolean;
  totpEnabled: boolean;
}

export function accountState(a: Pick<AccountFacts, 'activatedAt' | 'deactivatedAt'>): AccountState {
  if (a.deactivatedAt) return 'deactivated';
  return a.activatedAt ? 'active' : 'invited';
}

/** The association's rule for one e-mail domain (Administration → Inloggning). */
export interface DomainRule {
  domain: string;
  /** Unknown SSO users from the domain: refused, or created just in time as läsare. */
  provisioning: 'refuse' | 'create';
  /** The municipality that owns the domain: a just-in-time account is bound to it (still läsare). */
  municipalityCode: string | null;
  /** False once SSO works for the domain: its accounts sign in only through their provider. */
  passwordSignIn: boolean;
}

/** The lower-case domain of an address ('' for something that is not one). */
export function emailDomain(email: string): string {
  const at = email.trim().lastIndexOf('@');
  return at > 0 ? email.trim().slice(at + 1).toLowerCase() : '';
}

/** The rule for an address: its own domain's, else the nearest parent domain's (`it.mellerud.se` → `mellerud.se`). */
export function ruleForEmail(email: string, rules: readonly DomainRule[]): DomainRule | undefined {
  let d = emailDomain(email);
  while (d) {
    const r = rules.find((x) => x.domain === d);
    if (r) return r;
    const dot = d.indexOf('.');
    if (dot < 0) break;
    d = d.slice(dot + 1);
    if (!d.includes('.')) break; // never a bare top-level domain
  }
  return undefined;
}

export type SignInRefusal =
  | 'deactivated'
  | 'not_activated'
  | 'password_disabled'
  | 'no_password';

export const SIGN_IN_REFUSAL_MESSAGES: Record<SignInRefusal, string> = {
  deactivated: 'Kontot är avaktiverat. Kontakta förbundets administratör om du behöver tillgång igen.',
  not_activated: 'Kontot är inte aktiverat ännu. Använd länken i inbjudan, eller be förbundets administratör om en ny.',
  password_disabled: 'Din organisation loggar in med sitt eget konto. Välj inloggning med organisationens konto.',
  no_password: 'Kontot har inget lösenord. Logga in med organisationens konto, eller välj ”Glömt lösenordet?”.',
};

/**
 * May this account start a session by this method? Undefined when it may; else why not. A deactivated
 * account may sign in by no method; an invited one only by accepting its invitation.
 */
export function signInRefusal(
  a: AccountFacts,
  method: SignInMethod,
  rule: DomainRule | undefined,
  opts: { validInvitation?: boolean } = {},
): SignInRefusal | undefined {
  const state = accountState(a);
  if (state === 'deactivated') return 'deactivated';
  // An invited account becomes active by its invitation: the set-password link, or an SSO sign-in while it is valid.
  if (state === 'invited' && !(method === 'invitation' || (method === 'oidc' && opts.validInvitation))) return 'not_activated';
  if (method === 'password') {
    if (rule && !rule.passwordSignIn) return 'password_disabled';
    if (!a.hasPassword) return 'no_password';
  }
  return undefined;
}

/** The association's security settings (Administration → Säkerhet). */
export interface SecuritySettings {
  /** Förbundsadmin accounts that sign in with a password must use a TOTP code too. */
  requireTotpForAdmins: boolean;
  /** Days an audit-log entry is kept; older ones are deleted automatically. */
  auditRetentionDays: number;
}
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = { requireTotpForAdmins: false, auditRetentionDays: 730 };

/**
 * The second step a password sign-in needs: a code when the account has TOTP, enrolment when the
 * association requires it of admins and this admin has none, else none. SSO sign-ins rely on the
 * provider's MFA and never get one.
 */
export function secondFactorNeeded(a: Pick<AccountFacts, 'role' | 'totpEnabled'>, method: SignInMethod, s: SecuritySettings): 'totp' | 'totp_setup' | undefined {
  if (method !== 'password') return undefined;
  if (a.totpEnabled) return 'totp';
  if (s.requireTotpForAdmins && a.role === 'forbundsadmin') return 'totp_setup';
  return undefined;
}

/** Days an invitation link is valid. */
export const INVITATION_DAYS = 7;

/** The claims of a validated ID token the sign-in rules read (the rest are ignored; roles never come from claims). */
export interface OidcClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  /** Entra ID: true when the tenant has verified that it owns the address's domain (optional claim). */
  xms_edov?: unknown;
  name?: unknown;
}

/**
 * The address an ID token vouches for: `email` with `email_verified: true`, or with Entra ID's
 * `xms_edov: true` (Entra sends no email_verified). Undefined otherwise: such an address may neither
 * link an account nor have one created. `preferred_username` is never trusted.
 */
export function verifiedEmail(c: OidcClaims): string | undefined {
  if (typeof c.email !== 'string' || !emailDomain(c.email)) return undefined;
  return c.email_verified === true || c.xms_edov === true ? c.email.trim().toLowerCase() : undefined;
}

export type OidcRefusal = 'email_unverified' | 'domain_refused';
export const OIDC_REFUSAL_MESSAGES: Record<OidcRefusal, string> = {
  email_unverified:
    'Din organisation har inte bekräftat e-postadressen på ditt konto, så samverka kan inte koppla inloggningen till ett konto. Kontakta förbundets administratör.',
  domain_refused: 'Din e-postdomän har inte tillgång till samverka. Kontakta förbundets administratör om du behöver ett konto.',
};

export type OidcAccountDecision =
  | { kind: 'existing'; userId: number }
  | { kind: 'link'; userId: number }
  | { kind: 'create'; municipalityCode: string | null }
  | { kind: 'refuse'; reason: OidcRefusal };

/**
 * Which account an OpenID sign-in is: the one its (provider, subject) identity is bound to; else, on a
 * first sign-in, the account with its verified address (linked); else a new läsare when the domain's
 * rule says create; else none. Whether that account may then sign in is signInRefusal's question.
 */
export function oidcAccountDecision(x: { identityUserId?: number; verifiedEmail?: string; emailUserId?: number; rule?: DomainRule }): OidcAccountDecision {
  if (x.identityUserId !== undefined) return { kind: 'existing', userId: x.identityUserId };
  if (!x.verifiedEmail) return { kind: 'refuse', reason: 'email_unverified' };
  if (x.emailUserId !== undefined) return { kind: 'link', userId: x.emailUserId };
  if (x.rule?.provisioning === 'create') return { kind: 'create', municipalityCode: x.rule.municipalityCode };
  return { kind: 'refuse', reason: 'domain_refused' };
}

/** The account the lifecycle rules look at. */
export interface LifecycleTarget {
  id: number;
  role: Role;
  state: AccountState;
}

/**
 * Why an account may not be deactivated, or undefined when it may: nobody deactivates themselves,
 * and the association keeps at least one active förbundsadmin (`otherActiveAdmins` counts the
 * active förbundsadmin accounts besides the target).
 */
export function deactivationRefusal(target: LifecycleTarget, actorId: number | null, otherActiveAdmins: number): string | undefined {
  if (target.id === actorId) return 'Du kan inte avaktivera ditt eget konto';
  if (target.state === 'deactivated') return 'Kontot är redan avaktiverat';
  if (target.role === 'forbundsadmin' && target.state === 'active' && otherActiveAdmins === 0)
    return 'Det sista aktiva förbundsadmin-kontot kan inte avaktiveras';
  return undefined;
}

/**
 * Why a signed-in person may not choose their own password, or undefined when they may: a domain
 * that signs in only through its provider uses no passwords. An SSO account without a password may
 * choose one when its domain allows password sign-in (it then has both ways in).
 */
export function ownPasswordRefusal(rule: DomainRule | undefined): string | undefined {
  return rule && !rule.passwordSignIn ? 'Din organisation loggar in med sitt eget konto; lösenord används inte för din e-postdomän.' : undefined;
}
