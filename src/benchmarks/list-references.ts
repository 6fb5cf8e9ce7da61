// Every reference series with the measures they can have (any signed-in user: the figures are published).
import type { Queryable } from '../db/db.ts';
import type { MeasureOption, ReferenceSeries } from '../domain/benchmarks/references.ts';
import { listReferenceSeries } from '../store/references.ts';
import { availableMeasures, withLabel } from './common.ts';

export async function listReferences(db: Queryable): Promise<{ references: ReferenceSeries[]; measures: MeasureOption[] }> {
  const measures = await availableMeasures(db);
  return { references: (await listReferenceSeries(db)).map((s) => withLabel(s, measures)), measures };
}
