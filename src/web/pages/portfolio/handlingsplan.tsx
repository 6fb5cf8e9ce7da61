// Handlingsplan: the plan for a chosen period (initiatives in Prioriterad and Genomförande whose
// planned period overlaps it, ranked), previewed and downloadable as DOCX, PDF and XLSX.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { getHandlingsplan, type HandlingsplanModel } from '../../../contracts/portfolio.ts';
import { endpointUrl } from '../../api.ts';
import { dash, dec, int, kr } from '../../components/format.ts';
import { AsyncView, DataTable, ErrorMessage, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint } from '../../query.ts';
import { currentYear, DownloadLinks, FilterForm, NoteList, PortfolioPage, validYear, YearField } from './shared.tsx';

function yearRangeError(from: number | null, to: number | null): string | null {
  if (from === null || to === null) return 'Ange år mellan 2000 och 2100.';
  if (to < from) return 'Slutåret kan inte vara före startåret.';
  if (to - from > 10) return 'Perioden får vara högst tio år.';
  return null;
}

export function HandlingsplanPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const from = validYear(params.get('fran')) ?? currentYear();
  const to = validYear(params.get('till')) ?? from + 1;
  const [fromInput, setFromInput] = useState(String(from));
  const [toInput, setToInput] = useState(String(to));
  const [formError, setFormError] = useState<string>();
  const periodError = yearRangeError(from, to);
  const state = useEndpoint(getHandlingsplan, periodError ? null : { query: { from, to } }, { keep: true });

  useEffect(() => {
    setFromInput(String(from));
    setToInput(String(to));
  }, [from, to]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const f = validYear(fromInput.trim());
    const tt = validYear(toInput.trim());
    const err = yearRangeError(f, tt);
    setFormError(err ? t(err) : undefined);
    if (err) return;
    setParams({ fran: String(f), till: String(tt) });
  };

  const periodText = from === to ? String(from) : `${from}–${to}`;
  const errorId = formError ? 'hp-error' : undefined;
  return (
    <PortfolioPage
      title={t('Handlingsplan')}
      intro={t(
        'Handlingsplanen för en period innehåller initiativen i stegen Prioriterad och Genomförande vars planerade period överlappar den valda perioden, i rangordning efter viktad kvalificeringspoäng.',
      )}
    >
      <FilterForm label={t('Välj period')} submitLabel={t('Visa handlingsplanen')} onSubmit={submit} error={formError} errorId="hp-error">
        <YearField id="hp-from" label={t('Från år')} value={fromInput} onChange={setFromInput} errorId={errorId} />
        <YearField id="hp-to" label={t('Till år')} value={toInput} onChange={setToInput} errorId={errorId} />
      </FilterForm>
      {periodError ? (
        <ErrorMessage message={t(periodError)} />
      ) : (
        <>
          <DownloadLinks
            id="hp-download"
            title={t('Ladda ned handlingsplanen {period}', { period: periodText })}
            formats={['docx', 'pdf', 'xlsx']}
            href={(format) => endpointUrl(getHandlingsplan, { query: { from, to, format } })}
            what={t('handlingsplan {period}', { period: periodText })}
          />
          <AsyncView state={state}>{(d) => <HandlingsplanPreview model={d.handlingsplan} />}</AsyncView>
        </>
      )}
    </PortfolioPage>
  );
}

function HandlingsplanPreview({ model }: { model: HandlingsplanModel }) {
  const { t } = useI18n();
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : dash);
  return (
    <Section id="hp-preview" title={t('Förhandsgranskning: {title}', { title: model.title })}>
      <dl className="facts">
        <dt>{t('Kommunalförbund')}</dt>
        <dd>{model.association}</dd>
        <dt>{t('Framtagen')}</dt>
        <dd>{model.generatedAt.slice(0, 10)}</dd>
        <dt>{t('Antal initiativ')}</dt>
        <dd>{model.totals.initiatives}</dd>
        <dt>{t('Deltagande kommuner')}</dt>
        <dd>{model.totals.municipalities}</dd>
        <dt>{t('Uppskattad kostnad totalt')}</dt>
        <dd>{kr(model.totals.estimatedCost)}</dd>
        <dt>{t('Ekonomisk nytta per år totalt')}</dt>
        <dd>{kr(model.totals.sekPerYear)}</dd>
        <dt>{t('Frigjord tid per år totalt')}</dt>
        <dd>{t('{n} timmar', { n: int(model.totals.hoursPerYear) })}</dd>
      </dl>
      {model.rows.length === 0 ? (
        <p>{t('Inga initiativ i stegen Prioriterad eller Genomförande har en planerad period som överlappar perioden.')}</p>
      ) : (
        <DataTable
          label={t('Prioriterade initiativ')}
          caption={t('{title}: prioriterade initiativ i rangordning', { title: model.title })}
          columns={[
            { num: t('Rang') },
            t('Initiativ'),
            t('Steg'),
            t('Omfattning'),
            t('Verksamhetsområde'),
            t('Period'),
            t('Deltagande kommuner'),
            t('Intresserade kommuner'),
            t('Andra aktörer'),
            { num: t('Viktad poäng (1–5)') },
            { num: t('Uppskattad kostnad') },
            { num: t('Ekonomisk nytta per år') },
            { num: t('Frigjord tid (timmar per år)') },
            t('Finansiering'),
          ]}
        >
          <tbody>
            {model.rows.map((r) => (
              <tr key={r.id}>
                <td className="num">{r.rank}</td>
                <th scope="row">
                  <Link to={`/initiativ/${r.id}`}>{r.title}</Link>
                </th>
                <td>{t(r.stage)}</td>
                <td>{t(r.scope)}</td>
                <td>{r.area ? t(r.area) : dash}</td>
                <td>{r.period}</td>
                <td>{list(r.participating)}</td>
                <td>{list(r.interested)}</td>
                <td>{list(r.actors)}</td>
                <td className="num">{dec(r.weightedScore)}</td>
                <td className="num">{kr(r.estimatedCost)}</td>
                <td className="num">{kr(r.sekPerYear)}</td>
                <td className="num">{int(r.hoursPerYear)}</td>
                <td>{r.funding || dash}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <NoteList title={t('Att observera')} notes={model.notes} />
      <DataTable
        label={t('Kvalificeringskriterier i handlingsplanen')}
        caption={t('Kvalificeringskriterier och vikter i handlingsplanen')}
        columns={[t('Kriterium'), { num: t('Vikt') }, t('Beskrivning')]}
      >
        <tbody>
          {model.criteria.map((c) => (
            <tr key={c.label}>
              <th scope="row">{c.label}</th>
              <td className="num">{dec(c.weight)}</td>
              <td>{c.description}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Section>
  );
}
