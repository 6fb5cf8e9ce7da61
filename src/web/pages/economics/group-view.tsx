// A group's comparison for one year (GroupComparisonView): the table of IT cost, net cost, share,
// budget at the benchmark and the change (as tabell 5 of the Förstudierapport), the savings scenarios
// (per cell, per municipality, per category; published figures checked, with their flags), the
// cost-sharing models (each member's charge) and the charts. Names as the API gives them ("Kommun N"
// where the viewer may not see them).
import { useMemo } from 'react';
import * as charts from '../../../domain/economics/charts.ts';
import type { CostSharingView, GroupComparisonView, SavingsView } from '../../../domain/economics/view.ts';
import { pct } from '../../components/format.ts';
import { DataTable, Section } from '../../components/ui.tsx';
import { SpecFigure } from '../../components/spec-figure.tsx';
import { useI18n } from '../../i18n.tsx';
import { Flags, SyntheticLabel, change, kronor, share } from './shared.tsx';

export function ComparisonTable({ view: g }: { view: GroupComparisonView }) {
  const { t } = useI18n();
  const b = g.members[0]?.benchmark;
  return (
    <Section id="grupp-jamforelse" title={t('It-kostnad mot nettokostnad {year}', { year: g.year })}>
      {b && (
        <p className="hint">
          {t('Riktmärke {share} av verksamhetens nettokostnad', { share: share(b.share) })}
          {b.researchShare !== null && t('; forskningens nivå omkring {share}', { share: share(b.researchShare) })}. {t('Källa')}: <span lang="sv">{b.source}</span>
        </p>
      )}
      <DataTable
        caption={t('It-kostnad, nettokostnad och andel per kommun, {group} {year}', { group: g.group, year: g.year })}
        columns={[t('Kommun'), { num: t('It-kostnad') }, { num: t('Nettokostnad') }, { num: t('Andel') }, { num: t('Budget vid riktmärket') }, { num: t('Förändring') }, { num: t('Per invånare') }]}
      >
        <tbody>
          {g.members.map((m) => (
            <tr key={m.municipalityCode}>
              <th scope="row">
                {m.municipality} <SyntheticLabel synthesised={m.synthesised} />
              </th>
              <td className="num">
                {kronor(m.itCost)}
                <Flags flags={m.flags} codes={['total_mismatch', 'pools_vs_budget']} />
              </td>
              <td className="num">
                {kronor(m.netCost)}
                <Flags flags={m.flags} codes={['missing_net_cost']} />
              </td>
              <td className="num">{share(m.itShare)}</td>
              <td className="num">{kronor(m.budgetAtBenchmark)}</td>
              <td className="num">{change(m.changeToBenchmark)}</td>
              <td className="num">{kronor(m.costPerInhabitant)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('Totalt')}</th>
            <td className="num">{kronor(g.totals.itCost)}</td>
            <td className="num">{kronor(g.totals.netCost)}</td>
            <td className="num">{share(g.totals.itShare)}</td>
            <td className="num">{kronor(g.totals.budgetAtBenchmark)}</td>
            <td className="num">{change(g.totals.changeToBenchmark)}</td>
            <td className="num">{kronor(g.totals.costPerInhabitant)}</td>
          </tr>
        </tfoot>
      </DataTable>
      <Flags flags={g.flags} />
    </Section>
  );
}

export function GroupCharts({ view: g }: { view: GroupComparisonView }) {
  const { t } = useI18n();
  const specs = useMemo(
    () => ({
      share: charts.itShareChart(g.members, t),
      budget: charts.budgetAtBenchmarkChart(g.members, t),
      perInhabitant: charts.perInhabitantChart(g.members, t),
      mix: charts.poolMixChart([...g.members.map((m) => ({ label: m.municipality, pools: m.pools })), { label: t('Hela gruppen'), pools: g.pools }], t),
      inside: g.publishedInsideShares.length ? charts.insideOutsideChart(g.publishedInsideShares, t) : charts.insideOutsideChart(g.pools, t),
    }),
    [g, t],
  );
  const file = (what: string) => `it-ekonomi-grupp-${g.groupId}-${g.year}-${what}`;
  const insideSource = g.publishedInsideShares[0];
  return (
    <Section id="grupp-diagram" title={t('Jämförelse i diagram')}>
      <SpecFigure
        title={t('It-kostnad som andel av nettokostnaden {year}', { year: g.year })}
        spec={specs.share}
        alt={t('Stapeldiagram: it-kostnadens andel av nettokostnaden per kommun, med riktmärket och forskningens nivå som linjer.')}
        rowHeader={t('Kommun')}
        file={file('andel')}
      />
      <SpecFigure
        title={t('It-kostnad och budget vid riktmärket {year}', { year: g.year })}
        spec={specs.budget}
        alt={t('Stapeldiagram: it-kostnaden och it-budgeten vid riktmärket per kommun i kronor.')}
        rowHeader={t('Kommun')}
        file={file('budget')}
      />
      {g.members.some((m) => m.costPerInhabitant !== null) && (
        <SpecFigure
          title={t('It-kostnad per invånare {year}', { year: g.year })}
          spec={specs.perInhabitant}
          alt={t('Stapeldiagram: it-kostnaden per invånare per kommun i kronor.')}
          rowHeader={t('Kommun')}
          file={file('per-invanare')}
        />
      )}
      {specs.mix.categories.length > 0 && (
        <SpecFigure
          title={t('Poolernas andel av it-kostnaden {year}', { year: g.year })}
          spec={specs.mix}
          alt={t('Staplat stapeldiagram: varje kostnadspools andel av it-kostnaden per kommun i procent.')}
          rowHeader={t('Kommun')}
          file={file('poolmix')}
        />
      )}
      {specs.inside.categories.length > 0 && (
        <SpecFigure
          title={t('Inom och utanför central IT per kostnadspool')}
          spec={specs.inside}
          alt={t('Staplat stapeldiagram: andel av varje kostnadspool inom och utanför central IT.')}
          rowHeader={t('Kostnadspool')}
          file={file('inom-utanfor')}
          notes={
            insideSource && (
              <p className="hint">
                {t('Källa')}: <span lang="sv">{insideSource.source}</span> ({insideSource.year})
              </p>
            )
          }
        />
      )}
    </Section>
  );
}

function Savings({ s, index }: { s: SavingsView; index: number }) {
  const { t } = useI18n();
  const municipalities = s.perMunicipality;
  const cell = (code: string, category: string) => s.cells.find((c) => c.municipalityCode === code && c.category === category);
  const byMunicipality = useMemo(() => charts.savingsChart(s, 'municipality', t), [s, t]);
  const byCategory = useMemo(() => charts.savingsChart(s, 'category', t), [s, t]);
  const tableFlags = s.flags.filter((f) => !f.municipalityCode);
  return (
    <Section id={`besparing-${index}`} title={`${t('Besparingsscenario')}: ${s.name}`}>
      <p>
        <SyntheticLabel synthesised={s.synthesised} /> {s.percentages.map((p) => `${t(p.label)} ${pct(p.percent)}`).join(', ')}
      </p>
      <DataTable
        caption={t('Besparing per kommun och kategori (kronor), {name} {year}', { name: s.name, year: s.year })}
        columns={[t('Kommun'), ...s.percentages.map((p) => ({ num: t(p.label) })), { num: t('Summa (beräknad)') }]}
      >
        <tbody>
          {municipalities.map((m) => (
            <tr key={m.municipalityCode}>
              <th scope="row">{m.municipality}</th>
              {s.percentages.map((p) => (
                <td key={p.category} className="num">
                  {kronor(cell(m.municipalityCode, p.category)?.saving)}
                </td>
              ))}
              <td className="num">
                {kronor(m.saving)}
                <Flags flags={s.flags} codes={['published_savings_mismatch']} municipalityCode={m.municipalityCode} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('Totalt')}</th>
            {s.percentages.map((p) => (
              <td key={p.category} className="num">
                {kronor(s.perCategory.find((c) => c.category === p.category)?.saving)}
              </td>
            ))}
            <td className="num">{kronor(s.total)}</td>
          </tr>
        </tfoot>
      </DataTable>
      <Flags flags={tableFlags} />
      {(s.source || s.note) && <p className="hint" lang="sv">{[s.source, s.note].filter(Boolean).join(' – ')}</p>}
      <SpecFigure title={t('Besparing per kommun, {name}', { name: s.name })} spec={byMunicipality} alt={t('Stapeldiagram: besparingen per kommun i kronor.')} rowHeader={t('Kommun')} file={`besparing-${s.scenarioId}-kommun`} />
      <SpecFigure title={t('Besparing per kategori, {name}', { name: s.name })} spec={byCategory} alt={t('Stapeldiagram: besparingen per budgetkategori i kronor.')} rowHeader={t('Kategori')} file={`besparing-${s.scenarioId}-kategori`} />
    </Section>
  );
}

function CostSharing({ m, index }: { m: CostSharingView; index: number }) {
  const { t } = useI18n();
  const spec = useMemo(() => charts.costSharingChart(m, t), [m, t]);
  return (
    <Section id={`kostnadsfordelning-${index}`} title={`${t('Kostnadsfördelning')}: ${m.name}`}>
      <p>
        <SyntheticLabel synthesised={m.synthesised} /> {t('Grundbelopp {amount} delas lika; övriga avgifter fördelas efter förbrukning.', { amount: kronor(m.baseAmount) })}
      </p>
      <DataTable
        caption={t('Avgift per kommun (kronor), {name} {year}', { name: m.name, year: m.year })}
        columns={[t('Kommun'), { num: t('Grundavgift') }, ...m.charges.map((c) => ({ num: c.label })), { num: t('Summa') }]}
      >
        <tbody>
          {m.members.map((x) => (
            <tr key={x.municipalityCode}>
              <th scope="row">{x.municipality}</th>
              <td className="num">{kronor(x.base)}</td>
              {m.charges.map((c) => (
                <td key={c.driver} className="num">
                  {kronor(x.byDriver.find((d) => d.driver === c.driver)?.charge)}
                </td>
              ))}
              <td className="num">{kronor(x.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('Totalt')}</th>
            <td className="num">{kronor(m.baseAmount)}</td>
            {m.charges.map((c) => (
              <td key={c.driver} className="num">
                {kronor(c.amount)}
              </td>
            ))}
            <td className="num">{kronor(m.total)}</td>
          </tr>
        </tfoot>
      </DataTable>
      <Flags flags={m.flags} />
      <SpecFigure title={t('Avgift per kommun, {name}', { name: m.name })} spec={spec} alt={t('Stapeldiagram: varje kommuns grundavgift och förbrukningsbaserade avgift i kronor.')} rowHeader={t('Kommun')} file={`kostnadsfordelning-${m.modelId}`} />
    </Section>
  );
}

export function GroupScenarios({ view: g }: { view: GroupComparisonView }) {
  const { t } = useI18n();
  return (
    <>
      {g.savings.length === 0 && (
        <Section id="besparing" title={t('Besparingsscenario')}>
          <p>{t('Inga besparingsscenarier för året.')}</p>
        </Section>
      )}
      {g.savings.map((s, i) => (
        <Savings key={s.scenarioId} s={s} index={i} />
      ))}
      {g.costSharing.map((m, i) => (
        <CostSharing key={m.modelId} m={m} index={i} />
      ))}
    </>
  );
}
