// The portfolio's configuration (criteria, gates), the ranking, follow-up of overdue reports, the
// handlingsplan, regional indicators, funding and networks (DOMAIN.md §7, §10). The initiatives
// themselves are in initiative.ts.
//
// Permissions: förbundsadmin configures criteria and gates, indicator values, funding and networks;
// every signed-in role reads the portfolio, ranking, indicators and the handlingsplan.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  COLLABORATION_FORMS,
  COLLABORATION_FORM_LABELS,
  COST_TYPES,
  COST_TYPE_LABELS,
  DEFAULT_GRACE_DAYS,
  describeRequirement,
  FUNDING_SOURCES,
  FUNDING_SOURCE_LABELS,
  fundingFollowUp,
  gateConfigSchema,
  INDICATORS,
  INDICATOR_LABELS,
  INDICATOR_UNITS,
  lastEndedQuarter,
  money,
  overdueReports,
  parsePeriod,
  PARTICIPATION_KINDS,
  PARTICIPATION_LABELS,
  rankInitiatives,
  REPORT_STATUSES,
  REPORT_STATUS_LABELS,
  SCOPES,
  SCOPE_LABELS,
  STAGES,
  STAGE_LABELS,
  text,
  TRANSITIONS,
  participating,
  year,
  type GateConfig,
  type Stage,
} from '../../domain/portfolio/index.ts';
import { audit } from '../../store/audit.ts';
import {
  createNetwork,
  getGates,
  getNetwork,
  listCriteria,
  listFundingProjects,
  listInitiatives,
  listNetworks,
  listStatusReports,
  networkNameTaken,
  saveCriteria,
  saveFundingProject,
  saveGates,
  setIndicatorValue,
  updateNetwork,
} from '../../store/initiatives.ts';
import { handlingsplanModel, indicatorReport } from '../../portfolio/service.ts';
import { handlingsplanReport } from '../../domain/reports/handlingsplan.ts';
import { indicatorsReport } from '../../domain/reports/indicators.ts';
import { CONTENT_TYPES, renderReport, REPORT_FORMATS } from '../../reports/render/index.ts';
import { requireRole, requireUser } from '../auth.ts';
import { conflict, fieldError, idParam, notFound, parse } from '../http.ts';
import { todaySchema } from '../../domain/portfolio/followup.ts';

const queryYear = z.coerce.number({ error: 'Året ska vara ett heltal' }).int('Året ska vara ett heltal').min(2000, 'Året ska vara 2000–2100').max(2100, 'Året ska vara 2000–2100');

function sendFile(reply: FastifyReply, buf: Buffer, format: keyof typeof CONTENT_TYPES, base: string) {
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${base}.${format}"`)
    .header('cache-control', 'no-store')
    .send(buf);
}

// ---- Routes -------------------------------------------------------------------------------------

export async function initiativeRoutes(app: FastifyInstance) {
  const { db } = app;
  const idParams = z.object({ id: idParam });

  app.get('/portfolio/config', async (req) => {
    requireUser(req);
    const gates = await getGates(db);
    return {
      stages: STAGES.map((s) => ({
        id: s,
        label: STAGE_LABELS[s],
        next: TRANSITIONS[s],
        gate: (gates[s] ?? []).map((r) => ({ ...r, description: describeRequirement(r) })),
      })),
      gates,
      criteria: await listCriteria(db),
      scopes: SCOPES.map((id) => ({ id, label: SCOPE_LABELS[id] })),
      collaborationForms: COLLABORATION_FORMS.map((id) => ({ id, label: COLLABORATION_FORM_LABELS[id] })),
      fundingSources: FUNDING_SOURCES.map((id) => ({ id, label: FUNDING_SOURCE_LABELS[id] })),
      participationKinds: PARTICIPATION_KINDS.map((id) => ({ id, label: PARTICIPATION_LABELS[id] })),
      reportStatuses: REPORT_STATUSES.map((id) => ({ id, label: REPORT_STATUS_LABELS[id] })),
      costTypes: COST_TYPES.map((id) => ({ id, label: COST_TYPE_LABELS[id] })),
      indicators: INDICATORS.map((id) => ({ id, label: INDICATOR_LABELS[id], unit: INDICATOR_UNITS[id] })),
    };
  });

  app.put('/portfolio/criteria', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const body = parse(
      z.object({
        criteria: z
          .array(
            z.object({
              id: z.string().regex(/^[a-z0-9_]{1,40}$/, 'Id ska vara små bokstäver a–z, siffror eller _'),
              label: z.string().trim().min(1, 'Ange en benämning').max(100),
              description: text(1000).default(''),
              weight: z.number({ error: 'Vikten ska vara ett tal' }).min(0, 'Vikten får inte vara negativ').max(100, 'Vikten får vara högst 100'),
            }),
          )
          .min(1, 'Ange minst ett kriterium')
          .max(30),
      }),
      req.body,
    );
    const ids = body.criteria.map((c) => c.id);
    if (new Set(ids).size !== ids.length) throw fieldError('criteria', 'Varje kriterium ska ha ett unikt id');
    if (!body.criteria.some((c) => c.weight > 0)) throw fieldError('criteria', 'Minst ett kriterium ska ha en vikt större än 0');
    await db.transaction(async (tx) => {
      await saveCriteria(tx, body.criteria);
      await audit(tx, { actor: user.id, action: 'portfolio.criteria_changed', ip: req.ip, details: { criteria: body.criteria } });
    });
    return { criteria: await listCriteria(db) };
  });

  app.put('/portfolio/gates', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const body = parse(z.object({ gates: gateConfigSchema }), req.body);
    await db.transaction(async (tx) => {
      await saveGates(tx, body.gates as GateConfig);
      await audit(tx, { actor: user.id, action: 'portfolio.gates_changed', ip: req.ip, details: { gates: body.gates } });
    });
    return { gates: await getGates(db) };
  });

  app.get('/initiatives/ranking', async (req) => {
    requireUser(req);
    const q = parse(
      z.object({
        stages: z
          .string()
          .max(200)
          .optional()
          .transform((s, ctx) => {
            const list = (s ?? 'kvalificering,prioriterad').split(',').map((x) => x.trim()).filter(Boolean);
            for (const x of list)
              if (!(STAGES as readonly string[]).includes(x)) {
                ctx.addIssue({ code: 'custom', message: `Okänt steg "${x}"` });
                return z.NEVER;
              }
            return list as Stage[];
          }),
      }),
      req.query,
    );
    const criteria = await listCriteria(db);
    const chosen = (await listInitiatives(db)).filter((i) => q.stages.includes(i.stage));
    const byId = new Map(chosen.map((i) => [i.id, i]));
    const ranking = rankInitiatives(
      chosen.map((i) => ({ id: i.id, title: i.title, scores: i.scores, participating: participating(i).length })),
      criteria,
    ).map((r) => ({ ...r, stage: byId.get(r.id)!.stage, stageLabel: STAGE_LABELS[byId.get(r.id)!.stage], scores: byId.get(r.id)!.scores }));
    return {
      criteria,
      formula: 'Viktad poäng = Σ(vikt × poäng) / Σ(vikt) över bedömda kriterier med vikt > 0 (skala 1–5); procent = (poäng − 1)/4 · 100.',
      ranking,
    };
  });

  app.get('/followup/overdue', async (req) => {
    requireRole(req, 'forbundsadmin');
    const today = new Date().toISOString().slice(0, 10);
    const q = parse(
      z.object({
        period: z.string().refine((p) => parsePeriod(p) !== null, 'Perioden ska skrivas 2025, 2025-H1 eller 2025-Q2').optional(),
        graceDays: z.coerce.number().int().min(0, 'Antal dagars marginal ska vara 0–365').max(365, 'Antal dagars marginal ska vara 0–365').default(DEFAULT_GRACE_DAYS),
        today: todaySchema.optional(),
      }),
      req.query,
    );
    const period = q.period ?? lastEndedQuarter(q.today ?? today);
    const overdue = overdueReports(await listInitiatives(db), await listStatusReports(db), period, { today: q.today ?? today, graceDays: q.graceDays });
    return { period, today: q.today ?? today, graceDays: q.graceDays, overdue };
  });

  // ---- Handlingsplan ----------------------------------------------------------------------------

  app.get('/handlingsplan', async (req, reply) => {
    // The association's decided plan: readable by every signed-in role (no respondent data in it).
    requireUser(req);
    const q = parse(
      z
        .object({
          from: queryYear,
          to: queryYear,
          format: z.enum([...REPORT_FORMATS, 'json'], { error: 'Formatet ska vara pdf, docx, xlsx eller json' }).default('json'),
        })
        .refine((x) => x.to >= x.from, { message: 'Slutåret kan inte vara före startåret', path: ['to'] })
        .refine((x) => x.to - x.from <= 10, { message: 'Perioden får vara högst tio år', path: ['to'] }),
      req.query,
      { labels: { from: 'Startår', to: 'Slutår' } },
    );
    const model = await handlingsplanModel(db, q.from, q.to);
    if (q.format === 'json') return { handlingsplan: model };
    return sendFile(reply, await renderReport(handlingsplanReport(model), q.format), q.format, `handlingsplan-${q.from}-${q.to}`);
  });

  // ---- Indicators, funding, networks ------------------------------------------------------------

  const indicatorQuery = z.object({ year: queryYear.default(new Date().getFullYear()) });

  app.get('/indicators', async (req) => {
    requireUser(req);
    const q = parse(indicatorQuery, req.query);
    const r = await indicatorReport(db, q.year);
    return { year: r.year, indicators: r.indicators, funding: r.funding, years: r.years };
  });

  app.get('/indicators/export', async (req, reply) => {
    requireUser(req);
    const q = parse(indicatorQuery.extend({ format: z.enum(REPORT_FORMATS, { error: 'Formatet ska vara pdf, docx eller xlsx' }).default('xlsx') }), req.query);
    const r = await indicatorReport(db, q.year);
    return sendFile(reply, await renderReport(indicatorsReport(r), q.format), q.format, `indikatorer-${q.year}`);
  });

  app.put('/indicators/:year/:indicator', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const p = parse(z.object({ year: queryYear, indicator: z.enum(INDICATORS, { error: `Indikatorn ska vara en av: ${INDICATORS.join(', ')}` }) }), req.params);
    const value = z.number({ error: 'ska vara ett tal, 0 eller större' }).min(0, 'ska vara 0 eller större').max(1_000_000).nullable();
    const body = parse(z.object({ expected: value, reported: value.default(null), note: text(2000).default(''), source: text(300).default('') }), req.body);
    if (INDICATOR_UNITS[p.indicator] === 'procent' && [body.expected, body.reported].some((v) => v !== null && v > 100))
      throw fieldError('expected', 'en andel anges i procent, 0–100');
    await db.transaction(async (tx) => {
      await setIndicatorValue(tx, p.year, p.indicator, body);
      await audit(tx, { actor: user.id, action: 'indicator.set', target: `${p.year}/${p.indicator}`, ip: req.ip, details: body });
    });
    return (await indicatorReport(db, p.year)).indicators.find((r) => r.indicator === p.indicator);
  });

  app.get('/funding', async (req) => {
    requireUser(req);
    return { projects: (await listFundingProjects(db)).map((p) => ({ ...p, followUp: fundingFollowUp(p.rows) })) };
  });

  app.put('/funding', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum ska skrivas ÅÅÅÅ-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'Ogiltigt datum').nullable().default(null);
    const body = parse(
      z.object({
        name: z.string().trim().min(2, 'Ange projektets namn').max(200),
        reference: text(200).default(''),
        periodFrom: date,
        periodTo: date,
        requisitionedUntil: date,
        rows: z
          .array(z.object({ costType: z.enum(COST_TYPES, { error: `Kostnadsslaget ska vara ett av: ${COST_TYPES.join(', ')}` }), applied: money, requisitioned: money }))
          .min(1, 'Ange minst ett kostnadsslag')
          .max(COST_TYPES.length),
      }),
      req.body,
    );
    const types = body.rows.map((r) => r.costType);
    if (new Set(types).size !== types.length) throw fieldError('rows', 'Varje kostnadsslag får förekomma en gång');
    await db.transaction(async (tx) => {
      await saveFundingProject(tx, body);
      await audit(tx, { actor: user.id, action: 'funding.saved', target: body.name, ip: req.ip, details: { rows: body.rows } });
    });
    const p = (await listFundingProjects(db)).find((x) => x.name === body.name)!;
    return { project: { ...p, followUp: fundingFollowUp(p.rows) } };
  });

  // No defaults in the base schema: a PATCH must not reset fields it does not send.
  const networkFields = z.object({
    name: z.string().trim().min(2, 'Ange nätverkets namn').max(200),
    description: text(2000),
    active: z.boolean({ error: 'Aktivt: ange ja eller nej' }),
    startYear: year.nullable(),
    endYear: year.nullable(),
  });
  const checkNetworkYears = (n: { startYear: number | null; endYear: number | null }) => {
    if (n.startYear !== null && n.endYear !== null && n.endYear < n.startYear) throw fieldError('endYear', 'Slutåret kan inte vara före startåret');
  };

  app.get('/networks', async (req) => {
    requireUser(req);
    return { networks: await listNetworks(db) };
  });

  app.post('/networks', async (req, reply) => {
    const user = requireRole(req, 'forbundsadmin');
    const input = parse(networkFields.partial().required({ name: true }), req.body);
    const body = { description: '', active: true, startYear: null, endYear: null, ...input };
    checkNetworkYears(body);
    if (await networkNameTaken(db, body.name)) throw conflict('Det finns redan ett nätverk med det namnet');
    const id = await db.transaction(async (tx) => {
      const newId = await createNetwork(tx, body);
      if (newId === null) throw conflict('Det finns redan ett nätverk med det namnet');
      await audit(tx, { actor: user.id, action: 'network.created', target: body.name, ip: req.ip });
      return newId;
    });
    return reply.status(201).send({ network: await getNetwork(db, id) });
  });

  app.patch('/networks/:id', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const { id } = parse(idParams, req.params);
    const body = parse(networkFields.partial(), req.body);
    const existing = await getNetwork(db, id);
    if (!existing) throw notFound('Nätverket finns inte');
    const next = { ...existing, ...body };
    checkNetworkYears(next);
    if (body.name && (await networkNameTaken(db, body.name, id))) throw conflict('Det finns redan ett nätverk med det namnet');
    await db.transaction(async (tx) => {
      await updateNetwork(tx, id, next);
      await audit(tx, { actor: user.id, action: 'network.updated', target: next.name, ip: req.ip, details: body });
    });
    return { network: await getNetwork(db, id) };
  });
}

