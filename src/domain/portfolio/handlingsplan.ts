// The handlingsplan (action plan) for a period, e.g. 2025–2026 (DOMAIN.md §7; VGR Analys 2025:40: Fyrbodal's
// "gemensam handlingsplan för 2025-2026"). One model, rendered as DOCX, PDF and XLSX elsewhere.
//
// Content: the initiatives in stage Prioriterad or Genomförande whose planned years overlap the period,
// in ranking order (qualification.ts), with their participants, benefit estimate, cost and funding;
// the qualification criteria and their weights; totals.
import { rankInitiatives, type Criterion, type CriterionScore } from './qualification.ts';
import {
  COLLABORATION_FORM_LABELS,
  FUNDING_SOURCE_LABELS,
  formatSek,
  SCOPE_LABELS,
  STAGE_LABELS,
  overlapsYears,
  participating,
  interested,
  type InitiativeData,
  type Stage,
} from './types.ts';

export const HANDLINGSPLAN_STAGES: Stage[] = ['prioriterad', 'genomforande'];

export interface HandlingsplanInput {
  from: number;
  to: number;
  association: string;
  /** ISO timestamp of generation. */
  generatedAt: string;
  initiatives: Array<InitiativeData & { scores: CriterionScore[]; actors: Array<{ name: string }> }>;
  criteria: Criterion[];
  /** Municipality code → name. */
  municipalityNames: Record<string, string>;
  /** Area id → name. */
  areaNames: Record<string, string>;
}

export interface HandlingsplanRow {
  rank: number;
  id: number;
  title: string;
  stage: string;
  scope: string;
  area: string;
  need: string;
  collaborationForm: string;
  period: string;
  participating: string[];
  interested: string[];
  actors: string[];
  weightedScore: number | null;
  scorePercent: number | null;
  estimatedCost: number | null;
  sekPerYear: number | null;
  hoursPerYear: number | null;
  funding: string;
}

export interface HandlingsplanModel {
  title: string;
  association: string;
  period: { from: number; to: number };
  generatedAt: string;
  rows: HandlingsplanRow[];
  criteria: Array<{ label: string; weight: number; description: string }>;
  totals: { initiatives: number; estimatedCost: number; sekPerYear: number; hoursPerYear: number; municipalities: number };
  notes: string[];
}

const yearSpan = (a: number | null, b: number | null) =>
  a === null && b === null ? 'Ej angiven' : a === b ? String(a) : `${a ?? '…'}–${b ?? '…'}`;

export function buildHandlingsplan(input: HandlingsplanInput): HandlingsplanModel {
  const name = (code: string) => input.municipalityNames[code] ?? code;
  const chosen = input.initiatives.filter((i) => HANDLINGSPLAN_STAGES.includes(i.stage) && overlapsYears(i, input.from, input.to));
  const ranking = rankInitiatives(
    chosen.map((i) => ({ id: i.id, title: i.title, scores: i.scores, participating: participating(i).length })),
    input.criteria,
  );
  const byId = new Map(chosen.map((i) => [i.id, i]));
  const rows: HandlingsplanRow[] = ranking.map((r) => {
    const i = byId.get(r.id)!;
    return {
      rank: r.rank,
      id: i.id,
      title: i.title,
      stage: STAGE_LABELS[i.stage],
      scope: SCOPE_LABELS[i.scope],
      area: i.area ? (input.areaNames[i.area] ?? i.area) : '',
      need: i.need,
      collaborationForm: i.collaborationForm ? COLLABORATION_FORM_LABELS[i.collaborationForm] : '',
      period: yearSpan(i.startYear, i.endYear),
      participating: participating(i).map(name).sort((a, b) => a.localeCompare(b, 'sv')),
      interested: interested(i).map(name).sort((a, b) => a.localeCompare(b, 'sv')),
      actors: i.actors.map((a) => a.name).sort((a, b) => a.localeCompare(b, 'sv')),
      weightedScore: r.score,
      scorePercent: r.percent,
      estimatedCost: i.estimatedCost,
      sekPerYear: i.benefits.sekPerYear,
      hoursPerYear: i.benefits.hoursPerYear,
      funding: i.fundingSources
        .map((f) => `${FUNDING_SOURCE_LABELS[f.source]}${f.amount !== null ? ` ${formatSek(f.amount)}` : ''}${f.note ? ` (${f.note})` : ''}`)
        .join('; '),
    };
  });
  const municipalities = new Set(chosen.flatMap((i) => participating(i)));
  const notes: string[] = [];
  const unscored = ranking.filter((r) => !r.complete).map((r) => r.title);
  if (unscored.length) notes.push(`Ej fullständigt kvalificerade (rangordnas sist): ${unscored.join(', ')}.`);
  const noCost = rows.filter((r) => r.estimatedCost === null).map((r) => r.title);
  if (noCost.length) notes.push(`Kostnadsuppskattning saknas för: ${noCost.join(', ')}.`);
  return {
    title: `Handlingsplan ${input.from === input.to ? input.from : `${input.from}–${input.to}`}`,
    association: input.association,
    period: { from: input.from, to: input.to },
    generatedAt: input.generatedAt,
    rows,
    criteria: input.criteria.filter((c) => c.weight > 0).map((c) => ({ label: c.label, weight: c.weight, description: c.description })),
    totals: {
      initiatives: rows.length,
      estimatedCost: rows.reduce((s, r) => s + (r.estimatedCost ?? 0), 0),
      sekPerYear: rows.reduce((s, r) => s + (r.sekPerYear ?? 0), 0),
      hoursPerYear: rows.reduce((s, r) => s + (r.hoursPerYear ?? 0), 0),
      municipalities: municipalities.size,
    },
    notes,
  };
}
