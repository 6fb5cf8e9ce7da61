// Persistence of the risk register (DOMAIN.md §9): themes, risks and their assessments (append-only: the
// history of a risk), and the serious threshold in `settings`. Rules are in src/domain/risk.
import type { Queryable } from '../db/db.ts';
import type { RiskRecord, StoredAssessment } from '../domain/risk/assess.ts';
import { DEFAULT_SERIOUS_ABOVE, DEFAULT_THEMES, type AssessmentInput, type RiskInput, type RiskStatus } from '../domain/risk/schema.ts';

// ---- Themes and the threshold -------------------------------------------------------------------

export interface ThemeRow {
  id: string;
  name: string;
  sort: number;
}

export async function listThemes(db: Queryable): Promise<ThemeRow[]> {
  return (await db.query<ThemeRow>('SELECT id, name, sort FROM risk_themes ORDER BY sort, name')).rows.map((t) => ({ ...t, sort: Number(t.sort) }));
}

/** The four themes of Bilaga 5, when there are none yet. */
export async function ensureDefaultThemes(db: Queryable): Promise<void> {
  if ((await db.query('SELECT 1 FROM risk_themes LIMIT 1')).rows.length > 0) return;
  for (const [i, t] of DEFAULT_THEMES.entries())
    await db.query('INSERT INTO risk_themes (id, name, sort) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [t.id, t.name, (i + 1) * 10]);
}

/** Ids of themes that risks use. */
export async function themesInUse(db: Queryable): Promise<string[]> {
  return (await db.query<{ theme_id: string }>('SELECT DISTINCT theme_id FROM risks ORDER BY theme_id')).rows.map((r) => r.theme_id);
}

/** Replaces the themes: those not listed are removed (the caller checks that none is in use). */
export async function replaceThemes(tx: Queryable, themes: readonly ThemeRow[]): Promise<void> {
  await tx.query('DELETE FROM risk_themes WHERE NOT (id = ANY($1::text[]))', [themes.map((t) => t.id)]);
  // Names are unique: park the kept ones under their id first so that two themes may swap names.
  await tx.query(`UPDATE risk_themes SET name = '\u0001' || id`);
  for (const t of themes)
    await tx.query(
      `INSERT INTO risk_themes (id, name, sort) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, sort = EXCLUDED.sort`,
      [t.id, t.name, t.sort],
    );
}

const THRESHOLD_KEY = 'risk_serious_above';

export async function getSeriousAbove(db: Queryable): Promise<number> {
  const row = (await db.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [THRESHOLD_KEY])).rows[0];
  const v = row ? Number(typeof row.value === 'string' ? JSON.parse(row.value) : row.value) : NaN;
  return Number.isInteger(v) ? v : DEFAULT_SERIOUS_ABOVE;
}

export async function setSeriousAbove(tx: Queryable, value: number): Promise<void> {
  await tx.query(`INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
    THRESHOLD_KEY,
    JSON.stringify(value),
  ]);
}

// ---- Risks --------------------------------------------------------------------------------------

type RiskRow = {
  id: number;
  theme_id: string;
  municipality_code: string | null;
  group_id: number | null;
  initiative_id: number | null;
  title: string;
  owner: string;
  measure: string;
  status: RiskStatus;
  review_date: string | null;
  source: string;
  note: string;
  synthesised: boolean;
  sort: number;
};

type AssessmentRow = {
  id: number;
  risk_id: number;
  municipality_code: string | null;
  assessed_on: string;
  state: 'assessed' | 'valueOnly' | 'notAssessed';
  probability: number | null;
  consequence: number | null;
  value: number | null;
  source: string;
  note: string;
  created_at: string;
};

const RISK_SELECT = `SELECT id, theme_id, municipality_code, group_id, initiative_id, title, owner, measure, status,
  to_char(review_date, 'YYYY-MM-DD') AS review_date, source, note, synthesised, sort FROM risks r`;

function toAssessment(a: AssessmentRow): StoredAssessment {
  const assessment: StoredAssessment['assessment'] =
    a.state === 'assessed'
      ? { state: 'assessed', probability: Number(a.probability), consequence: Number(a.consequence) }
      : a.state === 'valueOnly'
        ? { state: 'valueOnly', value: Number(a.value) }
        : { state: 'notAssessed' };
  return { id: Number(a.id), municipalityCode: a.municipality_code, assessedOn: a.assessed_on, createdAt: a.created_at, assessment, source: a.source, note: a.note };
}

async function withAssessments(db: Queryable, rows: RiskRow[]): Promise<RiskRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const assessments = (
    await db.query<AssessmentRow>(
      `SELECT id, risk_id, municipality_code, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on, state, probability, consequence, value,
              source, note, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS created_at
         FROM risk_assessments WHERE risk_id = ANY($1::int[]) ORDER BY id`,
      [ids],
    )
  ).rows;
  const byRisk = new Map<number, StoredAssessment[]>();
  for (const a of assessments) {
    const list = byRisk.get(Number(a.risk_id)) ?? [];
    list.push(toAssessment(a));
    byRisk.set(Number(a.risk_id), list);
  }
  return rows.map((r) => ({
    id: Number(r.id),
    themeId: r.theme_id,
    title: r.title,
    scope: r.municipality_code !== null ? { kind: 'municipality', municipalityCode: r.municipality_code } : { kind: 'group', groupId: Number(r.group_id) },
    owner: r.owner,
    measure: r.measure,
    status: r.status,
    reviewDate: r.review_date,
    initiativeId: r.initiative_id === null ? null : Number(r.initiative_id),
    source: r.source,
    note: r.note,
    synthesised: r.synthesised,
    sort: Number(r.sort),
    assessments: byRisk.get(Number(r.id)) ?? [],
  }));
}

export async function getRisk(db: Queryable, id: number): Promise<RiskRecord | null> {
  const rows = (await db.query<RiskRow>(`${RISK_SELECT} WHERE id = $1`, [id])).rows;
  return (await withAssessments(db, rows))[0] ?? null;
}

export interface RiskFilter {
  themeId?: string;
  /** A municipality's own register and the group registers it is a member of. */
  municipalityCode?: string;
  groupId?: number;
  initiativeId?: number;
  /** Only the registers of one association: its member municipalities' and its groups'. */
  associationId?: number;
}

export async function listRiskRecords(db: Queryable, f: RiskFilter = {}): Promise<RiskRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  if (f.themeId !== undefined) where.push(`theme_id = ${p(f.themeId)}`);
  if (f.groupId !== undefined) where.push(`group_id = ${p(f.groupId)}`);
  if (f.initiativeId !== undefined) where.push(`initiative_id = ${p(f.initiativeId)}`);
  if (f.associationId !== undefined) {
    const a = p(f.associationId);
    where.push(`(municipality_code IN (SELECT code FROM municipalities WHERE association_id = ${a})
              OR group_id IN (SELECT id FROM municipality_groups WHERE association_id = ${a}))`);
  }
  if (f.municipalityCode !== undefined) {
    const m = p(f.municipalityCode);
    where.push(`(municipality_code = ${m} OR group_id IN (SELECT group_id FROM municipality_group_members WHERE municipality_code = ${m}))`);
  }
  const rows = (await db.query<RiskRow>(`${RISK_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sort, id`, params)).rows;
  return withAssessments(db, rows);
}

export type RiskFields = Omit<RiskInput, 'scope'>;

export async function insertRisk(tx: Queryable, input: RiskInput, sort = 0): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO risks (theme_id, municipality_code, group_id, initiative_id, title, owner, measure, status, review_date, source, note, synthesised, sort)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      input.themeId,
      input.scope.kind === 'municipality' ? input.scope.municipalityCode : null,
      input.scope.kind === 'group' ? input.scope.groupId : null,
      input.initiativeId,
      input.title,
      input.owner,
      input.measure,
      input.status,
      input.reviewDate,
      input.source,
      input.note,
      input.synthesised,
      sort,
    ],
  );
  return Number(rows[0].id);
}

export async function updateRisk(tx: Queryable, id: number, f: RiskFields): Promise<void> {
  await tx.query(
    `UPDATE risks SET theme_id = $2, initiative_id = $3, title = $4, owner = $5, measure = $6, status = $7, review_date = $8,
            source = $9, note = $10, synthesised = $11 WHERE id = $1`,
    [id, f.themeId, f.initiativeId, f.title, f.owner, f.measure, f.status, f.reviewDate, f.source, f.note, f.synthesised],
  );
}

export async function deleteRisk(tx: Queryable, id: number): Promise<void> {
  await tx.query('DELETE FROM risks WHERE id = $1', [id]);
}

export async function insertAssessment(tx: Queryable, riskId: number, a: AssessmentInput, userId: number | null): Promise<number> {
  const v = a.assessment;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO risk_assessments (risk_id, municipality_code, assessed_on, state, probability, consequence, value, source, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      riskId,
      a.municipalityCode,
      a.assessedOn,
      v.state,
      v.state === 'assessed' ? v.probability : null,
      v.state === 'assessed' ? v.consequence : null,
      v.state === 'assessed' ? v.probability * v.consequence : v.state === 'valueOnly' ? v.value : null,
      a.source,
      a.note,
      userId,
    ],
  );
  return Number(rows[0].id);
}

/** Whether the initiative exists (in the association, when one is given). */
export async function initiativeExists(db: Queryable, id: number, associationId?: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM initiatives WHERE id = $1 AND ($2::int IS NULL OR association_id = $2)', [id, associationId ?? null])).rows.length > 0;
}
