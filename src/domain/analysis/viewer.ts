// One viewer's view of a round's figures (DOMAIN.md §5): the one place where the rule of small-group
// suppression and of anonymisation is applied. The dashboard views (views.ts) and the report builders
// (domain/reports) take a ViewerFigures and ask it; neither decides on its own. Pure.
//
// - förbundsadmin: every response, every figure (also groups below the minimum size), every name.
// - kommunansvarig of X, delrapport for X: X in full and by name; the region as others see it.
// - läsare, the regional report: the region as others see it, every municipality anonymised.
// "The region as others see it": municipalities with fewer than suppressionMin counted respondents are
// left out (`leftOut`), and a figure about another municipality, or a regional figure, that rests on
// fewer than suppressionMin respondents is withheld ("för få svar").
import type { RoundAnalysis } from './index.ts';
import type { AnalysisResponse } from './types.ts';

export type FigureViewer =
  | { kind: 'forbundsadmin' }
  | { kind: 'kommunansvarig'; municipalities: readonly string[] }
  | { kind: 'lasare' }
  | { kind: 'regional-report' }
  | { kind: 'delrapport'; municipality: string };

/** A round's figures before any viewer (AnalysisContext of views.ts has these). */
export interface RoundFigures {
  responses: readonly AnalysisResponse[];
  /** All counted responses. */
  full: RoundAnalysis;
  /** The region as others see it: without `small`, regional statistics on at least suppressionMin respondents. */
  public: RoundAnalysis;
  /** Municipalities with fewer than suppressionMin counted respondents (code → n). */
  small: Record<string, number>;
  suppressionMin: number;
}

export interface MunicipalityNaming {
  /** code → name. */
  names: Record<string, string>;
  /** code → "Kommun k" (anonymiseMunicipalities over the round's municipalities). */
  labels: Record<string, string>;
}

export interface ViewerFigures {
  viewer: FigureViewer;
  /** The association: sees everything by name. */
  association: boolean;
  /** The analysis behind the viewer's regional figures. */
  region: RoundAnalysis;
  /** The responses behind `region`. */
  responses: readonly AnalysisResponse[];
  /** Municipalities left out of `region` for this viewer (code → n). */
  leftOut: Record<string, number>;
  suppressionMin: number;
  /** The viewer's own municipality (a kommunansvarig's, the delrapport's): seen in full and by name. */
  own(code: string): boolean;
  /** Whether a figure about `municipality` (null: a regional figure) resting on `n` respondents is withheld. */
  withholds(municipality: string | null, n: number): boolean;
  /** A municipality as the viewer may name it: its name (association, own) or "Kommun k". */
  label(code: string): string;
}

/** The view of one viewer; `naming` gives names and the anonymised labels (without it `label` gives codes and "Kommun"). */
export function viewerFigures(round: RoundFigures, viewer: FigureViewer, naming: MunicipalityNaming = { names: {}, labels: {} }): ViewerFigures {
  const association = viewer.kind === 'forbundsadmin';
  const owned = new Set(viewer.kind === 'kommunansvarig' ? viewer.municipalities : viewer.kind === 'delrapport' ? [viewer.municipality] : []);
  const own = (code: string) => owned.has(code);
  return {
    viewer,
    association,
    region: association ? round.full : round.public,
    responses: association ? round.responses : round.responses.filter((r) => !(r.municipality in round.small)),
    leftOut: association ? {} : { ...round.small },
    suppressionMin: round.suppressionMin,
    own,
    withholds: (municipality, n) => !association && !(municipality !== null && own(municipality)) && n < round.suppressionMin,
    label: (code) => (association || own(code) ? (naming.names[code] ?? code) : (naming.labels[code] ?? 'Kommun')),
  };
}
