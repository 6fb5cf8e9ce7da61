// The respondent's side: no account, only the personal link's token (/api/r/:token, CSRF-exempt).
// Every answer is saved as it is given; the link can be resumed until the round closes; submit is
// idempotent. A token only ever reaches its own respondent, and so only its own round.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { validateAnswer, visibleItems } from '../../domain/instruments/answers.ts';
import type { Instrument } from '../../domain/instruments/schema.ts';
import { respondentMinutes } from '../../domain/round-details.ts';
import { answeringBlockedMessage, COMPLETED_MESSAGE, SELF_ASSESSMENT_TYPE } from '../../domain/rounds.ts';
import { instrumentOfRound, requireRound } from '../../rounds/service.ts';
import { getMunicipality, listAreas } from '../../store/organisation.ts';
import { getInstrument } from '../../store/instruments.ts';
import {
  completeRespondent,
  deleteAnswer,
  findByToken,
  getAnswers,
  lockRespondentForAnswer,
  saveAnswer,
  TOKEN_PATTERN,
  type LockedRespondent,
} from '../../store/respondents.ts';
import type { Queryable } from '../../db/db.ts';
import { badRequest, conflict, AppError, notFound, parse } from '../http.ts';

/**
 * Default calls per minute per IP and link (SAMVERKA_RESPONDENT_RATE_LIMIT, config.respondentRateLimit):
 * generous for a person filling in a form, low for a script.
 */
export const RESPONDENT_RATE_LIMIT = 600;

const UNKNOWN_LINK = 'Länken är ogiltig eller har ersatts med en ny. Kontakta den som skickade den till dig.';

const itemParam = z.string().min(1).max(100);

/** The instrument as the respondent sees it: only the items routed to their type; no scoring, source, source notes or method notes. */
export function respondentInstrument(instrument: Instrument, respondentType: string | null) {
  const items = visibleItems(instrument, respondentType).map(({ sourceNote: _note, ...item }) => item);
  const scaleIds = new Set(items.map((i) => i.scale).filter(Boolean));
  const groupIds = new Set(items.map((i) => i.group).filter(Boolean));
  const groups = instrument.groups.filter((g) => groupIds.has(g.id));
  const dimIds = new Set(groups.map((g) => g.dimension).filter(Boolean));
  return {
    id: instrument.id,
    version: instrument.version,
    title: instrument.title,
    description: instrument.description,
    mode: instrument.mode,
    scales: instrument.scales.filter((s) => scaleIds.has(s.id)),
    dimensions: instrument.dimensions.filter((d) => dimIds.has(d.id)),
    groups,
    items,
  };
}

export async function respondentRoutes(app: FastifyInstance) {
  const { db } = app;

  const limit = {
    rateLimit: {
      max: app.config.respondentRateLimit ?? RESPONDENT_RATE_LIMIT,
      timeWindow: '1 minute',
      keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.params as { token?: string }).token ?? '').slice(0, 64)}`,
    },
  };

  function tokenOf(req: FastifyRequest): string {
    const { token } = parse(z.object({ token: z.string().max(100) }).passthrough(), req.params);
    if (!TOKEN_PATTERN.test(token)) throw notFound(UNKNOWN_LINK);
    return token;
  }

  // Instrument versions used by rounds never change (store/instruments.ts), so the answer routes keep
  // them here; a miss reads the version inside the caller's transaction.
  const instruments = new Map<string, Instrument>();
  async function instrumentOf(tx: Queryable, r: Pick<LockedRespondent, 'instrument' | 'instrumentVersion'>): Promise<Instrument> {
    const key = `${r.instrument}@${r.instrumentVersion}`;
    let ins = instruments.get(key);
    if (!ins) {
      ins = await getInstrument(tx, r.instrument, r.instrumentVersion);
      if (!ins) throw new AppError('internal', `Instrumentet ${key} saknas i databasen`);
      instruments.set(key, ins);
    }
    return ins;
  }

  /**
   * Locks the link's respondent (and its round FOR SHARE: a concurrent close waits until this answer
   * is stored, or it sees the round closed) and reads the round's status and instrument, in one query.
   */
  async function lockForAnswer(tx: Queryable, token: string): Promise<LockedRespondent> {
    const respondent = await lockRespondentForAnswer(tx, token);
    if (!respondent) throw notFound(UNKNOWN_LINK);
    return respondent;
  }

  function requireAnswerable(respondent: LockedRespondent) {
    if (respondent.completedAt) throw conflict(COMPLETED_MESSAGE, { completedAt: respondent.completedAt });
    const blocked = answeringBlockedMessage(respondent.roundStatus);
    if (blocked) throw conflict(blocked);
  }

  app.get('/r/:token', { config: limit }, async (req) => {
    const token = tokenOf(req);
    const respondent = await findByToken(db, token);
    if (!respondent) throw notFound(UNKNOWN_LINK);
    const round = await requireRound(db, respondent.roundId);
    const instrument = await instrumentOfRound(db, round);
    const [answers, municipality, areas] = await Promise.all([getAnswers(db, respondent.id), getMunicipality(db, respondent.municipality), listAreas(db)]);
    const typeLabel =
      respondent.respondentType === SELF_ASSESSMENT_TYPE
        ? 'Kommunansvarig'
        : (instrument.respondentTypes.find((t) => t.id === respondent.respondentType)?.label ?? null);
    const blocked = respondent.completedAt ? COMPLETED_MESSAGE : answeringBlockedMessage(round.status);
    const shown = respondentInstrument(instrument, respondent.respondentType);
    return {
      round: {
        id: round.id,
        title: round.title,
        status: round.status,
        periodStart: round.periodStart,
        periodEnd: round.periodEnd,
        introduction: round.introduction,
        contact: round.contactName || round.contactEmail ? { name: round.contactName, email: round.contactEmail } : null,
        estimatedMinutes: respondentMinutes(round, shown.items),
        instrument: shown,
      },
      respondent: {
        respondentType: respondent.respondentType,
        respondentTypeLabel: typeLabel,
        area: respondent.area,
        areaName: areas.find((a) => a.id === respondent.area)?.name ?? null,
        municipality: respondent.municipality,
        municipalityName: municipality?.name ?? respondent.municipality,
        name: respondent.name,
      },
      answers,
      completed: !!respondent.completedAt,
      completedAt: respondent.completedAt,
      canAnswer: blocked === null,
      message: blocked,
    };
  });

  app.put('/r/:token/answers/:itemId', { config: limit }, async (req) => {
    const token = tokenOf(req);
    const { itemId } = parse(z.object({ token: z.string(), itemId: itemParam }), req.params);
    const body = parse(z.object({ value: z.unknown().optional() }, { error: 'Skicka svaret som {"value": …}' }), req.body ?? {});
    return db.transaction(async (tx) => {
      const respondent = await lockForAnswer(tx, token);
      requireAnswerable(respondent);
      const instrument = await instrumentOf(tx, respondent);
      if (!instrument.items.some((i) => i.id === itemId)) throw badRequest('Frågan finns inte i enkäten');
      if (!visibleItems(instrument, respondent.respondentType).some((i) => i.id === itemId)) throw badRequest('Frågan ingår inte i din enkät');
      const v = validateAnswer(instrument, itemId, body.value);
      if (!v.ok) throw badRequest(v.message);
      await saveAnswer(tx, respondent.id, itemId, v.value);
      return { itemId, value: v.value, saved: true };
    });
  });

  /** Clears one answer (e.g. a radio button chosen by mistake). */
  app.delete('/r/:token/answers/:itemId', { config: limit }, async (req) => {
    const token = tokenOf(req);
    const { itemId } = parse(z.object({ token: z.string(), itemId: itemParam }), req.params);
    return db.transaction(async (tx) => {
      const respondent = await lockForAnswer(tx, token);
      requireAnswerable(respondent);
      return { itemId, deleted: await deleteAnswer(tx, respondent.id, itemId) };
    });
  });

  app.post('/r/:token/submit', { config: limit }, async (req) => {
    const token = tokenOf(req);
    return db.transaction(async (tx) => {
      const respondent = await lockForAnswer(tx, token);
      // A replayed submit returns the first result and changes nothing.
      if (respondent.completedAt) return { completed: true, completedAt: respondent.completedAt };
      requireAnswerable(respondent);
      const instrument = await instrumentOf(tx, respondent);
      const answers = await getAnswers(tx, respondent.id);
      const visible = visibleItems(instrument, respondent.respondentType);
      const answered = visible.filter((i) => answers[i.id] !== undefined);
      if (answered.length === 0) throw badRequest('Besvara minst en fråga innan du skickar in');
      const missing = visible.filter((i) => i.required && answers[i.id] === undefined);
      if (missing.length)
        throw new AppError(
          'invalid',
          `Obligatoriska frågor saknar svar: ${missing.map((i) => i.text).join('; ')}`,
          missing.map((i) => ({ itemId: i.id, message: 'Svar krävs' })),
        );
      return { completed: true, completedAt: await completeRespondent(tx, respondent.id) };
    });
  });
}
