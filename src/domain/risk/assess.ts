// The rules of the risk analysis (DOMAIN.md §9), in one place: an assessment's value, what is serious,
// a municipality's current assessment of a risk, the history, the counts, the 4 × 4 matrix of one
// municipality and the risk × municipality heatmap of a group. Initiatives' own risks use the same
// value and serious rule (initiativeRiskValue). Pure and browser-safe.
import type { AssessmentValue, RiskStatus } from './schema.ts';
import { DEFAULT_SERIOUS_ABOVE, RISK_STATUS_LABELS } from './schema.ts';
import type { AssessmentView, RiskHeatmapView, RiskMatrixView, RiskView } from './view.ts';

/** probability × consequence, the published value, or null when not assessed (never 0). */
export function assessmentValueOf(a: AssessmentValue): number | null {
  if (a.state === 'assessed') return a.probability * a.consequence;
  if (a.state === 'valueOnly') return a.value;
  return null;
}

/** A value above the threshold is serious (Bilaga 5: "Riskvärden som överstiger 7"). Not assessed is never serious. */
export const isSerious = (value: number | null, seriousAbove = DEFAULT_SERIOUS_ABOVE): boolean => value !== null && value > seriousAbove;

/** An initiative's risk (probability and consequence 1–4 or null): its value by the register's rule, null unless both are given. */
export function initiativeRiskValue(r: { probability: number | null; consequence: number | null }): number | null {
  return r.probability !== null && r.consequence !== null ? assessmentValueOf({ state: 'assessed', probability: r.probability, consequence: r.consequence }) : null;
}

/** One stored assessment: the input plus when it was recorded (orders assessments of the same day). */
export interface StoredAssessment {
  id: number;
  municipalityCode: string | null;
  assessedOn: string;
  /** ISO timestamp of recording. */
  createdAt: string;
  assessment: AssessmentValue;
  source: string;
  note: string;
}

/** A risk as stored, with all its assessments. */
export interface RiskRecord {
  id: number;
  themeId: string;
  title: string;
  scope: { kind: 'municipality'; municipalityCode: string } | { kind: 'group'; groupId: number };
  owner: string;
  measure: string;
  status: RiskStatus;
  reviewDate: string | null;
  initiativeId: number | null;
  source: string;
  note: string;
  synthesised: boolean;
  sort: number;
  assessments: StoredAssessment[];
}

const chronological = (a: StoredAssessment, b: StoredAssessment) =>
  a.assessedOn.localeCompare(b.assessedOn) || a.createdAt.localeCompare(b.createdAt) || a.id - b.id;

/** Every assessment, oldest first (by date of assessment, then by when it was recorded). */
export const historyOf = (assessments: readonly StoredAssessment[]): StoredAssessment[] => [...assessments].sort(chronological);

/** The latest assessment per municipality (by assessedOn; ties: the latest recorded), in municipality order. */
export function currentAssessments(assessments: readonly StoredAssessment[]): StoredAssessment[] {
  const latest = new Map<string | null, StoredAssessment>();
  for (const a of historyOf(assessments)) latest.set(a.municipalityCode, a);
  return [...latest.values()].sort((a, b) => (a.municipalityCode ?? '').localeCompare(b.municipalityCode ?? ''));
}

/** The current assessment of `municipalityCode` (a municipality register's assessments have none: pass null), or null. */
export function currentFor(r: RiskRecord, municipalityCode: string | null): StoredAssessment | null {
  return currentAssessments(r.assessments).find((a) => a.municipalityCode === municipalityCode) ?? null;
}

/** Counts over current assessments: a missing assessment counts as not assessed. */
export function countAssessments(current: ReadonlyArray<AssessmentValue | null>, seriousAbove = DEFAULT_SERIOUS_ABOVE) {
  let assessed = 0;
  let serious = 0;
  for (const a of current) {
    const v = a ? assessmentValueOf(a) : null;
    if (v === null) continue;
    assessed++;
    if (isSerious(v, seriousAbove)) serious++;
  }
  return { assessed, serious, notAssessed: current.length - assessed };
}

export interface RiskContext {
  seriousAbove: number;
  themeName(id: string): string;
  municipalityName(code: string): string;
  groupName(id: number): string;
  /** Which municipalities' assessments the viewer may see; all when absent. */
  showsAssessmentOf?: (code: string | null) => boolean;
}

export function assessmentView(a: StoredAssessment, ctx: Pick<RiskContext, 'seriousAbove' | 'municipalityName'>): AssessmentView {
  const value = assessmentValueOf(a.assessment);
  return {
    municipalityCode: a.municipalityCode,
    municipality: a.municipalityCode === null ? null : ctx.municipalityName(a.municipalityCode),
    assessedOn: a.assessedOn,
    assessment: a.assessment,
    value,
    serious: isSerious(value, ctx.seriousAbove),
    source: a.source,
    note: a.note,
  };
}

/** A risk as shown: current assessments and the history, oldest first, of what the viewer may see. */
export function riskView(r: RiskRecord, ctx: RiskContext): RiskView {
  const shown = r.assessments.filter((a) => ctx.showsAssessmentOf?.(a.municipalityCode) ?? true);
  return {
    id: r.id,
    themeId: r.themeId,
    theme: ctx.themeName(r.themeId),
    title: r.title,
    scope:
      r.scope.kind === 'municipality'
        ? { kind: 'municipality', municipalityCode: r.scope.municipalityCode, municipality: ctx.municipalityName(r.scope.municipalityCode) }
        : { kind: 'group', groupId: r.scope.groupId, group: ctx.groupName(r.scope.groupId) },
    owner: r.owner,
    measure: r.measure,
    status: r.status,
    statusLabel: RISK_STATUS_LABELS[r.status],
    reviewDate: r.reviewDate,
    initiativeId: r.initiativeId,
    source: r.source,
    note: r.note,
    synthesised: r.synthesised,
    current: currentAssessments(shown).map((a) => assessmentView(a, ctx)),
    history: historyOf(shown).map((a) => assessmentView(a, ctx)),
  };
}

/**
 * The 4 × 4 matrix of one municipality from each risk's current assessment for it (null = none).
 * Risks assessed with only a published value are listed by value (highest first), not placed.
 */
export function riskMatrix(
  municipality: { code: string; name: string },
  items: ReadonlyArray<{ riskId: number; assessment: AssessmentValue | null }>,
  seriousAbove = DEFAULT_SERIOUS_ABOVE,
): RiskMatrixView {
  const cells = [1, 2, 3, 4].map((probability) =>
    [1, 2, 3, 4].map((consequence) => ({
      probability,
      consequence,
      value: probability * consequence,
      serious: isSerious(probability * consequence, seriousAbove),
      riskIds: [] as number[],
    })),
  );
  const valueOnly: RiskMatrixView['valueOnly'] = [];
  for (const { riskId, assessment: a } of items) {
    if (a?.state === 'assessed') cells[a.probability - 1][a.consequence - 1].riskIds.push(riskId);
    else if (a?.state === 'valueOnly') valueOnly.push({ riskId, value: a.value, serious: isSerious(a.value, seriousAbove) });
  }
  valueOnly.sort((a, b) => b.value - a.value || a.riskId - b.riskId);
  const counts = countAssessments(items.map((i) => i.assessment), seriousAbove);
  return { municipalityCode: municipality.code, municipality: municipality.name, cells, valueOnly, ...counts };
}

/**
 * The risk × municipality heatmap of a group register: each risk's current assessment per member and the
 * counts per member. Members are given as the viewer may see them (names or "Kommun N", in display order).
 */
export function riskHeatmap(input: {
  groupId: number;
  group: string;
  named: boolean;
  seriousAbove: number;
  members: ReadonlyArray<{ code: string; label: string; displayCode: string }>;
  themes: ReadonlyArray<{ id: string; name: string }>;
  risks: readonly RiskRecord[];
}): RiskHeatmapView {
  const { seriousAbove } = input;
  const themeOrder = new Map(input.themes.map((t, i) => [t.id, i]));
  const risks = [...input.risks].sort(
    (a, b) => (themeOrder.get(a.themeId) ?? 1e9) - (themeOrder.get(b.themeId) ?? 1e9) || a.sort - b.sort || a.id - b.id,
  );
  const currentOf = (r: RiskRecord, code: string) => currentFor(r, code)?.assessment ?? null;
  const rows = risks.map((r) => ({
    riskId: r.id,
    themeId: r.themeId,
    title: r.title,
    values: input.members.map((m) => {
      const a = currentOf(r, m.code);
      const value = a ? assessmentValueOf(a) : null;
      return { municipalityCode: m.displayCode, value, serious: isSerious(value, seriousAbove), notAssessed: value === null };
    }),
  }));
  const used = new Set(risks.map((r) => r.themeId));
  return {
    groupId: input.groupId,
    group: input.group,
    named: input.named,
    seriousAbove,
    municipalities: input.members.map((m) => {
      const { assessed, serious } = countAssessments(risks.map((r) => currentOf(r, m.code)), seriousAbove);
      return { municipalityCode: m.displayCode, municipality: m.label, assessed, serious };
    }),
    themes: input.themes.filter((t) => used.has(t.id)).map((t) => ({ themeId: t.id, theme: t.name })),
    rows,
  };
}

/** The prefix of a data-quality warning kept in an assessment's note (e.g. a municipality name matched approximately). */
export const QUALITY_PREFIX = 'Datakvalitet: ';

/** The distinct data-quality warnings of the assessments shown, so that they appear wherever the figures do. */
export function qualityFlags(risks: ReadonlyArray<Pick<RiskView, 'history'>>): string[] {
  return qualityFlagsOfNotes(risks.flatMap((r) => r.history.map((a) => a.note)));
}

/** The distinct data-quality warnings among assessments' notes. */
export function qualityFlagsOfNotes(notes: Iterable<string>): string[] {
  const flags = new Set<string>();
  for (const note of notes) if (note.startsWith(QUALITY_PREFIX)) flags.add(note.slice(QUALITY_PREFIX.length));
  return [...flags].sort();
}
