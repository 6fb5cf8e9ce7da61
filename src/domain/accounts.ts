// Accounts: the rules of a user's fields (e-mail, password, role, municipalities) and the account as the
// API shows it. One place for the server's check, the CLI and the browser's hints.
import { z } from 'zod';
import { ACCOUNT_STATES } from './identity/policy.ts';
import { ROLES } from './organisation.ts';
import { MIN_PASSWORD_LENGTH } from './password-length.ts';

export { MIN_PASSWORD_LENGTH };

export const passwordRule = z.string().min(MIN_PASSWORD_LENGTH, `Lösenordet ska ha minst ${MIN_PASSWORD_LENGTH} tecken`).max(200);

export const emailRule = z.string().trim().email('Ange en giltig e-postadress').max(254);

export const roleRule = z.enum(ROLES, { error: 'Rollen ska vara forbundsadmin, kommunansvarig, lasare eller regionanalytiker' });

/** A user's municipalities: a code given twice counts once (it would break the unique key otherwise). */
export const municipalityListRule = z
  .array(z.string().regex(/^[0-9]{4}$/, 'Kommunkoden ska vara fyra siffror (SCB-kod)'))
  .max(50)
  .transform((codes) => [...new Set(codes)]);

/** An account as the API shows it (never the password). */
export const userSchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  isDemo: z.boolean(),
  municipalities: z.array(z.string()).describe('Kommunansvarig: kommunernas SCB-koder'),
  associationId: z.number().nullable().describe('Kommunalförbundet kontot hör till (inget för regionanalytiker)'),
  associationMembers: z.array(z.string()).describe('Förbundets medlemskommuner (SCB-koder)'),
  status: z.enum(ACCOUNT_STATES).describe('Inbjuden (har inte tagit emot inbjudan), aktivt eller avaktiverat'),
  hasPassword: z.boolean(),
  totpEnabled: z.boolean().describe('Tvåstegsverifiering med app (TOTP) är påslagen'),
  ssoProviders: z.array(z.string()).describe('Identitetsleverantörer kontot är kopplat till'),
});
export type User = z.infer<typeof userSchema>;

/** Why an admin changed an account (role, municipalities, deactivation): required, kept in the event log. */
export const reasonRule = z
  .string({ error: 'Ange en motivering; den sparas i händelseloggen' })
  .trim()
  .min(1, 'Ange en motivering; den sparas i händelseloggen')
  .max(500);
