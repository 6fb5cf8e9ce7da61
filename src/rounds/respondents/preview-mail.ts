// The invitation or reminder as a respondent gets it: the round's texts, or the given draft texts
// (unknown placeholders are listed). The example is the given respondent, else the first with a link.
import type { Config } from '../../config.ts';
import type { Queryable } from '../../db/db.ts';
import { PLACEHOLDERS, placeholderError, renderMail, type MailKind } from '../../domain/mail-template.ts';
import { getMunicipality } from '../../store/organisation.ts';
import { listRespondents } from '../../store/respondents.ts';
import { instrumentOfRound, respondentLink } from '../service.ts';
import { mailValues } from './mail-respondents.ts';
import { requireMunicipalityScope, type ScopeUser } from './scope.ts';

export interface MailDraft {
  kind: MailKind;
  /** Absent: the round's text; null: the default text. */
  subject?: string | null;
  body?: string | null;
  respondentId?: number;
}

export async function previewMail(db: Queryable, config: Pick<Config, 'baseUrl'>, user: ScopeUser, roundId: number, code: string, draft: MailDraft) {
  const { round } = await requireMunicipalityScope(db, user, roundId, code);
  const errors = [placeholderError('Ämnesrad', draft.subject), placeholderError('Text', draft.body)].filter((e): e is string => !!e);
  const respondents = (await listRespondents(db, round.id, code)).filter((r) => r.token);
  const example = (draft.respondentId ? respondents.find((r) => r.id === draft.respondentId) : undefined) ?? respondents[0];
  const [instrument, municipality] = await Promise.all([instrumentOfRound(db, round), getMunicipality(db, code)]);
  const texts =
    draft.kind === 'invite'
      ? { invitationSubject: draft.subject !== undefined ? draft.subject : round.invitationSubject, invitationBody: draft.body !== undefined ? draft.body : round.invitationBody }
      : { reminderSubject: draft.subject !== undefined ? draft.subject : round.reminderSubject, reminderBody: draft.body !== undefined ? draft.body : round.reminderBody };
  const mail = renderMail(
    draft.kind,
    texts,
    mailValues({
      name: example ? example.name : 'Anna Andersson',
      link: respondentLink(config, example ? example.token! : 'exempel'),
      round,
      instrumentTitle: instrument.title,
      municipality: municipality?.name ?? code,
      sender: user.name,
    }),
  );
  return {
    ...mail,
    to: example ? example.email : null,
    respondentId: example?.id ?? null,
    errors,
    placeholders: PLACEHOLDERS.map((p) => ({ name: `{${p.names[0]}}`, aliases: p.names.slice(1).map((n) => `{${n}}`), description: p.description })),
  };
}
