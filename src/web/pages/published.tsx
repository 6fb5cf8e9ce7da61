// A round's published figures (issue 14), for the association's admin: the aggregates held as published
// with their data-quality flags, a form that enters or replaces one question's figures, and the CSV/XLSX
// import (preview first; with errors nothing is saved). The same contract as the API and the CLI
// (src/contracts/published.ts); the server validates and flags.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import * as api from '../../contracts/published.ts';
import { BASE_UNITS, BASE_UNIT_LABELS, MEASURES, PUBLISHED_LABEL } from '../../domain/published.ts';
import { ApiError, call, endpointUrl } from '../api.ts';
import { Control, FormButtons, SelectField, TableFileField } from '../components/forms.tsx';
import { useAction } from '../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, LinkParagraph, Page, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../query.ts';
import { decFormat } from '../components/format.ts';
import { DataQualityPanel } from './data-quality-panel.tsx';

type View = ResponseOf<typeof api.listPublished>;
type ImportReport = ResponseOf<typeof api.importPublished>;

const MEASURE_LABELS: Record<(typeof MEASURES)[number], string> = { share: 'Andel i procent', count: 'Antal' };

export function PublishedPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const state = useEndpoint(api.listPublished, { params: { id } }, { keep: true });
  return (
    <AsyncView state={state}>
      {(view) => (
        <Page title={t('Publicerade siffror: {title}', { title: view.round.title })}>
          <LinkParagraph to={`/matomgangar/${id}`}>{t('Tillbaka till mätomgången')}</LinkParagraph>
          <p>
            {t(
              'Siffror som en rapport har publicerat, per fråga: andelar eller antal per alternativ, basen och dess enhet, antalet svarande kommuner och källan. De visas som publicerade och kontrolleras; de räknas aldrig om till enskilda svar.',
            )}
          </p>
          {view.aggregates.length > 0 && <DataQualityPanel published={{ label: PUBLISHED_LABEL, sources: view.sources, flags: view.flags }} />}
          <AggregatesTable view={view} roundId={id} />
          <EntryForm view={view} roundId={id} />
          <ImportPublished roundId={id} />
        </Page>
      )}
    </AsyncView>
  );
}

function AggregatesTable({ view, roundId }: { view: View; roundId: string }) {
  const { t } = useI18n();
  const action = useAction();
  const remove = useEndpointMutation(api.deletePublished);
  const text = useMemo(() => new Map(view.items.map((i) => [i.id, i.text])), [view.items]);
  return (
    <Section id="publicerade-h" title={t('Frågor med publicerade siffror ({n})', { n: view.aggregates.length })}>
      <ActionMessages action={action} />
      {view.aggregates.length === 0 ? (
        <p>{t('Mätomgången har inga publicerade siffror ännu.')}</p>
      ) : (
        <DataTable
          caption={t('Publicerade siffror per fråga: figur, bas, svarande kommuner och källa')}
          columns={[t('Fråga'), t('Figur'), { num: t('Värden') }, t('Bas'), { num: t('Svarande kommuner') }, t('Källa'), t('Ändra')]}
        >
          <tbody>
            {view.aggregates.map((a) => (
              <tr key={a.itemId}>
                <th scope="row">{text.get(a.itemId) ?? a.itemId}</th>
                <td>{a.figure ?? '–'}</td>
                <td className="num">{a.values.length}</td>
                <td>
                  {a.base.n === null ? t('ej angiven') : decFormat.format(a.base.n)} {t(BASE_UNIT_LABELS[a.base.unit])}
                </td>
                <td className="num">{a.municipalities ?? '–'}</td>
                <td>
                  {a.source.title}
                  {a.source.page ? `, ${a.source.page}` : ''}
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    disabled={action.busy}
                    onClick={() =>
                      void action.run(async () => {
                        await remove.mutateAsync({ params: { id: roundId, itemId: a.itemId } });
                        return t('Borttaget: {item}', { item: text.get(a.itemId) ?? a.itemId });
                      })
                    }
                  >
                    {t('Ta bort')}
                    <span className="visually-hidden"> {text.get(a.itemId) ?? a.itemId}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Section>
  );
}

/** A number as typed in Swedish ("12,5", "1 200"); '' is not stated; anything else is NaN (refused by the server). */
const typed = (s: string): number | null => (s.trim() === '' ? null : Number(s.replace(/\s/g, '').replace(',', '.')));

/** Enters or replaces one question's published figures (PUT /api/rounds/:id/published/:itemId). */
function EntryForm({ view, roundId }: { view: View; roundId: string }) {
  const { t } = useI18n();
  const id = useId();
  const action = useAction();
  const save = useEndpointMutation(api.savePublished);
  const [itemId, setItemId] = useState(view.items[0]?.id ?? '');
  const item = view.items.find((i) => i.id === itemId);
  const existing = view.aggregates.find((a) => a.itemId === itemId);
  const [fields, setFields] = useState<Record<string, string>>({});
  const field = (k: string, fallback = '') => fields[k] ?? fallback;
  const set = (k: string) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [k]: e.target.value }));
  const valueOf = (code: string) => existing?.values.find((v) => v.options.length === 1 && v.options[0] === code)?.value;
  const combined = existing?.values.filter((v) => v.options.length > 1) ?? [];
  const labelOf = (code: string) => item?.options.find((o) => o.code === code)?.label ?? code;

  const choose = (next: string) => {
    setItemId(next);
    setFields({});
    action.setMsg(undefined);
    action.setError(undefined);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!item) return;
    void action.run(async () => {
      const singles = item.options.flatMap((o) => {
        const v = typed(field(`o:${o.code}`, valueOf(o.code)?.toString().replace('.', ',') ?? ''));
        return v === null ? [] : [{ options: [o.code], value: v }];
      });
      // A figure the source gives for combined options (entered by import) is kept as it is.
      const values = [...singles, ...combined];
      const covered = new Set(values.flatMap((v) => v.options));
      const n = typed(field('n', existing?.base.n?.toString() ?? ''));
      const municipalities = typed(field('municipalities', existing?.municipalities?.toString() ?? ''));
      // Not a number is refused here: sent as JSON it would become null, read as "not stated".
      if (Number.isNaN(n) || Number.isNaN(municipalities) || values.some((v) => Number.isNaN(v.value)))
        throw new Error(t('Skriv värdena, basen och antalet kommuner som tal, till exempel 12,5, eller lämna dem tomma.'));
      const body = {
        figure: field('figure', existing?.figure ?? '').trim() || null,
        measure: field('measure', existing?.measure ?? 'share') as (typeof MEASURES)[number],
        values,
        base: { n, unit: field('unit', existing?.base.unit ?? 'respondents') as (typeof BASE_UNITS)[number] },
        municipalities,
        source: { title: field('source', existing?.source.title ?? view.sources[0] ?? ''), page: field('page', existing?.source.page ?? '').trim() || null },
        partial: item.options.some((o) => !covered.has(o.code)),
        note: existing?.note ?? null,
        money: existing?.money ?? null,
      };
      const r = await save.mutateAsync({ params: { id: roundId, itemId: item.id }, body });
      setFields({});
      return r.replaced ? t('Ersatt: {item}', { item: item.text }) : t('Sparat: {item}', { item: item.text });
    });
  };

  if (!item) return null;
  return (
    <Section id="ange-h" title={t('Ange en frågas publicerade siffror')}>
      <p>{t('Lämna ett alternativ tomt om källan inte anger det: det räknas som ej angivet, inte som noll.')}</p>
      <form onSubmit={submit} noValidate className="narrow-wide" aria-labelledby="ange-h">
        <SelectField label={t('Fråga')} value={itemId} onChange={(e) => choose(e.target.value)} entries={view.items.map((i) => [i.id, i.text] as const)} />
        <div className="field-row">
          <Control id={`${id}-figure`} label={t('Figur i källan (valfritt)')}>
            {(a) => <input {...a} type="text" value={field('figure', existing?.figure ?? '')} onChange={set('figure')} />}
          </Control>
          <SelectField
            label={t('Mått')}
            value={field('measure', existing?.measure ?? 'share')}
            onChange={set('measure')}
            entries={MEASURES.map((m) => [m, t(MEASURE_LABELS[m])] as const)}
          />
        </div>
        <fieldset>
          <legend>{t('Värden per alternativ')}</legend>
          {combined.length > 0 && (
            <p className="hint">
              {t('Siffror för sammanslagna alternativ behålls: {list}', {
                list: combined.map((v) => `${v.options.map(labelOf).join(' + ')} ${decFormat.format(v.value)}`).join('; '),
              })}
            </p>
          )}
          {item.options.map((o) => (
            <Control key={`${item.id}-${o.code}`} id={`${id}-o-${o.code}`} label={o.label}>
              {(a) => (
                <input
                  {...a}
                  type="text"
                  inputMode="decimal"
                  value={field(`o:${o.code}`, valueOf(o.code)?.toString().replace('.', ',') ?? '')}
                  onChange={set(`o:${o.code}`)}
                />
              )}
            </Control>
          ))}
        </fieldset>
        <div className="field-row">
          <Control id={`${id}-n`} label={t('Basens n (tomt om det inte anges)')}>
            {(a) => <input {...a} type="text" inputMode="numeric" value={field('n', existing?.base.n?.toString() ?? '')} onChange={set('n')} />}
          </Control>
          <SelectField
            label={t('Basens enhet')}
            value={field('unit', existing?.base.unit ?? 'respondents')}
            onChange={set('unit')}
            entries={BASE_UNITS.map((u) => [u, t(BASE_UNIT_LABELS[u])] as const)}
          />
          <Control id={`${id}-municipalities`} label={t('Svarande kommuner (tomt om det inte anges)')}>
            {(a) => (
              <input {...a} type="text" inputMode="numeric" value={field('municipalities', existing?.municipalities?.toString() ?? '')} onChange={set('municipalities')} />
            )}
          </Control>
        </div>
        <div className="field-row">
          <Control id={`${id}-source`} label={t('Källans titel')}>
            {(a) => <input {...a} type="text" value={field('source', existing?.source.title ?? view.sources[0] ?? '')} onChange={set('source')} />}
          </Control>
          <Control id={`${id}-page`} label={t('Sida (valfritt)')}>
            {(a) => <input {...a} type="text" value={field('page', existing?.source.page ?? '')} onChange={set('page')} />}
          </Control>
        </div>
        <ActionMessages action={action} />
        <FormButtons submitLabel={existing ? t('Ersätt siffrorna') : t('Spara siffrorna')} busy={action.busy} />
      </form>
    </Section>
  );
}

/** The CSV/XLSX import: the template, a preview (nothing is saved), then the import when there are no errors. */
function ImportPublished({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const action = useAction();
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<ImportReport>();
  const [errors, setErrors] = useState<ImportReport['errors']>([]);
  const commit = useEndpointMutation(api.importPublished);

  const send = (dryRun: boolean) =>
    action.run(async () => {
      if (!file) throw new Error(t('Välj en fil först.'));
      const form = new FormData();
      form.append('file', file, file.name);
      const input = { params: { id: roundId }, query: { dryRun: dryRun ? ('true' as const) : undefined }, body: form };
      setErrors([]);
      setReport(undefined);
      try {
        const r = dryRun ? await call(api.importPublished, input) : await commit.mutateAsync(input);
        setReport(r);
        return dryRun ? undefined : t('Importen är klar: {n} frågor sparade.', { n: r.written });
      } catch (e) {
        // An import with errors is refused as a whole; the errors come by row and column.
        const listed = e instanceof ApiError ? (e.details as { errors?: ImportReport['errors'] } | undefined)?.errors : undefined;
        if (listed?.length) setErrors(listed);
        throw e;
      }
    });

  return (
    <Section id="importera-h" title={t('Importera från CSV eller Excel')}>
      <p>
        {t('Mallen har en rad per fråga och alternativ. Fyll i andel eller antal, basen och källan. Du ser först vad som läses och alla fel; inget sparas förrän du importerar, och inget sparas så länge fel finns.')}
      </p>
      <p>
        <a className="button secondary" href={endpointUrl(api.publishedTemplate, { params: { id: roundId } })} download>
          {t('Ladda ned mallen (CSV)')}
        </a>
      </p>
      <form
        className="narrow-wide"
        noValidate
        aria-labelledby="importera-h"
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <TableFileField
          label={t('Fil med publicerade siffror (CSV eller XLSX)')}
          onFile={(f) => {
            setFile(f);
            setReport(undefined);
            setErrors([]);
          }}
        />
        <button type="submit" disabled={action.busy}>
          {t('Förhandsgranska')}
        </button>
      </form>
      <ActionMessages action={action} />
      {errors.length > 0 && (
        <DataTable caption={t('Fel i filen ({n}); inget sparades', { n: errors.length })} columns={[{ num: t('Rad') }, t('Kolumn'), t('Fel')]}>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i}>
                <td className="num">{e.row}</td>
                <td>{e.column ?? '–'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {report && report.dryRun && (
        <>
          <p role="status">{t('{n} frågor lästa; {replaces} ersätter siffror som redan finns.', { n: report.items.length, replaces: report.items.filter((i) => i.replaces).length })}</p>
          {report.items.length > 0 && (
            <button type="button" disabled={action.busy} onClick={() => void send(false)}>
              {t('Importera {n} frågor', { n: report.items.length })}
            </button>
          )}
        </>
      )}
    </Section>
  );
}
