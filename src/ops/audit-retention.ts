// The event log's retention, kept by the running server: entries older than the association's
// auditRetentionDays (Administration → Säkerhet, default two years) are deleted at start and then once
// a day (store/audit.ts pruneAuditLog, which logs `audit.pruned`); with several instances on one database
// only the one that claims the period prunes. `samverka audit prune` does the same by hand.
import type { Db } from '../db/db.ts';
import { INSTANCE } from '../instance.ts';
import { pruneAuditLog } from '../store/audit.ts';
import { claimScheduledRun } from '../store/scheduled-tasks.ts';

const DAY_MS = 86_400_000;

/** Prunes now and then every `everyMs`; the returned stop() cancels the timer and waits for a prune in progress. */
export function startAuditRetention(db: Db, log: (level: 'info' | 'error', msg: string) => void, everyMs = DAY_MS): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  // Several instances on one database: one of them prunes per period (the first to claim it).
  const claimSeconds = Math.min(everyMs / 2, 3_600_000) / 1000;
  const run = () => {
    running = claimScheduledRun(db, 'audit-retention', claimSeconds, INSTANCE)
      .then(async (mine) => {
        if (!mine) return;
        const r = await pruneAuditLog(db);
        if (r.deleted) log('info', `Händelseloggen: ${r.deleted} händelser äldre än ${r.retentionDays} dagar raderade`);
      })
      .catch((e: Error) => log('error', `Rensningen av händelseloggen misslyckades: ${e.message}`));
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
