// Benchmark "faults" (issue 10): what a database fault costs under load, with the real server process.
// The scenarios are the fault tests' own (test/support/fault-scenarios.ts): 60 respondents save answers
// through HTTP against a throw-away PostgreSQL cluster while (a) every backend is terminated and (b) the
// cluster is stopped for 2 s and started again; then kill -9 of the server mid-load on PostgreSQL and on
// the embedded database, and a restart. Reported: answers acknowledged vs stored as acknowledged (lost
// must be 0), how long until the server serves again once PostgreSQL is back (target ≤ 5 s), the 503s
// the load got meanwhile, and whether the process stayed up. Then the fuzz run (test/support/fuzz.ts, the
// fuzz test's own driver and seed): requests sent vs 5xx, per database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/db.ts';
import { startApp } from '../test/support/app.ts';
import { backends } from '../test/support/db.ts';
import { killNine, postgresFaults, type Verdict } from '../test/support/fault-scenarios.ts';
import { runFuzz } from '../test/support/fuzz.ts';
import { createCluster, createDatabase } from '../test/support/pg-cluster.ts';
import { report } from './util.ts';

const CLIENTS = 60;
/** Generated fuzz requests per database (the test sends as many). */
const FUZZ_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5200);
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** Load before kill -9, once every client has saved. */
const KILL_AFTER_MS = 3000;

function acknowledged(label: string, v: Verdict) {
  const sent = v.load.sent();
  console.log(`${label}:`);
  report('  sparningar skickade', sent, 'st');
  report('  varav 503 eller utan svar', (v.load.byStatus.get(503) ?? 0) + (v.load.byStatus.get(0) ?? 0), 'st');
  report('  kvitterade svar, jämförda med databasen', v.checked, 'st');
  report('  kvitterade svar som saknas eller ändrats', v.lost.length, 'st', { op: '<=', value: 0 });
  report('  svar lagrade två gånger', v.duplicates, 'st', { op: '<=', value: 0 });
  report('  oväntade svar (varken 2xx eller 503)', v.load.unexpected.length, 'st', { op: '<=', value: 0 });
}

export async function run(): Promise<void> {
  const cluster = await createCluster();
  try {
    const r = await postgresFaults(cluster, 'bench_faults', CLIENTS);
    console.log(`PostgreSQL-kluster på port ${cluster.port}: ${CLIENTS} svarande; pg_terminate_backend för ${r.terminated} anslutningar, sedan stopp i 2 s och start`);
    report('Svarar igen efter pg_terminate_backend', r.msServingAfterTerminate, 'ms', { op: '<=', value: 5000 });
    report('Svarar igen efter omstart av PostgreSQL', r.msServingAfterRestart, 'ms', { op: '<=', value: 5000 });
    report('Serverprocessen levde genom båda felen', r.aliveThroughout ? 1 : 0, '(1 = ja)', { op: '>=', value: 1 });
    acknowledged('Avslutade anslutningar + omstart', r);

    const url = await createDatabase(cluster, 'bench_kill9');
    acknowledged('kill -9 (PostgreSQL)', await killNine({ DATABASE_URL: url }, () => openDb({ url }), CLIENTS, KILL_AFTER_MS));
  } finally {
    await cluster.destroy();
  }
  const dir = mkdtempSync(join(tmpdir(), 'samverka-bench-kill9-'));
  try {
    acknowledged('kill -9 (inbäddad)', await killNine({ SAMVERKA_DATA_DIR: dir }, () => openDb({ dataDir: dir }), CLIENTS, KILL_AFTER_MS));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // test/support/db.ts: the embedded database always, PostgreSQL when TEST_DATABASE_URL is set.
  if (!process.env.TEST_DATABASE_URL) console.log('(fuzz mot PostgreSQL: sätt TEST_DATABASE_URL)');
  for (const backend of backends) {
    const t = await startApp(backend, { config: { respondentRateLimit: 1_000_000 } });
    try {
      const r = await runFuzz({ app: t.app, db: t.db, requests: FUZZ_REQUESTS, seed: FUZZ_SEED });
      const fiveXX = Object.entries(r.byStatus).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
      console.log(`Fuzz (${backend.name}, seed ${r.seed}): ${r.routes.length} vägar, med kontrakt ${r.declaredRoutes}`);
      report('  förfrågningar skickade', r.sent, 'st');
      report('  förfrågningar per sekund', r.sent / (r.ms / 1000), 'st/s');
      report('  svar 5xx', fiveXX, 'st', { op: '<=', value: 0 });
      report('  avvisade förfrågningar som ändrade databasen', r.dbChanged.length, 'st', { op: '<=', value: 0 });
    } finally {
      await t.close();
    }
  }
}
