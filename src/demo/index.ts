// Loads the whole demo region. Each capability adds its demo data as one step here;
// every step is idempotent, so `samverka demo load` can run any number of times.
import type { Db } from '../db/db.ts';
import { loadDemoEconomics } from './economics.ts';
import { loadDemoInitiatives } from './initiatives.ts';
import { loadDemoOrganisation } from './organisation.ts';
import { loadDemoRegion } from './region.ts';
import { loadDemoRounds } from './rounds.ts';
import { loadDemoRisks } from './risks.ts';
import { loadDemoReferences } from './references.ts';

export const demoSteps: Array<{ name: string; run: (db: Db) => Promise<void> }> = [
  { name: 'organisation och demokonton', run: loadDemoOrganisation },
  { name: 'mätomgångar (instrument, svar och en öppen omgång)', run: loadDemoRounds },
  { name: 'samverkansportfölj och nätverk', run: loadDemoInitiatives },
  { name: 'regional uppföljning: fyra förbunds indikatorer och rekvirerade medel (VGR Analys 2025:40)', run: loadDemoRegion },
  { name: 'it-ekonomi (TBM, budgetar 2024, besparingsscenario och kostnadsfördelning)', run: loadDemoEconomics },
  { name: 'riskregister (Förstudierapport 4D, Bilaga 5)', run: loadDemoRisks },
  { name: 'referensvärden (DiMiOS nationell nivå, Fyrbodal 2020)', run: loadDemoReferences },
];

export async function loadDemo(db: Db, log: (msg: string) => void = () => {}): Promise<void> {
  for (const step of demoSteps) {
    log(`Demodata: ${step.name}`);
    await step.run(db);
  }
  await db.query(`INSERT INTO settings (key, value) VALUES ('demo_loaded', 'true') ON CONFLICT (key) DO UPDATE SET value = 'true'`);
}

export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM municipalities')).rows[0].n === 0;
}
