// Samverkansportföljen (DOMAIN.md §7, §10) under /portfolj: qualification criteria and weights, the
// ranked initiatives and the stage gates (Prioritering); the handlingsplan for a period with DOCX,
// PDF and XLSX downloads; overdue status reports (the association's follow-up); the regional
// indicators (expected vs outcome, computed or reported, with base and n), requisitioned funding per
// cost type and the networks. Every signed-in role reads; only förbundsadmin sees editing controls,
// and the server enforces every role (src/server/routes/initiatives.ts).
import { Fragment, useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, NavLink, useSearchParams } from 'react-router-dom';
import { patch, put } from '../api.ts';
import { CHART_BASE, EChart } from '../components/charts.tsx';
import { Control, Field, FormButtons } from '../components/forms.tsx';
import { dash, dec, int, intFormat, kr, pct } from '../components/format.ts';
import { useAction, useApi, useIsAdmin } from '../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, ErrorMessage, Notice, Page, Section } from '../components/ui.tsx';
import { translate, useI18n } from '../i18n.tsx';
import type { Criterion, RankedInitiative } from '../../domain/portfolio/qualification.ts';
import type { GateConfig, GateField, GateRequirement } from '../../domain/portfolio/stages.ts';
import type { Stage } from '../../domain/portfolio/types.ts';
import type { FundingFollowUp, FundingProject, IndicatorKey, IndicatorRow, Network } from '../../domain/portfolio/indicators.ts';
import type { HandlingsplanModel } from '../../domain/portfolio/handlingsplan.ts';

// ---- API shapes (src/server/routes/initiatives.ts) ---------------------------------------------

interface PortfolioConfig {
  stages: Array<{ id: Stage; label: string; next: Stage[]; gate: Array<GateRequirement & { description: string }> }>;
  gates: GateConfig;
  criteria: Criterion[];
  indicators: Array<{ id: IndicatorKey; label: string; unit: 'antal' | 'procent' }>;
}

interface RankingResponse {
  criteria: Criterion[];
  formula: string;
  ranking: Array<RankedInitiative & { stage: Stage; stageLabel: string }>;
}

interface OverdueResponse {
  period: string;
  today: string;
  graceDays: number;
  overdue: Array<{ initiativeId: number; title: string; period: string; dueDate: string; daysOverdue: number }>;
}

/** GET /api/indicators: a funding project with its follow-up per cost type. */
type FundingProjectView = Omit<FundingProject, 'rows'> & { followUp: FundingFollowUp };

interface IndicatorsResponse {
  year: number;
  indicators: IndicatorRow[];
  funding: FundingProjectView[];
  /** Years with stored expected or reported values. */
  years?: number[];
}


// ---- Formatting and parsing ----------------------------------------------------------------------

const indicatorValue = (v: number | null, unit: 'antal' | 'procent') => (unit === 'procent' ? pct(v) : int(v));
const yearSpan = (a: number | null, b: number | null) => (a === null && b === null ? dash : a === b ? String(a) : `${a ?? '…'}–${b ?? '…'}`);

/** Parses a Swedish or English decimal ("2,5" or "2.5"); '' → null; NaN when not a number. */
function parseNumber(s: string): number | null {
  const v = s.trim().replace(/\s/g, '').replace(',', '.');
  if (v === '') return null;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
}

const currentYear = () => new Date().getFullYear();
const validYear = (s: string | null): number | null => (s && /^\d{4}$/.test(s) && Number(s) >= 2000 && Number(s) <= 2100 ? Number(s) : null);

// ---- Shared parts -------------------------------------------------------------------------------

const SUBPAGES = [
  { to: '/portfolj/prioritering', label: 'Prioritering' },
  { to: '/portfolj/handlingsplan', label: 'Handlingsplan' },
  { to: '/portfolj/uppfoljning', label: 'Uppföljning' },
  { to: '/portfolj/indikatorer', label: 'Indikatorer och medel' },
];

function PortfolioNav() {
  const { t } = useI18n();
  return (
    <nav aria-label={t('Portföljens delar')}>
      <ul className="results-nav">
        {SUBPAGES.map((p) => (
          <li key={p.to}>
            <NavLink to={p.to} style={({ isActive }) => (isActive ? { fontWeight: 700 } : undefined)}>
              {t(p.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A portfolio page: its title, the subpage menu and the page's introduction. */
function PortfolioPage({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <Page title={title}>
      <PortfolioNav />
      <p>{intro}</p>
      {children}
    </Page>
  );
}

/**
 * A section showing `children`, where förbundsadmin may switch to `form` (a button `editLabel`);
 * once the form is saved the section shows `savedText` and calls `onSaved`.
 */
function EditableSection({
  id,
  title,
  intro,
  editLabel,
  savedText,
  onSaved,
  form,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  editLabel: string;
  savedText: string;
  onSaved: () => void;
  form: (done: { onCancel: () => void; onSaved: () => void }) => ReactNode;
  children: ReactNode;
}) {
  const admin = useIsAdmin();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  return (
    <Section id={id} title={title}>
      {intro}
      <Notice message={saved} />
      {editing ? (
        form({
          onCancel: () => setEditing(false),
          onSaved: () => {
            setEditing(false);
            setSaved(savedText);
            onSaved();
          },
        })
      ) : (
        <>
          {children}
          {admin && (
            <p>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setSaved(undefined);
                  setEditing(true);
                }}
              >
                {editLabel}
              </button>
            </p>
          )}
        </>
      )}
    </Section>
  );
}

/** A page's choice of period or year above its content, with the form's error message (`errorId`). */
function FilterForm({
  label,
  submitLabel,
  onSubmit,
  error,
  errorId,
  children,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (e: FormEvent) => void;
  error?: string;
  errorId: string;
  children: ReactNode;
}) {
  return (
    <>
      <form className="results-filters" onSubmit={onSubmit} noValidate aria-label={label}>
        {children}
        <button type="submit">{submitLabel}</button>
      </form>
      <ErrorMessage id={errorId} message={error} />
    </>
  );
}

/** A year 2000–2100 in a FilterForm; `errorId` names the form's error message while there is one. */
function YearField({ id, label, value, onChange, errorId }: { id: string; label: string; value: string; onChange: (v: string) => void; errorId?: string }) {
  return (
    <Control id={id} label={label} invalid={!!errorId} describedBy={errorId}>
      {(a) => <input {...a} type="number" min={2000} max={2100} step={1} className="count-input" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Control>
  );
}

const DOWNLOAD_LABEL = {
  docx: 'Ladda ned som Word (DOCX)',
  pdf: 'Ladda ned som PDF',
  xlsx: 'Ladda ned som Excel (XLSX)',
} as const;
type DownloadFormat = keyof typeof DOWNLOAD_LABEL;

/** A section of download links, one per format; `what` completes each link's accessible name. */
function DownloadLinks({ id, title, formats, href, what }: { id: string; title: string; formats: DownloadFormat[]; href: (f: DownloadFormat) => string; what: string }) {
  const { t } = useI18n();
  return (
    <Section id={id} title={title}>
      <ul className="results-nav">
        {formats.map((f) => (
          <li key={f}>
            <a className="button secondary" href={href(f)} download data-format={f}>
              {t(DOWNLOAD_LABEL[f])}
              <span className="visually-hidden">: {what}</span>
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** Notes under a title in an info box; nothing when there are none. */
function NoteList({ title, notes }: { title: string; notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <div className="notice-info">
      <p style={{ margin: 0, fontWeight: 600 }}>{title}</p>
      <ul>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}

/** /portfolj → the first subpage. */
export function PortfolioIndexPage() {
  return <Navigate to="/portfolj/prioritering" replace />;
}

// ---- Prioritering: criteria, ranking, gates ----------------------------------------------------

export function PrioritizationPage() {
  const { t } = useI18n();
  const config = useApi<PortfolioConfig>('/api/portfolio/config', { keep: true });
  const [stages, setStages] = useState<Stage[]>(['kvalificering', 'prioriterad']);
  const rankingUrl = stages.length ? `/api/initiatives/ranking?stages=${stages.join(',')}` : null;
  const ranking = useApi<RankingResponse>(rankingUrl, { keep: true });
  return (
    <PortfolioPage
      title={t('Prioritering av initiativ')}
      intro={t(
        'Förbundet kvalificerar initiativen med viktade kriterier. Varje initiativ bedöms 1–5 per kriterium (5 är alltid mest fördelaktigt, även för risk) och rangordnas efter viktad poäng.',
      )}
    >
      <AsyncView state={config}>
        {(c) => (
          <>
            <CriteriaSection
              criteria={c.criteria}
              onSaved={() => {
                config.reload();
                ranking.reload();
              }}
            />
            <Section id="ranking-heading" title={t('Rangordnade initiativ')}>
              <fieldset>
                <legend>{t('Visa initiativ i stegen')}</legend>
                <div className="checkbox-grid">
                  {c.stages.map((s) => (
                    <label key={s.id}>
                      <input
                        type="checkbox"
                        checked={stages.includes(s.id)}
                        onChange={(e) =>
                          setStages((prev) => (e.target.checked ? c.stages.map((x) => x.id).filter((x) => x === s.id || prev.includes(x)) : prev.filter((x) => x !== s.id)))
                        }
                      />{' '}
                      {t(s.label)}
                    </label>
                  ))}
                </div>
              </fieldset>
              {stages.length === 0 ? (
                <p>{t('Välj minst ett steg för att se rangordningen.')}</p>
              ) : (
                <AsyncView state={ranking}>{(r) => <RankingTable data={r} stageLabels={c.stages.filter((s) => stages.includes(s.id)).map((s) => t(s.label))} />}</AsyncView>
              )}
            </Section>
            <GatesSection config={c} onSaved={config.reload} />
          </>
        )}
      </AsyncView>
    </PortfolioPage>
  );
}

function CriteriaSection({ criteria, onSaved }: { criteria: Criterion[]; onSaved: () => void }) {
  const { t } = useI18n();
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  return (
    <EditableSection
      id="criteria-heading"
      title={t('Kvalificeringskriterier och vikter')}
      editLabel={t('Ändra kriterier och vikter')}
      savedText={t('Kriterierna och vikterna är sparade. Rangordningen är uppdaterad.')}
      onSaved={onSaved}
      form={(done) => <CriteriaForm criteria={criteria} {...done} />}
    >
      <DataTable
        label={t('Kvalificeringskriterier och vikter')}
        caption={t('Kvalificeringskriterier och vikter (andelen är vikten delad med summan av alla vikter)')}
        columns={[t('Kriterium'), t('Beskrivning'), { num: t('Vikt') }, { num: t('Andel av den totala vikten') }]}
      >
        <tbody>
          {criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.label}</th>
              <td>{c.description}</td>
              <td className="num">{dec(c.weight)}</td>
              <td className="num">{total > 0 ? pct((c.weight / total) * 100) : dash}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('Summa')}</th>
            <td />
            <td className="num">{dec(total)}</td>
            <td className="num">{total > 0 ? pct(100) : dash}</td>
          </tr>
        </tfoot>
      </DataTable>
    </EditableSection>
  );
}

interface CriterionDraft {
  id: string;
  original: string;
  label: string;
  description: string;
  weight: string;
}

/** A criterion id from its label: lower-case a–z, digits and _, at most 40 characters. */
function slug(label: string): string {
  const s = label
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  return s || 'kriterium';
}

function CriteriaForm({ criteria, onCancel, onSaved }: { criteria: Criterion[]; onCancel: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const [rows, setRows] = useState<CriterionDraft[]>(() =>
    criteria.map((c) => ({ id: c.id, original: c.label, label: c.label, description: c.description, weight: String(c.weight).replace('.', ',') })),
  );
  const [invalid, setInvalid] = useState<Set<number>>(new Set());
  const set = (i: number, p: Partial<CriterionDraft>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...p } : r)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad = new Set<number>();
    const weights = rows.map((r, i) => {
      const w = parseNumber(r.weight);
      if (w === null || Number.isNaN(w) || w < 0 || w > 100 || !r.label.trim()) bad.add(i);
      return w ?? 0;
    });
    setInvalid(bad);
    if (bad.size) {
      action.setError(t('Varje kriterium behöver en benämning och en vikt mellan 0 och 100.'));
      return;
    }
    if (!weights.some((w) => w > 0)) {
      action.setError(t('Minst ett kriterium ska ha en vikt större än 0.'));
      return;
    }
    const used = new Set(rows.filter((r) => r.id).map((r) => r.id));
    const payload = rows.map((r, i) => {
      let id = r.id;
      if (!id) {
        const base = slug(r.label);
        id = base;
        for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
        used.add(id);
      }
      return { id, label: r.label.trim(), description: r.description.trim(), weight: weights[i] };
    });
    void action.run(async () => {
      await put('/api/portfolio/criteria', { criteria: payload });
      onSaved();
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="criteria-form-heading">
      <h3 id="criteria-form-heading">{t('Ändra kriterier och vikter')}</h3>
      <p className="hint" id="criteria-form-hint">
        {t('Vikten är ett tal 0–100 (decimaler med komma). Vikten 0 tar bort kriteriet ur poängen utan att radera bedömningarna.')}
      </p>
      <ErrorMessage message={action.message} />
      <DataTable label={t('Ändra kriterier och vikter')} caption={t('Kriterier, beskrivningar och vikter')} columns={[t('Kriterium'), t('Beskrivning'), t('Vikt')]}>
        <tbody>
          {rows.map((r, i) => {
            const name = r.original || t('nytt kriterium {n}', { n: i + 1 });
            return (
              <tr key={r.id || `new-${i}`}>
                <td>
                  <input
                    type="text"
                    value={r.label}
                    maxLength={100}
                    aria-label={t('Benämning: {name}', { name })}
                    aria-invalid={invalid.has(i) && !r.label.trim() ? true : undefined}
                    onChange={(e) => set(i, { label: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    value={r.description}
                    maxLength={1000}
                    style={{ width: '100%', minWidth: '14rem' }}
                    aria-label={t('Beskrivning: {name}', { name })}
                    onChange={(e) => set(i, { description: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    inputMode="decimal"
                    className="count-input"
                    value={r.weight}
                    aria-label={t('Vikt: {name}', { name })}
                    aria-describedby="criteria-form-hint"
                    aria-invalid={invalid.has(i) ? true : undefined}
                    onChange={(e) => set(i, { weight: e.target.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      <FormButtons submitLabel={t('Spara kriterierna')} busy={action.busy} onCancel={onCancel}>
        <button type="button" className="secondary" onClick={() => setRows((rs) => [...rs, { id: '', original: '', label: '', description: '', weight: '1' }])}>
          {t('Lägg till kriterium')}
        </button>
      </FormButtons>
    </form>
  );
}

function RankingTable({ data, stageLabels }: { data: RankingResponse; stageLabels: string[] }) {
  const { t } = useI18n();
  if (data.ranking.length === 0) return <p>{t('Inga initiativ finns i de valda stegen.')}</p>;
  return (
    <>
      <p className="hint">{data.formula}</p>
      <DataTable
        label={t('Rangordnade initiativ')}
        caption={t('Rangordning av initiativ i stegen {stages} ({n} initiativ)', { stages: stageLabels.join(', '), n: data.ranking.length })}
        columns={[
          { num: t('Rang') },
          t('Initiativ'),
          t('Steg'),
          { num: t('Viktad poäng (1–5)') },
          { num: t('Poäng i procent') },
          { num: t('Bedömd andel av vikten') },
          { num: t('Deltagande kommuner') },
        ]}
      >
        <tbody>
          {data.ranking.map((r) => (
            <tr key={r.id}>
              <td className="num">{r.rank}</td>
              <th scope="row">
                <Link to={`/initiativ/${r.id}`}>{r.title}</Link>
                {!r.complete && (
                  <span className="hint" style={{ display: 'block', fontWeight: 400 }}>
                    {r.score === null ? t('Inte bedömt') : t('Saknar bedömning: {list}', { list: r.missing.join(', ') })}
                  </span>
                )}
              </th>
              <td>{t(r.stageLabel)}</td>
              <td className="num">{dec(r.score)}</td>
              <td className="num">{pct(r.percent)}</td>
              <td className="num">{pct(r.coverage * 100)}</td>
              <td className="num">{r.participating}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}

// Gate requirements the configuration may hold (src/domain/portfolio/stages.ts), in display order.
type ParamKind = 'min' | 'count';
interface RequirementSpec {
  key: string;
  label: string;
  param?: ParamKind;
  max?: number;
  make: (n: number) => GateRequirement;
}

const fieldReq = (field: GateField, label: string): RequirementSpec => ({ key: `field:${field}`, label, make: () => ({ kind: 'field', field }) });
const REQUIREMENTS: RequirementSpec[] = [
  fieldReq('description', 'Beskrivning är ifylld'),
  fieldReq('need', 'Behov/problem är ifyllt'),
  fieldReq('area', 'Verksamhetsområde är angivet'),
  fieldReq('collaborationForm', 'Samverkansform är angiven'),
  fieldReq('startYear', 'Planerad period (startår) är angiven'),
  { key: 'linkedItem', label: 'Minst en kopplad förmåga eller utmaning', make: () => ({ kind: 'linkedItem' }) },
  { key: 'benefitQualitative', label: 'Kvalitativ nyttobeskrivning', make: () => ({ kind: 'benefitQualitative' }) },
  { key: 'benefitEstimate', label: 'Nyttokalkyl (timmar eller kronor per år)', make: () => ({ kind: 'benefitEstimate' }) },
  { key: 'costEstimate', label: 'Kostnadsuppskattning', make: () => ({ kind: 'costEstimate' }) },
  { key: 'fundingSources', label: 'Finansieringskällor, minst antal', param: 'min', max: 20, make: (n) => ({ kind: 'fundingSources', min: n }) },
  { key: 'risks', label: 'Identifierade risker, minst antal', param: 'min', max: 50, make: (n) => ({ kind: 'risks', min: n }) },
  { key: 'minParticipating', label: 'Deltagande kommuner, minst antal', param: 'count', max: 500, make: (n) => ({ kind: 'minParticipating', count: n }) },
  { key: 'minInterested', label: 'Intresserade eller deltagande kommuner, minst antal', param: 'count', max: 500, make: (n) => ({ kind: 'minInterested', count: n }) },
  { key: 'qualificationScored', label: 'Bedömd på alla kvalificeringskriterier', make: () => ({ kind: 'qualificationScored' }) },
  { key: 'statusReports', label: 'Statusrapporter, minst antal', param: 'min', max: 100, make: (n) => ({ kind: 'statusReports', min: n }) },
  { key: 'realisedBenefit', label: 'Realiserad nytta rapporterad', make: () => ({ kind: 'realisedBenefit' }) },
];

const reqKey = (r: GateRequirement) => (r.kind === 'field' ? `field:${r.field}` : r.kind);
const reqParam = (r: GateRequirement): number | undefined => ('min' in r ? r.min : 'count' in r ? r.count : undefined);

type GateDraft = Record<string, Record<string, { on: boolean; n: string }>>;

function GatesSection({ config, onSaved }: { config: PortfolioConfig; onSaved: () => void }) {
  const { t } = useI18n();
  const label = (s: Stage) => t(config.stages.find((x) => x.id === s)?.label ?? s);
  const reachableFrom = (s: Stage) => config.stages.filter((x) => x.next.includes(s)).map((x) => label(x.id));
  return (
    <EditableSection
      id="gates-heading"
      title={t('Krav för att gå vidare till ett steg')}
      intro={<p>{t('Ett initiativ kan flyttas till ett steg först när stegets krav är uppfyllda. Varje beslut loggas med vem och varför.')}</p>}
      editLabel={t('Ändra kraven')}
      savedText={t('Kraven för stegen är sparade.')}
      onSaved={onSaved}
      form={(done) => <GatesForm config={config} {...done} />}
    >
      <DataTable label={t('Krav per steg')} caption={t('Krav per steg (grindar)')} columns={[t('Steg'), t('Krav för att nå steget'), t('Kan nås från')]}>
        <tbody>
          {config.stages.map((s) => (
            <tr key={s.id}>
              <th scope="row">{t(s.label)}</th>
              <td>
                {s.gate.length === 0 ? (
                  t('Inga krav')
                ) : (
                  <ul style={{ margin: 0, paddingLeft: '1.1rem' }}>
                    {s.gate.map((g, i) => (
                      <li key={i}>{g.description}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{reachableFrom(s.id).join(', ') || dash}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </EditableSection>
  );
}

function GatesForm({ config, onCancel, onSaved }: { config: PortfolioConfig; onCancel: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const id = useId();
  const [draft, setDraft] = useState<GateDraft>(() => {
    const d: GateDraft = {};
    for (const s of config.stages) {
      d[s.id] = {};
      const have = config.gates[s.id] ?? [];
      for (const spec of REQUIREMENTS) {
        const found = have.find((r) => reqKey(r) === spec.key);
        d[s.id][spec.key] = { on: !!found, n: String((found && reqParam(found)) ?? 1) };
      }
    }
    return d;
  });
  const [invalid, setInvalid] = useState<string[]>([]);
  const set = (stage: string, key: string, p: Partial<{ on: boolean; n: string }>) =>
    setDraft((d) => ({ ...d, [stage]: { ...d[stage], [key]: { ...d[stage][key], ...p } } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad: string[] = [];
    const gates: GateConfig = {};
    for (const s of config.stages) {
      const list: GateRequirement[] = [];
      for (const spec of REQUIREMENTS) {
        const v = draft[s.id][spec.key];
        if (!v.on) continue;
        let n = 1;
        if (spec.param) {
          const parsed = parseNumber(v.n);
          if (parsed === null || !Number.isInteger(parsed) || parsed < 1 || parsed > (spec.max ?? 100)) {
            bad.push(`${s.id}:${spec.key}`);
            continue;
          }
          n = parsed;
        }
        list.push(spec.make(n));
      }
      if (list.length) gates[s.id] = list;
    }
    setInvalid(bad);
    if (bad.length) {
      action.setError(t('Antalet ska vara ett heltal, 1 eller större.'));
      return;
    }
    void action.run(async () => {
      await put('/api/portfolio/gates', { gates });
      onSaved();
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('Ändra kraven för stegen')}</h3>
      <ErrorMessage message={action.message} />
      {config.stages.map((s) => (
        <fieldset key={s.id}>
          <legend>{t('Krav för att nå steget {stage}', { stage: t(s.label) })}</legend>
          <div className="checkbox-grid" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(20rem, 1fr))' }}>
            {REQUIREMENTS.map((spec) => {
              const v = draft[s.id][spec.key];
              const inputId = `${id}-${s.id}-${spec.key}`;
              return (
                <div key={spec.key} className="inline-check" style={{ flexWrap: 'wrap' }}>
                  <input type="checkbox" id={inputId} checked={v.on} onChange={(e) => set(s.id, spec.key, { on: e.target.checked })} />
                  <label htmlFor={inputId} style={{ fontWeight: 400 }}>
                    {t(spec.label)}
                  </label>
                  {spec.param && v.on && (
                    <input
                      type="number"
                      min={1}
                      max={spec.max}
                      step={1}
                      className="count-input"
                      value={v.n}
                      aria-label={t('{requirement}, antal för steget {stage}', { requirement: t(spec.label), stage: t(s.label) })}
                      aria-invalid={invalid.includes(`${s.id}:${spec.key}`) ? true : undefined}
                      onChange={(e) => set(s.id, spec.key, { n: e.target.value })}
                    />
                  )}
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
      <FormButtons submitLabel={t('Spara kraven')} busy={action.busy} onCancel={onCancel} />
    </form>
  );
}

// ---- Handlingsplan -------------------------------------------------------------------------------

function yearRangeError(from: number | null, to: number | null): string | null {
  if (from === null || to === null) return 'Ange år mellan 2000 och 2100.';
  if (to < from) return 'Slutåret kan inte vara före startåret.';
  if (to - from > 10) return 'Perioden får vara högst tio år.';
  return null;
}

export function HandlingsplanPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const from = validYear(params.get('fran')) ?? currentYear();
  const to = validYear(params.get('till')) ?? from + 1;
  const [fromInput, setFromInput] = useState(String(from));
  const [toInput, setToInput] = useState(String(to));
  const [formError, setFormError] = useState<string>();
  const periodError = yearRangeError(from, to);
  const state = useApi<{ handlingsplan: HandlingsplanModel }>(!periodError ? `/api/handlingsplan?from=${from}&to=${to}` : null, { keep: true });

  useEffect(() => {
    setFromInput(String(from));
    setToInput(String(to));
  }, [from, to]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const f = validYear(fromInput.trim());
    const tt = validYear(toInput.trim());
    const err = yearRangeError(f, tt);
    setFormError(err ? t(err) : undefined);
    if (err) return;
    setParams({ fran: String(f), till: String(tt) });
  };

  const periodText = from === to ? String(from) : `${from}–${to}`;
  const errorId = formError ? 'hp-error' : undefined;
  return (
    <PortfolioPage
      title={t('Handlingsplan')}
      intro={t(
        'Handlingsplanen för en period innehåller initiativen i stegen Prioriterad och Genomförande vars planerade period överlappar den valda perioden, i rangordning efter viktad kvalificeringspoäng.',
      )}
    >
      <FilterForm label={t('Välj period')} submitLabel={t('Visa handlingsplanen')} onSubmit={submit} error={formError} errorId="hp-error">
        <YearField id="hp-from" label={t('Från år')} value={fromInput} onChange={setFromInput} errorId={errorId} />
        <YearField id="hp-to" label={t('Till år')} value={toInput} onChange={setToInput} errorId={errorId} />
      </FilterForm>
      {periodError ? (
        <ErrorMessage message={t(periodError)} />
      ) : (
        <>
          <DownloadLinks
            id="hp-download"
            title={t('Ladda ned handlingsplanen {period}', { period: periodText })}
            formats={['docx', 'pdf', 'xlsx']}
            href={(f) => `/api/handlingsplan?from=${from}&to=${to}&format=${f}`}
            what={t('handlingsplan {period}', { period: periodText })}
          />
          <AsyncView state={state}>{(d) => <HandlingsplanPreview model={d.handlingsplan} />}</AsyncView>
        </>
      )}
    </PortfolioPage>
  );
}

function HandlingsplanPreview({ model }: { model: HandlingsplanModel }) {
  const { t } = useI18n();
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : dash);
  return (
    <Section id="hp-preview" title={t('Förhandsgranskning: {title}', { title: model.title })}>
      <dl className="facts">
        <dt>{t('Kommunalförbund')}</dt>
        <dd>{model.association}</dd>
        <dt>{t('Framtagen')}</dt>
        <dd>{model.generatedAt.slice(0, 10)}</dd>
        <dt>{t('Antal initiativ')}</dt>
        <dd>{model.totals.initiatives}</dd>
        <dt>{t('Deltagande kommuner')}</dt>
        <dd>{model.totals.municipalities}</dd>
        <dt>{t('Uppskattad kostnad totalt')}</dt>
        <dd>{kr(model.totals.estimatedCost)}</dd>
        <dt>{t('Ekonomisk nytta per år totalt')}</dt>
        <dd>{kr(model.totals.sekPerYear)}</dd>
        <dt>{t('Frigjord tid per år totalt')}</dt>
        <dd>{t('{n} timmar', { n: int(model.totals.hoursPerYear) })}</dd>
      </dl>
      {model.rows.length === 0 ? (
        <p>{t('Inga initiativ i stegen Prioriterad eller Genomförande har en planerad period som överlappar perioden.')}</p>
      ) : (
        <DataTable
          label={t('Prioriterade initiativ')}
          caption={t('{title}: prioriterade initiativ i rangordning', { title: model.title })}
          columns={[
            { num: t('Rang') },
            t('Initiativ'),
            t('Steg'),
            t('Omfattning'),
            t('Verksamhetsområde'),
            t('Period'),
            t('Deltagande kommuner'),
            t('Intresserade kommuner'),
            t('Andra aktörer'),
            { num: t('Viktad poäng (1–5)') },
            { num: t('Uppskattad kostnad') },
            { num: t('Ekonomisk nytta per år') },
            { num: t('Frigjord tid (timmar per år)') },
            t('Finansiering'),
          ]}
        >
          <tbody>
            {model.rows.map((r) => (
              <tr key={r.id}>
                <td className="num">{r.rank}</td>
                <th scope="row">
                  <Link to={`/initiativ/${r.id}`}>{r.title}</Link>
                </th>
                <td>{t(r.stage)}</td>
                <td>{t(r.scope)}</td>
                <td>{r.area ? t(r.area) : dash}</td>
                <td>{r.period}</td>
                <td>{list(r.participating)}</td>
                <td>{list(r.interested)}</td>
                <td>{list(r.actors)}</td>
                <td className="num">{dec(r.weightedScore)}</td>
                <td className="num">{kr(r.estimatedCost)}</td>
                <td className="num">{kr(r.sekPerYear)}</td>
                <td className="num">{int(r.hoursPerYear)}</td>
                <td>{r.funding || dash}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <NoteList title={t('Att observera')} notes={model.notes} />
      <DataTable
        label={t('Kvalificeringskriterier i handlingsplanen')}
        caption={t('Kvalificeringskriterier och vikter i handlingsplanen')}
        columns={[t('Kriterium'), { num: t('Vikt') }, t('Beskrivning')]}
      >
        <tbody>
          {model.criteria.map((c) => (
            <tr key={c.label}>
              <th scope="row">{c.label}</th>
              <td className="num">{dec(c.weight)}</td>
              <td>{c.description}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Section>
  );
}

// ---- Uppföljning: overdue status reports --------------------------------------------------------

export function FollowUpPage() {
  const { t } = useI18n();
  const admin = useIsAdmin();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? '';
  const grace = params.get('marginal') ?? '';
  const qs = new URLSearchParams();
  if (period) qs.set('period', period);
  if (grace) qs.set('graceDays', grace);
  const query = qs.toString();
  const state = useApi<OverdueResponse>(admin ? `/api/followup/overdue${query ? `?${query}` : ''}` : null, { keep: true });
  const [periodInput, setPeriodInput] = useState(period);
  const [graceInput, setGraceInput] = useState(grace);
  const [formError, setFormError] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = periodInput.trim().toUpperCase();
    const g = graceInput.trim();
    if (p && !/^\d{4}(-(H[12]|Q[1-4]))?$/.test(p)) {
      setFormError(t('Perioden ska skrivas 2025, 2025-H1 eller 2025-Q2.'));
      return;
    }
    if (g && !(/^\d+$/.test(g) && Number(g) <= 365)) {
      setFormError(t('Marginalen ska vara ett heltal 0–365.'));
      return;
    }
    setFormError(undefined);
    const next: Record<string, string> = {};
    if (p) next.period = p;
    if (g) next.marginal = g;
    setParams(next);
  };

  return (
    <PortfolioPage
      title={t('Uppföljning av statusrapporter')}
      intro={t(
        'Initiativ i Genomförande och Avslutad / Nyttohemtagning lämnar en statusrapport per period. En rapport är försenad när den saknas ett visst antal dagar efter periodens slut.',
      )}
    >
      {!admin ? (
        <p className="notice-info">
          {t('Översikten över försenade statusrapporter är förbundets vy. Statusrapporter lämnas på initiativets sida.')}{' '}
          <Link to="/initiativ">{t('Till initiativen')}</Link>
        </p>
      ) : (
        <>
          <FilterForm label={t('Välj period')} submitLabel={t('Visa')} onSubmit={submit} error={formError} errorId="fu-error">
            <Control
              id="fu-period"
              label={t('Period')}
              hint={t('Till exempel 2025-Q2, 2025-H1 eller 2025. Tomt: senast avslutade kvartal.')}
              invalid={!!formError}
              describedBy={formError ? 'fu-error' : undefined}
            >
              {(a) => <input {...a} type="text" value={periodInput} onChange={(e) => setPeriodInput(e.target.value)} />}
            </Control>
            <Control id="fu-grace" label={t('Marginal i dagar efter periodens slut')} hint={t('Tomt: 30 dagar.')}>
              {(a) => <input {...a} type="number" min={0} max={365} className="count-input" value={graceInput} onChange={(e) => setGraceInput(e.target.value)} />}
            </Control>
          </FilterForm>
          <AsyncView state={state}>
            {(d) => (
              <Section id="fu-heading" title={t('Försenade statusrapporter för {period}', { period: d.period })}>
                <p>{t('Rapporten skulle lämnas senast {days} dagar efter periodens slut. Dagens datum: {today}.', { days: d.graceDays, today: d.today })}</p>
                {d.overdue.length === 0 ? (
                  <p className="notice">{t('Inga statusrapporter är försenade för {period}.', { period: d.period })}</p>
                ) : (
                  <DataTable
                    label={t('Försenade statusrapporter')}
                    caption={t('Försenade statusrapporter för {period} ({n} initiativ)', { period: d.period, n: d.overdue.length })}
                    columns={[t('Initiativ'), t('Period'), t('Skulle lämnas senast'), { num: t('Dagar försenad') }]}
                  >
                    <tbody>
                      {d.overdue.map((o) => (
                        <tr key={`${o.initiativeId}-${o.period}`}>
                          <th scope="row">
                            <Link to={`/initiativ/${o.initiativeId}`}>{o.title}</Link>
                          </th>
                          <td>{o.period}</td>
                          <td>{o.dueDate}</td>
                          <td className="num">{o.daysOverdue}</td>
                        </tr>
                      ))}
                    </tbody>
                  </DataTable>
                )}
              </Section>
            )}
          </AsyncView>
        </>
      )}
    </PortfolioPage>
  );
}

// ---- Indikatorer, medel och nätverk -----------------------------------------------------------------

export function IndicatorsPage() {
  const { t } = useI18n();
  const admin = useIsAdmin();
  const [params, setParams] = useSearchParams();
  const year = validYear(params.get('ar')) ?? currentYear();
  const [yearInput, setYearInput] = useState(String(year));
  const [formError, setFormError] = useState<string>();
  const state = useApi<IndicatorsResponse>(`/api/indicators?year=${year}`, { keep: true });
  const networks = useApi<{ networks: Network[] }>('/api/networks', { keep: true });

  useEffect(() => setYearInput(String(year)), [year]);
  // Without a chosen year, a year without expected values gives way to the latest year that has them.
  const years = state.data?.years;
  useEffect(() => {
    if (params.get('ar') || !years?.length || years.includes(year)) return;
    const latest = [...years].reverse().find((y) => y <= year) ?? years[years.length - 1];
    setParams({ ar: String(latest) }, { replace: true });
  }, [years, year, params, setParams]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const y = validYear(yearInput.trim());
    if (y === null) {
      setFormError(t('Ange år mellan 2000 och 2100.'));
      return;
    }
    setFormError(undefined);
    setParams({ ar: String(y) });
  };

  return (
    <PortfolioPage
      title={t('Regionala indikatorer och rekvirerade medel')}
      intro={t(
        'Indikatorerna som förbundet rapporterar till regionen, förväntat värde mot utfall. Där plattformen har underlaget (deltagande i initiativ, nätverk, mätomgångar) beräknas utfallet; annars visas det rapporterade värdet.',
      )}
    >
      <FilterForm label={t('Välj år')} submitLabel={t('Visa')} onSubmit={submit} error={formError} errorId="ind-error">
        <YearField id="ind-year" label={t('År')} value={yearInput} onChange={setYearInput} errorId={formError ? 'ind-error' : undefined} />
      </FilterForm>
      <AsyncView state={state}>
        {(d) => (
          <>
            <IndicatorTable data={d} />
            <DownloadLinks
              id="ind-export"
              title={t('Ladda ned indikatorerna {year}', { year: d.year })}
              formats={['xlsx', 'docx', 'pdf']}
              href={(f) => `/api/indicators/export?year=${d.year}&format=${f}`}
              what={t('indikatorer {year}', { year: d.year })}
            />
            {admin && <IndicatorForms data={d} onSaved={state.reload} />}
            <Section id="funding-heading" title={t('Rekvirerade medel per kostnadsslag')}>
              {d.funding.length === 0 ? (
                <p>{t('Inga projektmedel är registrerade.')}</p>
              ) : (
                d.funding.map((p) => (
                  <Fragment key={p.id}>
                    <FundingView project={p} />
                    {admin && <FundingForm project={p} onSaved={state.reload} />}
                  </Fragment>
                ))
              )}
            </Section>
          </>
        )}
      </AsyncView>
      <NetworksSection
        state={networks}
        onChanged={() => {
          networks.reload();
          state.reload();
        }}
      />
    </PortfolioPage>
  );
}

function IndicatorTable({ data }: { data: IndicatorsResponse }) {
  const { t } = useI18n();
  const synthesised = data.indicators.some((r) => r.synthesised);
  return (
    <Section id="ind-heading" title={t('Indikatorer {year}', { year: data.year })}>
      {synthesised && (
        <p className="demo-banner-inline">
          <span className="tag">DEMO</span>{' '}
          {t('Utfall beräknade ur syntetiserade demodata visar hur indikatorn räknas, inte verkliga förhållanden. Det publicerade utfallet visas bredvid, med sin källa.')}
        </p>
      )}
      <DataTable
        label={t('Regionala indikatorer')}
        caption={t('Regionala indikatorer {year}: förväntat och utfall', { year: data.year })}
        columns={[
          t('Indikator'),
          { num: t('Förväntat') },
          { num: t('Utfall') },
          t('Källa'),
          t('Bas'),
          { num: 'n' },
          { num: t('Publicerat utfall') },
          t('Uppnått'),
          t('Kommentar'),
        ]}
      >
        <tbody>
          {data.indicators.map((r) => (
            <tr key={r.indicator} data-indicator={r.indicator}>
              <th scope="row">{t(r.label)}</th>
              <td className="num">{indicatorValue(r.expected, r.unit)}</td>
              <td className="num">
                <strong>{indicatorValue(r.outcome, r.unit)}</strong>
              </td>
              <td>{r.computed ? (r.synthesised ? t('Beräknad ur syntetiserade demodata') : t('Beräknad ur plattformens data')) : t('Rapporterad uppgift')}</td>
              <td>{r.base}</td>
              <td className="num">{r.n ?? dash}</td>
              <td className="num">
                {indicatorValue(r.reported, r.unit)}
                {r.reportedSource && (
                  <>
                    <br />
                    <span className="hint">{t('Källa: {source}', { source: r.reportedSource })}</span>
                  </>
                )}
              </td>
              <td>{r.met === null ? dash : r.met ? t('Ja') : t('Nej')}</td>
              <td>{r.note || dash}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="hint">
        {t(
          'Andelen kommuner med ökad digital mognad beräknas genom att den senaste stängda mätomgången av Digital mognad som avslutats senast det valda året jämförs med den första; en kommun räknas när förändringen är minst instrumentets minsta meningsfulla förändring. Basen är kommunerna med resultat i båda omgångarna.',
        )}
      </p>
    </Section>
  );
}

function IndicatorForms({ data, onSaved }: { data: IndicatorsResponse; onSaved: () => void }) {
  const { t } = useI18n();
  return (
    <Section id="ind-edit" title={t('Förväntade värden och rapporterade utfall {year}', { year: data.year })}>
      <p className="hint">
        {t('Andelar anges i procent (0–100). Ett rapporterat utfall visas bara när plattformen inte kan beräkna indikatorn; det sparas ändå för jämförelse.')}
      </p>
      {data.indicators.map((r) => (
        <IndicatorForm key={`${data.year}-${r.indicator}`} year={data.year} row={r} onSaved={onSaved} />
      ))}
    </Section>
  );
}

function IndicatorForm({ year, row, onSaved }: { year: number; row: IndicatorRow; onSaved: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const action = useAction();
  const show = (v: number | null) => (v === null ? '' : String(v).replace('.', ','));
  const [expected, setExpected] = useState(show(row.expected));
  const [reported, setReported] = useState(show(row.reported));
  const [note, setNote] = useState(row.note);
  const [source, setSource] = useState(row.reportedSource ?? '');
  const [invalid, setInvalid] = useState<string[]>([]);
  const unit = row.unit === 'procent' ? t('procent') : t('antal');
  const max = row.unit === 'procent' ? 100 : 1_000_000;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ex = parseNumber(expected);
    const rp = parseNumber(reported);
    const bad = [
      ...(ex !== null && (Number.isNaN(ex) || ex < 0 || ex > max) ? ['expected'] : []),
      ...(rp !== null && (Number.isNaN(rp) || rp < 0 || rp > max) ? ['reported'] : []),
    ];
    setInvalid(bad);
    if (bad.length) {
      action.setError(row.unit === 'procent' ? t('Ange en andel i procent, 0–100, eller lämna fältet tomt.') : t('Ange ett tal, 0 eller större, eller lämna fältet tomt.'));
      return;
    }
    void action.run(async () => {
      await put(`/api/indicators/${year}/${row.indicator}`, { expected: ex, reported: rp, note: note.trim(), source: source.trim() });
      onSaved();
      return t('Sparat: {label}', { label: t(row.label) });
    });
  };

  const decimal = (key: 'e' | 'r', label: string, value: string, onChange: (v: string) => void, invalidKey: string) => (
    <Control id={`${id}-${key}`} label={label} invalid={invalid.includes(invalidKey)}>
      {(a) => <input {...a} type="text" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Control>
  );

  return (
    <form onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t(row.label)}</legend>
        <ActionMessages action={action} />
        <div className="field-row">
          {decimal('e', t('Förväntat ({unit})', { unit }), expected, setExpected, 'expected')}
          {decimal('r', t('Rapporterat utfall ({unit})', { unit }), reported, setReported, 'reported')}
        </div>
        <Control id={`${id}-s`} label={t('Källa för rapporterat utfall (rapportens titel och år)')}>
          {(a) => <input {...a} type="text" maxLength={300} value={source} onChange={(e) => setSource(e.target.value)} />}
        </Control>
        <Control id={`${id}-n`} label={t('Kommentar')}>
          {(a) => <textarea {...a} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Control>
        <button type="submit" disabled={action.busy}>
          {t('Spara')}
          <span className="visually-hidden">: {t(row.label)}</span>
        </button>
      </fieldset>
    </form>
  );
}

function FundingChart({ project }: { project: FundingProjectView }) {
  const { t, lang } = useI18n();
  const rows = project.followUp.rows;
  const option = useMemo(
    () => ({
      ...CHART_BASE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => kr(typeof v === 'number' ? v : null) },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => intFormat.format(v) } },
      yAxis: { type: 'category', data: rows.map((r) => translate(lang, r.label)), inverse: true },
      series: [
        { type: 'bar', name: translate(lang, 'Ansökan'), data: rows.map((r) => r.applied) },
        { type: 'bar', name: translate(lang, 'Rekvirerat'), data: rows.map((r) => r.requisitioned) },
      ],
    }),
    [rows, lang],
  );
  const top = rows.length ? rows.reduce((a, b) => (b.requisitioned > a.requisitioned ? b : a)) : null;
  const summary = [
    t('Stapeldiagram: ansökt och rekvirerat per kostnadsslag i kronor, {name}.', { name: project.name }),
    top ? t('Mest rekvirerat: {label} ({amount}).', { label: t(top.label), amount: kr(top.requisitioned) }) : '',
    t('Alla värden finns i tabellen under diagrammet.'),
  ]
    .filter(Boolean)
    .join(' ');
  return <EChart option={option} label={summary} height={Math.max(180, rows.length * 44 + 90)} />;
}

function FundingView({ project: p }: { project: FundingProjectView }) {
  const { t } = useI18n();
  const id = useId();
  const f = p.followUp;
  return (
    <figure className="result-figure" aria-labelledby={`${id}-t`}>
      <figcaption>
        <h3 id={`${id}-t`}>{p.name}</h3>
        <dl className="facts">
          {p.reference && (
            <>
              <dt>{t('Diarienummer')}</dt>
              <dd>{p.reference}</dd>
            </>
          )}
          <dt>{t('Projektperiod')}</dt>
          <dd>{p.periodFrom || p.periodTo ? `${p.periodFrom ?? '…'} – ${p.periodTo ?? '…'}` : dash}</dd>
          <dt>{t('Rekvirerat till och med')}</dt>
          <dd>{p.requisitionedUntil ?? dash}</dd>
          <dt>{t('Rekvirerat av ansökta medel')}</dt>
          <dd>{pct(f.requisitionedPercent)}</dd>
        </dl>
      </figcaption>
      {f.rows.length > 0 && <FundingChart project={p} />}
      <DataTable
        label={t('Medel per kostnadsslag: {name}', { name: p.name })}
        caption={t('Medel per kostnadsslag: {name} (kronor){until}', {
          name: p.name,
          until: p.requisitionedUntil ? t(', rekvirerat till och med {date}', { date: p.requisitionedUntil }) : '',
        })}
        columns={[t('Kostnadsslag'), { num: t('Ansökan') }, { num: t('Rekvirerat') }, { num: t('Kvarstår') }]}
      >
        <tbody>
          {f.rows.map((r) => (
            <tr key={r.costType}>
              <th scope="row">{t(r.label)}</th>
              <td className="num">{kr(r.applied)}</td>
              <td className="num">{kr(r.requisitioned)}</td>
              <td className="num">
                {kr(r.remaining)}
                {r.overspent && <span className="hint"> ({t('överskridet')})</span>}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('Totalt')}</th>
            <td className="num">{kr(f.total.applied)}</td>
            <td className="num">{kr(f.total.requisitioned)}</td>
            <td className="num">{kr(f.total.remaining)}</td>
          </tr>
        </tfoot>
      </DataTable>
      <NoteList title={t('Att kontrollera')} notes={f.issues} />
    </figure>
  );
}

/** The association updates a project's applied and requisitioned amounts per cost type (PUT /api/funding). */
function FundingForm({ project: p, onSaved }: { project: FundingProjectView; onSaved: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const action = useAction();
  const [until, setUntil] = useState(p.requisitionedUntil ?? '');
  const [amounts, setAmounts] = useState(() => p.followUp.rows.map((r) => ({ costType: r.costType, label: r.label, applied: String(r.applied), requisitioned: String(r.requisitioned) })));
  const [invalid, setInvalid] = useState<string[]>([]);
  const setAmount = (i: number, key: 'applied' | 'requisitioned', v: string) => setAmounts((xs) => xs.map((x, k) => (k === i ? { ...x, [key]: v } : x)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const rows = amounts.map((a) => ({ costType: a.costType, applied: parseNumber(a.applied), requisitioned: parseNumber(a.requisitioned) }));
    const bad = rows.flatMap((r, i) => (['applied', 'requisitioned'] as const).filter((k) => r[k] === null || Number.isNaN(r[k]) || (r[k] as number) < 0).map((k) => `${i}-${k}`));
    setInvalid(bad);
    if (bad.length) {
      action.setError(t('Ange belopp i kronor, 0 eller större, för varje kostnadsslag.'));
      return;
    }
    void action.run(async () => {
      await put('/api/funding', {
        name: p.name,
        reference: p.reference,
        periodFrom: p.periodFrom,
        periodTo: p.periodTo,
        requisitionedUntil: until.trim() || null,
        rows,
      });
      onSaved();
      return t('Sparat: {label}', { label: p.name });
    });
  };

  return (
    <details>
      <summary>{t('Uppdatera belopp: {name}', { name: p.name })}</summary>
      <form onSubmit={submit} noValidate>
        <ActionMessages action={action} />
        <Field label={t('Rekvirerat till och med (ÅÅÅÅ-MM-DD)')} value={until} onChange={(e) => setUntil(e.target.value)} />
        {amounts.map((a, i) => (
          <fieldset key={a.costType}>
            <legend>{t(a.label)}</legend>
            <div className="field-row">
              {(['applied', 'requisitioned'] as const).map((k) => (
                <Control key={k} id={`${id}-${i}-${k}`} label={k === 'applied' ? t('Ansökan (kr)') : t('Rekvirerat (kr)')} invalid={invalid.includes(`${i}-${k}`)}>
                  {(attrs) => <input {...attrs} type="text" inputMode="numeric" value={a[k]} onChange={(e) => setAmount(i, k, e.target.value)} />}
                </Control>
              ))}
            </div>
          </fieldset>
        ))}
        <FormButtons submitLabel={t('Spara beloppen')} busy={action.busy} />
      </form>
    </details>
  );
}

function NetworksSection({ state, onChanged }: { state: { data?: { networks: Network[] }; error?: string; loading: boolean }; onChanged: () => void }) {
  const { t } = useI18n();
  const admin = useIsAdmin();
  const action = useAction();
  const toggle = (n: Network) =>
    action.run(async () => {
      await patch(`/api/networks/${n.id}`, { active: !n.active });
      onChanged();
      return n.active ? t('{name} är markerat som inaktivt.', { name: n.name }) : t('{name} är markerat som aktivt.', { name: n.name });
    });
  return (
    <Section id="networks-heading" title={t('Delregionala nätverk')}>
      <p>{t('Aktiva nätverk vars period omfattar året räknas i indikatorn för aktiva nätverk.')}</p>
      <ActionMessages action={action} />
      <AsyncView state={state}>
        {(d) =>
          d.networks.length === 0 ? (
            <p>{t('Inga nätverk är registrerade.')}</p>
          ) : (
            <DataTable
              label={t('Delregionala nätverk')}
              caption={t('Delregionala nätverk ({n})', { n: d.networks.length })}
              columns={[t('Nätverk'), t('Beskrivning'), t('Period'), t('Aktivt'), admin && t('Åtgärd')]}
            >
              <tbody>
                {d.networks.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">{n.name}</th>
                    <td>{n.description || dash}</td>
                    <td>{n.startYear === null && n.endYear === null ? t('Tills vidare') : yearSpan(n.startYear, n.endYear)}</td>
                    <td>{n.active ? t('Ja') : t('Nej')}</td>
                    {admin && (
                      <td>
                        <button type="button" className="secondary" disabled={action.busy} onClick={() => toggle(n)}>
                          {n.active ? t('Markera som inaktivt') : t('Markera som aktivt')}
                          <span className="visually-hidden">: {n.name}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </AsyncView>
    </Section>
  );
}
