// Mätomgångar: the association's list, creation, detail (open/close/reopen, response rates) and
// import; a municipality's respondents, links, invitations and response rates (kommunansvarig,
// or förbundsadmin for any municipality). The server enforces every role; the pages only hide.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, del, post } from '../api.ts';
import { Control, Field, Options } from '../components/forms.tsx';
import { useAction, useApi, useOrganisation } from '../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, DemoBanner, ErrorMessage, LinkParagraph, Notice, Page, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';
import type { RateRow, ResponseRates } from '../../domain/rounds.ts';
import type { RoundDetails } from '../../domain/round-details.ts';
import { RoundAdminActions, SelfAssessmentTable, type SelfAssessmentRow } from './round-actions.tsx';
import type { ImportReport } from '../../import/responses.ts';

// ---- API shapes (src/server/routes/rounds.ts) ------------------------------------------------

type Status = 'draft' | 'open' | 'closed';

export interface RoundSummary {
  id: number;
  instrument: string;
  instrumentVersion?: string;
  instrumentTitle?: string;
  title: string;
  status: Status;
  periodStart: string;
  periodEnd: string;
  isDemo?: boolean;
  demoNote?: string | null;
  municipalities?: string[];
  ownMunicipalities?: string[];
  /** Completed of the respondents in the sample (admin: all municipalities; kommunansvarig: their own); läsare get none. */
  responses?: { total: number; completed: number };
}

interface Progress {
  municipality: string;
  name: string;
  total: number;
  invited: number;
  started: number;
  completed: number;
}

interface RoundDetail extends Omit<RoundSummary, 'municipalities'>, Partial<RoundDetails> {
  mode: 'survey' | 'self-assessment';
  /** The round's selection of respondent types (null = all of the instrument's). */
  respondentTypes: string[] | null;
  instrumentRespondentTypes: Array<{ id: string; label: string }>;
  municipalities: Array<{ code: string; name: string }>;
  progress: Array<Progress & Pick<SelfAssessmentRow, 'selfAssessment'>>;
  answeredRespondents: number;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

interface Respondent {
  id: number;
  source: 'link' | 'self' | 'import';
  respondentType: string | null;
  area: string | null;
  name: string | null;
  email: string | null;
  invitedAt: string | null;
  remindedAt: string | null;
  reminderCount: number;
  startedAt: string | null;
  completedAt: string | null;
  answerCount: number;
}

const STATUS_LABEL: Record<Status, string> = { draft: 'Utkast', open: 'Öppen', closed: 'Stängd' };

// ---- Small helpers ------------------------------------------------------------------------------

const pct = (part: number, base: number) => (base > 0 ? `${Math.round((part / base) * 100)} %` : '–');

function StatusTag({ status }: { status: Status }) {
  const { t } = useI18n();
  return <span className={`status-tag ${status}`}>{t(STATUS_LABEL[status] ?? status)}</span>;
}

function period(r: { periodStart: string; periodEnd: string }) {
  return `${r.periodStart} – ${r.periodEnd}`;
}

/** A count with its share of a stated base: "3 av 4 (75 %)". */
function Share({ part, base }: { part: number; base: number }) {
  const { t } = useI18n();
  return <>{base > 0 ? t('{n} av {base} ({pct})', { n: part, base, pct: pct(part, base) }) : '0'}</>;
}

/** A progress row's counts and its response rate. */
function ProgressCells({ p }: { p: Omit<Progress, 'municipality' | 'name'> }) {
  return (
    <>
      <td className="num">{p.total}</td>
      <td className="num">{p.invited}</td>
      <td className="num">{p.started}</td>
      <td className="num">{p.completed}</td>
      <td className="num">{pct(p.completed, p.total)}</td>
    </>
  );
}

function sumProgress(list: Progress[]) {
  return list.reduce(
    (a, p) => ({ total: a.total + p.total, invited: a.invited + p.invited, started: a.started + p.started, completed: a.completed + p.completed }),
    { total: 0, invited: 0, started: 0, completed: 0 },
  );
}

// ---- Rounds list ----------------------------------------------------------------------------

export function RoundsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const state = useApi<{ rounds: RoundSummary[] }>('/api/rounds');
  const admin = user?.role === 'forbundsadmin';
  const arrived = (useLocation().state as { msg?: string } | null)?.msg;
  return (
    <Page title={t('Mätomgångar')}>
      <Notice message={arrived} />
      {admin && (
        <p>
          <Link className="button" to="/matomgangar/ny">
            {t('Ny mätomgång')}
          </Link>
        </p>
      )}
      <AsyncView state={state}>
        {(d) =>
          d.rounds.length === 0 ? (
            <p>{admin ? t('Det finns inga mätomgångar ännu.') : t('Din kommun ingår inte i någon mätomgång ännu.')}</p>
          ) : (
            <DataTable
              label={t('Mätomgångar')}
              caption={t('Mätomgångar, senaste först')}
              columns={[
                t('Rubrik'),
                t('Instrument'),
                t('Period'),
                t('Status'),
                admin ? t('Svarsfrekvens (inskickade av respondenter i urvalet)') : t('Svarsfrekvens i din kommun'),
              ]}
            >
              <tbody>
                {d.rounds.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={roundLink(r, user?.role)}>{r.title}</Link> {r.isDemo && <span className="tag">DEMO</span>}
                    </th>
                    <td>{r.instrumentTitle ?? r.instrument}</td>
                    <td>{period(r)}</td>
                    <td>
                      <StatusTag status={r.status} />
                    </td>
                    <td>
                      {r.responses ? <Share part={r.responses.completed} base={r.responses.total} /> : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </AsyncView>
    </Page>
  );
}

/** A kommunansvarig with one municipality in the round goes straight to it. */
function roundLink(r: RoundSummary, role?: string) {
  if (role === 'kommunansvarig' && r.ownMunicipalities?.length === 1) return `/matomgangar/${r.id}/kommuner/${r.ownMunicipalities[0]}`;
  return `/matomgangar/${r.id}`;
}

/** Response rate of a round over the municipalities the user may see (from the round's progress). */

// ---- Create and edit a round: round-form.tsx ----------------------------------------------------

export { NewRoundPage } from './round-form.tsx';

// ---- Round detail ---------------------------------------------------------------------------

export function RoundPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const admin = user?.role === 'forbundsadmin';
  // keep: a reload after a status change keeps the page (and the focused control) mounted.
  const state = useApi<{ round: RoundDetail }>(`/api/rounds/${encodeURIComponent(id)}`, { keep: true });
  const rates = useApi<{ rates: ResponseRates }>(admin ? `/api/rounds/${encodeURIComponent(id)}/rates` : null, { keep: true });
  const arrived = (location.state as { msg?: string } | null)?.msg;

  return (
    <AsyncView state={state}>
      {({ round }) => {
        const visible = admin ? round.progress : round.progress.filter((p) => user?.municipalities.includes(p.municipality));
        const sum = sumProgress(visible);
        const self = round.mode === 'self-assessment';
        const included = round.respondentTypes
          ? round.instrumentRespondentTypes.filter((x) => round.respondentTypes!.includes(x.id))
          : round.instrumentRespondentTypes;
        return (
          <Page title={round.title}>
            <LinkParagraph to="/matomgangar">{t('Tillbaka till mätomgångar')}</LinkParagraph>
            {round.isDemo && <DemoBanner>{round.demoNote ?? t('Demodata, delvis syntetiserade.')}</DemoBanner>}
            <Notice message={arrived} />
            <dl className="facts">
              <dt>{t('Instrument')}</dt>
              <dd>
                {round.instrumentTitle ?? round.instrument} ({t('version')} {round.instrumentVersion})
              </dd>
              <dt>{t('Typ')}</dt>
              <dd>{self ? t('Självskattning (en gång per kommun)') : t('Enkät till respondenter')}</dd>
              <dt>{t('Period')}</dt>
              <dd>{period(round)}</dd>
              <dt>{t('Status')}</dt>
              <dd>
                <StatusTag status={round.status} />
              </dd>
              <dt>{t('Kommuner')}</dt>
              <dd>{round.municipalities.length}</dd>
              {!self && included.length > 0 && (
                <>
                  <dt>{t('Respondenttyper')}</dt>
                  <dd>{included.map((x) => x.label).join(', ')}</dd>
                </>
              )}
              {admin && (
                <>
                  <dt>{t('Kontaktperson')}</dt>
                  <dd>{round.contactName ? `${round.contactName}${round.contactEmail ? ` (${round.contactEmail})` : ''}` : t('Inte angiven')}</dd>
                  <dt>{t('Beräknad tid')}</dt>
                  <dd>{round.estimatedMinutes ? t('{n} minuter', { n: round.estimatedMinutes }) : t('Räknas fram från antalet frågor')}</dd>
                </>
              )}
            </dl>
            {admin && (
              <RoundAdminActions
                round={round}
                onChanged={() => {
                  state.reload();
                  rates.reload();
                }}
              />
            )}
            {self ? (
              <Section id="muni-h" title={admin ? t('Självskattning per kommun') : t('Din kommun')}>
                <SelfAssessmentTable roundId={round.id} rows={visible} />
              </Section>
            ) : (
            <Section id="muni-h" title={admin ? t('Svarsfrekvens per kommun') : t('Din kommun')}>
              <DataTable
                label={t('Svarsfrekvens per kommun')}
                caption={t('Respondenter per kommun. Bas för andelarna: respondenter i kommunens urval.')}
                columns={[
                  t('Kommun'),
                  { num: t('I urvalet') },
                  { num: t('Inbjudna') },
                  { num: t('Påbörjade') },
                  { num: t('Inskickade') },
                  { num: t('Svarsfrekvens') },
                ]}
              >
                <tbody>
                  {visible.map((p) => (
                    <tr key={p.municipality}>
                      <th scope="row">
                        <Link to={`/matomgangar/${round.id}/kommuner/${p.municipality}`}>{p.name}</Link>
                      </th>
                      <ProgressCells p={p} />
                    </tr>
                  ))}
                </tbody>
                {visible.length > 1 && (
                  <tfoot>
                    <tr>
                      <th scope="row">{t('Totalt')}</th>
                      <ProgressCells p={sum} />
                    </tr>
                  </tfoot>
                )}
              </DataTable>
            </Section>
            )}
            {admin && !self && (
              <AsyncView state={rates}>{(d) => <RateTables rates={d.rates} scope={t('hela mätomgången')} />}</AsyncView>
            )}
          </Page>
        );
      }}
    </AsyncView>
  );
}

/** Response rates by role and by verksamhetsområde, counts and percentages with their base. */
function RateTables({ rates, scope }: { rates: ResponseRates; scope: string }) {
  const { t } = useI18n();
  const areas = rates.byArea.filter((r) => r.total > 0);
  return (
    <Section id="rates-h" title={t('Svarsfrekvens per roll och verksamhetsområde')}>
      <p>
        {t('Totalt för {scope}:', { scope })} <Share part={rates.total.completed} base={rates.total.total} />{' '}
        {t('har skickat in sina svar (bas: respondenter i urvalet).')}
      </p>
      <RateTable caption={t('Per roll (respondenttyp)')} groupHeader={t('Roll')} rows={rates.byRespondentType} total={rates.total} />
      {areas.length > 0 ? (
        <RateTable caption={t('Per verksamhetsområde')} groupHeader={t('Verksamhetsområde')} rows={areas} total={rates.total} />
      ) : (
        <p>{t('Inga respondenter har något verksamhetsområde angivet.')}</p>
      )}
      {areas.length > 0 && areas.length < rates.byArea.length && (
        <p className="hint">{t('Verksamhetsområden utan respondenter i urvalet visas inte.')}</p>
      )}
    </Section>
  );
}

function RateTable({ caption, groupHeader, rows, total }: { caption: string; groupHeader: string; rows: RateRow[]; total: RateRow }) {
  const { t } = useI18n();
  const cell = (n: number, base: number) => (
    <td className="num">
      {n}
      {base > 0 && <span className="pct"> ({pct(n, base)})</span>}
    </td>
  );
  return (
    <DataTable
      label={caption}
      caption={
        <>
          {caption}. {t('Andelar av respondenterna i urvalet för gruppen (basen står i kolumnen I urvalet).')}
        </>
      }
      columns={[groupHeader, { num: t('I urvalet (bas)') }, { num: t('Inbjudna') }, { num: t('Påbörjade') }, { num: t('Inskickade') }]}
    >
      <tbody>
        {rows.map((r) => (
          <tr key={r.key ?? '_none'}>
            <th scope="row">{t(r.label)}</th>
            <td className="num">{r.total}</td>
            {cell(r.invited, r.total)}
            {cell(r.started, r.total)}
            {cell(r.completed, r.total)}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('Totalt')}</th>
          <td className="num">{total.total}</td>
          {cell(total.invited, total.total)}
          {cell(total.started, total.total)}
          {cell(total.completed, total.total)}
        </tr>
      </tfoot>
    </DataTable>
  );
}

// ---- Import ---------------------------------------------------------------------------------

export function ImportPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const state = useApi<{ round: RoundDetail }>(`/api/rounds/${encodeURIComponent(id)}`);
  const [file, setFile] = useState<File>();
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [preview, setPreview] = useState<ImportReport>();
  const [result, setResult] = useState<ImportReport>();
  const action = useAction();
  const fileId = useId();

  const send = async (dryRun: boolean) => {
    if (!file) {
      action.setError(t('Välj en fil först.'));
      return;
    }
    if (dryRun) {
      setPreview(undefined);
      setResult(undefined);
    }
    const body = new FormData();
    body.append('file', file, file.name);
    await action.run(async () => {
      const r = await api<ImportReport>('POST', `/api/rounds/${encodeURIComponent(id)}/import?dryRun=${dryRun}&skipInvalid=${skipInvalid}`, body);
      if (dryRun) setPreview(r);
      else setResult(r);
    });
  };

  return (
    <AsyncView state={state}>
      {({ round }) => {
        const names = new Map(round.municipalities.map((m) => [m.code, m.name]));
        const types = new Map(round.instrumentRespondentTypes.map((r) => [r.id, r.label]));
        const canWrite = !!preview && preview.accepted > 0 && (preview.errors.length === 0 || skipInvalid) && !result;
        return (
          <Page title={t('Importera svar')}>
            <LinkParagraph to={`/matomgangar/${round.id}`}>{t('Tillbaka till {title}', { title: round.title })}</LinkParagraph>
            <p>
              {t('Importera svar från en CSV- eller Excel-fil (till exempel från Forms, Esmaker eller Netigate). En rad per respondent: kolumnen kommun (SCB-kod), respondenttyp, verksamhetsområde och en kolumn per fråga med frågans id som rubrik.')}
            </p>
            {round.status === 'closed' && <p className="error">{t('Mätomgången är stängd; öppna den igen för att importera svar.')}</p>}
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void send(true);
              }}
              className="narrow-wide"
            >
              <div className="field">
                <label htmlFor={fileId}>{t('Fil med svar (CSV eller XLSX)')}</label>
                <input
                  id={fileId}
                  type="file"
                  name="file"
                  accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  onChange={(e) => {
                    setFile(e.target.files?.[0]);
                    setPreview(undefined);
                    setResult(undefined);
                  }}
                />
              </div>
              <div className="field">
                <label className="inline-check">
                  <input
                    type="checkbox"
                    checked={skipInvalid}
                    onChange={(e) => {
                      setSkipInvalid(e.target.checked);
                      setResult(undefined);
                    }}
                  />{' '}
                  {t('Hoppa över felaktiga rader')}
                </label>
                <span className="hint">{t('Annars importeras ingenting så länge filen innehåller fel.')}</span>
              </div>
              <button type="submit" disabled={action.busy || !file}>
                {t('Förhandsgranska')}
              </button>
            </form>
            <ErrorMessage message={action.message} />
            {preview && (
              <Section id="preview-h" title={t('Förhandsgranskning')}>
                <p className="import-summary" role="status">
                  {t('{rows} rader lästa: {accepted} godkända, {errors} fel.', {
                    rows: preview.rows,
                    accepted: preview.accepted,
                    errors: preview.errors.length,
                  })}
                </p>
                {preview.errors.length > 0 && (
                  <DataTable
                    label={t('Fel')}
                    caption={t('Fel per rad och kolumn (rubrikraden är rad 1)')}
                    columns={[{ num: t('Rad') }, t('Kolumn'), t('Fel')]}
                  >
                    <tbody>
                      {preview.errors.map((e, i) => (
                        <tr key={i}>
                          <td className="num">{e.row || t('hela filen')}</td>
                          <td>{e.column ?? '–'}</td>
                          <td>{e.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </DataTable>
                )}
                {preview.preview.length > 0 && (
                  <DataTable
                    label={t('Godkända rader')}
                    caption={
                      preview.preview.length < preview.accepted
                        ? t('Godkända rader (de första {n} av {total})', { n: preview.preview.length, total: preview.accepted })
                        : t('Godkända rader')
                    }
                    columns={[{ num: t('Rad') }, t('Kommun'), t('Respondenttyp'), t('Verksamhetsområde'), { num: t('Antal svar') }]}
                  >
                    <tbody>
                      {preview.preview.map((p) => (
                        <tr key={p.row}>
                          <td className="num">{p.row}</td>
                          <td>{names.get(p.municipality) ?? p.municipality}</td>
                          <td>{p.respondentType ? (types.get(p.respondentType) ?? p.respondentType) : '–'}</td>
                          <td>{p.area ?? '–'}</td>
                          <td className="num">{p.answers}</td>
                        </tr>
                      ))}
                    </tbody>
                  </DataTable>
                )}
                {preview.errors.length > 0 && !skipInvalid && preview.accepted > 0 && (
                  <p>{t('Rätta felen i filen och förhandsgranska igen, eller välj Hoppa över felaktiga rader för att bara importera de godkända raderna.')}</p>
                )}
                {canWrite && (
                  <button type="button" disabled={action.busy} onClick={() => send(false)}>
                    {t('Importera {n} godkända rader', { n: preview.accepted })}
                  </button>
                )}
              </Section>
            )}
            {result && (
              <p className="notice" role="status">
                {t('Importen är klar: {n} rader sparades.', { n: result.written })}
                {result.alreadyImported > 0 && ` ${t('{n} rader var redan importerade och hoppades över.', { n: result.alreadyImported })}`}
              </p>
            )}
          </Page>
        );
      }}
    </AsyncView>
  );
}

// ---- A municipality in a round ------------------------------------------------------------------

interface LinkRow {
  id: number;
  link: string;
}

function respondentStatus(r: Respondent): string {
  if (r.source === 'import') return 'Importerad';
  if (r.completedAt) return 'Inskickad';
  if (r.startedAt) return 'Påbörjad';
  if (r.invitedAt) return 'Inbjuden';
  return 'Ej inbjuden';
}

export function RoundMunicipalityPage() {
  const { id = '', code = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const base = `/api/rounds/${encodeURIComponent(id)}/municipalities/${encodeURIComponent(code)}`;
  const respondents = useApi<{
    round: { id: number; title: string; status: Status; mode: 'survey' | 'self-assessment'; respondentTypes: Array<{ id: string; label: string }> };
    editable: boolean;
    respondents: Respondent[];
  }>(`${base}/respondents`);
  const links = useApi<{ links: LinkRow[] }>(`${base}/links`);
  const rates = useApi<{ rates: ResponseRates }>(`${base}/rates`);
  const municipality = useApi<{ municipality: { code: string; name: string } }>(`/api/municipalities/${encodeURIComponent(code)}`);
  const organisation = useOrganisation();
  const action = useAction();

  const reloadAll = () => {
    respondents.reload();
    links.reload();
    rates.reload();
  };
  const linkOf = useMemo(() => new Map((links.data?.links ?? []).map((l) => [l.id, l.link])), [links.data]);
  const muniName = municipality.data?.municipality.name ?? code;

  const mail = (kind: 'invite' | 'remind') =>
    action.run(async () => {
      const r = await post<{ sent: number[]; withoutEmail: number[]; skipped: number[] }>(`${base}/respondents/${kind}`);
      reloadAll();
      const parts = [
        kind === 'invite'
          ? t('Inbjudan skickades till {n} respondenter.', { n: r.sent.length })
          : t('Påminnelse skickades till {n} respondenter.', { n: r.sent.length }),
      ];
      if (r.withoutEmail.length)
        parts.push(t('{n} saknar e-postadress: ge dem den personliga länken på annat sätt.', { n: r.withoutEmail.length }));
      return parts.join(' ');
    });

  const selfAssessment = () =>
    action.run(async () => {
      const r = await post<{ token: string; link: string }>(`${base}/self-assessment`);
      navigate(`/svar/${r.token}`);
    });

  return (
    <AsyncView state={respondents}>
      {(d) => {
        const types = new Map(d.round.respondentTypes.map((r) => [r.id, r.label]));
        const self = d.round.mode === 'self-assessment';
        return (
          <Page title={`${d.round.title} – ${muniName}`}>
            <LinkParagraph to={`/matomgangar/${d.round.id}`}>{t('Till mätomgången')}</LinkParagraph>
            <dl className="facts">
              <dt>{t('Kommun')}</dt>
              <dd>{muniName}</dd>
              <dt>{t('Status')}</dt>
              <dd>
                <StatusTag status={d.round.status} />
              </dd>
            </dl>
            <ActionMessages action={action} />
            {self ? (
              <Section id="self-h" title={t('Självskattning')}>
                <p>{t('Självskattningen besvaras en gång för kommunen av kommunansvarig. Svaren sparas medan du fyller i och kan fortsättas senare.')}</p>
                <SelfStatus respondent={d.respondents.find((r) => r.source === 'self') ?? d.respondents.find((r) => r.source === 'import')} />
                {d.round.status === 'open' ? (
                  <button type="button" disabled={action.busy} onClick={selfAssessment}>
                    {t('Besvara självskattningen')}
                  </button>
                ) : (
                  <p className="notice-info">
                    {d.round.status === 'draft' ? t('Mätomgången har inte öppnats ännu.') : t('Mätomgången är stängd.')}
                  </p>
                )}
              </Section>
            ) : (
              <>
                <Section id="resp-h" title={t('Respondenter')}>
                  {d.round.status === 'open' && (
                    <div className="button-row">
                      <button type="button" disabled={action.busy} onClick={() => mail('invite')}>
                        {t('Skicka inbjudningar')}
                      </button>
                      <button type="button" className="secondary" disabled={action.busy} onClick={() => mail('remind')}>
                        {t('Skicka påminnelser')}
                      </button>
                    </div>
                  )}
                  {d.round.status === 'draft' && (
                    <p className="notice-info">{t('Inbjudningar kan skickas när förbundet har öppnat mätomgången. Du kan redan nu bygga urvalet.')}</p>
                  )}
                  <RespondentsTable
                    respondents={d.respondents}
                    types={types}
                    areaName={organisation.areaNames}
                    linkOf={linkOf}
                    editable={d.editable}
                    onDelete={(r) =>
                      action.run(async () => {
                        await del(`${base}/respondents/${r.id}`);
                        reloadAll();
                        return t('Respondenten är borttagen.');
                      })
                    }
                    onCopied={(m) => action.setMsg(m)}
                  />
                </Section>
                {d.editable && (
                  <AddRespondentForm
                    url={`${base}/respondents`}
                    types={d.round.respondentTypes}
                    areas={organisation.areas}
                    onAdded={(n) => {
                      reloadAll();
                      action.setMsg(n === 1 ? t('En respondent är tillagd. Den personliga länken finns i tabellen.') : t('{n} respondenter är tillagda.', { n }));
                    }}
                  />
                )}
              </>
            )}
            <AsyncView state={rates}>{(r) => <RateTables rates={r.rates} scope={muniName} />}</AsyncView>
          </Page>
        );
      }}
    </AsyncView>
  );
}

function SelfStatus({ respondent: r }: { respondent?: Respondent }) {
  const { t } = useI18n();
  const text = !r
    ? t('Inte påbörjad.')
    : r.completedAt
      ? t('Inskickad {date}.', { date: new Date(r.completedAt).toLocaleDateString('sv-SE') })
      : r.startedAt
        ? t('Påbörjad: {n} frågor besvarade.', { n: r.answerCount })
        : t('Inte påbörjad.');
  return (
    <p>
      <strong>{t('Status')}:</strong> {text}
    </p>
  );
}

function RespondentsTable({
  respondents,
  types,
  areaName,
  linkOf,
  editable,
  onDelete,
  onCopied,
}: {
  respondents: Respondent[];
  types: Map<string, string>;
  areaName: Map<string, string>;
  linkOf: Map<number, string>;
  editable: boolean;
  onDelete: (r: Respondent) => void;
  onCopied: (msg: string) => void;
}) {
  const { t } = useI18n();
  if (!respondents.length) return <p>{t('Inga respondenter ännu. Lägg till respondenter nedan.')}</p>;
  return (
    <DataTable
      label={t('Respondenter')}
      caption={t('Respondenter i urvalet ({n})', { n: respondents.length })}
      columns={[t('Nr'), t('Roll'), t('Verksamhetsområde'), t('Namn'), t('E-post'), t('Status'), t('Personlig länk'), editable && t('Åtgärd')]}
      className="respondents"
    >
      <tbody>
        {respondents.map((r, i) => {
          const who = r.name ?? t('respondent {n}', { n: i + 1 });
          const link = linkOf.get(r.id);
          return (
            <tr key={r.id}>
              <th scope="row">{i + 1}</th>
              <td>{r.respondentType ? (types.get(r.respondentType) ?? r.respondentType) : '–'}</td>
              <td>{r.area ? (areaName.get(r.area) ?? r.area) : '–'}</td>
              <td>{r.name ?? '–'}</td>
              <td>{r.email ?? '–'}</td>
              <td>
                {t(respondentStatus(r))}
                {r.reminderCount > 0 && <span className="hint"> ({t('{n} påminnelser', { n: r.reminderCount })})</span>}
              </td>
              <td>{link ? <CopyLink link={link} who={who} onCopied={onCopied} /> : '–'}</td>
              {editable && (
                <td>
                  {!r.startedAt && !r.completedAt && r.source === 'link' ? (
                    <button type="button" className="secondary" onClick={() => onDelete(r)}>
                      {t('Ta bort')} <span className="visually-hidden">{who}</span>
                    </button>
                  ) : (
                    '–'
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

function CopyLink({ link, who, onCopied }: { link: string; who: string; onCopied: (msg: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="link-cell">
      <label className="visually-hidden" htmlFor={id}>
        {t('Personlig länk för {who}', { who })}
      </label>
      <input id={id} className="link-input" readOnly value={link} onFocus={(e) => e.target.select()} />
      <button
        type="button"
        className="secondary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(link);
            onCopied(t('Länken för {who} är kopierad.', { who }));
          } catch {
            (document.getElementById(id) as HTMLInputElement | null)?.select();
            onCopied(t('Länken är markerad: kopiera den med Ctrl+C (eller Cmd+C).'));
          }
        }}
      >
        {t('Kopiera')} <span className="visually-hidden">{t('länken för {who}', { who })}</span>
      </button>
    </div>
  );
}

function AddRespondentForm({
  url,
  types,
  areas,
  onAdded,
}: {
  url: string;
  types: Array<{ id: string; label: string }>;
  areas: Array<{ id: string; name: string }>;
  onAdded: (n: number) => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const count = Number(f.get('count') || 1);
    void action.run(async () => {
      const r = await post<{ respondents: unknown[] }>(url, {
        respondentType: f.get('respondentType') || null,
        area: f.get('area') || null,
        name: f.get('name') || null,
        email: f.get('email') || null,
        count: Number.isFinite(count) ? count : 1,
      });
      form.reset();
      onAdded(r.respondents.length);
    });
  };
  return (
    <Section id="add-h" title={t('Lägg till respondent')}>
      <p>{t('Bygg ett representativt urval: roller och verksamhetsområden. Namn och e-post behövs bara om inbjudan ska skickas med e-post.')}</p>
      <ErrorMessage message={action.message} />
      <form onSubmit={submit} className="narrow-wide" noValidate>
        <div className="field-row">
          {types.length > 0 && (
            <Control id="resp-type" label={t('Roll (respondenttyp)')}>
              {(a) => (
                <select {...a} name="respondentType" required defaultValue={types[0]?.id}>
                  <Options entries={types.map((r) => [r.id, r.label])} />
                </select>
              )}
            </Control>
          )}
          <Control id="resp-area" label={t('Verksamhetsområde')}>
            {(a) => (
              <select {...a} name="area" defaultValue="">
                <Options empty={t('Inte angivet')} entries={areas.map((x) => [x.id, x.name])} />
              </select>
            )}
          </Control>
        </div>
        <div className="field-row">
          <Field label={t('Namn (valfritt)')} name="name" autoComplete="off" />
          <Field label={t('E-postadress (valfritt)')} name="email" type="email" autoComplete="off" />
        </div>
        <Field
          label={t('Antal')}
          name="count"
          type="number"
          min={1}
          max={200}
          defaultValue={1}
          hint={t('Flera respondenter med samma roll och område får var sin länk; namn och e-post anges då inte.')}
          className="count-input"
        />
        <button type="submit" disabled={action.busy}>
          {t('Lägg till')}
        </button>
      </form>
    </Section>
  );
}
