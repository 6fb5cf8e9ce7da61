// Invitations and reminders by e-mail to a municipality's respondents, and the values of the
// placeholders in their texts.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/db.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import { renderMail, type MailValues } from '../../domain/mail-template.ts';
import { audit } from '../../store/audit.ts';
import { sendMail } from '../../store/mail.ts';
import { getMunicipality } from '../../store/organisation.ts';
import { listRespondents, markInvited, markReminded } from '../../store/respondents.ts';
import type { Round } from '../../store/rounds.ts';
import { instrumentOfRound, requireRound, requireRoundMunicipality, respondentLink, type Actor } from '../service.ts';

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
