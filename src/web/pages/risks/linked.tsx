// The register's risks linked to an initiative, shown on the initiative's page (GET /api/risks?initiative=).
import { Link } from 'react-router-dom';
import * as api from '../../../contracts/risks.ts';
import { DataTable, ErrorMessage, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint } from '../../query.ts';
import { RiskValue, SynthesisedTag } from './shared.tsx';

export function LinkedRisksSection({ initiativeId }: { initiativeId: number }) {
  const { t } = useI18n();
  const state = useEndpoint(api.listRisks, { query: { initiative: initiativeId } });
  const risks = state.data?.risks ?? [];
  if (!state.error && risks.length === 0) return null;
  return (
    <Section id="register-risks-h" title={t('Risker i riskregistret')}>
      <ErrorMessage message={state.error} />
      {risks.length > 0 && (
        <DataTable
          label={t('Risker i riskregistret')}
          caption={t('Risker i riskregistret kopplade till initiativet ({n})', { n: risks.length })}
          columns={[t('Risk'), t('Register'), t('Aktuellt riskvärde'), t('Status')]}
        >
          <tbody>
            {risks.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/risker/${r.id}`}>{r.title}</Link> {r.synthesised && <SynthesisedTag />}
                </th>
                <td>{r.scope.kind === 'municipality' ? r.scope.municipality : r.scope.group}</td>
                <td>
                  {r.current.length === 0 ? (
                    <RiskValue value={null} serious={false} />
                  ) : (
                    <ul className="plain-list">
                      {r.current.map((a, n) => (
                        <li key={n}>
                          {a.municipality ? `${a.municipality}: ` : ''}
                          <RiskValue value={a.value} serious={a.serious} />
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{t(r.statusLabel)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Section>
  );
}
