// What the account lifecycle's use cases share: the caller, loading an account or a 404, the rules of
// role and municipalities, and the invitation mail.
import type { Config } from '../config.ts';
import type { Queryable } from '../db/db.ts';
import type { User } from '../domain/accounts.ts';
import { badRequest, notFound } from '../domain/errors.ts';
import { ruleForEmail } from '../domain/identity/policy.ts';
import type { Role } from '../domain/organisation.ts';
import { getUser } from '../store/accounts.ts';
import { listDomainRules } from '../store/identity.ts';
import { queueMail } from '../store/mail.ts';
import { getMunicipality } from '../store/organisation.ts';
import { requireAssociationMembers } from '../associations/members.ts';
import { fieldError } from '../contracts/messages.ts';
import { defaultAssociationId } from '../store/associations.ts';

/**
 * Who calls a use case (null: the command line), and from where (for the audit log). `associationId`: the
 * association the caller works in (its admin's, or the command line's --association); new accounts are
 * made in it and a kommunansvarig's municipalities must be its members. Absent: the default association.
 */
export interface AccountCaller {
  userId: number | null;
  ip?: string;
  associationId?: number;
}

export async function requireAccount(db: Queryable, id: number): Promise<User> {
  const u = await getUser(db, id);
  if (!u) throw notFound('Kontot finns inte');
  return u;
}

/**
 * A kommunansvarig is bound to at least one municipality, and every municipality must exist and be a member
 * of the account's association (`associationId`; a 400 naming the code and the association). A
 * regionanalytiker belongs to no association and has no municipalities.
 */
export async function checkPermissions(db: Queryable, role: Role, municipalities: string[], associationId?: number): Promise<void> {
  if (role === 'kommunansvarig' && municipalities.length === 0) throw badRequest('En kommunansvarig måste kopplas till minst en kommun');
  if (role === 'regionanalytiker' && municipalities.length > 0)
    throw fieldError('municipalities', 'En regionanalytiker hör inte till något förbund och kopplas inte till kommuner');
  for (const c of municipalities) if (!(await getMunicipality(db, c))) throw notFound(`Kommunen med kod ${c} finns inte`);
  await requireAssociationMembers(db, associationId ?? (await defaultAssociationId(db)), municipalities, 'municipalities');
}

/** The invitation link of a token. */
export const invitationLink = (config: Pick<Config, 'baseUrl'>, token: string) => `${config.baseUrl}/inbjudan?token=${encodeURIComponent(token)}`;

/**
 * Queues the Swedish invitation mail in the caller's transaction; returns what sends it by SMTP
 * (call after the transaction). The text says whether the person may choose a password, sign in
 * with their organisation's account, or both, by the rule of their e-mail domain.
 */
export async function queueInvitationMail(db: Queryable, config: Config, user: Pick<User, 'email' | 'name'>, token: string, expiresAt: Date | string) {
  const rule = ruleForEmail(user.email, await listDomainRules(db));
  const until = new Date(expiresAt).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'long', year: 'numeric' });
  const how = !rule
    ? 'Öppna länken och välj ett lösenord (minst 12 tecken).'
    : rule.passwordSignIn
      ? 'Öppna länken och välj ett lösenord (minst 12 tecken), eller logga in med din organisations konto (SSO) – då behöver du inget eget lösenord.'
      : 'Öppna länken och logga in med din organisations konto (SSO); din organisation använder inga separata lösenord.';
  return queueMail(db, config, {
    to: user.email,
    subject: 'Du är inbjuden till samverka',
    body:
      `Hej ${user.name}!\n\nDu har bjudits in till samverka, kommunalförbundets verktyg för digital mognad och samverkan.\n${how}\n\n` +
      `${invitationLink(config, token)}\n\nLänken gäller till och med ${until} och kan användas en gång. ` +
      'Om den har gått ut kan du be förbundets administratör om en ny.\n\nOm du inte väntade dig inbjudan kan du bortse från meddelandet.',
  });
}
