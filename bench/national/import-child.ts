// Child process of the import bench (bench/national/import.ts): imports one file into one round and
// prints {ms, written, alreadyImported, errors, peakRssMiB} as JSON, so that the peak RSS is the
// importing process's own. Arguments: a JSON object {url?, dataDir?, roundId, file}.
import { openDb } from '../../src/db/db.ts';
import { importResponses } from '../../src/import/responses.ts';
import { peakRssMiB } from '../util.ts';

const args = JSON.parse(process.argv[2]) as { url?: string; dataDir?: string; roundId: number; file: string };
const db = await openDb(args.url ? { url: args.url } : { dataDir: args.dataDir });
try {
  const t = performance.now();
  const r = await importResponses(db, args.roundId, { path: args.file, filename: args.file });
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, rows: r.rows, written: r.written, alreadyImported: r.alreadyImported, errors: r.errors.slice(0, 5), peakRssMiB: peakRssMiB() }));
} finally {
  await db.close();
}
