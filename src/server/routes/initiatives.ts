// Joint initiatives (samverkansportfölj, DOMAIN.md §7) and regional follow-up (§10).
//
// Permissions:
// - förbundsadmin: everything (qualify, score, prioritise, move stages, configure criteria and gates,
//   indicator values, funding, networks, other actors' participation).
// - kommunansvarig: propose initiatives (stage Idé) with one of their own municipalities as proposing
//   municipality; edit their municipality's proposals while in Idé; declare interest/participation for
//   their own municipalities only; report status for initiatives their municipality proposes or takes part in.
// - läsare: read the portfolio, ranking, indicators, the handlingsplan.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Queryable } from '../../db/db.ts';
import {
  checkGate,
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
  LINK_KINDS,
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
  TRANSITIONS,
  transitionError,
  weightedScore,
  benefitFollowUp,
  participating,
  type GateConfig,
  type GateContext,
  type Stage,
} from '../../domain/portfolio/index.ts';
import type { User } from '../../store/accounts.ts';
import { audit } from '../../store/audit.ts';
import {
  createActor,
  createInitiative,
  createNetwork,
  getActor,
  getGates,
  getInitiative,
  getNetwork,
  listCriteria,
  listFundingProjects,
  listInitiatives,
  listNetworks,
  listStatusReports,
  lockInitiative,
  moveStage,
  networkNameTaken,
  removeActorParticipation,
  removeParticipation,
  saveCriteria,
  saveFundingProject,
  saveGates,
  setActorParticipation,
  setIndicatorValue,
  setParticipation,
  setScores,
  stageLog,
  updateInitiative,
  updateNetwork,
  upsertStatusReport,
  EMPTY_INITIATIVE_FIELDS,
  type InitiativeFields,
  type InitiativeRecord,
} from '../../store/initiatives.ts';
import { getMunicipality, listAreas } from '../../store/organisation.ts';
import { handlingsplanModel, indicatorReport } from '../../portfolio/service.ts';
import { handlingsplanReport } from '../../domain/reports/handlingsplan.ts';
import { indicatorsReport } from '../../domain/reports/indicators.ts';
import { CONTENT_TYPES, renderReport, REPORT_FORMATS } from '../../reports/render/index.ts';
import { requireRole, requireUser } from '../auth.ts';
import { badRequest, conflict, fieldError, forbidden, AppError, idParam, municipalityCode, notFound, parse } from '../http.ts';
import { getCandidate } from '../../analysis/service.ts';
import { optionalRef } from '../../domain/text.ts';
import { todaySchema } from '../../domain/portfolio/followup.ts';

export const CONCURRENT_EDIT_MESSAGE = 'Initiativet har ändrats av någon annan sedan du öppnade det. Ladda om och gör om ändringen.';

// ---- Input schemas ----------------------------------------------------------------------------

const MONEY = 'ska vara ett belopp i hela kronor: ett heltal, 0 eller större';
const money = z.number({ error: MONEY }).int({ error: MONEY }).min(0, { error: MONEY }).max(1_000_000_000_000, { error: 'Beloppet är orimligt stort' });
const HOURS = 'ska vara ett antal timmar: ett heltal, 0 eller större';
const hours = z.number({ error: HOURS }).int({ error: HOURS }).min(0, { error: HOURS }).max(1_000_000_000, { error: 'Antalet timmar är orimligt stort' });
const text = (max: number) => z.string().trim().max(max, `Högst ${max} tecken`);
const year = z.number({ error: 'Året ska vara ett heltal' }).int('Året ska vara ett heltal').min(2000, 'Året ska vara 2000–2100').max(2100, 'Året ska vara 2000–2100');
const queryYear = z.coerce.number({ error: 'Året ska vara ett heltal' }).int('Året ska vara ett heltal').min(2000, 'Året ska vara 2000–2100').max(2100, 'Året ska vara 2000–2100');
const level14 = z.number().int().min(1, 'ska vara 1–4').max(4, 'ska vara 1–4').nullable();
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .url('Ange en giltig webbadress')
  .refine((u) => /^https?:\/\//i.test(u), 'Länken ska börja med http:// eller https://');

const benefitsSchema = z.object({
  qualitative: text(5000),
  economic: text(5000),
  operational: text(5000),
  hoursPerYear: hours.nullable(),
  sekPerYear: money.nullable(),
});

const fieldsSchema = z.object({
  title: z.string().trim().min(3, 'Titeln ska ha minst 3 tecken').max(200, 'Högst 200 tecken'),
  description: text(10000),
  need: text(10000),
  // Empty = no area; an area that does not exist is a 400 (checkReferences).
  area: optionalRef(z.string().max(40)),
  scope: z.enum(SCOPES, { error: 'Omfattningen ska vara delregional, regional eller nationell' }),
  origin: text(200),
  proposingMunicipality: municipalityCode.nullable(),
  collaborationForm: z.enum(COLLABORATION_FORMS, { error: 'Samverkansformen ska vara samverkan, asymmetrisk, sammanlaggning eller region_stat' }).nullable(),
  benefits: benefitsSchema.partial(),
  estimatedCost: money.nullable(),
  fundingSources: z
    .array(
      z.object({
        source: z.enum(FUNDING_SOURCES, { error: 'Finansieringskällan ska vara egen, vgr_mru, eu, nationell eller ovrig' }),
        amount: money.nullable().default(null),
        note: text(500).default(''),
      }),
    )
    .max(20),
  risks: z
    .array(z.object({ description: z.string().trim().min(1, 'Beskriv risken').max(1000), probability: level14.default(null), consequence: level14.default(null) }))
    .max(50),
  documents: z.array(z.object({ title: z.string().trim().min(1, 'Ange en titel').max(300), url: httpUrl })).max(50),
  links: z
    .array(
      z.object({
        kind: z.enum(LINK_KINDS, { error: 'Kopplingen ska vara formaga eller utmaning' }),
        label: z.string().trim().min(1, 'Ange en etikett').max(300),
        instrumentId: z.string().max(100).optional(),
        itemId: z.string().max(100).optional(),
      }),
    )
    .max(50),
  startYear: year.nullable(),
  endYear: year.nullable(),
});

type FieldsInput = z.infer<typeof fieldsSchema>;

const createSchema = fieldsSchema.partial().required({ title: true });
const patchSchema = fieldsSchema.partial().extend({
  version: z.number({ error: 'Versionen av initiativet du utgick från saknas; ladda om sidan och försök igen' }).int().positive(),
});

function merge(base: InitiativeFields, input: Partial<FieldsInput>): InitiativeFields {
  const { benefits, ...rest } = input;
  const out: InitiativeFields = { ...base, ...(rest as Partial<InitiativeFields>), benefits: { ...base.benefits, ...(benefits ?? {}) } };
  if (out.startYear !== null && out.endYear !== null && out.endYear < out.startYear)
    throw fieldError('endYear', 'Slutåret kan inte vara före startåret');
  return out;
}

const fieldsOf = (i: InitiativeRecord): InitiativeFields => ({
  title: i.title,
  description: i.description,
  need: i.need,
  area: i.area,
  scope: i.scope,
  origin: i.origin,
  proposingMunicipality: i.proposingMunicipality,
  collaborationForm: i.collaborationForm,
  benefits: i.benefits,
  estimatedCost: i.estimatedCost,
  fundingSources: i.fundingSources,
  risks: i.risks,
  documents: i.documents,
  links: i.links,
  startYear: i.startYear,
  endYear: i.endYear,
});

// ---- Permissions and presentation ---------------------------------------------------------------

const isAdmin = (u: User) => u.role === 'forbundsadmin';
const ownsMunicipality = (u: User, code: string | null) => code !== null && u.role === 'kommunansvarig' && u.municipalities.includes(code);
const CLOSED: Stage[] = ['nyttohemtagning', 'avslutad_utan_genomforande'];

function canEdit(u: User, i: InitiativeRecord): boolean {
  return isAdmin(u) || (i.stage === 'ide' && ownsMunicipality(u, i.proposingMunicipality));
}

function canReport(u: User, i: InitiativeRecord): boolean {
  return isAdmin(u) || ownsMunicipality(u, i.proposingMunicipality) || participating(i).some((c) => ownsMunicipality(u, c));
}

/**
 * The evidence of a samverkanskandidat names weak municipalities (identifiable results): only the
 * association sees it whole; others see the capability and the count, and their own municipalities.
 */
function redactEvidence(u: User, e: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!e || isAdmin(u)) return e;
  const codes = Array.isArray(e.municipalities) ? (e.municipalities as unknown[]).filter((c): c is string => typeof c === 'string') : [];
  return {
    source: e.source,
    instrumentId: e.instrumentId,
    itemId: e.itemId,
    capabilityLabel: e.capabilityLabel,
    weakMunicipalities: codes.length,
    ownMunicipalities: codes.filter((c) => u.municipalities.includes(c)),
  };
}

function present(u: User, i: InitiativeRecord, criteria: Awaited<ReturnType<typeof listCriteria>>) {
  return {
    ...i,
    evidence: redactEvidence(u, i.evidence),
    stageLabel: STAGE_LABELS[i.stage],
    participating: participating(i),
    interested: i.participations.filter((p) => p.kind === 'intresserad').map((p) => p.municipality),
    qualification: weightedScore(i.scores, criteria),
    canEdit: canEdit(u, i),
  };
}

async function gateContext(db: Queryable, i: InitiativeRecord): Promise<GateContext> {
  const criteria = (await listCriteria(db)).filter((c) => c.weight > 0);
  return {
    criteria: criteria.map((c) => ({ id: c.id, label: c.label })),
    scoredCriteria: i.scores.map((s) => s.criterionId),
    statusReports: await listStatusReports(db, i.id),
  };
}

async function loadOr404(db: Queryable, id: number): Promise<InitiativeRecord> {
  const i = await getInitiative(db, id);
  if (!i) throw notFound('Initiativet finns inte');
  return i;
}

async function checkReferences(db: Queryable, f: { area?: string | null; proposingMunicipality?: string | null }) {
  if (f.area) {
    const areas = await listAreas(db);
    if (!areas.some((a) => a.id === f.area)) throw fieldError('area', `Verksamhetsområdet "${f.area}" finns inte`);
  }
  if (f.proposingMunicipality && !(await getMunicipality(db, f.proposingMunicipality)))
    throw notFound(`Kommunen med kod ${f.proposingMunicipality} finns inte`);
}

const actorOf = (u: User) => ({ userId: u.id, userName: u.name });

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

  app.get('/initiatives', async (req) => {
    const user = requireUser(req);
    const q = parse(
      z.object({
        stage: z.enum(STAGES, { error: 'Okänt steg' }).optional(),
        scope: z.enum(SCOPES, { error: 'Okänd omfattning' }).optional(),
        municipality: municipalityCode.optional(),
      }),
      req.query,
    );
    const criteria = await listCriteria(db);
    const all = (await listInitiatives(db)).filter(
      (i) =>
        (!q.stage || i.stage === q.stage) &&
        (!q.scope || i.scope === q.scope) &&
        (!q.municipality || i.proposingMunicipality === q.municipality || i.participations.some((p) => p.municipality === q.municipality)),
    );
    return { initiatives: all.map((i) => present(user, i, criteria)) };
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

  app.get('/initiatives/:id', async (req) => {
    const user = requireUser(req);
    const { id } = parse(idParams, req.params);
    const i = await loadOr404(db, id);
    const criteria = await listCriteria(db);
    const gates = await getGates(db);
    const ctx = await gateContext(db, i);
    const reports = await listStatusReports(db, id);
    return {
      initiative: present(user, i, criteria),
      nextStages: TRANSITIONS[i.stage].map((s) => ({ stage: s, label: STAGE_LABELS[s], missing: checkGate(i, s, gates, ctx) })),
      reports,
      followUp: benefitFollowUp(i.benefits, reports),
    };
  });

  app.get('/initiatives/:id/log', async (req) => {
    requireUser(req);
    const { id } = parse(idParams, req.params);
    await loadOr404(db, id);
    return { log: (await stageLog(db, id)).map((e) => ({ ...e, fromLabel: e.from ? STAGE_LABELS[e.from] : null, toLabel: STAGE_LABELS[e.to] })) };
  });

  app.post('/initiatives', async (req, reply) => {
    const user = requireRole(req, 'forbundsadmin', 'kommunansvarig');
    const body = parse(createSchema, req.body);
    if (user.role === 'kommunansvarig') {
      const proposing = body.proposingMunicipality ?? (user.municipalities.length === 1 ? user.municipalities[0] : null);
      if (!proposing) throw fieldError('proposingMunicipality', 'Ange vilken av dina kommuner som föreslår initiativet');
      if (!ownsMunicipality(user, proposing)) throw forbidden('Du kan bara föreslå initiativ för din egen kommun');
      body.proposingMunicipality = proposing;
    }
    await checkReferences(db, body);
    const fields = merge({ title: body.title, ...EMPTY_INITIATIVE_FIELDS }, body);
    const id = await db.transaction(async (tx) => {
      const newId = await createInitiative(tx, fields, actorOf(user), {
        reason: user.role === 'kommunansvarig' ? 'Förslag från kommunansvarig' : 'Registrerat av förbundet',
      });
      await audit(tx, { actor: user.id, action: 'initiative.created', target: String(newId), ip: req.ip, details: { title: fields.title } });
      return newId;
    });
    const created = (await getInitiative(db, id))!;
    return reply.status(201).send({ initiative: present(user, created, await listCriteria(db)) });
  });

  const proposalFields = {
    title: z.string().trim().min(3, 'Titeln ska ha minst 3 tecken').max(200).optional(),
    area: optionalRef(z.string().max(40)),
    proposingMunicipality: municipalityCode.nullable().optional(),
  };
  /** A candidate of a round: the server takes the evidence from the analysis, as the user may see it. */
  const fromRound = z.object({
    roundId: idParam,
    itemId: z.string().trim().min(1, 'Ange frågan/förmågan').max(100),
    filters: z.object({ respondentType: z.string().max(100).nullable().optional(), area: z.string().max(100).nullable().optional() }).default({}),
    ...proposalFields,
  });
  /** Evidence given by the caller (automation, other analysis tools). */
  const explicit = z.object({
    instrumentId: z.string().trim().min(1, 'Ange instrumentet').max(100),
    itemId: z.string().trim().min(1, 'Ange frågan/förmågan').max(100),
    capabilityLabel: z.string().trim().min(1, 'Ange förmågans namn').max(300),
    municipalities: z.array(municipalityCode).min(1, 'Ange minst en kommun').max(300),
    evidence: z
      .record(z.string(), z.unknown())
      .default({})
      .refine((e) => JSON.stringify(e).length <= 20_000, 'Underlaget är för stort (högst 20 000 tecken)'),
    ...proposalFields,
  });

  app.post('/initiatives/from-candidate', async (req, reply) => {
    const user = requireRole(req, 'forbundsadmin', 'kommunansvarig');
    let body: z.infer<typeof explicit>;
    if (req.body && typeof req.body === 'object' && 'roundId' in req.body) {
      const q = parse(fromRound, req.body);
      const filters = { respondentType: q.filters.respondentType || null, area: q.filters.area || null };
      const c = await getCandidate(db, { role: user.role, municipalities: user.municipalities }, { roundId: q.roundId, itemId: q.itemId, filters });
      if (!c.candidate.municipalities.length) throw badRequest('Förmågan är inte svag i din kommun enligt analysen');
      body = {
        instrumentId: c.round.instrument,
        itemId: q.itemId,
        capabilityLabel: c.candidate.label.slice(0, 300),
        municipalities: c.candidate.municipalities,
        evidence: {
          roundId: c.round.id,
          roundTitle: c.round.title,
          instrumentTitle: c.round.instrumentTitle,
          weak: c.candidate.weak,
          filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
          threshold: c.candidate.threshold,
        },
        title: q.title,
        area: q.area,
        proposingMunicipality: q.proposingMunicipality,
      };
    } else body = parse(explicit, req.body);
    const codes = [...new Set(body.municipalities)].sort();
    if (user.role === 'kommunansvarig' && !codes.every((c) => ownsMunicipality(user, c)))
      throw forbidden('Du kan bara skapa förslag utifrån din egen kommuns resultat');
    let proposing = body.proposingMunicipality ?? null;
    if (user.role === 'kommunansvarig') {
      proposing = proposing ?? codes[0];
      if (!ownsMunicipality(user, proposing)) throw forbidden('Du kan bara föreslå initiativ för din egen kommun');
    }
    for (const c of codes) if (!(await getMunicipality(db, c))) throw notFound(`Kommunen med kod ${c} finns inte`);
    await checkReferences(db, { area: body.area ?? null, proposingMunicipality: proposing });
    const weak = body.evidence.weak as { n?: unknown } | undefined;
    const of = weak && typeof weak.n === 'number' ? ` av ${weak.n}` : '';
    const fields: InitiativeFields = {
      ...EMPTY_INITIATIVE_FIELDS,
      // Capped like every title (fieldsSchema: at most 200), so that the initiative can be edited later.
      title: body.title ?? `Samverkan kring ${body.capabilityLabel}`.slice(0, 200).trim(),
      need: `Förmågan "${body.capabilityLabel}" är svag i ${codes.length}${of} kommuner enligt analysen (instrument ${body.instrumentId}, ${body.itemId}). En gemensam insats kan lyfta förmågan där den är svagast.`,
      area: body.area ?? null,
      proposingMunicipality: proposing,
      links: [{ kind: 'formaga', label: body.capabilityLabel, instrumentId: body.instrumentId, itemId: body.itemId }],
    };
    const evidence = {
      source: 'samverkanskandidat',
      instrumentId: body.instrumentId,
      itemId: body.itemId,
      capabilityLabel: body.capabilityLabel,
      municipalities: codes,
      analysis: body.evidence,
    };
    const id = await db.transaction(async (tx) => {
      const newId = await createInitiative(tx, fields, actorOf(user), { evidence, reason: 'Skapat från en samverkanskandidat i analysen' });
      // A key user's own weak municipalities are prefilled as interested; for the association the weak
      // municipalities stay in the evidence (suggested participants) until they declare interest themselves.
      if (user.role === 'kommunansvarig') for (const c of codes) await setParticipation(tx, newId, c, 'intresserad', user.id);
      await audit(tx, { actor: user.id, action: 'initiative.created_from_candidate', target: String(newId), ip: req.ip, details: { itemId: body.itemId } });
      return newId;
    });
    const created = (await getInitiative(db, id))!;
    return reply.status(201).send({ initiative: { ...present(user, created, await listCriteria(db)), suggestedMunicipalities: isAdmin(user) ? codes : undefined } });
  });

  app.patch('/initiatives/:id', async (req) => {
    const user = requireRole(req, 'forbundsadmin', 'kommunansvarig');
    const { id } = parse(idParams, req.params);
    const body = parse(patchSchema, req.body);
    const { version, ...changes } = body;
    const saved = await db.transaction(async (tx) => {
      const existing = await getInitiative(tx, id);
      if (!existing) throw notFound('Initiativet finns inte');
      if (!canEdit(user, existing))
        throw forbidden(
          existing.stage !== 'ide' && ownsMunicipality(user, existing.proposingMunicipality)
            ? 'Förslaget kan bara ändras av kommunen medan det är i steget Idé; därefter ändrar förbundet'
            : 'Du kan bara ändra din egen kommuns förslag',
        );
      if (!isAdmin(user) && changes.proposingMunicipality !== undefined && !ownsMunicipality(user, changes.proposingMunicipality))
        throw forbidden('Du kan bara föreslå initiativ för din egen kommun');
      if (version !== existing.version) throw conflict(CONCURRENT_EDIT_MESSAGE, { currentVersion: existing.version, yourVersion: version });
      await checkReferences(tx, changes);
      const fields = merge(fieldsOf(existing), changes);
      const v = await updateInitiative(tx, id, version, fields, user.id);
      if (v === null) throw conflict(CONCURRENT_EDIT_MESSAGE);
      await audit(tx, { actor: user.id, action: 'initiative.updated', target: String(id), ip: req.ip, details: { fields: Object.keys(changes), version: v } });
      return (await getInitiative(tx, id))!;
    });
    return { initiative: present(user, saved, await listCriteria(db)) };
  });

  app.post('/initiatives/:id/stage', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const { id } = parse(idParams, req.params);
    const body = parse(
      z.object({
        to: z.enum(STAGES, { error: `Steget ska vara ett av: ${STAGES.join(', ')}` }),
        reason: z.string().trim().min(3, 'Ange ett skäl till beslutet (minst 3 tecken)').max(2000, 'Högst 2000 tecken'),
        version: z.number().int().positive().optional(),
      }),
      req.body,
    );
    const gates = await getGates(db);
    const moved = await db.transaction(async (tx) => {
      const cur = await lockInitiative(tx, id);
      if (!cur) throw notFound('Initiativet finns inte');
      if (body.version !== undefined && body.version !== cur.version) throw conflict(CONCURRENT_EDIT_MESSAGE, { currentVersion: cur.version });
      const err = transitionError(cur.stage, body.to);
      if (err) throw conflict(err);
      const i = (await getInitiative(tx, id))!;
      const missing = checkGate(i, body.to, gates, await gateContext(tx, i));
      if (missing.length)
        throw new AppError('unprocessable', `Initiativet kan inte flyttas till ${STAGE_LABELS[body.to]}. Det saknas: ${missing.join('; ')}.`, { missing });
      const v = await moveStage(tx, id, cur.version, cur.stage, body.to, body.reason, actorOf(user));
      if (v === null) throw conflict(CONCURRENT_EDIT_MESSAGE);
      await audit(tx, { actor: user.id, action: 'initiative.stage_moved', target: String(id), ip: req.ip, details: { from: cur.stage, to: body.to, reason: body.reason } });
      return (await getInitiative(tx, id))!;
    });
    return { initiative: present(user, moved, await listCriteria(db)) };
  });

  app.put('/initiatives/:id/participations/:code', async (req) => {
    const user = requireRole(req, 'forbundsadmin', 'kommunansvarig');
    const { id, code } = parse(z.object({ id: idParam, code: municipalityCode }), req.params);
    const body = parse(z.object({ kind: z.enum(PARTICIPATION_KINDS, { error: 'Ange intresserad eller deltar' }) }), req.body);
    if (!isAdmin(user) && !ownsMunicipality(user, code)) throw forbidden('Du kan bara anmäla intresse eller deltagande för din egen kommun');
    if (!(await getMunicipality(db, code))) throw notFound(`Kommunen med kod ${code} finns inte`);
    const i = await loadOr404(db, id);
    if (CLOSED.includes(i.stage)) throw conflict(`Initiativet är avslutat (${STAGE_LABELS[i.stage]}); deltagandet kan inte ändras`);
    await db.transaction(async (tx) => {
      await setParticipation(tx, id, code, body.kind, user.id);
      await audit(tx, { actor: user.id, action: 'initiative.participation_set', target: String(id), ip: req.ip, details: { municipality: code, kind: body.kind } });
    });
    return { initiative: present(user, (await getInitiative(db, id))!, await listCriteria(db)) };
  });

  app.delete('/initiatives/:id/participations/:code', async (req) => {
    const user = requireRole(req, 'forbundsadmin', 'kommunansvarig');
    const { id, code } = parse(z.object({ id: idParam, code: municipalityCode }), req.params);
    if (!isAdmin(user) && !ownsMunicipality(user, code)) throw forbidden('Du kan bara ändra din egen kommuns deltagande');
    const i = await loadOr404(db, id);
    if (CLOSED.includes(i.stage)) throw conflict(`Initiativet är avslutat (${STAGE_LABELS[i.stage]}); deltagandet kan inte ändras`);
    const removed = await db.transaction(async (tx) => {
      const r = await removeParticipation(tx, id, code);
      if (r) await audit(tx, { actor: user.id, action: 'initiative.participation_removed', target: String(id), ip: req.ip, details: { municipality: code } });
      return r;
    });
    if (!removed) throw notFound('Kommunen är inte anmäld till initiativet');
    return { initiative: present(user, (await getInitiative(db, id))!, await listCriteria(db)) };
  });

  app.post('/actors', async (req, reply) => {
    const user = requireRole(req, 'forbundsadmin');
    const body = parse(
      z.object({
        name: z.string().trim().min(2, 'Ange aktörens namn').max(200),
        kind: z.enum(['akademi', 'naringsliv', 'natverk', 'region', 'ovrigt'], { error: 'Typen ska vara akademi, naringsliv, natverk, region eller ovrigt' }),
      }),
      req.body,
    );
    const actor = await db.transaction(async (tx) => {
      const a = await createActor(tx, body.name, body.kind);
      if (!a) throw conflict('Det finns redan en aktör med det namnet');
      await audit(tx, { actor: user.id, action: 'actor.created', target: a.name, ip: req.ip });
      return a;
    });
    return reply.status(201).send({ actor });
  });

  app.put('/initiatives/:id/actors/:actorId', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const { id, actorId } = parse(z.object({ id: idParam, actorId: idParam }), req.params);
    const body = parse(z.object({ role: text(200).default('') }), req.body ?? {});
    await loadOr404(db, id);
    if (!(await getActor(db, actorId))) throw notFound('Aktören finns inte');
    await db.transaction(async (tx) => {
      await setActorParticipation(tx, id, actorId, body.role, user.id);
      await audit(tx, { actor: user.id, action: 'initiative.actor_set', target: String(id), ip: req.ip, details: { actorId } });
    });
    return { initiative: present(user, (await getInitiative(db, id))!, await listCriteria(db)) };
  });

  app.delete('/initiatives/:id/actors/:actorId', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const { id, actorId } = parse(z.object({ id: idParam, actorId: idParam }), req.params);
    await loadOr404(db, id);
    const removed = await db.transaction(async (tx) => {
      const r = await removeActorParticipation(tx, id, actorId);
      if (r) await audit(tx, { actor: user.id, action: 'initiative.actor_removed', target: String(id), ip: req.ip, details: { actorId } });
      return r;
    });
    if (!removed) throw notFound('Aktören deltar inte i initiativet');
    return { initiative: present(user, (await getInitiative(db, id))!, await listCriteria(db)) };
  });

  app.put('/initiatives/:id/scores', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const { id } = parse(idParams, req.params);
    const body = parse(
      z.object({
        scores: z
          .array(
            z.object({
              criterionId: z.string().max(40),
              score: z.number({ error: 'Poängen ska vara ett heltal 1–5' }).int('Poängen ska vara ett heltal 1–5').min(1, 'Poängen ska vara 1–5').max(5, 'Poängen ska vara 1–5'),
              justification: z.string().trim().min(3, 'Motivera poängen (minst 3 tecken)').max(2000),
            }),
          )
          .min(1, 'Ange minst en bedömning')
          .max(30),
      }),
      req.body,
    );
    const i = await loadOr404(db, id);
    if (CLOSED.includes(i.stage)) throw conflict(`Initiativet är avslutat (${STAGE_LABELS[i.stage]}) och kan inte bedömas`);
    const criteria = await listCriteria(db);
    const known = new Set(criteria.map((c) => c.id));
    const unknown = body.scores.filter((s) => !known.has(s.criterionId)).map((s) => s.criterionId);
    if (unknown.length) throw fieldError('scores', `Okänt kriterium: ${unknown.join(', ')}`);
    const ids = body.scores.map((s) => s.criterionId);
    if (new Set(ids).size !== ids.length) throw fieldError('scores', 'Varje kriterium får bedömas en gång');
    await db.transaction(async (tx) => {
      await setScores(tx, id, body.scores, user.id);
      await audit(tx, { actor: user.id, action: 'initiative.scored', target: String(id), ip: req.ip, details: { scores: body.scores } });
    });
    return { initiative: present(user, (await getInitiative(db, id))!, criteria) };
  });

  app.get('/initiatives/:id/reports', async (req) => {
    requireUser(req);
    const { id } = parse(idParams, req.params);
    const i = await loadOr404(db, id);
    const reports = await listStatusReports(db, id);
    return { reports, followUp: benefitFollowUp(i.benefits, reports) };
  });

  app.put('/initiatives/:id/reports/:period', async (req) => {
    const user = requireRole(req, 'forbundsadmin', 'kommunansvarig');
    const { id, period } = parse(
      z.object({ id: idParam, period: z.string().refine((p) => parsePeriod(p) !== null, 'Perioden ska skrivas 2025, 2025-H1 eller 2025-Q2') }),
      req.params,
    );
    const body = parse(
      z.object({
        status: z.enum(REPORT_STATUSES, { error: 'Status ska vara enligt_plan, avvikelse, forsenad eller stoppad' }),
        progress: z.number({ error: 'Framdriften ska vara ett heltal 0–100' }).int('Framdriften ska vara ett heltal 0–100').min(0, 'Framdriften ska vara 0–100').max(100, 'Framdriften ska vara 0–100'),
        comment: text(5000).default(''),
        realisedHours: hours.nullable().default(null),
        realisedSek: money.nullable().default(null),
      }),
      req.body,
    );
    const i = await loadOr404(db, id);
    if (!canReport(user, i)) throw forbidden('Du kan bara rapportera för initiativ som din kommun föreslagit eller deltar i');
    if (!['prioriterad', 'genomforande', 'nyttohemtagning'].includes(i.stage))
      throw conflict(`Statusrapporter lämnas för initiativ i Prioriterad, Genomförande eller Nyttohemtagning (nu ${STAGE_LABELS[i.stage]})`);
    await db.transaction(async (tx) => {
      await upsertStatusReport(tx, { initiativeId: id, period, ...body }, user.id);
      await audit(tx, { actor: user.id, action: 'initiative.status_reported', target: String(id), ip: req.ip, details: { period, status: body.status } });
    });
    const reports = await listStatusReports(db, id);
    return { reports, followUp: benefitFollowUp(i.benefits, reports) };
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

