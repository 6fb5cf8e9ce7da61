// One process per embedded data directory: PGlite has no lock of its own, and two processes writing
// the same directory would corrupt it. The lock is a file holding the owner's pid; a lock left by a
// process that no longer runs (kill -9, power cut) is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DbStartError } from './availability.ts';

export const LOCK_FILE = 'samverka.lock';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock or throws DbStartError naming the process that holds it; returns the release. */
export function acquireDataDirLock(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  mkdirSync(dir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(owner) && owner !== process.pid && running(owner))
      throw new DbStartError(
        `Datakatalogen ${dir} används redan av en annan samverka-process (pid ${owner}). ` +
          'Den inbäddade databasen kan bara öppnas av en process åt gången: stoppa den andra processen, ' +
          `eller ta bort ${file} om processen inte är samverka.`,
      );
    rmSync(file, { force: true }); // stale: its process is gone
  }
  throw new DbStartError(`Kunde inte låsa datakatalogen ${dir}: försök igen.`);
}
