// The regional indicator "andel kommuner som visar på ökad digital mognad" (DOMAIN.md §5, §10),
// computed from measurement rounds instead of typed in (VGR Analys 2025:40: in 2025 it could not be measured
// and was replaced by a subjective estimate).
//
// For a year Y: the earliest closed round of the maturity instrument ('digital-mognad') is compared
// with the latest closed one whose period ends in or before Y (domain/portfolio/indicators.ts
// maturityRoundPair), by compareScores (domain/analysis/change.ts) over the municipalities' overall
// scores from all respondents. The result is the number of municipalities with increased maturity and
// the number compared (those with a score in both rounds). No comparison (fewer than two such rounds,
// incompatible instrument versions, or no municipality in both) gives null: the indicator then shows
// the reported value.
import type { Queryable } from '../db/db.ts';
import { compareScores, IncompatibleRoundsError } from '../domain/analysis/change.ts';
import { maturityRoundPair, type MaturityRound } from '../domain/portfolio/indicators.ts';
import { analysisContext, roundInfo } from '../analysis/service.ts';

export const MATURITY_INSTRUMENT = 'digital-mognad';

export interface MaturityComparison {
  increased: number;
  n: number;
  before: { id: number; title: string; periodEnd: string };
  after: { id: number; title: string; periodEnd: string };
}

const ALL = { respondentType: null, area: null };

/** The maturity change behind the indicator for `year`, or null when there is nothing to compare. */
export async function maturityChange(
  db: Queryable,
  year: number,
  instrumentId = MATURITY_INSTRUMENT,
  associationId: number | null = null,
): Promise<MaturityComparison | null> {
  // An association's indicator compares its own rounds only.
  const { rows } = await db.query<MaturityRound>(
    `SELECT id, to_char(period_start, 'YYYY-MM-DD') AS "periodStart", to_char(period_end, 'YYYY-MM-DD') AS "periodEnd"
       FROM rounds WHERE instrument_id = $1 AND status = 'closed' AND ($2::int IS NULL OR association_id = $2)`,
    [instrumentId, associationId],
  );
  const pair = maturityRoundPair(rows, year);
  if (!pair) return null;
  const [b, a] = [await roundInfo(db, pair.before.id), await roundInfo(db, pair.after.id)];
  // The (cached) analysis contexts already hold every municipality's scores.
  const [bCtx, aCtx] = [await analysisContext(db, b, ALL), await analysisContext(db, a, ALL)];
  let change;
  try {
    change = compareScores(
      { instrument: bCtx.instrument, municipalities: bCtx.full.municipalityScores },
      { instrument: aCtx.instrument, municipalities: aCtx.full.municipalityScores },
    );
  } catch (e) {
    if (e instanceof IncompatibleRoundsError) return null;
    throw e;
  }
  if (change.increasedShare.n === 0) return null;
  return {
    increased: change.counts.increased,
    n: change.increasedShare.n,
    before: { id: b.id, title: b.title, periodEnd: b.periodEnd },
    after: { id: a.id, title: a.title, periodEnd: a.periodEnd },
  };
}
