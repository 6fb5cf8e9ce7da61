// One municipality's IT economics for a year, or the list of years the viewer may see (association:
// all; kommunansvarig: own municipalities; others see economics only in group comparisons).
import type { Db, Queryable } from '../db/db.ts';
import { economicsYearView } from '../domain/economics/compute.ts';
import { canSeeEconomics, nameOfCodes, NOT_OWN_MUNICIPALITY } from '../domain/economics/policy.ts';
import type { Benchmark, EconomicsYear } from '../domain/economics/schema.ts';
import type { EconomicsYearView } from '../domain/economics/view.ts';
import { forbidden, notFound } from '../domain/errors.ts';
import type { Viewer } from '../domain/organisation.ts';
import { getBenchmark, getEconomicsYear, getEconomicsYears } from '../store/economics.ts';
import { municipalityNames, requireKnownMunicipalities } from './common.ts';

/** The records computed with their year's benchmark, named (the caller has checked the viewer may see them). */
export async function namedViews(tx: Queryable, records: readonly EconomicsYear[], names?: Readonly<Record<string, string>>): Promise<EconomicsYearView[]> {
  const nameOf = nameOfCodes(names ?? (await municipalityNames(tx)));
  const benchmarks = new Map<number, Benchmark>();
  const out: EconomicsYearView[] = [];
  for (const r of records) {
    if (!benchmarks.has(r.year)) benchmarks.set(r.year, await getBenchmark(tx, r.year));
    out.push(economicsYearView(r, benchmarks.get(r.year)!, nameOf));
  }
  return out;
}

/** One municipality-year computed, and the record as stored (the entry form starts from it). */
export async function getEconomicsYearView(db: Db, viewer: Viewer, municipalityCode: string, year: number): Promise<{ economics: EconomicsYearView; record: EconomicsYear }> {
  return db.transaction(async (tx) => {
    const names = await municipalityNames(tx);
    requireKnownMunicipalities(names, [municipalityCode], 'municipality');
    if (!canSeeEconomics(viewer, municipalityCode)) throw forbidden(NOT_OWN_MUNICIPALITY);
    const record = await getEconomicsYear(tx, municipalityCode, year);
    if (!record) throw notFound(`${names[municipalityCode]} har ingen it-ekonomi för ${year}`);
    return { economics: (await namedViews(tx, [record], names))[0], record };
  });
}

/** The years the viewer may see, optionally of one municipality and/or one year. */
export async function listEconomics(db: Db, viewer: Viewer, filter: { municipality?: string; year?: number } = {}): Promise<EconomicsYearView[]> {
  return db.transaction(async (tx) => {
    const names = await municipalityNames(tx);
    if (filter.municipality !== undefined) {
      requireKnownMunicipalities(names, [filter.municipality], 'municipality');
      if (!canSeeEconomics(viewer, filter.municipality)) throw forbidden(NOT_OWN_MUNICIPALITY);
    }
    const visible = Object.keys(names).filter((c) => canSeeEconomics(viewer, c) && (filter.municipality === undefined || c === filter.municipality));
    if (!visible.length) return [];
    return namedViews(tx, await getEconomicsYears(tx, { municipalityCodes: visible, year: filter.year }), names);
  });
}
