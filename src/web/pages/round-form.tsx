// Creating and editing a round (förbundsadmin): instrument, title, period, municipalities, the
// respondent types included, the introduction, the contact person and the estimated time. One
// form for both; in an open or closed round the fields the rules lock (src/domain/round-edit.ts)
// are shown disabled with the reason, and the server refuses them with 409 all the same.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { patch, post } from '../api.ts';
import { Control } from '../components/forms.tsx';
import { useAction, useApi, useIsAdmin, useMunicipalities } from '../components/hooks.ts';
import { versionStatus } from '../components/instrument-version.ts';
import { AsyncView, ErrorMessage, LinkParagraph, Page } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { defaultRoundVersion, type VersionState } from '../../domain/instruments/library.ts';
import { changeAllowed, type RoundChange } from '../../domain/round-edit.ts';
import type { RoundDetails } from '../../domain/round-details.ts';
import type { RoundStatus } from '../../domain/rounds.ts';

interface InstrumentSummary {
  id: string;
  version: string;
  title: string;
  mode: 'survey' | 'self-assessment';
  itemCount: number;
  versionDetails: Array<VersionState & { version: string }>;
}

/** The version a round takes when the instrument is chosen: the library's default (never an unfinished draft). */
const roundVersionOf = (i: InstrumentSummary) => defaultRoundVersion(i.versionDetails)?.version ?? i.version;

interface InstrumentDetail {
  id: string;
  version: string;
  title: string;
  mode: 'survey' | 'self-assessment';
  respondentTypes: Array<{ id: string; label: string }>;
  items: unknown[];
}

/** The round as GET /api/rounds/:id returns it (the fields the form edits). */
export interface EditableRound extends RoundDetails {
  id: number;
  status: RoundStatus;
  instrument: string;
  instrumentVersion: string;
  instrumentTitle?: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  municipalities: Array<{ code: string; name: string }>;
  instrumentRespondentTypes: Array<{ id: string; label: string }>;
}

/** The form's fields: the round's settings with the texts of RoundDetails the form edits. */
type FormValues = Pick<RoundDetails, 'introduction' | 'contactName' | 'contactEmail'> & {
  instrument: string;
  instrumentVersion: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  municipalities: Set<string>;
  /** Respondent types included (ids of the version's types); null = every type, as the server stores it. */
  respondentTypes: Set<string> | null;
  /** As typed; empty = estimated from the number of questions. */
  estimatedMinutes: string;
};

const isoDate = (d: Date) => d.toLocaleDateString('sv-SE');

/** The default period of a new round: from today, four weeks. */
export function defaultPeriod(today = new Date()) {
  const end = new Date(today);
  end.setDate(end.getDate() + 28);
  return { periodStart: isoDate(today), periodEnd: isoDate(end) };
}

// ---- New round ----------------------------------------------------------------------------------

export function NewRoundPage() {
  const { t } = useI18n();
  const admin = useIsAdmin();
  const navigate = useNavigate();
  const action = useAction();
  const instruments = useApi<{ instruments: InstrumentSummary[] }>(admin ? '/api/instruments' : null);
  const municipalities = useMunicipalities();
  const [values, setValues] = useState<FormValues>();
  const year = new Date().getFullYear();

  useEffect(() => {
    const first = instruments.data?.instruments[0];
    if (!first || values || municipalities.loading) return;
    setValues({
      instrument: first.id,
      instrumentVersion: roundVersionOf(first),
      title: `${first.title} ${year}`,
      ...defaultPeriod(),
      municipalities: new Set(municipalities.list.map((m) => m.code)),
      respondentTypes: null,
      introduction: '',
      contactName: '',
      contactEmail: '',
      estimatedMinutes: '',
    });
  }, [instruments.data, municipalities.loading, municipalities.list, values, year]);

  if (!admin)
    return (
      <Page title={t('Ny mätomgång')}>
        <p>{t('Bara förbundsadmin kan skapa mätomgångar.')}</p>
      </Page>
    );

  return (
    <Page title={t('Ny mätomgång')}>
      <LinkParagraph to="/matomgangar">{t('Tillbaka till mätomgångar')}</LinkParagraph>
      <AsyncView state={instruments}>
        {(d) =>
          values ? (
            <RoundForm
              instruments={d.instruments}
              values={values}
              onChange={setValues}
              status="draft"
              busy={action.busy}
              error={action.message}
              submitLabel={t('Skapa mätomgången')}
              onInstrumentChosen={(i) =>
                setValues((v) => v && { ...v, instrument: i.id, instrumentVersion: roundVersionOf(i), title: v.title === '' || d.instruments.some((x) => v.title === `${x.title} ${year}`) ? `${i.title} ${year}` : v.title, respondentTypes: null })
              }
              onSubmit={(body) =>
                action.run(async () => {
                  const r = await post<{ round: { id: number } }>('/api/rounds', { instrument: values.instrument, instrumentVersion: values.instrumentVersion, ...body });
                  navigate(`/matomgangar/${r.round.id}`, { state: { msg: t('Mätomgången är skapad som utkast. Den kan ändras tills den öppnas.') } });
                })
              }
            />
          ) : (
            <p>{t('Laddar')}…</p>
          )
        }
      </AsyncView>
    </Page>
  );
}

// ---- Edit a round -------------------------------------------------------------------------------

export function EditRoundPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const admin = useIsAdmin();
  const navigate = useNavigate();
  const action = useAction();
  const state = useApi<{ round: EditableRound }>(admin ? `/api/rounds/${encodeURIComponent(id)}` : null);
  const instruments = useApi<{ instruments: InstrumentSummary[] }>(admin ? '/api/instruments' : null);
  const [values, setValues] = useState<FormValues>();
  const round = state.data?.round;

  useEffect(() => {
    if (!round || values) return;
    setValues({
      instrument: round.instrument,
      instrumentVersion: round.instrumentVersion,
      title: round.title,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      municipalities: new Set(round.municipalities.map((m) => m.code)),
      respondentTypes: round.respondentTypes ? new Set(round.respondentTypes) : null,
      introduction: round.introduction ?? '',
      contactName: round.contactName ?? '',
      contactEmail: round.contactEmail ?? '',
      estimatedMinutes: round.estimatedMinutes ? String(round.estimatedMinutes) : '',
    });
  }, [round, values]);

  if (!admin)
    return (
      <Page title={t('Ändra mätomgången')}>
        <p>{t('Bara förbundsadmin kan ändra mätomgångar.')}</p>
      </Page>
    );

  return (
    <AsyncView state={state}>
      {({ round }) => (
        <Page title={t('Ändra {title}', { title: round.title })}>
          <LinkParagraph to={`/matomgangar/${round.id}`}>{t('Tillbaka till mätomgången')}</LinkParagraph>
          <p className="notice-info">
            {round.status === 'draft'
              ? t('Utkastet kan ändras helt. Tas en kommun eller en respondenttyp bort följer respondenter som inte har svarat med.')
              : round.status === 'open'
                ? t('Mätomgången är öppen. Rubrik, slutdatum, introduktion, kontaktperson och beräknad tid kan ändras, och kommuner kan läggas till. Instrument, respondenttyper, startdatum och kommuner som redan ingår är låsta: respondenterna svarar redan.')
                : t('Mätomgången är stängd. Bara rubriken kan ändras; öppna mätomgången igen för att ändra något annat.')}
          </p>
          <AsyncView state={instruments}>
            {(d) =>
              values ? (
                <RoundForm
                  instruments={d.instruments}
                  values={values}
                  onChange={setValues}
                  status={round.status}
                  included={round.municipalities.map((m) => m.code)}
                  busy={action.busy}
                  error={action.message}
                  submitLabel={t('Spara ändringarna')}
                  onCancel={() => navigate(`/matomgangar/${round.id}`)}
                  onInstrumentChosen={(i) =>
                    setValues((v) => v && { ...v, instrument: i.id, instrumentVersion: i.id === round.instrument ? round.instrumentVersion : roundVersionOf(i), respondentTypes: null })
                  }
                  onSubmit={(body) =>
                    action.run(async () => {
                      const sameInstrument = values.instrument === round.instrument && values.instrumentVersion === round.instrumentVersion;
                      const sameTypes = sameInstrument && sameTypeSelection(round.respondentTypes ?? null, values.respondentTypes, round.instrumentRespondentTypes);
                      const sent: Record<string, unknown> = { ...body };
                      // Only what changed: an unchanged selection keeps its stored form (null = all types).
                      if (sameTypes) delete sent.respondentTypes;
                      if (!sameInstrument) Object.assign(sent, { instrument: values.instrument, instrumentVersion: values.instrumentVersion });
                      const r = await patch<{ changes: string[]; removedRespondents: number }>(`/api/rounds/${round.id}`, sent);
                      const msg = !r.changes.length
                        ? t('Inget ändrades.')
                        : r.removedRespondents > 0
                          ? t('Ändringarna är sparade. {n} respondenter utan svar togs bort med kommunerna eller respondenttyperna.', { n: r.removedRespondents })
                          : t('Ändringarna är sparade.');
                      navigate(`/matomgangar/${round.id}`, { state: { msg } });
                    })
                  }
                />
              ) : (
                <p>{t('Laddar')}…</p>
              )
            }
          </AsyncView>
        </Page>
      )}
    </AsyncView>
  );
}

/** Whether two selections of respondent types are the same (null = every type of the version). */
function sameTypeSelection(before: string[] | null, after: Set<string> | null, all: Array<{ id: string }>) {
  const a = new Set(before ?? all.map((x) => x.id));
  const b = after ?? new Set(all.map((x) => x.id));
  return a.size === b.size && [...a].every((x) => b.has(x));
}

// ---- The form -----------------------------------------------------------------------------------

function RoundForm({
  instruments,
  values,
  onChange,
  status,
  included = [],
  busy,
  error,
  submitLabel,
  onSubmit,
  onCancel,
  onInstrumentChosen,
}: {
  instruments: InstrumentSummary[];
  values: FormValues;
  onChange: (f: (v: FormValues | undefined) => FormValues | undefined) => void;
  status: RoundStatus;
  /** Municipalities in the round before the edit. */
  included?: string[];
  busy: boolean;
  error?: string;
  submitLabel: string;
  onSubmit: (body: Record<string, unknown>) => void;
  onCancel?: () => void;
  onInstrumentChosen: (i: InstrumentSummary) => void;
}) {
  const { t } = useI18n();
  const municipalities = useMunicipalities();
  const chosen = instruments.find((i) => i.id === values.instrument);
  const version = values.instrumentVersion;
  const detail = useApi<{ instrument: InstrumentDetail }>(
    values.instrument ? `/api/instruments/${encodeURIComponent(values.instrument)}${version ? `?version=${encodeURIComponent(version)}` : ''}` : null,
  );
  const types = useMemo(
    () => (detail.data?.instrument.id === values.instrument ? detail.data.instrument.respondentTypes : []),
    [detail.data, values.instrument],
  );
  const [localError, setLocalError] = useState<string>();
  const may = (c: RoundChange) => changeAllowed(status, c);
  const set = <K extends keyof FormValues>(k: K, v: FormValues[K]) => onChange((f) => f && { ...f, [k]: v });

  const typeChosen = (id: string) => values.respondentTypes === null || values.respondentTypes.has(id);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setLocalError(undefined);
    if (!values.municipalities.size) return setLocalError(t('Kommuner: välj minst en kommun.'));
    if (types.length && !types.some((x) => typeChosen(x.id))) return setLocalError(t('Respondenttyper: välj minst en respondenttyp.'));
    const minutes = values.estimatedMinutes.trim();
    onSubmit({
      title: values.title,
      periodStart: values.periodStart,
      periodEnd: values.periodEnd,
      municipalities: [...values.municipalities].sort(),
      respondentTypes: types.every((x) => typeChosen(x.id)) ? null : types.filter((x) => typeChosen(x.id)).map((x) => x.id),
      introduction: values.introduction || null,
      contactName: values.contactName || null,
      contactEmail: values.contactEmail || null,
      estimatedMinutes: minutes ? Number(minutes) : null,
    });
  };

  const toggle = (k: 'municipalities' | 'respondentTypes', id: string, on: boolean) =>
    onChange((f) => {
      if (!f) return f;
      // A selection of "every type" becomes an explicit one at the first change.
      const next = new Set(f[k] ?? types.map((x) => x.id));
      if (on) next.add(id);
      else next.delete(id);
      return { ...f, [k]: next };
    });

  const message = localError ?? error;
  return (
    <form onSubmit={submit} className="narrow-wide" noValidate aria-describedby={message ? 'round-form-error' : undefined}>
      <ErrorMessage message={message} id="round-form-error" />
      <Control
        id="round-instrument"
        label={t('Instrument')}
        hint={
          chosen
            ? `${chosen.mode === 'self-assessment' ? t('Självskattning: besvaras en gång per kommun av kommunansvarig.') : t('Enkät: många respondenter per kommun via personliga länkar.')} ${t('{n} frågor.', { n: detail.data?.instrument.items.length ?? chosen.itemCount })}${may('instrument') ? '' : ` ${t('Instrumentet kan bara bytas i ett utkast.')}`}`
            : undefined
        }
      >
        {(a) => (
          <select
            {...a}
            name="instrument"
            value={values.instrument}
            disabled={!may('instrument')}
            onChange={(e) => {
              const i = instruments.find((x) => x.id === e.target.value);
              if (i) onInstrumentChosen(i);
            }}
          >
            {instruments.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        )}
      </Control>
      {chosen && (
        <>
          <Control
            id="round-instrument-version"
            label={t('Version')}
            hint={may('instrument') ? t('En version som används av en mätomgång ändras aldrig; ett utkast låses när en mätomgång skapas på det.') : t('Versionen kan bara bytas i ett utkast.')}
          >
            {(a) => (
              <select
                {...a}
                name="instrumentVersion"
                value={version}
                disabled={!may('instrument')}
                onChange={(e) => onChange((f) => f && { ...f, instrumentVersion: e.target.value, respondentTypes: null })}
              >
                {chosen.versionDetails.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version} – {versionStatus(v, t)}
                  </option>
                ))}
              </select>
            )}
          </Control>
          <p>
            <Link to={`/instrument/${encodeURIComponent(chosen.id)}/${encodeURIComponent(version)}`}>
              {t('Läs frågorna i version {v}', { v: version })}
            </Link>
          </p>
        </>
      )}
      <Control id="round-title" label={t('Rubrik')}>
        {(a) => <input {...a} name="title" required value={values.title} disabled={!may('title')} onChange={(e) => set('title', e.target.value)} />}
      </Control>
      <div className="field-row">
        <Control id="round-start" label={t('Periodens början')} hint={may('periodStart') ? undefined : t('Låst: mätomgången har startat.')}>
          {(a) => (
            <input {...a} type="date" name="periodStart" required value={values.periodStart} disabled={!may('periodStart')} onChange={(e) => set('periodStart', e.target.value)} />
          )}
        </Control>
        <Control id="round-end" label={t('Periodens slut')} hint={t('Respondenterna kan svara till och med denna dag.')}>
          {(a) => <input {...a} type="date" name="periodEnd" required value={values.periodEnd} disabled={!may('periodEnd')} onChange={(e) => set('periodEnd', e.target.value)} />}
        </Control>
      </div>
      <fieldset>
        <legend>{t('Kommuner som ingår')}</legend>
        {status === 'open' && <p className="hint">{t('Kommuner kan läggas till men inte tas bort medan mätomgången är öppen.')}</p>}
        <div className="button-row">
          <button
            type="button"
            className="secondary"
            disabled={!may('addMunicipalities')}
            onClick={() => set('municipalities', new Set([...values.municipalities, ...municipalities.list.map((m) => m.code)]))}
          >
            {t('Välj alla')}
          </button>
          {may('removeMunicipalities') && (
            <button type="button" className="secondary" onClick={() => set('municipalities', new Set())}>
              {t('Avmarkera alla')}
            </button>
          )}
          <span aria-live="polite">{t('{n} av {total} valda', { n: values.municipalities.size, total: municipalities.list.length })}</span>
        </div>
        <div className="checkbox-grid">
          {municipalities.list.map((m) => {
            const was = included.includes(m.code);
            const locked = was ? !may('removeMunicipalities') : !may('addMunicipalities');
            return (
              <label key={m.code}>
                <input
                  type="checkbox"
                  name="municipalities"
                  value={m.code}
                  checked={values.municipalities.has(m.code)}
                  disabled={locked}
                  onChange={(e) => toggle('municipalities', m.code, e.target.checked)}
                />{' '}
                {m.name}
              </label>
            );
          })}
        </div>
      </fieldset>
      {types.length > 0 && (
        <fieldset>
          <legend>{t('Respondenttyper som ingår')}</legend>
          <p className="hint">
            {may('respondentTypes')
              ? t('Bara de valda typerna kan läggas till som respondenter; varje typ får de frågor som gäller den.')
              : t('Låst: respondenttyperna kan bara ändras i ett utkast.')}
          </p>
          <div className="checkbox-grid">
            {types.map((x) => (
              <label key={x.id}>
                <input
                  type="checkbox"
                  name="respondentTypes"
                  value={x.id}
                  checked={typeChosen(x.id)}
                  disabled={!may('respondentTypes')}
                  onChange={(e) => toggle('respondentTypes', x.id, e.target.checked)}
                />{' '}
                {x.label}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <fieldset>
        <legend>{t('Till respondenterna')}</legend>
        <Control id="round-intro" label={t('Introduktion')} hint={t('Visas överst i enkäten: syftet och vad svaren används till.')}>
          {(a) => (
            <textarea {...a} name="introduction" rows={4} value={values.introduction ?? ''} disabled={!may('introduction')} onChange={(e) => set('introduction', e.target.value)} />
          )}
        </Control>
        <div className="field-row">
          <Control id="round-contact" label={t('Kontaktperson')}>
            {(a) => <input {...a} name="contactName" autoComplete="off" value={values.contactName ?? ''} disabled={!may('contactName')} onChange={(e) => set('contactName', e.target.value)} />}
          </Control>
          <Control id="round-contact-email" label={t('Kontaktpersonens e-postadress')}>
            {(a) => (
              <input
                {...a}
                type="email"
                name="contactEmail"
                autoComplete="off"
                value={values.contactEmail ?? ''}
                disabled={!may('contactEmail')}
                onChange={(e) => set('contactEmail', e.target.value)}
              />
            )}
          </Control>
        </div>
        <Control id="round-minutes" label={t('Beräknad tid i minuter')} hint={t('Lämna tomt för att räkna fram tiden från antalet frågor.')}>
          {(a) => (
            <input
              {...a}
              type="number"
              name="estimatedMinutes"
              min={1}
              max={600}
              className="count-input"
              value={values.estimatedMinutes}
              disabled={!may('estimatedMinutes')}
              onChange={(e) => set('estimatedMinutes', e.target.value)}
            />
          )}
        </Control>
      </fieldset>
      <div className="button-row">
        <button type="submit" aria-disabled={busy || undefined}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('Avbryt')}
          </button>
        )}
      </div>
    </form>
  );
}
