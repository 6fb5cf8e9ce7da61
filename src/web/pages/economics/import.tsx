// Importing IT economics from an XLSX file (samverka's template, or the published tables of the
// Förstudierapport): a preview first (nothing is saved; the sheets read, the municipality-years and
// scenarios found, errors by sheet, row and column, warnings such as a name matched approximately and
// the quality flags the figures will show), then the import. With errors nothing is saved unless rows
// with errors are to be skipped.
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../contracts/endpoint.ts';
import { economicsTemplate, importEconomicsFile } from '../../../contracts/economics-import.ts';
import { call, endpointUrl } from '../../api.ts';
import { useAction } from '../../components/hooks.ts';
import { ActionMessages, DataTable, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpointMutation } from '../../query.ts';
import { EconomicsPage, Flags, kronor } from './shared.tsx';

type Report = ResponseOf<typeof importEconomicsFile>;
type Where = Report['errors'][number];

const PARTS: Record<Report['years'][number]['parts'][number], string> = {
  budgetLines: 'budgetrader',
  pools: 'kostnadspooler',
  towers: 'arbetsområden',
  netCost: 'nettokostnad',
  population: 'invånare',
  statedTotal: 'angiven totalsumma',
};

function Place({ at }: { at: Omit<Where, 'message'> }) {
  const { t } = useI18n();
  return (
    <>
      {at.sheet || t('Filen')}
      {at.row > 0 && `, ${t('rad {row}', { row: at.row })}`}
      {at.column && `, ${t('kolumn {column}', { column: at.column })}`}
      {at.cell && ` (${at.cell})`}
    </>
  );
}

function Preview({ report: r }: { report: Report }) {
  const { t, lang } = useI18n();
  const sv = lang === 'sv' ? undefined : 'sv';
  return (
    <div className="import-preview">
      <h3>{r.dryRun ? t('Förhandsgranskning') : t('Resultat av importen')}</h3>
      <p role="status">
        {t('{years} kommunår och {scenarios} besparingsscenarier i filen; {warnings} anmärkningar och {errors} fel.', {
          years: r.years.length,
          scenarios: r.scenarios.length,
          warnings: r.warnings.length,
          errors: r.errors.length,
        })}{' '}
        {r.dryRun ? t('Inget har sparats ännu.') : t('{years} kommunår och {scenarios} besparingsscenarier sparade.', { years: r.written.years, scenarios: r.written.scenarios })}
      </p>
      {r.errors.length > 0 && (
        <div className="error" role="alert">
          <p>{t('Fel i filen (blad, rad och kolumn):')}</p>
          <ul>
            {r.errors.map((e, i) => (
              <li key={i}>
                <Place at={e} />: <span lang={sv}>{e.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {r.warnings.length > 0 && (
        <div className="notice-info">
          <p className="notice-title">{t('Anmärkningar')}</p>
          <ul>
            {r.warnings.map((w, i) => (
              <li key={i}>
                <Place at={w} />: <span lang={sv}>{w.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {r.sheets.length > 0 && (
        <DataTable caption={t('Bladen i filen')} columns={[t('Blad'), t('Innehåll'), { num: t('Rader') }, { num: t('Godkända') }]}>
          <tbody>
            {r.sheets.map((s) => (
              <tr key={s.sheet}>
                <th scope="row">{s.sheet}</th>
                <td lang={sv}>{s.label}</td>
                <td className="num">{s.rows}</td>
                <td className="num">{s.accepted}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {r.years.length > 0 && (
        <DataTable caption={t('Kommunår i filen')} columns={[t('Kommun'), t('År'), t('Uppgifter'), { num: t('Nettokostnad') }, { num: t('Angiven totalsumma') }, t('Sparade uppgifter')]}>
          <tbody>
            {r.years.map((y) => (
              <tr key={`${y.municipalityCode}-${y.year}`}>
                <th scope="row">{r.dryRun ? y.municipality : <Link to={`/ekonomi/${y.municipalityCode}/${y.year}`}>{y.municipality}</Link>}</th>
                <td>{y.year}</td>
                <td>{y.parts.map((p) => t(PARTS[p])).join(', ')}</td>
                <td className="num">{kronor(y.netCost)}</td>
                <td className="num">{kronor(y.statedTotal)}</td>
                <td>{y.replaces ? t('ersätts för de delar filen ger') : t('nya')}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {r.scenarios.length > 0 && (
        <DataTable caption={t('Besparingsscenarier i filen')} columns={[t('Scenario'), t('År'), t('Grupp'), { num: t('Celler') }]}>
          <tbody>
            {r.scenarios.map((s, i) => (
              <tr key={i}>
                <th scope="row" lang={sv}>
                  {s.name}
                </th>
                <td>{s.year}</td>
                <td lang={sv}>{s.group ?? '–'}</td>
                <td className="num">{s.cells}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {r.flags.length > 0 && (
        <div className="notice-info">
          <p className="notice-title">{t('Kontroller av siffrorna efter importen')}</p>
          <Flags flags={r.flags} />
        </div>
      )}
    </div>
  );
}

export function EconomicsImportPage() {
  const { t } = useI18n();
  const action = useAction();
  const id = useId();
  const [file, setFile] = useState<File>();
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [report, setReport] = useState<Report>();
  const commit = useEndpointMutation(importEconomicsFile);

  const send = (dryRun: boolean) =>
    action.run(async () => {
      if (!file) throw new Error(t('Välj en fil först.'));
      const form = new FormData();
      form.append('file', file, file.name);
      const input = { query: { dryRun: dryRun ? 'true' : undefined, skipInvalid: skipInvalid ? 'true' : undefined } as const, body: form };
      // The preview changes nothing: a plain call; the import refreshes what is on screen.
      const r = dryRun ? await call(importEconomicsFile, input) : await commit.mutateAsync(input);
      setReport(r);
      return dryRun ? undefined : t('Importen är klar.');
    });
  const canImport = !!report && report.dryRun && (report.years.length > 0 || report.scenarios.length > 0) && (report.errors.length === 0 || skipInvalid);

  return (
    <EconomicsPage
      title={t('Importera it-ekonomi från Excel')}
      intro={t('Fyll i samverkas mall, eller ladda upp de publicerade tabellerna (it-budget per kategori, besparingsscenario, nettokostnad och riktmärke). Du ser först vad som läses och alla fel; inget sparas förrän du importerar.')}
    >
      <Section id="mall" title={t('Mallen')}>
        <p>
          <a className="button secondary" href={endpointUrl(economicsTemplate, {})} download>
            {t('Ladda ned mallen (XLSX)')}
          </a>
        </p>
      </Section>
      <Section id="ladda-upp" title={t('Ladda upp filen')}>
        <form
          className="narrow-wide"
          noValidate
          aria-label={t('Ladda upp filen')}
          onSubmit={(e) => {
            e.preventDefault();
            void send(true);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('Excelfil (XLSX)')}</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.target.files?.[0]);
                setReport(undefined);
              }}
            />
          </div>
          <label className="inline-check">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> {t('Hoppa över rader med fel och spara resten')}
          </label>
          <div className="button-row">
            <button type="submit" aria-disabled={action.busy || undefined}>
              {t('Förhandsgranska')}
            </button>
          </div>
        </form>
        <ActionMessages action={action} />
        {report && <Preview report={report} />}
        {canImport && (
          <button type="button" aria-disabled={action.busy || undefined} onClick={() => !action.busy && void send(false)}>
            {t('Importera')}
          </button>
        )}
      </Section>
    </EconomicsPage>
  );
}
