// Demo step: the published reference values of the maturity views (the national DiMiOS level and
// Fyrbodal's 2020 level, src/demo/data/informationssakerhet-mellerud-2021.ts), each with its source.
// Idempotent: a series that exists (same name and measure) is left untouched.
import type { Db } from '../db/db.ts';
import { referenceInput } from '../domain/benchmarks/references.ts';
import { findReferenceSeries, insertReferenceSeries } from '../store/references.ts';
import { DEMO_REFERENCES } from './data/informationssakerhet-mellerud-2021.ts';

export async function loadDemoReferences(db: Db): Promise<void> {
  for (const r of DEMO_REFERENCES) {
    const s = referenceInput.parse(r);
    await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('samverka-demo-references'))`);
      if ((await findReferenceSeries(tx, s.name, s.measure)) === null) await insertReferenceSeries(tx, s, true);
    });
  }
}
