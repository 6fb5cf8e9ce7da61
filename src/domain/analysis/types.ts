// Shared types of the analysis module (DOMAIN.md §5). Pure data shapes, JSON-able.
import type { AnswerValue, QuadrantKey } from '../instruments/schema.ts';

/** One response as the analysis sees it. The caller decides which responses count (completed or partial). */
export interface AnalysisResponse {
  responseId: string;
  /** SCB municipality code, e.g. "1461". */
  municipality: string;
  respondentType?: string;
  /** Verksamhetsområde id. */
  area?: string;
  answers: Record<string, AnswerValue>;
}

/**
 * The unit of analysis of a figure. Every figure states it together with `n`:
 * - respondents: n answering respondents (persons),
 * - municipalities: n municipalities, each counted once,
 * - mentions: n selected options of a multi-select question (a respondent may give several).
 */
export type Base = 'respondents' | 'municipalities' | 'mentions';

export type Aggregation = 'median' | 'mean';

export type GroupBy = 'all' | 'municipality' | 'respondentType' | 'area';

export interface OptionCount {
  code: string;
  label: string;
  /** The option's scale value; null for non-scored options such as "Vet ej". */
  value: number | null;
  count: number;
  /** count / n × 100, unrounded; null when n = 0. */
  percent: number | null;
}

export interface NumericSummary {
  n: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

/** A distribution of the answers to one question within one group. */
export interface DistributionFigure {
  kind: 'distribution';
  itemId: string;
  itemType: string;
  groupBy: GroupBy;
  /** Municipality code, respondent type id or area id; null for groupBy 'all'. */
  groupKey: string | null;
  base: Base;
  /** Respondents (or municipalities) who answered, "Vet ej" included; for multi-select the number of mentions. */
  n: number;
  /** Respondents behind the figure (equals n unless base is 'mentions'). Used for suppression. */
  respondents: number;
  /** Scored options (value ≠ null), in the instrument's order. */
  options: OptionCount[];
  /** Non-scored options ("Vet ej", value null), reported apart; percent of the same n. */
  dontKnow: OptionCount[];
  dontKnowTotal: { count: number; percent: number | null };
  /** Answers with a scored option: n minus "Vet ej". */
  nKnown: number;
  /** number items only. */
  numeric?: NumericSummary;
  /**
   * multi only: the same counts as shares of the respondents who answered the question
   * (a respondent may select several options, so these do not sum to 100).
   */
  perRespondent?: { base: 'respondents'; n: number; options: OptionCount[] };
}

/** An aggregated score: a value on the item's scale and its percentage of the scale (see values.ts). */
export interface ScoreFigure {
  base: Base;
  n: number;
  value: number | null;
  pct: number | null;
}

export interface ItemScore extends ScoreFigure {
  kind: 'item-score';
  itemId: string;
  /** Respondents who answered "Vet ej" (not scored). */
  dontKnow: number;
}

export interface PctScore {
  /** Percentage of the scale maximum (mean of the item percentages); null when nothing was scored. */
  pct: number | null;
  /** Respondents who gave at least one scored answer within the group / dimension. */
  base: 'respondents';
  n: number;
  /** Number of items with a value that the percentage is the mean of. */
  items: number;
}

export interface QuadrantPlacement {
  key: QuadrantKey | null;
  label: string | null;
  phase: string | null;
  x: number | null;
  y: number | null;
}

export interface MunicipalityScores {
  kind: 'municipality-scores';
  municipality: string;
  base: 'respondents';
  /** Responses from this municipality. */
  n: number;
  items: Record<string, ItemScore>;
  groups: Record<string, PctScore>;
  dimensions: Record<string, PctScore>;
  /** Mean of the dimension percentages; without dimensions, mean of all item percentages. */
  overall: PctScore;
  quadrant: QuadrantPlacement | null;
}

/** Min / mean / max over municipalities (each counts once) plus the respondent-weighted mean for comparison. */
export interface RegionalStat {
  municipalityWeighted: {
    base: 'municipalities';
    n: number;
    mean: number | null;
    median: number | null;
    min: number | null;
    max: number | null;
  };
  respondentWeighted: { base: 'respondents'; n: number; mean: number | null };
}

export interface RegionalItemScore {
  kind: 'regional-item-score';
  itemId: string;
  value: RegionalStat;
  pct: RegionalStat;
}

export interface RegionalPctScore {
  kind: 'regional-pct-score';
  id: string;
  pct: RegionalStat;
}

export interface RegionalScores {
  kind: 'regional-scores';
  aggregation: Aggregation;
  municipalities: { base: 'municipalities'; n: number };
  respondents: { base: 'respondents'; n: number };
  items: Record<string, RegionalItemScore>;
  groups: Record<string, RegionalPctScore>;
  dimensions: Record<string, RegionalPctScore>;
  overall: RegionalPctScore;
  quadrantCounts: { base: 'municipalities'; n: number; counts: Record<QuadrantKey, number> } | null;
}

export interface Gap {
  municipality: string;
  itemId: string;
  current: number;
  target: number;
  /** target − current, always > 0 (only positive gaps are reported). */
  gap: number;
  marker: '*' | '**' | null;
  targetSource: 'instrument' | 'answers';
}

export interface ScoredItemRef {
  municipality: string;
  itemId: string;
  value: number;
  pct: number | null;
}

export interface SamverkanCandidate {
  itemId: string;
  threshold: number;
  /** Municipalities (SCB codes, sorted) where the item is weak. */
  municipalities: string[];
  weak: { base: 'municipalities'; count: number; n: number; percent: number | null };
}

export type ChangeClass = 'increased' | 'unchanged' | 'decreased';
