// What the benchmark use cases share: the caller, input checked with the domain's schemas (Swedish
// messages naming the field), the measures the stored instruments offer, and who may edit reference series.
import type { z } from 'zod';
import { validate } from '../contracts/messages.ts';
import type { Queryable } from '../db/db.ts';
import { measureOptions, parseMeasureId, type MeasureOption, type ReferenceInput, type ReferenceSeries } from '../domain/benchmarks/references.ts';
import { badRequest, forbidden } from '../domain/errors.ts';
import type { Viewer } from '../domain/organisation.ts';
import { getInstrument, listInstruments } from '../store/instruments.ts';
import { loadBuiltInInstruments } from '../domain/instruments/catalog.ts';
import { byVersionDesc } from '../domain/instruments/library.ts';
import type { Instrument } from '../domain/instruments/schema.ts';

/** Who calls a use case, and from where (for the audit log); `id` null at the command line. */
export interface Caller {
  user: Viewer & { id: number | null };
  ip?: string;
}

export const REFERENCE_LABELS: Readonly<Record<string, string>> = {
  name: 'Namn',
  measure: 'Mått',
  values: 'Värden',
  year: 'År',
  value: 'Värde',
  source: 'Källa',
  title: 'Källans titel',
  publisher: 'Utgivare',
  date: 'Källans datum',
  location: 'Ställe i källan',
  note: 'Anteckning',
};

/** `data` checked with `schema`: the parsed value, or a 400 naming every failed field in Swedish. */
export function checked<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  const r = validate(schema, data, REFERENCE_LABELS);
  if (r.ok) return r.data;
  throw badRequest(
    [...new Set(r.errors.map((e) => e.text))].join('; '),
    r.errors.map(({ text: _text, ...e }) => e),
  );
}

/** Reference series are public figures shared by the instance: a förbundsadmin (or the operator) edits them. */
export function requireReferenceAdmin(viewer: Viewer): void {
  if (viewer.role !== 'forbundsadmin') throw forbidden('Bara en förbundsadmin kan lägga till, ändra eller ta bort referensserier');
}

/** Every measure of the stored instruments (newest version's labels), and of the built-in ones not stored yet. */
export async function availableMeasures(db: Queryable): Promise<MeasureOption[]> {
  const list = await listInstruments(db);
  const defs: Instrument[] = [];
  for (const s of list) {
    const ins = await getInstrument(db, s.id);
    if (ins) defs.push(ins);
  }
  const builtIn = [...(await loadBuiltInInstruments())].sort((a, b) => byVersionDesc(a.version, b.version));
  return measureOptions([...defs, ...builtIn]);
}

/** A 400 naming the field when the measure is not one of the stored instruments' measures. */
export async function requireKnownMeasure(db: Queryable, measure: string): Promise<MeasureOption> {
  const options = await availableMeasures(db);
  const hit = options.find((o) => o.id === measure);
  if (hit) return hit;
  const m = parseMeasureId(measure);
  const ofInstrument = m ? options.filter((o) => o.id.startsWith(`${m.instrument}:`)) : [];
  const message = `Okänt mått "${measure}". ${
    ofInstrument.length
      ? `Välj bland: ${ofInstrument.map((o) => o.id).join(', ')}`
      : `Ange instrument:overall, instrument:dimension:id eller instrument:group:id, till exempel ${options[0]?.id ?? 'digital-mognad:overall'}`
  }`;
  throw badRequest(message, [{ path: 'measure', label: 'Mått', message }]);
}

export function withLabel(s: Omit<ReferenceSeries, 'measureLabel'>, options: readonly MeasureOption[]): ReferenceSeries {
  return { ...s, measureLabel: options.find((o) => o.id === s.measure)?.label ?? s.measure };
}

export type { ReferenceInput };
