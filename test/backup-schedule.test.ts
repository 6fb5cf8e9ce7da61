// The server's nightly backup: when it runs, what its files are called, which old ones go
// (src/domain/backup-schedule.ts), and one run against the demo database that can be restored.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { configFromEnv } from '../src/config.ts';
import { openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadDemo } from '../src/demo/index.ts';
import { filesToPrune, nextBackupAt, scheduledFileName } from '../src/domain/backup-schedule.ts';
import { restoreBackup } from '../src/ops/backup.ts';
import { runScheduledBackup } from '../src/ops/scheduled-backup.ts';
import { backends } from './support/db.ts';

describe('nattlig säkerhetskopia: schemat', () => {
  it('nästa körning: i dag om tiden inte passerat, annars i morgon', () => {
    assert.deepEqual(nextBackupAt(new Date(2026, 11, 1, 1, 59), '02:00'), new Date(2026, 11, 1, 2, 0));
    assert.deepEqual(nextBackupAt(new Date(2026, 11, 1, 2, 0), '02:00'), new Date(2026, 11, 2, 2, 0));
    assert.deepEqual(nextBackupAt(new Date(2026, 11, 31, 23, 30), '00:15'), new Date(2027, 0, 1, 0, 15));
    assert.throws(() => nextBackupAt(new Date(), '25:00'), /Ogiltig tid för säkerhetskopiering: "25:00"/);
  });

  it('nästa körning ligger alltid inom ett dygn framåt', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(2020, 0, 1), max: new Date(2040, 0, 1), noInvalidDate: true }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (now, h, m) => {
        const at = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        const next = nextBackupAt(now, at);
        const ms = next.getTime() - now.getTime();
        // A day is 23–25 hours across a daylight-saving change.
        return ms > 0 && ms <= 25 * 3600_000 && next.getHours() === h && next.getMinutes() === m;
      }),
    );
  });

  it('filnamn sorteras efter tid; bara schemats egna filer tas bort, de äldsta först', () => {
    assert.equal(scheduledFileName(new Date(2026, 11, 1, 2, 0)), 'samverka-2026-12-01T0200.samverka.gz');
    const names = ['samverka-2026-11-29T0200.samverka.gz', 'anteckning.txt', 'samverka-2026-12-01T0200.samverka.gz', 'samverka-2026-11-30T0200.samverka.gz', 'manuell.samverka.gz'];
    assert.deepEqual(filesToPrune(names, 2), ['samverka-2026-11-29T0200.samverka.gz']);
    assert.deepEqual(filesToPrune(names, 35), []);
    assert.deepEqual(filesToPrune(names, 0), ['samverka-2026-11-29T0200.samverka.gz', 'samverka-2026-11-30T0200.samverka.gz'], 'minst en behålls');
  });

  it('inställningarna: av utan katalog; 02:00 och 35 som standard', () => {
    assert.equal(configFromEnv({}).backup, undefined);
    assert.deepEqual(configFromEnv({ SAMVERKA_BACKUP_DIR: '/backup' }).backup, { dir: '/backup', at: '02:00', keep: 35 });
    assert.deepEqual(configFromEnv({ SAMVERKA_BACKUP_DIR: '/b', SAMVERKA_BACKUP_AT: '03:30', SAMVERKA_BACKUP_KEEP: '7' }).backup, { dir: '/b', at: '03:30', keep: 7 });
  });
});

for (const backend of backends) {
  describe(`nattlig säkerhetskopia av den körande databasen (${backend.name})`, () => {
    it('skriver en kopia som går att återställa och rensar bort den äldsta utöver antalet', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'samverka-nightly-'));
      const db = await backend.open();
      try {
        await loadDemo(db);
        writeFileSync(join(dir, 'samverka-2026-11-29T0200.samverka.gz'), 'gammal');
        writeFileSync(join(dir, 'samverka-2026-11-30T0200.samverka.gz'), 'gammal');
        writeFileSync(join(dir, 'egen-kopia.gz'), 'rörs inte');
        const { summary, pruned } = await runScheduledBackup(db, { dir, keep: 2 }, new Date(2026, 11, 1, 2, 0));
        assert.equal(summary.file, join(dir, 'samverka-2026-12-01T0200.samverka.gz'));
        assert.deepEqual(pruned, ['samverka-2026-11-29T0200.samverka.gz']);
        assert.deepEqual(readdirSync(dir).sort(), ['egen-kopia.gz', 'samverka-2026-11-30T0200.samverka.gz', 'samverka-2026-12-01T0200.samverka.gz']);

        const target = await openDb({});
        try {
          await migrate(target);
          await restoreBackup(target, summary.file);
          const count = async (d: typeof db) => (await d.query<{ n: number }>('SELECT count(*)::int AS n FROM respondents')).rows[0].n;
          const n = await count(db);
          assert.ok(n > 0, 'demon har respondenter');
          assert.equal(await count(target), n, 'kopian återställs med alla respondenter');
        } finally {
          await target.close();
        }
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
