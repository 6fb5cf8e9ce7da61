// A municipality's 4 × 4 risk matrix (/risker/matris/:code): probability × consequence as a table whose
// cells list the risks, the risks with only a published value beside it, and the same matrix as a heatmap
// (the one chart pipeline: riskMatrixChart → SpecChart).
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import * as api from '../../../contracts/risks.ts';
import type { ResponseOf } from '../../../contracts/endpoint.ts';
import { riskMatrixChart } from '../../../domain/risk/chart.ts';
import { SpecChart } from '../../components/charts.tsx';
import { SelectField } from '../../components/forms.tsx';
import { useMunicipalities } from '../../components/hooks.ts';
import { AsyncView, DataTable, LinkParagraph, Page, Section } from '../../components/ui.tsx';
import { translate, useI18n } from '../../i18n.tsx';
import { useEndpoint } from '../../query.ts';
import { useSession } from '../../session.tsx';
import { csvHref, RiskValue } from './shared.tsx';

type Matrix = ResponseOf<typeof api.getRiskMatrix>['matrix'];

export function RiskMatrixPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const munis = useMunicipalities();
  const state = useEndpoint(api.getRiskMatrix, { params: { municipality: code } });
  const risks = useEndpoint(api.listRisks, { query: { municipality: code } });
  const choices = user?.role === 'kommunansvarig' ? munis.list.filter((m) => user.municipalities.includes(m.code)) : munis.list;
  return (
    <Page title={t('Riskmatris för {name}', { name: state.data?.matrix.municipality ?? munis.nameOf(code) })}>
      <LinkParagraph to={`/risker?kommun=${code}`}>{t('Tillbaka till riskregistret')}</LinkParagraph>
      {choices.length > 1 && (
        <form className="field-row" aria-label={t('Välj kommun')} onSubmit={(e) => e.preventDefault()}>
          <SelectField label={t('Kommun')} value={code} onChange={(e) => navigate(`/risker/matris/${e.target.value}`)} entries={choices.map((m) => [m.code, m.name])} />
        </form>
      )}
      <AsyncView state={{ ...state, loading: state.loading || risks.loading }}>
        {({ matrix: m }) => <MatrixView m={m} titleOf={(id) => risks.data?.risks.find((r) => r.id === id)?.title ?? t('Risk {id}', { id })} />}
      </AsyncView>
    </Page>
  );
}

function MatrixView({ m, titleOf }: { m: Matrix; titleOf: (id: number) => string }) {
  const { t, lang } = useI18n();
  const spec = useMemo(() => riskMatrixChart(m, (sv, vars) => translate(lang, sv, vars)), [m, lang]);
  const csv = csvHref([
        [t('Sannolikhet'), t('Konsekvens'), t('Riskvärde'), t('Allvarlig'), t('Risk')],
        ...m.cells.flat().flatMap((c) => c.riskIds.map((id) => [c.probability, c.consequence, c.value, c.serious ? t('ja') : t('nej'), titleOf(id)])),
    ...m.valueOnly.map((v) => ['', '', v.value, v.serious ? t('ja') : t('nej'), titleOf(v.riskId)]),
  ]);
  const placed = m.cells.flat().reduce((n, c) => n + c.riskIds.length, 0);
  return (
    <>
      <p aria-live="polite">
        {t('{assessed} bedömda risker, varav {serious} allvarliga; {none} ej bedömda.', { assessed: m.assessed, serious: m.serious, none: m.notAssessed })}
      </p>
      <Section id="matrix-h" title={t('Sannolikhet × konsekvens')}>
        <DataTable
          label={t('Riskmatris')}
          caption={t('Riskmatris för {name}: risker per sannolikhet (rader) och konsekvens (kolumner)', { name: m.municipality })}
          className="risk-matrix"
          columns={[t('Sannolikhet'), ...[1, 2, 3, 4].map((c) => t('Konsekvens {n}', { n: c }))]}
        >
          <tbody>
            {[4, 3, 2, 1].map((p) => (
              <tr key={p}>
                <th scope="row">{t('Sannolikhet {n}', { n: p })}</th>
                {[1, 2, 3, 4].map((c) => {
                  const cell = m.cells[p - 1][c - 1];
                  return (
                    <td key={c} className={cell.serious ? 'risk-cell serious' : 'risk-cell'}>
                      <span className="risk-cell-value">
                        {t('Värde')} <RiskValue value={cell.value} serious={cell.serious} />
                      </span>
                      {cell.riskIds.length ? (
                        <ul>
                          {cell.riskIds.map((id) => (
                            <li key={id}>
                              <Link to={`/risker/${id}`}>{titleOf(id)}</Link>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="hint"> · {t('inga risker')}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </DataTable>
        <figure className="result-figure" aria-labelledby="matrix-chart-h">
          <figcaption>
            <h3 id="matrix-chart-h">{t('Värmekarta: antal risker per ruta')}</h3>
          </figcaption>
          {placed > 0 ? (
            <SpecChart spec={spec} label={t('Värmekarta över riskmatrisen för {name}: {n} risker placerade. Alla värden finns i tabellen ovan.', { name: m.municipality, n: placed })} />
          ) : (
            <p>{t('Inga risker är bedömda med sannolikhet och konsekvens, så matrisen är tom.')}</p>
          )}
          <p className="csv-link">
            <a href={csv} download={`riskmatris-${m.municipalityCode}.csv`}>
              {t('Ladda ned tabellen som CSV')}
              <span className="visually-hidden">: {t('Riskmatris')}</span>
            </a>
          </p>
        </figure>
      </Section>
      <Section id="value-only-h" title={t('Risker med bara riskvärde')}>
        <p className="hint">{t('Källan publicerar bara riskvärdet (sannolikhet × konsekvens), inte de två talen, så riskerna kan inte placeras i matrisen.')}</p>
        {m.valueOnly.length === 0 ? (
          <p>{t('Inga.')}</p>
        ) : (
          <DataTable label={t('Risker med bara riskvärde')} caption={t('Risker med bara riskvärde ({n})', { n: m.valueOnly.length })} columns={[t('Risk'), { num: t('Riskvärde') }]}>
            <tbody>
              {m.valueOnly.map((v) => (
                <tr key={v.riskId}>
                  <th scope="row">
                    <Link to={`/risker/${v.riskId}`}>{titleOf(v.riskId)}</Link>
                  </th>
                  <td className="num">
                    <RiskValue value={v.value} serious={v.serious} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Section>
    </>
  );
}
