// CLI: the samverkansportfölj (initiatives, handlingsplan). The regional indicators: followup.ts.
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { STAGE_LABELS, STAGES, SCOPE_LABELS, formatSek, stageSchema, type Stage } from '../domain/portfolio/index.ts';
import { getInitiativeDetail } from '../portfolio/initiatives/get-initiative.ts';
import { getStageLog } from '../portfolio/initiatives/get-stage-log.ts';
import { listInitiatives } from '../portfolio/initiatives/list-initiatives.ts';
import { yearPeriod } from '../domain/portfolio/field-schemas.ts';
import { handlingsplanModel } from '../portfolio/service.ts';
import { handlingsplanReport } from '../domain/reports/handlingsplan.ts';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../reports/render/index.ts';
import { initiativeAssociation } from '../store/initiatives.ts';
import { ASSOCIATION_HELP, associationOf, operatorIn, yearArg } from './args.ts';
import { CliError, print, withDb } from './index.ts';

const idArg = (v: string) => {
  if (!/^[0-9]+$/.test(v) || Number(v) < 1) throw new CliError('Initiativets id ska vara ett positivt heltal');
  return Number(v);
};

const stageArg = (v: string): Stage => {
  const stage = stageSchema.safeParse(v);
  if (!stage.success) throw new CliError(`Okänt steg "${v}". Steg: ${STAGES.join(', ')}`);
  return stage.data;
};

/** The operator at the command line sees the portfolio as the admin of the association of `--association` does. */

const formatArg = (v: string): ReportFormat => {
  if (!(REPORT_FORMATS as readonly string[]).includes(v)) throw new CliError('Formatet ska vara pdf, docx eller xlsx');
  return v as ReportFormat;
};

export function registerInitiativeCommands(program: Command): void {
  const initiatives = program.command('initiatives').description('Samverkansportföljen: gemensamma initiativ');

  initiatives
    .command('list')
    .description('Listar initiativen med steg, deltagande kommuner och viktad kvalificeringspoäng')
    .option('--stage <steg>', `bara initiativ i ett steg (${STAGES.join(', ')})`, stageArg)
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { stage?: Stage; association?: string; json?: boolean }) => {
      const rows = await withDb(async (db) =>
        (await listInitiatives(db, operatorIn(await associationOf(db, opts.association)), { stage: opts.stage })).map((i) => ({
          id: i.id,
          title: i.title,
          stage: i.stage,
          stageLabel: i.stageLabel,
          scope: i.scope,
          proposingMunicipality: i.proposingMunicipality,
          participating: i.participating,
          interested: i.interested,
          estimatedCost: i.estimatedCost,
          benefits: i.benefits,
          startYear: i.startYear,
          endYear: i.endYear,
          weightedScore: i.qualification.score,
          version: i.version,
          isDemo: i.isDemo,
        })),
      );
      print(rows, !!opts.json, () =>
        rows.length === 0
          ? 'Inga initiativ.'
          : rows
              .map(
                (r) =>
                  `${String(r.id).padStart(3)}  ${r.stageLabel.padEnd(27)} ${r.title}  (${SCOPE_LABELS[r.scope]}; ${r.participating.length} deltar${
                    r.weightedScore !== null ? `; poäng ${r.weightedScore}` : ''
                  })`,
              )
              .join('\n'),
      );
    });

  initiatives
    .command('show')
    .description('Visar ett initiativ med deltagande, bedömning, statusrapporter och beslutslogg')
    .argument('<id>', 'initiativets id', idArg)
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (id: number, opts: { association?: string; json?: boolean }) => {
      const data = await withDb(async (db) => {
        const a = await associationOf(db, opts.association);
        // Another association's initiative does not exist for this association.
        if ((await initiativeAssociation(db, id)) !== a.id) throw new CliError(`Initiativet ${id} finns inte i ${a.name}`);
        try {
          const { initiative, reports } = await getInitiativeDetail(db, operatorIn(a), id);
          return { initiative, reports, log: await getStageLog(db, id) };
        } catch (e) {
          throw e instanceof AppError ? new CliError(`Initiativet ${id} finns inte`) : e;
        }
      });
      const i = data.initiative;
      print(data, !!opts.json, () =>
        [
          `${i.title} (id ${i.id}, version ${i.version})`,
          `Steg: ${STAGE_LABELS[i.stage]}; omfattning: ${SCOPE_LABELS[i.scope]}`,
          `Deltar: ${i.participating.join(', ') || '–'}`,
          `Kostnad: ${i.estimatedCost === null ? '–' : formatSek(i.estimatedCost)}; nytta: ${i.benefits.sekPerYear === null ? '–' : `${formatSek(i.benefits.sekPerYear)}/år`}`,
          `Viktad poäng: ${i.qualification.score ?? '–'}`,
          'Beslutslogg:',
          ...data.log.map((e) => `  ${e.at.slice(0, 10)} ${e.fromLabel ?? '–'} → ${e.toLabel} (${e.userName}): ${e.reason}`),
        ].join('\n'),
      );
    });

  program
    .command('handlingsplan')
    .description('Skriver handlingsplanen för en period som PDF, Word (DOCX) eller Excel (XLSX)')
    .requiredOption('--from <år>', 'första året', yearArg('Startåret'))
    .requiredOption('--to <år>', 'sista året', yearArg('Slutåret'))
    .requiredOption('--format <format>', 'pdf, docx eller xlsx', formatArg)
    .requiredOption('--out <fil>', 'filen som skrivs')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut en sammanfattning som JSON')
    .action(async (opts: { from: number; to: number; format: ReportFormat; out: string; association?: string; json?: boolean }) => {
      const period = yearPeriod(z.object({ from: z.number(), to: z.number() })).safeParse(opts);
      if (!period.success) throw new CliError(period.error.issues[0].message);
      const model = await withDb(async (db) => handlingsplanModel(db, opts.from, opts.to, new Date(), (await associationOf(db, opts.association)).id));
      const buf = await renderReport(handlingsplanReport(model), opts.format);
      await writeFile(opts.out, buf);
      const summary = { file: opts.out, format: opts.format, bytes: buf.length, initiatives: model.rows.map((r) => ({ rank: r.rank, id: r.id, title: r.title })) };
      print(summary, !!opts.json, () => `${model.title}: ${model.rows.length} initiativ skrivna till ${opts.out}`);
    });
}
