// Who may see and change what of the risk register (DOMAIN.md §9, issue 12 §7): a kommunansvarig enters and
// sees their own municipality's risks and their own assessments in a group register; the association
// (förbundsadmin) sees and edits all, and edits the themes and the serious threshold; everyone else sees a
// group's heatmap with the municipalities anonymised ("Kommun N") unless the group is published by name.
// Pure.
import { anonymiseMunicipalities } from '../analysis/privacy.ts';
import type { Role } from '../organisation.ts';
import type { RiskRecord } from './assess.ts';

export interface RiskViewer {
  role: Role;
  municipalities: readonly string[];
  /** The association the viewer works in (src/domain/association-scope.ts); absent: every association. */
  associationId?: number | null;
}

export const RISK_ADMINS = ['forbundsadmin'] as const satisfies readonly Role[];
export const RISK_EDITORS = ['forbundsadmin', 'kommunansvarig'] as const satisfies readonly Role[];

const isAdmin = (v: RiskViewer) => v.role === 'forbundsadmin';
const owns = (v: RiskViewer, code: string) => v.role === 'kommunansvarig' && v.municipalities.includes(code);

/** Themes and the serious threshold: the association only. */
export const canConfigure = (v: RiskViewer) => isAdmin(v);

/** Creating, changing or deleting a risk: the association, or a kommunansvarig in their own municipality's register. */
export function canEditRisk(v: RiskViewer, scope: RiskRecord['scope']): boolean {
  if (isAdmin(v)) return true;
  return scope.kind === 'municipality' && owns(v, scope.municipalityCode);
}

/** Assessing a risk: as canEditRisk, and in a group register a kommunansvarig assesses for their own member municipality. */
export function canAssess(v: RiskViewer, scope: RiskRecord['scope'], municipalityCode: string | null): boolean {
  if (isAdmin(v)) return true;
  if (scope.kind === 'municipality') return owns(v, scope.municipalityCode);
  return municipalityCode !== null && owns(v, municipalityCode);
}

/** Whether a risk is listed for the viewer: municipality registers only to the association and their own kommunansvarig. */
export function canSeeRisk(v: RiskViewer, scope: RiskRecord['scope']): boolean {
  if (isAdmin(v)) return true;
  if (scope.kind === 'municipality') return owns(v, scope.municipalityCode);
  return true;
}

/**
 * Whose assessments in a group register the viewer sees by name: the association all, everyone all when the
 * group is published by name, a kommunansvarig their own; the rest only in the anonymised heatmap.
 */
export function showsGroupAssessment(v: RiskViewer, group: { namedPublished: boolean }, code: string | null): boolean {
  if (isAdmin(v) || group.namedPublished) return true;
  return code !== null && owns(v, code);
}

/** A municipality's matrix: the association, and a kommunansvarig for their own. */
export const canSeeMatrix = (v: RiskViewer, code: string) => isAdmin(v) || owns(v, code);

/**
 * How a group's members appear in its heatmap for the viewer: by name when the viewer may see them all (the
 * association, or the group published by name); otherwise "Kommun N" (seeded so that the numbering cannot be
 * recomputed), except a kommunansvarig's own municipalities. Ordered by name, or by label when anonymised.
 */
export function heatmapMembers(
  v: RiskViewer,
  group: { id: number; namedPublished: boolean },
  members: ReadonlyArray<{ code: string; name: string }>,
  seed: string,
): { named: boolean; members: Array<{ code: string; label: string; displayCode: string }> } {
  if (isAdmin(v) || group.namedPublished)
    return { named: true, members: [...members].sort((a, b) => a.name.localeCompare(b.name, 'sv')).map((m) => ({ code: m.code, label: m.name, displayCode: m.code })) };
  const labels = anonymiseMunicipalities(
    members.map((m) => m.code),
    `${seed}:risk-group:${group.id}`,
  );
  const shown = members.map((m) =>
    owns(v, m.code) ? { code: m.code, label: m.name, displayCode: m.code } : { code: m.code, label: labels[m.code], displayCode: labels[m.code] },
  );
  const n = (l: string) => Number(/^Kommun (\d+)$/.exec(l)?.[1] ?? 0);
  shown.sort((a, b) => n(labels[a.code]) - n(labels[b.code]));
  return { named: false, members: shown };
}
