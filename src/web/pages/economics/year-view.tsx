// One municipality-year as computed (EconomicsYearView): the figures with year, source and note, each
// with the quality flags that concern it; the charts (pool mix, inside vs outside central IT, share
// vs benchmark, towers) each with its table and CSV; the budget lines with their TBM pools.
import { useMemo } from 'react';
import * as charts from '../../../domain/economics/charts.ts';
import { POOL_LABELS } from '../../../domain/economics/schema.ts';
import type { EconomicsYearView } from '../../../domain/economics/view.ts';
import { DataTable, Section } from '../../components/ui.tsx';
import { SpecFigure } from '../../components/spec-figure.tsx';
import { useI18n } from '../../i18n.tsx';
import { Fact, Flags, SyntheticLabel, change, count, kronor, share } from './shared.tsx';

const BASIS: Record<NonNullable<EconomicsYearView['itCostBasis']>, string> = {
  pools: 'summan av kostnadspoolerna',
  budget: 'summan av budgetraderna',
  stated: 'den angivna totalsumman',
};

/** Flags shown beside a figure; the rest are listed under "Övriga kontroller". */
const FLAG_PLACES = {
  itCost: ['total_mismatch', 'pools_vs_budget'],
  netCost: ['missing_net_cost'],
} as const;

export function YearFigures({ view: v }: { view: EconomicsYearView }) {
  const { t } = useI18n();
  const placed = new Set<string>(Object.values(FLAG_PLACES).flat());
  const rest = v.flags.filter((f) => !placed.has(f.code));
  const b = v.benchmark;
  return (
    <Section id="ekonomi-figurer" title={t('Nyckeltal {year}', { year: v.year })}>
      <p>
        <SyntheticLabel synthesised={v.synthesised} />
      </p>
      <dl className="facts economics-facts">
        <Fact
          label={t('It-kostnad')}
          value={kronor(v.itCost)}
          note={v.itCostBasis ? t('Beräknad som {basis}.', { basis: t(BASIS[v.itCostBasis]) }) : undefined}
          source={v.source}
          flags={<Flags flags={v.flags} codes={FLAG_PLACES.itCost} />}
        />
        <Fact label={t('Verksamhetens nettokostnad')} value={kronor(v.netCost)} source={v.netCostSource} flags={<Flags flags={v.flags} codes={FLAG_PLACES.netCost} />} />
        <Fact label={t('It-kostnad som andel av nettokostnaden')} value={share(v.itShare)} />
        <Fact label={t('Riktmärke {year}', { year: b.year })} value={share(b.share)} source={b.source} />
        <Fact label={t('It-budget vid riktmärket')} value={kronor(v.budgetAtBenchmark)} />
        <Fact label={t('Förändring till riktmärket')} value={change(v.changeToBenchmark)} />
        {b.researchShare !== null && <Fact label={t('It-budget vid forskningens nivå ({share})', { share: share(b.researchShare) })} value={kronor(v.budgetAtResearch)} source={b.researchSource} />}
        <Fact label={t('Invånare')} value={count(v.population)} />
        <Fact label={t('It-kostnad per invånare')} value={kronor(v.costPerInhabitant)} />
        {v.inside !== null && <Fact label={t('Inom central IT')} value={kronor(v.inside)} />}
        {v.outside !== null && <Fact label={t('Utanför central IT')} value={kronor(v.outside)} />}
      </dl>
      {v.note && <p className="hint">{v.note}</p>}
      {rest.length > 0 && (
        <div className="notice-info">
          <p className="notice-title">{t('Övriga kontroller')}</p>
          <Flags flags={rest} />
        </div>
      )}
    </Section>
  );
}

export function YearCharts({ view: v }: { view: EconomicsYearView }) {
  const { t } = useI18n();
  const name = v.municipality;
  const specs = useMemo(
    () => ({
      share: charts.itShareChart([v], t, v.municipality),
      pools: charts.poolAmountsChart(v.pools, t),
      mix: charts.poolMixChart([{ label: `${v.municipality} ${v.year}`, pools: v.pools }], t),
      inside: charts.insideOutsideChart(v.pools, t),
      towers: charts.towersChart(v.towers, t),
    }),
    [v, t],
  );
  const file = (what: string) => `it-ekonomi-${v.municipalityCode}-${v.year}-${what}`;
  return (
    <Section id="ekonomi-diagram" title={t('Diagram')}>
      {v.itShare !== null && (
        <SpecFigure
          title={t('It-kostnad som andel av nettokostnaden, {name} {year}', { name, year: v.year })}
          spec={specs.share}
          alt={t('Stapeldiagram: it-kostnadens andel av nettokostnaden {value}, mot riktmärket {benchmark}.', { value: share(v.itShare), benchmark: share(v.benchmark.share) })}
          rowHeader={t('Kommun')}
          file={file('andel')}
        />
      )}
      {v.pools.length > 0 && (
        <>
          <SpecFigure
            title={t('Kostnad per kostnadspool, {name} {year}', { name, year: v.year })}
            spec={specs.pools}
            alt={t('Stapeldiagram: it-kostnaden per TBM-kostnadspool i kronor.')}
            rowHeader={t('Kostnadspool')}
            file={file('pooler')}
          />
          <SpecFigure
            title={t('Poolernas andel av it-kostnaden, {name} {year}', { name, year: v.year })}
            spec={specs.mix}
            alt={t('Staplat stapeldiagram: varje kostnadspools andel av it-kostnaden i procent.')}
            rowHeader={t('Kommun och år')}
            file={file('poolmix')}
          />
        </>
      )}
      {specs.inside.categories.length > 0 && (
        <SpecFigure
          title={t('Inom och utanför central IT per kostnadspool, {name} {year}', { name, year: v.year })}
          spec={specs.inside}
          alt={t('Staplat stapeldiagram: andel av varje kostnadspool inom och utanför central IT.')}
          rowHeader={t('Kostnadspool')}
          file={file('inom-utanfor')}
        />
      )}
      {v.towers.length > 0 && (
        <SpecFigure
          title={t('Kostnad per arbetsområde inom central IT, {name} {year}', { name, year: v.year })}
          spec={specs.towers}
          alt={t('Stapeldiagram: kostnaden per arbetsområde (infrastruktur, slutanvändartjänster, applikationsverksamhet, styra och stödja).')}
          rowHeader={t('Arbetsområde')}
          file={file('arbetsomraden')}
        />
      )}
    </Section>
  );
}

export function YearTables({ view: v }: { view: EconomicsYearView }) {
  const { t, lang } = useI18n();
  const sv = lang === 'sv' ? undefined : 'sv';
  return (
    <>
      {v.pools.length > 0 && (
        <Section id="ekonomi-pooler" title={t('Kostnadspooler')}>
          <DataTable caption={t('Kostnad per kostnadspool, {name} {year}', { name: v.municipality, year: v.year })} columns={[t('Kostnadspool'), { num: t('Belopp') }, { num: t('Andel') }, { num: t('Inom central IT') }, { num: t('Utanför central IT') }, t('Källa')]}>
            <tbody>
              {v.pools.map((p) => (
                <tr key={p.pool}>
                  <th scope="row">{t(p.label)}</th>
                  <td className="num">{kronor(p.amount)}</td>
                  <td className="num">{share(p.share)}</td>
                  <td className="num">{kronor(p.inside)}</td>
                  <td className="num">{kronor(p.outside)}</td>
                  <td lang={sv}>{[p.source, p.note].filter(Boolean).join(' – ')}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </Section>
      )}
      {v.budgetLines.length > 0 && (
        <Section id="ekonomi-budget" title={t('Budgetrader')}>
          <DataTable caption={t('Budgetrader med kostnadspool, {name} {year}', { name: v.municipality, year: v.year })} columns={[t('Kategori'), t('Kostnadspool'), { num: t('Belopp') }, t('Källa')]}>
            <tbody>
              {v.budgetLines.map((l) => (
                <tr key={l.category}>
                  <th scope="row">{t(l.label)}</th>
                  <td>{t(POOL_LABELS[l.pool])}</td>
                  <td className="num">{kronor(l.amount)}</td>
                  <td lang={sv}>{[l.source, l.note].filter(Boolean).join(' – ')}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </Section>
      )}
    </>
  );
}
