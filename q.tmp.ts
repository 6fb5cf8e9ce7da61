import { writeFileSync } from 'node:fs';
import { backends } from './test/support/db.ts';
import { loadDemo } from './src/demo/index.ts';
import { listRounds } from './src/store/rounds.ts';
import { delrapportModel, loadRoundReportData } from './src/reports/service.ts';
import { groupReportModel } from './src/reports/group-report.ts';
import { renderReport } from './src/reports/render/index.ts';
const db = await backends.find((b) => b.name === 'pglite')!.open();
await loadDemo(db);
for (const r of await listRounds(db)) console.log(r.id, r.title, r.periodEnd, r.municipalities.includes('1461'));
const round = (await listRounds(db)).find((r) => r.municipalities.includes('1461'))!;
const data = await loadRoundReportData(db, round.id);
const m = delrapportModel(data, '1461');

writeFileSync('/tmp/mellerud.pdf', await renderReport(m, 'pdf'));
const g = await groupReportModel(db, { role: 'lasare', municipalities: [] }, 2);
console.log(g.meta.facts, g.sections.map((s) => s.heading));
writeFileSync('/tmp/group-demo.pdf', await renderReport(g, 'pdf'));
await db.close();
