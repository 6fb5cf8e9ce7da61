// Mätomgångar: the association's list, creation, detail (open/close/reopen, response rates) and
// import. A municipality in a round (respondents, links, invitations) is round-municipality.tsx.
// The server enforces every role; the pages only hide.
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import { getRound, getRoundRates, importResponses, listRounds, type FullRound, type ImportReport, type RoundListEntry } from '../../contracts/rounds.ts';
import type { RoundStatus } from '../../domain/rounds.ts';
import { TableFileField } from '../components/forms.tsx';
import { useAction } from '../components/hooks.ts';
import { AsyncView, DataTable, DemoBanner, ErrorMessage, LinkParagraph, Notice, Page, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { callWithProgress, type StreamProgress } from '../api.ts';
import { queryClient, useEndpoint } from '../query.ts';
import { useSession } from '../session.tsx';
import { RoundAdminActions, SelfAssessmentTable } from './round-actions.tsx';

type Status = RoundStatus;
type Progress = FullRound['progress'][number];
type ResponseRates = ResponseOf<typeof getRoundRates>['rates'];
type RateRow = ResponseRates['total'];

const STATUS_LABEL: Record<Status, string> = { draft: 'Utkast', open: 'Öppen', closed: 'Stängd' };

// ---- Small helpers ------------------------------------------------------------------------------

const pct = (part: number, base: number) => (base > 0 ? `${Math.round((part / base) * 100)} %` : '–');

export function StatusTag({ status }: { status: Status }) {
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
  const state = useEndpoint(listRounds, undefined);
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
function roundLink(r: RoundListEntry, role?: string) {
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
  const state = useEndpoint(getRound, { params: { id } }, { keep: true });
  const rates = useEndpoint(getRoundRates, admin ? { params: { id } } : null, { keep: true });
  const arrived = (location.state as { msg?: string } | null)?.msg;

  return (
    <AsyncView state={state}>
      {({ round }) => {
        if (!('mode' in round)) return <PublicRound round={round} />;
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
<RoundAdminActions round={round} />
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

/** What a läsare sees of a round: its title, instrument, period and status. */
function PublicRound({ round }: { round: Exclude<ResponseOf<typeof getRound>['round'], FullRound> }) {
  const { t } = useI18n();
  return (
    <Page title={round.title}>
      <LinkParagraph to="/matomgangar">{t('Tillbaka till mätomgångar')}</LinkParagraph>
      <dl className="facts">
        <dt>{t('Instrument')}</dt>
        <dd>{round.instrumentTitle ?? round.instrument}</dd>
        <dt>{t('Period')}</dt>
        <dd>{period(round)}</dd>
        <dt>{t('Status')}</dt>
        <dd>
          <StatusTag status={round.status} />
        </dd>
      </dl>
    </Page>
  );
}

/** Response rates by role and by verksamhetsområde, counts and percentages with their base. */
export function RateTables({ rates, scope }: { rates: ResponseRates; scope: string }) {
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
  const state = useEndpoint(getRound, { params: { id } });
  const [progress, setProgress] = useState<StreamProgress>();
  const [file, setFile] = useState<File>();
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [preview, setPreview] = useState<ImportReport>();
  const [result, setResult] = useState<ImportReport>();
  const action = useAction();

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
    setProgress(undefined);
    await action.run(async () => {
      try {
        // The server reports how far it has come (bytes received and read, rows checked and saved) on the same request.
        const r = await callWithProgress(
          importResponses,
          { params: { id }, query: { dryRun: String(dryRun) as 'true' | 'false', skipInvalid: String(skipInvalid) as 'true' | 'false' }, body },
          setProgress,
        );
        if (dryRun) setPreview(r);
        else {
          setResult(r);
          await queryClient.invalidateQueries();
        }
      } finally {
        setProgress(undefined);
      }
    });
  };

  return (
    <AsyncView state={state}>
      {({ round }) => {
        if (!('mode' in round)) return <PublicRound round={round} />;
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
              <TableFileField
                label={t('Fil med svar (CSV eller XLSX)')}
                onFile={(f) => {
                  setFile(f);
                  setPreview(undefined);
                  setResult(undefined);
                }}
              />
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
            {progress && (
              <div className="field" role="status">
                <progress max={Math.max(1, progress.totalBytes)} value={Math.min(progress.bytes, progress.totalBytes)} aria-label={t('Importens förlopp')} />{' '}
                {progress.phase === 'upload'
                  ? t('Skickar filen: {done} av {total} kB', { done: Math.round(progress.bytes / 1024), total: Math.round(progress.totalBytes / 1024) })
                  : t('{rows} rader kontrollerade, {written} sparade', { rows: progress.rows, written: progress.written })}
              </div>
            )}
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
