// E-mail to respondents: the invitation and reminder texts with placeholders and a rendered example
// (förbundsadmin edits them), and the summary of who gets a mail before it is sent.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import * as api from '../../contracts/respondents.ts';
import { updateRound, type fullRound } from '../../contracts/rounds.ts';
import { DEFAULT_TEXTS, PLACEHOLDERS, type MailKind, type MailValues } from '../../domain/mail-template.ts';
import type { RespondentView as Respondent } from '../../domain/respondent-schema.ts';
import { call } from '../api.ts';
import { Field } from '../components/forms.tsx';
import { useAction } from '../components/hooks.ts';
import { ActionMessages, ErrorMessage, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpointMutation } from '../query.ts';

export type MailReport = ResponseOf<typeof api.mailSummary>;

/** A placeholder as written in a text: its Swedish name in braces, e.g. {namn}. */
const placeholder = (key: keyof MailValues) => `{${PLACEHOLDERS.find((p) => p.key === key)!.names[0]}}`;

/** The round's mail texts (and its last day, for the placeholder's example). */
export type RoundTexts = Pick<z.output<typeof fullRound>, 'id' | 'periodEnd' | 'invitationSubject' | 'invitationBody' | 'reminderSubject' | 'reminderBody'>;

/** Who gets the mail and who does not: the confirmation's summary. */
export function MailSummary({ kind, report, byId }: { kind: MailKind; report: MailReport; byId: Map<number, { r: Respondent; n: number }> }) {
  const { t } = useI18n();
  const SHOWN = 8;
  const who = (rid: number) => {
    const x = byId.get(rid);
    if (!x) return t('respondent {n}', { n: rid });
    return x.r.name ? `${x.r.name} <${x.r.email}>` : (x.r.email ?? t('respondent {n}', { n: x.n }));
  };
  return (
    <>
      <p>
        {kind === 'invite'
          ? t('En inbjudan med personlig länk skickas med e-post till {n} respondenter:', { n: report.sent.length })
          : t('En påminnelse med personlig länk skickas med e-post till {n} respondenter som inte har skickat in:', { n: report.sent.length })}
      </p>
      <ul className="mail-recipients">
        {report.sent.slice(0, SHOWN).map((rid) => (
          <li key={rid}>{who(rid)}</li>
        ))}
        {report.sent.length > SHOWN && <li>{t('och {n} till', { n: report.sent.length - SHOWN })}</li>}
      </ul>
      {report.withoutEmail.length > 0 && (
        <p>{t('{n} saknar e-postadress och får inget e-postmeddelande: ge dem den personliga länken på annat sätt.', { n: report.withoutEmail.length })}</p>
      )}
      <p className="hint">{t('Texten som skickas visas under E-posttexter på den här sidan.')}</p>
    </>
  );
}

/** The invitation and reminder texts: placeholders, a rendered example and (förbundsadmin) editing. */
export function MailTexts({ params, round, canEdit }: { params: { id: string; code: string }; round: RoundTexts; canEdit: boolean }) {
  const { t } = useI18n();
  const action = useAction();
  const saveTexts = useEndpointMutation(updateRound);
  const [kind, setKind] = useState<MailKind>('invite');
  const stored = (k: MailKind) =>
    k === 'invite'
      ? { subject: round.invitationSubject ?? DEFAULT_TEXTS.invite.subject, body: round.invitationBody ?? DEFAULT_TEXTS.invite.body }
      : { subject: round.reminderSubject ?? DEFAULT_TEXTS.remind.subject, body: round.reminderBody ?? DEFAULT_TEXTS.remind.body };
  const [subject, setSubject] = useState(stored('invite').subject);
  const [body, setBody] = useState(stored('invite').body);
  const [preview, setPreview] = useState<ResponseOf<typeof api.mailPreview>>();
  const bodyId = useId();

  const previewAction = useAction();
  const show = (k: MailKind, s: string, b: string) =>
    previewAction.run(async () => {
      setPreview(await call(api.mailPreview, { params, body: { kind: k, subject: s, body: b } }));
    });
  useEffect(() => {
    const s = stored(kind);
    setSubject(s.subject);
    setBody(s.body);
    void show(kind, s.subject, s.body);
    // Only a change of the texts resets the form (the round is fetched again after every change on the page).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, round.invitationSubject, round.invitationBody, round.reminderSubject, round.reminderBody]);

  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const d = DEFAULT_TEXTS[kind];
      const s = subject.trim() === d.subject ? null : subject;
      const b = body.trim() === d.body ? null : body;
      await saveTexts.mutateAsync({
        params: { id: round.id },
        body: kind === 'invite' ? { invitationSubject: s, invitationBody: b } : { reminderSubject: s, reminderBody: b },
      });
      return kind === 'invite' ? t('Inbjudans text är sparad.') : t('Påminnelsens text är sparad.');
    });
  };

  return (
    <Section id="mail-h" title={t('E-posttexter')}>
      <p>
        {canEdit
          ? t('Texterna gäller hela mätomgången. Platshållarna ersätts för varje respondent när e-posten skickas.')
          : t('Texterna gäller hela mätomgången och redigeras av förbundet. Platshållarna ersätts för varje respondent när e-posten skickas.')}
      </p>
      <fieldset className="import-source">
        <legend>{t('Text')}</legend>
        <label className="inline-check">
          <input type="radio" name="mail-kind" checked={kind === 'invite'} onChange={() => setKind('invite')} /> {t('Inbjudan')}
        </label>
        <label className="inline-check">
          <input type="radio" name="mail-kind" checked={kind === 'remind'} onChange={() => setKind('remind')} /> {t('Påminnelse')}
        </label>
      </fieldset>
      <details className="placeholders">
        <summary>{t('Platshållare')}</summary>
        <dl className="facts">
          <dt>{placeholder('name')}</dt>
          <dd>{t('Respondentens namn (utelämnas om namn saknas)')}</dd>
          <dt>{placeholder('link')}</dt>
          <dd>{t('Den personliga länken')}</dd>
          <dt>{placeholder('deadline')}</dt>
          <dd>{t('Mätomgångens sista dag ({date})', { date: round.periodEnd })}</dd>
          <dt>{placeholder('contact')}</dt>
          <dd>{t('Mätomgångens kontaktperson, annars avsändaren')}</dd>
          <dt>{(['roundTitle', 'instrumentTitle', 'municipality'] as const).map(placeholder).join(', ')}</dt>
          <dd>{t('Mätomgångens rubrik, enkätens namn och kommunens namn')}</dd>
        </dl>
        <p className="hint">{t('Engelska namn fungerar också: {name}, {link}, {deadline}, {contact}, {round}, {survey}, {municipality}.')}</p>
      </details>
      <form className="narrow-wide" onSubmit={save}>
        <Field label={t('Ämnesrad')} value={subject} readOnly={!canEdit} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
        <div className="field">
          <label htmlFor={bodyId}>{t('Text')}</label>
          <textarea id={bodyId} rows={12} value={body} readOnly={!canEdit} onChange={(e) => setBody(e.target.value)} />
        </div>
        <div className="button-row">
          <button type="button" className="secondary" onClick={() => void show(kind, subject, body)}>
            {t('Visa exempel')}
          </button>
          {canEdit && (
            <>
              <button type="submit" disabled={action.busy}>
                {t('Spara texten')}
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setSubject(DEFAULT_TEXTS[kind].subject);
                  setBody(DEFAULT_TEXTS[kind].body);
                }}
              >
                {t('Återställ standardtexten')}
              </button>
            </>
          )}
        </div>
      </form>
      <ActionMessages action={action} />
      <ErrorMessage message={previewAction.message} />
      {preview && (
        <div className="mail-preview" aria-live="polite">
          <h3>{preview.to ? t('Exempel: e-post till {to}', { to: preview.to }) : t('Exempel')}</h3>
          {preview.errors.length > 0 && (
            <ul className="error">
              {preview.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
          <p>
            <strong>{t('Ämne')}:</strong> {preview.subject}
          </p>
          <pre className="mail-body">{preview.body}</pre>
        </div>
      )}
    </Section>
  );
}
