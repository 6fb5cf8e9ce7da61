// CLI: `samverka economics import --file <xlsx> [--dry-run] [--skip-invalid] [--year] [--group] [--json]`
// imports IT economics from samverka's template or the published tables (as the association: every
// municipality and the groups' savings scenarios); `samverka economics template --out <file>` writes the template.
import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { formatEconomicsImport, importEconomics } from '../economics/import-economics.ts';
import { economicsTemplate } from '../import/economics-template.ts';
import { listMunicipalities } from '../store/organisation.ts';
import { ASSOCIATION_HELP, associationOf, operatorIn, yearArg } from './args.ts';
import { CliError, print, withDb } from './index.ts';


export function registerEconomicsImport(economics: Command): void {
  // `economics --year/--group/--json` are the listing's; after `import` or `template` the options are the subcommand's.
  economics.enablePositionalOptions();
  economics
    .command('import')
    .description(
      'Importerar it-ekonomi från en XLSX-fil: samverkas mall (bladen Budget, Kostnadspooler, Arbetsområden, Nyckeltal) eller publicerade tabeller (rubrikcellen Kostnadskategori, Utgiftspost eller Kategori). Fel anges per blad, rad och kolumn; inget sparas så länge fel finns.',
    )
    .requiredOption('--file <xlsx>', 'XLSX-filen')
    .option('--dry-run', 'kontrollera bara: visa vad som skulle sparas, anmärkningar och fel, utan att spara')
    .option('--skip-invalid', 'spara det som är godkänt även om andra rader har fel')
    .option('--year <år>', 'året för blad som inte anger något (ersätter året i en publicerad tabell)', yearArg())
    .option('--group <id|namn>', 'gruppen som ett besparingsscenario gäller (annars den minsta grupp som har alla kommunerna)')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { file: string; dryRun?: boolean; skipInvalid?: boolean; year?: number; group?: string; association?: string; json?: boolean }) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(opts.file));
      } catch (e) {
        throw new CliError(`Filen ${opts.file} kunde inte läsas: ${(e as Error).message}`);
      }
      const { report, refusal } = await withDb(async (db) =>
        importEconomics(db, { user: operatorIn(await associationOf(db, opts.association)) }, { bytes, filename: opts.file.split('/').pop() }, {
          dryRun: !!opts.dryRun,
          skipInvalid: !!opts.skipInvalid,
          year: opts.year ?? null,
          group: opts.group ?? null,
        }),
      );
      print(report, !!opts.json, () => formatEconomicsImport(report));
      if (refusal || (report.dryRun && report.errors.length)) process.exitCode = 1;
    });

  economics
    .command('template')
    .description('Skriver samverkas XLSX-mall för import av it-ekonomi (med instruktioner och listor över pooler, kategorier och kommuner)')
    .requiredOption('--out <fil>', 'filen att skriva')
    .option('--year <år>', 'förifyllt år', yearArg())
    .option('--association <förbund>', ASSOCIATION_HELP)
    .action(async (opts: { out: string; year?: number; association?: string }) => {
      const municipalities = await withDb(async (db) => {
        const a = await associationOf(db, opts.association);
        return (await listMunicipalities(db)).filter((m) => a.members.includes(m.code));
      });
      await writeFile(opts.out, await economicsTemplate({ municipalities, year: opts.year }));
      process.stdout.write(`Mallen är sparad i ${opts.out}\n`);
    });
}
