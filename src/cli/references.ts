// CLI: reference series (published figures with source and year, shared across the instance) and the
// anonymised comparisons. `references list|add|delete`, `benchmarks --instrument … [--municipality …]`.
import type { Command } from 'commander';
import type { Caller } from '../benchmarks/common.ts';
import { deleteReference } from '../benchmarks/delete-reference.ts';
import { getBenchmarks } from '../benchmarks/get-benchmarks.ts';
import { listReferences } from '../benchmarks/list-references.ts';
import { saveReference } from '../benchmarks/save-reference.ts';
import { citeReference } from '../domain/benchmarks/references.ts';
import { AppError } from '../domain/errors.ts';
import { ASSOCIATION_HELP, associationOf, operatorIn } from './args.ts';
import { CliError, print, withDb } from './index.ts';

/** The operator at the command line edits reference series as a förbundsadmin does (audited without a user). */
const OPERATOR: Caller = { user: { id: null, role: 'forbundsadmin', municipalities: [] } };

const pct = (v: number | null) => (v === null ? '–' : `${v.toFixed(1).replace('.', ',')} %`);

async function cli<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message);
    throw e;
  }
}

/** "47" or "47,5" → 47.5; anything else is passed on as text for the schema's message. */
const num = (v: string) => (/^-?[0-9]+([.,][0-9]+)?$/.test(v.trim()) ? Number(v.trim().replace(',', '.')) : v);

export function registerReferenceCommands(program: Command): void {
  const refs = program.command('references').description('Referensserier: nationella snitt och andra publicerade siffror med källa och år');
  refs
    .command('list')
    .description('Listar referensserierna med värden per år och källa')
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { json?: boolean }) => {
      const result = await cli(() => withDb((db) => listReferences(db)));
      print(result, !!opts.json, () =>
        result.references.length
          ? result.references
              .map((s) => `${String(s.id).padStart(4)}  ${s.name} (${s.measureLabel}): ${s.values.map((v) => `${v.year} ${pct(v.value)}`).join(', ')}\n      Källa: ${citeReference(s.source)}${s.note ? `\n      ${s.note}` : ''}`)
              .join('\n')
          : 'Inga referensserier.',
      );
    });
  refs
    .command('add')
    .description('Lägger till en referensserie med ett värde (procent 0–100) för ett år')
    .requiredOption('--name <namn>', 'seriens namn, t.ex. "DiMiOS nationell nivå"')
    .requiredOption('--measure <mått>', 'vad den mäter: instrument:overall, instrument:dimension:id eller instrument:group:id')
    .requiredOption('--year <år>', 'året värdet avser (2000–2100)')
    .requiredOption('--value <procent>', 'värdet i procent av skalans maximum (0–100)')
    .requiredOption('--source <titel>', 'källans titel (rapportens titel)')
    .option('--publisher <utgivare>', 'källans utgivare')
    .option('--date <datum>', 'källans datum, ÅÅÅÅ eller ÅÅÅÅ-MM-DD')
    .option('--where <ställe>', 'stället i källan, t.ex. "avsnitt 3.1.3"')
    .option('--note <text>', 'anteckning')
    .option('--json', 'skriv ut som JSON')
    .action(async (o: { name: string; measure: string; year: string; value: string; source: string; publisher?: string; date?: string; where?: string; note?: string; json?: boolean }) => {
      const input = {
        name: o.name,
        measure: o.measure,
        values: [{ year: num(o.year), value: num(o.value) }],
        source: { title: o.source, publisher: o.publisher ?? '', date: o.date ?? '', location: o.where ?? '' },
        note: o.note ?? '',
      };
      const saved = await cli(() => withDb((db) => saveReference(db, OPERATOR, null, input)));
      print({ reference: saved }, !!o.json, () => `Referensserien ${saved.name} (nummer ${saved.id}) är tillagd.`);
    });
  refs
    .command('delete <id>')
    .description('Tar bort en referensserie')
    .action(async (id: string) => {
      if (!/^[0-9]+$/.test(id)) throw new CliError('Ange referensseriens nummer');
      await cli(() => withDb((db) => deleteReference(db, OPERATOR, Number(id))));
      print({ ok: true }, false, () => `Referensserien ${id} är borttagen.`);
    });

  program
    .command('benchmarks')
    .description('Jämförelse: en kommun mot sitt förbund, regionen och alla kommuner (anonymiserat); utan kommun ett värde per förbund')
    .requiredOption('--instrument <id>', 'instrumentets id, t.ex. digital-mognad')
    .option('--municipality <scb>', 'kommunens SCB-kod (förbundets medlem)')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (o: { instrument: string; municipality?: string; association?: string; json?: boolean }) => {
      const c = await cli(() =>
        withDb(async (db) => {
          if (o.municipality === undefined) return getBenchmarks(db, { role: 'regionanalytiker', municipalities: [], associationId: null }, { instrument: o.instrument });
          const a = await associationOf(db, o.association);
          return getBenchmarks(db, operatorIn(a), { instrument: o.instrument, municipality: o.municipality });
        }),
      );
      print(c, !!o.json, () => {
        const lines = [`${c.instrument.title} (version ${c.instrument.version})`];
        const overall = 'overall';
        if (c.own) lines.push(`  ${c.own.name}: ${pct(c.own.values[overall] ?? null)}`);
        for (const a of c.aggregates) {
          const v = a.values[overall];
          lines.push(`  ${a.label}: ${v?.value === null || !v ? (v?.withheld ?? '–') : pct(v.value)} (n = ${v?.n ?? 0} kommuner)`);
        }
        for (const r of c.references) lines.push(`  ${r.label}: ${pct(r.value)} (${r.source})`);
        return lines.join('\n');
      });
    });
}
