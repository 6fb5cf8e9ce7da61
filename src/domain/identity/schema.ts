// The identity aggregates' fields as zod schemas (issue 13): e-mail domain rules, security settings,
// invitations and sessions as the API shows them. Routes, CLI and web forms derive from these.
import { z } from 'zod';
import { ACCOUNT_STATES, DEFAULT_SECURITY_SETTINGS, SIGN_IN_METHODS } from './policy.ts';

export const domainNameRule = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9åäö](?:[a-z0-9åäö-]{0,61}[a-z0-9åäö])?\.)+[a-z]{2,63}$/, 'Ange en domän, till exempel mellerud.se');

export const domainRuleSchema = z.object({
  domain: domainNameRule,
  provisioning: z.enum(['refuse', 'create'], { error: 'Välj om okända användare nekas eller skapas som läsare' }),
  municipalityCode: z.string().regex(/^[0-9]{4}$/, 'Kommunkoden ska vara fyra siffror (SCB-kod)').nullable().default(null),
  passwordSignIn: z.boolean().default(true),
});

export const securitySettingsSchema = z.object({
  requireTotpForAdmins: z.boolean().default(DEFAULT_SECURITY_SETTINGS.requireTotpForAdmins),
  auditRetentionDays: z
    .number({ error: 'Ange antal dagar' })
    .int('Ange ett helt antal dagar')
    .min(30, 'Händelseloggen sparas minst 30 dagar')
    .max(3650, 'Händelseloggen sparas högst 10 år (3 650 dagar)')
    .default(DEFAULT_SECURITY_SETTINGS.auditRetentionDays),
});

export const accountStateSchema = z.enum(ACCOUNT_STATES);
export const signInMethodSchema = z.enum(SIGN_IN_METHODS);

/** One of a person's sessions (Mitt konto → Inloggningar). */
export const sessionInfoSchema = z.object({
  id: z.number(),
  method: signInMethodSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  expiresAt: z.string(),
  current: z.boolean().describe('Sessionen som frågar'),
});
