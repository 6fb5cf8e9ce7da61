// The reference marks of one instrument (every series that measures something of it, one mark per year),
// for the analysis views (src/analysis/service.ts) and the comparisons.
import type { Queryable } from '../db/db.ts';
import { referenceMarks, type ReferenceMark } from '../domain/benchmarks/references.ts';
import { listReferenceSeries } from '../store/references.ts';

export async function referenceMarksOf(db: Queryable, instrument: string): Promise<ReferenceMark[]> {
  return referenceMarks(
    (await listReferenceSeries(db)).map((s) => ({ ...s, measureLabel: s.measure })),
    instrument,
  );
}
