#!/usr/bin/env node
// Entry point of `npx samverka` and `npm start`: runs the compiled JavaScript, dist/server/samverka.js
// (scripts/build-lib.mjs). A stat of each source file (a few ms) tells whether it is older than src/;
// then it is built first, silently and in about a second (a fresh checkout, an edited source), so
// the command always runs the code in src/. Only if that build cannot run (no esbuild, a read-only
// checkout) does it run the TypeScript sources through tsx, with a one-line notice: slower, same result.
import { buildServer, SERVER_BUNDLE, serverStale } from '../scripts/build-lib.mjs';
import { pathToFileURL } from 'node:url';

let cli;
try {
  if (serverStale()) await buildServer();
  cli = pathToFileURL(SERVER_BUNDLE).href;
} catch (e) {
  const why = String(e?.message ?? e).split('\n')[0];
  process.stderr.write(`samverka: kunde inte bygga dist/server (${why}); kör TypeScript-källorna med tsx i stället.\n`);
  const { register } = await import('tsx/esm/api');
  register();
  cli = new URL('../src/cli/index.ts', import.meta.url).href;
}
const { runCli } = await import(cli);
await runCli(process.argv);
