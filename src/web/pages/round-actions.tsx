// The association's controls on a round page: open, close and reopen after a confirmation that
// summarises what will happen (figures from GET /api/rounds/:id/preview/:action), edit, delete a
// draft without answers (confirmed), import, and the CSV download where there are answers. Also the
// self-assessment state per municipality for self-assessment rounds.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import { closeRound, deleteRound, openRound, previewRoundStatus, reopenRound, type FullRound } from '../../contracts/rounds.ts';
import { call } from '../api.ts';
import { ConfirmDialog } from '../components/confirm.tsx';
import { useAction } from '../components/hooks.ts';
import { ActionMessages, DataTable } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpointMutation } from '../query.ts';
import type { RoundAction, RoundStatus } from '../../domain/rounds.ts';

type TransitionPreview = ResponseOf<typeof previewRoundStatus>['preview'];

const ACTION_OF: Record<RoundStatus, RoundAction> = { draft: 'open', open: 'close', closed: 'reopen' };

export function RoundAdminActions({ round }: { round: Pick<FullRound, 'id' | 'title' | 'status' | 'mode' | 'answeredRespondents'> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const action = useAction();
  const dialogAction = useAction();
  const change = { open: useEndpointMutation(openRound), close: useEndpointMutation(closeRound), reopen: useEndpointMutation(reopenRound) };
  const removal = useEndpointMutation(deleteRound);
  const [preview, setPreview] = useState<TransitionPreview>();
  const [deleting, setDeleting] = useState(false);
  const what = ACTION_OF[round.status];
  const buttonLabel = { open: t('Öppna mätomgången'), close: t('Stäng mätomgången'), reopen: t('Öppna igen') }[what];

  const ask = () =>
    action.run(async () => {
      dialogAction.setError(undefined);
      setPreview((await call(previewRoundStatus, { params: { id: round.id, action: what } })).preview);
    });

  const confirm = () =>
    dialogAction.run(async () => {
      const p = preview!;
      await change[p.action].mutateAsync({ params: { id: round.id } });
      setPreview(undefined);
      action.setMsg(
        p.action === 'open'
          ? t('Mätomgången är öppnad. Respondenterna kan nu svara.')
          : p.action === 'close'
            ? t('Mätomgången är stängd. Inga fler svar tas emot.')
            : t('Mätomgången är öppnad igen.'),
      );
    });

  const remove = () =>
    dialogAction.run(async () => {
      await removal.mutateAsync({ params: { id: round.id } });
      navigate('/matomgangar', { state: { msg: t('Mätomgången {title} är borttagen.', { title: round.title }) } });
    });

  return (
    <>
      <ActionMessages action={action} />
      <div className="button-row">
        {/* One button whose label follows the status, so focus stays on it after the change. */}
        <button key="status-action" type="button" aria-disabled={action.busy || undefined} onClick={() => !action.busy && ask()}>
          {buttonLabel}
        </button>
        <Link className="button secondary" to={`/matomgangar/${round.id}/andra`}>
          {t('Ändra')}
        </Link>
        {round.status !== 'closed' && (
          <Link className="button secondary" to={`/matomgangar/${round.id}/import`}>
            {t('Importera svar')}
          </Link>
        )}
        <Link className="button secondary" to={`/matomgangar/${round.id}/publicerat`}>
          {t('Publicerade siffror')}
        </Link>
        {round.answeredRespondents > 0 && (
          <a className="button secondary" href={`/api/rounds/${round.id}/responses.csv`} download>
            {t('Ladda ner svaren (CSV)')}
          </a>
        )}
        {round.status === 'draft' && round.answeredRespondents === 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              dialogAction.setError(undefined);
              setDeleting(true);
            }}
          >
            {t('Ta bort utkastet')}
          </button>
        )}
      </div>
      {preview && (
        <ConfirmDialog
          title={
            preview.action === 'open' ? t('Öppna mätomgången?') : preview.action === 'close' ? t('Stäng mätomgången?') : t('Öppna mätomgången igen?')
          }
          confirmLabel={
            preview.action === 'open' ? t('Ja, öppna mätomgången') : preview.action === 'close' ? t('Ja, stäng mätomgången') : t('Ja, öppna igen')
          }
          onConfirm={confirm}
          onCancel={() => setPreview(undefined)}
          busy={dialogAction.busy}
          error={dialogAction.message}
        >
          <PreviewSummary p={preview} />
        </ConfirmDialog>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('Ta bort utkastet?')}
          confirmLabel={t('Ja, ta bort')}
          danger
          onConfirm={remove}
          onCancel={() => setDeleting(false)}
          busy={dialogAction.busy}
          error={dialogAction.message}
        >
          <p>{t('Utkastet {title} tas bort med sina kommuner och respondenter. Det går inte att ångra.', { title: round.title })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** What a status change will do, in sentences with the figures from the server. */
function PreviewSummary({ p }: { p: TransitionPreview }) {
  const { t } = useI18n();
  const self = p.mode === 'self-assessment';
  const lines: string[] = [];
  if (p.action === 'open') {
    if (self) lines.push(t('Kommunansvariga i {m} kommuner kan besvara självskattningen till och med {date}.', { m: p.municipalities, date: p.periodEnd }));
    else {
      lines.push(t('{m} kommuner, {n} respondenter i urvalet, {i} inbjudna.', { m: p.municipalities, n: p.respondents, i: p.invited }));
      lines.push(t('Respondenterna kan svara till och med {date}.', { date: p.periodEnd }));
      lines.push(
        t('Inga e-postmeddelanden skickas när mätomgången öppnas: kommunansvariga skickar inbjudningarna. {w} respondenter med e-postadress väntar på inbjudan.', {
          w: p.notInvitedWithEmail,
        }),
      );
      if (p.respondents === 0) lines.push(t('Urvalet är tomt ännu; kommunansvariga kan lägga till respondenter medan mätomgången är öppen.'));
    }
  } else if (p.action === 'close') {
    lines.push(
      self
        ? t('{c} av {m} kommuner har skickat in självskattningen.', { c: p.completed, m: p.municipalities })
        : t('{c} av {n} respondenter har skickat in sina svar; {s} har påbörjat utan att skicka in.', { c: p.completed, n: p.respondents, s: p.started }),
    );
    lines.push(t('{o} öppna länkar slutar fungera: inga fler svar tas emot.', { o: p.openLinks }));
    lines.push(t('Mätomgången kan öppnas igen senare.'));
  } else {
    lines.push(t('{o} länkar som inte har skickats in fungerar igen; {c} inskickade svar påverkas inte.', { o: p.openLinks, c: p.completed }));
    lines.push(t('Respondenterna kan svara till och med {date}.', { date: p.periodEnd }));
    if (p.periodEnded) lines.push(t('Obs! Periodens slut har redan passerat; ändra slutdatumet när mätomgången är öppen.'));
  }
  return (
    <ul className="round-summary">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

// ---- Self-assessment state per municipality -----------------------------------------------------

type SelfAssessmentRow = Pick<FullRound['progress'][number], 'municipality' | 'name' | 'selfAssessment'>;
type SelfAssessmentState = NonNullable<SelfAssessmentRow['selfAssessment']>['state'];

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('sv-SE') : '');

export function SelfAssessmentTable({ roundId, rows }: { roundId: number; rows: SelfAssessmentRow[] }) {
  const { t } = useI18n();
  const label = (s: SelfAssessmentState | undefined) =>
    s === 'submitted' ? t('Inskickad') : s === 'in-progress' ? t('Pågår') : t('Ej påbörjad');
  const submitted = rows.filter((r) => r.selfAssessment?.state === 'submitted').length;
  const inProgress = rows.filter((r) => r.selfAssessment?.state === 'in-progress').length;
  return (
    <>
      {rows.length > 1 && (
        <p>{t('{s} av {m} kommuner har skickat in självskattningen; {p} pågår.', { s: submitted, m: rows.length, p: inProgress })}</p>
      )}
      <DataTable
        label={t('Självskattning per kommun')}
        caption={t('Självskattningens läge per kommun')}
        columns={[t('Kommun'), t('Självskattning'), { num: t('Besvarade frågor') }, t('Inskickad')]}
      >
        <tbody>
          {rows.map((r) => {
            const s = r.selfAssessment;
            return (
              <tr key={r.municipality}>
                <th scope="row">
                  <Link to={`/matomgangar/${roundId}/kommuner/${r.municipality}`}>{r.name}</Link>
                </th>
                <td className={`self-state ${s?.state ?? 'not-started'}`}>{label(s?.state)}</td>
                <td className="num">{s?.answerCount ?? 0}</td>
                <td>{s?.state === 'submitted' ? day(s.completedAt) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </>
  );
}
