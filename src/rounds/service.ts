// Operations on rounds shared by the HTTP routes and the CLI: they check the rules (status,
// instrument, municipalities, respondent types) and throw AppError with a Swedish message.
// The CLI turns those into CliError.
import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/db.ts';
import { loadBuiltInInstruments } from '../domain/instruments/catalog.ts';
import type { Instrument } from '../domain/instruments/schema.ts';
import { responseRates, SELF_ASSESSMENT_TYPE, sampleEditableMessage, type ResponseRates } from '../domain/rounds.ts';
import { badRequest, conflict, AppError, notFound } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { getInstrument, syncBuiltInInstruments } from '../store/instruments.ts';
import { sendMail } from '../store/mail.ts';
import { getMunicipality, listAreas } from '../store/organisation.ts';
import {
  addRespondent,
  ensureSelfAssessmentRespondent,
  listRespondents,
  markInvited,
  markReminded,
  respondentProgress,
  type RespondentWithToken,
} from '../store/respondents.ts';
import { respondentTypeRefusal } from '../domain/round-edit.ts';
import { renderMail, type MailValues } from '../domain/mail-template.ts';
import { getRound, lockRound, type Round } from '../store/rounds.ts';

export interface Actor {
  id: number | null;
  name?: string;
  ip?: string;
}

/** Syncs the built-in instrument files into the database (run on start and by the CLI). */
export async function syncInstruments(db: Db): Promise<void> {
  const instruments = await loadBuiltInInstruments();
  await db.transaction((tx) => syncBuiltInInstruments(tx, instruments));
}

// Versions used by a round never change (store/instruments.ts), so they can be cached.
const instrumentCache = new WeakMap<Queryable, Map<string, Instrument>>();

/** The exact instrument version a round uses. */
export async function instrumentOfRound(db: Queryable, round: Pick<Round, 'instrument' | 'instrumentVersion'>): Promise<Instrument> {
  let cache = instrumentCache.get(db);
  if (!cache) instrumentCache.set(db, (cache = new Map()));
  const key = `${round.instrument}@${round.instrumentVersion}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const ins = await getInstrument(db, round.instrument, round.instrumentVersion);
  if (!ins) throw new AppError('internal', `Instrumentet ${key} saknas i databasen`);
  cache.set(key, ins);
  return ins;
}

export const respondentLink = (config: Pick<Config, 'baseUrl'>, token: string) => `${config.baseUrl.replace(/\/+$/, '')}/svar/${token}`;

export async function requireRound(db: Queryable, id: number): Promise<Round> {
  const round = await getRound(db, id);
  if (!round) throw notFound(`Mätomgång ${id} finns inte`);
  return round;
}

/** The round must include the municipality (404 otherwise). */
export function requireRoundMunicipality(round: Round, code: string): void {
  if (!round.municipalities.includes(code)) throw notFound(`Kommunen ${code} ingår inte i mätomgången`);
}

export interface RespondentInput {
  respondentType?: string | null;
  area?: string | null;
  name?: string | null;
  email?: string | null;
}

/** Checks respondent type and area against the instrument and the organisation model; returns the normalised values. */
export async function checkRespondentInput(
  db: Queryable,
  instrument: Instrument,
  input: RespondentInput,
): Promise<{ respondentType: string | null; area: string | null }> {
  const types = instrument.respondentTypes;
  // Empty means not given (also from the CLI and imports), never a key that does not exist.
  let respondentType: string | null = input.respondentType?.trim() || null;
  if (types.length) {
    if (!respondentType) throw badRequest(`Ange respondenttyp (${types.map((t) => t.label).join(', ')})`);
    const t = types.find((x) => x.id === respondentType || x.label.toLowerCase() === respondentType!.toLowerCase());
    if (!t) throw badRequest(`Okänd respondenttyp "${respondentType}". Välj bland: ${types.map((x) => x.label).join(', ')}`);
    respondentType = t.id;
  } else if (respondentType) throw badRequest(`Instrumentet ”${instrument.title}” har inga respondenttyper`);
  let area: string | null = input.area?.trim() || null;
  if (area) {
    const areas = await listAreas(db);
    const a = areas.find((x) => x.id === area || x.name.toLowerCase() === area!.toLowerCase());
    if (!a) throw badRequest(`Okänt verksamhetsområde "${area}". Välj bland: ${areas.map((x) => x.name).join(', ')}`);
    area = a.id;
  }
  return { respondentType, area };
}

/** Adds `count` respondents (with the same type and area) to a municipality's sample. */
export async function addRespondentsChecked(
  db: Db,
  roundId: number,
  code: string,
  input: RespondentInput & { count?: number },
  actor: Actor,
): Promise<RespondentWithToken[]> {
  const round = await requireRound(db, roundId);
  requireRoundMunicipality(round, code);
  const instrument = await instrumentOfRound(db, round);
  if (instrument.mode === 'self-assessment')
    throw badRequest(
      'Självskattningen besvaras en gång per kommun av den kommunansvarige; använd självskattningslänken i stället för att lägga till respondenter',
    );
  const checked = await checkRespondentInput(db, instrument, input);
  const refused = respondentTypeRefusal(
    checked.respondentType,
    round.respondentTypes,
    instrument.respondentTypes.find((t) => t.id === checked.respondentType)?.label,
  );
  if (refused) throw badRequest(refused);
  const count = input.count ?? 1;
  if (count > 1 && (input.name || input.email)) throw badRequest('Namn och e-post kan bara anges när en respondent läggs till åt gången');
  return db.transaction(async (tx) => {
    const locked = (await lockRound(tx, roundId))!;
    const blocked = sampleEditableMessage(locked.status);
    if (blocked) throw conflict(blocked);
    const out: RespondentWithToken[] = [];
    for (let i = 0; i < count; i++)
      out.push(
        await addRespondent(tx, {
          roundId,
          municipality: code,
          respondentType: checked.respondentType,
          area: checked.area,
          name: input.name ?? null,
          email: input.email ?? null,
        }),
      );
    await audit(tx, {
      actor: actor.id,
      action: 'respondents.added',
      target: `round:${roundId}/${code}`,
      ip: actor.ip,
      details: { count, respondentType: checked.respondentType, area: checked.area },
    });
    return out;
  });
}

/** The kommunansvarig's single self-assessment respondent for a self-assessment round. */
export async function selfAssessmentRespondent(db: Db, roundId: number, code: string, actor: Actor): Promise<RespondentWithToken> {
  const round = await requireRound(db, roundId);
  requireRoundMunicipality(round, code);
  const instrument = await instrumentOfRound(db, round);
  if (instrument.mode !== 'self-assessment')
    throw badRequest(`Instrumentet ”${instrument.title}” är en enkät till flera respondenter, inte en självskattning`);
  return db.transaction(async (tx) => {
    const existing = (await listRespondents(tx, roundId, code)).find((r) => r.source === 'self');
    if (existing) return existing;
    const locked = (await lockRound(tx, roundId))!;
    const blocked = sampleEditableMessage(locked.status);
    if (blocked) throw conflict(blocked);
    const r = await ensureSelfAssessmentRespondent(tx, roundId, code);
    await audit(tx, { actor: actor.id, action: 'self_assessment.created', target: `round:${roundId}/${code}`, ip: actor.ip });
    return r;
  });
}

export interface MailReport {
  /** Respondents mailed. */
  sent: number[];
  /** Selected respondents without an e-mail address: hand them their link another way. */
  withoutEmail: number[];
  /** Selected respondents that did not qualify (already completed, or not yet invited for a reminder). */
  skipped: number[];
}

/** The values of a respondent's e-mail placeholders. */
export function mailValues(
  p: { name: string | null; link: string; round: Pick<Round, 'title' | 'periodEnd' | 'contactName'>; instrumentTitle: string; municipality: string; sender?: string },
): MailValues {
  return {
    name: p.name,
    link: p.link,
    deadline: p.round.periodEnd,
    contact: p.round.contactName ?? p.sender ?? 'Kommunansvarig',
    roundTitle: p.round.title,
    instrumentTitle: p.instrumentTitle,
    municipality: p.municipality,
  };
}

/**
 * Sends invitations (to the not yet invited, or the given ids) or reminders (to invited or
 * started respondents who have not completed). The round must be open. With `dryRun` nothing is
 * sent: `sent` lists who would get the mail (for the confirmation summary).
 */
export async function mailRespondents(
  db: Db,
  config: Config,
  roundId: number,
  code: string,
  kind: 'invite' | 'remind',
  ids: number[] | undefined,
  actor: Actor,
  opts: { dryRun?: boolean } = {},
): Promise<MailReport> {
  const round = await requireRound(db, roundId);
  requireRoundMunicipality(round, code);
  if (round.status !== 'open')
    throw conflict(
      kind === 'invite' ? 'Inbjudningar kan bara skickas när mätomgången är öppen' : 'Påminnelser kan bara skickas när mätomgången är öppen',
    );
  const instrument = await instrumentOfRound(db, round);
  const municipality = (await getMunicipality(db, code))!;
  const all = (await listRespondents(db, roundId, code)).filter((r) => r.token);
  if (ids) {
    const known = new Set(all.map((r) => r.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) throw notFound(`Respondenterna ${unknown.join(', ')} finns inte bland kommunens respondenter med länk`);
  }
  const selected = ids ? all.filter((r) => ids.includes(r.id)) : all;
  const report: MailReport = { sent: [], withoutEmail: [], skipped: [] };
  for (const r of selected) {
    const qualifies =
      kind === 'invite' ? !r.completedAt && (ids ? true : !r.invitedAt) : !r.completedAt && (!!r.invitedAt || !!r.startedAt);
    if (!qualifies) {
      if (ids) report.skipped.push(r.id);
      continue;
    }
    if (!r.email) {
      report.withoutEmail.push(r.id);
      continue;
    }
    if (opts.dryRun) {
      report.sent.push(r.id);
      continue;
    }
    const text = renderMail(
      kind,
      round,
      mailValues({
        name: r.name,
        link: respondentLink(config, r.token!),
        round,
        instrumentTitle: instrument.title,
        municipality: municipality.name,
        sender: actor.name,
      }),
    );
    await sendMail(db, config, { to: r.email, ...text });
    if (kind === 'invite') await markInvited(db, r.id);
    else await markReminded(db, r.id);
    report.sent.push(r.id);
  }
  if (opts.dryRun) return report;
  await audit(db, {
    actor: actor.id,
    action: kind === 'invite' ? 'respondents.invited' : 'respondents.reminded',
    target: `round:${roundId}/${code}`,
    ip: actor.ip,
    details: { sent: report.sent.length, withoutEmail: report.withoutEmail.length },
  });
  return report;
}

export interface LinkRow {
  id: number;
  source: string;
  respondentType: string | null;
  area: string | null;
  name: string | null;
  email: string | null;
  link: string;
  invitedAt: string | null;
  remindedAt: string | null;
  reminderCount: number;
  startedAt: string | null;
  completedAt: string | null;
}

/** Personal links of a municipality's respondents (imported responses have none). */
export async function respondentLinks(db: Queryable, config: Config, roundId: number, code: string): Promise<LinkRow[]> {
  return (await listRespondents(db, roundId, code))
    .filter((r) => r.token)
    .map((r) => ({
      id: r.id,
      source: r.source,
      respondentType: r.respondentType,
      area: r.area,
      name: r.name,
      email: r.email,
      link: respondentLink(config, r.token!),
      invitedAt: r.invitedAt,
      remindedAt: r.remindedAt,
      reminderCount: r.reminderCount,
      startedAt: r.startedAt,
      completedAt: r.completedAt,
    }));
}

/** Response rates of a municipality in a round (or the whole round when `code` is undefined). */
export async function rateReport(db: Queryable, round: Round, code?: string): Promise<ResponseRates> {
  const instrument = await instrumentOfRound(db, round);
  const respondentTypes = instrument.respondentTypes.map((t) => ({ id: t.id, label: t.label }));
  if (instrument.mode === 'self-assessment') respondentTypes.push({ id: SELF_ASSESSMENT_TYPE, label: 'Kommunansvarig' });
  const areas = (await listAreas(db)).map((a) => ({ id: a.id, label: a.name }));
  return responseRates(await respondentProgress(db, round.id, code), { respondentTypes, areas });
}
