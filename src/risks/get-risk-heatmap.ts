// A group register's risk × municipality heatmap with counts assessed / serious per member. Members are
// named for the association and when the group is published by name; otherwise "Kommun N" (a
// kommunansvarig sees their own municipality by name).
import type { Db } from '../db/db.ts';
import { heatmapMembers, type RiskViewer } from '../domain/risk/policy.ts';
import { riskHeatmap } from '../domain/risk/assess.ts';
import type { RiskHeatmapView } from '../domain/risk/view.ts';
import { anonymisationSecret } from '../store/analysis.ts';
import { listRiskRecords } from '../store/risks.ts';
import { lookup, requireGroup } from './common.ts';

export async function getRiskHeatmap(db: Db, viewer: RiskViewer, groupId: number, themeId?: string): Promise<RiskHeatmapView> {
  const group = await requireGroup(db, groupId);
  const l = await lookup(db);
  const risks = await listRiskRecords(db, { groupId, ...(themeId ? { themeId } : {}) });
  const { named, members } = heatmapMembers(
    viewer,
    group,
    group.members.map((code) => ({ code, name: l.municipalities.get(code) ?? code })),
    await anonymisationSecret(db),
  );
  return riskHeatmap({ groupId, group: group.name, named, seriousAbove: l.seriousAbove, members, themes: l.themes, risks });
}
