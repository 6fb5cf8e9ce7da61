// Uppföljning: the initiatives whose status report for a period is overdue (the association's view).
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { getOverdueReports } from '../../../contracts/portfolio.ts';
import { canSeeOverdueReports } from '../../../domain/portfolio/portfolio-policy.ts';
import { Control } from '../../components/forms.tsx';
import { AsyncView, DataTable, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint } from '../../query.ts';
import { useSession } from '../../session.tsx';
import { FilterForm, PortfolioPage } from './shared.tsx';

function useCanSeeOverdue() {
  const { user } = useSession();
  return canSeeOverdueReports(user ?? null);
}

export function FollowUpPage() {
  const { t } = useI18n();
  const allowed = useCanSeeOverdue();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? '';
  const grace = params.get('marginal') ?? '';
  const state = useEndpoint(getOverdueReports, allowed ? { query: { period: period || undefined, graceDays: grace || undefined } } : null, { keep: true });
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
      {!allowed ? (
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
