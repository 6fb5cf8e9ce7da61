// Reference series (migration 018; docs/benchmarks.md): published figures with their source and a value per
// year, shared across the instance; and the comparison's settings (minimum number of municipalities).
// Closed rounds per association for the comparisons. Rules are in src/domain/benchmarks.
import type { Queryable } from '../db/db.ts';
import { DEFAULT_MIN_MUNICIPALITIES } from '../domain/benchmarks/comparison.ts';
import type { ReferenceInput, ReferenceSeries } from '../domain/benchmarks/references.ts';

interface Row {
  id: number;
  name: string;
  measure: string;
  source_title: string;
  source_publisher: string;
  source_date: string;
  source_location: string;
  note: string;
  is_demo: boolean;
  values: Array<{ year: number; value: number | string }> | null;
}

const SELECT = `
  SELECT s.id, s.name, s.measure, s.source_title, s.source_publisher, s.source_date, s.source_location, s.note, s.is_demo,
         (SELECT json_agg(json_build_object('year', v.year, 'value', v.value) ORDER BY v.year)
            FROM reference_values v WHERE v.series_id = s.id) AS values
    FROM reference_series s`;

function toSeries(r: Row): Omit<ReferenceSeries, 'measureLabel'> {
  return {
    id: Number(r.id),
    name: r.name,
    measure: r.measure,
    values: (r.values ?? []).map((v) => ({ year: Number(v.year), value: Number(v.value) })),
    source: { title: r.source_title, publisher: r.source_publisher, date: r.source_date, location: r.source_location },
    note: r.note,
    isDemo: r.is_demo,
  };
}

export async function listReferenceSeries(db: Queryable): Promise<Array<Omit<ReferenceSeries, 'measureLabel'>>> {
  return (await db.query<Row>(`${SELECT} ORDER BY s.measure, s.name, s.id`)).rows.map(toSeries);
}

export async function getReferenceSeries(db: Queryable, id: number): Promise<Omit<ReferenceSeries, 'measureLabel'> | null> {
  const r = (await db.query<Row>(`${SELECT} WHERE s.id = $1`, [id])).rows[0];
  return r ? toSeries(r) : null;
}

export async function findReferenceSeries(db: Queryable, name: string, measure: string): Promise<number | null> {
  const r = (await db.query<{ id: number }>('SELECT id FROM reference_series WHERE name = $1 AND measure = $2', [name, measure])).rows[0];
  return r ? Number(r.id) : null;
}

async function writeValues(db: Queryable, id: number, values: ReferenceInput['values']): Promise<void> {
  await db.query('DELETE FROM reference_values WHERE series_id = $1', [id]);
  if (values.length)
    await db.query(
      `INSERT INTO reference_values (series_id, year, value)
       SELECT $1, x.year, x.value FROM jsonb_to_recordset($2::text::jsonb) AS x(year int, value numeric)`,
      [id, JSON.stringify(values)],
    );
}

export async function insertReferenceSeries(db: Queryable, s: ReferenceInput, isDemo = false): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO reference_series (name, measure, source_title, source_publisher, source_date, source_location, note, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [s.name, s.measure, s.source.title, s.source.publisher, s.source.date, s.source.location, s.note, isDemo],
  );
  const id = Number(r.rows[0].id);
  await writeValues(db, id, s.values);
  return id;
}

export async function updateReferenceSeries(db: Queryable, id: number, s: ReferenceInput): Promise<void> {
  await db.query(
    `UPDATE reference_series SET name = $2, measure = $3, source_title = $4, source_publisher = $5, source_date = $6,
            source_location = $7, note = $8, updated_at = now() WHERE id = $1`,
    [id, s.name, s.measure, s.source.title, s.source.publisher, s.source.date, s.source.location, s.note],
  );
  await writeValues(db, id, s.values);
}

export async function deleteReferenceSeries(db: Queryable, id: number): Promise<void> {
  await db.query('DELETE FROM reference_series WHERE id = $1', [id]);
}

const MIN_KEY = 'benchmark_min_municipalities';

/** The minimum number of municipalities in every aggregate of a comparison (default 3). */
export async function getMinMunicipalities(db: Queryable): Promise<number> {
  const row = (await db.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [MIN_KEY])).rows[0];
  const n = typeof row?.value === 'number' ? row.value : Number(row?.value);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_MIN_MUNICIPALITIES;
}

export async function setMinMunicipalities(db: Queryable, n: number): Promise<void> {
  await db.query(`INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
    MIN_KEY,
    JSON.stringify(n),
  ]);
}

/** Closed rounds of an instrument with their association, newest first (by closing, then period end). */
export async function closedRoundsOf(
  db: Queryable,
  instrument: string,
): Promise<Array<{ id: number; associationId: number; version: string; periodEnd: string }>> {
  const { rows } = await db.query<{ id: number; association_id: number; instrument_version: string; period_end: string }>(
    `SELECT id, association_id, instrument_version, period_end::text AS period_end
       FROM rounds WHERE instrument_id = $1 AND status = 'closed'
      ORDER BY period_end DESC, closed_at DESC NULLS LAST, id DESC`,
    [instrument],
  );
  return rows.map((r) => ({ id: Number(r.id), associationId: Number(r.association_id), version: r.instrument_version, periodEnd: r.period_end }));
}
