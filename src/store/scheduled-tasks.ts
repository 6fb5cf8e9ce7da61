// Scheduled work of the server (nightly backup, event-log retention) runs on one instance only when
// several share one database: before a run, an instance claims the task, which succeeds when no instance
// has run it within `minIntervalSeconds` (migration 025, scheduled_task_runs). Concurrent claims queue
// on the task's row, so exactly one of them wins.
import type { Queryable } from '../db/db.ts';

/** True when this instance may run `task` now (and it is recorded as run now by `instance`). */
export async function claimScheduledRun(db: Queryable, task: string, minIntervalSeconds: number, instance: string): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO scheduled_task_runs (task, last_run_at, instance) VALUES ($1, now(), $3)
     ON CONFLICT (task) DO UPDATE SET last_run_at = now(), instance = $3
      WHERE scheduled_task_runs.last_run_at <= now() - make_interval(secs => $2)
     RETURNING task`,
    [task, minIntervalSeconds, instance],
  );
  return rows.length > 0;
}
