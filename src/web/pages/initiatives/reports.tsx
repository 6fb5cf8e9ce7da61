// Status reports and the follow-up of benefits.
import { useState, type FormEvent } from 'react';
import * as api from '../../../contracts/initiatives.ts';
import { ApiError } from '../../api.ts';
import { useEndpointMutation } from '../../query.ts';
import { Control, Options } from '../../components/forms.tsx';
import { hours, kr, oneFormat } from '../../components/format.ts';
import { useAction } from '../../components/hooks.ts';
import { DataTable, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { type ReportStatus } from '../../../domain/portfolio/types.ts';

import { REPORTABLE_STAGES } from '../../../domain/portfolio/initiative-policy.ts';
import { REPORT_STATUS_LABEL, type Detail, type Initiative, type FollowUp, dateOnly, fieldErrorsOf, str, numberOf, Outcome } from './shared.tsx';

// ---- Status reports ----------------------------------------------------------------------------

const emptyReport = { period: '', status: 'enligt_plan' as ReportStatus, progress: '', comment: '', realisedHours: '', realisedSek: '' };

export function ReportsSection({
  i,
  reports,
  followUp,
  canReport,
}: {
  i: Initiative;
  reports: Detail['reports'];
  followUp: FollowUp;
  canReport: boolean;
}) {
  const { t } = useI18n();
  const action = useAction();
  const reportStatus = useEndpointMutation(api.reportStatus);
  const [r, setR] = useState(emptyReport);
  const errors = fieldErrorsOf(action.error);
  const open = REPORTABLE_STAGES.includes(i.stage);
  const existing = reports.some((x) => x.period === r.period.trim());
  const share = (v: number | null) => (v === null ? '' : ` (${t('{pct} % av ett års beräknad nytta', { pct: oneFormat.format(v) })})`);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const period = r.period.trim();
    if (!period) {
      action.setError(new ApiError(400, t('Ange perioden, till exempel 2025-Q2.'), [{ path: 'period', message: t('Ange perioden, till exempel 2025-Q2.') }]));
      document.getElementById('report-period')?.focus();
      return;
    }
    action.run(async () => {
      // What was typed goes as it is (a number where it is one): the server's Swedish message names a wrong value.
      await reportStatus.mutateAsync({
        params: { id: i.id, period },
        body: {
          status: r.status,
          progress: (numberOf(r.progress) ?? r.progress) as number,
          comment: r.comment,
          realisedHours: numberOf(r.realisedHours) as number | null,
          realisedSek: numberOf(r.realisedSek) as number | null,
        },
      });
      setR(emptyReport);
      return existing ? t('Statusrapporten för {period} är uppdaterad.', { period }) : t('Statusrapporten för {period} är sparad.', { period });
    });
  };

  const field = (k: 'progress' | 'realisedHours' | 'realisedSek', label: string, hint?: string) => (
    <Control id={`report-${k}`} label={label} hint={hint} error={errors[k]}>
      {(a) => <input {...a} type="text" inputMode="numeric" value={r[k]} onChange={(e) => setR((x) => ({ ...x, [k]: e.target.value }))} />}
    </Control>
  );

  return (
    <Section id="reports-h" title={t('Statusrapporter och nytta')}>
      <dl className="facts">
        <dt>{t('Beräknad nytta per år')}</dt>
        <dd>
          {hours(followUp.estimated.hoursPerYear)}, {kr(followUp.estimated.sekPerYear)}
        </dd>
        <dt>{t('Realiserad nytta hittills')}</dt>
        <dd>
          {hours(followUp.realised.hours)}
          {share(followUp.hoursShareOfYearlyEstimate)}, {kr(followUp.realised.sek)}
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
        <DataTable
          label={t('Statusrapporter')}
          caption={t('Statusrapporter per period ({n})', { n: reports.length })}
          columns={[
            t('Period'),
            t('Status'),
            { num: t('Framdrift') },
            { num: t('Realiserad tid') },
            { num: t('Realiserad ekonomisk nytta') },
            t('Kommentar'),
            t('Rapporterad'),
            canReport && open && t('Åtgärd'),
          ]}
        >
          <tbody>
            {reports.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.period}</th>
                <td>{t(REPORT_STATUS_LABEL[x.status] ?? x.status)}</td>
                <td className="num">{x.progress} %</td>
                <td className="num">{hours(x.realisedHours)}</td>
                <td className="num">{kr(x.realisedSek)}</td>
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
        </DataTable>
      )}
      {!open ? (
        <p className="notice-info">{t('Statusrapporter lämnas när initiativet är Prioriterat, i Genomförande eller i Nyttohemtagning.')}</p>
      ) : (
        canReport && (
          <form onSubmit={submit} className="narrow-wide" noValidate aria-label={t('Lämna statusrapport')}>
            <h3>{t('Lämna eller uppdatera en statusrapport')}</h3>
            <Outcome action={action} />
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
                    <Options entries={(Object.keys(REPORT_STATUS_LABEL) as ReportStatus[]).map((s) => [s, t(REPORT_STATUS_LABEL[s])])} />
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
    </Section>
  );
}
