// Resultat: dashboards of a round (DOMAIN.md §5) — the regional overview, a municipality against the
// region, change between two rounds — with filters for respondent type and verksamhetsområde. What
// each role sees is decided by the server (src/domain/analysis/views.ts); the pages show every figure
// they are given, each with its base and n, a table alternative and a CSV download.
import { useDeferredValue, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { FigureView, formatCell, useNearViewport, type Figure } from '../components/charts.tsx';
import { SelectField } from '../components/forms.tsx';
import type * as contracts from '../../contracts/analysis.ts';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import { endpointUrl, lite } from '../api.ts';
import { filterInput, listAnalysisRounds, regionalAnalysis, regionalInput } from '../first-load.ts';
import { useMunicipalities } from '../components/hooks.ts';
import { AsyncView, DataTable, ErrorMessage, Loading, Page } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpoint } from '../query.ts';
import { useSession } from '../session.tsx';
import { DataQualityPanel } from './data-quality-panel.tsx';

// ---- API shapes (src/contracts/analysis.ts) -----------------------------------------------------

// The endpoints by method and path (the page does not load the contracts' schemas); the regional view
// and the list of rounds are in first-load.ts (asked for as the app starts).
const regionalFigure = lite<typeof contracts.regionalFigure>('GET', '/api/rounds/:id/analysis/figures/:figure');
const municipalityAnalysis = lite<typeof contracts.municipalityAnalysis>('GET', '/api/rounds/:id/analysis/municipalities/:code');
const compareAnalysis = lite<typeof contracts.compareAnalysis>('GET', '/api/rounds/:id/analysis/compare/:otherId');

type RoundChoice = ResponseOf<typeof listAnalysisRounds>['rounds'][number];
type View = ResponseOf<typeof regionalAnalysis>;

const STATUS_LABEL: Record<RoundChoice['status'], string> = { draft: 'Utkast', open: 'Öppen', closed: 'Stängd' };

// ---- Helpers -------------------------------------------------------------------------------------

/** The filter query (respondentType, area) of the current URL. */
function useFilterQuery() {
  const [params] = useSearchParams();
  const q = new URLSearchParams();
  for (const k of ['respondentType', 'area', 'measure']) {
    const v = params.get(k);
    if (v) q.set(k, v);
  }
  return q;
}

function withQuery(path: string, q: URLSearchParams, extra: Record<string, string> = {}) {
  const p = new URLSearchParams(q);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

const SECTIONS: Array<{ title: string; match: (id: string) => boolean }> = [
  { title: 'Publicerade aggregat', match: (id) => id.startsWith('publicerad-') },
  { title: 'Kommunen mot regionen', match: (id) => id === 'kommun-mot-region' || id === 'kommun-grupper' || id === 'kommun-kvadrant' },
  { title: 'Regionen', match: (id) => id === 'region-fragor' || id === 'region-grupper' },
  { title: 'Kommunerna', match: (id) => id === 'kommuner' || id.startsWith('kvadrant') },
  { title: 'Värmekarta', match: (id) => id === 'varmekarta' },
  { title: 'Svarsfördelningar', match: (id) => id.startsWith('fordelning') || id.startsWith('kommun-fordelning') },
  { title: 'Förändring', match: (id) => id.startsWith('forandring') },
  { title: 'Förbättring, mål och samverkan', match: (id) => ['samverkanskandidater', 'malgap', 'kommun-forbattring', 'kommun-malgap'].includes(id) },
  { title: 'Fritextsvar', match: (id) => id === 'fritext' || id === 'kommun-fritext' },
  { title: 'Datakvalitet', match: (id) => id === 'datakvalitet' },
];

/** "Föreslå som initiativ": a samverkanskandidat becomes a proposal (pages/initiatives.tsx, /initiativ/nytt?round=&item=). */
function ProposeCandidate({ fig, roundId }: { fig: Figure; roundId: number }) {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const [item, setItem] = useState(fig.rows[0]?.key ?? '');
  const filters = useFilterQuery();
  if (!(user?.role === 'forbundsadmin' || user?.role === 'kommunansvarig') || fig.rows.length === 0) return null;
  return (
    <form
      className="results-filters"
      aria-label={t('Föreslå som initiativ')}
      onSubmit={(e) => {
        e.preventDefault();
        if (item) navigate(withQuery('/initiativ/nytt', filters, { round: String(roundId), item }));
      }}
    >
      <SelectField label={t('Samverkanskandidat')} value={item} onChange={(e) => setItem(e.target.value)} entries={fig.rows.map((r) => [r.key, r.label])} />
      <button type="submit">{t('Föreslå som initiativ')}</button>
    </form>
  );
}

/**
 * A large figure the regional view left out (defer=true): its caption at once, its rows fetched when it
 * comes near the viewport (the same figure of the same view, GET …/analysis/figures/:figure).
 */
function DeferredFigure({ stub, roundId, query, csvUrl, suppressionMin }: { stub: Figure; roundId: number; query: URLSearchParams; csvUrl: string; suppressionMin: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref, true);
  const filters = { respondentType: query.get('respondentType') ?? undefined, area: query.get('area') ?? undefined };
  const state = useEndpoint(regionalFigure, near ? { params: { id: roundId, figure: stub.id }, query: filters } : null);
  const fig = state.data?.figure;
  return (
    <div ref={ref}>
      <FigureView
        fig={fig ?? stub}
        csvUrl={csvUrl}
        suppressionMin={suppressionMin}
        placeholder={fig ? undefined : <div className="figure-pending">{state.error ? <ErrorMessage message={state.error} /> : <Loading />}</div>}
      />
    </div>
  );
}

const NO_FIGURES: Figure[] = [];

function Figures({
  figures,
  apiPath,
  query,
  suppressionMin,
  roundId,
  deferred = [],
}: {
  figures: Figure[];
  apiPath: string;
  query: URLSearchParams;
  suppressionMin: number;
  /** The round of a regional view: its samverkanskandidater can be proposed as initiatives. */
  roundId?: number;
  /** Figures of a regional view sent without rows (defer=true), fetched when shown. */
  deferred?: string[];
}) {
  const { t } = useI18n();
  // The figures are rendered after the rest of the page, in the background (a transition React splits
  // into short tasks): the page's heading and controls are shown at once, and a page with many figures
  // does not block the browser while they render (issue 15: total blocking time).
  const shown = useDeferredValue(figures, NO_FIGURES);
  const sections = SECTIONS.map((s) => ({ ...s, figures: shown.filter((f) => s.match(f.id)) })).filter((s) => s.figures.length);
  const rest = shown.filter((f) => !SECTIONS.some((s) => s.match(f.id)));
  if (rest.length) sections.push({ title: 'Övrigt', match: () => false, figures: rest });
  return (
    <>
      {sections.map((s) => (
        <section key={s.title} aria-label={t(s.title)}>
          <h2>{t(s.title)}</h2>
          {s.figures.map((f) =>
            deferred.includes(f.id) && roundId !== undefined ? (
              <DeferredFigure key={f.id} stub={f} roundId={roundId} query={query} suppressionMin={suppressionMin} csvUrl={withQuery(apiPath, query, { format: 'csv', figure: f.id })} />
            ) : (
              <FigureView key={f.id} fig={f} suppressionMin={suppressionMin} csvUrl={withQuery(apiPath, query, { format: 'csv', figure: f.id })}>
                {f.id === 'samverkanskandidater' && roundId !== undefined && <ProposeCandidate fig={f} roundId={roundId} />}
              </FigureView>
            ),
          )}
        </section>
      ))}
    </>
  );
}

function FilterForm({ view }: { view: View }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [type, setType] = useState(params.get('respondentType') ?? '');
  const [area, setArea] = useState(params.get('area') ?? '');
  useEffect(() => {
    setType(params.get('respondentType') ?? '');
    setArea(params.get('area') ?? '');
  }, [params]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams(params);
    if (type) p.set('respondentType', type);
    else p.delete('respondentType');
    if (area) p.set('area', area);
    else p.delete('area');
    setParams(p);
  };
  const types = view.filters.options.respondentTypes;
  return (
    <form className="results-filters" onSubmit={submit} aria-label={t('Filter')}>
      {types.length > 0 && (
        <SelectField
          label={t('Respondenttyp')}
          value={type}
          onChange={(e) => setType(e.target.value)}
          empty={t('Alla respondenttyper')}
          entries={types.map((o) => [o.id, o.label])}
        />
      )}
      <SelectField
        label={t('Verksamhetsområde')}
        value={area}
        onChange={(e) => setArea(e.target.value)}
        empty={t('Alla verksamhetsområden')}
        entries={view.filters.options.areas.map((a) => [a.id, a.label])}
      />
      <button type="submit">{t('Filtrera')}</button>
    </form>
  );
}

function Summary({ view }: { view: View }) {
  const { t } = useI18n();
  const filters = [
    view.filters.respondentType &&
      t('respondenttyp {name}', { name: view.filters.options.respondentTypes.find((o) => o.id === view.filters.respondentType)?.label ?? view.filters.respondentType }),
    view.filters.area && t('verksamhetsområde {name}', { name: view.filters.options.areas.find((a) => a.id === view.filters.area)?.label ?? view.filters.area }),
  ].filter(Boolean);
  return (
    <>
      <p>
        {view.round.instrumentTitle} · {view.round.periodStart} – {view.round.periodEnd} · {t(STATUS_LABEL[view.round.status as RoundChoice['status']] ?? 'Utkast')}
        {filters.length ? ` · ${t('Filter')}: ${filters.join(', ')}` : ''}
      </p>
      <ul className="results-summary">
        <li>{t('n = {n} svarande (bas: respondenter)', { n: view.summary.respondents.n })}</li>
        <li>{t('n = {n} kommuner (bas: kommuner)', { n: view.summary.municipalities.n })}</li>
        {view.summary.leftOut.n > 0 && <li>{t('{n} kommuner med för få svar ingår inte', { n: view.summary.leftOut.n })}</li>}
      </ul>
      <p className="notice-info">{view.viewer.description}</p>
      <details>
        <summary>{t('Så räknas siffrorna')}</summary>
        <ul>
          {view.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </details>
    </>
  );
}

/** Links to the other dashboards of the round. */
function ResultsNav({ view, children }: { view: View; children?: ReactNode }) {
  const { t } = useI18n();
  const { user } = useSession();
  const { nameOf, sortCodes } = useMunicipalities();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const query = useFilterQuery();
  const own = user?.role === 'kommunansvarig' ? view.round.municipalities : [];
  return (
    <nav aria-label={t('Resultatvyer')}>
      <ul className="results-nav">
        <li>
          <Link to={withQuery(`/resultat/${view.round.id}`, query)}>{t('Regional översikt')}</Link>
        </li>
        {own.map((c) => (
          <li key={c}>
            <Link to={withQuery(`/resultat/${view.round.id}/kommun/${c}`, query)}>{t('{name} mot regionen', { name: nameOf(c) })}</Link>
          </li>
        ))}
        {children}
      </ul>
      {user?.role === 'forbundsadmin' && view.round.municipalities.length > 0 && (
        <form
          className="results-filters"
          onSubmit={(e) => {
            e.preventDefault();
            if (code) navigate(withQuery(`/resultat/${view.round.id}/kommun/${code}`, query));
          }}
        >
          <SelectField
            label={t('Kommun mot regionen')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            empty={t('Välj kommun')}
            entries={sortCodes(view.round.municipalities).map((c) => [c, nameOf(c)])}
          />
          <button type="submit" className="secondary">
            {t('Visa kommunen')}
          </button>
        </form>
      )}
    </nav>
  );
}

function CompareForm({ roundId, instrument }: { roundId: number; instrument: string }) {
  const { t } = useI18n();
  const rounds = useEndpoint(listAnalysisRounds, undefined);
  const navigate = useNavigate();
  const [other, setOther] = useState('');
  const choices = (rounds.data?.rounds ?? []).filter((r) => r.instrument === instrument && r.id !== roundId);
  if (!choices.length) return null;
  return (
    <form
      className="results-filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (other) navigate(`/resultat/${roundId}/jamfor/${other}`);
      }}
    >
      <SelectField
        label={t('Jämför med en annan mätomgång')}
        value={other}
        onChange={(e) => setOther(e.target.value)}
        empty={t('Välj mätomgång')}
        entries={choices.map((r) => [r.id, `${r.title} (${r.periodStart.slice(0, 4)})`])}
      />
      <button type="submit" className="secondary">
        {t('Visa förändring')}
      </button>
    </form>
  );
}

// ---- Pages ---------------------------------------------------------------------------------------

export function ResultsPage() {
  const { t } = useI18n();
  const state = useEndpoint(listAnalysisRounds, undefined);
  const { nameOf } = useMunicipalities();
  return (
    <Page title={t('Resultat')}>
      <p>{t('Välj en mätomgång för att se resultaten. Läsare ser stängda (publicerade) mätomgångar; kommunansvariga även pågående omgångar där kommunen deltar.')}</p>
      <AsyncView state={state}>
        {(d) =>
          d.rounds.length ? (
            <DataTable
                label={t('Mätomgångar med resultat')}
                caption={t('Mätomgångar med resultat ({n})', { n: d.rounds.length })}
                columns={[t('Mätomgång'), t('Instrument'), t('Period'), t('Status'), { num: t('Kommuner') }, t('Egen kommun')]}
              >
                <tbody>
                  {d.rounds.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">
                        <Link to={`/resultat/${r.id}`}>{r.title}</Link>
                      </th>
                      <td>{r.instrumentTitle}</td>
                      <td>
                        {r.periodStart} – {r.periodEnd}
                      </td>
                      <td>{t(STATUS_LABEL[r.status])}</td>
                      <td className="num">{r.municipalityCount}</td>
                      <td>
                        {r.ownMunicipalities.length
                          ? r.ownMunicipalities.map((c) => (
                              <Link key={c} to={`/resultat/${r.id}/kommun/${c}`} className="inline-link">
                                {t('{name} mot regionen', { name: nameOf(c) })}
                              </Link>
                            ))
                          : '–'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
          ) : (
            <p>{t('Det finns inga mätomgångar med resultat som du kan se ännu.')}</p>
          )
        }
      </AsyncView>
    </Page>
  );
}

export function RegionalResultsPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const query = useFilterQuery();
  const apiPath = endpointUrl(regionalAnalysis, { params: { id } });
  // The large figures (a national heatmap, per-municipality bars) come when scrolled to (DeferredFigure).
  const state = useEndpoint(regionalAnalysis, regionalInput(id, query));
  // The controls above the figures need the rounds (CompareForm) and the municipalities' names
  // (ResultsNav): the page is shown once they are here too, so nothing moves the figures down after
  // they are shown (all three are asked for as the app starts, first-load.ts).
  const rounds = useEndpoint(listAnalysisRounds, undefined);
  const names = useMunicipalities();
  if (rounds.loading || names.loading) return <Loading />;
  return (
    <AsyncView state={state}>
      {(view) => (
        <Page title={t('Resultat: {title}', { title: view.round.title })}>
          <ResultsNav view={view} />
          <CompareForm roundId={view.round.id} instrument={view.round.instrument} />
          <FilterForm view={view} />
          <Summary view={view} />
          {view.published && <DataQualityPanel published={view.published} />}
          <Figures figures={view.figures} apiPath={apiPath} query={query} suppressionMin={view.summary.suppressionMin} roundId={view.round.id} deferred={view.deferred} />
        </Page>
      )}
    </AsyncView>
  );
}

export function MunicipalityResultsPage() {
  const { t } = useI18n();
  const { id = '', code = '' } = useParams();
  const query = useFilterQuery();
  const apiPath = endpointUrl(municipalityAnalysis, { params: { id, code } });
  const state = useEndpoint(municipalityAnalysis, { params: { id, code }, query: filterInput(query) });
  return (
    <AsyncView state={state}>
      {(view) => (
        <Page title={t('{name} mot regionen: {title}', { name: view.municipality?.name ?? code, title: view.round.title })}>
          <ResultsNav view={view} />
          <FilterForm view={view} />
          <Summary view={view} />
          <p className="results-summary">
            {view.municipality?.name}: {t('n = {n} svarande (bas: respondenter)', { n: view.municipality?.n ?? 0 })}
          </p>
          {view.municipality?.quadrant && (
            <div className="quadrant-info">
              <h3>
                {t('Fält {key}', { key: view.municipality.quadrant.key })}: {view.municipality.quadrant.label} ({t('n = {n} svarande', { n: view.municipality.n })})
              </h3>
              <p>
                {view.municipality.quadrant.description} {t('Fas')}: {view.municipality.quadrant.phase}.
              </p>
              {view.municipality.quadrant.recommendations.length > 0 && (
                <>
                  <p>{t('Rekommendationer')}:</p>
                  <ul>
                    {view.municipality.quadrant.recommendations.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
          <Figures figures={view.figures} apiPath={apiPath} query={query} suppressionMin={view.summary.suppressionMin} />
        </Page>
      )}
    </AsyncView>
  );
}

export function CompareResultsPage() {
  const { t } = useI18n();
  const { id = '', otherId = '' } = useParams();
  const query = useFilterQuery();
  const [params, setParams] = useSearchParams();
  const apiPath = endpointUrl(compareAnalysis, { params: { id, otherId } });
  const state = useEndpoint(compareAnalysis, { params: { id, otherId }, query: filterInput(query) });
  const [measure, setMeasure] = useState(params.get('measure') ?? 'overall');
  const base = useEndpoint(regionalAnalysis, { params: { id }, query: { defer: 'true' } });
  const measures = useMemo(() => {
    const out: Array<{ id: string; label: string }> = [{ id: 'overall', label: t('Totalt') }];
    const groups = base.data?.figures.find((f) => f.id === 'region-grupper');
    for (const r of groups?.rows ?? []) out.push({ id: `${r.cells.kind === 'Dimension' ? 'dimension' : 'group'}:${r.key}`, label: `${r.cells.kind}: ${r.cells.name}` });
    return out;
  }, [base.data, t]);
  return (
    <AsyncView state={state}>
      {(view) => (
        <Page title={t('Förändring: {before} → {after}', { before: view.before.title, after: view.after.title })}>
          <nav aria-label={t('Resultatvyer')}>
            <ul className="results-nav">
              <li>
                <Link to={`/resultat/${view.before.id}`}>{t('Resultat {title}', { title: view.before.title })}</Link>
              </li>
              <li>
                <Link to={`/resultat/${view.after.id}`}>{t('Resultat {title}', { title: view.after.title })}</Link>
              </li>
            </ul>
          </nav>
          <form
            className="results-filters"
            onSubmit={(e) => {
              e.preventDefault();
              const p = new URLSearchParams(params);
              if (measure && measure !== 'overall') p.set('measure', measure);
              else p.delete('measure');
              setParams(p);
            }}
          >
            <SelectField label={t('Mått')} value={measure} onChange={(e) => setMeasure(e.target.value)} entries={measures.map((m) => [m.id, m.label])} />
            <button type="submit">{t('Visa')}</button>
          </form>
          <ul className="results-summary">
            <li>
              {t('Andel kommuner som visar på ökad digital mognad')}: {formatCell(view.increasedShare.percent, 'pct')} (
              {t('{count} av n = {n} kommuner, bas: kommuner', { count: view.increasedShare.count, n: view.increasedShare.n })})
            </li>
            <li>{t('Minsta meningsfulla förändring: {n} procentenheter', { n: view.minMeaningfulChange })}</li>
          </ul>
          <p className="notice-info">{view.viewer.description}</p>
          <ul>
            {view.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <Figures figures={view.figures} apiPath={apiPath} query={query} suppressionMin={view.suppressionMin} />
        </Page>
      )}
    </AsyncView>
  );
}
