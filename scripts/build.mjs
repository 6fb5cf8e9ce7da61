#!/usr/bin/env node
// `npm run build` (everything), `npm start` and `npm test` (what is out of date): builds the server and CLI
// into dist/server and the web app into dist/web (scripts/build-lib.mjs). Prints one line per build it runs
// and nothing when both are up to date.
//   node scripts/build.mjs [server] [web] [--force]
import { ensureBuilt } from './build-lib.mjs';

const args = process.argv.slice(2);
const unknown = args.filter((a) => !['server', 'web', '--force'].includes(a));
if (unknown.length) {
  console.error(`Okänt argument: ${unknown.join(' ')} (användning: node scripts/build.mjs [server] [web] [--force])`);
  process.exit(2);
}
const only = args.filter((a) => a !== '--force');
await ensureBuilt({
  server: only.length === 0 || only.includes('server'),
  web: only.length === 0 || only.includes('web'),
  force: args.includes('--force'),
  log: (line) => console.log(line),
});
