// Analysis of a measurement round (DOMAIN.md §5). IO-free: input is an instrument and a list of
// responses, output plain JSON-able objects. Every figure states its base ('respondents',
// 'municipalities' or 'mentions') and n; empty input gives n = 0 and null values, never NaN.
//
// Files: values.ts (answer values, % of scale, statistics), distributions.ts, scores.ts (municipality,
// region, quadrant), gaps.ts (gaps, improvement candidates, samverkanskandidater), change.ts (rounds),
// privacy.ts (suppression, anonymisation), quality.ts (data-quality flags).
import type { Instrument } from '../instruments/schema.ts';
import type { AnalysisResponse, DistributionFigure, MunicipalityScores, RegionalScores, SamverkanCandidate, Gap } from './types.ts';
import { distributions } from './distributions.ts';
import { gapSummary, gaps, improvementCandidates, samverkanskandidater, type GapSummary, type ImprovementCandidate } from './gaps.ts';
import { regionalScores, scoreMunicipalities, type ScoreOptions } from './scores.ts';
import { checkDistributions, type QualityFlag } from './quality.ts';

export * from './types.ts';
export {
  EPSILON,
  aggregate,
  answeredTarget,
  defaultLowThreshold,
  findItem,
  itemOptions,
  itemRange,
  mean,
  median,
  numericValue,
  orient,
  percent,
  scoringSettings,
  summary,
  toPct,
  type Range,
  type ScoringSettings,
} from './values.ts';
export { answerState, isAnswered, isDontKnow, splitOptions, type AnswerState } from '../instruments/answered.ts';
export { MISSING_GROUP, distribution, distributionBy, distributions } from './distributions.ts';
export { compareToRegion, quadrantOf, regionalScores, scoreMunicipalities, scoredItems, type ScoreOptions } from './scores.ts';
export {
  gapSummary,
  gaps,
  improvementCandidates,
  improvementThreshold,
  samverkanskandidater,
  weakThreshold,
  type CandidateOptions,
  type GapSummary,
  type ImprovementCandidate,
  type SamverkanOptions,
} from './gaps.ts';
export {
  IncompatibleRoundsError,
  assertComparable,
  classifyChange,
  compareRounds,
  type ChangeMeasure,
  type ChangeOptions,
  type IncompatibleRoundsReason,
  type MunicipalityChange,
  type RoundChange,
} from './change.ts';
export { anonymise, anonymiseMunicipalities } from './privacy.ts';
export { viewerFigures, type FigureViewer, type MunicipalityNaming, type RoundFigures, type ViewerFigures } from './viewer.ts';
export {
  checkBases,
  checkDistributions,
  checkMoneyUnit,
  checkPercentSum,
  type MoneyUnit,
  checkPublishedDistribution,
  checkRowTotals,
  checkTableTotals,
  checkTotal,
  type PublishedDistribution,
  type QualityFlag,
  type QualityFlagCode,
  type TotalRow,
  type TotalsTable,
} from './quality.ts';

export interface RoundAnalysis {
  kind: 'round-analysis';
  instrumentId: string;
  instrumentVersion: string;
  respondents: { base: 'respondents'; n: number };
  municipalities: { base: 'municipalities'; n: number; codes: string[] };
  distributions: DistributionFigure[];
  municipalityScores: MunicipalityScores[];
  region: RegionalScores;
  gaps: Gap[];
  gapSummary: GapSummary[];
  improvementCandidates: ImprovementCandidate[];
  samverkanskandidater: SamverkanCandidate[];
  quality: QualityFlag[];
}

/**
 * Everything for one round in one object (unsuppressed and with municipality codes: show it only
 * through a viewer's view, viewer.ts).
 */
export function analyseRound(instrument: Instrument, responses: readonly AnalysisResponse[], opts: ScoreOptions = {}): RoundAnalysis {
  return roundAnalysis(instrument, responses.length, {
    distributions: distributions(instrument, responses),
    municipalityScores: scoreMunicipalities(instrument, responses, opts),
    region: regionalScores(instrument, responses, opts),
    gaps: gaps(instrument, responses, opts),
    gapSummary: gapSummary(instrument, responses, opts),
    improvementCandidates: improvementCandidates(instrument, responses, opts),
    samverkanskandidater: samverkanskandidater(instrument, responses, opts),
  });
}

/** A RoundAnalysis from its computed parts (also used by the one-pass engine, engine.ts). */
export function roundAnalysis(
  instrument: Instrument,
  respondents: number,
  parts: Pick<RoundAnalysis, 'distributions' | 'municipalityScores' | 'region' | 'gaps' | 'gapSummary' | 'improvementCandidates' | 'samverkanskandidater'>,
): RoundAnalysis {
  const { municipalityScores } = parts;
  return {
    kind: 'round-analysis',
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    respondents: { base: 'respondents', n: respondents },
    municipalities: { base: 'municipalities', n: municipalityScores.length, codes: municipalityScores.map((m) => m.municipality) },
    distributions: parts.distributions,
    municipalityScores,
    region: parts.region,
    gaps: parts.gaps,
    gapSummary: parts.gapSummary,
    improvementCandidates: parts.improvementCandidates,
    samverkanskandidater: parts.samverkanskandidater,
    quality: checkDistributions(parts.distributions),
  };
}
