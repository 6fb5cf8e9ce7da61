// CLI: a municipality's respondents — adding them (validated with the same schema as the web form),
// their personal links, the self-assessment link, invitations, reminders, response rates and import
// from CSV/XLSX (the same domain code as the web: src/rounds, src/import/respondents.ts).
import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { configFromEnv } from '../config.ts';
import { addRespondentsInput } from '../domain/respondent-schema.ts';
import { formatRespondentImport, importRespondents } from '../import/respondents.ts';
import { exportLinks } from '../rounds/links-export.ts';
import { addRespondentsChecked } from '../rounds/respondents/add-respondents.ts';
import { respondentLinks } from '../rounds/respondents/list-respondent-links.ts';
import { mailRespondents } from '../rounds/respondents/mail-respondents.ts';
import { selfAssessmentRespondent } from '../rounds/respondents/self-assessment-link.ts';
import { rateReport, requireRound, requireRoundMunicipality, respondentLink } from '../rounds/service.ts';
import { CliError, print } from './index.ts';
import { ASSOCIATION_HELP, CLI_ACTOR, withRoundsOf } from './rounds.ts';

const positiveInt = (what: string) => (v: string) => {
  if (!/^[0-9]+$/.test(v) || Number(v) < 1) throw new CliError(`${what} ska vara ett positivt heltal`);
  return Number(v);
};

function municipalityCodeArg(v: string): string {
  if (!/^[0-9]{4}$/.test(v)) throw new CliError(`"${v}" är ingen kommunkod (fyra siffror, SCB-kod)`);
  return v;
}
const roundId = positiveInt('Mätomgångens id');

export function registerRespondentCommands(program: Command): void {
  const respondents = program.command('respondents').description('Respondenter och personliga länkar');
  respondents
    .command('add')
    .description('Lägger till respondent(er) i en kommuns urval och skriver ut länken')
    .requiredOption('--round <id>', 'mätomgångens id', roundId)
    .requiredOption('--municipality <kod>', 'kommunkod (SCB)', municipalityCodeArg)
    .option('--type <typ>', 'respondenttyp (roll), t.ex. it-nara eller verksamhetsnara')
    .option('--area <område>', 'verksamhetsområde, t.ex. socialtjanst')
    .option('--name <namn>', 'namn')
    .option('--email <e-post>', 'e-postadress')
    .option('--count <antal>', 'antal respondenter med samma roll och område', positiveInt('Antalet'))
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(
      async (opts: { round: number; municipality: string; type?: string; area?: string; name?: string; email?: string; count?: number; association?: string; json?: boolean }) => {
        const input = addRespondentsInput.safeParse({ respondentType: opts.type, area: opts.area, name: opts.name, email: opts.email, count: opts.count });
        if (!input.success) throw new CliError(input.error.issues.map((i) => i.message).join('; '));
        const config = configFromEnv();
        const added = await withRoundsOf(opts.association, [opts.round], (db) => addRespondentsChecked(db, opts.round, opts.municipality, input.data, CLI_ACTOR));
        const data = added.map((r) => ({ id: r.id, respondentType: r.respondentType, area: r.area, name: r.name, email: r.email, link: respondentLink(config, r.token!) }));
        print(data, !!opts.json, () => data.map((r) => `${r.id}  ${r.link}`).join('\n'));
      },
    );

  respondents
    .command('links')
    .description('Skriver ut de personliga länkarna för en kommuns respondenter (eller sparar dem som CSV/XLSX med --format)')
    .requiredOption('--round <id>', 'mätomgångens id', roundId)
    .requiredOption('--municipality <kod>', 'kommunkod (SCB)', municipalityCodeArg)
    .option('--format <format>', 'csv eller xlsx: namn, e-post, typ, område, länk, inbjuden, senast påmind, status')
    .option('--out <fil>', 'fil att skriva till (med --format; annars standard ut för csv)')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { round: number; municipality: string; format?: string; out?: string; association?: string; json?: boolean }) => {
      const config = configFromEnv();
      if (opts.format) {
        if (opts.format !== 'csv' && opts.format !== 'xlsx') throw new CliError(`Okänt format "${opts.format}": ange csv eller xlsx`);
        if (opts.format === 'xlsx' && !opts.out) throw new CliError('Ange --out <fil> för xlsx');
        const format = opts.format;
        const data = await withRoundsOf(opts.association, [opts.round], async (db) => {
          const round = await requireRound(db, opts.round);
          requireRoundMunicipality(round, opts.municipality);
          return exportLinks(db, config, round, opts.municipality, format, null);
        });
        if (opts.out) {
          await writeFile(opts.out, data);
          process.stderr.write(`Länkarna är sparade i ${opts.out}\n`);
        } else process.stdout.write(data);
        return;
      }
      const links = await withRoundsOf(opts.association, [opts.round], async (db) => {
        requireRoundMunicipality(await requireRound(db, opts.round), opts.municipality);
        return respondentLinks(db, config, opts.round, opts.municipality);
      });
      print(links, !!opts.json, () =>
        links.length
          ? links
              .map((l) => `${String(l.id).padStart(5)}  ${(l.respondentType ?? '-').padEnd(16)} ${(l.area ?? '-').padEnd(16)} ${l.completedAt ? 'inskickad' : l.startedAt ? 'påbörjad ' : '         '} ${l.link}${l.name ? `  (${l.name})` : ''}`)
              .join('\n')
          : 'Inga respondenter med länk.',
      );
    });

  respondents
    .command('self-assessment')
    .description('Skapar (eller visar) kommunansvarigs länk för ett självskattningsinstrument')
    .requiredOption('--round <id>', 'mätomgångens id', roundId)
    .requiredOption('--municipality <kod>', 'kommunkod (SCB)', municipalityCodeArg)
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { round: number; municipality: string; association?: string; json?: boolean }) => {
      const config = configFromEnv();
      const r = await withRoundsOf(opts.association, [opts.round], (db) => selfAssessmentRespondent(db, opts.round, opts.municipality, CLI_ACTOR));
      const data = { id: r.id, link: respondentLink(config, r.token!), completedAt: r.completedAt };
      print(data, !!opts.json, () => data.link);
    });

  for (const kind of ['invite', 'remind'] as const) {
    respondents
      .command(kind)
      .description(
        kind === 'invite'
          ? 'Skickar inbjudningar med personlig länk till kommunens ej inbjudna respondenter (SMTP eller utkorgen)'
          : 'Skickar påminnelser till inbjudna respondenter som inte har skickat in',
      )
      .requiredOption('--round <id>', 'mätomgångens id', roundId)
      .requiredOption('--municipality <kod>', 'kommunkod (SCB)', municipalityCodeArg)
      .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
      .action(async (opts: { round: number; municipality: string; association?: string; json?: boolean }) => {
        const config = configFromEnv();
        const r = await withRoundsOf(opts.association, [opts.round], (db) => mailRespondents(db, config, opts.round, opts.municipality, kind, undefined, CLI_ACTOR));
        print(r, !!opts.json, () =>
          `${r.sent.length} ${kind === 'invite' ? 'inbjudningar' : 'påminnelser'} skickade.${r.withoutEmail.length ? ` ${r.withoutEmail.length} respondenter saknar e-postadress; ge dem länken på annat sätt.` : ''}`,
        );
      });
  }

  respondents
    .command('rates')
    .description('Svarsfrekvens (inbjudna, påbörjade, inskickade) per roll och verksamhetsområde')
    .requiredOption('--round <id>', 'mätomgångens id', roundId)
    .option('--municipality <kod>', 'kommunkod (SCB); utelämnad = hela mätomgången', municipalityCodeArg)
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { round: number; municipality?: string; association?: string; json?: boolean }) => {
      const rates = await withRoundsOf(opts.association, [opts.round], async (db) => {
        const round = await requireRound(db, opts.round);
        if (opts.municipality) requireRoundMunicipality(round, opts.municipality);
        return rateReport(db, round, opts.municipality);
      });
      const line = (r: typeof rates.total) =>
        `  ${r.label.padEnd(36)} urval ${r.total}, inbjudna ${r.invited}, påbörjade ${r.started}, inskickade ${r.completed}${r.responseRate === null ? '' : ` (${r.responseRate.toFixed(0)} %)`}`;
      print(rates, !!opts.json, () =>
        [line(rates.total), 'Per roll:', ...rates.byRespondentType.map(line), 'Per verksamhetsområde:', ...rates.byArea.filter((a) => a.total).map(line)].join('\n'),
      );
    });

  respondents
    .command('import')
    .description(
      'Importerar respondenter till en kommuns urval från CSV (UTF-8) eller XLSX: kolumnerna Namn, E-post, Respondenttyp och Verksamhetsområde ' +
        '(eller Name, Email, Type, Area); typ och område med id eller namn. Med fel sparas ingenting; dubbletter (samma e-post) läggs inte till igen.',
    )
    .requiredOption('--round <id>', 'mätomgångens id', roundId)
    .requiredOption('--municipality <kod>', 'kommunkod (SCB)', municipalityCodeArg)
    .requiredOption('--file <fil>', 'CSV- eller XLSX-fil')
    .option('--dry-run', 'kontrollera bara: visa vad som skulle läggas till och alla fel, utan att spara')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { round: number; municipality: string; file: string; dryRun?: boolean; association?: string; json?: boolean }) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(opts.file));
      } catch (e) {
        throw new CliError(`Filen ${opts.file} kunde inte läsas: ${(e as Error).message}`);
      }
      const config = configFromEnv();
      const report = await withRoundsOf(opts.association, [opts.round], (db) => importRespondents(db, config, opts.round, opts.municipality, { bytes, filename: opts.file }, { dryRun: opts.dryRun }, CLI_ACTOR));
      print(report, !!opts.json, () => formatRespondentImport(report));
      if (report.errors.length) process.exitCode = 1;
    });
}
