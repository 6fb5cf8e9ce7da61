// What the risk use cases share: the caller, the context a risk is shown in (themes, names, threshold),
// loading a risk or a 404, the view of a risk for a viewer, and the checks of references.
import { fieldError } from '../contracts/messages.ts';
import type { Queryable } from '../db/db.ts';
import { notFound } from '../domain/errors.ts';
import { riskView, type RiskContext, type RiskRecord } from '../domain/risk/assess.ts';
import { showsGroupAssessment, type RiskViewer } from '../domain/risk/policy.ts';
import { DEFAULT_THEMES } from '../domain/risk/schema.ts';
import type { RiskView } from '../domain/risk/view.ts';
import { requireAssociationMembers } from '../associations/members.ts';
import { getGroup, listGroups, type GroupRow } from '../store/groups.ts';
import { listMunicipalities } from '../store/organisation.ts';
import { getRisk, getSeriousAbove, initiativeExists, listThemes, type ThemeRow } from '../store/risks.ts';

/** Who calls a use case, and from where (for the audit log). */
export interface Caller {
  user: RiskViewer & { id: number };
  ip?: string;
}

export const RISK_NOT_FOUND = 'Risken finns inte';

export async function requireRisk(db: Queryable, id: number): Promise<RiskRecord> {
  const r = await getRisk(db, id);
  if (!r) throw notFound(RISK_NOT_FOUND);
  return r;
}

/** The stored themes, or the four of Bilaga 5 before any risk has been entered. */
export async function themesOrDefault(db: Queryable): Promise<ThemeRow[]> {
  const themes = await listThemes(db);
  return themes.length ? themes : DEFAULT_THEMES.map((t, i) => ({ ...t, sort: (i + 1) * 10 }));
}

export interface Lookup {
  themes: ThemeRow[];
  seriousAbove: number;
  municipalities: Map<string, string>;
  groups: Map<number, GroupRow>;
}

/** What a risk is shown with; the groups of one association (without `associationId`: every association's). */
export async function lookup(db: Queryable, associationId?: number): Promise<Lookup> {
  return {
    themes: await themesOrDefault(db),
    seriousAbove: await getSeriousAbove(db),
    municipalities: new Map((await listMunicipalities(db)).map((m) => [m.code, m.name])),
    groups: new Map((await listGroups(db, associationId)).map((g) => [g.id, g])),
  };
}

/** A risk as `viewer` sees it: in a group register only the assessments they may see by name. */
export function viewFor(viewer: RiskViewer, r: RiskRecord, l: Lookup): RiskView {
  const group = r.scope.kind === 'group' ? l.groups.get(r.scope.groupId) : undefined;
  const ctx: RiskContext = {
    seriousAbove: l.seriousAbove,
    themeName: (id) => l.themes.find((t) => t.id === id)?.name ?? id,
    municipalityName: (code) => l.municipalities.get(code) ?? code,
    groupName: (id) => l.groups.get(id)?.name ?? String(id),
    showsAssessmentOf: group ? (code) => showsGroupAssessment(viewer, group, code) : undefined,
  };
  return riskView(r, ctx);
}

export async function riskViewById(db: Queryable, viewer: RiskViewer, id: number): Promise<RiskView> {
  return viewFor(viewer, await requireRisk(db, id), await lookup(db));
}

export const unknownMunicipality = (code: string) => `Kommunen med kod ${code} finns inte`;

export async function requireGroup(db: Queryable, id: number): Promise<GroupRow> {
  const g = await getGroup(db, id);
  if (!g) throw notFound(`Gruppen ${id} finns inte`);
  return g;
}

/**
 * A theme, municipality, group or initiative that does not exist is a 400 naming the field. With an
 * association (`associationId`), the municipality must be its member, and a group or initiative of another
 * association does not exist.
 */
export async function checkRiskReferences(
  db: Queryable,
  f: { themeId?: string; municipalityCode?: string; groupId?: number; initiativeId?: number | null },
  associationId?: number,
): Promise<void> {
  if (f.themeId !== undefined) {
    const themes = await listThemes(db);
    if (!themes.some((t) => t.id === f.themeId))
      throw fieldError('themeId', `Temat "${f.themeId}" finns inte. Teman: ${themes.map((t) => t.id).join(', ')}`);
  }
  if (f.municipalityCode !== undefined && !(await listMunicipalities(db)).some((m) => m.code === f.municipalityCode))
    throw fieldError('municipalityCode', unknownMunicipality(f.municipalityCode));
  if (f.municipalityCode !== undefined) await requireAssociationMembers(db, associationId, [f.municipalityCode], 'municipalityCode');
  if (f.groupId !== undefined) {
    const g = await getGroup(db, f.groupId);
    if (!g || (associationId !== undefined && g.associationId !== associationId)) throw fieldError('groupId', `Gruppen ${f.groupId} finns inte`);
  }
  if (f.initiativeId != null && !(await initiativeExists(db, f.initiativeId, associationId))) throw fieldError('initiativeId', `Initiativet ${f.initiativeId} finns inte`);
}
