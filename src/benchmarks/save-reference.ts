// Adds a reference series or replaces one (förbundsadmin; audited in the same transaction). Bad input
// (a value outside 0–100, a year outside 2000–2100, an unknown measure) is a 400 naming the field.
import type { Db } from '../db/db.ts';
import { referenceInput, type ReferenceSeries } from '../domain/benchmarks/references.ts';
import { conflict, notFound } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { findReferenceSeries, getReferenceSeries, insertReferenceSeries, updateReferenceSeries } from '../store/references.ts';
import { availableMeasures, checked, requireKnownMeasure, requireReferenceAdmin, withLabel, type Caller } from './common.ts';

export async function saveReference(db: Db, caller: Caller, id: number | null, input: unknown): Promise<ReferenceSeries> {
  requireReferenceAdmin(caller.user);
  const s = checked(referenceInput, input);
  await requireKnownMeasure(db, s.measure);
  const saved = await db.transaction(async (tx) => {
    const same = await findReferenceSeries(tx, s.name, s.measure);
    if (same !== null && same !== id) throw conflict(`Det finns redan en referensserie "${s.name}" för måttet ${s.measure}`);
    let seriesId: number;
    if (id === null) seriesId = await insertReferenceSeries(tx, s);
    else {
      if (!(await getReferenceSeries(tx, id))) throw notFound('Referensserien finns inte');
      await updateReferenceSeries(tx, id, s);
      seriesId = id;
    }
    await audit(tx, {
      actor: caller.user.id,
      action: id === null ? 'reference.added' : 'reference.changed',
      target: `Referensserie ${s.name}`,
      ip: caller.ip,
      details: { id: seriesId, ...s },
    });
    return (await getReferenceSeries(tx, seriesId))!;
  });
  return withLabel(saved, await availableMeasures(db));
}
