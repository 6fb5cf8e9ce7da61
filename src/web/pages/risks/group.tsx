// A group's risk × municipality heatmap (/risker/grupp/:groupId): counts assessed / serious per member, the
// heatmap (riskHeatmapChart → SpecChart) and its table alternative grouped by theme, with a CSV of the
// table. Members are named or anonymised ("Kommun N") exactly as the API answers.
import { Fragment, useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import * as api from '../../../contracts/risks.ts';
import type { ResponseOf } from '../../../contracts/endpoint.ts';
import { riskHeatmapChart, shortRiskLabel } from '../../../domain/risk/chart.ts';
import { SpecChart } from '../../components/charts.tsx';
import { AsyncView, DataTable, LinkParagraph, Page, Section } from '../../components/ui.tsx';
import { translate, useI18n } from '../../i18n.tsx';
import { useEndpoint } from '../../query.ts';
import { useSession } from '../../session.tsx';
import { csvHref, RiskValue } from './shared.tsx';

type Heatmap = ResponseOf<typeof api.getRiskHeatmap>['heatmap'];

export function RiskGroupPage() {
  const { groupId = '' } = useParams();
  const { t } = useI18n();
  const state = useEndpoint(api.getRiskHeatmap, { params: { group: Number(groupId) } });
  return (
    <Page title={state.data ? t('Risker i gruppen {name}', { name: state.data.heatmap.group }) : t('Risker i gruppen')}>
      <LinkParagraph to={`/risker?grupp=${groupId}`}>{t('Tillbaka till riskregistret')}</LinkParagraph>
      <AsyncView state={state}>{({ heatmap }) => <HeatmapView h={heatmap} />}</AsyncView>
    </Page>
  );
}

function HeatmapView({ h }: { h: Heatmap }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const mayOpenMatrix = (code: string) => user?.role === 'forbundsadmin' || (user?.role === 'kommunansvarig' && user.municipalities.includes(code));
  const matrices = h.named ? h.municipalities.filter((m) => mayOpenMatrix(m.municipalityCode)) : [];
  const spec = useMemo(() => riskHeatmapChart(h, (sv, vars) => translate(lang, sv, vars)), [h, lang]);
  const cellOf = (row: Heatmap['rows'][number], code: string) => row.values.find((v) => v.municipalityCode === code);
  const csv = csvHref([
    [t('Tema'), t('Risk'), ...h.municipalities.map((m) => m.municipality)],
    ...h.rows.map((r) => [h.themes.find((x) => x.themeId === r.themeId)?.theme ?? r.themeId, r.title, ...h.municipalities.map((m) => cellOf(r, m.municipalityCode)?.value ?? '–')]),
  ]);
  const total = h.rows.length;
  return (
    <>
      {!h.named && <p className="hint">{t('Kommunerna visas anonymiserade eftersom gruppens jämförelse inte är publicerad med namn.')}</p>}
      <p>{t('Riskvärde = sannolikhet × konsekvens (1–4 vardera). Värden över {limit} är allvarliga risker. – betyder att kommunen inte har bedömt risken.', { limit: h.seriousAbove })}</p>
      <Section id="counts-h" title={t('Bedömda och allvarliga risker per kommun')}>
        <DataTable
          label={t('Bedömda och allvarliga risker per kommun')}
          caption={t('Antal bedömda och allvarliga risker av {n} per kommun', { n: total })}
          columns={[t('Kommun'), { num: t('Bedömda') }, { num: t('Allvarliga') }, { num: t('Bedömda / allvarliga') }]}
        >
          <tbody>
            {h.municipalities.map((m) => (
              <tr key={m.municipalityCode}>
                <th scope="row">{m.municipality}</th>
                <td className="num">{m.assessed}</td>
                <td className="num">{m.serious}</td>
                <td className="num">
                  {m.assessed}/{m.serious}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </Section>
      <Section id="heatmap-h" title={t('Värmekarta: risk × kommun')}>
        <figure className="result-figure" aria-labelledby="heatmap-fig-h">
          <figcaption>
            <h3 id="heatmap-fig-h">{t('Riskvärde per risk och kommun')}</h3>
            <p className="base-n">{t('{n} risker, {m} kommuner', { n: total, m: h.municipalities.length })}</p>
          </figcaption>
          <SpecChart
            spec={spec}
            label={t('Värmekarta: riskvärde för {n} risker i {m} kommuner. {counts}. Alla värden finns i tabellen under diagrammet.', {
              n: total,
              m: h.municipalities.length,
              counts: h.municipalities.map((m) => t('{name} {assessed} bedömda, {serious} allvarliga', { name: m.municipality, assessed: m.assessed, serious: m.serious })).join('; '),
            })}
          />
          <details className="table-alternative" open>
            <summary>{t('Visa som tabell')}: {t('Riskvärde per risk och kommun')}</summary>
            <DataTable
              label={t('Riskvärde per risk och kommun')}
              caption={t('Riskvärde per risk och kommun')}
              className="risk-heatmap-table"
              columns={[t('Risk'), ...h.municipalities.map((m) => ({ num: m.municipality }))]}
            >
              <tbody>
                {h.themes.map((theme) => (
                  <Fragment key={theme.themeId}>
                    <tr className="theme-row">
                      <th scope="colgroup" colSpan={h.municipalities.length + 1}>
                        {theme.theme}
                      </th>
                    </tr>
                    {h.rows
                      .map((r, i) => ({ r, i }))
                      .filter(({ r }) => r.themeId === theme.themeId)
                      .map(({ r, i }) => (
                        <tr key={r.riskId}>
                          <th scope="row">
                            <Link to={`/risker/${r.riskId}`}>{shortRiskLabel(i + 1, r.title, 1000)}</Link>
                          </th>
                          {h.municipalities.map((m) => {
                            const v = cellOf(r, m.municipalityCode);
                            return (
                              <td key={m.municipalityCode} className={v?.serious ? 'num risk-cell serious' : 'num'}>
                                <RiskValue value={v?.value ?? null} serious={v?.serious ?? false} />
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                  </Fragment>
                ))}
              </tbody>
            </DataTable>
          </details>
          <p className="csv-link">
            <a href={csv} download={`risker-grupp-${h.groupId}.csv`}>
              {t('Ladda ned tabellen som CSV')}
              <span className="visually-hidden">: {t('Riskvärde per risk och kommun')}</span>
            </a>
          </p>
        </figure>
        {matrices.length > 0 && (
          <ul>
            {matrices.map((m) => (
              <li key={m.municipalityCode}>
                <Link to={`/risker/matris/${m.municipalityCode}`}>{t('Riskmatris för {name}', { name: m.municipality })}</Link>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
