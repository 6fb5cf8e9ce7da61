// The round's data-quality panel (issue 14): for a round holding published aggregates, says that its
// figures are published aggregates, cites the source, and lists every data-quality flag with the figure,
// the expected and the found value (the flags come from the analysis view, src/domain/published.ts).
import { decFormat } from '../components/format.ts';
import { DataTable } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';

interface Flag {
  code: string;
  subject: string;
  message: string;
  expected?: number;
  actual?: number;
}

const FLAG_LABELS: Record<string, string> = {
  PERCENT_SUM: 'Andelarna summerar inte till 100 %',
  TOTAL_MISMATCH: 'Summan stämmer inte med delarna',
  BASE_MISMATCH: 'Frågorna redovisas på olika bas',
  MENTIONS_AS_SHARE: 'Omnämnanden redovisade som andel av svarande',
  MONEY_UNIT: 'Beloppen är angivna i fel enhet',
};

// The shared format, made on first use: a number format made as the results page's code loads cost
// that page a long task (issue 15).
const num = (x: number | undefined) => (x === undefined ? '–' : decFormat.format(x));

export function DataQualityPanel({ published }: { published: { label: string; sources: string[]; flags: Flag[] } }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="datakvalitet-publicerade" className="data-quality">
      <h2 id="datakvalitet-publicerade">{t('Datakvalitet: publicerade aggregat')}</h2>
      <p className="notice-info">
        {t('Siffrorna i mätomgången är publicerade aggregat, återgivna som de publicerades. Källa: {sources}.', {
          sources: published.sources.map((s) => `”${s}”`).join(', '),
        })}
      </p>
      {published.flags.length ? (
        <DataTable
          caption={t('Datakvalitetsflaggor ({n})', { n: published.flags.length })}
          columns={[t('Figur'), t('Flagga'), { num: t('Förväntat') }, { num: t('Funnet') }, t('Beskrivning')]}
        >
          <tbody>
            {published.flags.map((f, i) => (
              <tr key={`${f.code}-${i}`}>
                <th scope="row">{f.subject}</th>
                <td>{t(FLAG_LABELS[f.code] ?? f.code)}</td>
                <td className="num">{num(f.expected)}</td>
                <td className="num">{num(f.actual)}</td>
                <td>{f.message}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>{t('Inga datakvalitetsflaggor för de publicerade aggregaten.')}</p>
      )}
    </section>
  );
}
