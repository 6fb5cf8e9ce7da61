// Storage of published aggregates (migration 017): one row per round and item, exactly as published.
import type { Queryable } from '../db/db.ts';
import type { PublishedAggregate, StoredPublishedAggregate } from '../domain/published.ts';

interface Row {
  round_id: number;
  item_id: string;
  figure: string | null;
  measure: 'share' | 'count';
  value_rows: Array<{ options: string[]; value: number }>;
  base_n: number | null;
  base_unit: 'respondents' | 'municipalities' | 'mentions';
  municipalities: number | null;
  source_title: string;
  source_page: string | null;
  partial: boolean;
  note: string | null;
  money: PublishedAggregate['money'];
  updated_at: string;
}

const fromRow = (r: Row): StoredPublishedAggregate => ({
  roundId: r.round_id,
  itemId: r.item_id,
  figure: r.figure,
  measure: r.measure,
  values: (typeof r.value_rows === 'string' ? JSON.parse(r.value_rows) : r.value_rows).map((v: { options: string[]; value: number }) => ({
    options: v.options,
    value: Number(v.value),
  })),
  base: { n: r.base_n, unit: r.base_unit },
  municipalities: r.municipalities,
  source: { title: r.source_title, page: r.source_page },
  partial: r.partial,
  note: r.note,
  money: r.money ?? null,
  updatedAt: new Date(r.updated_at).toISOString(),
});

const COLUMNS = `round_id, item_id, figure, measure, value_rows, base_n, base_unit, municipalities, source_title, source_page, partial, note, money,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at`;

/** The published aggregates of a round, in item id order (the caller orders by the instrument). */
export async function listPublished(db: Queryable, roundId: number): Promise<StoredPublishedAggregate[]> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM published_aggregates WHERE round_id = $1 ORDER BY item_id`, [roundId]);
  return rows.map(fromRow);
}

/** Whether a round holds any published aggregate. */
export async function hasPublished(db: Queryable, roundId: number): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM published_aggregates WHERE round_id = $1 LIMIT 1', [roundId]);
  return rows.length > 0;
}

/** Inserts or replaces one item's aggregate; returns whether one was replaced. */
export async function upsertPublished(db: Queryable, roundId: number, a: PublishedAggregate, userId: number | null): Promise<boolean> {
  const existed = (await db.query('SELECT 1 FROM published_aggregates WHERE round_id = $1 AND item_id = $2', [roundId, a.itemId])).rows.length > 0;
  await db.query(
    `INSERT INTO published_aggregates (round_id, item_id, figure, measure, value_rows, base_n, base_unit, municipalities, source_title,
                                       source_page, partial, note, money, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11, $12, $13::text::jsonb, now(), $14)
     ON CONFLICT (round_id, item_id) DO UPDATE SET figure = EXCLUDED.figure, measure = EXCLUDED.measure, value_rows = EXCLUDED.value_rows,
       base_n = EXCLUDED.base_n, base_unit = EXCLUDED.base_unit, municipalities = EXCLUDED.municipalities, source_title = EXCLUDED.source_title,
       source_page = EXCLUDED.source_page, partial = EXCLUDED.partial, note = EXCLUDED.note, money = EXCLUDED.money,
       updated_at = now(), updated_by = EXCLUDED.updated_by`,
    [
      roundId,
      a.itemId,
      a.figure,
      a.measure,
      JSON.stringify(a.values.map((v) => ({ options: v.options, value: v.value }))),
      a.base.n,
      a.base.unit,
      a.municipalities,
      a.source.title,
      a.source.page,
      a.partial,
      a.note,
      a.money ? JSON.stringify(a.money) : null,
      userId,
    ],
  );
  return existed;
}

/** Deletes one item's aggregate; returns whether it existed. */
export async function deletePublished(db: Queryable, roundId: number, itemId: string): Promise<boolean> {
  const { rows } = await db.query('DELETE FROM published_aggregates WHERE round_id = $1 AND item_id = $2 RETURNING item_id', [roundId, itemId]);
  return rows.length > 0;
}
