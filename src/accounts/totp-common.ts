// What the two-factor use cases share: the caller, the enrolment an authenticator app reads, checking
// a code against the account's secret (recording its time step), switching TOTP on with new recovery codes.
import { renderSVG } from 'uqr';
import type { Queryable } from '../db/db.ts';
import { conflict, notFound } from '../domain/errors.ts';
import { checkTotp, groupedSecret, hashRecoveryCode, newRecoveryCodes, totpUri } from '../domain/identity/totp.ts';
import type { User } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { acceptTotpStep, enableTotp, getTotpState, replaceRecoveryCodes, type TotpState } from '../store/two-factor.ts';

/** Who calls a use case, and from where (for the audit log). */
export interface Caller {
  user: Pick<User, 'id' | 'email' | 'role'>;
  ip?: string;
}

export const SSO_ONLY = 'Ditt konto loggar in via organisationens konto och deras tvåstegsverifiering';
export const ALREADY_ON = 'Tvåstegsverifiering är redan på för ditt konto.';
export const NOT_ON = 'Tvåstegsverifiering är inte på för kontot.';
export const WRONG_CODE = 'Fel kod. Kontrollera koden i appen (den byts var 30:e sekund) och försök igen.';

/** What the person adds to their authenticator app: the secret, its otpauth URI and that URI as a QR code. */
export interface TotpEnrolment {
  secret: string;
  secretGrouped: string;
  otpauthUri: string;
  qrSvg: string;
}

export function enrolmentOf(secret: string, email: string): TotpEnrolment {
  const otpauthUri = totpUri(secret, email);
  return { secret, secretGrouped: groupedSecret(secret), otpauthUri, qrSvg: renderSVG(otpauthUri, { border: 2 }) };
}

export async function requireTotpState(db: Queryable, userId: number): Promise<TotpState> {
  const s = await getTotpState(db, userId);
  if (!s) throw notFound('Kontot finns inte');
  return s;
}

/** True when the code is right for the account's secret now and its time step was not used before (then recorded). */
export async function acceptTotpCode(db: Queryable, userId: number, state: TotpState, code: string): Promise<boolean> {
  if (!state.secret) return false;
  const r = checkTotp(state.secret, code, { lastStep: state.lastStep, epochSeconds: Math.floor(Date.now() / 1000) });
  return r.ok && (await acceptTotpStep(db, userId, r.step));
}

/** New recovery codes for the account (shown once); the old ones stop working. */
export async function issueRecoveryCodes(db: Queryable, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(db, userId, codes.map(hashRecoveryCode));
  return codes;
}

/**
 * Confirms an enrolment with the first code from the app: TOTP is on, with new recovery codes.
 * Undefined when the code is wrong (nothing changed). Run it in a transaction.
 */
export async function enableWithCode(db: Queryable, caller: Caller, code: string): Promise<string[] | undefined> {
  const state = await requireTotpState(db, caller.user.id);
  if (state.enabled) throw conflict(ALREADY_ON);
  if (!state.secret) throw conflict('Börja om: lägg först till kontot i din autentiseringsapp med QR-koden.');
  if (!(await acceptTotpCode(db, caller.user.id, state, code))) return undefined;
  await enableTotp(db, caller.user.id);
  const codes = await issueRecoveryCodes(db, caller.user.id);
  await audit(db, { actor: caller.user.id, action: 'totp.enabled', target: caller.user.email, ip: caller.ip });
  return codes;
}
