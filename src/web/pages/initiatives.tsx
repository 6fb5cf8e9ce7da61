// Samverkansinitiativ (DOMAIN.md §7): the portfolio list, a new initiative (also from a
// samverkanskandidat in the analysis), and an initiative's page — its fields and edit (optimistic
// concurrency with the version), stage moves with their gates and log, participation, other actors,
// qualification scores and status reports. The server (src/server/routes/initiatives.ts) enforces
// every permission; the pages only hide what a role cannot do.
import { useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, del, get, patch, post, put } from '../api.ts';
import { AsyncView, ErrorMessage, Loading, Notice, Page, useApi } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession, type User } from '../session.tsx';

// ---- API shapes (src/server/routes/initiatives.ts, src/store/initiatives.ts) ---------------------

type Stage = 'ide' | 'kvalificering' | 'prioriterad' | 'genomforande' | 'nyttohemtagning' | 'avslutad_utan_genomforande';
type LinkKind = 'formaga' | 'utmaning';
type ReportStatus = 'enligt_plan' | 'avvikelse' | 'forsenad' | 'stoppad';

const STAGES: Stage[] = ['ide', 'kvalificering', 'prioriterad', 'genomforande', 'nyttohemtagning', 'avslutad_utan_genomforande'];
const STAGE_LABEL: Record<Stage, string> = {
  ide: 'Idé',
  kvalificering: 'Kvalificering',
  prioriterad: 'Prioriterad',
  genomforande: 'Genomförande',
  nyttohemtagning: 'Avslutad / Nyttohemtagning',
  avslutad_utan_genomforande: 'Avslutad utan genomförande',
};
const CLOSED: Stage[] = ['nyttohemtagning', 'avslutad_utan_genomforande'];
const REPORTING: Stage[] = ['prioriterad', 'genomforande', 'nyttohemtagning'];

const SCOPE_LABEL: Record<string, string> = {
  delregional: 'Delregional (inom förbundet)',
  regional: 'Länsgemensam (regional)',
  nationell: 'Nationell',
};
const FORM_LABEL: Record<string, string> = {
  samverkan: 'Samverkan',
  asymmetrisk: 'Asymmetrisk ansvarsfördelning',
  sammanlaggning: 'Sammanläggning',
  region_stat: 'Uppgift till region/stat',
};
const FUNDING_LABEL: Record<string, string> = {
  egen: 'Egna medel',
  vgr_mru: 'VGR/MRU',
  eu: 'EU',
  nationell: 'Nationell finansiering',
  ovrig: 'Övrig finansiering',
};
const LINK_LABEL: Record<LinkKind, string> = { formaga: 'Förmåga', utmaning: 'Utmaning' };
const PARTICIPATION_LABEL: Record<string, string> = { intresserad: 'Intresserad', deltar: 'Deltar' };
const REPORT_STATUS_LABEL: Record<ReportStatus, string> = {
  enligt_plan: 'Enligt plan',
  avvikelse: 'Risk för avvikelse',
  forsenad: 'Försenad',
  stoppad: 'Stoppad',
};
const ACTOR_KIND_LABEL: Record<string, string> = {
  akademi: 'Akademi',
  naringsliv: 'Näringsliv',
  natverk: 'Nätverk',
  region: 'Region',
  ovrigt: 'Övrigt',
};

interface Benefits {
  qualitative: string;
  economic: string;
  operational: string;
  hoursPerYear: number | null;
  sekPerYear: number | null;
}

interface Qualification {
  score: number | null;
  percent: number | null;
  coverage: number;
  complete: boolean;
  missing: string[];
}

interface Initiative {
  id: number;
  title: string;
  description: string;
  need: string;
  area: string | null;
  scope: string;
  origin: string;
  stage: Stage;
  collaborationForm: string | null;
  proposingMunicipality: string | null;
  benefits: Benefits;
  estimatedCost: number | null;
  fundingSources: Array<{ source: string; amount: number | null; note: string }>;
  risks: Array<{ description: string; probability: number | null; consequence: number | null }>;
  documents: Array<{ title: string; url: string }>;
  links: Array<{ kind: LinkKind; label: string; instrumentId?: string; itemId?: string }>;
  evidence: Record<string, unknown> | null;
  startYear: number | null;
  endYear: number | null;
  participations: Array<{ municipality: string; kind: 'intresserad' | 'deltar' }>;
  actors: Array<{ id: number; name: string; kind: string; role: string }>;
  scores: Array<{ criterionId: string; score: number; justification: string; scoredAt: string }>;
  version: number;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
  participating: string[];
  interested: string[];
  qualification: Qualification;
  canEdit: boolean;
}

interface StatusReport {
  id: number;
  period: string;
  status: ReportStatus;
  progress: number;
  comment: string;
  realisedHours: number | null;
  realisedSek: number | null;
  reportedBy: string | null;
  reportedAt: string;
}

interface FollowUp {
  estimated: { hoursPerYear: number | null; sekPerYear: number | null };
  realised: { hours: number; sek: number };
  sekShareOfYearlyEstimate: number | null;
  hoursShareOfYearlyEstimate: number | null;
  latest: { period: string; status: string; progress: number } | null;
}

interface Detail {
  initiative: Initiative;
  nextStages: Array<{ stage: Stage; label: string; missing: string[] }>;
  reports: StatusReport[];
  followUp: FollowUp;
}

interface LogEntry {
  id: number;
  from: Stage | null;
  to: Stage;
  reason: string;
  userName: string;
  at: string;
}

interface Criterion {
  id: string;
  label: string;
  description: string;
  weight: number;
}

interface Config {
  criteria: Criterion[];
  stages: Array<{ id: Stage; label: string; gate: Array<{ description: string }> }>;
}

interface Municipality {
  code: string;
  name: string;
}

interface Organisation {
  areas: Array<{ id: string; name: string }>;
  actors: Array<{ id: number; name: string; kind: string }>;
}

// ---- Formatting and small helpers ---------------------------------------------------------------

const intFmt = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const decFmt = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pctFmt = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

const sek = (n: number | null | undefined) => (n === null || n === undefined ? '–' : `${intFmt.format(n)} kr`);
const hoursOf = (n: number | null | undefined) => (n === null || n === undefined ? '–' : `${intFmt.format(n)} h`);
const dateTime = (iso: string) => new Date(iso).toLocaleString('sv-SE', { dateStyle: 'short', timeStyle: 'short' });
const dateOnly = (iso: string) => new Date(iso).toLocaleDateString('sv-SE');

function useMunicipalities() {
  const state = useApi<{ municipalities: Municipality[] }>('/api/municipalities');
  const list = useMemo(() => [...(state.data?.municipalities ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv')), [state.data]);
  const names = useMemo(() => new Map(list.map((m) => [m.code, m.name])), [list]);
  return { list, names, nameOf: (c: string | null | undefined) => (c ? (names.get(c) ?? c) : '–'), loading: state.loading };
}

function useOrganisation() {
  const state = useApi<Organisation>('/api/organisation');
  const areaNames = useMemo(() => new Map((state.data?.areas ?? []).map((a) => [a.id, a.name])), [state.data]);
  return { areas: state.data?.areas ?? [], actors: state.data?.actors ?? [], areaNames, reload: state.reload };
}

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

function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

const canPropose = (u?: User) => u?.role === 'forbundsadmin' || u?.role === 'kommunansvarig';
const isAdmin = (u?: User) => u?.role === 'forbundsadmin';

/** A weighted qualification score: "3,55 av 5 (63,6 %)", or "–". */
function QualificationText({ q }: { q: Qualification }) {
  const { t } = useI18n();
  if (q.score === null) return <>{t('Ej bedömd')}</>;
  return (
    <>
      {t('{score} av 5 ({pct} %)', { score: decFmt.format(q.score), pct: pctFmt.format(q.percent ?? 0) })}
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

function useAction() {
  const [error, setError] = useState<unknown>();
  const [msg, setMsg] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<string | undefined | void>) => {
    setBusy(true);
    setError(undefined);
    setMsg(undefined);
    try {
      const m = await fn();
      if (m) setMsg(m);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const message = error instanceof Error ? error.message : error ? String(error) : undefined;
  return { error, message, msg, busy, run, setMsg, setError };
}

/** A labelled control with optional hint and error (announced through aria-describedby). */
function Control({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (a: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children({ id, 'aria-describedby': described, ...(error ? { 'aria-invalid': true as const } : {}) })}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

// ---- Portfolio list -----------------------------------------------------------------------------

export function InitiativesPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const state = useApi<{ initiatives: Initiative[] }>('/api/initiatives');
  const org = useOrganisation();
  const munis = useMunicipalities();
  const [params, setParams] = useSearchParams();
  const stage = params.get('steg') ?? '';
  const area = params.get('omrade') ?? '';
  const stageId = useId();
  const areaId = useId();
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
        <div className="field">
          <label htmlFor={stageId}>{t('Steg')}</label>
          <select id={stageId} value={stage} onChange={(e) => setFilter('steg', e.target.value)}>
            <option value="">{t('Alla steg')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(STAGE_LABEL[s])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={areaId}>{t('Verksamhetsområde')}</label>
          <select id={areaId} value={area} onChange={(e) => setFilter('omrade', e.target.value)}>
            <option value="">{t('Alla verksamhetsområden')}</option>
            {org.areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      <AsyncView state={state}>
        {(d) => {
          const shown = d.initiatives.filter((i) => (!stage || i.stage === stage) && (!area || i.area === area));
          return (
            <>
              <p aria-live="polite">{t('Visar {n} av {total} initiativ.', { n: shown.length, total: d.initiatives.length })}</p>
              {shown.length === 0 ? (
                <p>{d.initiatives.length ? t('Inga initiativ matchar filtret.') : t('Det finns inga initiativ ännu.')}</p>
              ) : (
                <TableWrap label={t('Initiativ')}>
                  <table>
                    <caption>{t('Initiativ i samverkansportföljen ({n})', { n: shown.length })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('Namn')}</th>
                        <th scope="col">{t('Verksamhetsområde')}</th>
                        <th scope="col">{t('Steg')}</th>
                        <th scope="col" className="num">
                          {t('Deltagande kommuner')}
                        </th>
                        <th scope="col" className="num">
                          {t('Uppskattad kostnad')}
                        </th>
                        <th scope="col">{t('Kvalificeringspoäng')}</th>
                      </tr>
                    </thead>
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
                          <td className="num">{sek(i.estimatedCost)}</td>
                          <td>
                            <QualificationText q={i.qualification} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
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

function bodyOf(f: FormState) {
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
  };
}

const fid = (path: string) => `init-${path.replace(/\./g, '-')}`;

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
  onSave: (body: ReturnType<typeof bodyOf>) => Promise<void>;
  onCancel?: () => void;
  /** Offered after a 409 (someone else changed the initiative): fetch it again, dropping these edits. */
  onReload?: () => void;
}) {
  const { t } = useI18n();
  const org = useOrganisation();
  const [f, setF] = useState<FormState>(initial);
  const [error, setError] = useState<unknown>();
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const serverErrors = fieldErrorsOf(error);
  const errors = { ...serverErrors, ...clientErrors };
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((s) => ({ ...s, [k]: v }));
  const setRow = <K extends 'links' | 'fundingSources' | 'risks' | 'documents'>(k: K, i: number, patchRow: Partial<FormState[K][number]>) =>
    setF((s) => ({ ...s, [k]: (s[k] as Array<FormState[K][number]>).map((r, j) => (j === i ? { ...r, ...patchRow } : r)) }));
  const removeRow = (k: 'links' | 'fundingSources' | 'risks' | 'documents', i: number) =>
    setF((s) => ({ ...s, [k]: (s[k] as unknown[]).filter((_, j) => j !== i) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (f.title.trim().length < 3) local.title = t('Ange ett namn på minst 3 tecken.');
    setClientErrors(local);
    setError(undefined);
    if (Object.keys(local).length) {
      document.getElementById(fid('title'))?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSave(bodyOf(f));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const text = (path: keyof FormState & string, label: string, opts: { hint?: string; multiline?: boolean; inputMode?: 'numeric' } = {}) => (
    <Control id={fid(path)} label={label} hint={opts.hint} error={errors[path]}>
      {(a) =>
        opts.multiline ? (
          <textarea {...a} rows={3} value={f[path] as string} onChange={(e) => set(path, e.target.value as never)} />
        ) : (
          <input {...a} type="text" inputMode={opts.inputMode} value={f[path] as string} onChange={(e) => set(path, e.target.value as never)} />
        )
      }
    </Control>
  );
  const benefitPath = (k: 'qualitative' | 'economic' | 'operational' | 'hoursPerYear' | 'sekPerYear') => `benefits.${k}`;
  const benefitText = (k: 'qualitative' | 'economic' | 'operational' | 'hoursPerYear' | 'sekPerYear', label: string, hint?: string, numeric = false) => (
    <Control id={fid(benefitPath(k))} label={label} hint={hint} error={errors[benefitPath(k)]}>
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
          <Control id={fid('area')} label={t('Verksamhetsområde')} error={errors.area}>
            {(a) => (
              <select {...a} value={f.area} onChange={(e) => set('area', e.target.value)}>
                <option value="">{t('Inte angivet')}</option>
                {org.areas.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Control>
          <Control id={fid('scope')} label={t('Omfattning')} error={errors.scope}>
            {(a) => (
              <select {...a} value={f.scope} onChange={(e) => set('scope', e.target.value)}>
                {Object.entries(SCOPE_LABEL).map(([id, label]) => (
                  <option key={id} value={id}>
                    {t(label)}
                  </option>
                ))}
              </select>
            )}
          </Control>
        </div>
        <div className="field-row">
          <Control
            id={fid('proposingMunicipality')}
            label={t('Föreslagande kommun')}
            hint={allowNoProposing ? undefined : t('Du kan föreslå initiativ för din egen kommun.')}
            error={errors.proposingMunicipality}
          >
            {(a) => (
              <select {...a} value={f.proposingMunicipality} onChange={(e) => set('proposingMunicipality', e.target.value)}>
                {allowNoProposing && <option value="">{t('Ingen (förbundet)')}</option>}
                {proposingChoices.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </select>
            )}
          </Control>
          <Control id={fid('collaborationForm')} label={t('Samverkansform')} error={errors.collaborationForm}>
            {(a) => (
              <select {...a} value={f.collaborationForm} onChange={(e) => set('collaborationForm', e.target.value)}>
                <option value="">{t('Inte angiven')}</option>
                {Object.entries(FORM_LABEL).map(([id, label]) => (
                  <option key={id} value={id}>
                    {t(label)}
                  </option>
                ))}
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

      <fieldset>
        <legend>{t('Kopplade förmågor och utmaningar')}</legend>
        {f.links.length === 0 && <p className="hint">{t('Inga kopplade förmågor eller utmaningar.')}</p>}
        {f.links.map((l, i) => (
          <div className="field-row" key={i}>
            <Control id={fid(`links.${i}.kind`)} label={t('Typ (rad {n})', { n: i + 1 })} error={errors[`links.${i}.kind`]}>
              {(a) => (
                <select {...a} value={l.kind} onChange={(e) => setRow('links', i, { kind: e.target.value as LinkKind })}>
                  {(Object.keys(LINK_LABEL) as LinkKind[]).map((k) => (
                    <option key={k} value={k}>
                      {t(LINK_LABEL[k])}
                    </option>
                  ))}
                </select>
              )}
            </Control>
            <Control id={fid(`links.${i}.label`)} label={t('Förmåga eller utmaning (rad {n})', { n: i + 1 })} error={errors[`links.${i}.label`]}>
              {(a) => <input {...a} type="text" value={l.label} onChange={(e) => setRow('links', i, { label: e.target.value })} />}
            </Control>
            <div className="button-row">
              <button type="button" className="secondary" onClick={() => removeRow('links', i)}>
                {t('Ta bort')} <span className="visually-hidden">{t('kopplingen på rad {n}', { n: i + 1 })}</span>
              </button>
            </div>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => set('links', [...f.links, { kind: 'formaga', label: '' }])}>
          {t('Lägg till förmåga eller utmaning')}
        </button>
      </fieldset>

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

      <fieldset>
        <legend>{t('Kostnad och finansiering')}</legend>
        {text('estimatedCost', t('Uppskattad kostnad, kronor'), { inputMode: 'numeric', hint: t('Hela kronor, till exempel 800 000') })}
        {f.fundingSources.map((s, i) => (
          <div className="field-row" key={i}>
            <Control id={fid(`fundingSources.${i}.source`)} label={t('Finansieringskälla (rad {n})', { n: i + 1 })} error={errors[`fundingSources.${i}.source`]}>
              {(a) => (
                <select {...a} value={s.source} onChange={(e) => setRow('fundingSources', i, { source: e.target.value })}>
                  {Object.entries(FUNDING_LABEL).map(([id, label]) => (
                    <option key={id} value={id}>
                      {t(label)}
                    </option>
                  ))}
                </select>
              )}
            </Control>
            <Control id={fid(`fundingSources.${i}.amount`)} label={t('Belopp, kronor (rad {n})', { n: i + 1 })} error={errors[`fundingSources.${i}.amount`]}>
              {(a) => <input {...a} type="text" inputMode="numeric" value={s.amount} onChange={(e) => setRow('fundingSources', i, { amount: e.target.value })} />}
            </Control>
            <Control id={fid(`fundingSources.${i}.note`)} label={t('Anteckning (rad {n})', { n: i + 1 })} error={errors[`fundingSources.${i}.note`]}>
              {(a) => <input {...a} type="text" value={s.note} onChange={(e) => setRow('fundingSources', i, { note: e.target.value })} />}
            </Control>
            <div className="button-row">
              <button type="button" className="secondary" onClick={() => removeRow('fundingSources', i)}>
                {t('Ta bort')} <span className="visually-hidden">{t('finansieringskällan på rad {n}', { n: i + 1 })}</span>
              </button>
            </div>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => set('fundingSources', [...f.fundingSources, { source: 'egen', amount: '', note: '' }])}>
          {t('Lägg till finansieringskälla')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('Risker')}</legend>
        {f.risks.length === 0 && <p className="hint">{t('Inga identifierade risker.')}</p>}
        {f.risks.map((r, i) => (
          <div key={i}>
            <Control id={fid(`risks.${i}.description`)} label={t('Risk (rad {n})', { n: i + 1 })} error={errors[`risks.${i}.description`]}>
              {(a) => <input {...a} type="text" value={r.description} onChange={(e) => setRow('risks', i, { description: e.target.value })} />}
            </Control>
            <div className="field-row">
              {(['probability', 'consequence'] as const).map((k) => (
                <Control
                  key={k}
                  id={fid(`risks.${i}.${k}`)}
                  label={k === 'probability' ? t('Sannolikhet 1–4 (rad {n})', { n: i + 1 }) : t('Konsekvens 1–4 (rad {n})', { n: i + 1 })}
                  error={errors[`risks.${i}.${k}`]}
                >
                  {(a) => (
                    <select {...a} value={r[k]} onChange={(e) => setRow('risks', i, { [k]: e.target.value })}>
                      <option value="">{t('Inte bedömd')}</option>
                      {[1, 2, 3, 4].map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                    </select>
                  )}
                </Control>
              ))}
              <div className="button-row">
                <button type="button" className="secondary" onClick={() => removeRow('risks', i)}>
                  {t('Ta bort')} <span className="visually-hidden">{t('risken på rad {n}', { n: i + 1 })}</span>
                </button>
              </div>
            </div>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => set('risks', [...f.risks, { description: '', probability: '', consequence: '' }])}>
          {t('Lägg till risk')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('Dokument och länkar')}</legend>
        {f.documents.length === 0 && <p className="hint">{t('Inga dokument.')}</p>}
        {f.documents.map((d, i) => (
          <div className="field-row" key={i}>
            <Control id={fid(`documents.${i}.title`)} label={t('Dokumentets titel (rad {n})', { n: i + 1 })} error={errors[`documents.${i}.title`]}>
              {(a) => <input {...a} type="text" value={d.title} onChange={(e) => setRow('documents', i, { title: e.target.value })} />}
            </Control>
            <Control
              id={fid(`documents.${i}.url`)}
              label={t('Webbadress (rad {n})', { n: i + 1 })}
              hint={t('Börjar med https://')}
              error={errors[`documents.${i}.url`]}
            >
              {(a) => <input {...a} type="url" value={d.url} onChange={(e) => setRow('documents', i, { url: e.target.value })} />}
            </Control>
            <div className="button-row">
              <button type="button" className="secondary" onClick={() => removeRow('documents', i)}>
                {t('Ta bort')} <span className="visually-hidden">{t('dokumentet på rad {n}', { n: i + 1 })}</span>
              </button>
            </div>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => set('documents', [...f.documents, { title: '', url: '' }])}>
          {t('Lägg till dokument')}
        </button>
      </fieldset>

      <div className="button-row">
        <button type="submit" disabled={busy}>
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
  const [params] = useSearchParams();
  const round = params.get('round');
  const item = params.get('item');
  const fromCandidate = !!(round && item);

  if (!canPropose(user))
    return (
      <Page title={t('Nytt initiativ')}>
        <p>{t('Initiativ föreslås av kommunansvariga och förbundet. Du kan läsa portföljen.')}</p>
        <p>
          <Link to="/initiativ">{t('Tillbaka till initiativen')}</Link>
        </p>
      </Page>
    );

  const choices = proposingChoicesOf(user, munis.list);
  return (
    <Page title={fromCandidate ? t('Nytt initiativ från en samverkanskandidat') : t('Nytt initiativ')}>
      <p>
        <Link to="/initiativ">{t('Tillbaka till initiativen')}</Link>
      </p>
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
              const r = await post<{ initiative: Initiative }>('/api/initiatives', body);
              navigate(`/initiativ/${r.initiative.id}`, { state: { created: true } });
            }}
          />
        </>
      )}
    </Page>
  );
}

// A samverkanskandidat: figure "samverkanskandidater" of the round's regional view (src/domain/analysis/views.ts).
interface CandidateRow {
  key: string;
  label: string;
  cells: { item?: string; count?: number; n?: number; share?: number | null; threshold?: number; municipalities?: string };
}
interface RegionalView {
  round: { id: number; title: string; instrument: string; instrumentTitle: string; municipalities: string[] };
  figures: Array<{ id: string; rows: CandidateRow[] }>;
}
interface MunicipalityView {
  figures: Array<{ id: string; rows: Array<{ key: string; cells: { value?: number | null } }> }>;
}

/**
 * The weak municipalities of a candidate that this user may name: for the association every weak
 * municipality (names in the figure → codes); for a key user their own municipalities whose value of
 * the item is at or below the candidate's threshold (from their municipality views).
 */
function useCandidateMunicipalities(view: RegionalView | undefined, row: CandidateRow | undefined, user: User | undefined, munis: Municipality[], filters: string) {
  const [codes, setCodes] = useState<string[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!view || !row || !user || !munis.length) return;
    if (isAdmin(user)) {
      const byName = new Map(munis.map((m) => [m.name, m.code]));
      const names = (row.cells.municipalities ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      setCodes(names.map((n) => byName.get(n)).filter((c): c is string => !!c));
      return;
    }
    let live = true;
    const threshold = row.cells.threshold ?? 0;
    Promise.all(
      view.round.municipalities
        .filter((c) => user.municipalities.includes(c))
        .map(async (c) => {
          const v = await get<MunicipalityView>(`/api/rounds/${view.round.id}/analysis/municipalities/${c}${filters}`);
          const own = v.figures.find((f) => f.id === 'kommun-forbattring')?.rows.find((r) => r.key === row.key);
          return typeof own?.cells.value === 'number' && own.cells.value <= threshold + 1e-9 ? c : null;
        }),
    )
      .then((r) => live && setCodes(r.filter((c): c is string => !!c)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [view, row, user, munis, filters]);
  return { codes, error };
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
  const state = useApi<RegionalView>(`/api/rounds/${encodeURIComponent(roundId)}/analysis${filters}`);
  const row = state.data?.figures.find((f) => f.id === 'samverkanskandidater')?.rows.find((r) => r.key === itemId);
  const weak = useCandidateMunicipalities(state.data, row, user, munis.list, filters);
  const capability = (row?.cells.item ?? row?.label ?? itemId).slice(0, 300);
  const [title, setTitle] = useState('');
  const [area, setArea] = useState('');
  const [proposing, setProposing] = useState('');
  const action = useAction();
  const titleId = useId();
  const areaId = useId();
  const propId = useId();
  useEffect(() => {
    if (row) setTitle(`Samverkan kring ${row.cells.item ?? row.label}`.slice(0, 200));
  }, [row]);
  useEffect(() => {
    if (weak.codes && !isAdmin(user) && !proposing && weak.codes.length) setProposing(weak.codes[0]);
  }, [weak.codes, user, proposing]);

  if (state.error) return <ErrorMessage message={state.error} />;
  if (!state.data || munis.loading) return <Loading />;
  const view = state.data;
  if (!row)
    return (
      <>
        <ErrorMessage message={t('Frågan är inte en samverkanskandidat i mätomgången {title}.', { title: view.round.title })} />
        <p>
          <Link to="/initiativ/nytt">{t('Föreslå ett initiativ utan underlag från analysen')}</Link>
        </p>
      </>
    );
  const admin = isAdmin(user);
  const own = weak.codes ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      const r = await post<{ initiative: Initiative }>('/api/initiatives/from-candidate', {
        instrumentId: view.round.instrument,
        itemId: row.key,
        capabilityLabel: capability,
        municipalities: own,
        evidence: {
          roundId: view.round.id,
          roundTitle: view.round.title,
          instrumentTitle: view.round.instrumentTitle,
          weak: { count: row.cells.count ?? null, n: row.cells.n ?? null, percent: row.cells.share ?? null },
          filters: Object.fromEntries(new URLSearchParams(filters)),
          threshold: row.cells.threshold ?? null,
        },
        title: title.trim() || undefined,
        area: area || null,
        proposingMunicipality: proposing || null,
      });
      navigate(`/initiativ/${r.initiative.id}`, { state: { created: 'candidate' } });
    });
  };
  return (
    <>
      <section aria-labelledby="cand-h">
        <h2 id="cand-h">{t('Underlag från analysen')}</h2>
        <dl className="facts">
          <dt>{t('Mätomgång')}</dt>
          <dd>
            <Link to={`/resultat/${view.round.id}`}>{view.round.title}</Link> ({view.round.instrumentTitle})
          </dd>
          <dt>{t('Förmåga')}</dt>
          <dd>{row.cells.item ?? row.label}</dd>
          <dt>{t('Svag i')}</dt>
          <dd>
            {t('{count} av {n} kommuner med värde', { count: row.cells.count ?? 0, n: row.cells.n ?? 0 })}
            {typeof row.cells.share === 'number' && ` (${pctFmt.format(row.cells.share)} %)`}
          </dd>
          <dt>{t('Tröskel (skalvärde)')}</dt>
          <dd>{row.cells.threshold ?? '–'}</dd>
          <dt>{admin ? t('Svaga kommuner') : t('Dina kommuner där förmågan är svag')}</dt>
          <dd>
            {weak.error ? (
              <ErrorMessage message={weak.error} />
            ) : !weak.codes ? (
              '…'
            ) : own.length ? (
              <ul>
                {own.map((c) => (
                  <li key={c}>{munis.nameOf(c)}</li>
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
      </section>
      {weak.codes && own.length === 0 ? (
        <p>
          <Link to="/initiativ/nytt">{t('Föreslå ett initiativ utan underlag från analysen')}</Link>
        </p>
      ) : (
        <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Föreslå som initiativ')}>
          <ErrorMessage message={action.message} />
          <div className="field">
            <label htmlFor={titleId}>{t('Namn på initiativet (obligatoriskt)')}</label>
            <input id={titleId} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={areaId}>{t('Verksamhetsområde')}</label>
            <select id={areaId} value={area} onChange={(e) => setArea(e.target.value)}>
              <option value="">{t('Inte angivet')}</option>
              {org.areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={propId}>{t('Föreslagande kommun')}</label>
            <select id={propId} value={proposing} onChange={(e) => setProposing(e.target.value)}>
              {admin && <option value="">{t('Ingen (förbundet)')}</option>}
              {(admin ? munis.list : munis.list.filter((m) => own.includes(m.code))).map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <p className="hint">{t('Behov och koppling till förmågan fylls i från analysen. Övriga uppgifter kompletterar du på initiativets sida.')}</p>
          <button type="submit" disabled={action.busy || !weak.codes}>
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
  const state = useApi<Detail>(`/api/initiatives/${encodeURIComponent(id)}`);
  const log = useApi<{ log: LogEntry[] }>(`/api/initiatives/${encodeURIComponent(id)}/log`);
  const config = useApi<Config>('/api/portfolio/config');
  const munis = useMunicipalities();
  const org = useOrganisation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  const created = (location.state as { created?: boolean | string } | null)?.created;
  const reloadAll = () => {
    state.reload();
    log.reload();
  };

  return (
    <KeepView state={state}>
      {(d) => {
        const i = d.initiative;
        const admin = isAdmin(user);
        const own = (c: string | null) => !!c && user?.role === 'kommunansvarig' && user.municipalities.includes(c);
        const canReport = admin || own(i.proposingMunicipality) || i.participating.some((c) => own(c));
        return (
          <Page title={i.title}>
            <p>
              <Link to="/initiativ">{t('Tillbaka till initiativen')}</Link>
            </p>
            {i.isDemo && (
              <p className="demo-banner-inline">
                <span className="tag">DEMO</span> {t('Demodata: deltagande, belopp och statusrapporter är delvis syntetiserade.')}
              </p>
            )}
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

            <section aria-labelledby="facts-h">
              <h2 id="facts-h">{t('Uppgifter')}</h2>
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
                    await patch(`/api/initiatives/${i.id}`, { ...body, version: i.version });
                    setEditing(false);
                    setSaved(t('Ändringarna är sparade.'));
                    reloadAll();
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
                  {!i.canEdit && user?.role === 'kommunansvarig' && own(i.proposingMunicipality) && (
                    <p className="notice-info">{t('Förslaget kan bara ändras av kommunen medan det är i steget Idé; därefter ändrar förbundet.')}</p>
                  )}
                  <InitiativeFacts i={i} nameOf={munis.nameOf} areaNames={org.areaNames} />
                </>
              )}
            </section>

            <StageSection d={d} log={log.data?.log} logError={log.error} onMoved={reloadAll} />
            <ParticipationSection i={i} municipalities={munis.list} nameOf={munis.nameOf} onChanged={reloadAll} />
            <ActorsSection i={i} actors={org.actors} onChanged={reloadAll} onActorCreated={org.reload} />
            <QualificationSection i={i} criteria={config.data?.criteria} onSaved={reloadAll} />
            <ReportsSection i={i} reports={d.reports} followUp={d.followUp} canReport={canReport} onSaved={reloadAll} />
          </Page>
        );
      }}
    </KeepView>
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
          {i.links.length ? (
            <ul>
              {i.links.map((l, n) => (
                <li key={n}>
                  {t(LINK_LABEL[l.kind] ?? l.kind)}: {l.label}
                </li>
              ))}
            </ul>
          ) : (
            '–'
          )}
        </dd>
        <dt>{t('Kvalitativ nytta')}</dt>
        <dd>{para(i.benefits.qualitative)}</dd>
        <dt>{t('Ekonomisk nytta')}</dt>
        <dd>{para(i.benefits.economic)}</dd>
        <dt>{t('Operationell nytta')}</dt>
        <dd>{para(i.benefits.operational)}</dd>
        <dt>{t('Nyttokalkyl')}</dt>
        <dd>
          {t('{hours} frigjord tid per år, {sek} per år', { hours: hoursOf(i.benefits.hoursPerYear), sek: sek(i.benefits.sekPerYear) })}
        </dd>
        <dt>{t('Uppskattad kostnad')}</dt>
        <dd>{sek(i.estimatedCost)}</dd>
        <dt>{t('Dokument och länkar')}</dt>
        <dd>
          {i.documents.length ? (
            <ul>
              {i.documents.map((d, n) => (
                <li key={n}>
                  <a href={d.url} rel="noopener noreferrer" target="_blank">
                    {d.title}
                    <span className="visually-hidden"> ({t('öppnas i ny flik')})</span>
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            '–'
          )}
        </dd>
      </dl>
      {i.fundingSources.length > 0 && (
        <TableWrap label={t('Finansieringskällor')}>
          <table>
            <caption>{t('Finansieringskällor ({n})', { n: i.fundingSources.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Källa')}</th>
                <th scope="col" className="num">
                  {t('Belopp')}
                </th>
                <th scope="col">{t('Anteckning')}</th>
              </tr>
            </thead>
            <tbody>
              {i.fundingSources.map((f, n) => (
                <tr key={n}>
                  <th scope="row">{t(FUNDING_LABEL[f.source] ?? f.source)}</th>
                  <td className="num">{sek(f.amount)}</td>
                  <td>{f.note || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {i.risks.length > 0 && (
        <TableWrap label={t('Risker')}>
          <table>
            <caption>{t('Risker ({n})', { n: i.risks.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Risk')}</th>
                <th scope="col" className="num">
                  {t('Sannolikhet (1–4)')}
                </th>
                <th scope="col" className="num">
                  {t('Konsekvens (1–4)')}
                </th>
              </tr>
            </thead>
            <tbody>
              {i.risks.map((r, n) => (
                <tr key={n}>
                  <th scope="row">{r.description}</th>
                  <td className="num">{r.probability ?? '–'}</td>
                  <td className="num">{r.consequence ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
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

function StageSection({ d, log, logError, onMoved }: { d: Detail; log?: LogEntry[]; logError?: string; onMoved: () => void }) {
  const { t } = useI18n();
  const { user } = useSession();
  const i = d.initiative;
  const [to, setTo] = useState<Stage | ''>(d.nextStages[0]?.stage ?? '');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const action = useAction();
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
      await post(`/api/initiatives/${i.id}/stage`, { to, reason, version: i.version });
      setReason('');
      onMoved();
      return t('Initiativet är flyttat till {stage}.', { stage: t(STAGE_LABEL[to as Stage]) });
    });
  };

  return (
    <section aria-labelledby="stage-h">
      <h2 id="stage-h">{t('Steg och beslut')}</h2>
      <p>
        {t('Nuvarande steg:')} <StageTag stage={i.stage} />
      </p>
      {isAdmin(user) && d.nextStages.length > 0 && (
        <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Flytta initiativet')}>
          {action.error !== undefined && (
            <div className="error" role="alert">
              <p>{action.message}</p>
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
            </div>
          )}
          <Notice message={action.msg} />
          <div className="field">
            <label htmlFor={toId}>{t('Flytta till steg')}</label>
            <select id={toId} value={to} onChange={(e) => setTo(e.target.value as Stage)} aria-describedby={`${toId}-gate`}>
              {d.nextStages.map((s) => (
                <option key={s.stage} value={s.stage}>
                  {t(STAGE_LABEL[s.stage] ?? s.label)}
                </option>
              ))}
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
        <TableWrap label={t('Beslutslogg')}>
          <table>
            <caption>{t('Stegbeslut: vem, när och varför ({n})', { n: log.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Tid')}</th>
                <th scope="col">{t('Från')}</th>
                <th scope="col">{t('Till')}</th>
                <th scope="col">{t('Vem')}</th>
                <th scope="col">{t('Skäl')}</th>
              </tr>
            </thead>
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
          </table>
        </TableWrap>
      )}
    </section>
  );
}

// ---- Participation -----------------------------------------------------------------------------

function ParticipationSection({
  i,
  municipalities,
  nameOf,
  onChanged,
}: {
  i: Initiative;
  municipalities: Municipality[];
  nameOf: (c: string | null) => string;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const admin = isAdmin(user);
  const choices = admin ? municipalities : municipalities.filter((m) => user?.municipalities.includes(m.code));
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<'intresserad' | 'deltar'>('deltar');
  const action = useAction();
  const codeId = useId();
  const closed = CLOSED.includes(i.stage);
  const mayChange = (c: string) => admin || (user?.role === 'kommunansvarig' && user.municipalities.includes(c));
  const selected = code || choices[0]?.code || '';
  const sorted = [...i.participations].sort((a, b) => (a.kind === b.kind ? nameOf(a.municipality).localeCompare(nameOf(b.municipality), 'sv') : a.kind === 'deltar' ? -1 : 1));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.run(async () => {
      await put(`/api/initiatives/${i.id}/participations/${selected}`, { kind });
      onChanged();
      return kind === 'deltar'
        ? t('{name} deltar i initiativet.', { name: nameOf(selected) })
        : t('{name} är anmäld som intresserad.', { name: nameOf(selected) });
    });
  };

  return (
    <section aria-labelledby="part-h">
      <h2 id="part-h">{t('Deltagande kommuner')}</h2>
      <ErrorMessage message={action.message} />
      <Notice message={action.msg} />
      {sorted.length === 0 ? (
        <p>{t('Ingen kommun har anmält intresse eller deltagande ännu.')}</p>
      ) : (
        <TableWrap label={t('Deltagande kommuner')}>
          <table>
            <caption>{t('Kommuner som deltar ({p}) eller är intresserade ({i})', { p: i.participating.length, i: i.interested.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Kommun')}</th>
                <th scope="col">{t('Anmälan')}</th>
                {!closed && canPropose(user) && <th scope="col">{t('Åtgärd')}</th>}
              </tr>
            </thead>
            <tbody>
              {sorted.map((p) => (
                <tr key={p.municipality}>
                  <th scope="row">{nameOf(p.municipality)}</th>
                  <td>{t(PARTICIPATION_LABEL[p.kind] ?? p.kind)}</td>
                  {!closed && canPropose(user) && (
                    <td>
                      {mayChange(p.municipality) ? (
                        <button
                          type="button"
                          className="secondary"
                          disabled={action.busy}
                          onClick={() =>
                            action.run(async () => {
                              await del(`/api/initiatives/${i.id}/participations/${p.municipality}`);
                              onChanged();
                              return t('Anmälan för {name} är borttagen.', { name: nameOf(p.municipality) });
                            })
                          }
                        >
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
          </table>
        </TableWrap>
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
              <div className="field">
                <label htmlFor={codeId}>{t('Kommun')}</label>
                <select id={codeId} value={selected} onChange={(e) => setCode(e.target.value)}>
                  {choices.map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </div>
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
    </section>
  );
}

// ---- Other actors ------------------------------------------------------------------------------

function ActorsSection({
  i,
  actors,
  onChanged,
  onActorCreated,
}: {
  i: Initiative;
  actors: Array<{ id: number; name: string; kind: string }>;
  onChanged: () => void;
  onActorCreated: () => void;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const admin = isAdmin(user);
  const action = useAction();
  const [actorId, setActorId] = useState('');
  const [role, setRole] = useState('');
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState('ovrigt');
  const actorSel = useId();
  const roleId = useId();
  const newNameId = useId();
  const newKindId = useId();
  const available = actors.filter((a) => !i.actors.some((x) => x.id === a.id));
  const selected = actorId && available.some((a) => String(a.id) === actorId) ? actorId : String(available[0]?.id ?? '');

  return (
    <section aria-labelledby="actors-h">
      <h2 id="actors-h">{t('Andra aktörer')}</h2>
      <ErrorMessage message={action.message} />
      <Notice message={action.msg} />
      {i.actors.length === 0 ? (
        <p>{t('Inga andra aktörer deltar.')}</p>
      ) : (
        <TableWrap label={t('Andra aktörer')}>
          <table>
            <caption>{t('Andra aktörer i initiativet ({n})', { n: i.actors.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Aktör')}</th>
                <th scope="col">{t('Typ')}</th>
                <th scope="col">{t('Roll i initiativet')}</th>
                {admin && <th scope="col">{t('Åtgärd')}</th>}
              </tr>
            </thead>
            <tbody>
              {i.actors.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>{t(ACTOR_KIND_LABEL[a.kind] ?? a.kind)}</td>
                  <td>{a.role || '–'}</td>
                  {admin && (
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        disabled={action.busy}
                        onClick={() =>
                          action.run(async () => {
                            await del(`/api/initiatives/${i.id}/actors/${a.id}`);
                            onChanged();
                            return t('{name} är borttagen ur initiativet.', { name: a.name });
                          })
                        }
                      >
                        {t('Ta bort')} <span className="visually-hidden">{a.name}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
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
                  await put(`/api/initiatives/${i.id}/actors/${selected}`, { role });
                  setRole('');
                  onChanged();
                  return t('Aktören är tillagd.');
                });
              }}
            >
              <div className="field-row">
                <div className="field">
                  <label htmlFor={actorSel}>{t('Aktör')}</label>
                  <select id={actorSel} value={selected} onChange={(e) => setActorId(e.target.value)}>
                    {available.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={roleId}>{t('Roll i initiativet (valfritt)')}</label>
                  <input id={roleId} type="text" value={role} onChange={(e) => setRole(e.target.value)} />
                </div>
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
                  const r = await post<{ actor: { id: number; name: string } }>('/api/actors', { name: newName, kind: newKind });
                  setNewName('');
                  setActorId(String(r.actor.id));
                  onActorCreated();
                  return t('{name} är registrerad och kan läggas till.', { name: r.actor.name });
                });
              }}
            >
              <div className="field-row">
                <div className="field">
                  <label htmlFor={newNameId}>{t('Aktörens namn')}</label>
                  <input id={newNameId} type="text" value={newName} onChange={(e) => setNewName(e.target.value)} />
                </div>
                <div className="field">
                  <label htmlFor={newKindId}>{t('Typ')}</label>
                  <select id={newKindId} value={newKind} onChange={(e) => setNewKind(e.target.value)}>
                    {Object.entries(ACTOR_KIND_LABEL).map(([id, label]) => (
                      <option key={id} value={id}>
                        {t(label)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <button type="submit" className="secondary" disabled={action.busy}>
                {t('Registrera aktören')}
              </button>
            </form>
          </details>
        </>
      )}
    </section>
  );
}

// ---- Qualification -----------------------------------------------------------------------------

function QualificationSection({ i, criteria, onSaved }: { i: Initiative; criteria?: Criterion[]; onSaved: () => void }) {
  const { t } = useI18n();
  const { user } = useSession();
  const admin = isAdmin(user);
  const action = useAction();
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
      await put(`/api/initiatives/${i.id}/scores`, {
        scores: scored.map((c) => ({ criterionId: c.id, score: Number(draft[c.id].score), justification: draft[c.id].justification })),
      });
      onSaved();
      return t('Bedömningen är sparad.');
    });
  };

  return (
    <section aria-labelledby="qual-h">
      <h2 id="qual-h">{t('Kvalificering')}</h2>
      <p>
        <strong>{t('Viktad poäng:')}</strong> <QualificationText q={i.qualification} />
        {i.qualification.score !== null && ` · ${t('täckning {pct} % av vikten', { pct: pctFmt.format(i.qualification.coverage * 100) })}`}
      </p>
      {i.qualification.missing.length > 0 && <p>{t('Inte bedömt: {list}', { list: i.qualification.missing.join(', ') })}</p>}
      <p className="hint">{t('Viktad poäng = Σ(vikt × poäng) / Σ(vikt) över bedömda kriterier (skala 1–5, 5 är mest fördelaktigt); procent = (poäng − 1)/4 · 100.')}</p>
      <TableWrap label={t('Kvalificeringsbedömning')}>
        <table>
          <caption>{t('Bedömning per kriterium')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Kriterium')}</th>
              <th scope="col" className="num">
                {t('Vikt')}
              </th>
              <th scope="col" className="num">
                {t('Poäng (1–5)')}
              </th>
              <th scope="col">{t('Motivering')}</th>
              <th scope="col">{t('Bedömd')}</th>
            </tr>
          </thead>
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
        </table>
      </TableWrap>
      {admin &&
        (closed ? (
          <p className="notice-info">{t('Initiativet är avslutat och kan inte bedömas.')}</p>
        ) : (
          <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Bedöm initiativet')}>
            <h3>{t('Bedöm initiativet')}</h3>
            {action.error !== undefined && (
              <div className="error" role="alert">
                <p>{action.message}</p>
              </div>
            )}
            <Notice message={action.msg} />
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
                        <option value="">{t('Inte bedömd')}</option>
                        {[1, 2, 3, 4, 5].map((n) => (
                          <option key={n} value={n}>
                            {n}
                          </option>
                        ))}
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
    </section>
  );
}

// ---- Status reports ----------------------------------------------------------------------------

const emptyReport = { period: '', status: 'enligt_plan' as ReportStatus, progress: '', comment: '', realisedHours: '', realisedSek: '' };

function ReportsSection({
  i,
  reports,
  followUp,
  canReport,
  onSaved,
}: {
  i: Initiative;
  reports: StatusReport[];
  followUp: FollowUp;
  canReport: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const [r, setR] = useState(emptyReport);
  const errors = fieldErrorsOf(action.error);
  const open = REPORTING.includes(i.stage);
  const existing = reports.some((x) => x.period === r.period.trim());
  const share = (v: number | null) => (v === null ? '' : ` (${t('{pct} % av ett års beräknad nytta', { pct: pctFmt.format(v) })})`);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const period = r.period.trim();
    if (!period) {
      action.setError(new ApiError(400, t('Ange perioden, till exempel 2025-Q2.'), [{ path: 'period', message: t('Ange perioden, till exempel 2025-Q2.') }]));
      document.getElementById('report-period')?.focus();
      return;
    }
    action.run(async () => {
      await put(`/api/initiatives/${i.id}/reports/${encodeURIComponent(period)}`, {
        status: r.status,
        progress: numberOf(r.progress) ?? r.progress,
        comment: r.comment,
        realisedHours: numberOf(r.realisedHours),
        realisedSek: numberOf(r.realisedSek),
      });
      setR(emptyReport);
      onSaved();
      return existing ? t('Statusrapporten för {period} är uppdaterad.', { period }) : t('Statusrapporten för {period} är sparad.', { period });
    });
  };

  const field = (k: 'progress' | 'realisedHours' | 'realisedSek', label: string, hint?: string) => (
    <Control id={`report-${k}`} label={label} hint={hint} error={errors[k]}>
      {(a) => <input {...a} type="text" inputMode="numeric" value={r[k]} onChange={(e) => setR((x) => ({ ...x, [k]: e.target.value }))} />}
    </Control>
  );

  return (
    <section aria-labelledby="reports-h">
      <h2 id="reports-h">{t('Statusrapporter och nytta')}</h2>
      <dl className="facts">
        <dt>{t('Beräknad nytta per år')}</dt>
        <dd>
          {hoursOf(followUp.estimated.hoursPerYear)}, {sek(followUp.estimated.sekPerYear)}
        </dd>
        <dt>{t('Realiserad nytta hittills')}</dt>
        <dd>
          {hoursOf(followUp.realised.hours)}
          {share(followUp.hoursShareOfYearlyEstimate)}, {sek(followUp.realised.sek)}
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
        <TableWrap label={t('Statusrapporter')}>
          <table>
            <caption>{t('Statusrapporter per period ({n})', { n: reports.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Period')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col" className="num">
                  {t('Framdrift')}
                </th>
                <th scope="col" className="num">
                  {t('Realiserad tid')}
                </th>
                <th scope="col" className="num">
                  {t('Realiserad ekonomisk nytta')}
                </th>
                <th scope="col">{t('Kommentar')}</th>
                <th scope="col">{t('Rapporterad')}</th>
                {canReport && open && <th scope="col">{t('Åtgärd')}</th>}
              </tr>
            </thead>
            <tbody>
              {reports.map((x) => (
                <tr key={x.id}>
                  <th scope="row">{x.period}</th>
                  <td>{t(REPORT_STATUS_LABEL[x.status] ?? x.status)}</td>
                  <td className="num">{x.progress} %</td>
                  <td className="num">{hoursOf(x.realisedHours)}</td>
                  <td className="num">{sek(x.realisedSek)}</td>
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
          </table>
        </TableWrap>
      )}
      {!open ? (
        <p className="notice-info">{t('Statusrapporter lämnas när initiativet är Prioriterat, i Genomförande eller i Nyttohemtagning.')}</p>
      ) : (
        canReport && (
          <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Lämna statusrapport')}>
            <h3>{t('Lämna eller uppdatera en statusrapport')}</h3>
            {action.error !== undefined && (
              <div className="error" role="alert">
                <p>{action.message}</p>
              </div>
            )}
            <Notice message={action.msg} />
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
                    {(Object.keys(REPORT_STATUS_LABEL) as ReportStatus[]).map((s) => (
                      <option key={s} value={s}>
                        {t(REPORT_STATUS_LABEL[s])}
                      </option>
                    ))}
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
    </section>
  );
}
