// Replaces the risk themes (the association). A theme that risks use cannot be removed.
import type { Db } from '../db/db.ts';
import { conflict, forbidden } from '../domain/errors.ts';
import { canConfigure, type RiskViewer } from '../domain/risk/policy.ts';
import type { ThemeInput } from '../domain/risk/schema.ts';
import { audit } from '../store/audit.ts';
import { listThemes, replaceThemes, themesInUse, type ThemeRow } from '../store/risks.ts';
import type { Caller } from './common.ts';

export const ADMIN_ONLY = 'Bara förbundet kan ändra teman och gränsen för allvarliga risker';

export async function saveThemes(db: Db, caller: Caller & { user: RiskViewer }, themes: ThemeInput[]): Promise<ThemeRow[]> {
  if (!canConfigure(caller.user)) throw forbidden(ADMIN_ONLY);
  return db.transaction(async (tx) => {
    const kept = new Set(themes.map((t) => t.id));
    const removed = (await themesInUse(tx)).filter((id) => !kept.has(id));
    if (removed.length) throw conflict(`Temat används av risker och kan inte tas bort: ${removed.join(', ')}`);
    await replaceThemes(tx, themes);
    await audit(tx, { actor: caller.user.id, action: 'risk.themes_changed', ip: caller.ip, details: { themes } });
    return listThemes(tx);
  });
}
