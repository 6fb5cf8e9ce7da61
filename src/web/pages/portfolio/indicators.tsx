// Indikatorer och medel: the association's regional indicators for a year (expected, published outcome with
// source and date, and computed outcome with base and n, in columns of their own), their exports, the
// association's forms for expected and published values, the requisitioned funding per cost type with its
// quality flags, and the networks.
import { zodResolver } from '@hookform/resolvers/zod';
import { Fragment, useEffect, useId, useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router-dom';
import { z } from 'zod';
import { exportIndicators, getIndicators, setIndicatorValue, type AssociationFollowUp, type IndicatorRow, type Indicators } from '../../../contracts/portfolio.ts';
import { indicatorNumber, indicatorValueInput, PERCENT_MESSAGE, type IndicatorValueInput } from '../../../domain/portfolio/portfolio-schema.ts';
import { endpointUrl } from '../../api.ts';
import { Control } from '../../components/forms.tsx';
import { dash } from '../../components/format.ts';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { FlagList, FundingForm, FundingView } from './funding.tsx';
import { NetworksSection } from './networks.tsx';
import { currentYear, DownloadLinks, FilterForm, indicatorValue, onFields, PortfolioPage, shownNumber, typedNumber, useCanConfigure, validYear, YearField } from './shared.tsx';

export function IndicatorsPage() {
  const { t } = useI18n();
  const canConfigure = useCanConfigure();
  const [params, setParams] = useSearchParams();
  const year = validYear(params.get('ar')) ?? currentYear();
  const [yearInput, setYearInput] = useState(String(year));
  const [formError, setFormError] = useState<string>();
  const state = useEndpoint(getIndicators, { query: { year } }, { keep: true });

  useEffect(() => setYearInput(String(year)), [year]);
  // Without a chosen year, a year without expected values gives way to the latest year that has them.
  const years = state.data?.years;
  useEffect(() => {
    if (params.get('ar') || !years?.length || years.includes(year)) return;
    const latest = [...years].reverse().find((y) => y <= year) ?? years[years.length - 1];
    setParams({ ar: String(latest) }, { replace: true });
  }, [years, year, params, setParams]);

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
    <PortfolioPage
      title={t('Regionala indikatorer och rekvirerade medel')}
      intro={t(
        'Indikatorerna som förbundet rapporterar till regionen: förväntat värde, publicerat utfall (med källa och datum) och utfallet som plattformen beräknar ur deltagande i initiativ, nätverk och mätomgångar (med bas), i var sin kolumn.',
      )}
    >
      <FilterForm label={t('Välj år')} submitLabel={t('Visa')} onSubmit={submit} error={formError} errorId="ind-error">
        <YearField id="ind-year" label={t('År')} value={yearInput} onChange={setYearInput} errorId={formError ? 'ind-error' : undefined} />
      </FilterForm>
      <AsyncView state={state}>
        {(d) => (
          <>
            <Section id="ind-heading" title={t('Indikatorer {year}', { year: d.year })}>
              <IndicatorTable data={d} headingLevel={3} />
              <p className="hint">
                {t(
                  'Andelen kommuner med ökad digital mognad beräknas genom att den senaste stängda mätomgången av Digital mognad som avslutats senast det valda året jämförs med den första; en kommun räknas när förändringen är minst instrumentets minsta meningsfulla förändring. Basen är kommunerna med resultat i båda omgångarna.',
                )}
              </p>
            </Section>
            <DownloadLinks
              id="ind-export"
              title={t('Ladda ned indikatorerna {year}', { year: d.year })}
              formats={['xlsx', 'docx', 'pdf']}
              href={(format) => endpointUrl(exportIndicators, { query: { year: d.year, format } })}
              what={t('indikatorer {year}', { year: d.year })}
            />
            {canConfigure && <IndicatorForms data={d} />}
            <Section id="funding-heading" title={t('Rekvirerade medel per kostnadsslag')}>
              {d.funding.length === 0 ? (
                <p>{t('Inga projektmedel är registrerade.')}</p>
              ) : (
                d.funding.map((p) => (
                  <Fragment key={p.id}>
                    <FundingView project={p} />
                    {canConfigure && <FundingForm project={p} />}
                  </Fragment>
                ))
              )}
            </Section>
            <Section id="flags-heading" title={t('Kvalitetsflaggor')}>
              <FlagList flags={d.flags} id="ind-flags" />
            </Section>
          </>
        )}
      </AsyncView>
      <NetworksSection />
    </PortfolioPage>
  );
}

/**
 * An association's indicators: expected, published (value, source, date) and computed (value, base, n, marks)
 * in columns of their own, with the definition. Used by this page and the region's page.
 */
export function IndicatorTable({ data, headingLevel = 2 }: { data: Pick<AssociationFollowUp, 'year' | 'indicators' | 'association'>; headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const synthesised = data.indicators.some((r) => r.computed?.synthesised);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = useId();
  return (
    <div>
      <Heading id={id}>{t('Indikatorer {year}: {name}', { year: data.year, name: data.association.name })}</Heading>
      <p className="hint">
        {t('Förbundets definition: {definition}', { definition: data.association.indicatorDefinition || dash })}{' '}
        {data.association.actorsIncludeMunicipalities
          ? t('Medlemskommunerna räknas bland aktörerna.')
          : t('Kommunerna och förbundet självt räknas inte bland aktörerna.')}
      </p>
      {synthesised && (
        <p className="demo-banner-inline">
          <span className="tag">DEMO</span>{' '}
          {t('Utfall beräknade ur syntetiserade demodata visar hur indikatorn räknas, inte verkliga förhållanden. Det publicerade utfallet visas bredvid, med sin källa.')}
        </p>
      )}
      {data.indicators.length === 0 ? (
        <p>{t('Inga indikatorer är registrerade för året.')}</p>
      ) : (
        <DataTable
          label={t('Indikatorer: {name}', { name: data.association.name })}
          caption={t('Indikatorer {year}: förväntat, publicerat och beräknat utfall', { year: data.year })}
          columns={[t('Indikator'), { num: t('Förväntat') }, { num: t('Utfall (publicerat)') }, { num: t('Beräknat utfall') }, t('Bas'), t('Definition')]}
        >
          <tbody>
            {data.indicators.map((r) => (
              <tr key={r.indicator} data-indicator={r.indicator}>
                <th scope="row">{t(r.label)}</th>
                <td className="num" data-field="expected">{indicatorValue(r.expected, r.unit)}</td>
                <td className="num" data-field="published">
                  {r.published ? (
                    <>
                      <strong>{indicatorValue(r.published.value, r.unit)}</strong>
                      <br />
                      <span className="hint">
                        {r.published.asOf ? t('Utfall per {date}', { date: r.published.asOf }) : t('Publicerat')}
                        {r.published.source && <> · {t('Källa: {source}', { source: r.published.source })}</>}
                      </span>
                    </>
                  ) : (
                    dash
                  )}
                </td>
                <td className="num" data-field="computed">
                  {r.computed ? (
                    <>
                      <strong>{indicatorValue(r.computed.value, r.unit)}</strong>
                      {r.computed.synthesised && (
                        <>
                          <br />
                          <span className="tag">{t('Syntetiserade demodata')}</span>
                        </>
                      )}
                      {r.computed.incomplete && (
                        <>
                          <br />
                          <span className="tag">{t('Ofullständigt underlag')}</span>
                        </>
                      )}
                    </>
                  ) : (
                    <span className="hint">{t('Ej beräknat')}</span>
                  )}
                </td>
                <td>
                  {r.computed ? (
                    <>
                      {r.computed.base}
                      {r.computed.n !== null && <> (n = {r.computed.n})</>}
                      {r.computed.caveat && (
                        <>
                          <br />
                          <span className="hint">{r.computed.caveat}</span>
                        </>
                      )}
                    </>
                  ) : (
                    r.notComputed || dash
                  )}
                </td>
                <td>
                  {r.definition}
                  {r.note && (
                    <>
                      <br />
                      <span className="hint">{t('Kommentar: {note}', { note: r.note })}</span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}

function IndicatorForms({ data }: { data: Indicators }) {
  const { t } = useI18n();
  return (
    <Section id="ind-edit" title={t('Förväntade värden och rapporterade utfall {year}', { year: data.year })}>
      <p className="hint">
        {t('Andelar anges i procent (0–100). Det publicerade utfallet visas som publicerat, med källa och datum, bredvid det beräknade.')}
      </p>
      {data.indicators.map((r) => (
        <IndicatorForm key={`${data.year}-${r.indicator}`} year={data.year} row={r} stated={statedMembers(data, r.indicator)} />
      ))}
    </Section>
  );
}

// The form: the contract's indicator value with the numbers typed as text; a share is at most 100 %.
const indicatorForm = (unit: IndicatorRow['unit']) => {
  const value = typedNumber(unit === 'procent' ? indicatorNumber.refine((v) => v === null || v <= 100, PERCENT_MESSAGE) : indicatorNumber, 'ska vara ett tal, 0 eller större');
  return indicatorValueInput.extend({ expected: value, reported: value, statedMembers: z.number().nullable() });
};
type IndicatorValues = z.input<ReturnType<typeof indicatorForm>>;

function IndicatorForm({ year, row, stated }: { year: number; row: IndicatorRow; stated: number | null }) {
  const { t } = useI18n();
  const id = useId();
  const action = useAction();
  const save = useEndpointMutation(setIndicatorValue);
  const form = useForm<IndicatorValues, unknown, IndicatorValueInput>({
    resolver: zodResolver(indicatorForm(row.unit)),
    defaultValues: {
      expected: shownNumber(row.expected),
      reported: shownNumber(row.published?.value ?? null),
      note: row.note,
      source: row.published?.source ?? '',
      asOf: row.published?.asOf ?? '',
      statedMembers: stated,
    },
  });
  const errors = form.formState.errors;
  const unit = row.unit === 'procent' ? t('procent') : t('antal');

  const submit = form.handleSubmit(
    (body) =>
      action.run(async () => {
        await save.mutateAsync({ params: { year, indicator: row.indicator }, body }).catch(onFields(form.setError));
        return t('Sparat: {label}', { label: t(row.label) });
      }),
    () => action.setError(row.unit === 'procent' ? t('Ange en andel i procent, 0–100, eller lämna fältet tomt.') : t('Ange ett tal, 0 eller större, eller lämna fältet tomt.')),
  );

  return (
    <form onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t(row.label)}</legend>
        <ActionMessages action={action} />
        <div className="field-row">
          <Control id={`${id}-e`} label={t('Förväntat ({unit})', { unit })} error={errors.expected?.message}>
            {(a) => <input {...a} type="text" inputMode="decimal" {...form.register('expected')} />}
          </Control>
          <Control id={`${id}-r`} label={t('Publicerat utfall ({unit})', { unit })} error={errors.reported?.message}>
            {(a) => <input {...a} type="text" inputMode="decimal" {...form.register('reported')} />}
          </Control>
        </div>
        <Control id={`${id}-s`} label={t('Källa för publicerat utfall (rapportens titel och år)')} error={errors.source?.message}>
          {(a) => <input {...a} type="text" maxLength={300} {...form.register('source')} />}
        </Control>
        <Control id={`${id}-d`} label={t('Utfallet avser (t.ex. aug. 2025)')} error={errors.asOf?.message}>
          {(a) => <input {...a} type="text" maxLength={40} {...form.register('asOf')} />}
        </Control>
        <Control id={`${id}-n`} label={t('Kommentar')} error={errors.note?.message}>
          {(a) => <textarea {...a} rows={2} maxLength={2000} {...form.register('note')} />}
        </Control>
        <button type="submit" disabled={action.busy}>
          {t('Spara')}
          <span className="visually-hidden">: {t(row.label)}</span>
        </button>
      </fieldset>
    </form>
  );
}

/** The member count the published text states for an indicator, read from the flags (null when none is stated or it matches). */
function statedMembers(data: Indicators, indicator: IndicatorRow['indicator']): number | null {
  const row = data.indicators.find((r) => r.indicator === indicator);
  const flag = data.flags.find((f) => f.code === 'MEMBER_COUNT' && row && f.subject.startsWith(row.label));
  return flag?.actual ?? null;
}
