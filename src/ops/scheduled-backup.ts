// The server's nightly backup into SAMVERKA_BACKUP_DIR (README "Säkerhetskopiering"): the same dump as
// `npx samverka backup`, taken by the running server, so the embedded database, which only one process
// may open, gets its nightly copy without stopping the server. Keeps the newest SAMVERKA_BACKUP_KEEP.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/db.ts';
import { filesToPrune, nextBackupAt, scheduledFileName } from '../domain/backup-schedule.ts';
import { INSTANCE } from '../instance.ts';
import { claimScheduledRun } from '../store/scheduled-tasks.ts';
import { writeBackup, type BackupSummary } from './backup.ts';

/** Several instances on one database: the night's backup is taken by the first that claims it. */
const BACKUP_CLAIM_SECONDS = 12 * 3600;

export interface BackupSchedule {
  dir: string;
  /** "HH:MM", local time. */
  at: string;
  keep: number;
}

/** Writes one backup into the directory and removes the schedule's files beyond `keep`. */
export async function runScheduledBackup(db: Db, s: Pick<BackupSchedule, 'dir' | 'keep'>, now = new Date()): Promise<{ summary: BackupSummary; pruned: string[] }> {
  await mkdir(s.dir, { recursive: true });
  const summary = await writeBackup(db, join(s.dir, scheduledFileName(now)));
  const pruned = filesToPrune(await readdir(s.dir), s.keep);
  for (const name of pruned) await rm(join(s.dir, name), { force: true });
  return { summary, pruned };
}

/** Starts the timer; the returned stop() cancels it and waits for a backup in progress. */
export function startBackupSchedule(db: Db, s: BackupSchedule, log: (level: 'info' | 'error', msg: string) => void): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const plan = () => {
    if (stopped) return;
    const next = nextBackupAt(new Date(), s.at);
    timer = setTimeout(() => {
      running = claimScheduledRun(db, 'backup', BACKUP_CLAIM_SECONDS, INSTANCE)
        .then(async (mine) => {
          if (!mine) return log('info', 'Säkerhetskopian tas av en annan instans i natt');
          const { summary, pruned } = await runScheduledBackup(db, s);
          log('info', `Säkerhetskopia skriven: ${summary.file} (${summary.bytes} byte)${pruned.length ? `; ${pruned.length} äldre borttagna` : ''}`);
        })
        .catch((e: Error) => log('error', `Säkerhetskopieringen misslyckades: ${e.message}`))
        .finally(plan);
    }, next.getTime() - Date.now());
    timer.unref();
  };
  plan();
  log('info', `Nattlig säkerhetskopia kl. ${s.at} till ${s.dir} (de ${s.keep} senaste sparas)`);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
