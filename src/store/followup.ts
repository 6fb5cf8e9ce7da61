// Persistence of the regional follow-up per association (DOMAIN.md §10): indicator values (expected and the
// published outcome with its source and date) and funding projects (applied and requisitioned per cost type,
// the published table's stated totals and unit as published). SQL only; takes a Queryable.
import type { Queryable } from '../db/db.ts';
import type { CostType, FundingProject, IndicatorKey, IndicatorTarget } from '../domain/portfolio/index.ts';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function indicatorTargets(db: Queryable, associationId: number, year: number): Promise<Partial<Record<IndicatorKey, IndicatorTarget>>> {
  const { rows } = await db.query<{
    indicator: IndicatorKey;
    expected: number | null;
    reported: number | null;
    note: string;
    source: string;
    as_of: string;
    stated_members: number | null;
  }>(
    `SELECT indicator, expected::float8 AS expected, reported::float8 AS reported, note, source, reported_as_of AS as_of, stated_members
       FROM indicator_values WHERE association_id = $1 AND year = $2`,
    [associationId, year],
  );
  return Object.fromEntries(
    rows.map((r) => [
      r.indicator,
      { expected: num(r.expected), reported: num(r.reported), note: r.note, source: r.source, asOf: r.as_of, statedMembers: num(r.stated_members) },
    ]),
  );
}

/** The years that have expected or reported indicator values for the association (all associations when null), ascending. */
export async function indicatorYears(db: Queryable, associationId: number | null): Promise<number[]> {
  return (
    await db.query<{ year: number }>('SELECT DISTINCT year FROM indicator_values WHERE $1::int IS NULL OR association_id = $1 ORDER BY year', [associationId])
  ).rows.map((r) => Number(r.year));
}

export async function setIndicatorValue(
  tx: Queryable,
  associationId: number,
  year: number,
  indicator: IndicatorKey,
  v: IndicatorTarget,
  opts: { isDemo?: boolean; onlyIfMissing?: boolean; onlyDemo?: boolean } = {},
) {
  await tx.query(
    `INSERT INTO indicator_values (association_id, year, indicator, expected, reported, note, source, reported_as_of, stated_members, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (association_id, year, indicator) DO ${
       opts.onlyIfMissing
         ? 'NOTHING'
         : `UPDATE SET expected = EXCLUDED.expected, reported = EXCLUDED.reported, note = EXCLUDED.note, source = EXCLUDED.source,
             reported_as_of = EXCLUDED.reported_as_of, stated_members = EXCLUDED.stated_members${opts.onlyDemo ? ' WHERE indicator_values.is_demo' : ''}`
     }`,
    [associationId, year, indicator, v.expected, v.reported, v.note, v.source ?? '', v.asOf ?? '', v.statedMembers ?? null, opts.isDemo ?? false],
  );
}

interface ProjectRow {
  id: number;
  name: string;
  reference: string;
  period_from: string | null;
  period_to: string | null;
  requisitioned_from: string | null;
  requisitioned_until: string | null;
  unit: FundingProject['unit'];
  stated_applied: unknown;
  stated_requisitioned: unknown;
  stated_remaining: unknown;
  decided_total: unknown;
  caption: string;
  source: string;
  is_demo: boolean;
}

export async function listFundingProjects(db: Queryable, associationId: number): Promise<Array<FundingProject & { isDemo: boolean }>> {
  const projects = (
    await db.query<ProjectRow>(
      `SELECT id, name, reference, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to,
              to_char(requisitioned_from, 'YYYY-MM-DD') AS requisitioned_from, to_char(requisitioned_until, 'YYYY-MM-DD') AS requisitioned_until,
              unit, stated_applied, stated_requisitioned, stated_remaining, decided_total, caption, source, is_demo
         FROM funding_projects WHERE association_id = $1 ORDER BY name`,
      [associationId],
    )
  ).rows;
  if (projects.length === 0) return [];
  const rows = (
    await db.query<{ project_id: number; cost_type: CostType; applied: number; requisitioned: number }>(
      'SELECT project_id, cost_type, applied, requisitioned FROM funding_rows WHERE project_id = ANY($1::int[])',
      [projects.map((p) => p.id)],
    )
  ).rows;
  return projects.map((p) => ({
    id: p.id,
    name: p.name,
    reference: p.reference,
    periodFrom: p.period_from,
    periodTo: p.period_to,
    requisitionedFrom: p.requisitioned_from,
    requisitionedUntil: p.requisitioned_until,
    unit: p.unit,
    statedApplied: num(p.stated_applied),
    statedRequisitioned: num(p.stated_requisitioned),
    statedRemaining: num(p.stated_remaining),
    decidedTotal: num(p.decided_total),
    caption: p.caption,
    source: p.source,
    isDemo: p.is_demo,
    rows: rows
      .filter((r) => r.project_id === p.id)
      .map((r) => ({ costType: r.cost_type, applied: Number(r.applied), requisitioned: Number(r.requisitioned) })),
  }));
}

/**
 * Creates or replaces an association's funding project (by name) with its rows. Returns the id, or null when
 * it exists and `onlyIfMissing` (or `onlyDemo` and the stored project is not demo data) leaves it as it is.
 */
export async function saveFundingProject(
  tx: Queryable,
  associationId: number,
  p: Omit<FundingProject, 'id'>,
  opts: { isDemo?: boolean; onlyIfMissing?: boolean; onlyDemo?: boolean } = {},
): Promise<number | null> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO funding_projects (association_id, name, reference, period_from, period_to, requisitioned_from, requisitioned_until, unit,
                                   stated_applied, stated_requisitioned, stated_remaining, decided_total, caption, source, is_demo)
     VALUES ($1, $2, $3, $4::date, $5::date, $6::date, $7::date, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (association_id, name) DO ${
       opts.onlyIfMissing
         ? 'NOTHING'
         : `UPDATE SET reference = EXCLUDED.reference, period_from = EXCLUDED.period_from, period_to = EXCLUDED.period_to,
              requisitioned_from = EXCLUDED.requisitioned_from, requisitioned_until = EXCLUDED.requisitioned_until, unit = EXCLUDED.unit,
              stated_applied = EXCLUDED.stated_applied, stated_requisitioned = EXCLUDED.stated_requisitioned,
              stated_remaining = EXCLUDED.stated_remaining, decided_total = EXCLUDED.decided_total, caption = EXCLUDED.caption,
              source = EXCLUDED.source${opts.onlyDemo ? ' WHERE funding_projects.is_demo' : ''}`
     }
     RETURNING id`,
    [
      associationId,
      p.name,
      p.reference,
      p.periodFrom,
      p.periodTo,
      p.requisitionedFrom,
      p.requisitionedUntil,
      p.unit,
      p.statedApplied,
      p.statedRequisitioned,
      p.statedRemaining,
      p.decidedTotal,
      p.caption,
      p.source,
      opts.isDemo ?? false,
    ],
  );
  if (!rows[0]) return null;
  const id = rows[0].id;
  await tx.query('DELETE FROM funding_rows WHERE project_id = $1', [id]);
  for (const r of p.rows)
    await tx.query('INSERT INTO funding_rows (project_id, cost_type, applied, requisitioned) VALUES ($1, $2, $3, $4)', [id, r.costType, r.applied, r.requisitioned]);
  return id;
}

/** The association's initiatives and networks (ids), for computing its indicators. */
export async function associationPortfolioIds(db: Queryable, associationId: number): Promise<{ initiatives: Set<number>; networks: Set<number> }> {
  const i = await db.query<{ id: number }>('SELECT id FROM initiatives WHERE association_id = $1', [associationId]);
  const n = await db.query<{ id: number }>('SELECT id FROM networks WHERE association_id = $1', [associationId]);
  return { initiatives: new Set(i.rows.map((r) => Number(r.id))), networks: new Set(n.rows.map((r) => Number(r.id))) };
}

/** Whether any of the rounds is demo data. */
export async function anyDemoRound(db: Queryable, ids: number[]): Promise<boolean> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rounds WHERE is_demo AND id = ANY($1::int[])', [ids])).rows[0].n > 0;
}
