// Importing respondents from a CSV/XLSX file or rows pasted from Excel: a preview first (nothing is
// saved), then adding when there are no errors.
import { useId, useState } from 'react';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import * as api from '../../contracts/respondents.ts';
import { call } from '../api.ts';
import { TableFileField } from '../components/forms.tsx';
import { useAction } from '../components/hooks.ts';
import { DataTable, ErrorMessage, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpointMutation } from '../query.ts';

type ImportReport = ResponseOf<typeof api.importRespondents>;

/** Import from a CSV/XLSX file or rows pasted from Excel: preview first, then add when there are no errors. */
export function ImportRespondents({
  params,
  types,
  areaName,
  onImported,
}: {
  params: { id: string; code: string };
  types: Map<string, string>;
  areaName: Map<string, string>;
  onImported: (n: number) => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const [source, setSource] = useState<'file' | 'paste'>('file');
  const [file, setFile] = useState<File>();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ImportReport>();
  const pasteId = useId();

  const commit = useEndpointMutation(api.importRespondents);

  const send = (dryRun: boolean) =>
    action.run(async () => {
      let body: FormData | { text: string };
      if (source === 'file') {
        if (!file) throw new Error(t('Välj en fil först.'));
        const form = new FormData();
        form.append('file', file, file.name);
        body = form;
      } else {
        if (!text.trim()) throw new Error(t('Klistra in raderna från Excel först.'));
        body = { text };
      }
      // The preview changes nothing: a plain call; adding refreshes the page's data.
      const input = { params, query: { dryRun: dryRun ? ('true' as const) : undefined }, body };
      const r = dryRun ? await call(api.importRespondents, input) : await commit.mutateAsync(input);
      if (dryRun) {
        setPreview(r);
        return;
      }
      setPreview(undefined);
      setFile(undefined);
      setText('');
      onImported(r.written);
    });

  const reset = () => setPreview(undefined);
  const canAdd = !!preview && preview.errors.length === 0 && preview.rows.length > 0;

  return (
    <Section id="import-h" title={t('Importera respondenter')}>
      <p>
        {t('Ladda upp en CSV- eller Excel-fil, eller klistra in rader från Excel. Kolumner: Namn, E-post, Respondenttyp (Roll) och Verksamhetsområde – på svenska eller engelska (Name, Email, Type, Area). Roll och område kan anges med namn eller id. Inget sparas förrän du har granskat förhandsvisningen.')}
      </p>
      <form
        className="narrow-wide"
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <fieldset className="import-source">
          <legend>{t('Källa')}</legend>
          <label className="inline-check">
            <input type="radio" name="import-source" checked={source === 'file'} onChange={() => (setSource('file'), reset())} /> {t('Fil (CSV eller XLSX)')}
          </label>
          <label className="inline-check">
            <input type="radio" name="import-source" checked={source === 'paste'} onChange={() => (setSource('paste'), reset())} /> {t('Klistra in från Excel')}
          </label>
        </fieldset>
        {source === 'file' ? (
          <TableFileField
            label={t('Fil med respondenter (CSV eller XLSX)')}
            onFile={(f) => {
              setFile(f);
              reset();
            }}
          />
        ) : (
          <div className="field">
            <label htmlFor={pasteId}>{t('Rader från Excel')}</label>
            <span className="hint" id={`${pasteId}-hint`}>
              {t('Markera cellerna i Excel (gärna med rubrikraden), kopiera och klistra in här. Utan rubrikrad läses kolumnerna i ordningen Namn, E-post, Respondenttyp, Verksamhetsområde.')}
            </span>
            <textarea
              id={pasteId}
              aria-describedby={`${pasteId}-hint`}
              rows={8}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                reset();
              }}
            />
          </div>
        )}
        <button type="submit" disabled={action.busy}>
          {t('Förhandsgranska')}
        </button>
      </form>
      <ErrorMessage message={action.message} />
      {preview && <ImportPreview report={preview} types={types} areaName={areaName} />}
      {canAdd && (
        <button type="button" disabled={action.busy} onClick={() => void send(false)}>
          {t('Lägg till {n} respondenter', { n: preview.rows.length })}
        </button>
      )}
    </Section>
  );
}

function ImportPreview({ report, types, areaName }: { report: ImportReport; types: Map<string, string>; areaName: Map<string, string> }) {
  const { t } = useI18n();
  // Errors about the file or its header row; the others belong to a data row of the table.
  const fileErrors = report.errors.filter((e) => e.row === 0 || e.row === report.headerRow);
  const byRow = new Map<number, { kind: 'add' | 'error' | 'duplicate'; messages: string[]; add?: ImportReport['rows'][number] }>();
  for (const r of report.rows) byRow.set(r.row, { kind: 'add', messages: [], add: r });
  for (const d of report.duplicates)
    byRow.set(d.row, {
      kind: 'duplicate',
      messages: [
        d.firstRow === null
          ? t('{email} finns redan bland kommunens respondenter och läggs inte till igen.', { email: d.email })
          : t('{email} finns redan på rad {row} och läggs inte till igen.', { email: d.email, row: d.firstRow }),
      ],
    });
  for (const e of report.errors) {
    if (fileErrors.includes(e)) continue;
    const x = byRow.get(e.row) ?? { kind: 'error' as const, messages: [] };
    x.kind = 'error';
    // The message names the field ("E-post: …"); the file's own column name is added when it differs.
    x.messages.push(e.column && !e.message.startsWith(`${e.column}:`) ? `${e.message} (${t('kolumn {column}', { column: e.column })})` : e.message);
    byRow.set(e.row, x);
  }
  const rowNumbers = [...byRow.keys()].sort((a, b) => a - b);
  const errorRows = rowNumbers.filter((n) => byRow.get(n)!.kind === 'error').length;
  return (
    <div className="import-preview">
      <h3>{t('Förhandsgranskning')}</h3>
      <p role="status">
        {t('{rows} rader lästa: {add} läggs till, {dup} dubbletter, {err} fel.', {
          rows: report.rowCount,
          add: report.rows.length,
          dup: report.duplicates.length,
          err: report.errors.length,
        })}
      </p>
      {report.errors.length > 0 && (
        <div className="error" role="alert">
          <p>{t('Inget sparas så länge fel finns. Rätta felen i filen och förhandsgranska igen.')}</p>
          {fileErrors.length > 0 && (
            <ul>
              {fileErrors.map((e, i) => (
                <li key={i}>{e.row ? `${t('Rad {row}', { row: e.row })}: ${e.message}` : e.message}</li>
              ))}
            </ul>
          )}
          {errorRows > 0 && <p>{t('{n} rader har fel; de är markerade i tabellen.', { n: errorRows })}</p>}
        </div>
      )}
      {report.ignoredColumns.length > 0 && (
        <p className="hint">{t('Kolumner som inte läses: {columns}', { columns: report.ignoredColumns.join(', ') })}</p>
      )}
      {rowNumbers.length > 0 && (
        <DataTable
          label={t('Förhandsgranskning')}
          caption={t('Raderna i filen: vad som läggs till, dubbletter och fel')}
          columns={[t('Rad'), t('Namn'), t('E-post'), t('Roll'), t('Verksamhetsområde'), t('Anmärkning')]}
          className="import-rows"
        >
          <tbody>
            {rowNumbers.map((n) => {
              const x = byRow.get(n)!;
              const a = x.add;
              return (
                <tr key={n} className={x.kind === 'error' ? 'row-error' : x.kind === 'duplicate' ? 'row-duplicate' : undefined}>
                  <th scope="row">{n}</th>
                  <td>{a?.name ?? '–'}</td>
                  <td>{a?.email ?? '–'}</td>
                  <td>{a?.respondentType ? (types.get(a.respondentType) ?? a.respondentType) : '–'}</td>
                  <td>{a?.area ? (areaName.get(a.area) ?? a.area) : '–'}</td>
                  <td>
                    {x.kind === 'add' ? (
                      t('Läggs till')
                    ) : (
                      <>
                        <strong>{x.kind === 'error' ? t('Fel') : t('Dubblett')}:</strong> {x.messages.join(' ')}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}
