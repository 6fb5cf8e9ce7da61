// Stage moves with their gates, and the decision log.
import { useEffect, useId, useState, type FormEvent } from 'react';
import * as api from '../../../contracts/initiatives.ts';
import { ApiError } from '../../api.ts';
import { useEndpointMutation } from '../../query.ts';
import { Control, Options } from '../../components/forms.tsx';
import { useAction } from '../../components/hooks.ts';
import { DataTable, ErrorMessage, Loading, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { type Stage } from '../../../domain/portfolio/types.ts';

import { STAGE_LABEL, type Detail, type LogEntry, dateTime, StageTag, isAdmin, Outcome } from './shared.tsx';

// ---- Stage moves and log ------------------------------------------------------------------------

export function StageSection({ d, log, logError }: { d: Detail; log?: LogEntry[]; logError?: string }) {
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
