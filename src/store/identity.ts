// Storage of the identity rules' inputs: e-mail domain rules, the security settings, an account's
// facts for src/domain/identity/policy.ts.
import type { Queryable } from '../db/db.ts';
import { DEFAULT_SECURITY_SETTINGS, type AccountFacts, type DomainRule, type SecuritySettings } from '../domain/identity/policy.ts';
import { securitySettingsSchema } from '../domain/identity/schema.ts';

const SECURITY_KEY = 'security';

/**
 * The rules per e-mail domain: of one association (what its admins see and edit), or without
 * `associationId` every rule (signing in matches an address against all of them).
 */
export async function listDomainRules(db: Queryable, associationId?: number): Promise<DomainRule[]> {
  return (
    await db.query<DomainRule>(
      `SELECT domain, provisioning, municipality_code AS "municipalityCode", password_sign_in AS "passwordSignIn"
         FROM sign_in_domains WHERE ($1::int IS NULL OR association_id = $1) ORDER BY domain`,
      [associationId ?? null],
    )
  ).rows;
}

/** The association a domain's rule belongs to (accounts it creates are made there), or null without a rule. */
export async function domainRuleAssociation(db: Queryable, domain: string): Promise<number | null> {
  const r = (await db.query<{ a: number }>('SELECT association_id AS a FROM sign_in_domains WHERE domain = lower($1)', [domain])).rows[0];
  return r ? Number(r.a) : null;
}

/** Saves a rule; a new rule belongs to `associationId` (default: the instance's default association), an existing one keeps its own. */
export async function saveDomainRule(db: Queryable, r: DomainRule, associationId?: number): Promise<void> {
  await db.query(
    `INSERT INTO sign_in_domains (domain, provisioning, municipality_code, password_sign_in, association_id)
     VALUES ($1, $2, $3, $4, COALESCE($5::int, default_association_id()))
     ON CONFLICT (domain) DO UPDATE SET provisioning = EXCLUDED.provisioning, municipality_code = EXCLUDED.municipality_code,
       password_sign_in = EXCLUDED.password_sign_in, updated_at = now()`,
    [r.domain, r.provisioning, r.municipalityCode, r.passwordSignIn, associationId ?? null],
  );
}

/** True when a rule was deleted. */
export async function deleteDomainRule(db: Queryable, domain: string): Promise<boolean> {
  return (await db.query("DELETE FROM sign_in_domains WHERE domain = $1", [domain.toLowerCase()])).rowCount > 0;
}

export async function getSecuritySettings(db: Queryable): Promise<SecuritySettings> {
  const row = (await db.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [SECURITY_KEY])).rows[0];
  const parsed = securitySettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : DEFAULT_SECURITY_SETTINGS;
}

export async function saveSecuritySettings(db: Queryable, s: SecuritySettings): Promise<void> {
  await db.query(`INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
    SECURITY_KEY,
    JSON.stringify(s),
  ]);
}

/** What the sign-in rules need to know of an account. */
export async function getAccountFacts(db: Queryable, userId: number): Promise<AccountFacts | undefined> {
  return (
    await db.query<AccountFacts>(
      `SELECT email, role, activated_at AS "activatedAt", deactivated_at AS "deactivatedAt",
              password_hash IS NOT NULL AS "hasPassword", totp_enabled_at IS NOT NULL AS "totpEnabled"
         FROM users WHERE id = $1`,
      [userId],
    )
  ).rows[0];
}
