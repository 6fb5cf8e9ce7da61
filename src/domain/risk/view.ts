// What the risk computations give (DOMAIN.md §9): a risk with each municipality's current assessment and
// its history, a municipality's 4 × 4 matrix, and a group's risk × municipality heatmap. Pure types;
// the rules (value, serious, current, counts) are in assess.ts.
import type { AssessmentValue, RiskStatus } from './schema.ts';

export interface AssessmentView {
  municipalityCode: string | null;
  /** Name or "Kommun N" as the viewer may see it; null for a municipality's own register. */
  municipality: string | null;
  assessedOn: string;
  assessment: AssessmentValue;
  /** probability × consequence, or the published value; null when not assessed. */
  value: number | null;
  serious: boolean;
  source: string;
  note: string;
}

export interface RiskView {
  id: number;
  themeId: string;
  theme: string;
  title: string;
  scope: { kind: 'municipality'; municipalityCode: string; municipality: string } | { kind: 'group'; groupId: number; group: string };
  owner: string;
  measure: string;
  status: RiskStatus;
  statusLabel: string;
  reviewDate: string | null;
  initiativeId: number | null;
  source: string;
  note: string;
  synthesised: boolean;
  /** The latest assessment per municipality (group) or the one current assessment (municipality). */
  current: AssessmentView[];
  /** Every assessment, oldest first: the risk's change over time. */
  history: AssessmentView[];
}

/** The 4 × 4 matrix for one municipality: risks counted (and listed) per probability × consequence. */
export interface RiskMatrixView {
  municipalityCode: string;
  municipality: string;
  /** cells[probability-1][consequence-1] */
  cells: Array<Array<{ probability: number; consequence: number; value: number; serious: boolean; riskIds: number[] }>>;
  /** Assessed with only a published value: listed by value, not placed in the matrix. */
  valueOnly: Array<{ riskId: number; value: number; serious: boolean }>;
  assessed: number;
  serious: number;
  notAssessed: number;
}

/** Risk × municipality across a group, with counts assessed / serious per municipality. */
export interface RiskHeatmapView {
  groupId: number;
  group: string;
  named: boolean;
  seriousAbove: number;
  municipalities: Array<{ municipalityCode: string; municipality: string; assessed: number; serious: number }>;
  themes: Array<{ themeId: string; theme: string }>;
  rows: Array<{ riskId: number; themeId: string; title: string; values: Array<{ municipalityCode: string; value: number | null; serious: boolean; notAssessed: boolean }> }>;
}
