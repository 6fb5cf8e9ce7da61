// The server's own nightly backup (SAMVERKA_BACKUP_DIR): when the next one runs, what its file is
// called, and which old files go. Pure: the clock and the directory listing are inputs.

/** "HH:MM" in 24-hour time, e.g. "02:00". */
export const BACKUP_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** File names the schedule writes: samverka-2026-12-01T0200.samverka.gz (local time, sorts by age). */
export const SCHEDULED_FILE = /^samverka-\d{4}-\d{2}-\d{2}T\d{4}\.samverka\.gz$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The next moment at `at` (local time) strictly after `now`. */
export function nextBackupAt(now: Date, at: string): Date {
  const m = BACKUP_TIME.exec(at);
  if (!m) throw new Error(`Ogiltig tid för säkerhetskopiering: "${at}" (ange TT:MM, t.ex. 02:00)`);
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate(), Number(m[1]), Number(m[2]), 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next;
}

export function scheduledFileName(at: Date): string {
  return `samverka-${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}${pad(at.getMinutes())}.samverka.gz`;
}

/** The schedule's own files beyond the newest `keep`, oldest first; other files are never touched. */
export function filesToPrune(names: string[], keep: number): string[] {
  const own = names.filter((n) => SCHEDULED_FILE.test(n)).sort();
  return own.slice(0, Math.max(0, own.length - Math.max(1, keep)));
}
