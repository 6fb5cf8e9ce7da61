// Joint initiatives (samverkansportfölj, DOMAIN.md §7) and regional follow-up (§10).
//
// Permissions:
// - förbundsadmin: everything (qualify, score, prioritise, move stages, configure criteria and gates,
//   indicator values, funding, networks, other actors' participation).
// - kommunansvarig: propose initiatives (stage Idé) with one of their own municipalities as proposing
//   municipality; edit their municipality's proposals while in Idé; declare interest/participation for
//   their own municipalities only; report status for initiatives their municipality proposes or takes part in.
// - läsare: read the portfolio, ranking, indicators, the handlingsplan.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Queryable } from '../../db/db.ts';
import {
  checkGate,
  COLLABORATION_FORMS,
  FUNDING_SOURCES,
  LINK_KINDS,
  parsePeriod,
  PARTICIPATION_KINDS,
  REPORT_STATUSES,
  SCOPES,
  STAGES,
  STAGE_LABELS,
  TRANSITIONS,
  transitionError,
  weightedScore,
  benefitFollowUp,
  participating,
  type GateContext,
  type Stage,
} from '../../domain/portfolio/index.ts';
import type { User } from '../../store/accounts.ts';
import { audit } from '../../store/audit.ts';
import {
  createActor,
  createInitiative,
  getActor,
  getGates,
  getInitiative,
  listCriteria,
  listInitiatives,
  listStatusReports,
  lockInitiative,
  moveStage,
  removeActorParticipation,
  removeParticipation,
  setActorParticipation,
  setParticipation,
  setScores,
  stageLog,
  updateInitiative,
  upsertStatusReport,
  EMPTY_INITIATIVE_FIELDS,
  type InitiativeFields,
  type InitiativeRecord,
} from '../../store/initiatives.ts';
import { getMunicipality, listAreas } from '../../store/organisation.ts';
import { requireRole, requireUser } from '../auth.ts';
import { badRequest, conflict, fieldError, forbidden, AppError, idParam, municipalityCode, notFound, parse } from '../http.ts';
import { getCandidate } from '../../analysis/service.ts';
import { optionalRef } from '../../domain/text.ts';
import { hours, money, text, year } from '../../domain/portfolio/field-schemas.ts';

export const CONCURRENT_EDIT_MESSAGE = 'Initiativet har ändrats av någon annan sedan du öppnade det. Ladda om och gör om ändringen.';

// ---- Input schemas ----------------------------------------------------------------------------

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

// ---- Routes -------------------------------------------------------------------------------------

export async function initiativeRoutes(app: FastifyInstance) {
  const { db } = app;
  const idParams = z.object({ id: idParam });

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
}
