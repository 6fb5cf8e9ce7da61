// Creating and editing a round (förbundsadmin): instrument, title, period, municipalities, the
// respondent types included, the introduction, the contact person and the estimated time. One
// form for both, through react-hook-form with the round's schema (src/domain/round-schema.ts), so
// the messages beside the fields are the server's; in an open or closed round the fields the rules
// lock (src/domain/round-edit.ts) are shown disabled with the reason, and the server refuses them
// with 409 all the same.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { z } from 'zod';
import { createRound, getRound, updateRound, type FullRound } from '../../contracts/rounds.ts';
import { ApiError } from '../api.ts';
import { Control } from '../components/forms.tsx';
import { useAction, useIsAdmin, useMunicipalities } from '../components/hooks.ts';
import { getInstrument, listInstruments } from '../../contracts/instruments.ts';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import { versionStatus } from '../components/instrument-version.ts';
import { AsyncView, ErrorMessage, LinkParagraph, Page } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../query.ts';
import { defaultRoundVersion } from '../../domain/instruments/library.ts';
import { changeAllowed, type RoundChange } from '../../domain/round-edit.ts';
import { roundSettingsSchema } from '../../domain/round-schema.ts';
import type { RoundStatus } from '../../domain/rounds.ts';

// The instrument library's answers (its contract is the instruments' part).
type InstrumentSummary = ResponseOf<typeof listInstruments>['instruments'][number];

/** The version a round takes when the instrument is chosen: the library's default (never an unfinished draft). */
const roundVersionOf = (i: InstrumentSummary) => defaultRoundVersion(i.versionDetails)?.version ?? i.version;

/**
 * The form's schema: the round's settings as the server validates them, with the selections the form
 * keeps itself (municipalities; respondent types, null = every type as the server stores it) and
 * the estimated time as typed (empty = estimated from the number of questions).
 */
const roundForm = roundSettingsSchema.extend({
  instrumentVersion: z.string(),
  municipalities: z.array(z.string()),
  respondentTypes: z.array(z.string()).nullable(),
});
type FormInput = z.input<typeof roundForm>;
type FormOutput = z.output<typeof roundForm>;

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
  const instruments = useEndpoint(listInstruments, admin ? undefined : null);
  const municipalities = useMunicipalities();
  const create = useEndpointMutation(createRound);
  const year = new Date().getFullYear();

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
        {(d) => {
          const first = d.instruments[0];
          if (!first || municipalities.loading) return <p>{t('Laddar')}…</p>;
          return (
            <RoundForm
              instruments={d.instruments}
              defaults={{
                instrument: first.id,
                instrumentVersion: roundVersionOf(first),
                title: `${first.title} ${year}`,
                ...defaultPeriod(),
                municipalities: municipalities.list.map((m) => m.code),
                respondentTypes: null,
                introduction: '',
                contactName: '',
                contactEmail: '',
                estimatedMinutes: null,
              }}
              status="draft"
              submitLabel={t('Skapa mätomgången')}
              versionOf={roundVersionOf}
              // The title follows the instrument while it is the suggested one.
              titleOf={(i, title) => (title === '' || d.instruments.some((x) => title === `${x.title} ${year}`) ? `${i.title} ${year}` : title)}
              onSubmit={async (body) => {
                const r = await create.mutateAsync({ body });
                navigate(`/matomgangar/${r.round.id}`, { state: { msg: t('Mätomgången är skapad som utkast. Den kan ändras tills den öppnas.') } });
              }}
            />
          );
        }}
      </AsyncView>
    </Page>
  );
}

// ---- Edit a round -------------------------------------------------------------------------------

export function EditRoundPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const admin = useIsAdmin();
  const state = useEndpoint(getRound, admin ? { params: { id } } : null);
  const instruments = useEndpoint(listInstruments, admin ? undefined : null);

  if (!admin)
    return (
      <Page title={t('Ändra mätomgången')}>
        <p>{t('Bara förbundsadmin kan ändra mätomgångar.')}</p>
      </Page>
    );

  return (
    <AsyncView state={state}>
      {({ round }) =>
        'mode' in round && (
          <Page title={t('Ändra {title}', { title: round.title })}>
            <LinkParagraph to={`/matomgangar/${round.id}`}>{t('Tillbaka till mätomgången')}</LinkParagraph>
            <p className="notice-info">
              {round.status === 'draft'
                ? t('Utkastet kan ändras helt. Tas en kommun eller en respondenttyp bort följer respondenter som inte har svarat med.')
                : round.status === 'open'
                  ? t('Mätomgången är öppen. Rubrik, slutdatum, introduktion, kontaktperson och beräknad tid kan ändras, och kommuner kan läggas till. Instrument, respondenttyper, startdatum och kommuner som redan ingår är låsta: respondenterna svarar redan.')
                  : t('Mätomgången är stängd. Bara rubriken kan ändras; öppna mätomgången igen för att ändra något annat.')}
            </p>
            <AsyncView state={instruments}>{(d) => <EditRoundForm round={round} instruments={d.instruments} />}</AsyncView>
          </Page>
        )
      }
    </AsyncView>
  );
}

function EditRoundForm({ round, instruments }: { round: FullRound; instruments: InstrumentSummary[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const update = useEndpointMutation(updateRound);
  // Loaded once: a refetch of the round (after saving) must not reset what is being typed.
  const [defaults] = useState<FormInput>(() => ({
    instrument: round.instrument,
    instrumentVersion: round.instrumentVersion,
    title: round.title,
    periodStart: round.periodStart,
    periodEnd: round.periodEnd,
    municipalities: round.municipalities.map((m) => m.code),
    respondentTypes: round.respondentTypes,
    introduction: round.introduction ?? '',
    contactName: round.contactName ?? '',
    contactEmail: round.contactEmail ?? '',
    estimatedMinutes: round.estimatedMinutes,
  }));
  return (
    <RoundForm
      instruments={instruments}
      defaults={defaults}
      status={round.status}
      included={defaults.municipalities}
      submitLabel={t('Spara ändringarna')}
      onCancel={() => navigate(`/matomgangar/${round.id}`)}
      versionOf={(i) => (i.id === round.instrument ? round.instrumentVersion : roundVersionOf(i))}
      onSubmit={async ({ instrument, instrumentVersion, ...body }) => {
        const sameInstrument = instrument === round.instrument && instrumentVersion === round.instrumentVersion;
        const sameTypes = sameInstrument && sameTypeSelection(round.respondentTypes, body.respondentTypes ?? null, round.instrumentRespondentTypes);
        // Only what changed: an unchanged selection keeps its stored form (null = all types).
        const r = await update.mutateAsync({
          params: { id: round.id },
          body: { ...body, respondentTypes: sameTypes ? undefined : body.respondentTypes, ...(sameInstrument ? {} : { instrument, instrumentVersion }) },
        });
        const msg = !r.changes.length
          ? t('Inget ändrades.')
          : r.removedRespondents > 0
            ? t('Ändringarna är sparade. {n} respondenter utan svar togs bort med kommunerna eller respondenttyperna.', { n: r.removedRespondents })
            : t('Ändringarna är sparade.');
        navigate(`/matomgangar/${round.id}`, { state: { msg } });
      }}
    />
  );
}

/** Whether two selections of respondent types are the same (null = every type of the version). */
function sameTypeSelection(before: string[] | null, after: string[] | null, all: Array<{ id: string }>) {
  const a = new Set(before ?? all.map((x) => x.id));
  const b = new Set(after ?? all.map((x) => x.id));
  return a.size === b.size && [...a].every((x) => b.has(x));
}

// ---- The form -----------------------------------------------------------------------------------

function RoundForm({
  instruments,
  defaults,
  status,
  included = [],
  submitLabel,
  onSubmit,
  onCancel,
  versionOf,
  titleOf,
}: {
  instruments: InstrumentSummary[];
  defaults: FormInput;
  status: RoundStatus;
  /** Municipalities in the round before the edit. */
  included?: string[];
  submitLabel: string;
  /** Gets the body of the create or edit: the form's values as the schema outputs them. */
  onSubmit: (body: FormOutput) => Promise<void>;
  onCancel?: () => void;
  /** The version the round takes when an instrument is chosen. */
  versionOf: (i: InstrumentSummary) => string;
  /** The title after an instrument is chosen (a new round's suggested title follows it). */
  titleOf?: (i: InstrumentSummary, title: string) => string;
}) {
  const { t } = useI18n();
  const municipalities = useMunicipalities();
  const action = useAction();
  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(roundForm), defaultValues: defaults });
  const { register, watch, setValue, getValues, setError, formState } = form;
  const values = watch();
  const chosen = instruments.find((i) => i.id === values.instrument);
  const version = values.instrumentVersion;
  const detail = useEndpoint(getInstrument, values.instrument ? { params: { id: values.instrument }, query: version ? { version } : {} } : null);
  const types = useMemo(
    () => (detail.data?.instrument.id === values.instrument ? detail.data.instrument.respondentTypes : []),
    [detail.data, values.instrument],
  );
  const [localError, setLocalError] = useState<string>();
  const may = (c: RoundChange) => changeAllowed(status, c);
  const chosenMunicipalities = new Set(values.municipalities);
  const typeChosen = (id: string) => values.respondentTypes == null || values.respondentTypes.includes(id);
  /** The error beside a field: the schema's (or the server's) Swedish message. */
  const fieldError = (name: keyof FormInput) => {
    const m = formState.errors[name]?.message;
    return m ? t(m) : undefined;
  };

  const submit = form.handleSubmit((v) => {
    setLocalError(undefined);
    if (!v.municipalities.length) return setLocalError(t('Kommuner: välj minst en kommun.'));
    if (types.length && !types.some((x) => typeChosen(x.id))) return setLocalError(t('Respondenttyper: välj minst en respondenttyp.'));
    return action.run(async () => {
      try {
        await onSubmit({
          ...v,
          municipalities: [...v.municipalities].sort(),
          respondentTypes: types.every((x) => typeChosen(x.id)) ? null : types.filter((x) => typeChosen(x.id)).map((x) => x.id),
        });
      } catch (e) {
        // The server's messages about a field stand beside it too.
        if (e instanceof ApiError && Array.isArray(e.details))
          for (const d of e.details as Array<{ path?: string; message?: string }>)
            if (d.path && d.message && d.path in defaults) setError(d.path as Path<FormInput>, { message: d.message });
        throw e;
      }
    });
  });

  const toggle = (k: 'municipalities' | 'respondentTypes', id: string, on: boolean) => {
    // A selection of "every type" becomes an explicit one at the first change.
    const next = new Set(getValues(k) ?? types.map((x) => x.id));
    if (on) next.add(id);
    else next.delete(id);
    setValue(k, [...next]);
  };

  const message = localError ?? action.message;
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
              if (!i) return;
              setValue('instrument', i.id);
              setValue('instrumentVersion', versionOf(i));
              setValue('respondentTypes', null);
              if (titleOf) setValue('title', titleOf(i, getValues('title')));
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
                onChange={(e) => {
                  setValue('instrumentVersion', e.target.value);
                  setValue('respondentTypes', null);
                }}
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
      <Control id="round-title" label={t('Rubrik')} error={fieldError('title')}>
        {(a) => <input {...a} {...register('title')} required disabled={!may('title')} />}
      </Control>
      <div className="field-row">
        <Control id="round-start" label={t('Periodens början')} hint={may('periodStart') ? undefined : t('Låst: mätomgången har startat.')} error={fieldError('periodStart')}>
          {(a) => <input {...a} type="date" {...register('periodStart')} required disabled={!may('periodStart')} />}
        </Control>
        <Control id="round-end" label={t('Periodens slut')} hint={t('Respondenterna kan svara till och med denna dag.')} error={fieldError('periodEnd')}>
          {(a) => <input {...a} type="date" {...register('periodEnd')} required disabled={!may('periodEnd')} />}
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
            onClick={() => setValue('municipalities', [...new Set([...values.municipalities, ...municipalities.list.map((m) => m.code)])])}
          >
            {t('Välj alla')}
          </button>
          {may('removeMunicipalities') && (
            <button type="button" className="secondary" onClick={() => setValue('municipalities', [])}>
              {t('Avmarkera alla')}
            </button>
          )}
          <span aria-live="polite">{t('{n} av {total} valda', { n: chosenMunicipalities.size, total: municipalities.list.length })}</span>
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
                  checked={chosenMunicipalities.has(m.code)}
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
        <Control id="round-intro" label={t('Introduktion')} hint={t('Visas överst i enkäten: syftet och vad svaren används till.')} error={fieldError('introduction')}>
          {(a) => <textarea {...a} {...register('introduction')} rows={4} disabled={!may('introduction')} />}
        </Control>
        <div className="field-row">
          <Control id="round-contact" label={t('Kontaktperson')} error={fieldError('contactName')}>
            {(a) => <input {...a} {...register('contactName')} autoComplete="off" disabled={!may('contactName')} />}
          </Control>
          <Control id="round-contact-email" label={t('Kontaktpersonens e-postadress')} error={fieldError('contactEmail')}>
            {(a) => <input {...a} type="email" {...register('contactEmail')} autoComplete="off" disabled={!may('contactEmail')} />}
          </Control>
        </div>
        <Control
          id="round-minutes"
          label={t('Beräknad tid i minuter')}
          hint={t('Lämna tomt för att räkna fram tiden från antalet frågor.')}
          error={fieldError('estimatedMinutes')}
        >
          {(a) => (
            <input
              {...a}
              type="number"
              {...register('estimatedMinutes', { setValueAs: (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v)) })}
              min={1}
              max={600}
              className="count-input"
              disabled={!may('estimatedMinutes')}
            />
          )}
        </Control>
      </fieldset>
      <div className="button-row">
        <button type="submit" aria-disabled={action.busy || undefined} onClick={(e) => action.busy && e.preventDefault()}>
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
