// The risks a viewer may see, filtered by theme, municipality, group or initiative, each with its current
// assessments and history, and the counts assessed / serious / not assessed per municipality.
import { fieldError } from '../contracts/messages.ts';
import type { Db } from '../db/db.ts';
import { countAssessments, currentFor, qualityFlags } from '../domain/risk/assess.ts';
import { canSeeRisk, showsGroupAssessment, type RiskViewer } from '../domain/risk/policy.ts';
import type { RiskView } from '../domain/risk/view.ts';
import { listRiskRecords, type RiskFilter } from '../store/risks.ts';
import { checkRiskReferences, lookup, viewFor } from './common.ts';
import { viewerAssociation } from '../domain/association-scope.ts';

export interface MunicipalityCounts {
  municipalityCode: string;
  municipality: string;
  assessed: number;
  serious: number;
  notAssessed: number;
}

export interface RiskList {
  seriousAbove: number;
  risks: RiskView[];
  counts: MunicipalityCounts[];
  /** Data-quality warnings of the assessments shown (e.g. a municipality name matched approximately). */
  qualityFlags: string[];
}

/** The risks of the viewer's association's registers (its members' and its groups'). */
export async function listRisks(db: Db, viewer: RiskViewer, filter: RiskFilter): Promise<RiskList> {
  const associationId = viewerAssociation(viewer);
  await checkRiskReferences(db, { municipalityCode: filter.municipalityCode, groupId: filter.groupId }, associationId);
  const l = await lookup(db, associationId);
  if (filter.themeId !== undefined && !l.themes.some((t) => t.id === filter.themeId))
    throw fieldError('theme', `Temat "${filter.themeId}" finns inte. Teman: ${l.themes.map((t) => t.id).join(', ')}`);
  const records = (await listRiskRecords(db, { ...filter, associationId })).filter((r) => canSeeRisk(viewer, r.scope));
  // Counts per municipality over the registers it has risks in (own register, and groups it is a member of).
  const codes = new Set<string>();
  for (const r of records) {
    if (r.scope.kind === 'municipality') codes.add(r.scope.municipalityCode);
    else {
      const g = l.groups.get(r.scope.groupId);
      for (const c of g?.members ?? []) if (g && showsGroupAssessment(viewer, g, c)) codes.add(c);
    }
  }
  const counts = [...codes]
    .filter((c) => filter.municipalityCode === undefined || c === filter.municipalityCode)
    .map((code) => {
      const of = records.filter((r) => (r.scope.kind === 'municipality' ? r.scope.municipalityCode === code : l.groups.get(r.scope.groupId)?.members.includes(code)));
      const current = of.map((r) => currentFor(r, r.scope.kind === 'municipality' ? null : code)?.assessment ?? null);
      return { municipalityCode: code, municipality: l.municipalities.get(code) ?? code, ...countAssessments(current, l.seriousAbove) };
    })
    .sort((a, b) => a.municipality.localeCompare(b.municipality, 'sv'));
  const risks = records.map((r) => viewFor(viewer, r, l));
  return { seriousAbove: l.seriousAbove, risks, counts, qualityFlags: qualityFlags(risks) };
}
