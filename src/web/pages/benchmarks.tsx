// Jämförelser (issue 14, docs/benchmarks.md): a municipality against its association, the region and all
// municipalities, anonymised (no municipality but the own is named; an aggregate resting on too few
// municipalities shows "för få kommuner"); the region's analyst sees one aggregate per association. Published
// reference values (the national DiMiOS level …) are drawn beside, each with its year and source. The chart
// goes through the chart pipeline (spec → option); the table holds every value.
import { useId, useState } from 'react';
import * as api from '../../contracts/benchmarks.ts';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import { listInstruments } from '../../contracts/instruments.ts';
import { listMunicipalities } from '../../contracts/organisation.ts';
import type { BarsChart, SeriesRole } from '../../domain/charts/spec.ts';
import { parseMeasureId } from '../../domain/benchmarks/references.ts';
import { SpecChart } from '../components/charts.tsx';
import { AsyncView, Page, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpoint } from '../query.ts';
import { useSession } from '../session.tsx';
import { numberFormat } from '../../domain/number-format.ts';

type Comparison = ResponseOf<typeof api.getBenchmarks>['comparison'];

const ROLES: SeriesRole[] = ['mean', 'region', 'value', 'highest', 'lowest'];

/** The chart: overall, dimensions and groups (items only in the table), own, aggregates and reference values. */
export function benchmarkChart(c: Comparison): BarsChart {
  const measures = c.measures.filter((m) => m.kind !== 'item');
  const refs = c.references.filter((r) => {
    const m = parseMeasureId(r.measure);
    return m && measures.some((x) => x.key === (m.kind === 'overall' ? 'overall' : `${m.kind}:${m.id}`));
  });
  const refKey = (r: (typeof refs)[number]) => {
    const m = parseMeasureId(r.measure)!;
    return m.kind === 'overall' ? 'overall' : `${m.kind}:${m.id}`;
  };
  return {
    type: 'bars',
    categories: measures.map((m) => m.label),
    series: [
      ...(c.own ? [{ label: c.own.name, role: 'own' as const }] : []),
      ...c.aggregates.map((a, i) => ({ label: a.label, role: ROLES[i % ROLES.length] })),
      ...refs.map((r) => ({ label: r.label, role: 'target' as const })),
    ],
    values: measures.map((m) => [
      ...(c.own ? [c.own.values[m.key] ?? null] : []),
      ...c.aggregates.map((a) => a.values[m.key]?.value ?? null),
      ...refs.map((r) => (refKey(r) === m.key ? r.value : null)),
    ]),
    max: 100,
    unit: '%',
  };
}

function Result({ c }: { c: Comparison }) {
  const { t, lang } = useI18n();
  const id = useId();
  const fmt = (v: number | null | undefined) =>
    v === null || v === undefined ? '–' : `${numberFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1 }).format(v)}\u00a0%`;
  const title = `${c.instrument.title}: ${c.own ? c.own.name : t('förbunden')} ${t('i jämförelse')}`;
  return (
    <>
      <figure className="result-figure" aria-labelledby={`${id}-t`}>
        <figcaption>
          <h3 id={`${id}-t`}>{title}</h3>
          <ul>
            {c.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </figcaption>
        <SpecChart spec={benchmarkChart(c)} label={`${title}. ${t('Alla värden finns i tabellen under diagrammet.')}`} />
      </figure>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('Jämförelsetabell')}>
        <table>
          <caption>{t('Jämförelsetabell')} ({t('procent av skalans maximum')})</caption>
          <thead>
            <tr>
              <th scope="col">{t('Mått')}</th>
              {c.own && (
                <th scope="col" className="num">
                  {c.own.name}
                </th>
              )}
              {c.aggregates.map((a) => (
                <th key={a.key} scope="col" className="num">
                  {a.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.measures.map((m) => (
              <tr key={m.key}>
                <th scope="row">{m.text}</th>
                {c.own && <td className="num">{fmt(c.own.values[m.key])}</td>}
                {c.aggregates.map((a) => {
                  const v = a.values[m.key];
                  return (
                    <td key={a.key} className="num">
                      {v?.value === null || !v ? (v?.withheld ?? '–') : `${fmt(v.value)} (n = ${v.n})`}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Section id={`${id}-ref`} title={t('Referensvärden')}>
        {c.references.length === 0 ? (
          <p>{t('Inga referensvärden för instrumentet.')}</p>
        ) : (
          <ul>
            {c.references.map((r) => (
              <li key={`${r.seriesId}-${r.year}`}>
                {r.label}: {fmt(r.value)}. {t('Källa')}: {r.source}.
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id={`${id}-rounds`} title={t('Mätomgångar som ingår')}>
        <ul>
          {c.rounds.map((r) => (
            <li key={r.association}>
              {r.association}: {r.year} ({t('version')} {r.version})
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

export function BenchmarksPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const instruments = useEndpoint(listInstruments, {});
  const municipalities = useEndpoint(listMunicipalities, {});
  const [instrument, setInstrument] = useState('digital-mognad');
  const analyst = user?.role === 'regionanalytiker';
  const mine = (municipalities.data?.municipalities ?? []).filter((m) =>
    user?.role === 'kommunansvarig' ? user.municipalities.includes(m.code) : (user?.associationMembers ?? []).includes(m.code),
  );
  const [municipality, setMunicipality] = useState<string>('');
  const code = analyst ? undefined : municipality || mine[0]?.code;
  const result = useEndpoint(api.getBenchmarks, analyst || code ? { query: { instrument, ...(code ? { municipality: code } : {}) } } : null, { keep: true });
  return (
    <Page title={t('Jämförelser')}>
      <p>
        {analyst
          ? t('Förbunden jämförda, anonymiserat: ett värde per förbund, inga kommuner.')
          : t('Din kommun jämförd med förbundet, regionen och alla kommuner, anonymiserat.')}
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('Instrument')}
          <select value={instrument} onChange={(e) => setInstrument(e.target.value)}>
            {(instruments.data?.instruments ?? [{ id: 'digital-mognad', title: 'Digital mognad' }]).map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </label>
        {!analyst && (
          <label>
            {t('Kommun')}
            <select value={code ?? ''} onChange={(e) => setMunicipality(e.target.value)}>
              {mine.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </form>
      <AsyncView state={result}>{(d) => <Result c={d.comparison} />}</AsyncView>
    </Page>
  );
}
