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
import type { Queryable } from '../db/db.ts';
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
  const params = [roundId, filter.respondentType ?? null, filter.area ?? null, filter.municipality ?? null, filter.municipalities ?? null];
  const where = `p.round_id = $1 AND ${COUNTED}
      AND ($2::text IS NULL OR p.respondent_type = $2::text)
      AND ($3::text IS NULL OR p.area = $3::text)
      AND ($4::text IS NULL OR p.municipality_code = $4::text)
      AND ($5::text[] IS NULL OR p.municipality_code = ANY($5::text[]))`;
  // Sorted here rather than in SQL: a national round's aggregated rows (~6 MB) would make the
  // database sort spill to disk under the default work_mem.
  // A few municipalities (the incremental analysis): each respondent's answers through the answers'
  // primary key; the whole round: one grouped pass over its answers.
  const sql = filter.municipalities
    ? `SELECT p.id, p.municipality_code AS m, p.respondent_type AS t, p.area,
              (SELECT string_agg(a.item_id || E'\\x1f' || a.value::text, E'\\x1e') FROM answers a WHERE a.respondent_id = p.id) AS a
         FROM respondents p
        WHERE ${where}`
    : `SELECT p.id, p.municipality_code AS m, p.respondent_type AS t, p.area, x.a
         FROM respondents p
         LEFT JOIN (SELECT a.respondent_id, string_agg(a.item_id || E'\\x1f' || a.value::text, E'\\x1e') AS a
                      FROM answers a
                     WHERE a.respondent_id IN (SELECT p.id FROM respondents p WHERE ${where})
                     GROUP BY a.respondent_id) x ON x.respondent_id = p.id
        WHERE ${where}`;
  const { rows } = await db.query<Raw>(sql, params);
  rows.sort((a, b) => (a.m < b.m ? -1 : a.m > b.m ? 1 : a.id - b.id));
  const parsed = new Map<string, AnswerValue>();
  const out: AnalysisResponse[] = new Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const answers: Record<string, AnswerValue> = {};
    if (r.a) {
      let start = 0;
      const s = r.a;
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
    out[k] = resp;
  }
  return out;
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

/**
 * The installation's secret for anonymising municipalities ("Kommun 1…N"), created on first use.
 * Combined with the round id it seeds anonymiseMunicipalities, so that the numbering cannot be
 * recomputed from public facts (see privacy.ts). Reports should use the same seed (anonymisationSeed).
 */
export async function anonymisationSecret(db: Queryable): Promise<string> {
  await db.query(`INSERT INTO settings (key, value) VALUES ('anonymisation_secret', $1::text::jsonb) ON CONFLICT (key) DO NOTHING`, [
    JSON.stringify(randomBytes(24).toString('base64url')),
  ]);
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'anonymisation_secret'`);
  return String(rows[0].value);
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
