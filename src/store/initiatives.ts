// Persistence of the samverkansportfölj: initiatives, participations, stage log, qualification,
// status reports, indicator values, funding follow-up and networks. SQL only; takes a Queryable.
import type { Queryable } from '../db/db.ts';
import {
  benefitsSchema,
  DEFAULT_GATES,
  gateConfigSchema,
  initiativeFieldsSchema,
  type Benefits,
  type Criterion,
  type CriterionScore,
  type FundingSource,
  type GateConfig,
  type InitiativeFields,
  type InitiativeRecord,
  type Network,
  type Participation,
  type ParticipationKind,
  type ReportStatus,
  type Stage,
  type StatusReport,
} from '../domain/portfolio/index.ts';

export { EMPTY_INITIATIVE_FIELDS, type InitiativeActor, type InitiativeFields, type InitiativeRecord } from '../domain/portfolio/index.ts';

// ---- The column map: where each editable field of initiativeFieldsSchema is stored ---------------
// A field is stored in the column named after it in snake_case (area in area_id), the lists in JSON
// columns, the benefits in one column each (benefit_<field>), the funding sources in a table of their own.

type FieldKey = keyof InitiativeFields;
const FIELD_KEYS = Object.keys(initiativeFieldsSchema.shape) as FieldKey[];
const BENEFIT_KEYS = Object.keys(benefitsSchema.shape) as Array<keyof Benefits>;
const JSON_FIELDS: ReadonlySet<FieldKey> = new Set(['risks', 'documents', 'links']);
const OWN_TABLE: ReadonlySet<FieldKey> = new Set(['fundingSources']);
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const columnOf = (k: FieldKey) => (k === 'area' ? 'area_id' : snake(k));
const benefitColumn = (k: keyof Benefits) => `benefit_${snake(k)}`;
/** Columns of type bigint, which the driver may return as text. */
const BIGINT_COLUMNS = new Set(['estimated_cost', benefitColumn('hoursPerYear'), benefitColumn('sekPerYear')]);

/** The columns, values and casts of the fields stored in the initiatives table. */
function fieldColumns(f: InitiativeFields): Array<{ column: string; value: unknown; cast: string }> {
  return FIELD_KEYS.filter((k) => !OWN_TABLE.has(k)).flatMap((k) =>
    k === 'benefits'
      ? BENEFIT_KEYS.map((b) => ({ column: benefitColumn(b), value: f.benefits[b], cast: '' }))
      : JSON_FIELDS.has(k)
        ? [{ column: columnOf(k), value: JSON.stringify(f[k]), cast: '::jsonb' }]
        : [{ column: columnOf(k), value: f[k], cast: '' }],
  );
}

type InitiativeRow = Record<string, unknown> & {
  id: number;
  stage: Stage;
  evidence: Record<string, unknown> | string | null;
  version: number;
  is_demo: boolean;
  created_by: number | null;
  created_at: Date | string;
  updated_at: Date | string;
};

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const ts = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const read = (row: Record<string, unknown>, column: string) => (BIGINT_COLUMNS.has(column) ? num(row[column]) : row[column]);

/** The stored fields of a row (funding sources come from their table). */
function fieldsOfRow(r: InitiativeRow, fundingSources: FundingSource[]): InitiativeFields {
  const out: Record<string, unknown> = {};
  for (const k of FIELD_KEYS)
    out[k] =
      k === 'fundingSources'
        ? fundingSources
        : k === 'benefits'
          ? Object.fromEntries(BENEFIT_KEYS.map((b) => [b, read(r, benefitColumn(b))]))
          : JSON_FIELDS.has(k)
            ? json(r[columnOf(k)])
            : read(r, columnOf(k));
  return out as InitiativeFields;
}

async function loadInitiatives(db: Queryable, ids?: number[], associationId?: number): Promise<InitiativeRecord[]> {
  const where = ids ? 'WHERE i.id = ANY($1::int[])' : associationId !== undefined ? 'WHERE i.association_id = $1' : '';
  const params = ids ? [ids] : associationId !== undefined ? [associationId] : [];
  const rows = (await db.query<InitiativeRow>(`SELECT i.* FROM initiatives i ${where} ORDER BY i.id`, params)).rows;
  if (rows.length === 0) return [];
  const idList = rows.map((r) => r.id);
  // Sequential on purpose: one connection inside a transaction.
  const parts = await db.query<{ initiative_id: number; municipality_code: string; kind: ParticipationKind }>(
    `SELECT initiative_id, municipality_code, kind FROM initiative_participations
      WHERE initiative_id = ANY($1::int[]) ORDER BY municipality_code`,
    [idList],
  );
  const actors = await db.query<{ initiative_id: number; id: number; name: string; kind: string; role: string }>(
    `SELECT ia.initiative_id, a.id, a.name, a.kind, ia.role FROM initiative_actors ia JOIN actors a ON a.id = ia.actor_id
      WHERE ia.initiative_id = ANY($1::int[]) ORDER BY a.name`,
    [idList],
  );
  const funding = await db.query<{ initiative_id: number; source: FundingSource['source']; amount: number | null; note: string }>(
    `SELECT initiative_id, source, amount, note FROM initiative_funding_sources
      WHERE initiative_id = ANY($1::int[]) ORDER BY sort, id`,
    [idList],
  );
  const scores = await db.query<{ initiative_id: number; criterion_id: string; score: number; justification: string; scored_at: Date | string }>(
    `SELECT s.initiative_id, s.criterion_id, s.score, s.justification, s.scored_at
       FROM qualification_scores s JOIN qualification_criteria c ON c.id = s.criterion_id
      WHERE s.initiative_id = ANY($1::int[]) ORDER BY c.sort, c.id`,
    [idList],
  );
  const group = <T extends { initiative_id: number }>(list: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of list) m.set(x.initiative_id, [...(m.get(x.initiative_id) ?? []), x]);
    return m;
  };
  const p = group(parts.rows);
  const a = group(actors.rows);
  const f = group(funding.rows);
  const s = group(scores.rows);
  return rows.map((r) => ({
    id: r.id,
    ...fieldsOfRow(
      r,
      (f.get(r.id) ?? []).map((x) => ({ source: x.source, amount: num(x.amount), note: x.note })),
    ),
    stage: r.stage,
    evidence: r.evidence === null ? null : json(r.evidence),
    participations: (p.get(r.id) ?? []).map((x) => ({ municipality: x.municipality_code, kind: x.kind })),
    actors: (a.get(r.id) ?? []).map((x) => ({ id: x.id, name: x.name, kind: x.kind, role: x.role })),
    scores: (s.get(r.id) ?? []).map((x) => ({
      criterionId: x.criterion_id,
      score: Number(x.score),
      justification: x.justification,
      scoredAt: ts(x.scored_at),
    })),
    version: r.version,
    isDemo: r.is_demo,
    createdBy: r.created_by,
    createdAt: ts(r.created_at),
    updatedAt: ts(r.updated_at),
  }));
}

/** The initiatives of one association (DOMAIN.md §2, issue 14); without `associationId` every association's. */
export const listInitiatives = (db: Queryable, associationId?: number) => loadInitiatives(db, undefined, associationId);

/** The association an initiative belongs to, or null when there is no such initiative. */
export async function initiativeAssociation(db: Queryable, id: number): Promise<number | null> {
  const r = (await db.query<{ a: number }>('SELECT association_id AS a FROM initiatives WHERE id = $1', [id])).rows[0];
  return r ? Number(r.a) : null;
}

export async function getInitiative(db: Queryable, id: number): Promise<InitiativeRecord | undefined> {
  return (await loadInitiatives(db, [id]))[0];
}

/** Locks the row for the rest of the transaction (PostgreSQL; PGlite is single-connection anyway). */
export async function lockInitiative(tx: Queryable, id: number): Promise<{ stage: Stage; version: number } | undefined> {
  return (await tx.query<{ stage: Stage; version: number }>('SELECT stage, version FROM initiatives WHERE id = $1 FOR UPDATE', [id])).rows[0];
}

async function replaceFundingSources(tx: Queryable, id: number, sources: FundingSource[]) {
  await tx.query('DELETE FROM initiative_funding_sources WHERE initiative_id = $1', [id]);
  for (const [i, s] of sources.entries())
    await tx.query('INSERT INTO initiative_funding_sources (initiative_id, source, amount, note, sort) VALUES ($1, $2, $3, $4, $5)', [
      id,
      s.source,
      s.amount,
      s.note,
      i,
    ]);
}

export interface StageLogActor {
  userId: number | null;
  userName: string;
}

/** Creates an initiative in stage Idé and logs its registration. Returns the id. */
export async function createInitiative(
  tx: Queryable,
  f: InitiativeFields,
  by: StageLogActor,
  extra: {
    evidence?: Record<string, unknown> | null;
    isDemo?: boolean;
    demoKey?: string;
    stage?: Stage;
    reason?: string;
    at?: string;
    /** The association the initiative belongs to; without it the instance's default association. */
    associationId?: number;
  } = {},
): Promise<number> {
  const stage = extra.stage ?? 'ide';
  const cols = [
    ...fieldColumns(f),
    ...(extra.associationId !== undefined ? [{ column: 'association_id', value: extra.associationId, cast: '' }] : []),
    { column: 'evidence', value: extra.evidence ? JSON.stringify(extra.evidence) : null, cast: '::jsonb' },
    { column: 'stage', value: stage, cast: '' },
    { column: 'is_demo', value: extra.isDemo ?? false, cast: '' },
    { column: 'demo_key', value: extra.demoKey ?? null, cast: '' },
    { column: 'created_by', value: by.userId, cast: '' },
    { column: 'updated_by', value: by.userId, cast: '' },
  ];
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO initiatives (${cols.map((c) => c.column).join(', ')})
     VALUES (${cols.map((c, n) => `$${n + 1}${c.cast}`).join(', ')}) RETURNING id`,
    cols.map((c) => c.value),
  );
  const id = rows[0].id;
  await replaceFundingSources(tx, id, f.fundingSources);
  await logStage(tx, id, null, stage, extra.reason ?? 'Förslaget registrerades', by, extra.at);
  return id;
}

/**
 * Saves the fields if the stored version is still `version` (optimistic concurrency) and bumps the
 * version. Returns the new version, or null when someone else saved in between.
 */
export async function updateInitiative(tx: Queryable, id: number, version: number, f: InitiativeFields, userId: number | null): Promise<number | null> {
  const cols = fieldColumns(f);
  const n = cols.length;
  const { rows } = await tx.query<{ version: number }>(
    `UPDATE initiatives SET ${cols.map((c, i) => `${c.column} = $${i + 1}${c.cast}`).join(', ')},
        version = version + 1, updated_by = $${n + 1}, updated_at = now()
      WHERE id = $${n + 2} AND version = $${n + 3}
      RETURNING version`,
    [...cols.map((c) => c.value), userId, id, version],
  );
  if (rows.length === 0) return null;
  await replaceFundingSources(tx, id, f.fundingSources);
  return rows[0].version;
}

export async function logStage(
  tx: Queryable,
  id: number,
  from: Stage | null,
  to: Stage,
  reason: string,
  by: StageLogActor,
  at?: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO initiative_stage_log (initiative_id, from_stage, to_stage, reason, user_id, user_name, at)
     VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7::timestamptz, now()))`,
    [id, from, to, reason, by.userId, by.userName, at ?? null],
  );
}

/** Moves the stage if the version still matches; logs the move. Returns the new version or null. */
export async function moveStage(
  tx: Queryable,
  id: number,
  version: number,
  from: Stage,
  to: Stage,
  reason: string,
  by: StageLogActor,
): Promise<number | null> {
  const { rows } = await tx.query<{ version: number }>(
    `UPDATE initiatives SET stage = $3, version = version + 1, updated_by = $4, updated_at = now()
      WHERE id = $1 AND version = $2 AND stage = $5 RETURNING version`,
    [id, version, to, by.userId, from],
  );
  if (rows.length === 0) return null;
  await logStage(tx, id, from, to, reason, by);
  return rows[0].version;
}

export async function stageLog(db: Queryable, id: number) {
  const { rows } = await db.query<{ id: number; from_stage: Stage | null; to_stage: Stage; reason: string; user_id: number | null; user_name: string; at: Date | string }>(
    'SELECT id, from_stage, to_stage, reason, user_id, user_name, at FROM initiative_stage_log WHERE initiative_id = $1 ORDER BY at, id',
    [id],
  );
  return rows.map((r) => ({ id: Number(r.id), from: r.from_stage, to: r.to_stage, reason: r.reason, userId: r.user_id, userName: r.user_name, at: ts(r.at) }));
}

// ---- Participations -----------------------------------------------------------------------------

export async function setParticipation(tx: Queryable, id: number, code: string, kind: ParticipationKind, userId: number | null) {
  await tx.query(
    `INSERT INTO initiative_participations (initiative_id, municipality_code, kind, declared_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (initiative_id, municipality_code) DO UPDATE SET kind = EXCLUDED.kind, declared_by = EXCLUDED.declared_by, declared_at = now()`,
    [id, code, kind, userId],
  );
}

export async function removeParticipation(tx: Queryable, id: number, code: string): Promise<boolean> {
  return (await tx.query('DELETE FROM initiative_participations WHERE initiative_id = $1 AND municipality_code = $2', [id, code])).rowCount > 0;
}

export async function setActorParticipation(tx: Queryable, id: number, actorId: number, role: string, userId: number | null) {
  await tx.query(
    `INSERT INTO initiative_actors (initiative_id, actor_id, role, added_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (initiative_id, actor_id) DO UPDATE SET role = EXCLUDED.role`,
    [id, actorId, role, userId],
  );
}

export async function removeActorParticipation(tx: Queryable, id: number, actorId: number): Promise<boolean> {
  return (await tx.query('DELETE FROM initiative_actors WHERE initiative_id = $1 AND actor_id = $2', [id, actorId])).rowCount > 0;
}

export async function getActor(db: Queryable, id: number) {
  return (await db.query<{ id: number; name: string; kind: string }>('SELECT id, name, kind FROM actors WHERE id = $1', [id])).rows[0];
}

export async function createActor(tx: Queryable, name: string, kind: string): Promise<{ id: number; name: string; kind: string } | null> {
  const { rows } = await tx.query<{ id: number; name: string; kind: string }>(
    'INSERT INTO actors (name, kind) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id, name, kind',
    [name, kind],
  );
  return rows[0] ?? null;
}

// ---- Qualification ------------------------------------------------------------------------------

export async function listCriteria(db: Queryable): Promise<Criterion[]> {
  return (
    await db.query<Criterion>('SELECT id, label, description, weight::float8 AS weight FROM qualification_criteria ORDER BY sort, id')
  ).rows.map((c) => ({ ...c, weight: Number(c.weight) }));
}

/** Replaces the criteria set: updates existing ids, adds new ones, deletes the rest (with their scores). */
export async function saveCriteria(tx: Queryable, criteria: Criterion[]) {
  await tx.query('DELETE FROM qualification_criteria WHERE NOT (id = ANY($1::text[]))', [criteria.map((c) => c.id)]);
  for (const [i, c] of criteria.entries())
    await tx.query(
      `INSERT INTO qualification_criteria (id, label, description, weight, sort) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label, description = EXCLUDED.description, weight = EXCLUDED.weight, sort = EXCLUDED.sort`,
      [c.id, c.label, c.description, c.weight, i + 1],
    );
}

export async function setScores(tx: Queryable, id: number, scores: CriterionScore[], userId: number | null) {
  for (const s of scores)
    await tx.query(
      `INSERT INTO qualification_scores (initiative_id, criterion_id, score, justification, scored_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (initiative_id, criterion_id) DO UPDATE
         SET score = EXCLUDED.score, justification = EXCLUDED.justification, scored_by = EXCLUDED.scored_by, scored_at = now()`,
      [id, s.criterionId, s.score, s.justification, userId],
    );
}

// ---- Gates (association configuration in `settings`) --------------------------------------------

/** Each association's gates under a key of its own (migration 020); without an association the default association's. */
const gatesKey = async (db: Queryable, associationId?: number) =>
  `portfolio.gates:${associationId ?? (await db.query<{ id: number }>('SELECT default_association_id() AS id')).rows[0].id}`;

export async function getGates(db: Queryable, associationId?: number): Promise<GateConfig> {
  const row = (await db.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [await gatesKey(db, associationId)])).rows[0];
  if (!row) return DEFAULT_GATES;
  const parsed = gateConfigSchema.safeParse(typeof row.value === 'string' ? JSON.parse(row.value) : row.value);
  return parsed.success ? (parsed.data as GateConfig) : DEFAULT_GATES;
}

export async function saveGates(tx: Queryable, gates: GateConfig, associationId?: number) {
  await tx.query(
    `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [await gatesKey(tx, associationId), JSON.stringify(gates)],
  );
}

// ---- Status reports -----------------------------------------------------------------------------


/** Status reports of one initiative, or of every initiative (of one association when `associationId` is given). */
export async function listStatusReports(db: Queryable, initiativeId?: number, associationId?: number): Promise<StatusReport[]> {
  const { rows } = await db.query<{
    id: number;
    initiative_id: number;
    period: string;
    status: ReportStatus;
    progress: number;
    comment: string;
    realised_hours: number | null;
    realised_sek: number | null;
    reported_by: string | null;
    reported_at: Date | string;
  }>(
    `SELECT r.id, r.initiative_id, r.period, r.status, r.progress, r.comment, r.realised_hours, r.realised_sek,
            u.name AS reported_by, r.reported_at
       FROM initiative_status_reports r LEFT JOIN users u ON u.id = r.reported_by
      WHERE ($1::int IS NULL OR r.initiative_id = $1)
        AND ($2::int IS NULL OR r.initiative_id IN (SELECT id FROM initiatives WHERE association_id = $2))
      ORDER BY r.initiative_id, r.period`,
    [initiativeId ?? null, associationId ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    initiativeId: r.initiative_id,
    period: r.period,
    status: r.status,
    progress: r.progress,
    comment: r.comment,
    realisedHours: num(r.realised_hours),
    realisedSek: num(r.realised_sek),
    reportedBy: r.reported_by,
    reportedAt: ts(r.reported_at),
  }));
}

export async function upsertStatusReport(
  tx: Queryable,
  r: { initiativeId: number; period: string; status: ReportStatus; progress: number; comment: string; realisedHours: number | null; realisedSek: number | null },
  userId: number | null,
  isDemo = false,
) {
  await tx.query(
    `INSERT INTO initiative_status_reports (initiative_id, period, status, progress, comment, realised_hours, realised_sek, reported_by, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (initiative_id, period) DO UPDATE SET status = EXCLUDED.status, progress = EXCLUDED.progress,
       comment = EXCLUDED.comment, realised_hours = EXCLUDED.realised_hours, realised_sek = EXCLUDED.realised_sek,
       reported_by = EXCLUDED.reported_by, reported_at = now()`,
    [r.initiativeId, r.period, r.status, r.progress, r.comment, r.realisedHours, r.realisedSek, userId, isDemo],
  );
}

// ---- Networks (indicators and funding: src/store/followup.ts) --------------------------------------------------------------

/** Ids of the networks that are demo data. */
export async function demoNetworkIds(db: Queryable): Promise<Set<number>> {
  return new Set((await db.query<{ id: number }>('SELECT id FROM networks WHERE is_demo')).rows.map((r) => Number(r.id)));
}

// A network's fields and their columns, in one place for the statements below.
const NETWORK_COLUMNS = { name: 'name', description: 'description', active: 'active', startYear: 'start_year', endYear: 'end_year' } as const satisfies Record<
  keyof Omit<Network, 'id'>,
  string
>;
const NETWORK_FIELDS = Object.keys(NETWORK_COLUMNS) as Array<keyof typeof NETWORK_COLUMNS>;
const networkValues = (n: Omit<Network, 'id'>) => NETWORK_FIELDS.map((k) => n[k]);

/** The networks of one association; without `associationId` every association's. */
export async function listNetworks(db: Queryable, associationId?: number): Promise<Network[]> {
  const columns = NETWORK_FIELDS.map((k) => `${NETWORK_COLUMNS[k]} AS "${k}"`).join(', ');
  return (
    await db.query<Network>(`SELECT id, ${columns} FROM networks WHERE ($1::int IS NULL OR association_id = $1) ORDER BY name`, [associationId ?? null])
  ).rows;
}

/** Adds a network to an association (without `associationId` the instance's default association). */
export async function createNetwork(tx: Queryable, n: Omit<Network, 'id'>, isDemo = false, associationId?: number): Promise<number | null> {
  const columns = NETWORK_FIELDS.map((k) => NETWORK_COLUMNS[k]);
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO networks (${columns.join(', ')}, is_demo, association_id)
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, $${columns.length + 1}, COALESCE($${columns.length + 2}::int, default_association_id()))
     ON CONFLICT (association_id, name) DO NOTHING RETURNING id`,
    [...networkValues(n), isDemo, associationId ?? null],
  );
  return rows[0]?.id ?? null;
}

export async function updateNetwork(tx: Queryable, id: number, n: Omit<Network, 'id'>): Promise<boolean> {
  const set = NETWORK_FIELDS.map((k, i) => `${NETWORK_COLUMNS[k]} = $${i + 2}`).join(', ');
  return (await tx.query(`UPDATE networks SET ${set} WHERE id = $1`, [id, ...networkValues(n)])).rowCount > 0;
}

export async function getNetwork(db: Queryable, id: number): Promise<Network | undefined> {
  return (await listNetworks(db)).find((n) => n.id === id);
}

/** The association a network belongs to, or null when there is no such network. */
export async function networkAssociation(db: Queryable, id: number): Promise<number | null> {
  const r = (await db.query<{ a: number }>('SELECT association_id AS a FROM networks WHERE id = $1', [id])).rows[0];
  return r ? Number(r.a) : null;
}

/** Whether another network of the association (default: the instance's default association) has the name. */
export async function networkNameTaken(db: Queryable, name: string, exceptId?: number, associationId?: number): Promise<boolean> {
  return (
    await db.query('SELECT 1 FROM networks WHERE lower(name) = lower($1) AND id <> $2 AND association_id = COALESCE($3::int, default_association_id())', [
      name,
      exceptId ?? 0,
      associationId ?? null,
    ])
  ).rows.length > 0;
}

/** Codes of the association's member municipalities (all municipalities with an association). */
export async function memberMunicipalities(db: Queryable): Promise<string[]> {
  return (await db.query<{ code: string }>('SELECT code FROM municipalities WHERE association_id IS NOT NULL ORDER BY code')).rows.map((r) => r.code);
}

export type { Participation };
