// Indikatorer och medel: the regional indicators for a year (expected against outcome, computed or
// reported, with base and n), their exports, the association's forms for expected and reported
// values, the requisitioned funding per cost type and the networks.
import { zodResolver } from '@hookform/resolvers/zod';
import { Fragment, useEffect, useId, useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router-dom';
import { z } from 'zod';
import { exportIndicators, getIndicators, setIndicatorValue, type IndicatorRow, type Indicators } from '../../../contracts/portfolio.ts';
import { indicatorNumber, indicatorValueInput, PERCENT_MESSAGE, type IndicatorValueInput } from '../../../domain/portfolio/portfolio-schema.ts';
import { endpointUrl } from '../../api.ts';
import { Control } from '../../components/forms.tsx';
import { dash } from '../../components/format.ts';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { FundingForm, FundingView } from './funding.tsx';
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
        'Indikatorerna som förbundet rapporterar till regionen, förväntat värde mot utfall. Där plattformen har underlaget (deltagande i initiativ, nätverk, mätomgångar) beräknas utfallet; annars visas det rapporterade värdet.',
      )}
    >
      <FilterForm label={t('Välj år')} submitLabel={t('Visa')} onSubmit={submit} error={formError} errorId="ind-error">
        <YearField id="ind-year" label={t('År')} value={yearInput} onChange={setYearInput} errorId={formError ? 'ind-error' : undefined} />
      </FilterForm>
      <AsyncView state={state}>
        {(d) => (
          <>
            <IndicatorTable data={d} />
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
          </>
        )}
      </AsyncView>
      <NetworksSection />
    </PortfolioPage>
  );
}

function IndicatorTable({ data }: { data: Indicators }) {
  const { t } = useI18n();
  const synthesised = data.indicators.some((r) => r.synthesised);
  return (
    <Section id="ind-heading" title={t('Indikatorer {year}', { year: data.year })}>
      {synthesised && (
        <p className="demo-banner-inline">
          <span className="tag">DEMO</span>{' '}
          {t('Utfall beräknade ur syntetiserade demodata visar hur indikatorn räknas, inte verkliga förhållanden. Det publicerade utfallet visas bredvid, med sin källa.')}
        </p>
      )}
      <DataTable
        label={t('Regionala indikatorer')}
        caption={t('Regionala indikatorer {year}: förväntat och utfall', { year: data.year })}
        columns={[
          t('Indikator'),
          { num: t('Förväntat') },
          { num: t('Utfall') },
          t('Källa'),
          t('Bas'),
          { num: 'n' },
          { num: t('Publicerat utfall') },
          t('Uppnått'),
          t('Kommentar'),
        ]}
      >
        <tbody>
          {data.indicators.map((r) => (
            <tr key={r.indicator} data-indicator={r.indicator}>
              <th scope="row">{t(r.label)}</th>
              <td className="num">{indicatorValue(r.expected, r.unit)}</td>
              <td className="num">
                <strong>{indicatorValue(r.outcome, r.unit)}</strong>
              </td>
              <td>{r.computed ? (r.synthesised ? t('Beräknad ur syntetiserade demodata') : t('Beräknad ur plattformens data')) : t('Rapporterad uppgift')}</td>
              <td>{r.base}</td>
              <td className="num">{r.n ?? dash}</td>
              <td className="num">
                {indicatorValue(r.reported, r.unit)}
                {r.reportedSource && (
                  <>
                    <br />
                    <span className="hint">{t('Källa: {source}', { source: r.reportedSource })}</span>
                  </>
                )}
              </td>
              <td>{r.met === null ? dash : r.met ? t('Ja') : t('Nej')}</td>
              <td>{r.note || dash}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="hint">
        {t(
          'Andelen kommuner med ökad digital mognad beräknas genom att den senaste stängda mätomgången av Digital mognad som avslutats senast det valda året jämförs med den första; en kommun räknas när förändringen är minst instrumentets minsta meningsfulla förändring. Basen är kommunerna med resultat i båda omgångarna.',
        )}
      </p>
    </Section>
  );
}

function IndicatorForms({ data }: { data: Indicators }) {
  const { t } = useI18n();
  return (
    <Section id="ind-edit" title={t('Förväntade värden och rapporterade utfall {year}', { year: data.year })}>
      <p className="hint">
        {t('Andelar anges i procent (0–100). Ett rapporterat utfall visas bara när plattformen inte kan beräkna indikatorn; det sparas ändå för jämförelse.')}
      </p>
      {data.indicators.map((r) => (
        <IndicatorForm key={`${data.year}-${r.indicator}`} year={data.year} row={r} />
      ))}
    </Section>
  );
}

// The form: the contract's indicator value with the numbers typed as text; a share is at most 100 %.
const indicatorForm = (unit: IndicatorRow['unit']) => {
  const value = typedNumber(unit === 'procent' ? indicatorNumber.refine((v) => v === null || v <= 100, PERCENT_MESSAGE) : indicatorNumber, 'ska vara ett tal, 0 eller större');
  return indicatorValueInput.extend({ expected: value, reported: value });
};
type IndicatorValues = z.input<ReturnType<typeof indicatorForm>>;

function IndicatorForm({ year, row }: { year: number; row: IndicatorRow }) {
  const { t } = useI18n();
  const id = useId();
  const action = useAction();
  const save = useEndpointMutation(setIndicatorValue);
  const form = useForm<IndicatorValues, unknown, IndicatorValueInput>({
    resolver: zodResolver(indicatorForm(row.unit)),
    defaultValues: { expected: shownNumber(row.expected), reported: shownNumber(row.reported), note: row.note, source: row.reportedSource },
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
          <Control id={`${id}-r`} label={t('Rapporterat utfall ({unit})', { unit })} error={errors.reported?.message}>
            {(a) => <input {...a} type="text" inputMode="decimal" {...form.register('reported')} />}
          </Control>
        </div>
        <Control id={`${id}-s`} label={t('Källa för rapporterat utfall (rapportens titel och år)')} error={errors.source?.message}>
          {(a) => <input {...a} type="text" maxLength={300} {...form.register('source')} />}
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
