// CLI: the regional follow-up (DOMAIN.md §10; issue 14). `indicators` shows one association's indicators
// (expected, published and computed outcome as three separate figures, with base, definition and flags) and
// its funds; `region-report` writes the region report for the four associations (PDF, DOCX or XLSX).
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { formatSek, type IndicatorRow } from '../domain/portfolio/index.ts';
import { baseText, computedText, indicatorsReport, publishedText } from '../domain/reports/indicators.ts';
import { regionReport } from '../domain/reports/region.ts';
import { indicatorReport, regionFollowUp } from '../portfolio/follow-up.ts';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../reports/render/index.ts';
import { ASSOCIATION_HELP, associationOf, yearArg } from './args.ts';
import { CliError, print, withDb } from './index.ts';

const formatArg = (v: string): ReportFormat => {
  if (!(REPORT_FORMATS as readonly string[]).includes(v)) throw new CliError('Formatet ska vara pdf, docx eller xlsx');
  return v as ReportFormat;
};

const line = (i: IndicatorRow) => {
  const expected = i.expected === null ? '–' : i.unit === 'procent' ? `${i.expected} %` : String(i.expected);
  const published = i.published ? `${publishedText(i)}${i.published.source ? `, ${i.published.source}` : ''}` : '–';
  return [
    `  ${i.label}`,
    `    förväntat ${expected}; publicerat utfall ${published}; beräknat utfall ${computedText(i)}`,
    `    bas: ${baseText(i)}`,
  ].join('\n');
};

export function registerFollowUpCommands(program: Command): void {
  program
    .command('indicators')
    .description('Ett förbunds regionala indikatorer (förväntat, publicerat och beräknat utfall) och rekvirerade medel per kostnadsslag')
    .option('--year <år>', 'år (förvalt: innevarande år)', yearArg('Året'))
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .option('--out <fil>', 'skriv också en Excel-fil formad som tabellerna i VGR:s uppföljning')
    .action(async (opts: { year?: number; association?: string; json?: boolean; out?: string }) => {
      const year = opts.year ?? new Date().getFullYear();
      const r = await withDb(async (db) => indicatorReport(db, (await associationOf(db, opts.association)).id, year));
      if (opts.out) await writeFile(opts.out, await renderReport(indicatorsReport(r), 'xlsx'));
      const { generatedAt: _at, years: _years, ...data } = r;
      print(data, !!opts.json, () =>
        [
          `Indikatorer ${year}: ${r.association.name}`,
          `Definition: ${r.association.indicatorDefinition}`,
          ...r.indicators.map(line),
          ...r.funding.flatMap((p) => [
            `Rekvirerade medel: ${p.name} (${p.requisitionedFrom ?? '…'}–${p.requisitionedUntil ?? '…'}; källans enhet ${p.followUp.unit})`,
            ...p.followUp.rows.map(
              (x) => `  ${x.label.padEnd(18)} ansökan ${formatSek(x.applied)}, rekvirerat ${formatSek(x.requisitioned)}, kvarstår ${formatSek(x.remaining)}${x.overspent ? ' (överskridet)' : ''}`,
            ),
            `  Totalt             ansökan ${formatSek(p.followUp.total.applied)}, rekvirerat ${formatSek(p.followUp.total.requisitioned)}, kvarstår ${formatSek(p.followUp.total.remaining)}`,
            ...(p.followUp.stated
              ? [
                  `  Totalt (publicerat) ansökan ${p.followUp.stated.applied ?? '–'}, rekvirerat ${p.followUp.stated.requisitioned ?? '–'}, kvarstår ${p.followUp.stated.remaining ?? '–'}`,
                ]
              : []),
          ]),
          ...(r.flags.length ? ['Flaggor:', ...r.flags.map((f) => `  ${f.message}`)] : []),
        ].join('\n'),
      );
    });

  program
    .command('region-report')
    .description('Skriver regionrapporten: de fyra förbundens indikator- och medelstabeller med kvalitetsflaggor')
    .option('--year <år>', 'år (förvalt: innevarande år)', yearArg('Året'))
    .requiredOption('--format <format>', 'pdf, docx eller xlsx', formatArg)
    .requiredOption('--out <fil>', 'filen som skrivs')
    .option('--json', 'skriv ut en sammanfattning som JSON')
    .action(async (opts: { year?: number; format: ReportFormat; out: string; json?: boolean }) => {
      const year = opts.year ?? new Date().getFullYear();
      const r = await withDb((db) => regionFollowUp(db, year));
      const buf = await renderReport(regionReport(r), opts.format);
      await writeFile(opts.out, buf);
      const summary = {
        file: opts.out,
        format: opts.format,
        bytes: buf.length,
        year,
        associations: r.associations.map((a) => ({ shortId: a.association.shortId, name: a.association.name, indicators: a.indicators.length, flags: a.flags.length })),
      };
      print(summary, !!opts.json, () => `Regionrapporten ${year} (${r.associations.length} förbund) skriven till ${opts.out}`);
    });
}
