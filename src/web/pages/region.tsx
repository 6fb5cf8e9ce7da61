// Regional uppföljning (issue 14, DOMAIN.md §10): the region's analyst's home. The four associations side by
// side: an overview (published and computed outcome per indicator, funds, flags), then per association its
// indicators (expected, published with source and date, computed with base; definition) and its funds per
// cost type with the published totals, unit and quality flags. The region report as PDF, Word or Excel, and a
// link to the anonymised cross-association benchmarks. Aggregate figures only (GET /api/region/follow-up).
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { exportRegionReport, getRegionFollowUp, type RegionFollowUpView } from '../../contracts/region.ts';
import type { IndicatorRow } from '../../contracts/portfolio.ts';
import { INDICATORS, INDICATOR_LABELS } from '../../domain/portfolio/indicators.ts';
import { endpointUrl } from '../api.ts';
import { dash, kr } from '../components/format.ts';
import { AsyncView, DataTable, Page, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpoint } from '../query.ts';
import { FlagList, FundingView } from './portfolio/funding.tsx';
import { IndicatorTable } from './portfolio/indicators.tsx';
import { DownloadLinks, FilterForm, indicatorValue, validYear, YearField } from './portfolio/shared.tsx';

/** The year the region's follow-up was published for (VGR Analys 2025:40); the page starts there. */
const DEFAULT_YEAR = 2025;

export function RegionPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = validYear(params.get('ar')) ?? DEFAULT_YEAR;
  const [yearInput, setYearInput] = useState(String(year));
  const [formError, setFormError] = useState<string>();
  const state = useEndpoint(getRegionFollowUp, { query: { year } }, { keep: true });
  useEffect(() => setYearInput(String(year)), [year]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const y = validYear(yearInput.trim());
    if (y === null) {
      setFormError(t('Ange år mellan 2000 och 2100.'));
      return;
    }
    setFormError(undefined);
    setParams({ ar: String(y) });
  };

  return (
    <Page title={t('Regional uppföljning')}>
      <p>
        {t(
          'Kommunalförbundens indikatorer och rekvirerade medel sida vid sida. Förväntat värde, publicerat utfall (med källa och datum) och beräknat utfall (med bas) visas i var sin kolumn; inget ersätter något annat. Bara aggregerade uppgifter visas, inga enskilda kommuners enkätsvar.',
        )}
      </p>
      <p>
        <Link to="/jamforelser">{t('Jämförelser mellan förbunden (anonymiserade)')}</Link>
      </p>
      <FilterForm label={t('Välj år')} submitLabel={t('Visa')} onSubmit={submit} error={formError} errorId="region-error">
        <YearField id="region-year" label={t('År')} value={yearInput} onChange={setYearInput} errorId={formError ? 'region-error' : undefined} />
      </FilterForm>
      <AsyncView state={state}>
        {(d) => (
          <>
            <Overview data={d} />
            <DownloadLinks
              id="region-export"
              title={t('Ladda ned regionrapporten {year}', { year: d.year })}
              formats={['pdf', 'docx', 'xlsx']}
              href={(format) => endpointUrl(exportRegionReport, { query: { year: d.year, format } })}
              what={t('regionrapporten {year}', { year: d.year })}
            />
            {d.associations.map((a) => (
              <Section key={a.association.id} id={`forbund-${a.association.shortId}`} title={a.association.name}>
                <IndicatorTable data={a} headingLevel={3} />
                <h3>{t('Rekvirerade medel: {name}', { name: a.association.name })}</h3>
                {a.funding.length === 0 ? (
                  <p>{t('Inga projektmedel är registrerade.')}</p>
                ) : (
                  a.funding.map((p) => <FundingView key={p.id} project={p} owner={a.association.name} />)
                )}
                <h3>{t('Kvalitetsflaggor: {name}', { name: a.association.name })}</h3>
                <FlagList flags={a.flags} id={`flags-${a.association.shortId}`} label={t('Alla kvalitetsflaggor: {name}', { name: a.association.name })} />
              </Section>
            ))}
          </>
        )}
      </AsyncView>
    </Page>
  );
}

/** "15 / 16" (published / computed) for the overview. */
function pair(r: IndicatorRow | undefined): string {
  if (!r) return dash;
  return `${r.published ? indicatorValue(r.published.value, r.unit) : dash} / ${r.computed ? indicatorValue(r.computed.value, r.unit) : dash}${r.computed?.synthesised ? '*' : ''}`;
}

function Overview({ data }: { data: RegionFollowUpView }) {
  const { t } = useI18n();
  return (
    <Section id="region-overview" title={t('Översikt {year}', { year: data.year })}>
      <DataTable
        label={t('Förbunden sida vid sida')}
        caption={t('Förbunden sida vid sida {year}: publicerat / beräknat utfall per indikator och rekvirerade medel', { year: data.year })}
        columns={[
          t('Förbund'),
          ...INDICATORS.map((k) => t(INDICATOR_LABELS[k])),
          { num: t('Ansökan') },
          { num: t('Rekvirerat') },
          { num: t('Kvarstår') },
          { num: t('Flaggor') },
        ]}
      >
        <tbody>
          {data.associations.map((a) => {
            const total = a.funding.reduce((s, p) => ({ applied: s.applied + p.followUp.total.applied, requisitioned: s.requisitioned + p.followUp.total.requisitioned }), { applied: 0, requisitioned: 0 });
            return (
              <tr key={a.association.id} data-association={a.association.shortId}>
                <th scope="row">
                  <a href={`#forbund-${a.association.shortId}`}>{a.association.name}</a>
                </th>
                {INDICATORS.map((k) => (
                  <td key={k}>{pair(a.indicators.find((r) => r.indicator === k))}</td>
                ))}
                <td className="num">{kr(total.applied)}</td>
                <td className="num">{kr(total.requisitioned)}</td>
                <td className="num">{kr(total.applied - total.requisitioned)}</td>
                <td className="num">{a.flags.length}</td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      <p className="hint">
        {t('Indikatorerna visas som publicerat / beräknat utfall; * = beräknat ur syntetiserade demodata. Medlen är summan av raderna i kronor.')}
      </p>
    </Section>
  );
}
