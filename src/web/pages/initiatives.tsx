// Samverkansinitiativ (DOMAIN.md §7): the portfolio list, a new initiative (also from a
// samverkanskandidat in the analysis), and an initiative's page — its fields and edit (optimistic
// concurrency with the version), stage moves with their gates and log, participation, other actors,
// qualification scores and status reports. The server (src/server/routes/initiatives.ts) enforces
// every permission; the pages only hide what a role cannot do.
import { Fragment, useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import * as api from '../../contracts/initiatives.ts';
import type { BodyIn, ResponseOf } from '../../contracts/endpoint.ts';
import { canReport as mayReport, ownsMunicipality } from '../../domain/portfolio/initiative-policy.ts';
import { ACTOR_KINDS } from '../../domain/portfolio/initiative-schema.ts';
import { ApiError } from '../api.ts';
import { useEndpoint, useEndpointMutation } from '../query.ts';
import { Control, Field, FormButtons, Options, SelectField } from '../components/forms.tsx';
import { fixed2Format, hours, kr, oneFormat } from '../components/format.ts';
import { useAction, useApi, useMunicipalities, useOrganisation } from '../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, DemoBanner, ErrorMessage, LinkParagraph, Loading, Notice, Page, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession, type User } from '../session.tsx';
import type { Criterion, WeightedScore } from '../../domain/portfolio/qualification.ts';
import {
  COLLABORATION_FORM_LABELS,
  FUNDING_SOURCE_LABELS,
  PARTICIPATION_LABELS,
  REPORT_STATUS_LABELS,
  SCOPE_LABELS,
  STAGE_LABELS,
  STAGES,
  type LinkKind,
  type ReportStatus,
  type Stage,
} from '../../domain/portfolio/types.ts';

// ---- API shapes (src/server/routes/initiatives.ts, src/store/initiatives.ts) ---------------------

const CLOSED: Stage[] = ['nyttohemtagning', 'avslutad_utan_genomforande'];
const REPORTING: Stage[] = ['prioriterad', 'genomforande', 'nyttohemtagning'];

// Labels of the API's codes (Swedish; `t` translates them). Strings index them: unknown codes show as they are.
const STAGE_LABEL: Record<string, string> = STAGE_LABELS;
const SCOPE_LABEL: Record<string, string> = SCOPE_LABELS;
const FORM_LABEL: Record<string, string> = COLLABORATION_FORM_LABELS;
const FUNDING_LABEL: Record<string, string> = FUNDING_SOURCE_LABELS;
const PARTICIPATION_LABEL: Record<string, string> = PARTICIPATION_LABELS;
const REPORT_STATUS_LABEL: Record<string, string> = REPORT_STATUS_LABELS;
const LINK_LABEL: Record<LinkKind, string> = { formaga: 'Förmåga', utmaning: 'Utmaning' };
const ACTOR_KIND_LABEL: Record<string, string> = {
  akademi: 'Akademi',
  naringsliv: 'Näringsliv',
  natverk: 'Nätverk',
  region: 'Region',
  ovrigt: 'Övrigt',
};

type Detail = ResponseOf<typeof api.getInitiative>;
type Initiative = Detail['initiative'];
type LogEntry = ResponseOf<typeof api.getInitiativeLog>['log'][number];
type FollowUp = Detail['followUp'];

interface Config {
  criteria: Criterion[];
  stages: Array<{ id: Stage; label: string; gate: Array<{ description: string }> }>;
}

interface Municipality {
  code: string;
  name: string;
}

// ---- Formatting and small helpers ---------------------------------------------------------------

const dateTime = (iso: string) => new Date(iso).toLocaleString('sv-SE', { dateStyle: 'short', timeStyle: 'short' });
const dateOnly = (iso: string) => new Date(iso).toLocaleDateString('sv-SE');

function StageTag({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  return <span className="status-tag">{t(STAGE_LABEL[stage] ?? stage)}</span>;
}

/** Like AsyncView, but keeps showing the data while it is fetched again (so the page and its messages stay). */
function KeepView<T>({ state, children }: { state: { data?: T; error?: string; loading: boolean }; children: (d: T) => ReactNode }) {
  if (state.data === undefined) return state.error ? <ErrorMessage message={state.error} /> : <Loading />;
  return (
    <>
      {state.error && <ErrorMessage message={state.error} />}
      {children(state.data)}
    </>
  );
}

const canPropose = (u?: User) => u?.role === 'forbundsadmin' || u?.role === 'kommunansvarig';
const isAdmin = (u?: User) => u?.role === 'forbundsadmin';

/** A weighted qualification score: "3,55 av 5 (63,6 %)", or "–". */
function QualificationText({ q }: { q: WeightedScore }) {
  const { t } = useI18n();
  if (q.score === null) return <>{t('Ej bedömd')}</>;
  return (
    <>
      {t('{score} av 5 ({pct} %)', { score: fixed2Format.format(q.score), pct: oneFormat.format(q.percent ?? 0) })}
      {!q.complete && ` – ${t('delvis bedömd')}`}
    </>
  );
}

/** Field-level messages from a 400: the API's details [{path, message}] or "Ogiltig indata: path: message". */
function fieldErrorsOf(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof ApiError) || e.status !== 400) return out;
  if (Array.isArray(e.details)) {
    for (const d of e.details as Array<{ path?: string; message?: string }>) if (d.path && d.message && !out[d.path]) out[d.path] = d.message;
  } else {
    const m = /^Ogiltig indata: ([A-Za-z0-9_.]+): (.+)$/.exec(e.message);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

// ---- Portfolio list -----------------------------------------------------------------------------

export function InitiativesPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const state = useEndpoint(api.listInitiatives, {});
  const org = useOrganisation();
  const munis = useMunicipalities();
  const [params, setParams] = useSearchParams();
  const stage = params.get('steg') ?? '';
  const area = params.get('omrade') ?? '';
  const setFilter = (key: string, value: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };
  return (
    <Page title={t('Initiativ')}>
      <p>{t('Samverkansportföljen: gemensamma initiativ från idé till nyttohemtagning.')}</p>
      {canPropose(user) && (
        <p>
          <Link className="button" to="/initiativ/nytt">
            {t('Nytt initiativ')}
          </Link>
        </p>
      )}
      <form className="field-row" aria-label={t('Filtrera initiativen')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('Steg')}
          value={stage}
          onChange={(e) => setFilter('steg', e.target.value)}
          empty={t('Alla steg')}
          entries={STAGES.map((s) => [s, t(STAGE_LABEL[s])])}
        />
        <SelectField
          label={t('Verksamhetsområde')}
          value={area}
          onChange={(e) => setFilter('omrade', e.target.value)}
          empty={t('Alla verksamhetsområden')}
          entries={org.areas.map((a) => [a.id, a.name])}
        />
      </form>
      {/* The list waits for the names of areas and municipalities, so that it never shows their codes. */}
      <AsyncView state={{ ...state, loading: state.loading || org.loading || munis.loading }}>
        {(d) => {
          const shown = d.initiatives.filter((i) => (!stage || i.stage === stage) && (!area || i.area === area));
          return (
            <>
              <p aria-live="polite">{t('Visar {n} av {total} initiativ.', { n: shown.length, total: d.initiatives.length })}</p>
              {shown.length === 0 ? (
                <p>{d.initiatives.length ? t('Inga initiativ matchar filtret.') : t('Det finns inga initiativ ännu.')}</p>
              ) : (
                <DataTable
                  label={t('Initiativ')}
                  caption={t('Initiativ i samverkansportföljen ({n})', { n: shown.length })}
                  columns={[
                    t('Namn'),
                    t('Verksamhetsområde'),
                    t('Steg'),
                    { num: t('Deltagande kommuner') },
                    { num: t('Uppskattad kostnad') },
                    t('Kvalificeringspoäng'),
                  ]}
                >
                  <tbody>
                    {shown.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">
                          <Link to={`/initiativ/${i.id}`}>{i.title}</Link> {i.isDemo && <span className="tag">DEMO</span>}
                          {i.proposingMunicipality && (
                            <span className="hint">
                              {' '}
                              · {t('föreslaget av {name}', { name: munis.nameOf(i.proposingMunicipality) })}
                            </span>
                          )}
                        </th>
                        <td>{i.area ? (org.areaNames.get(i.area) ?? i.area) : '–'}</td>
                        <td>
                          <StageTag stage={i.stage} />
                        </td>
                        <td className="num">{i.participating.length}</td>
                        <td className="num">{kr(i.estimatedCost)}</td>
                        <td>
                          <QualificationText q={i.qualification} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              )}
            </>
          );
        }}
      </AsyncView>
    </Page>
  );
}

// ---- The initiative form (new and edit) ---------------------------------------------------------

interface FormState {
  title: string;
  description: string;
  need: string;
  area: string;
  scope: string;
  origin: string;
  proposingMunicipality: string;
  collaborationForm: string;
  qualitative: string;
  economic: string;
  operational: string;
  hoursPerYear: string;
  sekPerYear: string;
  estimatedCost: string;
  startYear: string;
  endYear: string;
  links: Array<{ kind: LinkKind; label: string; instrumentId?: string; itemId?: string }>;
  fundingSources: Array<{ source: string; amount: string; note: string }>;
  risks: Array<{ description: string; probability: string; consequence: string }>;
  documents: Array<{ title: string; url: string }>;
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function formStateOf(i?: Initiative, proposing = ''): FormState {
  return {
    title: i?.title ?? '',
    description: i?.description ?? '',
    need: i?.need ?? '',
    area: i?.area ?? '',
    scope: i?.scope ?? 'delregional',
    origin: i?.origin ?? '',
    proposingMunicipality: i ? (i.proposingMunicipality ?? '') : proposing,
    collaborationForm: i?.collaborationForm ?? '',
    qualitative: i?.benefits.qualitative ?? '',
    economic: i?.benefits.economic ?? '',
    operational: i?.benefits.operational ?? '',
    hoursPerYear: str(i?.benefits.hoursPerYear),
    sekPerYear: str(i?.benefits.sekPerYear),
    estimatedCost: str(i?.estimatedCost),
    startYear: str(i?.startYear),
    endYear: str(i?.endYear),
    links: i?.links.map((l) => ({ ...l })) ?? [],
    fundingSources: i?.fundingSources.map((f) => ({ source: f.source, amount: str(f.amount), note: f.note })) ?? [],
    risks: i?.risks.map((r) => ({ description: r.description, probability: str(r.probability), consequence: str(r.consequence) })) ?? [],
    documents: i?.documents.map((d) => ({ ...d })) ?? [],
  };
}

/**
 * A number typed by the user: blank → null, "800 000" or "2,5" → a number; anything else is sent as
 * typed so that the server answers with its Swedish message for that field.
 */
function numberOf(s: string): number | string | null {
  const v = s.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : s;
}

/** The form's fields as the API takes them. */
type FormBody = BodyIn<typeof api.createInitiative>;

/** What was typed goes as it is (a number where it is one): the server's Swedish message names a wrong value beside its field. */
function bodyOf(f: FormState): FormBody {
  return {
    title: f.title,
    description: f.description,
    need: f.need,
    area: f.area || null,
    scope: f.scope,
    origin: f.origin,
    proposingMunicipality: f.proposingMunicipality || null,
    collaborationForm: f.collaborationForm || null,
    benefits: {
      qualitative: f.qualitative,
      economic: f.economic,
      operational: f.operational,
      hoursPerYear: numberOf(f.hoursPerYear),
      sekPerYear: numberOf(f.sekPerYear),
    },
    estimatedCost: numberOf(f.estimatedCost),
    startYear: numberOf(f.startYear),
    endYear: numberOf(f.endYear),
    links: f.links.filter((l) => l.label.trim()),
    fundingSources: f.fundingSources.map((s) => ({ source: s.source, amount: numberOf(s.amount), note: s.note })),
    risks: f.risks
      .filter((r) => r.description.trim() || r.probability || r.consequence)
      .map((r) => ({ description: r.description, probability: numberOf(r.probability), consequence: numberOf(r.consequence) })),
    documents: f.documents.filter((d) => d.title.trim() || d.url.trim()),
  } as FormBody;
}

type RowKey = 'links' | 'fundingSources' | 'risks' | 'documents';

const fid = (path: string) => `init-${path.replace(/\./g, '-')}`;

/** Moves focus to an element by id (a heading gets tabindex -1), e.g. when the focused control went away. */
function focusById(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) el.setAttribute('tabindex', '-1');
  el.focus();
}

/** Removes something as `action` (`remove` calls the endpoint); `done` confirms it. Focus moves to `focusAfter` (the section's heading), since the row and its button go. */
const removeWith = (action: ReturnType<typeof useAction>, remove: () => Promise<unknown>, done: string, focusAfter?: string) =>
  action.busy
    ? Promise.resolve()
    : action.run(async () => {
        await remove();
        if (focusAfter) focusById(focusAfter);
        return done;
      });

/** An action's error in an alert box (`children` after its message), then its confirmation. */
function Outcome({ action, children }: { action: ReturnType<typeof useAction>; children?: ReactNode }) {
  return (
    <>
      {action.error !== undefined && (
        <div className="error" role="alert">
          <p>{action.message}</p>
          {children}
        </div>
      )}
      <Notice message={action.msg} />
    </>
  );
}

/** A fieldset of repeated rows, one per item, and a button that adds one; `empty` shows while there are none. */
function RowGroup<R>({
  legend,
  empty,
  before,
  rows,
  addLabel,
  onAdd,
  children,
}: {
  legend: string;
  empty?: string;
  before?: ReactNode;
  rows: R[];
  addLabel: string;
  onAdd: () => void;
  children: (row: R, i: number) => ReactNode;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {before}
      {empty !== undefined && rows.length === 0 && <p className="hint">{empty}</p>}
      {rows.map((r, i) => (
        <Fragment key={i}>{children(r, i)}</Fragment>
      ))}
      <button type="button" className="secondary row-add" onClick={onAdd}>
        {addLabel}
      </button>
    </fieldset>
  );
}

/** Removes a row of a repeated group in the form; `what` completes the button's accessible name. */
function RemoveButton({ onClick, what }: { onClick: () => void; what: string }) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <button
        type="button"
        className="secondary"
        onClick={(e) => {
          // The row and this button go away: focus moves to the group's "Lägg till …" button first.
          e.currentTarget.closest('fieldset')?.querySelector<HTMLElement>(':scope > .row-add')?.focus();
          onClick();
        }}
      >
        {t('Ta bort')} <span className="visually-hidden">{what}</span>
      </button>
    </div>
  );
}

function InitiativeForm({
  initial,
  submitLabel,
  proposingChoices,
  allowNoProposing,
  onSave,
  onCancel,
  onReload,
}: {
  initial: FormState;
  submitLabel: string;
  proposingChoices: Municipality[];
  allowNoProposing: boolean;
  onSave: (body: FormBody) => Promise<void>;
  onCancel?: () => void;
  /** Offered after a 409 (someone else changed the initiative): fetch it again, dropping these edits. */
  onReload?: () => void;
}) {
  const { t } = useI18n();
  const org = useOrganisation();
  const [f, setF] = useState<FormState>(initial);
  const action = useAction();
  const error = action.error;
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverErrors = fieldErrorsOf(error);
  const errors = { ...serverErrors, ...clientErrors };
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((s) => ({ ...s, [k]: v }));
  const setRow = <K extends RowKey>(k: K, i: number, patchRow: Partial<FormState[K][number]>) =>
    setF((s) => ({ ...s, [k]: (s[k] as Array<FormState[K][number]>).map((r, j) => (j === i ? { ...r, ...patchRow } : r)) }));
  const removeRow = (k: RowKey, i: number) =>
    setF((s) => ({ ...s, [k]: (s[k] as unknown[]).filter((_, j) => j !== i) }));
  /** A Control's id, label, hint and error for the field at `path` (the API's path, e.g. "links.0.label"). */
  const at = (path: string, label: string, hint?: string) => ({ id: fid(path), label, hint, error: errors[path] });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (action.busy) return;
    const local: Record<string, string> = {};
    if (f.title.trim().length < 3) local.title = t('Ange ett namn på minst 3 tecken.');
    setClientErrors(local);
    action.setError(undefined);
    if (Object.keys(local).length) {
      document.getElementById(fid('title'))?.focus();
      return;
    }
    await action.run(() => onSave(bodyOf(f)));
  };

  const text = (path: keyof FormState & string, label: string, opts: { hint?: string; multiline?: boolean; inputMode?: 'numeric' } = {}) => (
    <Control {...at(path, label, opts.hint)}>
      {(a) =>
        opts.multiline ? (
          <textarea {...a} rows={3} value={f[path] as string} onChange={(e) => set(path, e.target.value as never)} />
        ) : (
          <input {...a} type="text" inputMode={opts.inputMode} value={f[path] as string} onChange={(e) => set(path, e.target.value as never)} />
        )
      }
    </Control>
  );
  /** A text input of row `i` of a repeated group. */
  const rowText = (k: RowKey, i: number, field: string, label: string, opts: { hint?: string; type?: 'url'; inputMode?: 'numeric' } = {}) => (
    <Control {...at(`${k}.${i}.${field}`, label, opts.hint)}>
      {(a) => (
        <input
          {...a}
          type={opts.type ?? 'text'}
          inputMode={opts.inputMode}
          value={(f[k][i] as Record<string, string>)[field]}
          onChange={(e) => setRow(k, i, { [field]: e.target.value })}
        />
      )}
    </Control>
  );
  const benefitPath = (k: 'qualitative' | 'economic' | 'operational' | 'hoursPerYear' | 'sekPerYear') => `benefits.${k}`;
  const benefitText = (k: 'qualitative' | 'economic' | 'operational' | 'hoursPerYear' | 'sekPerYear', label: string, hint?: string, numeric = false) => (
    <Control {...at(benefitPath(k), label, hint)}>
      {(a) =>
        numeric ? (
          <input {...a} type="text" inputMode="numeric" value={f[k]} onChange={(e) => set(k, e.target.value)} />
        ) : (
          <textarea {...a} rows={2} value={f[k]} onChange={(e) => set(k, e.target.value)} />
        )
      }
    </Control>
  );
  const listErrors = Object.entries(errors);

  return (
    <form onSubmit={submit} className="narrow-wide" noValidate aria-label={submitLabel}>
      {(error !== undefined || Object.keys(clientErrors).length > 0) && (
        <div className="error" role="alert">
          <p>{error instanceof Error ? error.message : t('Formuläret innehåller fel. Rätta fälten nedan.')}</p>
          {listErrors.length > 0 && (
            <ul>
              {listErrors.map(([path, m]) => (
                <li key={path}>
                  <a href={`#${fid(path)}`}>{m}</a>
                </li>
              ))}
            </ul>
          )}
          {error instanceof ApiError && error.status === 409 && onReload && (
            <>
              <p>{t('Dina ändringar är inte sparade. Ladda om initiativet för att se den senaste versionen och gör om ändringen.')}</p>
              <button type="button" onClick={onReload}>
                {t('Ladda om initiativet')}
              </button>
            </>
          )}
        </div>
      )}
      <p className="hint">{t('Fält markerade (obligatoriskt) måste fyllas i. Övriga uppgifter kan kompletteras senare; varje steg i portföljen kräver sina uppgifter.')}</p>
      <fieldset>
        <legend>{t('Initiativet')}</legend>
        {text('title', t('Namn på initiativet (obligatoriskt)'), { hint: t('Minst 3 tecken.') })}
        {text('description', t('Beskrivning'), { multiline: true })}
        {text('need', t('Behov eller problem'), { multiline: true, hint: t('Vilket behov eller problem ska initiativet lösa?') })}
        <div className="field-row">
          <Control {...at('area', t('Verksamhetsområde'))}>
            {(a) => (
              <select {...a} value={f.area} onChange={(e) => set('area', e.target.value)}>
                <Options empty={t('Inte angivet')} entries={org.areas.map((x) => [x.id, x.name])} />
              </select>
            )}
          </Control>
          <Control {...at('scope', t('Omfattning'))}>
            {(a) => (
              <select {...a} value={f.scope} onChange={(e) => set('scope', e.target.value)}>
                <Options entries={Object.entries(SCOPE_LABEL).map(([id, label]) => [id, t(label)])} />
              </select>
            )}
          </Control>
        </div>
        <div className="field-row">
          <Control {...at('proposingMunicipality', t('Föreslagande kommun'), allowNoProposing ? undefined : t('Du kan föreslå initiativ för din egen kommun.'))}>
            {(a) => (
              <select {...a} value={f.proposingMunicipality} onChange={(e) => set('proposingMunicipality', e.target.value)}>
                <Options empty={allowNoProposing ? t('Ingen (förbundet)') : undefined} entries={proposingChoices.map((m) => [m.code, m.name])} />
              </select>
            )}
          </Control>
          <Control {...at('collaborationForm', t('Samverkansform'))}>
            {(a) => (
              <select {...a} value={f.collaborationForm} onChange={(e) => set('collaborationForm', e.target.value)}>
                <Options empty={t('Inte angiven')} entries={Object.entries(FORM_LABEL).map(([id, label]) => [id, t(label)])} />
              </select>
            )}
          </Control>
        </div>
        {text('origin', t('Ursprung'), { hint: t('Till exempel SKR:s Handslag eller VästKom (valfritt).') })}
        <div className="field-row">
          {text('startYear', t('Startår'), { inputMode: 'numeric', hint: t('Till exempel 2025') })}
          {text('endYear', t('Slutår'), { inputMode: 'numeric' })}
        </div>
      </fieldset>

      <RowGroup
        legend={t('Kopplade förmågor och utmaningar')}
        empty={t('Inga kopplade förmågor eller utmaningar.')}
        rows={f.links}
        addLabel={t('Lägg till förmåga eller utmaning')}
        onAdd={() => set('links', [...f.links, { kind: 'formaga', label: '' }])}
      >
        {(l, i) => (
          <div className="field-row">
            <Control {...at(`links.${i}.kind`, t('Typ (rad {n})', { n: i + 1 }))}>
              {(a) => (
                <select {...a} value={l.kind} onChange={(e) => setRow('links', i, { kind: e.target.value as LinkKind })}>
                  <Options entries={(Object.keys(LINK_LABEL) as LinkKind[]).map((k) => [k, t(LINK_LABEL[k])])} />
                </select>
              )}
            </Control>
            {rowText('links', i, 'label', t('Förmåga eller utmaning (rad {n})', { n: i + 1 }))}
            <RemoveButton onClick={() => removeRow('links', i)} what={t('kopplingen på rad {n}', { n: i + 1 })} />
          </div>
        )}
      </RowGroup>

      <fieldset>
        <legend>{t('Förväntad nytta')}</legend>
        {benefitText('qualitative', t('Kvalitativ nytta'))}
        {benefitText('economic', t('Ekonomisk nytta'))}
        {benefitText('operational', t('Operationell nytta'))}
        <div className="field-row">
          {benefitText('hoursPerYear', t('Frigjord tid, timmar per år'), t('Heltal, till exempel 2000'), true)}
          {benefitText('sekPerYear', t('Ekonomisk nytta, kronor per år'), t('Hela kronor, till exempel 250 000'), true)}
        </div>
      </fieldset>

      <RowGroup
        legend={t('Kostnad och finansiering')}
        before={text('estimatedCost', t('Uppskattad kostnad, kronor'), { inputMode: 'numeric', hint: t('Hela kronor, till exempel 800 000') })}
        rows={f.fundingSources}
        addLabel={t('Lägg till finansieringskälla')}
        onAdd={() => set('fundingSources', [...f.fundingSources, { source: 'egen', amount: '', note: '' }])}
      >
        {(s, i) => (
          <div className="field-row">
            <Control {...at(`fundingSources.${i}.source`, t('Finansieringskälla (rad {n})', { n: i + 1 }))}>
              {(a) => (
                <select {...a} value={s.source} onChange={(e) => setRow('fundingSources', i, { source: e.target.value })}>
                  <Options entries={Object.entries(FUNDING_LABEL).map(([id, label]) => [id, t(label)])} />
                </select>
              )}
            </Control>
            {rowText('fundingSources', i, 'amount', t('Belopp, kronor (rad {n})', { n: i + 1 }), { inputMode: 'numeric' })}
            {rowText('fundingSources', i, 'note', t('Anteckning (rad {n})', { n: i + 1 }))}
            <RemoveButton onClick={() => removeRow('fundingSources', i)} what={t('finansieringskällan på rad {n}', { n: i + 1 })} />
          </div>
        )}
      </RowGroup>

      <RowGroup
        legend={t('Risker')}
        empty={t('Inga identifierade risker.')}
        rows={f.risks}
        addLabel={t('Lägg till risk')}
        onAdd={() => set('risks', [...f.risks, { description: '', probability: '', consequence: '' }])}
      >
        {(r, i) => (
          <div>
            {rowText('risks', i, 'description', t('Risk (rad {n})', { n: i + 1 }))}
            <div className="field-row">
              {(['probability', 'consequence'] as const).map((k) => (
                <Control
                  key={k}
                  {...at(`risks.${i}.${k}`, k === 'probability' ? t('Sannolikhet 1–4 (rad {n})', { n: i + 1 }) : t('Konsekvens 1–4 (rad {n})', { n: i + 1 }))}
                >
                  {(a) => (
                    <select {...a} value={r[k]} onChange={(e) => setRow('risks', i, { [k]: e.target.value })}>
                      <Options empty={t('Inte bedömd')} entries={[1, 2, 3, 4].map((n) => [n, String(n)])} />
                    </select>
                  )}
                </Control>
              ))}
              <RemoveButton onClick={() => removeRow('risks', i)} what={t('risken på rad {n}', { n: i + 1 })} />
            </div>
          </div>
        )}
      </RowGroup>

      <RowGroup
        legend={t('Dokument och länkar')}
        empty={t('Inga dokument.')}
        rows={f.documents}
        addLabel={t('Lägg till dokument')}
        onAdd={() => set('documents', [...f.documents, { title: '', url: '' }])}
      >
        {(_d, i) => (
          <div className="field-row">
            {rowText('documents', i, 'title', t('Dokumentets titel (rad {n})', { n: i + 1 }))}
            {rowText('documents', i, 'url', t('Webbadress (rad {n})', { n: i + 1 }), { type: 'url', hint: t('Börjar med https://') })}
            <RemoveButton onClick={() => removeRow('documents', i)} what={t('dokumentet på rad {n}', { n: i + 1 })} />
          </div>
        )}
      </RowGroup>

      <FormButtons submitLabel={submitLabel} busy={action.busy} onCancel={onCancel} />
    </form>
  );
}

/** Municipalities the user may name as proposing: all for the association, the own ones for a key user. */
function proposingChoicesOf(user: User | undefined, list: Municipality[]): Municipality[] {
  if (isAdmin(user)) return list;
  return list.filter((m) => user?.municipalities.includes(m.code));
}

// ---- New initiative ----------------------------------------------------------------------------

export function NewInitiativePage() {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const munis = useMunicipalities();
  const create = useEndpointMutation(api.createInitiative);
  const [params] = useSearchParams();
  const round = params.get('round');
  const item = params.get('item');
  const fromCandidate = !!(round && item);

  if (!canPropose(user))
    return (
      <Page title={t('Nytt initiativ')}>
        <p>{t('Initiativ föreslås av kommunansvariga och förbundet. Du kan läsa portföljen.')}</p>
        <LinkParagraph to="/initiativ">{t('Tillbaka till initiativen')}</LinkParagraph>
      </Page>
    );

  const choices = proposingChoicesOf(user, munis.list);
  return (
    <Page title={fromCandidate ? t('Nytt initiativ från en samverkanskandidat') : t('Nytt initiativ')}>
      <LinkParagraph to="/initiativ">{t('Tillbaka till initiativen')}</LinkParagraph>
      {fromCandidate ? (
        <CandidateProposal roundId={round} itemId={item} filters={filterQueryOf(params)} />
      ) : munis.loading ? (
        <Loading />
      ) : (
        <>
          <p>{t('Ett nytt initiativ börjar i steget Idé. Förbundet kvalificerar, prioriterar och flyttar det vidare.')}</p>
          <InitiativeForm
            initial={formStateOf(undefined, isAdmin(user) ? '' : (choices[0]?.code ?? ''))}
            submitLabel={t('Skapa initiativet')}
            proposingChoices={choices}
            allowNoProposing={isAdmin(user)}
            onSave={async (body) => {
              const r = await create.mutateAsync({ body });
              navigate(`/initiativ/${r.initiative.id}`, { state: { created: true } });
            }}
          />
        </>
      )}
    </Page>
  );
}

/** GET /api/rounds/:id/candidates/:itemId: the candidate as this user may see it (src/domain/analysis/views.ts candidateFor). */
interface CandidateResponse {
  round: { id: number; title: string; instrument: string; instrumentTitle: string };
  candidate: { itemId: string; label: string; threshold: number; weak: { count: number; n: number; percent: number | null }; municipalities: string[] };
}

/** The analysis filters (respondent type, area) the candidate was found with, as a query string ("" or "?…"). */
function filterQueryOf(params: URLSearchParams): string {
  const q = new URLSearchParams();
  for (const k of ['respondentType', 'area']) {
    const v = params.get(k);
    if (v) q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

function CandidateProposal({ roundId, itemId, filters }: { roundId: string; itemId: string; filters: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const munis = useMunicipalities();
  const org = useOrganisation();
  const state = useApi<CandidateResponse>(`/api/rounds/${encodeURIComponent(roundId)}/candidates/${encodeURIComponent(itemId)}${filters}`);
  const c = state.data?.candidate;
  const [title, setTitle] = useState('');
  const [area, setArea] = useState('');
  const [proposing, setProposing] = useState('');
  const action = useAction();
  const propose = useEndpointMutation(api.createFromCandidate);
  useEffect(() => {
    if (c) setTitle(`Samverkan kring ${c.label}`.slice(0, 200));
  }, [c]);
  useEffect(() => {
    if (c && !isAdmin(user) && !proposing && c.municipalities.length) setProposing(c.municipalities[0]);
  }, [c, user, proposing]);

  if (state.error)
    return (
      <>
        <ErrorMessage message={state.error} />
        <LinkParagraph to="/initiativ/nytt">{t('Föreslå ett initiativ utan underlag från analysen')}</LinkParagraph>
      </>
    );
  if (!state.data || !c || munis.loading) return <Loading />;
  const round = state.data.round;
  const admin = isAdmin(user);
  const own = c.municipalities;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      const r = await propose.mutateAsync({ body: {
        roundId: round.id,
        itemId: c.itemId,
        filters: Object.fromEntries(new URLSearchParams(filters)),
        title: title.trim() || undefined,
        area: area || null,
        proposingMunicipality: proposing || null,
      } });
      navigate(`/initiativ/${r.initiative.id}`, { state: { created: 'candidate' } });
    });
  };
  return (
    <>
      <Section id="cand-h" title={t('Underlag från analysen')}>
        <dl className="facts">
          <dt>{t('Mätomgång')}</dt>
          <dd>
            <Link to={`/resultat/${round.id}`}>{round.title}</Link> ({round.instrumentTitle})
          </dd>
          <dt>{t('Förmåga')}</dt>
          <dd>{c.label}</dd>
          <dt>{t('Svag i')}</dt>
          <dd>
            {t('{count} av {n} kommuner med värde', { count: c.weak.count, n: c.weak.n })}
            {typeof c.weak.percent === 'number' && ` (${oneFormat.format(c.weak.percent)} %)`}
          </dd>
          <dt>{t('Tröskel (skalvärde)')}</dt>
          <dd>{c.threshold}</dd>
          <dt>{admin ? t('Svaga kommuner') : t('Dina kommuner där förmågan är svag')}</dt>
          <dd>
            {own.length ? (
              <ul>
                {own.map((code) => (
                  <li key={code}>{munis.nameOf(code)}</li>
                ))}
              </ul>
            ) : admin ? (
              t('Inga')
            ) : (
              t('Ingen – förmågan är inte svag i din kommun enligt analysen.')
            )}
          </dd>
        </dl>
        <p className="hint">
          {admin
            ? t('De svaga kommunerna sparas i underlaget som föreslagna deltagare; de anmäler själva intresse eller deltagande.')
            : t('Din kommun anmäls som intresserad. Övriga kommuners namn visas inte för dig.')}
        </p>
      </Section>
      {own.length === 0 ? (
        <LinkParagraph to="/initiativ/nytt">{t('Föreslå ett initiativ utan underlag från analysen')}</LinkParagraph>
      ) : (
        <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Föreslå som initiativ')}>
          <ErrorMessage message={action.message} />
          <Field label={t('Namn på initiativet (obligatoriskt)')} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
          <SelectField
            label={t('Verksamhetsområde')}
            value={area}
            onChange={(e) => setArea(e.target.value)}
            empty={t('Inte angivet')}
            entries={org.areas.map((a) => [a.id, a.name])}
          />
          <SelectField
            label={t('Föreslagande kommun')}
            value={proposing}
            onChange={(e) => setProposing(e.target.value)}
            empty={admin ? t('Ingen (förbundet)') : undefined}
            entries={(admin ? munis.list : munis.list.filter((m) => own.includes(m.code))).map((m) => [m.code, m.name])}
          />
          <p className="hint">{t('Behov och koppling till förmågan fylls i från analysen. Övriga uppgifter kompletterar du på initiativets sida.')}</p>
          <button type="submit" disabled={action.busy}>
            {t('Skapa initiativet')}
          </button>
        </form>
      )}
    </>
  );
}

// ---- Initiative detail ---------------------------------------------------------------------------

export function InitiativePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const state = useEndpoint(api.getInitiative, { params: { id: Number(id) } }, { keep: true });
  const log = useEndpoint(api.getInitiativeLog, { params: { id: Number(id) } });
  const update = useEndpointMutation(api.updateInitiative);
  const config = useApi<Config>('/api/portfolio/config');
  const munis = useMunicipalities();
  const org = useOrganisation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  const created = (location.state as { created?: boolean | string } | null)?.created;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loadedId = state.data?.initiative.id;
  // A new initiative: focus lands on its heading (the form and its submit button are gone).
  useEffect(() => {
    if (created && loadedId !== undefined) headingRef.current?.focus();
  }, [created, loadedId]);
  const reloadAll = () => {
    void state.refetch();
    void log.refetch();
  };

  return (
    <KeepView state={state}>
      {(d) => {
        const i = d.initiative;
        const admin = isAdmin(user);
        const canReport = mayReport(user ?? null, i);
        return (
          <Page title={i.title} headingRef={headingRef}>
            <LinkParagraph to="/initiativ">{t('Tillbaka till initiativen')}</LinkParagraph>
            {i.isDemo && <DemoBanner>{t('Demodata: deltagande, belopp och statusrapporter är delvis syntetiserade.')}</DemoBanner>}
            {created && !saved && (
              <Notice
                message={
                  created === 'candidate'
                    ? t('Initiativet är skapat från samverkanskandidaten i steget Idé. Komplettera uppgifterna nedan.')
                    : t('Initiativet är skapat i steget Idé.')
                }
              />
            )}
            <Notice message={saved} />
            <dl className="facts">
              <dt>{t('Steg')}</dt>
              <dd>
                <StageTag stage={i.stage} />
              </dd>
              <dt>{t('Kvalificeringspoäng')}</dt>
              <dd>
                <QualificationText q={i.qualification} />
              </dd>
              <dt>{t('Deltagande kommuner')}</dt>
              <dd>{i.participating.length}</dd>
              <dt>{t('Version')}</dt>
              <dd>{i.version}</dd>
            </dl>

            <Section id="facts-h" title={t('Uppgifter')}>
              {editing ? (
                <InitiativeForm
                  key={i.version}
                  initial={formStateOf(i)}
                  submitLabel={t('Spara ändringarna')}
                  proposingChoices={proposingChoicesOf(user, munis.list)}
                  allowNoProposing={admin}
                  onCancel={() => setEditing(false)}
                  onReload={() => {
                    setEditing(false);
                    reloadAll();
                    setSaved(t('Initiativet är omladdat. Gör om din ändring.'));
                  }}
                  onSave={async (body) => {
                    await update.mutateAsync({ params: { id: i.id }, body: { ...body, version: i.version } });
                    setEditing(false);
                    setSaved(t('Ändringarna är sparade.'));
                  }}
                />
              ) : (
                <>
                  {i.canEdit && (
                    <p>
                      <button
                        type="button"
                        onClick={() => {
                          setSaved(undefined);
                          setEditing(true);
                        }}
                      >
                        {t('Ändra uppgifterna')}
                      </button>
                    </p>
                  )}
                  {!i.canEdit && ownsMunicipality(user ?? null, i.proposingMunicipality) && (
                    <p className="notice-info">{t('Förslaget kan bara ändras av kommunen medan det är i steget Idé; därefter ändrar förbundet.')}</p>
                  )}
                  <InitiativeFacts i={i} nameOf={munis.nameOf} areaNames={org.areaNames} />
                </>
              )}
            </Section>

            <StageSection d={d} log={log.data?.log} logError={log.error} />
            <ParticipationSection i={i} municipalities={munis.list} nameOf={munis.nameOf} />
            <ActorsSection i={i} actors={org.actors} />
            <QualificationSection i={i} criteria={config.data?.criteria} />
            <ReportsSection i={i} reports={d.reports} followUp={d.followUp} canReport={canReport} />
          </Page>
        );
      }}
    </KeepView>
  );
}

/** The items as a list, or '–' when there are none. */
function ListOrDash<T>({ items, children }: { items: T[]; children: (item: T) => ReactNode }) {
  if (!items.length) return <>–</>;
  return (
    <ul>
      {items.map((x, n) => (
        <li key={n}>{children(x)}</li>
      ))}
    </ul>
  );
}

function InitiativeFacts({ i, nameOf, areaNames }: { i: Initiative; nameOf: (c: string | null) => string; areaNames: Map<string, string> }) {
  const { t } = useI18n();
  const ev = i.evidence;
  const para = (s: string) => (s.trim() ? s : '–');
  return (
    <>
      <dl className="facts">
        <dt>{t('Beskrivning')}</dt>
        <dd>{para(i.description)}</dd>
        <dt>{t('Behov eller problem')}</dt>
        <dd>{para(i.need)}</dd>
        <dt>{t('Verksamhetsområde')}</dt>
        <dd>{i.area ? (areaNames.get(i.area) ?? i.area) : '–'}</dd>
        <dt>{t('Omfattning')}</dt>
        <dd>{t(SCOPE_LABEL[i.scope] ?? i.scope)}</dd>
        <dt>{t('Ursprung')}</dt>
        <dd>{para(i.origin)}</dd>
        <dt>{t('Föreslagande kommun')}</dt>
        <dd>{i.proposingMunicipality ? nameOf(i.proposingMunicipality) : t('Ingen (förbundet)')}</dd>
        <dt>{t('Samverkansform')}</dt>
        <dd>{i.collaborationForm ? t(FORM_LABEL[i.collaborationForm] ?? i.collaborationForm) : '–'}</dd>
        <dt>{t('Planerad period')}</dt>
        <dd>{i.startYear || i.endYear ? `${i.startYear ?? '…'}–${i.endYear ?? '…'}` : '–'}</dd>
        <dt>{t('Kopplade förmågor och utmaningar')}</dt>
        <dd>
          <ListOrDash items={i.links}>
            {(l) => (
              <>
                {t(LINK_LABEL[l.kind] ?? l.kind)}: {l.label}
              </>
            )}
          </ListOrDash>
        </dd>
        <dt>{t('Kvalitativ nytta')}</dt>
        <dd>{para(i.benefits.qualitative)}</dd>
        <dt>{t('Ekonomisk nytta')}</dt>
        <dd>{para(i.benefits.economic)}</dd>
        <dt>{t('Operationell nytta')}</dt>
        <dd>{para(i.benefits.operational)}</dd>
        <dt>{t('Nyttokalkyl')}</dt>
        <dd>
          {t('{hours} frigjord tid per år, {sek} per år', { hours: hours(i.benefits.hoursPerYear), sek: kr(i.benefits.sekPerYear) })}
        </dd>
        <dt>{t('Uppskattad kostnad')}</dt>
        <dd>{kr(i.estimatedCost)}</dd>
        <dt>{t('Dokument och länkar')}</dt>
        <dd>
          <ListOrDash items={i.documents}>
            {(d) => (
              <a href={d.url} rel="noopener noreferrer" target="_blank">
                {d.title}
                <span className="visually-hidden"> ({t('öppnas i ny flik')})</span>
              </a>
            )}
          </ListOrDash>
        </dd>
      </dl>
      {i.fundingSources.length > 0 && (
        <DataTable
          label={t('Finansieringskällor')}
          caption={t('Finansieringskällor ({n})', { n: i.fundingSources.length })}
          columns={[t('Källa'), { num: t('Belopp') }, t('Anteckning')]}
        >
          <tbody>
            {i.fundingSources.map((f, n) => (
              <tr key={n}>
                <th scope="row">{t(FUNDING_LABEL[f.source] ?? f.source)}</th>
                <td className="num">{kr(f.amount)}</td>
                <td>{f.note || '–'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {i.risks.length > 0 && (
        <DataTable
          label={t('Risker')}
          caption={t('Risker ({n})', { n: i.risks.length })}
          columns={[t('Risk'), { num: t('Sannolikhet (1–4)') }, { num: t('Konsekvens (1–4)') }]}
        >
          <tbody>
            {i.risks.map((r, n) => (
              <tr key={n}>
                <th scope="row">{r.description}</th>
                <td className="num">{r.probability ?? '–'}</td>
                <td className="num">{r.consequence ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {ev && ev.source === 'samverkanskandidat' && <EvidenceView ev={ev} nameOf={nameOf} />}
    </>
  );
}

/** The samverkanskandidat the initiative was created from (names only for the association: the server redacts). */
function EvidenceView({ ev, nameOf }: { ev: Record<string, unknown>; nameOf: (c: string | null) => string }) {
  const { t } = useI18n();
  const analysis = (ev.analysis ?? {}) as { roundId?: number; roundTitle?: string; weak?: { count?: number; n?: number } };
  const codes = Array.isArray(ev.municipalities) ? (ev.municipalities as string[]) : null;
  const ownCodes = Array.isArray(ev.ownMunicipalities) ? (ev.ownMunicipalities as string[]) : [];
  return (
    <section aria-labelledby="ev-h">
      <h3 id="ev-h">{t('Underlag: samverkanskandidat i analysen')}</h3>
      <dl className="facts">
        <dt>{t('Förmåga')}</dt>
        <dd>{String(ev.capabilityLabel ?? '–')}</dd>
        {analysis.roundTitle && (
          <>
            <dt>{t('Mätomgång')}</dt>
            <dd>{analysis.roundId ? <Link to={`/resultat/${analysis.roundId}`}>{analysis.roundTitle}</Link> : analysis.roundTitle}</dd>
          </>
        )}
        {analysis.weak?.count !== undefined && analysis.weak?.count !== null && (
          <>
            <dt>{t('Svag i')}</dt>
            <dd>{t('{count} av {n} kommuner med värde', { count: analysis.weak.count, n: analysis.weak.n ?? '–' })}</dd>
          </>
        )}
        {codes ? (
          <>
            <dt>{t('Svaga kommuner (föreslagna deltagare)')}</dt>
            <dd>{codes.map((c) => nameOf(c)).join(', ') || '–'}</dd>
          </>
        ) : (
          <>
            <dt>{t('Svaga kommuner i underlaget')}</dt>
            <dd>
              {String(ev.weakMunicipalities ?? '–')}
              {ownCodes.length > 0 && ` (${t('varav dina: {names}', { names: ownCodes.map((c) => nameOf(c)).join(', ') })})`}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

// ---- Stage moves and log ------------------------------------------------------------------------

function StageSection({ d, log, logError }: { d: Detail; log?: LogEntry[]; logError?: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const i = d.initiative;
  const [to, setTo] = useState<Stage | ''>(d.nextStages[0]?.stage ?? '');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const action = useAction();
  const moveStage = useEndpointMutation(api.moveStage);
  const toId = useId();
  const reasonId = useId();
  useEffect(() => {
    if (!d.nextStages.some((s) => s.stage === to)) setTo(d.nextStages[0]?.stage ?? '');
  }, [d.nextStages, to]);
  const chosen = d.nextStages.find((s) => s.stage === to);
  const refusal = action.error instanceof ApiError && action.error.status === 422 ? ((action.error.details as { missing?: string[] } | undefined)?.missing ?? []) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setReasonError(t('Ange ett skäl till beslutet (minst 3 tecken).'));
      document.getElementById(reasonId)?.focus();
      return;
    }
    setReasonError(undefined);
    action.run(async () => {
      await moveStage.mutateAsync({ params: { id: i.id }, body: { to: to as Stage, reason, version: i.version } });
      setReason('');
      return t('Initiativet är flyttat till {stage}.', { stage: t(STAGE_LABEL[to as Stage]) });
    });
  };

  return (
    <Section id="stage-h" title={t('Steg och beslut')}>
      <p>
        {t('Nuvarande steg:')} <StageTag stage={i.stage} />
      </p>
      {isAdmin(user) && d.nextStages.length > 0 && (
        <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Flytta initiativet')}>
          <Outcome action={action}>
            {refusal && refusal.length > 0 && (
              <>
                <p>{t('Det som saknas:')}</p>
                <ul aria-label={t('Saknade krav')}>
                  {refusal.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </>
            )}
          </Outcome>
          <div className="field">
            <label htmlFor={toId}>{t('Flytta till steg')}</label>
            <select id={toId} value={to} onChange={(e) => setTo(e.target.value as Stage)} aria-describedby={`${toId}-gate`}>
              <Options entries={d.nextStages.map((s) => [s.stage, t(STAGE_LABEL[s.stage] ?? s.label)])} />
            </select>
            <div className="hint" id={`${toId}-gate`}>
              {chosen && chosen.missing.length > 0 ? (
                <>
                  {t('Enligt grinden för steget saknas:')}
                  <ul>
                    {chosen.missing.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                </>
              ) : (
                t('Kraven för steget är uppfyllda.')
              )}
            </div>
          </div>
          <Control id={reasonId} label={t('Skäl till beslutet (obligatoriskt)')} hint={t('Loggas med ditt namn och tidpunkt.')} error={reasonError}>
            {(a) => <textarea {...a} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Control>
          <button type="submit" disabled={action.busy || !to}>
            {t('Flytta initiativet')}
          </button>
        </form>
      )}
      {isAdmin(user) && d.nextStages.length === 0 && <p>{t('Steget är slutligt.')}</p>}
      <h3 id="log-h">{t('Beslutslogg')}</h3>
      {logError ? (
        <ErrorMessage message={logError} />
      ) : !log ? (
        <Loading />
      ) : (
        <DataTable
          label={t('Beslutslogg')}
          caption={t('Stegbeslut: vem, när och varför ({n})', { n: log.length })}
          columns={[t('Tid'), t('Från'), t('Till'), t('Vem'), t('Skäl')]}
        >
          <tbody>
            {log.map((e) => (
              <tr key={e.id}>
                <th scope="row">{dateTime(e.at)}</th>
                <td>{e.from ? t(STAGE_LABEL[e.from]) : '–'}</td>
                <td>{t(STAGE_LABEL[e.to])}</td>
                <td>{e.userName}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Section>
  );
}

// ---- Participation -----------------------------------------------------------------------------

function ParticipationSection({
  i,
  municipalities,
  nameOf,
}: {
  i: Initiative;
  municipalities: Municipality[];
  nameOf: (c: string | null) => string;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const admin = isAdmin(user);
  const choices = admin ? municipalities : municipalities.filter((m) => user?.municipalities.includes(m.code));
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<'intresserad' | 'deltar'>('deltar');
  const action = useAction();
  const setParticipation = useEndpointMutation(api.setParticipation);
  const removeParticipation = useEndpointMutation(api.removeParticipation);
  const closed = CLOSED.includes(i.stage);
  const mayChange = (c: string) => admin || (user?.role === 'kommunansvarig' && user.municipalities.includes(c));
  const selected = code || choices[0]?.code || '';
  const remove = (c: string) =>
    removeWith(action, () => removeParticipation.mutateAsync({ params: { id: i.id, code: c } }), t('Anmälan för {name} är borttagen.', { name: nameOf(c) }), 'part-h');
  const sorted = [...i.participations].sort((a, b) => (a.kind === b.kind ? nameOf(a.municipality).localeCompare(nameOf(b.municipality), 'sv') : a.kind === 'deltar' ? -1 : 1));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await setParticipation.mutateAsync({ params: { id: i.id, code: selected }, body: { kind } });
      return kind === 'deltar'
        ? t('{name} deltar i initiativet.', { name: nameOf(selected) })
        : t('{name} är anmäld som intresserad.', { name: nameOf(selected) });
    });
  };

  return (
    <Section id="part-h" title={t('Deltagande kommuner')}>
      <ActionMessages action={action} />
      {sorted.length === 0 ? (
        <p>{t('Ingen kommun har anmält intresse eller deltagande ännu.')}</p>
      ) : (
        <DataTable
          label={t('Deltagande kommuner')}
          caption={t('Kommuner som deltar ({p}) eller är intresserade ({i})', { p: i.participating.length, i: i.interested.length })}
          columns={[t('Kommun'), t('Anmälan'), !closed && canPropose(user) && t('Åtgärd')]}
        >
          <tbody>
            {sorted.map((p) => (
              <tr key={p.municipality}>
                <th scope="row">{nameOf(p.municipality)}</th>
                <td>{t(PARTICIPATION_LABEL[p.kind] ?? p.kind)}</td>
                {!closed && canPropose(user) && (
                  <td>
                    {mayChange(p.municipality) ? (
                      <button type="button" className="secondary" aria-disabled={action.busy || undefined} onClick={() => remove(p.municipality)}>
                        {t('Ta bort anmälan')} <span className="visually-hidden">{t('för {name}', { name: nameOf(p.municipality) })}</span>
                      </button>
                    ) : (
                      '–'
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {closed ? (
        <p className="notice-info">{t('Initiativet är avslutat; deltagandet kan inte ändras.')}</p>
      ) : (
        canPropose(user) &&
        choices.length > 0 && (
          <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Anmäl intresse eller deltagande')}>
            <h3>{t('Anmäl intresse eller deltagande')}</h3>
            {!admin && <p className="hint">{t('Du kan anmäla din egen kommun.')}</p>}
            <div className="field-row">
              <SelectField label={t('Kommun')} value={selected} onChange={(e) => setCode(e.target.value)} entries={choices.map((m) => [m.code, m.name])} />
              <fieldset>
                <legend>{t('Anmälan')}</legend>
                {(['deltar', 'intresserad'] as const).map((k) => (
                  <label key={k} className="inline-check">
                    <input type="radio" name="participation-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(PARTICIPATION_LABEL[k])}
                  </label>
                ))}
              </fieldset>
            </div>
            <button type="submit" disabled={action.busy || !selected}>
              {t('Spara anmälan')}
            </button>
          </form>
        )
      )}
    </Section>
  );
}

// ---- Other actors ------------------------------------------------------------------------------

function ActorsSection({
  i,
  actors,
}: {
  i: Initiative;
  actors: Array<{ id: number; name: string; kind: string }>;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const admin = isAdmin(user);
  const action = useAction();
  const setActor = useEndpointMutation(api.setActor);
  const removeActor = useEndpointMutation(api.removeActor);
  const createActor = useEndpointMutation(api.createActor);
  const [actorId, setActorId] = useState('');
  const [role, setRole] = useState('');
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState('ovrigt');
  const available = actors.filter((a) => !i.actors.some((x) => x.id === a.id));
  const remove = (a: Initiative['actors'][number]) =>
    removeWith(action, () => removeActor.mutateAsync({ params: { id: i.id, actorId: a.id } }), t('{name} är borttagen ur initiativet.', { name: a.name }), 'actors-h');
  const selected = actorId && available.some((a) => String(a.id) === actorId) ? actorId : String(available[0]?.id ?? '');

  return (
    <Section id="actors-h" title={t('Andra aktörer')}>
      <ActionMessages action={action} />
      {i.actors.length === 0 ? (
        <p>{t('Inga andra aktörer deltar.')}</p>
      ) : (
        <DataTable
          label={t('Andra aktörer')}
          caption={t('Andra aktörer i initiativet ({n})', { n: i.actors.length })}
          columns={[t('Aktör'), t('Typ'), t('Roll i initiativet'), admin && t('Åtgärd')]}
        >
          <tbody>
            {i.actors.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                <td>{t(ACTOR_KIND_LABEL[a.kind] ?? a.kind)}</td>
                <td>{a.role || '–'}</td>
                {admin && (
                  <td>
                    <button type="button" className="secondary" aria-disabled={action.busy || undefined} onClick={() => remove(a)}>
                      {t('Ta bort')} <span className="visually-hidden">{a.name}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {admin && (
        <>
          {available.length > 0 && (
            <form
              className="narrow-wide"
              noValidate
              aria-label={t('Lägg till en aktör')}
              onSubmit={(e) => {
                e.preventDefault();
                action.run(async () => {
                  await setActor.mutateAsync({ params: { id: i.id, actorId: Number(selected) }, body: { role } });
                  setRole('');
                  return t('Aktören är tillagd.');
                });
              }}
            >
              <div className="field-row">
                <SelectField label={t('Aktör')} value={selected} onChange={(e) => setActorId(e.target.value)} entries={available.map((a) => [a.id, a.name])} />
                <Field label={t('Roll i initiativet (valfritt)')} type="text" value={role} onChange={(e) => setRole(e.target.value)} />
              </div>
              <button type="submit" disabled={action.busy || !selected}>
                {t('Lägg till aktören')}
              </button>
            </form>
          )}
          <details>
            <summary>{t('Registrera en ny aktör')}</summary>
            <form
              className="narrow-wide"
              noValidate
              aria-label={t('Registrera en ny aktör')}
              onSubmit={(e) => {
                e.preventDefault();
                action.run(async () => {
                  const r = await createActor.mutateAsync({ body: { name: newName, kind: newKind as (typeof ACTOR_KINDS)[number] } });
                  setNewName('');
                  setActorId(String(r.actor.id));
                  return t('{name} är registrerad och kan läggas till.', { name: r.actor.name });
                });
              }}
            >
              <div className="field-row">
                <Field label={t('Aktörens namn')} type="text" value={newName} onChange={(e) => setNewName(e.target.value)} />
                <SelectField
                  label={t('Typ')}
                  value={newKind}
                  onChange={(e) => setNewKind(e.target.value)}
                  entries={Object.entries(ACTOR_KIND_LABEL).map(([id, label]) => [id, t(label)])}
                />
              </div>
              <button type="submit" className="secondary" disabled={action.busy}>
                {t('Registrera aktören')}
              </button>
            </form>
          </details>
        </>
      )}
    </Section>
  );
}

// ---- Qualification -----------------------------------------------------------------------------

function QualificationSection({ i, criteria }: { i: Initiative; criteria?: Criterion[] }) {
  const { t } = useI18n();
  const { user } = useSession();
  const admin = isAdmin(user);
  const action = useAction();
  const setScores = useEndpointMutation(api.setScores);
  const byId = useMemo(() => new Map(i.scores.map((s) => [s.criterionId, s])), [i.scores]);
  const [draft, setDraft] = useState<Record<string, { score: string; justification: string }>>({});
  useEffect(() => {
    setDraft(Object.fromEntries((criteria ?? []).map((c) => [c.id, { score: str(byId.get(c.id)?.score), justification: byId.get(c.id)?.justification ?? '' }])));
  }, [criteria, byId]);
  if (!criteria) return <Loading />;
  const closed = CLOSED.includes(i.stage);
  const scored = criteria.filter((c) => draft[c.id]?.score);
  const errors: Record<string, string> = {};
  for (const [path, m] of Object.entries(fieldErrorsOf(action.error))) {
    const n = /^scores\.(\d+)\.(\w+)$/.exec(path);
    if (n && scored[Number(n[1])]) errors[`${scored[Number(n[1])].id}.${n[2]}`] = m;
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await setScores.mutateAsync({
        params: { id: i.id },
        body: { scores: scored.map((c) => ({ criterionId: c.id, score: Number(draft[c.id].score), justification: draft[c.id].justification })) },
      });
      return t('Bedömningen är sparad.');
    });
  };

  return (
    <Section id="qual-h" title={t('Kvalificering')}>
      <p>
        <strong>{t('Viktad poäng:')}</strong> <QualificationText q={i.qualification} />
        {i.qualification.score !== null && ` · ${t('täckning {pct} % av vikten', { pct: oneFormat.format(i.qualification.coverage * 100) })}`}
      </p>
      {i.qualification.missing.length > 0 && <p>{t('Inte bedömt: {list}', { list: i.qualification.missing.join(', ') })}</p>}
      <p className="hint">{t('Viktad poäng = Σ(vikt × poäng) / Σ(vikt) över bedömda kriterier (skala 1–5, 5 är mest fördelaktigt); procent = (poäng − 1)/4 · 100.')}</p>
      <DataTable
        label={t('Kvalificeringsbedömning')}
        caption={t('Bedömning per kriterium')}
        columns={[t('Kriterium'), { num: t('Vikt') }, { num: t('Poäng (1–5)') }, t('Motivering'), t('Bedömd')]}
      >
        <tbody>
          {criteria.map((c) => {
            const s = byId.get(c.id);
            return (
              <tr key={c.id}>
                <th scope="row">{c.label}</th>
                <td className="num">{c.weight}</td>
                <td className="num">{s?.score ?? '–'}</td>
                <td>{s?.justification ?? '–'}</td>
                <td>{s ? dateOnly(s.scoredAt) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      {admin &&
        (closed ? (
          <p className="notice-info">{t('Initiativet är avslutat och kan inte bedömas.')}</p>
        ) : (
          <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Bedöm initiativet')}>
            <h3>{t('Bedöm initiativet')}</h3>
            <Outcome action={action} />
            {criteria.map((c) => (
              <fieldset key={c.id}>
                <legend>
                  {c.label} ({t('vikt {w}', { w: c.weight })})
                </legend>
                <p className="hint">{c.description}</p>
                <div className="field-row">
                  <Control id={`score-${c.id}`} label={t('Poäng för {label}', { label: c.label })} error={errors[`${c.id}.score`]}>
                    {(a) => (
                      <select {...a} value={draft[c.id]?.score ?? ''} onChange={(e) => setDraft((d) => ({ ...d, [c.id]: { ...d[c.id], score: e.target.value } }))}>
                        <Options empty={t('Inte bedömd')} entries={[1, 2, 3, 4, 5].map((n) => [n, String(n)])} />
                      </select>
                    )}
                  </Control>
                  <Control id={`just-${c.id}`} label={t('Motivering för {label}', { label: c.label })} error={errors[`${c.id}.justification`]}>
                    {(a) => (
                      <textarea
                        {...a}
                        rows={2}
                        value={draft[c.id]?.justification ?? ''}
                        onChange={(e) => setDraft((d) => ({ ...d, [c.id]: { ...d[c.id], justification: e.target.value } }))}
                      />
                    )}
                  </Control>
                </div>
              </fieldset>
            ))}
            <button type="submit" disabled={action.busy || scored.length === 0}>
              {t('Spara bedömningen')}
            </button>
          </form>
        ))}
    </Section>
  );
}

// ---- Status reports ----------------------------------------------------------------------------

const emptyReport = { period: '', status: 'enligt_plan' as ReportStatus, progress: '', comment: '', realisedHours: '', realisedSek: '' };

function ReportsSection({
  i,
  reports,
  followUp,
  canReport,
}: {
  i: Initiative;
  reports: Detail['reports'];
  followUp: FollowUp;
  canReport: boolean;
}) {
  const { t } = useI18n();
  const action = useAction();
  const reportStatus = useEndpointMutation(api.reportStatus);
  const [r, setR] = useState(emptyReport);
  const errors = fieldErrorsOf(action.error);
  const open = REPORTING.includes(i.stage);
  const existing = reports.some((x) => x.period === r.period.trim());
  const share = (v: number | null) => (v === null ? '' : ` (${t('{pct} % av ett års beräknad nytta', { pct: oneFormat.format(v) })})`);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const period = r.period.trim();
    if (!period) {
      action.setError(new ApiError(400, t('Ange perioden, till exempel 2025-Q2.'), [{ path: 'period', message: t('Ange perioden, till exempel 2025-Q2.') }]));
      document.getElementById('report-period')?.focus();
      return;
    }
    action.run(async () => {
      // What was typed goes as it is (a number where it is one): the server's Swedish message names a wrong value.
      await reportStatus.mutateAsync({
        params: { id: i.id, period },
        body: {
          status: r.status,
          progress: (numberOf(r.progress) ?? r.progress) as number,
          comment: r.comment,
          realisedHours: numberOf(r.realisedHours) as number | null,
          realisedSek: numberOf(r.realisedSek) as number | null,
        },
      });
      setR(emptyReport);
      return existing ? t('Statusrapporten för {period} är uppdaterad.', { period }) : t('Statusrapporten för {period} är sparad.', { period });
    });
  };

  const field = (k: 'progress' | 'realisedHours' | 'realisedSek', label: string, hint?: string) => (
    <Control id={`report-${k}`} label={label} hint={hint} error={errors[k]}>
      {(a) => <input {...a} type="text" inputMode="numeric" value={r[k]} onChange={(e) => setR((x) => ({ ...x, [k]: e.target.value }))} />}
    </Control>
  );

  return (
    <Section id="reports-h" title={t('Statusrapporter och nytta')}>
      <dl className="facts">
        <dt>{t('Beräknad nytta per år')}</dt>
        <dd>
          {hours(followUp.estimated.hoursPerYear)}, {kr(followUp.estimated.sekPerYear)}
        </dd>
        <dt>{t('Realiserad nytta hittills')}</dt>
        <dd>
          {hours(followUp.realised.hours)}
          {share(followUp.hoursShareOfYearlyEstimate)}, {kr(followUp.realised.sek)}
          {share(followUp.sekShareOfYearlyEstimate)}
        </dd>
        <dt>{t('Senaste rapport')}</dt>
        <dd>
          {followUp.latest
            ? `${followUp.latest.period}: ${t(REPORT_STATUS_LABEL[followUp.latest.status as ReportStatus] ?? followUp.latest.status)}, ${followUp.latest.progress} %`
            : '–'}
        </dd>
      </dl>
      {reports.length === 0 ? (
        <p>{t('Inga statusrapporter ännu.')}</p>
      ) : (
        <DataTable
          label={t('Statusrapporter')}
          caption={t('Statusrapporter per period ({n})', { n: reports.length })}
          columns={[
            t('Period'),
            t('Status'),
            { num: t('Framdrift') },
            { num: t('Realiserad tid') },
            { num: t('Realiserad ekonomisk nytta') },
            t('Kommentar'),
            t('Rapporterad'),
            canReport && open && t('Åtgärd'),
          ]}
        >
          <tbody>
            {reports.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.period}</th>
                <td>{t(REPORT_STATUS_LABEL[x.status] ?? x.status)}</td>
                <td className="num">{x.progress} %</td>
                <td className="num">{hours(x.realisedHours)}</td>
                <td className="num">{kr(x.realisedSek)}</td>
                <td>{x.comment || '–'}</td>
                <td>
                  {dateOnly(x.reportedAt)}
                  {x.reportedBy ? `, ${x.reportedBy}` : ''}
                </td>
                {canReport && open && (
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => {
                        setR({
                          period: x.period,
                          status: x.status,
                          progress: String(x.progress),
                          comment: x.comment,
                          realisedHours: str(x.realisedHours),
                          realisedSek: str(x.realisedSek),
                        });
                        document.getElementById('report-period')?.focus();
                      }}
                    >
                      {t('Ändra')} <span className="visually-hidden">{t('rapporten för {period}', { period: x.period })}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {!open ? (
        <p className="notice-info">{t('Statusrapporter lämnas när initiativet är Prioriterat, i Genomförande eller i Nyttohemtagning.')}</p>
      ) : (
        canReport && (
          <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Lämna statusrapport')}>
            <h3>{t('Lämna eller uppdatera en statusrapport')}</h3>
            <Outcome action={action} />
            <div className="field-row">
              <Control
                id="report-period"
                label={t('Period (obligatoriskt)')}
                hint={existing ? t('Perioden har redan en rapport; den uppdateras.') : t('Skriv 2025, 2025-H1 eller 2025-Q2.')}
                error={errors.period ?? errors.id}
              >
                {(a) => <input {...a} type="text" value={r.period} onChange={(e) => setR((x) => ({ ...x, period: e.target.value }))} />}
              </Control>
              <Control id="report-status" label={t('Status')} error={errors.status}>
                {(a) => (
                  <select {...a} value={r.status} onChange={(e) => setR((x) => ({ ...x, status: e.target.value as ReportStatus }))}>
                    <Options entries={(Object.keys(REPORT_STATUS_LABEL) as ReportStatus[]).map((s) => [s, t(REPORT_STATUS_LABEL[s])])} />
                  </select>
                )}
              </Control>
              {field('progress', t('Framdrift i procent (obligatoriskt)'), t('Heltal 0–100'))}
            </div>
            <div className="field-row">
              {field('realisedHours', t('Realiserad frigjord tid under perioden, timmar'))}
              {field('realisedSek', t('Realiserad ekonomisk nytta under perioden, kronor'))}
            </div>
            <Control id="report-comment" label={t('Kommentar')} error={errors.comment}>
              {(a) => <textarea {...a} rows={3} value={r.comment} onChange={(e) => setR((x) => ({ ...x, comment: e.target.value }))} />}
            </Control>
            <button type="submit" disabled={action.busy}>
              {t('Spara statusrapporten')}
            </button>
          </form>
        )
      )}
    </Section>
  );
}
