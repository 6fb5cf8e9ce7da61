// CLI: IT economics (DOMAIN.md §8). `samverka economics [--municipality] [--year] [--group] [--json]`
// prints pools, towers, inside/outside central IT, net cost, IT share, the budget at the benchmark and
// the change, savings scenarios, cost sharing and quality flags, as the association sees them.
// Subcommands (e.g. `economics import`) attach to the Command that registerEconomicsCommands returns.
import type { Command } from 'commander';
import { getEconomicsYearView, listEconomics } from '../economics/get-economics.ts';
import { getGroupComparison } from '../economics/get-group-comparison.ts';
import type { CostSharingView, EconomicsYearView, GroupComparisonView, QualityFlag, SavingsView } from '../domain/economics/view.ts';
import { formatPercent, formatSek, formatSekChange, formatShare } from '../domain/economics/format.ts';
import { AppError } from '../domain/errors.ts';
import { associationOfMunicipality } from '../store/associations.ts';
import { ASSOCIATION_HELP, associationOf, groupIdOf, operatorIn, yearArg } from './args.ts';
import { CliError, print, withDb } from './index.ts';

/** The operator at the command line sees economics as the admin of the association of `--association` does (its municipalities, by name). */

const municipalityArg = (v: string) => {
  if (!/^[0-9]{4}$/.test(v)) throw new CliError('Kommunkoden ska vara fyra siffror (SCB-kod)');
  return v;
};

const kr = (n: number | null) => (n === null ? '–' : formatSek(n));
const signedKr = (n: number | null) => (n === null ? '–' : formatSekChange(n));
const pct = (n: number | null) => formatShare(n);
/** A whole number with plain-space grouping, as formatSek writes kronor. */
const whole = (n: number) => formatSek(n).slice(0, -' kr'.length);
const table = (rows: string[][]) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
};
const flagLines = (flags: readonly QualityFlag[]) => flags.map((f) => `  ${f.severity === 'error' ? 'FEL' : 'OBS'}: ${f.message}`);
const SYNTH = ' [SYNTETISERAD DEMODATA]';

function yearText(v: EconomicsYearView): string {
  const out = [
    `${v.municipality} ${v.year}${v.synthesised ? SYNTH : ''}`,
    `  It-kostnad: ${kr(v.itCost)}${v.itCostBasis ? ` (${{ pools: 'kostnadspooler', budget: 'budgetrader', stated: 'angiven totalsumma' }[v.itCostBasis]})` : ''}`,
    `  Verksamhetens nettokostnad: ${kr(v.netCost)}${v.netCostSource ? ` – ${v.netCostSource}` : ''}`,
    `  It-kostnad som andel av nettokostnaden: ${pct(v.itShare)} (riktmärke ${pct(v.benchmark.share)}${v.benchmark.researchShare !== null ? `, forskningen ${pct(v.benchmark.researchShare)}` : ''})`,
    `  Budget vid riktmärket: ${kr(v.budgetAtBenchmark)}; förändring: ${signedKr(v.changeToBenchmark)}`,
  ];
  if (v.population !== null) out.push(`  Invånare: ${whole(v.population)}; it-kostnad per invånare: ${kr(v.costPerInhabitant)}`);
  if (v.pools.length)
    out.push(
      '  Kostnadspooler:',
      table([
        ['Pool', 'Belopp', 'Andel', 'Inom central it', 'Utanför'],
        ...v.pools.map((p) => [p.label, kr(p.amount), pct(p.share), kr(p.inside), kr(p.outside)]),
      ]),
    );
  if (v.inside !== null || v.outside !== null) out.push(`  Inom central it: ${kr(v.inside)}; utanför: ${kr(v.outside)}`);
  if (v.towers.length) out.push('  Arbetsområden:', table([['Arbetsområde', 'Belopp', 'Andel'], ...v.towers.map((t) => [t.label, kr(t.amount), pct(t.share)])]));
  if (v.budgetLines.length)
    out.push('  Budgetrader:', table([['Kategori', 'Pool', 'Belopp'], ...v.budgetLines.map((l) => [l.label, l.pool, kr(l.amount)])]));
  if (v.source) out.push(`  Källa: ${v.source}`);
  out.push(...flagLines(v.flags));
  return out.join('\n');
}

function savingsText(s: SavingsView): string {
  const munis = s.perMunicipality;
  const cell = (m: string, c: string) => s.cells.find((x) => x.municipalityCode === m && x.category === c)?.saving ?? 0;
  return [
    `Besparingsscenario: ${s.name} (${s.year})${s.synthesised ? SYNTH : ''}`,
    table([
      ['Kategori', ...munis.map((m) => m.municipality), 'Totalt'],
      ...s.perCategory.map((c) => [`${c.label} (${formatPercent(s.percentages.find((p) => p.category === c.category)?.percent ?? 0)})`, ...munis.map((m) => kr(cell(m.municipalityCode, c.category))), kr(c.saving)]),
      ['Summa', ...munis.map((m) => kr(m.saving)), kr(s.total)],
    ]),
    ...(s.source ? [`  Källa: ${s.source}`] : []),
    ...flagLines(s.flags),
  ].join('\n');
}

function costSharingText(c: CostSharingView): string {
  return [
    `Kostnadsfördelning: ${c.name} (${c.year})${c.synthesised ? SYNTH : ''}`,
    `  Basbelopp ${kr(c.baseAmount)} lika delat; avgifter: ${c.charges.map((x) => `${x.label} ${kr(x.amount)}`).join(', ') || 'inga'}`,
    table([
      ['Kommun', 'Bas', ...c.charges.map((x) => x.label), 'Totalt'],
      ...c.members.map((m) => [m.municipality, kr(m.base), ...c.charges.map((x) => kr(m.byDriver.find((d) => d.driver === x.driver)?.charge ?? 0)), kr(m.total)]),
      ['Summa', '', ...c.charges.map(() => ''), kr(c.total)],
    ]),
    ...flagLines(c.flags),
  ].join('\n');
}

function groupText(g: GroupComparisonView): string {
  return [
    `${g.group} ${g.year}${g.named ? '' : ' (avidentifierad)'}`,
    table([
      ['Kommun', 'It-kostnad', 'Nettokostnad', 'Andel', 'Vid riktmärket', 'Förändring'],
      ...g.members.map((m) => [m.municipality + (m.synthesised ? ' *' : ''), kr(m.itCost), kr(m.netCost), pct(m.itShare), kr(m.budgetAtBenchmark), signedKr(m.changeToBenchmark)]),
      ['Totalt', kr(g.totals.itCost), kr(g.totals.netCost), pct(g.totals.itShare), kr(g.totals.budgetAtBenchmark), signedKr(g.totals.changeToBenchmark)],
    ]),
    ...(g.members.some((m) => m.synthesised) ? ['  * syntetiserad demodata'] : []),
    ...(g.pools.length ? ['Kostnadspooler för gruppen:', table([['Pool', 'Belopp', 'Andel'], ...g.pools.map((p) => [p.label, kr(p.amount), pct(p.share)])])] : []),
    ...(g.publishedInsideShares.length
      ? ['Publicerade andelar inom central it:', ...g.publishedInsideShares.map((s) => `  ${s.label}: ${formatPercent(s.insidePercent)} inom, ${formatPercent(100 - s.insidePercent)} utanför (${s.year}; ${s.source})`)]
      : []),
    ...flagLines(g.flags),
    ...g.savings.map(savingsText),
    ...g.costSharing.map(costSharingText),
  ].join('\n');
}

/** A group by id, or by its exact name. */
const asCliError = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message);
    throw e;
  }
};

/** Registers `economics` and returns it, so that subcommands (e.g. `economics import`) can attach to it. */
export function registerEconomicsCommands(program: Command): Command {
  const economics = program
    .command('economics')
    .description('It-ekonomi (TBM): pooler, arbetsområden, inom/utanför central it, andel av nettokostnaden mot riktmärket, besparingar och kostnadsfördelning')
    .option('--municipality <scb>', 'en kommun (SCB-kod)', municipalityArg)
    .option('--year <år>', 'ett år', yearArg())
    .option('--group <id>', 'en grupps jämförelse (gruppens nummer eller namn), med besparingsscenarier och kostnadsfördelning')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { municipality?: string; year?: number; group?: string; association?: string; json?: boolean }) => {
      const data: { comparison?: GroupComparisonView; years?: EconomicsYearView[] } = await withDb((db) =>
        asCliError(async () => {
          const a = await associationOf(db, opts.association);
          const OPERATOR = operatorIn(a);
          if (opts.municipality !== undefined && !a.members.includes(opts.municipality) && (await associationOfMunicipality(db, opts.municipality)) !== null)
            throw new CliError(`Kommunen med kod ${opts.municipality} är inte medlem i ${a.name}`);
          if (opts.group !== undefined) {
            const comparison = await getGroupComparison(db, OPERATOR, await groupIdOf(db, opts.group, a.id), opts.year);
            if (opts.municipality !== undefined) {
              if (!comparison.members.some((m) => m.municipalityCode === opts.municipality))
                throw new CliError(`Kommunen ${opts.municipality} har inga siffror i gruppen för ${comparison.year}`);
              comparison.members = comparison.members.filter((m) => m.municipalityCode === opts.municipality);
            }
            return { comparison };
          }
          if (opts.municipality !== undefined && opts.year !== undefined) return { years: [(await getEconomicsYearView(db, OPERATOR, opts.municipality, opts.year)).economics] };
          return { years: await listEconomics(db, OPERATOR, { municipality: opts.municipality, year: opts.year }) };
        }),
      );
      print(data, !!opts.json, () =>
        data.comparison ? groupText(data.comparison) : data.years?.length ? data.years.map(yearText).join('\n\n') : 'Ingen it-ekonomi hittades.',
      );
    });
  // `economics import --file <xlsx> [--dry-run]` attaches here (src/cli/commands.ts passes this Command on).
  return economics;
}
