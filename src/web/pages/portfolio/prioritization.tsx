// Prioritering: the qualification criteria and weights, the initiatives ranked by weighted score in
// the chosen stages, and the stage gates.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DEFAULT_RANKING_STAGES, getPortfolioConfig, getRanking, type Ranking } from '../../../contracts/portfolio.ts';
import type { Stage } from '../../../domain/portfolio/types.ts';
import { dec, pct } from '../../components/format.ts';
import { AsyncView, DataTable, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint } from '../../query.ts';
import { CriteriaSection } from './criteria.tsx';
import { GatesSection } from './gates.tsx';
import { PortfolioPage } from './shared.tsx';

export function PrioritizationPage() {
  const { t } = useI18n();
  const config = useEndpoint(getPortfolioConfig, undefined, { keep: true });
  const [stages, setStages] = useState(() => DEFAULT_RANKING_STAGES.split(',') as Stage[]);
  const ranking = useEndpoint(getRanking, stages.length ? { query: { stages: stages.join(',') } } : null, { keep: true });
  return (
    <PortfolioPage
      title={t('Prioritering av initiativ')}
      intro={t(
        'Förbundet kvalificerar initiativen med viktade kriterier. Varje initiativ bedöms 1–5 per kriterium (5 är alltid mest fördelaktigt, även för risk) och rangordnas efter viktad poäng.',
      )}
    >
      <AsyncView state={config}>
        {(c) => (
          <>
            <CriteriaSection criteria={c.criteria} />
            <Section id="ranking-heading" title={t('Rangordnade initiativ')}>
              <fieldset>
                <legend>{t('Visa initiativ i stegen')}</legend>
                <div className="checkbox-grid">
                  {c.stages.map((s) => (
                    <label key={s.id}>
                      <input
                        type="checkbox"
                        checked={stages.includes(s.id)}
                        onChange={(e) =>
                          setStages((prev) => (e.target.checked ? c.stages.map((x) => x.id).filter((x) => x === s.id || prev.includes(x)) : prev.filter((x) => x !== s.id)))
                        }
                      />{' '}
                      {t(s.label)}
                    </label>
                  ))}
                </div>
              </fieldset>
              {stages.length === 0 ? (
                <p>{t('Välj minst ett steg för att se rangordningen.')}</p>
              ) : (
                <AsyncView state={ranking}>{(r) => <RankingTable data={r} stageLabels={c.stages.filter((s) => stages.includes(s.id)).map((s) => t(s.label))} />}</AsyncView>
              )}
            </Section>
            <GatesSection config={c} />
          </>
        )}
      </AsyncView>
    </PortfolioPage>
  );
}

function RankingTable({ data, stageLabels }: { data: Ranking; stageLabels: string[] }) {
  const { t } = useI18n();
  if (data.ranking.length === 0) return <p>{t('Inga initiativ finns i de valda stegen.')}</p>;
  return (
    <>
      <p className="hint">{data.formula}</p>
      <DataTable
        label={t('Rangordnade initiativ')}
        caption={t('Rangordning av initiativ i stegen {stages} ({n} initiativ)', { stages: stageLabels.join(', '), n: data.ranking.length })}
        columns={[
          { num: t('Rang') },
          t('Initiativ'),
          t('Steg'),
          { num: t('Viktad poäng (1–5)') },
          { num: t('Poäng i procent') },
          { num: t('Bedömd andel av vikten') },
          { num: t('Deltagande kommuner') },
        ]}
      >
        <tbody>
          {data.ranking.map((r) => (
            <tr key={r.id}>
              <td className="num">{r.rank}</td>
              <th scope="row">
                <Link to={`/initiativ/${r.id}`}>{r.title}</Link>
                {!r.complete && (
                  <span className="hint" style={{ display: 'block', fontWeight: 400 }}>
                    {r.score === null ? t('Inte bedömt') : t('Saknar bedömning: {list}', { list: r.missing.join(', ') })}
                  </span>
                )}
              </th>
              <td>{t(r.stageLabel)}</td>
              <td className="num">{dec(r.score)}</td>
              <td className="num">{pct(r.percent)}</td>
              <td className="num">{pct(r.coverage * 100)}</td>
              <td className="num">{r.participating}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
