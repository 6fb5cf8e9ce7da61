// The respondent's form at /svar/:token: no account, the personal link is the key.
// Hand-built semantic form (fieldset/legend per question, native radios, checkboxes and
// labelled inputs); every answer is saved as it is given (PUT per item) and the page
// resumes from the same link until the round closes.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import type * as contracts from '../../contracts/answers.ts';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import { isAnswered, isDontKnowOption } from '../../domain/instruments/answered.ts';
import { numberBand, optionsOf } from '../../domain/instruments/options.ts';
import type { AnswerValue, Item, Option, Scale } from '../../domain/instruments/schema.ts';
import { ApiError, call, lite } from '../api.ts';
import { getRespondentForm, respondentForm } from '../first-load.ts';
import { Loading, Page } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';

// The link's endpoints by method and path (the form does not load the contracts' zod schemas); the
// form itself is asked for as the app starts (first-load.ts).
const api = {
  getRespondentForm,
  saveAnswer: lite<typeof contracts.saveAnswer>('PUT', '/api/r/:token/answers/:itemId'),
  deleteAnswer: lite<typeof contracts.deleteAnswer>('DELETE', '/api/r/:token/answers/:itemId'),
  submitAnswers: lite<typeof contracts.submitAnswers>('POST', '/api/r/:token/submit'),
};

type FormResponse = ResponseOf<typeof api.getRespondentForm>;

/** The form as GET /api/r/:token gives it; the instrument page's preview has only the round's title, status and instrument. */
export type RespondentForm = Pick<FormResponse, 'answers' | 'completed'> &
  Partial<Omit<FormResponse, 'round' | 'answers' | 'completed'>> & {
    round: Pick<FormResponse['round'], 'id' | 'title' | 'status' | 'instrument'> & Partial<FormResponse['round']>;
  };

type LoadState =
  | { kind: 'loading' }
  | { kind: 'ready'; form: RespondentForm }
  | { kind: 'closed'; message: string }
  | { kind: 'notfound' }
  | { kind: 'error'; message: string };

type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

interface Section {
  id: string;
  label: string;
  description?: string;
  items: Item[];
}

/** Pages of the form: the instrument's groups in order, ungrouped items last. */
export function sectionsOf(form: RespondentForm, otherLabel: string): Section[] {
  const groups = form.round.instrument.groups ?? [];
  const sections: Section[] = groups
    .map((g) => ({ id: g.id, label: g.label, description: g.description, items: form.round.instrument.items.filter((i) => i.group === g.id) }))
    .filter((s) => s.items.length > 0);
  const known = new Set(groups.map((g) => g.id));
  const rest = form.round.instrument.items.filter((i) => !i.group || !known.has(i.group));
  if (rest.length) sections.push({ id: '_ovrigt', label: sections.length ? otherLabel : form.round.instrument.title, items: rest });
  return sections;
}

function municipalityName(form: RespondentForm): string | undefined {
  return form.respondent?.municipalityName ?? form.respondent?.municipality ?? undefined;
}

export function RespondentPage() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    respondentForm(token)
      .then((form) => setState({ kind: 'ready', form }))
      .catch((e: unknown) => {
        const status = e instanceof ApiError ? e.status : 0;
        if (status === 404 || status === 400) setState({ kind: 'notfound' });
        else if (status === 409 || status === 410) setState({ kind: 'closed', message: (e as Error).message });
        else setState({ kind: 'error', message: (e as Error).message });
      });
  }, [token]);
  useEffect(load, [load]);

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'notfound')
    return (
      <Page title={t('Länken fungerar inte')}>
        <p className="error" role="alert">
          {t('Länken är ogiltig eller har tagits bort. Kontrollera att du har kopierat hela länken från e-postmeddelandet, eller kontakta den som skickade enkäten.')}
        </p>
      </Page>
    );
  if (state.kind === 'closed') return <ClosedView />;
  if (state.kind === 'error')
    return (
      <Page title={t('Enkäten kunde inte visas')}>
        <p className="error" role="alert">
          {state.message}
        </p>
        <button type="button" onClick={load}>
          {t('Försök igen')}
        </button>
      </Page>
    );
  const { form } = state;
  if (form.completed) return <SubmittedView form={form} />;
  if (form.round.status === 'closed') return <ClosedView />;
  if (form.round.status !== 'open') return <NotOpenView form={form} />;
  return <AnswerForm form={form} token={token} />;
}

function ClosedView() {
  const { t } = useI18n();
  return (
    <Page title={t('Mätomgången är stängd')}>
      <p className="notice-info" role="status">
        {t('Mätomgången är stängd. Det går inte längre att lämna eller ändra svar. Kontakta din kommunansvariga om du har frågor.')}
      </p>
    </Page>
  );
}

function NotOpenView({ form }: { form: RespondentForm }) {
  const { t, lang } = useI18n();
  return (
    <Page title={form.round.title} titleLang={lang === 'sv' ? undefined : 'sv'}>
      <p className="notice-info" role="status">
        {t('Mätomgången har inte öppnat ännu. Använd samma länk igen när den har öppnat.')}
      </p>
    </Page>
  );
}

function SubmittedView({ form }: { form: RespondentForm }) {
  const { t, lang } = useI18n();
  return (
    <Page title={form.round.title} titleLang={lang === 'sv' ? undefined : 'sv'}>
      <p className="notice" role="status">
        {t('Dina svar är inskickade. Tack för din medverkan!')}
      </p>
      <SubmittedDetails form={form} />
    </Page>
  );
}

/** What follows the confirmation: that answers cannot change, whom to contact, the own answers. */
function SubmittedDetails({ form }: { form: RespondentForm }) {
  const { t, lang } = useI18n();
  const sv = lang === 'sv' ? undefined : 'sv';
  const answered = form.round.instrument.items.filter((i) => isAnswered(form.round.instrument, i, form.answers[i.id]));
  return (
    <>
      <p>{t('Svaren kan inte ändras efter att de har skickats in. Du kan stänga sidan.')}</p>
      <ContactLine form={form} />
      {answered.length > 0 && (
        <details className="own-answers">
          <summary>{t('Visa dina svar')}</summary>
          <dl>
            {answered.map((item) => (
              <div key={item.id}>
                <dt lang={sv}>{item.text}</dt>
                <dd lang={sv}>{formatAnswer(form, item, form.answers[item.id], t)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </>
  );
}

/** "Frågor om enkäten? Kontakta …": the round's contact person, when it has one. */
function ContactLine({ form }: { form: RespondentForm }) {
  const { t } = useI18n();
  const c = form.round.contact;
  if (!c || (!c.name && !c.email)) return null;
  return (
    <p className="survey-contact">
      {t('Frågor om enkäten? Kontakta')}{' '}
      {c.name && <span lang="sv">{c.name}</span>}
      {c.name && c.email && ', '}
      {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}.
    </p>
  );
}

/**
 * "Om enkäten": the introduction, the estimated time, the contact person and how answers are
 * handled, collapsed so that the first question fits the first screen on a phone.
 */
function AboutSurvey({ form }: { form: RespondentForm }) {
  const { t, lang } = useI18n();
  const sv = lang === 'sv' ? undefined : 'sv';
  const intro = form.round.introduction?.trim() || form.round.instrument.description?.trim();
  const minutes = form.round.estimatedMinutes;
  return (
    <details className="survey-about">
      <summary>
        {t('Om enkäten')}
        {minutes ? ` (${t('cirka {n} minuter', { n: minutes })})` : ''}
      </summary>
      {intro &&
        intro
          .split(/\n\s*\n/)
          .map((para, i) => (
            <p key={i} lang={sv} className="survey-intro-text">
              {para}
            </p>
          ))}
      {minutes ? <p>{t('Det tar cirka {n} minuter att svara.', { n: minutes })}</p> : null}
      <p>{t('Dina svar sparas automatiskt när du svarar. Du kan stänga sidan och fortsätta senare via samma länk så länge mätomgången är öppen. Svaren skickas in först när du trycker på Skicka in på sista sidan.')}</p>
      <p>
        {t('Svaren sammanställs för din kommun och för regionen. Resultat för grupper med få svarande visas inte för andra kommuner, det regionala resultatet redovisas utan kommunnamn och fritextsvar visas bara för förbundet och din egen kommun.')}
      </p>
      <ContactLine form={form} />
    </details>
  );
}

type T = (sv: string, vars?: Record<string, string | number>) => string;

function formatAnswer(form: RespondentForm, item: Item, v: AnswerValue | undefined, t: T): string {
  const opts = optionsOf(form.round.instrument, item);
  const label = (code: unknown) => opts.find((o) => o.code === code)?.label ?? String(code);
  if (v === undefined) return '–';
  switch (item.type) {
    case 'multi':
      return Array.isArray(v) && v.length ? v.map(label).join(', ') : t('Inget av dessa');
    case 'text':
      return String(v);
    case 'number':
      return `${String(v).replace('.', ',')}${item.unit ? ` ${item.unit}` : ''}`;
    case 'yesno_degree': {
      const o = v as { answer: string; degree?: string };
      const a = o.answer === 'ja' ? t('Ja') : o.answer === 'nej' ? t('Nej') : t('Vet ej');
      return o.degree ? `${a} – ${label(o.degree)}` : a;
    }
    case 'capability': {
      const o = v as { current: string; target?: string };
      return o.target ? `${label(o.current)} (${t('mål')}: ${label(o.target)})` : label(o.current);
    }
    default:
      return label(v);
  }
}

/** Per-item save queue: saves run one at a time per item and only the latest value is sent. */
function useAnswerSaver(
  token: string,
  onSaved: (itemId: string, value: AnswerValue | null) => void,
  onFailed: (itemId: string, e: unknown) => void,
) {
  const chains = useRef(new Map<string, Promise<void>>());
  const latest = useRef(new Map<string, AnswerValue | null>());
  const [inFlight, setInFlight] = useState(0);
  const save = useCallback(
    /** Saves an answer; `null` clears it. */
    (itemId: string, value: AnswerValue | null) => {
      latest.current.set(itemId, value);
      const prev = chains.current.get(itemId) ?? Promise.resolve();
      const next = prev.then(async () => {
        if (latest.current.get(itemId) !== value) return; // a newer value follows
        setInFlight((n) => n + 1);
        try {
          if (value === null) await call(api.deleteAnswer, { params: { token, itemId } });
          else await call(api.saveAnswer, { params: { token, itemId }, body: { value } });
          onSaved(itemId, value);
        } catch (e) {
          onFailed(itemId, e);
        } finally {
          setInFlight((n) => n - 1);
        }
      });
      chains.current.set(itemId, next);
      return next;
    },
    [token, onSaved, onFailed],
  );
  const settle = useCallback(async () => {
    await Promise.all([...chains.current.values()]);
  }, []);
  return { save, settle, inFlight };
}

function AnswerForm({ form, token }: { form: RespondentForm; token: string }) {
  const { t, lang } = useI18n();
  const sv = lang === 'sv' ? undefined : 'sv';
  const sections = useMemo(() => sectionsOf(form, t('Övriga frågor')), [form, t]);
  const items = useMemo(() => sections.flatMap((s) => s.items), [sections]);
  const numberOf = useMemo(() => new Map(items.map((i, n) => [i.id, n + 1])), [items]);
  /** Answers the server has confirmed. */
  const [saved, setSaved] = useState<Record<string, AnswerValue>>(() => ({ ...form.answers }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  /** Why answers can no longer be saved (closed round, submitted elsewhere), from a 409. */
  const [blocked, setBlocked] = useState<string>();
  const closed = blocked !== undefined;
  const [page, setPage] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [submitError, setSubmitError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const submitButtonRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  /** The form as it stands after "Ja, skicka in": the page stays, its status region confirms. */
  const [submitted, setSubmitted] = useState<RespondentForm>();
  /** Whether "Avbryt" closed the confirmation (focus returns to "Skicka in svaren"). */
  const cancelled = useRef(false);
  const firstRender = useRef(true);
  /** Values waiting in text/number inputs (debounced): flushed before submit. */
  const flushers = useRef(new Map<string, () => void>());

  const onSaved = useCallback((itemId: string, value: AnswerValue | null) => {
    setSaved((s) => {
      if (value !== null) return { ...s, [itemId]: value };
      const { [itemId]: _gone, ...rest } = s;
      return rest;
    });
    setErrors((e) => {
      if (!(itemId in e)) return e;
      const { [itemId]: _gone, ...rest } = e;
      return rest;
    });
    setStatus({ kind: 'saved' });
  }, []);
  const onFailed = useCallback(
    (itemId: string, e: unknown) => {
      const apiStatus = e instanceof ApiError ? e.status : 0;
      if (apiStatus === 409) setBlocked((e as Error).message);
      const message =
        apiStatus === 0
          ? t('Ingen kontakt med servern. Kontrollera uppkopplingen.')
          : (e as Error).message || t('Okänt fel');
      setErrors((s) => ({ ...s, [itemId]: message }));
      setStatus({
        kind: 'error',
        message: t('Svaret på fråga {n} kunde inte sparas: {message}. Det du angav finns kvar; försök igen.', {
          n: numberOf.get(itemId) ?? '?',
          message,
        }),
      });
    },
    [t, numberOf],
  );
  const { save, settle, inFlight } = useAnswerSaver(token, onSaved, onFailed);
  const giveAnswer = useCallback(
    (itemId: string, value: AnswerValue | null) => {
      setStatus({ kind: 'saving' });
      void save(itemId, value);
    },
    [save],
  );
  const localError = useCallback(
    (itemId: string, message: string | undefined) => {
      setErrors((s) => {
        if (message === undefined) {
          if (!(itemId in s)) return s;
          const { [itemId]: _gone, ...rest } = s;
          return rest;
        }
        return { ...s, [itemId]: message };
      });
      if (message)
        setStatus({
          kind: 'error',
          message: t('Svaret på fråga {n} har inte sparats: {message}', { n: numberOf.get(itemId) ?? '?', message }),
        });
    },
    [t, numberOf],
  );

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    headingRef.current?.focus();
  }, [page]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (cancelled.current) {
      cancelled.current = false;
      submitButtonRef.current?.focus();
    }
  }, [confirming]);
  useEffect(() => {
    if (submitted) statusRef.current?.focus();
  }, [submitted]);

  const answeredCount = items.filter((i) => isAnswered(form.round.instrument, i, saved[i.id])).length;
  const onLast = page === sections.length;
  const section = sections[page];

  const submit = async () => {
    if (submitting) return;
    setSubmitting(true);
    setSubmitError(undefined);
    for (const f of flushers.current.values()) f();
    await settle();
    try {
      await call(api.submitAnswers, { params: { token } });
      const fresh = await call(api.getRespondentForm, { params: { token } }).catch(() => undefined);
      setSubmitted(fresh ?? { ...form, answers: saved, completed: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setBlocked(e.message);
      setSubmitError(t('Svaren kunde inte skickas in: {message}', { message: (e as Error).message }));
      setSubmitting(false);
    }
  };

  const statusText = submitted
    ? t('Dina svar är inskickade. Tack för din medverkan!')
    : status.kind === 'saving' || inFlight > 0
      ? t('Sparar…')
      : status.kind === 'saved'
        ? t('Sparat')
        : status.kind === 'error'
          ? status.message
          : '';

  const muni = municipalityName(form);
  const done = submitted !== undefined;
  return (
    <Page title={form.round.title} titleLang={sv}>
      <p className="survey-meta">
        <span lang={sv}>{form.round.instrument.title}</span>
        {muni ? ` · ${muni}` : ''}
        {form.respondent?.respondentTypeLabel ? <span lang={sv}>{` · ${form.respondent.respondentTypeLabel}`}</span> : ''}
      </p>
      <div role="alert" className="alert-region">
        {blocked !== undefined && !done && (
          <p className="error">
            <span lang={sv}>{blocked.replace(/\.$/, '')}</span>. {t('Det går inte längre att lämna eller ändra svar.')}
          </p>
        )}
      </div>
      {page === 0 && !done && <AboutSurvey form={form} />}
      {!done && (
        <div className="survey-progress">
          <p id="progress-text">{t('{n} av {total} frågor besvarade', { n: answeredCount, total: items.length })}</p>
          <progress max={items.length} value={answeredCount} aria-labelledby="progress-text" />
        </div>
      )}
      {/* The status region is in the page from the start: "Sparar…", "Sparat", save errors and the confirmation. */}
      <div
        ref={statusRef}
        tabIndex={done ? -1 : undefined}
        className={`save-status${status.kind === 'error' && !done ? ' save-error' : ''}${done ? ' notice' : ''}`}
        role="status"
        aria-live="polite"
      >
        {statusText}
      </div>
      {done && <SubmittedDetails form={submitted} />}
      {!done && (
        <nav aria-label={t('Enkätens delar')} className="survey-steps">
          <ol>
            {sections.map((s, i) => {
              const answered = s.items.filter((it) => isAnswered(form.round.instrument, it, saved[it.id])).length;
              return (
                <li key={s.id}>
                  <button
                    type="button"
                    className="link-button"
                    aria-current={i === page ? 'step' : undefined}
                    onClick={() => {
                      setConfirming(false);
                      setPage(i);
                    }}
                  >
                    <span lang={sv}>{s.label}</span>{' '}
                    <span className="step-count">({t('{n} av {total}', { n: answered, total: s.items.length })})</span>
                  </button>
                </li>
              );
            })}
            <li>
              <button
                type="button"
                className="link-button"
                aria-current={onLast ? 'step' : undefined}
                onClick={() => setPage(sections.length)}
              >
                {t('Skicka in')}
              </button>
            </li>
          </ol>
        </nav>
      )}

      {!done && !onLast && section && (
        <section aria-labelledby="section-h" className="survey-section">
          <h2 id="section-h" ref={headingRef} tabIndex={-1}>
            {t('Del {n} av {total}:', { n: page + 1, total: sections.length })} <span lang={sv}>{section.label}</span>
          </h2>
          {section.description && (
            <p className="hint" lang={sv}>
              {section.description}
            </p>
          )}
          <ScaleHelp form={form} items={section.items} />
          {section.items.map((item) => (
            <Question
              key={item.id}
              form={form}
              item={item}
              number={numberOf.get(item.id) ?? 0}
              saved={saved[item.id]}
              error={errors[item.id]}
              disabled={closed}
              onAnswer={(v) => giveAnswer(item.id, v)}
              onLocalError={(m) => localError(item.id, m)}
              registerFlush={(f) => {
                if (f) flushers.current.set(item.id, f);
                else flushers.current.delete(item.id);
              }}
            />
          ))}
          <div className="survey-buttons">
            {page > 0 && (
              <button type="button" className="secondary" onClick={() => setPage(page - 1)}>
                {t('Föregående')}
              </button>
            )}
            <button type="button" onClick={() => setPage(page + 1)}>
              {page + 1 < sections.length ? t('Nästa') : t('Till inskickning')}
            </button>
          </div>
        </section>
      )}

      {!done && onLast && (
        <section aria-labelledby="section-h" className="survey-section">
          <h2 id="section-h" ref={headingRef} tabIndex={-1}>
            {t('Skicka in dina svar')}
          </h2>
          <p>{t('Du har besvarat {n} av {total} frågor.', { n: answeredCount, total: items.length })}</p>
          {answeredCount < items.length && (
            <ul>
              {sections
                .map((s, i) => ({ s, i, open: s.items.filter((it) => !isAnswered(form.round.instrument, it, saved[it.id])).length }))
                .filter((x) => x.open > 0)
                .map(({ s, i, open }) => (
                  <li key={s.id}>
                    <button type="button" className="link-button" onClick={() => setPage(i)}>
                      <span lang={sv}>{s.label}</span>
                    </button>
                    : {t('{n} obesvarade', { n: open })}
                  </li>
                ))}
            </ul>
          )}
          {Object.keys(errors).length > 0 && (
            <p className="error">{t('Några svar har inte sparats. Rätta dem innan du skickar in.')}</p>
          )}
          <ContactLine form={form} />
          <ErrorBox message={submitError} />
          {!confirming ? (
            <div className="survey-buttons">
              <button type="button" className="secondary" onClick={() => setPage(sections.length - 1)}>
                {t('Föregående')}
              </button>
              <button
                type="button"
                ref={submitButtonRef}
                disabled={closed || Object.keys(errors).length > 0 || answeredCount === 0}
                onClick={() => setConfirming(true)}
              >
                {t('Skicka in svaren')}
              </button>
            </div>
          ) : (
            <div className="confirm-box" role="group" aria-labelledby="confirm-h">
              <h3 id="confirm-h" ref={confirmRef} tabIndex={-1}>
                {t('Vill du skicka in dina svar?')}
              </h3>
              <p>{t('När svaren är inskickade kan de inte ändras.')}</p>
              <div className="survey-buttons">
                <button
                  type="button"
                  className="secondary"
                  aria-disabled={submitting || undefined}
                  onClick={() => {
                    if (submitting) return;
                    cancelled.current = true;
                    setConfirming(false);
                  }}
                >
                  {t('Avbryt')}
                </button>
                {/* Stays focusable while busy (aria-disabled), so focus is not lost. */}
                <button type="button" onClick={submit} aria-disabled={submitting || undefined}>
                  {submitting ? t('Skickar…') : t('Ja, skicka in')}
                </button>
              </div>
            </div>
          )}
        </section>
      )}
    </Page>
  );
}

/** A failed submission: in an alert region that is in the page before the error arrives. */
function ErrorBox({ message }: { message?: string }) {
  return (
    <div role="alert" className="alert-region">
      {message && <p className="error">{message}</p>}
    </div>
  );
}

/** Descriptions of scale steps used on this page, once per scale. */
export function ScaleHelp({ form, items }: { form: RespondentForm; items: Item[] }) {
  const { t, lang } = useI18n();
  const sv = lang === 'sv' ? undefined : 'sv';
  const scaleIds = [...new Set(items.map((i) => i.scale).filter((s): s is string => !!s))];
  const scales = scaleIds
    .map((id) => form.round.instrument.scales.find((s) => s.id === id))
    .filter((s): s is Scale => !!s && s.options.some((o) => o.description));
  if (!scales.length) return null;
  return (
    <>
      {scales.map((s) => (
        <details key={s.id} className="scale-help">
          <summary>{t('Så tolkar du skalan: {label}', { label: s.label })}</summary>
          <dl lang={sv}>
            {s.options
              .filter((o) => o.description)
              .map((o) => (
                <div key={o.code}>
                  <dt>{o.label}</dt>
                  <dd>{o.description}</dd>
                </div>
              ))}
          </dl>
        </details>
      ))}
    </>
  );
}

export interface QuestionProps {
  form: RespondentForm;
  item: Item;
  number: number;
  saved: AnswerValue | undefined;
  error?: string;
  disabled: boolean;
  /** Gives an answer; `null` clears it. */
  onAnswer: (v: AnswerValue | null) => void;
  onLocalError: (message: string | undefined) => void;
  registerFlush: (f: (() => void) | undefined) => void;
}

/**
 * Moves focus into a question (its chosen option, else its first control): used when a control of
 * the question removes itself ("Rensa svaret", "Försök spara igen"), so focus never drops to the page.
 */
function focusQuestion(from: Element | null) {
  const q = from?.closest('.question');
  const target =
    q?.querySelector<HTMLElement>('input:checked:not(:disabled)') ??
    q?.querySelector<HTMLElement>('input:not(:disabled), textarea:not(:disabled), select:not(:disabled)');
  target?.focus();
}

/** After a retry: once the question's error is gone (its retry button with it), focus returns to the question. */
function useRefocusAfterRetry(error: string | undefined) {
  const pending = useRef<Element | null>(null);
  useEffect(() => {
    if (!error && pending.current) {
      const from = pending.current;
      pending.current = null;
      if (!document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected) focusQuestion(from);
    }
  }, [error]);
  return (button: Element) => {
    pending.current = button.closest('.question');
  };
}

export function Question(p: QuestionProps) {
  const { lang } = useI18n();
  const sv = lang === 'sv' ? undefined : 'sv';
  const id = useId();
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const describedBy = [p.item.description && p.item.type !== 'yesno_degree' ? hintId : '', p.error ? errId : ''].filter(Boolean).join(' ') || undefined;
  const legend = (
    <>
      <span className="q-number">{p.number}.</span> <span lang={sv}>{p.item.text}</span>
    </>
  );
  const hint = p.item.description && p.item.type !== 'yesno_degree' && (
    <p className="hint" id={hintId} lang={sv}>
      {p.item.description}
    </p>
  );
  const err = p.error && (
    <p className="field-error" id={errId}>
      {p.error}
    </p>
  );
  const cls = `question${p.error ? ' has-error' : ''}`;

  if (p.item.type === 'text' || p.item.type === 'number')
    return (
      <div className={cls}>
        <TypedAnswer {...p} inputId={`${id}-input`} describedBy={describedBy} label={legend} hint={hint} err={err} />
      </div>
    );

  return (
    <fieldset className={cls} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint}
      <ChoiceAnswer {...p} name={id} lang={sv} />
      {err}
    </fieldset>
  );
}

/** "0 – Obefintlig": a capability level with its number, unless the label already starts with it. */
const levelLabel = (o: Option) => (o.value !== null && !/^\d/.test(o.label) ? `${o.value} – ${o.label}` : o.label);

function OptionList({
  name,
  options,
  selected,
  disabled,
  onSelect,
  numbered,
  lang,
}: {
  name: string;
  options: Option[];
  selected: string | undefined;
  disabled: boolean;
  onSelect: (code: string) => void;
  /** Capability levels: show the level number before its label ("0 – Obefintlig"). */
  numbered?: boolean;
  /** The options' language when it differs from the interface's (instrument texts in the English UI). */
  lang?: string;
}) {
  return (
    <div className="options">
      {options.map((o) => (
        <label key={o.code} className={`option${isDontKnowOption(o, options) ? ' dont-know' : ''}`}>
          <input type="radio" name={name} value={o.code} checked={selected === o.code} disabled={disabled} onChange={() => onSelect(o.code)} />
          <span lang={lang}>{numbered ? levelLabel(o) : o.label}</span>
        </label>
      ))}
    </div>
  );
}

function ChoiceAnswer(p: QuestionProps & { name: string; lang?: string }) {
  const { t } = useI18n();
  const refocusAfterRetry = useRefocusAfterRetry(p.error);
  const options = optionsOf(p.form.round.instrument, p.item);
  // Local choice, so that a failed save keeps what was chosen on screen.
  const [value, setValue] = useState<AnswerValue | undefined>(p.saved);
  const give = (v: AnswerValue | null) => {
    setValue(v ?? undefined);
    p.onAnswer(v);
  };
  const tools = (
    <div className="question-tools">
      {p.error && (
        <button
          type="button"
          className="secondary retry"
          disabled={p.disabled}
          onClick={(e) => {
            refocusAfterRetry(e.currentTarget);
            p.onAnswer(value ?? null);
          }}
        >
          {t('Försök spara igen')} <span className="visually-hidden">{t('(fråga {n})', { n: p.number })}</span>
        </button>
      )}
      {value !== undefined && !p.disabled && (
        <button
          type="button"
          className="link-button clear-answer"
          onClick={(e) => {
            // The button goes away with the answer: focus moves to the question's first option first.
            const q = e.currentTarget.closest('.question');
            q?.querySelector<HTMLElement>('input:not(:disabled)')?.focus();
            give(null);
          }}
        >
          {t('Rensa svaret')} <span className="visually-hidden">{t('(fråga {n})', { n: p.number })}</span>
        </button>
      )}
    </div>
  );

  return (
    <>
      {content()}
      {tools}
    </>
  );

  function content(): ReactNode {
  switch (p.item.type) {
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [];
      // An empty list is the answer "none of these"; unchecking the last option clears the answer.
      const none = Array.isArray(value) && value.length === 0;
      return (
        <div className="options">
          <p className="hint">{t('Välj alla som stämmer.')}</p>
          {options.map((o) => (
            <label key={o.code} className="option">
              <input
                type="checkbox"
                name={p.name}
                value={o.code}
                checked={chosen.includes(o.code)}
                disabled={p.disabled}
                onChange={(e) => {
                  const next = e.target.checked ? [...chosen, o.code] : chosen.filter((c) => c !== o.code);
                  give(next.length ? options.map((x) => x.code).filter((c) => next.includes(c)) : null);
                }}
              />
              <span lang={p.lang}>{o.label}</span>
            </label>
          ))}
          <label className="option dont-know">
            <input type="checkbox" name={`${p.name}-none`} checked={none} disabled={p.disabled} onChange={(e) => give(e.target.checked ? [] : null)} />
            <span>{t('Inget av dessa')}</span>
          </label>
        </div>
      );
    }
    case 'yesno_degree': {
      const v = (value && typeof value === 'object' && !Array.isArray(value) && 'answer' in value ? value : undefined) as
        | { answer: 'ja' | 'nej' | 'vet_ej'; degree?: string }
        | undefined;
      const yesNo: Option[] = [
        { code: 'ja', label: t('Ja'), value: 1 },
        { code: 'nej', label: t('Nej'), value: 0 },
        { code: 'vet_ej', label: t('Vet ej'), value: null },
      ];
      return (
        <>
          <OptionList
            name={p.name}
            options={yesNo}
            selected={v?.answer}
            disabled={p.disabled}
            onSelect={(c) => give(c === 'ja' && v?.answer === 'ja' && v.degree ? v : { answer: c as 'ja' | 'nej' | 'vet_ej' })}
          />
          {p.item.scale && v?.answer === 'ja' && (
            <fieldset className="sub-question">
              <legend lang={p.item.description ? p.lang : undefined}>{p.item.description ?? t('Till vilken grad är arbetssättet infört?')}</legend>
              <OptionList
                name={`${p.name}-degree`}
                lang={p.lang}
                options={options}
                selected={v.degree}
                disabled={p.disabled}
                onSelect={(c) => give({ answer: 'ja', degree: c })}
              />
            </fieldset>
          )}
        </>
      );
    }
    case 'capability': {
      const v = (value && typeof value === 'object' && !Array.isArray(value) && 'current' in value ? value : undefined) as
        | { current: string; target?: string }
        | undefined;
      return (
        <>
          <OptionList
            name={p.name}
            options={options}
            selected={v?.current}
            numbered
            lang={p.lang}
            disabled={p.disabled}
            onSelect={(c) => give(v?.target ? { current: c, target: v.target } : { current: c })}
          />
          <div className="field target-field">
            <label htmlFor={`${p.name}-target`}>{t('Målnivå (valfritt)')}</label>
            <select
              id={`${p.name}-target`}
              value={v?.target ?? ''}
              disabled={p.disabled || !v}
              onChange={(e) => v && give(e.target.value ? { current: v.current, target: e.target.value } : { current: v.current })}
            >
              <option value="">{v ? t('Ingen målnivå angiven') : t('Ange först nuvarande nivå')}</option>
              {options.map((o) => (
                <option key={o.code} value={o.code} lang={p.lang}>
                  {levelLabel(o)}
                </option>
              ))}
            </select>
          </div>
        </>
      );
    }
    default:
      return (
        <OptionList
          name={p.name}
          options={options}
          selected={typeof value === 'string' ? value : undefined}
          disabled={p.disabled}
          lang={p.lang}
          onSelect={(c) => give(c)}
        />
      );
  }
  }
}

/** Free text and numbers: saved when the field loses focus or after a pause in typing. */
function TypedAnswer(
  p: QuestionProps & { inputId: string; describedBy?: string; label: ReactNode; hint: ReactNode; err: ReactNode },
) {
  const { t } = useI18n();
  const refocusAfterRetry = useRefocusAfterRetry(p.error);
  // A number item's saved band (e.g. "1-10") is shown by its label ("1–10 timmar").
  const savedBand = typeof p.saved === 'string' ? numberBand(p.item, p.saved) : undefined;
  const initial =
    p.saved === undefined ? '' : savedBand ? savedBand.label : p.item.type === 'number' ? String(p.saved).replace('.', ',') : String(p.saved);
  const [text, setText] = useState(initial);
  const lastSent = useRef(initial);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const textRef = useRef(text);
  textRef.current = text;

  const commit = useCallback(() => {
    clearTimeout(timer.current);
    const raw = textRef.current;
    if (raw === lastSent.current) return;
    if (p.item.type === 'text') {
      if (!raw.trim()) {
        p.onLocalError(undefined);
        if (lastSent.current.trim()) p.onAnswer(null);
        lastSent.current = raw;
        return;
      }
      p.onLocalError(undefined);
      lastSent.current = raw;
      p.onAnswer(raw);
      return;
    }
    const trimmed = raw.trim().replace(/\s/g, '').replace(',', '.');
    if (!trimmed) {
      p.onLocalError(undefined);
      if (lastSent.current.trim()) p.onAnswer(null);
      lastSent.current = raw;
      return;
    }
    const n = Number(trimmed);
    if (!/^-?\d+(\.\d+)?$/.test(trimmed) || !Number.isFinite(n)) {
      // An item with answer bands also takes a band, by its code or its label.
      const band = numberBand(p.item, raw);
      if (band) {
        p.onLocalError(undefined);
        lastSent.current = raw;
        p.onAnswer(band.code);
        return;
      }
      p.onLocalError(
        p.item.options?.length
          ? t('Ange ett tal, till exempel 10 eller 2,5, eller ett av intervallen: {bands}.', { bands: p.item.options.map((o) => o.label).join(', ') })
          : t('Ange ett tal, till exempel 10 eller 2,5.'),
      );
      return;
    }
    const { min, max } = p.item;
    const fmt = (x: number) => String(x).replace('.', ',');
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
      p.onLocalError(
        min !== undefined && max !== undefined
          ? t('Värdet måste vara mellan {min} och {max}.', { min: fmt(min), max: fmt(max) })
          : min !== undefined
            ? t('Värdet måste vara minst {min}.', { min: fmt(min) })
            : t('Värdet får vara högst {max}.', { max: fmt(max!) }),
      );
      return;
    }
    p.onLocalError(undefined);
    lastSent.current = raw;
    p.onAnswer(n);
  }, [p, t]);

  useEffect(() => {
    p.registerFlush(commit);
    return () => p.registerFlush(undefined);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (v: string) => {
    setText(v);
    clearTimeout(timer.current);
    timer.current = setTimeout(commit, 1200);
  };
  const range =
    p.item.type === 'number' && (p.item.min !== undefined || p.item.max !== undefined)
      ? [
          p.item.min !== undefined && p.item.max !== undefined
            ? t('Ange ett tal mellan {min} och {max}', { min: p.item.min, max: p.item.max })
            : p.item.min !== undefined
              ? t('Ange ett tal, minst {min}', { min: p.item.min })
              : t('Ange ett tal, högst {max}', { max: p.item.max! }),
          p.item.unit ? ` (${p.item.unit})` : '',
          p.item.type === 'number' && p.item.options?.length
            ? t(', eller ett intervall: {bands}', { bands: p.item.options.map((o) => o.label).join(', ') })
            : '',
        ].join('')
      : p.item.unit;
  const rangeId = `${p.inputId}-range`;
  const describedBy = [p.describedBy, range ? rangeId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <label htmlFor={p.inputId} className="q-label">
        {p.label}
      </label>
      {p.hint}
      {range && (
        <p className="hint" id={rangeId}>
          {range}
        </p>
      )}
      {p.item.type === 'text' ? (
        <textarea
          id={p.inputId}
          rows={4}
          value={text}
          maxLength={5000}
          disabled={p.disabled}
          aria-describedby={describedBy}
          aria-invalid={p.error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
          onBlur={commit}
        />
      ) : (
        <input
          id={p.inputId}
          type="text"
          inputMode="decimal"
          className="number-input"
          value={text}
          disabled={p.disabled}
          aria-describedby={describedBy}
          aria-invalid={p.error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
          onBlur={commit}
        />
      )}
      {p.err}
      {p.error && (
        <div className="question-tools">
          <button
            type="button"
            className="secondary retry"
            disabled={p.disabled}
            onClick={(e) => {
              refocusAfterRetry(e.currentTarget);
              lastSent.current = '\u0000';
              commit();
            }}
          >
            {t('Försök spara igen')} <span className="visually-hidden">{t('(fråga {n})', { n: p.number })}</span>
          </button>
        </div>
      )}
    </>
  );
}
