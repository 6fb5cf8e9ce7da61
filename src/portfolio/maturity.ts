// The regional indicator "andel kommuner som visar på ökad digital mognad" (DOMAIN.md §5, §10),
// computed from measurement rounds instead of typed in (seeds/002: in 2025 it could not be measured
// and was replaced by a subjective estimate).
//
// For a year Y: the latest closed round of the maturity instrument ('digital-mognad') whose period
// ends in or before Y ("after") is compared with the earliest closed round of the same instrument
// ("before"; earliest by period start, then id) using compareRounds (domain/analysis/change.ts) on the
// rounds' counted responses, all respondents, overall score. The result is the number of
// municipalities with increased maturity and the number compared (municipalities with a score in both
// rounds). No comparison (fewer than two such rounds, the same round, or incompatible instrument
// versions, or no municipality in both) gives null: the indicator then shows the reported value.
import type { Queryable } from '../db/db.ts';
import { compareRounds, IncompatibleRoundsError } from '../domain/analysis/change.ts';
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
export async function maturityChange(db: Queryable, year: number, instrumentId = MATURITY_INSTRUMENT): Promise<MaturityComparison | null> {
  const { rows } = await db.query<{ id: number; periodStart: string; periodEnd: string }>(
    `SELECT id, to_char(period_start, 'YYYY-MM-DD') AS "periodStart", to_char(period_end, 'YYYY-MM-DD') AS "periodEnd"
       FROM rounds
      WHERE instrument_id = $1 AND status = 'closed'
      ORDER BY period_start, id`,
    [instrumentId],
  );
  const earliest = rows[0];
  const until = rows.filter((r) => Number(r.periodEnd.slice(0, 4)) <= year);
  // The latest by period end (then start, then id) among the rounds ending in or before the year.
  const latest = until.sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.periodStart.localeCompare(b.periodStart) || a.id - b.id).at(-1);
  if (!earliest || !latest || earliest.id === latest.id || !until.includes(earliest)) return null;
  const [b, a] = [await roundInfo(db, earliest.id), await roundInfo(db, latest.id)];
  const [bCtx, aCtx] = [await analysisContext(db, b, ALL), await analysisContext(db, a, ALL)];
  let change;
  try {
    change = compareRounds({ instrument: bCtx.instrument, responses: bCtx.responses }, { instrument: aCtx.instrument, responses: aCtx.responses });
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
