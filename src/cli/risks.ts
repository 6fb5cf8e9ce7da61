// CLI: the risk register — risks with their current assessments, counts assessed / serious per
// municipality, a municipality's 4 × 4 matrix and a group's heatmap (as the association sees them).
import type { Command } from 'commander';
import * as api from '../contracts/risks.ts';
import { AppError } from '../domain/errors.ts';
import type { RiskHeatmapView, RiskMatrixView } from '../domain/risk/view.ts';
import { getRiskHeatmap } from '../risks/get-risk-heatmap.ts';
import { getRiskMatrix } from '../risks/get-risk-matrix.ts';
import { listRisks, type RiskList } from '../risks/list-risks.ts';
import { ASSOCIATION_HELP, associationOf, groupIdOf, operatorIn } from './args.ts';
import { CliError, print, validated, withDb } from './index.ts';

/** The operator at the command line sees the registers of the association of `--association` as its admin does. */

const cell = (v: number | null) => (v === null ? '–' : String(v)).padStart(4);

function text(r: RiskList & { matrix?: RiskMatrixView; heatmap?: RiskHeatmapView }): string {
  const out: string[] = [];
  if (r.heatmap) {
    const h = r.heatmap;
    out.push(`${h.group}: ${h.rows.length} risker (allvarlig: riskvärde över ${h.seriousAbove}; – = inte bedömd)`);
    out.push(`${''.padEnd(60)}${h.municipalities.map((m) => m.municipality.slice(0, 11).padStart(12)).join('')}`);
    for (const row of h.rows) out.push(`${row.title.slice(0, 58).padEnd(60)}${row.values.map((v) => `${cell(v.value)}${v.serious ? ' !' : '  '}`.padStart(12)).join('')}`);
    out.push('', 'Bedömda / allvarliga per kommun:');
    for (const m of h.municipalities) out.push(`  ${m.municipality.padEnd(20)} ${m.assessed} bedömda, ${m.serious} allvarliga`);
  } else {
    out.push(r.risks.length === 0 ? 'Inga risker.' : `${r.risks.length} risker (allvarlig: riskvärde över ${r.seriousAbove})`);
    for (const risk of r.risks) {
      const where = risk.scope.kind === 'group' ? risk.scope.group : risk.scope.municipality;
      const values = risk.current.map((a) => `${a.municipality ?? 'värde'} ${a.value ?? '–'}${a.serious ? ' (allvarlig)' : ''}`).join(', ');
      out.push(`${String(risk.id).padStart(4)}  [${risk.theme}] ${risk.title}${risk.synthesised ? ' (syntetiserad)' : ''}\n      ${where}: ${values || 'ingen bedömning'}`);
    }
    if (r.counts.length) {
      out.push('', 'Bedömda / allvarliga per kommun:');
      for (const c of r.counts) out.push(`  ${c.municipality.padEnd(20)} ${c.assessed} bedömda, ${c.serious} allvarliga, ${c.notAssessed} inte bedömda`);
    }
  }
  if (r.matrix) {
    const m = r.matrix;
    out.push('', `Riskmatris ${m.municipality} (antal risker; rader sannolikhet 4–1, kolumner konsekvens 1–4):`);
    for (const row of [...m.cells].reverse()) out.push(`  ${row[0].probability} |${row.map((c) => String(c.riskIds.length).padStart(4)).join('')}`);
    if (m.valueOnly.length) out.push(`  Bara riskvärde publicerat: ${m.valueOnly.map((v) => v.value).join(', ')}`);
    out.push(`  ${m.assessed} bedömda, ${m.serious} allvarliga, ${m.notAssessed} inte bedömda`);
  }
  if (r.qualityFlags.length) out.push('', 'Datakvalitet:', ...r.qualityFlags.map((f) => `  ${f}`));
  return out.join('\n');
}

export function registerRiskCommands(program: Command): void {
  program
    .command('risks')
    .description('Riskregistret: risker med aktuella bedömningar, antal bedömda/allvarliga per kommun, matris och värmekarta')
    .option('--municipality <scb>', 'en kommuns risker (eget register och grupper den ingår i) och dess riskmatris')
    .option('--group <id>', 'en grupps register och dess värmekarta risk × kommun (gruppens nummer eller exakta namn)')
    .option('--theme <id>', 'bara ett tema')
    .option('--initiative <id>', 'bara risker kopplade till ett initiativ')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { municipality?: string; group?: string; theme?: string; initiative?: string; association?: string; json?: boolean }) => {
      try {
        const result = await withDb(async (db) => {
          const a = await associationOf(db, opts.association);
          const OPERATOR = operatorIn(a);
          const group = opts.group === undefined ? undefined : String(await groupIdOf(db, opts.group, a.id));
          const q = validated(api.listRisks.query, { municipality: opts.municipality, group, theme: opts.theme, initiative: opts.initiative });
          const list = await listRisks(db, OPERATOR, { municipalityCode: q.municipality, groupId: q.group, themeId: q.theme, initiativeId: q.initiative });
          return {
            ...list,
            ...(q.municipality ? { matrix: await getRiskMatrix(db, OPERATOR, q.municipality, q.theme) } : {}),
            ...(q.group ? { heatmap: await getRiskHeatmap(db, OPERATOR, q.group, q.theme) } : {}),
          };
        });
        print(result, !!opts.json, () => text(result));
      } catch (e) {
        if (e instanceof AppError) throw new CliError(e.message);
        throw e;
      }
    });
}
