// A chart specification (src/domain/charts/spec.ts) as a figure: its title and notes, the chart drawn
// by SpecChart (the same option as the PDF and DOCX), the same numbers as a table ("Visa som tabell")
// and that table as a CSV download made in the browser. Bars and stacked bars (the economics charts).
import { useId, type ReactNode } from 'react';
import { toCsv } from '../../domain/export.ts';
import type { BarsChart, StackedBarsChart } from '../../domain/charts/spec.ts';
import { useI18n } from '../i18n.tsx';
import { SpecChart } from './charts.tsx';
import { numberFormat } from '../../domain/number-format.ts';

type TableSpec = BarsChart | StackedBarsChart;

/** The spec's numbers as rows: a header row, then one row per category (null where there is no value). */
export function specRows(spec: TableSpec, rowHeader: string): { head: string[]; rows: Array<[string, ...(number | null)[]]> } {
  return {
    head: [rowHeader, ...spec.series.map((s) => s.label)],
    rows: spec.categories.map((c, i) => [c, ...spec.values[i]] as [string, ...(number | null)[]]),
  };
}

function cellText(v: number | null, spec: TableSpec, locale: string): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const percent = spec.type === 'stackedBars' || spec.unit === '%';
  const decimals = spec.type === 'bars' ? (spec.decimals ?? (percent ? 1 : 0)) : 1;
  const text = numberFormat(locale, { maximumFractionDigits: decimals }).format(v);
  return percent ? `${text}\u00a0%` : spec.unit === 'kr' ? `${text}\u00a0kr` : text;
}

/** Starts a download of `text` as a file (UTF-8 CSV). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function SpecFigure({
  title,
  spec,
  alt,
  rowHeader,
  file,
  notes,
  children,
}: {
  title: string;
  spec: TableSpec;
  /** What the chart shows (its accessible name); the values are in the table. */
  alt: string;
  /** The table's first column header (what a category is: municipality, pool …). */
  rowHeader: string;
  /** The CSV file's name without extension. */
  file: string;
  notes?: ReactNode;
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const locale = lang === 'en' ? 'en-GB' : 'sv-SE';
  const { head, rows } = specRows(spec, rowHeader);
  const csv = () => toCsv([head, ...rows.map(([c, ...vs]) => [c, ...vs.map((v) => (v === null ? '' : lang === 'en' ? String(v) : String(v).replace('.', ',')))])]);
  return (
    <figure className="result-figure" aria-labelledby={`${id}-t`}>
      <figcaption>
        <h3 id={`${id}-t`}>{title}</h3>
        {notes}
      </figcaption>
      {children}
      {rows.length === 0 ? (
        <p>{t('Inga värden att visa.')}</p>
      ) : (
        <>
          <SpecChart spec={spec} label={`${alt} ${t('Alla värden finns i tabellen under diagrammet.')}`} />
          <details className="table-alternative">
            <summary>
              {t('Visa som tabell')}: {title}
            </summary>
            <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    {head.map((h, i) => (
                      <th key={i} scope="col" className={i ? 'num' : undefined}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map(([c, ...vs], i) => (
                    <tr key={i}>
                      <th scope="row">{c}</th>
                      {vs.map((v, j) => (
                        <td key={j} className="num">
                          {cellText(v, spec, locale)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
      <p className="csv-link">
        <button type="button" className="link-button" onClick={() => download(`${file}.csv`, csv())}>
          {t('Ladda ned tabellen som CSV')}
          <span className="visually-hidden">: {title}</span>
        </button>
      </p>
    </figure>
  );
}
