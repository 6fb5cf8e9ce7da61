// Administration → Säkerhet: the association's security settings (TOTP for admins, how long the event
// log is kept), saved and logged with before and after in one transaction. Turning the TOTP requirement
// on while the admin doing it has no TOTP is allowed (they enrol at their next sign-in) but warned of.
import type { Db } from '../db/db.ts';
import type { SecuritySettings } from '../domain/identity/policy.ts';
import { audit } from '../store/audit.ts';
import { getAccountFacts, getSecuritySettings, saveSecuritySettings } from '../store/identity.ts';

export const NO_OWN_TOTP_WARNING =
  'Du har själv inte tvåstegsverifiering. Nästa gång du loggar in med lösenord måste du slå på den innan du kommer vidare (Mitt konto → Tvåstegsverifiering).';

export async function saveSecurity(db: Db, admin: { id: number; ip?: string }, next: SecuritySettings): Promise<{ settings: SecuritySettings; warnings: string[] }> {
  return db.transaction(async (tx) => {
    const before = await getSecuritySettings(tx);
    const settings = { requireTotpForAdmins: next.requireTotpForAdmins, auditRetentionDays: next.auditRetentionDays };
    await saveSecuritySettings(tx, settings);
    await audit(tx, { actor: admin.id, action: 'security.settings_changed', ip: admin.ip, details: { before, after: settings } });
    const warnings: string[] = [];
    if (settings.requireTotpForAdmins && !(await getAccountFacts(tx, admin.id))?.totpEnabled) warnings.push(NO_OWN_TOTP_WARNING);
    if (settings.auditRetentionDays < before.auditRetentionDays)
      warnings.push(`Händelser äldre än ${settings.auditRetentionDays} dagar raderas vid nästa rensning, senast inom ett dygn.`);
    return { settings, warnings };
  });
}
