// A municipality in a round (kommunansvarig, or förbundsadmin for any municipality): the
// respondents with their links and when they were invited and reminded, import from CSV/XLSX or
// pasted Excel rows with a preview, the links as CSV/XLSX, the invitation and reminder texts with a
// rendered example, sending with a confirmation summary, and the response rates.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, del, patch, post } from '../api.ts';
import { ConfirmDialog } from '../components/confirm.tsx';
import { Control, Field, Options } from '../components/forms.tsx';
import { useAction, useApi, useIsAdmin, useOrganisation } from '../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, ErrorMessage, LinkParagraph, Page, Section } from '../components/ui.tsx';
import { ForbiddenPanel } from '../components/RouteShell.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';
import { canSeeMunicipality } from '../../domain/organisation.ts';
import type { ResponseRates } from '../../domain/rounds.ts';
import { DEFAULT_TEXTS, PLACEHOLDERS, type MailKind, type MailValues } from '../../domain/mail-template.ts';

/** A placeholder as written in a text: its Swedish name in braces, e.g. {namn}. */
const placeholder = (key: keyof MailValues) => `{${PLACEHOLDERS.find((p) => p.key === key)!.names[0]}}`;
import type { RespondentImportReport } from '../../import/respondents.ts';
import { RateTables, StatusTag } from './rounds.tsx';

type Status = 'draft' | 'open' | 'closed';

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

interface LinkRow {
  id: number;
  link: string;
}

/** The round as GET /api/rounds/:id gives it (the fields this page uses). */
interface RoundTexts {
  id: number;
  periodEnd: string;
  contactName: string | null;
  respondentTypes: Array<{ id: string; label: string }>;
  invitationSubject: string | null;
  invitationBody: string | null;
  reminderSubject: string | null;
  reminderBody: string | null;
}

interface MailReport {
  sent: number[];
  withoutEmail: number[];
  skipped: number[];
}

const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('sv-SE') : null);

function respondentStatus(r: Respondent): string {
  if (r.source === 'import') return 'Importerad';
  if (r.completedAt) return 'Inskickad';
  if (r.startedAt) return 'Påbörjad';
  if (r.invitedAt) return 'Inbjuden';
  return 'Ej inbjuden';
}

/** A municipality of a round: the role decides first; another municipality's page shows only the 403 panel. */
export function RoundMunicipalityPage() {
  const { code = '' } = useParams();
  const { user } = useSession();
  const { t } = useI18n();
  if (user && !canSeeMunicipality(user, code))
    return <ForbiddenPanel role={user.role} message={t('Du har inte tillgång till den här kommunens respondenter och svar.')} />;
  return <RoundMunicipalityView />;
}

function RoundMunicipalityView() {
  const { id = '', code = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const isAdmin = useIsAdmin();
  const base = `/api/rounds/${encodeURIComponent(id)}/municipalities/${encodeURIComponent(code)}`;
  const respondents = useApi<{
    round: { id: number; title: string; status: Status; mode: 'survey' | 'self-assessment'; respondentTypes: Array<{ id: string; label: string }> };
    editable: boolean;
    respondents: Respondent[];
  }>(`${base}/respondents`, { keep: true });
  const links = useApi<{ links: LinkRow[] }>(`${base}/links`, { keep: true });
  const rates = useApi<{ rates: ResponseRates }>(`${base}/rates`, { keep: true });
  const roundState = useApi<{ round: RoundTexts }>(`/api/rounds/${encodeURIComponent(id)}`, { keep: true });
  const municipality = useApi<{ municipality: { code: string; name: string } }>(`/api/municipalities/${encodeURIComponent(code)}`);
  const organisation = useOrganisation();
  const action = useAction();
  const [confirm, setConfirm] = useState<{ kind: MailKind; report: MailReport } | null>(null);

  const reloadAll = () => {
    respondents.reload();
    links.reload();
    rates.reload();
  };
  const linkOf = useMemo(() => new Map((links.data?.links ?? []).map((l) => [l.id, l.link])), [links.data]);
  const muniName = municipality.data?.municipality.name ?? code;

  /** Asks the server who would get the mail, then asks for confirmation. */
  const askMail = (kind: MailKind) =>
    action.run(async () => {
      const report = await post<MailReport>(`${base}/mail-summary`, { kind });
      if (report.sent.length === 0)
        return [
          kind === 'invite' ? t('Det finns ingen att skicka inbjudan till.') : t('Det finns ingen att skicka påminnelse till.'),
          report.withoutEmail.length ? t('{n} saknar e-postadress: ge dem den personliga länken på annat sätt.', { n: report.withoutEmail.length }) : '',
        ]
          .filter(Boolean)
          .join(' ');
      setConfirm({ kind, report });
    });

  const sendMail = (kind: MailKind) =>
    action.run(async () => {
      const r = await post<MailReport>(`${base}/respondents/${kind}`);
      setConfirm(null);
      reloadAll();
      const parts = [
        kind === 'invite'
          ? t('Inbjudan skickades till {n} respondenter.', { n: r.sent.length })
          : t('Påminnelse skickades till {n} respondenter.', { n: r.sent.length }),
      ];
      if (r.withoutEmail.length) parts.push(t('{n} saknar e-postadress: ge dem den personliga länken på annat sätt.', { n: r.withoutEmail.length }));
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
        const included = roundState.data?.round.respondentTypes;
        const self = d.round.mode === 'self-assessment';
        const byId = new Map(d.respondents.map((r, i) => [r.id, { r, n: i + 1 }]));
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
                      {/* Not disabled while busy: focus stays on the button and returns to it from the dialog. */}
                      <button type="button" onClick={() => askMail('invite')}>
                        {t('Skicka inbjudningar')}
                      </button>
                      <button type="button" className="secondary" onClick={() => askMail('remind')}>
                        {t('Skicka påminnelser')}
                      </button>
                    </div>
                  )}
                  {d.round.status === 'draft' && (
                    <p className="notice-info">{t('Inbjudningar kan skickas när förbundet har öppnat mätomgången. Du kan redan nu bygga urvalet.')}</p>
                  )}
                  {d.respondents.some((r) => r.source !== 'import') && (
                    <p className="button-row">
                      <a href={`${base}/links.csv`} download>
                        {t('Hämta alla personliga länkar (CSV)')}
                      </a>
                      <a href={`${base}/links.xlsx`} download>
                        {t('Hämta alla personliga länkar (Excel)')}
                      </a>
                    </p>
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
                {confirm && (
                  <ConfirmDialog
                    title={confirm.kind === 'invite' ? t('Skicka inbjudningar?') : t('Skicka påminnelser?')}
                    confirmLabel={t('Ja, skicka till {n}', { n: confirm.report.sent.length })}
                    busy={action.busy}
                    onConfirm={() => void sendMail(confirm.kind)}
                    onCancel={() => setConfirm(null)}
                  >
                    <MailSummary kind={confirm.kind} report={confirm.report} byId={byId} />
                  </ConfirmDialog>
                )}
                {d.editable && (
                  <ImportRespondents
                    base={base}
                    types={types}
                    areaName={organisation.areaNames}
                    onImported={(n) => {
                      reloadAll();
                      action.setMsg(t('{n} respondenter är importerade. De personliga länkarna finns i tabellen.', { n }));
                    }}
                  />
                )}
                {d.editable && (
                  <AddRespondentForm
                    url={`${base}/respondents`}
                    types={included && included.length ? included : d.round.respondentTypes}
                    areas={organisation.areas}
                    onAdded={(n) => {
                      reloadAll();
                      action.setMsg(n === 1 ? t('En respondent är tillagd. Den personliga länken finns i tabellen.') : t('{n} respondenter är tillagda.', { n }));
                    }}
                  />
                )}
                {roundState.data && (
                  <MailTexts
                    base={base}
                    round={roundState.data.round}
                    canEdit={isAdmin && d.round.status !== 'closed'}
                    onSaved={() => roundState.reload()}
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

/** Who gets the mail and who does not: the confirmation's summary. */
function MailSummary({ kind, report, byId }: { kind: MailKind; report: MailReport; byId: Map<number, { r: Respondent; n: number }> }) {
  const { t } = useI18n();
  const SHOWN = 8;
  const who = (rid: number) => {
    const x = byId.get(rid);
    if (!x) return t('respondent {n}', { n: rid });
    return x.r.name ? `${x.r.name} <${x.r.email}>` : (x.r.email ?? t('respondent {n}', { n: x.n }));
  };
  return (
    <>
      <p>
        {kind === 'invite'
          ? t('En inbjudan med personlig länk skickas med e-post till {n} respondenter:', { n: report.sent.length })
          : t('En påminnelse med personlig länk skickas med e-post till {n} respondenter som inte har skickat in:', { n: report.sent.length })}
      </p>
      <ul className="mail-recipients">
        {report.sent.slice(0, SHOWN).map((rid) => (
          <li key={rid}>{who(rid)}</li>
        ))}
        {report.sent.length > SHOWN && <li>{t('och {n} till', { n: report.sent.length - SHOWN })}</li>}
      </ul>
      {report.withoutEmail.length > 0 && (
        <p>{t('{n} saknar e-postadress och får inget e-postmeddelande: ge dem den personliga länken på annat sätt.', { n: report.withoutEmail.length })}</p>
      )}
      <p className="hint">{t('Texten som skickas visas under E-posttexter på den här sidan.')}</p>
    </>
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
  if (!respondents.length) return <p>{t('Inga respondenter ännu. Importera eller lägg till respondenter nedan.')}</p>;
  return (
    <DataTable
      label={t('Respondenter')}
      caption={t('Respondenter i urvalet ({n})', { n: respondents.length })}
      columns={[t('Nr'), t('Namn och e-post'), t('Roll och verksamhetsområde'), t('Status'), t('Inbjuden och påmind'), t('Personlig länk'), editable && t('Åtgärd')]}
      className="respondents"
    >
      <tbody>
        {respondents.map((r, i) => {
          const who = r.name ?? r.email ?? t('respondent {n}', { n: i + 1 });
          const link = linkOf.get(r.id);
          return (
            <tr key={r.id}>
              <th scope="row">{i + 1}</th>
              <td className="resp-who">
                {r.name ?? '–'}
                {r.email && <span className="resp-email">{r.email}</span>}
              </td>
              <td>
                {r.respondentType ? (types.get(r.respondentType) ?? r.respondentType) : '–'}
                <span className="resp-sub">{r.area ? (areaName.get(r.area) ?? r.area) : t('Område ej angivet')}</span>
              </td>
              <td>{t(respondentStatus(r))}</td>
              <td className="resp-dates">
                {r.invitedAt ? t('Inbjuden {date}', { date: date(r.invitedAt)! }) : t('Inte inbjuden')}
                {r.remindedAt && (
                  <span className="resp-sub">
                    {r.reminderCount > 1
                      ? t('Påmind {date} ({n} gånger)', { date: date(r.remindedAt)!, n: r.reminderCount })
                      : t('Påmind {date}', { date: date(r.remindedAt)! })}
                  </span>
                )}
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

/** Import from a CSV/XLSX file or rows pasted from Excel: preview first, then add when there are no errors. */
function ImportRespondents({
  base,
  types,
  areaName,
  onImported,
}: {
  base: string;
  types: Map<string, string>;
  areaName: Map<string, string>;
  onImported: (n: number) => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const [source, setSource] = useState<'file' | 'paste'>('file');
  const [file, setFile] = useState<File>();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<RespondentImportReport>();
  const fileId = useId();
  const pasteId = useId();

  const send = (dryRun: boolean) =>
    action.run(async () => {
      const url = `${base}/respondents/import?dryRun=${dryRun}`;
      let body: unknown;
      if (source === 'file') {
        if (!file) throw new Error(t('Välj en fil först.'));
        const form = new FormData();
        form.append('file', file, file.name);
        body = form;
      } else {
        if (!text.trim()) throw new Error(t('Klistra in raderna från Excel först.'));
        body = { text };
      }
      const r = await api<RespondentImportReport>('POST', url, body);
      if (dryRun) {
        setPreview(r);
        return;
      }
      setPreview(undefined);
      setFile(undefined);
      setText('');
      onImported(r.written);
    });

  const reset = () => setPreview(undefined);
  const canAdd = !!preview && preview.errors.length === 0 && preview.rows.length > 0;

  return (
    <Section id="import-h" title={t('Importera respondenter')}>
      <p>
        {t('Ladda upp en CSV- eller Excel-fil, eller klistra in rader från Excel. Kolumner: Namn, E-post, Respondenttyp (Roll) och Verksamhetsområde – på svenska eller engelska (Name, Email, Type, Area). Roll och område kan anges med namn eller id. Inget sparas förrän du har granskat förhandsvisningen.')}
      </p>
      <form
        className="narrow-wide"
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <fieldset className="import-source">
          <legend>{t('Källa')}</legend>
          <label className="inline-check">
            <input type="radio" name="import-source" checked={source === 'file'} onChange={() => (setSource('file'), reset())} /> {t('Fil (CSV eller XLSX)')}
          </label>
          <label className="inline-check">
            <input type="radio" name="import-source" checked={source === 'paste'} onChange={() => (setSource('paste'), reset())} /> {t('Klistra in från Excel')}
          </label>
        </fieldset>
        {source === 'file' ? (
          <div className="field">
            <label htmlFor={fileId}>{t('Fil med respondenter (CSV eller XLSX)')}</label>
            <input
              id={fileId}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.target.files?.[0]);
                reset();
              }}
            />
          </div>
        ) : (
          <div className="field">
            <label htmlFor={pasteId}>{t('Rader från Excel')}</label>
            <span className="hint" id={`${pasteId}-hint`}>
              {t('Markera cellerna i Excel (gärna med rubrikraden), kopiera och klistra in här. Utan rubrikrad läses kolumnerna i ordningen Namn, E-post, Respondenttyp, Verksamhetsområde.')}
            </span>
            <textarea
              id={pasteId}
              aria-describedby={`${pasteId}-hint`}
              rows={8}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                reset();
              }}
            />
          </div>
        )}
        <button type="submit" disabled={action.busy}>
          {t('Förhandsgranska')}
        </button>
      </form>
      <ErrorMessage message={action.message} />
      {preview && <ImportPreview report={preview} types={types} areaName={areaName} />}
      {canAdd && (
        <button type="button" disabled={action.busy} onClick={() => void send(false)}>
          {t('Lägg till {n} respondenter', { n: preview.rows.length })}
        </button>
      )}
    </Section>
  );
}

function ImportPreview({ report, types, areaName }: { report: RespondentImportReport; types: Map<string, string>; areaName: Map<string, string> }) {
  const { t } = useI18n();
  // Errors about the file or its header row; the others belong to a data row of the table.
  const fileErrors = report.errors.filter((e) => e.row === 0 || e.row === report.headerRow);
  const byRow = new Map<number, { kind: 'add' | 'error' | 'duplicate'; messages: string[]; add?: RespondentImportReport['rows'][number] }>();
  for (const r of report.rows) byRow.set(r.row, { kind: 'add', messages: [], add: r });
  for (const d of report.duplicates)
    byRow.set(d.row, {
      kind: 'duplicate',
      messages: [
        d.firstRow === null
          ? t('{email} finns redan bland kommunens respondenter och läggs inte till igen.', { email: d.email })
          : t('{email} finns redan på rad {row} och läggs inte till igen.', { email: d.email, row: d.firstRow }),
      ],
    });
  for (const e of report.errors) {
    if (fileErrors.includes(e)) continue;
    const x = byRow.get(e.row) ?? { kind: 'error' as const, messages: [] };
    x.kind = 'error';
    // The message names the field ("E-post: …"); the file's own column name is added when it differs.
    x.messages.push(e.column && !e.message.startsWith(`${e.column}:`) ? `${e.message} (${t('kolumn {column}', { column: e.column })})` : e.message);
    byRow.set(e.row, x);
  }
  const rowNumbers = [...byRow.keys()].sort((a, b) => a - b);
  const errorRows = rowNumbers.filter((n) => byRow.get(n)!.kind === 'error').length;
  return (
    <div className="import-preview">
      <h3>{t('Förhandsgranskning')}</h3>
      <p role="status">
        {t('{rows} rader lästa: {add} läggs till, {dup} dubbletter, {err} fel.', {
          rows: report.rowCount,
          add: report.rows.length,
          dup: report.duplicates.length,
          err: report.errors.length,
        })}
      </p>
      {report.errors.length > 0 && (
        <div className="error" role="alert">
          <p>{t('Inget sparas så länge fel finns. Rätta felen i filen och förhandsgranska igen.')}</p>
          {fileErrors.length > 0 && (
            <ul>
              {fileErrors.map((e, i) => (
                <li key={i}>{e.row ? `${t('Rad {row}', { row: e.row })}: ${e.message}` : e.message}</li>
              ))}
            </ul>
          )}
          {errorRows > 0 && <p>{t('{n} rader har fel; de är markerade i tabellen.', { n: errorRows })}</p>}
        </div>
      )}
      {report.ignoredColumns.length > 0 && (
        <p className="hint">{t('Kolumner som inte läses: {columns}', { columns: report.ignoredColumns.join(', ') })}</p>
      )}
      {rowNumbers.length > 0 && (
        <DataTable
          label={t('Förhandsgranskning')}
          caption={t('Raderna i filen: vad som läggs till, dubbletter och fel')}
          columns={[t('Rad'), t('Namn'), t('E-post'), t('Roll'), t('Verksamhetsområde'), t('Anmärkning')]}
          className="import-rows"
        >
          <tbody>
            {rowNumbers.map((n) => {
              const x = byRow.get(n)!;
              const a = x.add;
              return (
                <tr key={n} className={x.kind === 'error' ? 'row-error' : x.kind === 'duplicate' ? 'row-duplicate' : undefined}>
                  <th scope="row">{n}</th>
                  <td>{a?.name ?? '–'}</td>
                  <td>{a?.email ?? '–'}</td>
                  <td>{a?.respondentType ? (types.get(a.respondentType) ?? a.respondentType) : '–'}</td>
                  <td>{a?.area ? (areaName.get(a.area) ?? a.area) : '–'}</td>
                  <td>
                    {x.kind === 'add' ? (
                      t('Läggs till')
                    ) : (
                      <>
                        <strong>{x.kind === 'error' ? t('Fel') : t('Dubblett')}:</strong> {x.messages.join(' ')}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}

/** The invitation and reminder texts: placeholders, a rendered example and (förbundsadmin) editing. */
function MailTexts({ base, round, canEdit, onSaved }: { base: string; round: RoundTexts; canEdit: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const [kind, setKind] = useState<MailKind>('invite');
  const stored = (k: MailKind) =>
    k === 'invite'
      ? { subject: round.invitationSubject ?? DEFAULT_TEXTS.invite.subject, body: round.invitationBody ?? DEFAULT_TEXTS.invite.body }
      : { subject: round.reminderSubject ?? DEFAULT_TEXTS.remind.subject, body: round.reminderBody ?? DEFAULT_TEXTS.remind.body };
  const [subject, setSubject] = useState(stored('invite').subject);
  const [body, setBody] = useState(stored('invite').body);
  const [preview, setPreview] = useState<{ subject: string; body: string; to: string | null; errors: string[] }>();
  const bodyId = useId();

  const previewAction = useAction();
  const show = (k: MailKind, s: string, b: string) =>
    previewAction.run(async () => {
      setPreview(await post(`${base}/mail-preview`, { kind: k, subject: s, body: b }));
    });
  useEffect(() => {
    const s = stored(kind);
    setSubject(s.subject);
    setBody(s.body);
    void show(kind, s.subject, s.body);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, round]);

  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const d = DEFAULT_TEXTS[kind];
      const s = subject.trim() === d.subject ? null : subject;
      const b = body.trim() === d.body ? null : body;
      await patch(`/api/rounds/${round.id}`, kind === 'invite' ? { invitationSubject: s, invitationBody: b } : { reminderSubject: s, reminderBody: b });
      onSaved();
      return kind === 'invite' ? t('Inbjudans text är sparad.') : t('Påminnelsens text är sparad.');
    });
  };

  return (
    <Section id="mail-h" title={t('E-posttexter')}>
      <p>
        {canEdit
          ? t('Texterna gäller hela mätomgången. Platshållarna ersätts för varje respondent när e-posten skickas.')
          : t('Texterna gäller hela mätomgången och redigeras av förbundet. Platshållarna ersätts för varje respondent när e-posten skickas.')}
      </p>
      <fieldset className="import-source">
        <legend>{t('Text')}</legend>
        <label className="inline-check">
          <input type="radio" name="mail-kind" checked={kind === 'invite'} onChange={() => setKind('invite')} /> {t('Inbjudan')}
        </label>
        <label className="inline-check">
          <input type="radio" name="mail-kind" checked={kind === 'remind'} onChange={() => setKind('remind')} /> {t('Påminnelse')}
        </label>
      </fieldset>
      <details className="placeholders">
        <summary>{t('Platshållare')}</summary>
        <dl className="facts">
          <dt>{placeholder('name')}</dt>
          <dd>{t('Respondentens namn (utelämnas om namn saknas)')}</dd>
          <dt>{placeholder('link')}</dt>
          <dd>{t('Den personliga länken')}</dd>
          <dt>{placeholder('deadline')}</dt>
          <dd>{t('Mätomgångens sista dag ({date})', { date: round.periodEnd })}</dd>
          <dt>{placeholder('contact')}</dt>
          <dd>{t('Mätomgångens kontaktperson, annars avsändaren')}</dd>
          <dt>{(['roundTitle', 'instrumentTitle', 'municipality'] as const).map(placeholder).join(', ')}</dt>
          <dd>{t('Mätomgångens rubrik, enkätens namn och kommunens namn')}</dd>
        </dl>
        <p className="hint">{t('Engelska namn fungerar också: {name}, {link}, {deadline}, {contact}, {round}, {survey}, {municipality}.')}</p>
      </details>
      <form className="narrow-wide" onSubmit={save}>
        <Field label={t('Ämnesrad')} value={subject} readOnly={!canEdit} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
        <div className="field">
          <label htmlFor={bodyId}>{t('Text')}</label>
          <textarea id={bodyId} rows={12} value={body} readOnly={!canEdit} onChange={(e) => setBody(e.target.value)} />
        </div>
        <div className="button-row">
          <button type="button" className="secondary" onClick={() => void show(kind, subject, body)}>
            {t('Visa exempel')}
          </button>
          {canEdit && (
            <>
              <button type="submit" disabled={action.busy}>
                {t('Spara texten')}
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setSubject(DEFAULT_TEXTS[kind].subject);
                  setBody(DEFAULT_TEXTS[kind].body);
                }}
              >
                {t('Återställ standardtexten')}
              </button>
            </>
          )}
        </div>
      </form>
      <ActionMessages action={action} />
      <ErrorMessage message={previewAction.message} />
      {preview && (
        <div className="mail-preview" aria-live="polite">
          <h3>{preview.to ? t('Exempel: e-post till {to}', { to: preview.to }) : t('Exempel')}</h3>
          {preview.errors.length > 0 && (
            <ul className="error">
              {preview.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
          <p>
            <strong>{t('Ämne')}:</strong> {preview.subject}
          </p>
          <pre className="mail-body">{preview.body}</pre>
        </div>
      )}
    </Section>
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
