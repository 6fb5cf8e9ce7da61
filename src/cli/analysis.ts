// CLI: `samverka analyze` – the results of a round as the association sees them (the CLI runs with
// the server's database access, so it shows municipality names): the regional overview, one
// municipality against the region (--municipality) or the change between two rounds (--compare). It works
// in one association (--association, else the default association): a round of another is refused.
import type { Command } from 'commander';
import { getCompareView, getMunicipalityView, getRegionalView, parseMeasure } from '../analysis/service.ts';
import { analysisFilters } from '../contracts/analysis.ts';
import { municipalityCode } from '../contracts/endpoint.ts';
import { publishedFlagsText } from '../domain/analysis/published-view.ts';
import { viewText, type AnalysisViewer } from '../domain/analysis/views.ts';
import { AppError } from '../domain/errors.ts';
import { ASSOCIATION_HELP, operatorIn } from './args.ts';
import { CliError, print, validated, withDb } from './index.ts';
import { checkRoundAssociation } from './rounds.ts';

const positiveInt = (what: string) => (v: string) => {
  if (!/^[0-9]+$/.test(v) || Number(v) < 1) throw new CliError(`${what} ska vara ett positivt heltal`);
  return Number(v);
};

export function registerAnalysisCommands(program: Command): void {
  program
    .command('analyze')
    .description('Analyserar en mätomgång: regional översikt, en kommun mot regionen (--municipality) eller förändring mot en annan omgång (--compare)')
    .requiredOption('--round <id>', 'mätomgångens id', positiveInt('Mätomgångens id'))
    .option('--municipality <kod>', 'kommunens SCB-kod (fyra siffror): kommunen mot regionen')
    .option('--compare <id>', 'jämför med en annan mätomgång av samma instrument', positiveInt('Jämförelseomgångens id'))
    .option('--measure <mått>', 'mått för --compare: overall, dimension:<id>, group:<id> eller item:<id>', 'overall')
    .option('--respondent-type <typ>', 'visa bara svar från en respondenttyp')
    .option('--area <område>', 'visa bara svar från ett verksamhetsområde (id)')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(
      async (opts: {
        round: number;
        municipality?: string;
        compare?: number;
        measure: string;
        respondentType?: string;
        area?: string;
        association?: string;
        json?: boolean;
      }) => {
        if (opts.municipality !== undefined) validated(municipalityCode, opts.municipality);
        if (opts.municipality && opts.compare) throw new CliError('Ange antingen --municipality eller --compare, inte båda');
        const measure = parseMeasure(opts.measure);
        if (!measure) throw new CliError('--measure ska vara overall, dimension:<id>, group:<id> eller item:<id>');
        const q = validated(analysisFilters, { respondentType: opts.respondentType, area: opts.area });
        const filters = { respondentType: q.respondentType || null, area: q.area || null };
        try {
          const view = await withDb(async (db) => {
            const a = await checkRoundAssociation(db, opts.association, opts.round, ...(opts.compare ? [opts.compare] : []));
            // The operator sees the results as the association's admin does.
            const ASSOCIATION: AnalysisViewer = operatorIn(a);
            if (opts.compare) return getCompareView(db, ASSOCIATION, { roundId: opts.round, otherId: opts.compare, measure, filters });
            if (opts.municipality) return getMunicipalityView(db, ASSOCIATION, { roundId: opts.round, municipality: opts.municipality, filters });
            return getRegionalView(db, ASSOCIATION, { roundId: opts.round, filters });
          });
          print(view, !!opts.json, () => viewText(view) + ('published' in view && view.published ? publishedFlagsText(view.published.flags) : ''));
        } catch (e) {
          if (e instanceof AppError) throw new CliError(e.message);
          throw e;
        }
      },
    );
}
