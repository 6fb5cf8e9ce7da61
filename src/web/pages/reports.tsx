// Rapporter: choose a round and a report (the anonymised regional report, or a delrapport for a
// municipality the user may see), preview it as HTML from the report model (the same model the PDF,
// DOCX and XLSX are rendered from; charts drawn by ECharts from the same chart option as the PDF), download it in the three formats,
// and create all delrapporter of a round as one zip with a progress bar. The choices come from
// GET /api/reports/rounds, which applies the same rule as the report routes (domain/reports/access.ts):
// only rounds that can be reported and reports the user may download are offered, sorted alphabetically.
import { useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import { downloadReportBatch, getReportBatch, listReportRounds, municipalityReport, regionalReport, startReportBatch } from '../../contracts/reports.ts';
import { ApiError, call, endpointUrl } from '../api.ts';
import { SpecChart } from '../components/charts.tsx';
import { SelectField } from '../components/forms.tsx';
import { AsyncView, ErrorMessage, Page, Section } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';
import { useEndpoint } from '../query.ts';
import type { Block, ChartBlock, ReportModel, TableBlock } from '../../domain/reports/model.ts';
import { formatCell } from '../../reports/render/format.ts';

/** A round with the reports the user may get (GET /api/reports/rounds). */
type RoundRow = ResponseOf<typeof listReportRounds>['rounds'][number];
type Job = ResponseOf<typeof getReportBatch>['job'];
type Format = Job['format'];

const STATUS: Record<RoundRow['status'], string> = { draft: 'Utkast', open: 'Öppen', closed: 'Stängd' };

function Chart({ block }: { block: ChartBlock }) {
  return (
    <figure className="report-chart">
      <SpecChart spec={block.chart} label={block.alt} />
      <figcaption>{block.caption}</figcaption>
    </figure>
  );
}

function Table({ block }: { block: TableBlock }) {
  const numeric = (i: number) => !!block.columns[i].format && block.columns[i].format !== 'text';
  return (
    <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={block.caption}>
      <table>
        <caption>{block.caption}</caption>
        <thead>
          <tr>
            {block.columns.map((c, i) => (
              <th key={i} scope="col" style={numeric(i) ? { textAlign: 'right' } : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((r, ri) => (
            <tr key={ri} className={block.emphasis?.includes(ri) ? 'report-emphasis' : undefined}>
              {r.map((v, i) => (
                <td key={i} style={numeric(i) ? { textAlign: 'right' } : undefined}>
                  {formatCell(v, block.columns[i].format)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {block.note && <p className="hint">{block.note}</p>}
    </div>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'paragraph':
      return <p className={block.style === 'note' ? 'hint' : block.style === 'lead' ? 'report-lead' : undefined}>{block.text}</p>;
    case 'subheading':
      return <h3>{block.text}</h3>;
    case 'bullets':
      return (
        <>
          {block.title && <p className="report-list-title">{block.title}</p>}
          <ul>
            {block.items.map((it, i) => (
              <li key={i}>{it}</li>
            ))}
          </ul>
        </>
      );
    case 'table':
      return <Table block={block} />;
    case 'chart':
      return <Chart block={block} />;
  }
}

export function ReportView({ model }: { model: ReportModel }) {
  const { t } = useI18n();
  return (
    <article className="report-preview" aria-label={model.title}>
      <h2>{model.title}</h2>
      <p className="hint">{model.subtitle}</p>
      {model.preliminary && (
        <p className="error" role="status">
          {t('PRELIMINÄR – mätomgången är inte stängd och resultatet kan ändras.')}
        </p>
      )}
      {model.meta.demo && <p className="notice-info">{t('Demodata: uppgifterna är demodata, delvis syntetiserade.')}</p>}
      <nav aria-label={t('Rapportens innehåll')}>
        <ol>
          {model.sections.map((s) => (
            <li key={s.id}>
              <a href={`#rapport-${s.id}`}>{s.heading}</a>
            </li>
          ))}
        </ol>
      </nav>
      {model.sections.map((s, i) => (
        <section key={s.id} id={`rapport-${s.id}`} aria-labelledby={`rapport-${s.id}-h`}>
          <h2 id={`rapport-${s.id}-h`}>
            {i + 1} {s.heading}
          </h2>
          {s.blocks.map((b, bi) => (
            <BlockView key={bi} block={b} />
          ))}
        </section>
      ))}
    </article>
  );
}

function BatchPanel({ round }: { round: RoundRow }) {
  const { t } = useI18n();
  const [format, setFormat] = useState<Format>('pdf');
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<string>();
  const timer = useRef<number | undefined>(undefined);
  const selectId = useId();
  const labelId = useId();
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useEffect(() => {
    setJob(undefined);
    setError(undefined);
    window.clearTimeout(timer.current);
  }, [round.id]);

  const poll = (id: string) => {
    timer.current = window.setTimeout(async () => {
      try {
        const r = await call(getReportBatch, { params: { id: round.id, job: id } });
        setJob(r.job);
        if (r.job.status === 'running') poll(id);
      } catch (e) {
        setError((e as ApiError).message);
      }
    }, 400);
  };
  const start = async () => {
    setError(undefined);
    try {
      const r = await call(startReportBatch, { params: { id: round.id }, body: { format } });
      setJob(r.job);
      poll(r.job.id);
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  const running = job?.status === 'running';
  return (
    <Section id="batch-h" title={t('Alla delrapporter')}>
      <div className="button-row">
        <label htmlFor={selectId}>{t('Format')}</label>
        <select id={selectId} value={format} onChange={(e) => setFormat(e.target.value as typeof format)} disabled={running}>
          <option value="pdf">PDF</option>
          <option value="docx">Word (DOCX)</option>
          <option value="xlsx">Excel (XLSX)</option>
        </select>
        <button type="button" onClick={start} disabled={running}>
          {t('Skapa alla delrapporter (zip)')}
        </button>
      </div>
      {job && (
        <div className="survey-progress">
          <p id={labelId}>
            {job.status === 'done'
              ? t('Klart: {n} delrapporter', { n: job.total })
              : job.status === 'failed'
                ? t('Misslyckades')
                : t('Skapar delrapporter: {done} av {total}', { done: job.done, total: job.total })}
          </p>
          <progress aria-labelledby={labelId} value={job.done} max={Math.max(job.total, 1)} />
          {job.status === 'done' && (
            <p>
              <a className="button" href={endpointUrl(downloadReportBatch, { params: { id: round.id, job: job.id } })} download>
                {t('Ladda ned zip-filen')}
              </a>
            </p>
          )}
          {job.status === 'failed' && <ErrorMessage message={job.error} />}
        </div>
      )}
      <ErrorMessage message={error} />
    </Section>
  );
}

export function ReportsPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const rounds = useEndpoint(listReportRounds, undefined);
  const roundId = Number(params.get('omgang')) || undefined;
  const round = rounds.data?.rounds.find((r) => r.id === roundId);
  const wanted = params.get('kommun') ?? '';
  // A delrapport the user may get, else the regional report when allowed, else the first delrapport.
  const code = round
    ? round.municipalities.some((m) => m.code === wanted)
      ? wanted
      : round.regional
        ? ''
        : (round.municipalities[0]?.code ?? '')
    : '';
  const regional = useEndpoint(regionalReport, round && !code ? { params: { id: round.id }, query: { format: 'json' } } : null);
  const delrapport = useEndpoint(municipalityReport, round && code ? { params: { id: round.id, code }, query: { format: 'json' } } : null);
  const report = code ? delrapport : regional;
  const fileUrl = (format: Format) =>
    round && (code ? endpointUrl(municipalityReport, { params: { id: round.id, code }, query: { format } }) : endpointUrl(regionalReport, { params: { id: round.id }, query: { format } }));

  const set = (next: { omgang?: number; kommun?: string }) => {
    const p = new URLSearchParams();
    const o = next.omgang ?? roundId;
    if (o) p.set('omgang', String(o));
    const k = next.kommun ?? '';
    if (k) p.set('kommun', k);
    setParams(p);
  };

  return (
    <Page title={t('Rapporter')}>
      <p>{t('Välj mätomgång och rapport. Förhandsvisningen bygger på samma innehåll som PDF-, Word- och Excel-filerna.')}</p>
      <AsyncView state={rounds}>
        {(d) =>
          d.rounds.length === 0 ? (
            <p className="hint">{t('Det finns inga rapporter för dig ännu. Rapporter finns för mätomgångar som har öppnats och fått svar.')}</p>
          ) : (
            <>
              <SelectField
                label={t('Mätomgång')}
                value={roundId ?? ''}
                onChange={(e) => set({ omgang: Number(e.target.value) || undefined, kommun: '' })}
                empty={t('Välj mätomgång')}
                entries={d.rounds.map((r) => [r.id, `${r.title} (${t(STATUS[r.status]).toLowerCase()})`])}
              />
              {round && (round.regional || round.municipalities.length > 1) && (
                <SelectField
                  label={t('Rapport')}
                  value={code}
                  onChange={(e) => set({ kommun: e.target.value })}
                  empty={round.regional ? t('Regional rapport (anonymiserad)') : undefined}
                  entries={round.municipalities.map((m) => [m.code, t('Delrapport {name}', { name: m.name })])}
                />
              )}
              {round?.regionalWithheld && (
                <p className="notice-info" lang={lang === 'sv' ? undefined : 'sv'}>
                  {round.regionalWithheld}
                </p>
              )}
            </>
          )
        }
      </AsyncView>
      {round && (
        <>
          <div className="button-row" role="group" aria-label={t('Ladda ned rapporten')}>
            <a className="button" href={fileUrl('pdf')} download>
              {t('Ladda ned PDF')}
            </a>
            <a className="button secondary" href={fileUrl('docx')} download>
              {t('Ladda ned Word (DOCX)')}
            </a>
            <a className="button secondary" href={fileUrl('xlsx')} download>
              {t('Ladda ned Excel (XLSX)')}
            </a>
          </div>
          {round.municipalities.length > 0 && <BatchPanel round={round} />}
          <AsyncView state={report}>{(r) => <ReportView model={r.report} />}</AsyncView>
        </>
      )}
    </Page>
  );
}
