import { useState } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { getDashboard } from '../../contracts/dashboard.ts';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import { pct } from '../components/format.ts';
import { AsyncView, DataTable, LinkParagraph, Page, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpoint } from '../query.ts';
import { useSession } from '../session.tsx';

type Dashboard = ResponseOf<typeof getDashboard>['dashboard'];
type AdminDashboard = Extract<Dashboard, { role: 'forbundsadmin' }>;
type OwnDashboard = Extract<Dashboard, { role: 'kommunansvarig' }>;
type NextStep = AdminDashboard['next'];
type CycleStep = NextStep['step'];
type OpenRoundView = AdminDashboard['openRounds'][number];
type OwnRoundView = OwnDashboard['openRounds'][number];
type ReportDue = AdminDashboard['overdue']['reports'][number];
type T = ReturnType<typeof useI18n>['t'];
const THRESHOLDS = [25, 50, 75, 90];
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '–');

/** The overview: what needs the user's attention now (GET /api/dashboard), then the work cycle, condensed. */
export function HomePage() {
  const { user } = useSession();
  // The region's analyst's home is the region's follow-up (it has no rounds and no portfolio of its own).
  if (user?.role === 'regionanalytiker') return <Navigate to="/regional-uppfoljning" replace />;
  return <Overview />;
}

function Overview() {
  const { t } = useI18n();
  const { user } = useSession();
  const [threshold, setThreshold] = useState(50);
  const state = useEndpoint(getDashboard, { query: { threshold } }, { keep: true });
  return (
    <Page title={t('Översikt')}>
      <AsyncView state={state}>
        {({ dashboard: d }) => (
          <>
            {d.role === 'forbundsadmin' && <AdminView d={d} threshold={threshold} onThreshold={setThreshold} />}
            {d.role === 'kommunansvarig' && <MunicipalityView d={d} />}
            {d.role === 'lasare' && <ReaderView d={d} />}
            <Cycle current={d.role === 'forbundsadmin' ? d.next.step : undefined} admin={user?.role === 'forbundsadmin'} reader={user?.role === 'lasare'} />
          </>
        )}
      </AsyncView>
    </Page>
  );
}

function nextText(t: T, n: NextStep): string {
  switch (n.kind) {
    case 'close':
      return t('Stäng mätomgången {title}: slutdatumet har passerat.', { title: n.roundTitle ?? '' });
    case 'follow_round':
      return t('Följ svarsfrekvensen i {title} och påminn dem som inte har svarat.', { title: n.roundTitle ?? '' });
    case 'open_draft':
      return t('Öppna mätomgången {title}.', { title: n.roundTitle ?? '' });
    case 'report':
      return t('Ta fram rapporterna och samverkanskandidaterna för {title}.', { title: n.roundTitle ?? '' });
    case 'decide':
      return t('Besluta om {n} initiativ som uppfyller kraven för nästa steg.', { n: n.count ?? 0 });
    case 'follow_up':
      return t('Följ upp {n} försenade statusrapporter.', { n: n.count ?? 0 });
    case 'plan':
      return t('Planera nästa mätomgång.');
  }
}

function deadline(t: T, daysLeft: number, periodEnd: string): string {
  if (daysLeft > 0) return t('Slutdatum {date}, {n} dagar kvar', { date: periodEnd, n: daysLeft });
  if (daysLeft === 0) return t('Slutdatum {date}, i dag', { date: periodEnd });
  return t('Slutdatum {date}, passerat för {n} dagar sedan', { date: periodEnd, n: -daysLeft });
}

function dueText(t: T, r: ReportDue): string {
  return r.overdue
    ? t('skulle ha lämnats senast {date} ({n} dagar sen)', { date: r.dueDate, n: r.daysOverdue })
    : t('lämnas senast {date}', { date: r.dueDate });
}

function AdminView({ d, threshold, onThreshold }: { d: AdminDashboard; threshold: number; onThreshold: (n: number) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Section id="dash-next" title={t('Nästa steg')}>
        <p className="dash-next">
          <Link to={d.next.to}>{nextText(t, d.next)}</Link>
        </p>
      </Section>
      <Section id="dash-rounds" title={t('Öppna mätomgångar')}>
        <p>
          <label htmlFor="dash-threshold">{t('Visa kommuner med svarsfrekvens under')}</label>{' '}
          <select id="dash-threshold" value={threshold} onChange={(e) => onThreshold(Number(e.target.value))}>
            {THRESHOLDS.map((n) => (
              <option key={n} value={n}>
                {n} %
              </option>
            ))}
          </select>
        </p>
        {d.openRounds.length === 0 ? <p>{t('Ingen mätomgång är öppen.')}</p> : d.openRounds.map((r) => <OpenRound key={r.id} r={r} threshold={d.threshold} />)}
        {d.draftRounds.length > 0 && (
          <>
            <h3>{t('Utkast att öppna')}</h3>
            <ul>
              {d.draftRounds.map((r) => (
                <li key={r.id}>
                  <Link to={r.to}>{r.title}</Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section id="dash-overdue" title={t('Försenade statusrapporter ({period})', { period: d.overdue.period })}>
        {d.overdue.reports.length === 0 ? (
          <p>{t('Inga statusrapporter är försenade.')}</p>
        ) : (
          <ul>
            {d.overdue.reports.map((r) => (
              <li key={r.initiativeId}>
                <Link to={`/initiativ/${r.initiativeId}`}>{r.title}</Link>: {dueText(t, r)}
              </li>
            ))}
          </ul>
        )}
        <LinkParagraph to="/portfolj/uppfoljning">{t('Uppföljning av initiativen')}</LinkParagraph>
      </Section>
      <Section id="dash-waiting" title={t('Initiativ som väntar på beslut')}>
        {d.waiting.length === 0 ? (
          <p>{t('Inga initiativ uppfyller just nu kraven för nästa steg.')}</p>
        ) : (
          <ul>
            {d.waiting.map((w) => (
              <li key={w.initiativeId}>
                <Link to={`/initiativ/${w.initiativeId}`}>{w.title}</Link>:{' '}
                {t('{from} → {to}, kraven är uppfyllda', { from: t(w.stageLabel), to: t(w.nextStageLabel) })}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function RateRows({ r, list }: { r: OpenRoundView; list: OpenRoundView['municipalities'] }) {
  const { t } = useI18n();
  const self = r.mode === 'self';
  return (
    <tbody>
      {list.map((m) => (
        <tr key={m.code}>
          <th scope="row">
            <Link to={`/matomgangar/${r.id}/kommuner/${m.code}`}>{m.name}</Link>
          </th>
          {self ? (
            <td>{selfLabel(t, m.selfAssessment)}</td>
          ) : (
            <>
              <td className="num">{m.total === 0 ? t('inga respondenter') : t('{completed} av {total}', { completed: m.completed, total: m.total })}</td>
              <td className="num">{pct(m.rate)}</td>
            </>
          )}
        </tr>
      ))}
    </tbody>
  );
}

function OpenRound({ r, threshold }: { r: OpenRoundView; threshold: number }) {
  const { t } = useI18n();
  const self = r.mode === 'self';
  const columns = [t('Kommun'), self ? t('Självskattning') : { num: t('Svar') }, !self && { num: t('Svarsfrekvens') }];
  return (
    <article className="dash-round" aria-labelledby={`dash-round-${r.id}`}>
      <h3 id={`dash-round-${r.id}`}>
        <Link to={`/matomgangar/${r.id}`}>{r.title}</Link>
      </h3>
      <p>
        {deadline(t, r.daysLeft, r.periodEnd)} ·{' '}
        {self
          ? t('Inskickade självskattningar: {rate}', { rate: pct(r.rate) })
          : t('Svarsfrekvens {rate} ({completed} av {total})', { rate: pct(r.rate), completed: r.completed, total: r.total })}
      </p>
      {r.below.length === 0 ? (
        <p>{t('Alla kommuner når {n} %.', { n: threshold })}</p>
      ) : (
        <DataTable
          label={t('Kommuner under {n} % i {title}', { n: threshold, title: r.title })}
          caption={t('Kommuner under {n} % ({count} av {total})', { n: threshold, count: r.below.length, total: r.municipalities.length })}
          columns={columns}
        >
          <RateRows r={r} list={r.below} />
        </DataTable>
      )}
      {r.below.length < r.municipalities.length && (
        <details>
          <summary>{t('Svarsfrekvens för alla kommuner ({n})', { n: r.municipalities.length })}</summary>
          <DataTable label={t('Alla kommuner i {title}', { title: r.title })} caption={t('Alla kommuner i {title}', { title: r.title })} columns={columns}>
            <RateRows r={r} list={r.municipalities} />
          </DataTable>
        </details>
      )}
    </article>
  );
}

function selfLabel(t: T, s: OwnRoundView['selfAssessment']): string {
  if (s === 'submitted') return t('Inskickad');
  if (s === 'in_progress') return t('Påbörjad');
  return t('Inte påbörjad');
}

function MunicipalityView({ d }: { d: OwnDashboard }) {
  const { t } = useI18n();
  return (
    <>
      <Section id="dash-own-rounds" title={t('Dina öppna mätomgångar')}>
        {d.openRounds.length === 0 ? (
          <p>{t('Ingen mätomgång är öppen för din kommun.')}</p>
        ) : (
          d.openRounds.map((r) => (
            <article className="dash-round" key={`${r.id}-${r.municipality}`} aria-labelledby={`dash-own-${r.id}-${r.municipality}`}>
              <h3 id={`dash-own-${r.id}-${r.municipality}`}>
                <Link to={r.to}>
                  {r.title}: {r.municipalityName}
                </Link>
              </h3>
              <p>
                {deadline(t, r.daysLeft, r.periodEnd)} · {t('Svarsfrekvens {rate} ({completed} av {total})', { rate: pct(r.rate), completed: r.completed, total: r.total })}
              </p>
              {r.total === 0 ? (
                <p>
                  <Link to={r.to}>{t('Lägg till respondenter')}</Link>
                </p>
              ) : r.notAnswered.length === 0 ? (
                <p>{t('Alla har svarat.')}</p>
              ) : (
                <DataTable
                  label={t('Har inte svarat i {title}', { title: r.title })}
                  caption={t('Har inte svarat ({n})', { n: r.notAnswered.length })}
                  columns={[t('Namn'), t('Inbjuden'), t('Senast påmind')]}
                >
                  <tbody>
                    {r.notAnswered.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">{p.name ?? t('Utan namn')}</th>
                        <td>{p.invitedAt ? day(p.invitedAt) : t('Inte inbjuden')}</td>
                        <td>{p.remindedAt ? t('{date} ({n} påminnelser)', { date: day(p.remindedAt), n: p.reminderCount }) : '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              )}
              {r.notAnswered.length > 0 && (
                <p>
                  <Link to={r.to}>{t('Skicka inbjudningar och påminnelser')}</Link>
                </p>
              )}
            </article>
          ))
        )}
      </Section>
      <Section id="dash-self" title={t('Självskattningar att göra')}>
        {d.selfAssessments.length === 0 ? (
          <p>{t('Inga självskattningar väntar.')}</p>
        ) : (
          <ul>
            {d.selfAssessments.map((s) => (
              <li key={`${s.id}-${s.municipality}`}>
                <Link to={s.to}>
                  {s.title}: {s.municipalityName}
                </Link>{' '}
                ({selfLabel(t, s.selfAssessment)}, {deadline(t, s.daysLeft, s.periodEnd)})
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="dash-reports-due" title={t('Statusrapporter att lämna ({period})', { period: d.reportsDue.period })}>
        {d.reportsDue.reports.length === 0 ? (
          <p>{t('Inga statusrapporter väntar för dina initiativ.')}</p>
        ) : (
          <ul>
            {d.reportsDue.reports.map((r) => (
              <li key={r.initiativeId}>
                <Link to={`/initiativ/${r.initiativeId}`}>{r.title}</Link>: {dueText(t, r)}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function ReaderView({ d }: { d: Extract<Dashboard, { role: 'lasare' }> }) {
  const { t } = useI18n();
  return (
    <Section id="dash-published" title={t('Senast publicerade rapporter')}>
      {d.published.length === 0 ? (
        <p>{t('Inga rapporter är publicerade ännu.')}</p>
      ) : (
        <ul>
          {d.published.map((r) => (
            <li key={r.id}>
              <Link to={r.to}>{r.title}</Link> ({t('stängd {date}', { date: r.closedAt })})
            </li>
          ))}
        </ul>
      )}
      <LinkParagraph to="/rapporter">{t('Alla rapporter')}</LinkParagraph>
    </Section>
  );
}

/** The work cycle, condensed: measure → analyse → report → decide → follow up (the current step marked). */
function Cycle({ current, admin, reader }: { current?: CycleStep; admin: boolean; reader: boolean }) {
  const { t } = useI18n();
  const steps: Array<{ step: CycleStep; to: string; title: string; text: string; show?: boolean }> = [
    { step: 'measure', to: '/matomgangar', title: t('Mätomgångar'), text: t('mät digital mognad'), show: !reader },
    { step: 'analyse', to: '/resultat', title: t('Resultat'), text: t('jämför kommunerna') },
    { step: 'report', to: '/rapporter', title: t('Rapporter'), text: t('PDF, Word och Excel') },
    { step: 'decide', to: '/portfolj', title: t('Portfölj'), text: t('prioritera initiativ') },
    { step: 'follow', to: '/initiativ', title: t('Initiativ'), text: t('följ upp') },
  ];
  return (
    <Section id="dash-cycle" title={t('Arbetsgången')}>
      <ol className="cycle">
        {steps
          .filter((s) => s.show !== false)
          .map((s) => (
            <li key={s.step} aria-current={s.step === current ? 'step' : undefined}>
              <Link to={s.to}>{s.title}</Link> <span className="hint">{s.text}</span>
            </li>
          ))}
      </ol>
      {admin && <LinkParagraph to="/admin/konton">{t('Konton, roller och kommuntillhörighet.')}</LinkParagraph>}
    </Section>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('Sidan finns inte')}>
      <LinkParagraph to="/">{t('Översikt')}</LinkParagraph>
    </Page>
  );
}
