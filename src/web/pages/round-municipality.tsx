// A municipality in a round (kommunansvarig, or förbundsadmin for any municipality): the
// respondents with their links and when they were invited and reminded, import from CSV/XLSX or
// pasted Excel rows with a preview, the links as CSV/XLSX, the invitation and reminder texts with a
// rendered example, sending with a confirmation summary, and the response rates.
import { useId, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import * as api from '../../contracts/respondents.ts';
import { getMunicipality } from '../../contracts/organisation.ts';
import { getRound } from '../../contracts/rounds.ts';
import type { RespondentView as Respondent } from '../../domain/respondent-schema.ts';
import { canSeeMunicipality } from '../../domain/organisation.ts';
import type { MailKind } from '../../domain/mail-template.ts';
import { call, endpointUrl } from '../api.ts';
import { ConfirmDialog } from '../components/confirm.tsx';
import { useAction, useIsAdmin, useOrganisation } from '../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, LinkParagraph, Page, Section } from '../components/ui.tsx';
import { ForbiddenPanel } from '../components/RouteShell.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../query.ts';
import { useSession } from '../session.tsx';
import { AddRespondentForm } from './respondent-add-form.tsx';
import { ImportRespondents } from './respondent-import.tsx';
import { MailSummary, MailTexts, type MailReport } from './respondent-mail.tsx';
import { RateTables, StatusTag } from './rounds.tsx';

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
  const params = { id, code };
  const respondents = useEndpoint(api.listRespondents, { params }, { keep: true });
  const links = useEndpoint(api.listRespondentLinks, { params }, { keep: true });
  const rates = useEndpoint(api.municipalityRates, { params }, { keep: true });
  const roundState = useEndpoint(getRound, { params: { id } }, { keep: true });
  // A förbundsadmin or kommunansvarig gets the whole round, with its mail texts.
  const roundTexts = roundState.data && 'invitationSubject' in roundState.data.round ? roundState.data.round : undefined;
  const municipality = useEndpoint(getMunicipality, { params: { code } });
  const organisation = useOrganisation();
  const action = useAction();
  const remove = useEndpointMutation(api.deleteRespondent);
  const invite = useEndpointMutation(api.inviteRespondents);
  const remind = useEndpointMutation(api.remindRespondents);
  const self = useEndpointMutation(api.selfAssessmentLink);
  const [confirm, setConfirm] = useState<{ kind: MailKind; report: MailReport } | null>(null);

  const linkOf = useMemo(() => new Map((links.data?.links ?? []).map((l) => [l.id, l.link])), [links.data]);
  const muniName = municipality.data?.municipality.name ?? code;

  /** Asks the server who would get the mail, then asks for confirmation. */
  const askMail = (kind: MailKind) =>
    action.run(async () => {
      const report = await call(api.mailSummary, { params, body: { kind } });
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
      const r = await (kind === 'invite' ? invite : remind).mutateAsync({ params, body: {} });
      setConfirm(null);
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
      const r = await self.mutateAsync({ params });
      navigate(`/svar/${r.token}`);
    });

  return (
    <AsyncView state={respondents}>
      {(d) => {
        const types = new Map(d.round.respondentTypes.map((r) => [r.id, r.label]));
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
                      <a href={endpointUrl(api.linksCsv, { params })} download>
                        {t('Hämta alla personliga länkar (CSV)')}
                      </a>
                      <a href={endpointUrl(api.linksXlsx, { params })} download>
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
                        await remove.mutateAsync({ params: { ...params, rid: r.id } });
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
                    params={params}
                    types={types}
                    areaName={organisation.areaNames}
                    onImported={(n) => {
                      action.setMsg(t('{n} respondenter är importerade. De personliga länkarna finns i tabellen.', { n }));
                    }}
                  />
                )}
                {d.editable && (
                  <AddRespondentForm
                    params={params}
                    types={d.round.respondentTypes}
                    areas={organisation.areas}
                    onAdded={(n) => {
                      action.setMsg(n === 1 ? t('En respondent är tillagd. Den personliga länken finns i tabellen.') : t('{n} respondenter är tillagda.', { n }));
                    }}
                  />
                )}
                {roundTexts && (
                  <MailTexts
                    params={params}
                    round={roundTexts}
                    canEdit={isAdmin && d.round.status !== 'closed'}
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
