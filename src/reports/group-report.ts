// The group report "Jämförelse för en grupp kommuner" (issue 12, deliver 6) for the HTTP API and the CLI:
// the group's economics comparison for a year (src/economics/get-group-comparison.ts: the viewer's
// naming, "Kommun N" for members the viewer may not see by name) and the group register's risk heatmap,
// labelled with the same naming so that "Kommun 2" is the same municipality in every table, built into a
// report model (domain/reports/group.ts). Real names of hidden members are redacted from every text.
import type { Db } from '../db/db.ts';
import { getGroupComparison } from '../economics/get-group-comparison.ts';
import { municipalityNames, requireGroup } from '../economics/common.ts';
import { groupNaming } from '../domain/economics/policy.ts';
import { ASSOCIATION, type Viewer } from '../domain/organisation.ts';
import { buildGroupReport } from '../domain/reports/group.ts';
import type { ReportModel } from '../domain/reports/model.ts';
import { isoDate } from '../domain/reports/swedish.ts';
import { qualityFlagsOfNotes, riskHeatmap } from '../domain/risk/assess.ts';
import type { RiskHeatmapView } from '../domain/risk/view.ts';
import { lookup } from '../risks/common.ts';
import { roundAssociation } from '../store/reports.ts';
import { listRiskRecords } from '../store/risks.ts';
import { slug, type ReportFormat } from './render/index.ts';

/** The group report of group `groupId` for `year` (default: the comparison's default year) as `viewer` may see it. */
export async function groupReportModel(db: Db, viewer: Viewer, groupId: number, year?: number, now = new Date()): Promise<ReportModel> {
  const comparison = await getGroupComparison(db, viewer, groupId, year);
  const group = await requireGroup(db, groupId);
  const names = await municipalityNames(db);
  const naming = groupNaming(viewer, group, comparison.year, names);
  // The heatmap's columns in the comparison's order, named as the comparison names them.
  const order = new Map(comparison.members.map((m, i) => [m.municipality, i]));
  const members = group.members
    .map((code) => ({ code, label: naming.nameOf(code), displayCode: naming.visible(code) ? code : naming.nameOf(code) }))
    .sort((a, b) => (order.get(a.label) ?? 1e9) - (order.get(b.label) ?? 1e9) || a.label.localeCompare(b.label, 'sv', { numeric: true }));
  const l = await lookup(db);
  // The assessments as they stood at the end of the report's year (a later follow-up belongs to a later report).
  const yearEnd = `${comparison.year}-12-31`;
  const risks = (await listRiskRecords(db, { groupId })).map((r) => ({ ...r, assessments: r.assessments.filter((a) => a.assessedOn <= yearEnd) }));
  const heatmap: RiskHeatmapView | null = risks.length
    ? riskHeatmap({ groupId, group: group.name, named: comparison.named, seriousAbove: l.seriousAbove, members, themes: l.themes, risks })
    : null;
  const hidden = Object.fromEntries(group.members.filter((c) => !naming.visible(c)).map((c) => [c, names[c] ?? c]));
  return buildGroupReport({
    comparison,
    heatmap,
    association: (await roundAssociation(db, [...group.members])) ?? ASSOCIATION,
    generatedAt: isoDate(now),
    memberNames: hidden,
    // The warnings name municipalities as the source spells them: only where names are shown.
    riskFlags: comparison.named ? qualityFlagsOfNotes(risks.flatMap((r) => r.assessments.map((a) => a.note))) : [],
  });
}

/** "jamforelse-4d-bengtsfors-fargelanda-mellerud-och-amal-2024.pdf". */
export function groupReportFileName(model: ReportModel, format: ReportFormat | 'json'): string {
  const fact = (label: string) => model.meta.facts?.find(([k]) => k === label)?.[1] ?? '';
  return `jamforelse-${slug(fact('Grupp')) || 'grupp'}-${fact('År')}.${format}`;
}
