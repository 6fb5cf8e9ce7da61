// Reading a round's responses for the analysis (DOMAIN.md §5), in one query.
//
// Which responses count: respondents who have submitted (completed_at set) plus imported respondents
// (source 'import', stored as completed). Partial answers of respondents who started but did not
// submit are kept for them to resume, but are not part of the results; they enter once submitted.
// A self-assessment counts once the kommunansvarig has submitted it (or it was imported).
//
// Loading: the answers of each respondent are aggregated in the database into one text column
// (item id and the value's JSON text, separated by the control characters US/RS, which JSON text
// never contains unescaped), so that 700 000 answers travel as ~12 000 rows. Each distinct value
// text is parsed once; equal answers share one (read-only) value object.
import { randomBytes } from 'node:crypto';
import type { Db, Queryable, Transaction } from '../db/db.ts';
import type { AnalysisResponse } from '../domain/analysis/types.ts';
import type { AnswerValue } from '../domain/instruments/schema.ts';

/** SQL condition (on alias p = respondents) for respondents whose answers count in the results. */
export const COUNTED = `(p.completed_at IS NOT NULL OR p.source = 'import')`;

export interface ResponseFilter {
  respondentType?: string | null;
  area?: string | null;
  municipality?: string | null;
  /** Only these municipalities (the incremental analysis loads the changed ones). */
  municipalities?: readonly string[] | null;
}

const US = '\u001f';
const RS = '\u001e';

/** The counted responses of a round, ordered by municipality code and respondent id. */
export async function loadRoundResponses(db: Queryable, roundId: number, filter: ResponseFilter = {}): Promise<AnalysisResponse[]> {
  const out: AnalysisResponse[] = [];
  await eachMunicipalityResponses(db, roundId, filter, (_code, responses) => {
    for (const r of responses) out.push(r);
  });
  return out;
}

/**
 * The counted responses of a round, municipality by municipality in order of code (then respondent
 * id), each municipality handed to `onMunicipality` as soon as its last response has been read. On
 * PostgreSQL the rows are decoded while the database produces the next ones, so a caller that
 * evaluates each municipality at once (the analysis service) overlaps its work with the query.
 */
export async function eachMunicipalityResponses(
  db: Queryable,
  roundId: number,
  filter: ResponseFilter,
  onMunicipality: (code: string, responses: AnalysisResponse[]) => void,
): Promise<void> {
  const params = [roundId, filter.respondentType ?? null, filter.area ?? null, filter.municipality ?? null, filter.municipalities ?? null];
  const where = `p.round_id = $1 AND ${COUNTED}
      AND ($2::text IS NULL OR p.respondent_type = $2::text)
      AND ($3::text IS NULL OR p.area = $3::text)
      AND ($4::text IS NULL OR p.municipality_code = $4::text)
      AND ($5::text[] IS NULL OR p.municipality_code = ANY($5::text[]))`;
  // The respondents are sorted (11 600 short rows at national scale), then each one's answers are
  // aggregated through the answers' primary key (one short index range per respondent) as the row
  // goes out: rows stream in order, with no hash or sort of the round's 700 000 answers. Codes sort
  // bytewise (COLLATE "C"), as JavaScript compares them. The planner's cost of 11 600 such ranges
  // crosses PostgreSQL's JIT thresholds, and compiling the plan (~0.8 s) costs more than running it
  // (~0.4 s at national scale): JIT is off for this query.
  const sql = `SELECT p.id, p.m, p.t, p.area,
                      (SELECT string_agg(a.item_id || E'\\x1f' || a.value::text, E'\\x1e') FROM answers a WHERE a.respondent_id = p.id) AS a
                 FROM (SELECT p.id, p.municipality_code AS m, p.respondent_type AS t, p.area
                         FROM respondents p
                        WHERE ${where}
                        ORDER BY p.municipality_code COLLATE "C", p.id) p`;
  const parsed = new Map<string, AnswerValue>();
  let code: string | null = null;
  let group: AnalysisResponse[] = [];
  const onRow = (r: Raw) => {
    if (r.m !== code) {
      if (code !== null) onMunicipality(code, group);
      code = r.m;
      group = [];
    }
    group.push(decodeRow(r, parsed));
  };
  await withoutJit(db, async (q) => {
    if (q.each) await q.each<Raw>(sql, params, onRow);
    else for (const r of (await q.query<Raw>(sql, params)).rows) onRow(r);
  });
  if (code !== null) onMunicipality(code, group);
}

/** One row's response; each distinct value text is parsed once (`parsed`), equal answers share the value. */
function decodeRow(r: Raw, parsed: Map<string, AnswerValue>): AnalysisResponse {
  const answers: Record<string, AnswerValue> = {};
  const s = r.a;
  if (s) {
    let start = 0;
    while (start < s.length) {
      let end = s.indexOf(RS, start);
      if (end < 0) end = s.length;
      const sep = s.indexOf(US, start);
      const raw = s.slice(sep + 1, end);
      let v = parsed.get(raw);
      if (v === undefined) {
        v = JSON.parse(raw) as AnswerValue;
        parsed.set(raw, v);
      }
      answers[s.slice(start, sep)] = v;
      start = end + 1;
    }
  }
  const resp: AnalysisResponse = { responseId: String(r.id), municipality: r.m, answers };
  if (r.t !== null) resp.respondentType = r.t;
  if (r.area !== null) resp.area = r.area;
  return resp;
}

/** Runs `fn` with PostgreSQL's JIT compilation off (a transaction with SET LOCAL on a PostgreSQL Db; as is otherwise). */
async function withoutJit<T>(db: Queryable, fn: (q: Queryable & Partial<Transaction>) => Promise<T>): Promise<T> {
  const d = db as Partial<Db>;
  if (d.kind !== 'postgres' || !d.transaction) return fn(db);
  return d.transaction(async (tx) => {
    await tx.query('SET LOCAL jit = off');
    return fn(tx);
  });
}

interface Raw {
  id: number;
  m: string;
  t: string | null;
  area: string | null;
  a: string | null;
}

/**
 * The versions of a round's counted responses per municipality (migration 027: changed by triggers in
 * the same transaction as any change of the counted responses), as "code:version" joined by ",",
 * ordered by code; "" when none has changed since the migration. One index range of at most one row
 * per municipality: cheap enough to ask before every cached analysis is served.
 */
export async function analysisStamps(db: Queryable, roundId: number): Promise<string> {
  const { rows } = await db.query<{ s: string | null }>(
    `SELECT string_agg(municipality_code || ':' || version, ',' ORDER BY municipality_code) AS s FROM analysis_stamps WHERE round_id = $1`,
    [roundId],
  );
  return rows[0]?.s ?? '';
}

/** What a shaped analysis view is made of besides the analysis, as versions (see viewVersions). */
export interface ViewVersions {
  /** analysisStamps of the round. */
  stamps: string;
  /** Versions of the municipality names, the areas and the reference series with their values (data_versions, migration 030). */
  names: string;
  areas: string;
  references: string;
  /** Whether the round holds published aggregates (issue 14). */
  published: boolean;
  /** The anonymisation secret (anonymisationSecret), or null when a restore left none. */
  secret: string | null;
}

/**
 * The round's analysisStamps and the versions of the other tables a view is made of, in one statement:
 * a reader of a cached view asks this (and the round) instead of reading names, areas and reference
 * series every time; the service reads a table again only when its version moved.
 */
export async function viewVersions(db: Queryable, roundId: number): Promise<ViewVersions> {
  const { rows } = await db.query<ViewVersions & { stamps: string | null }>(
    `SELECT (SELECT string_agg(municipality_code || ':' || version, ',' ORDER BY municipality_code) FROM analysis_stamps WHERE round_id = $1) AS stamps,
            coalesce(max(d.version) FILTER (WHERE d.name = 'municipalities'), 0)::text AS names,
            coalesce(max(d.version) FILTER (WHERE d.name = 'areas'), 0)::text AS areas,
            coalesce(max(d.version) FILTER (WHERE d.name = 'reference_series'), 0) || ':' ||
              coalesce(max(d.version) FILTER (WHERE d.name = 'reference_values'), 0) AS "references",
            EXISTS (SELECT 1 FROM published_aggregates WHERE round_id = $1) AS published,
            (SELECT value #>> '{}' FROM settings WHERE key = 'anonymisation_secret') AS secret
       FROM data_versions d`,
    [roundId],
  );
  const r = rows[0];
  return { stamps: r.stamps ?? '', names: r.names, areas: r.areas, references: r.references, published: r.published, secret: r.secret };
}

/**
 * The installation's secret for anonymising municipalities ("Kommun 1…N"), created with the schema
 * (migration 029) and here only when a restored older backup left none. Combined with the round id it
 * seeds anonymiseMunicipalities, so that the numbering cannot be recomputed from public facts (see
 * privacy.ts). Reports use the same seed (anonymisationSeed).
 */
export async function anonymisationSecret(db: Queryable): Promise<string> {
  const read = async () => (await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'anonymisation_secret'`)).rows[0]?.value;
  let value = await read();
  if (value === undefined) {
    await db.query(`INSERT INTO settings (key, value) VALUES ('anonymisation_secret', $1::text::jsonb) ON CONFLICT (key) DO NOTHING`, [
      JSON.stringify(randomBytes(24).toString('base64url')),
    ]);
    value = await read();
  }
  return String(value);
}

/** The seed for the "Kommun 1…N" labels of one round (or of a comparison of two rounds). */
export async function anonymisationSeed(db: Queryable, ...roundIds: number[]): Promise<string> {
  return `${await anonymisationSecret(db)}:${roundIds.join(':')}`;
}

/** Municipality code → name. */
export async function municipalityNames(db: Queryable): Promise<Record<string, string>> {
  const { rows } = await db.query<{ code: string; name: string }>('SELECT code, name FROM municipalities');
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

/** Areas (verksamhetsområden) in display order. */
export async function areaLabels(db: Queryable): Promise<{ id: string; label: string }[]> {
  return (await db.query<{ id: string; label: string }>('SELECT id, name AS label FROM areas ORDER BY sort, name')).rows;
}
