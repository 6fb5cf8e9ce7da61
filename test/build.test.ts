// The build (scripts/build-lib.mjs): bin/samverka.mjs runs the compiled JavaScript in dist/server, never the
// TypeScript sources through tsx when that build is fresh; an out-of-date build is rebuilt silently before the
// command runs; and a build's stamp says it is out of date exactly when an input's content changed.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVER_BUNDLE, serverStale, staleReason, writeStamp } from '../scripts/build-lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const tmp = mkdtempSync(join(tmpdir(), 'samverka-build-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `node bin/samverka.mjs ...args` with a module hook that writes every module URL it resolves to a file. */
function samverkaLoading(...args: string[]): { status: number | null; stdout: string; stderr: string; loaded: string[] } {
  const dir = mkdtempSync(join(tmp, 'hooks-'));
  const log = join(dir, 'loaded.txt');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function resolve(specifier, context, next) {\n` +
      `  const r = await next(specifier, context);\n` +
      `  appendFileSync(${JSON.stringify(log)}, r.url + '\\n');\n` +
      `  return r;\n}\n`,
  );
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, join(ROOT, 'bin/samverka.mjs'), ...args], {
    cwd: tmp,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, loaded: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const fromSources = (urls: string[]) => urls.filter((u) => u.includes('/node_modules/tsx/') || /\.tsx?$/.test(u));

test('samverka --version runs the compiled dist/server/samverka.js, not the sources through tsx', () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'server'], { cwd: ROOT });
  assert.equal(serverStale(), null);
  const r = samverkaLoading('--version');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, `${VERSION}\n`);
  assert.ok(r.loaded.includes(pathToFileURL(SERVER_BUNDLE).href), `laddade inte ${SERVER_BUNDLE}`);
  assert.deepEqual(fromSources(r.loaded), []);
  assert.ok(!r.loaded.some((u) => u.includes('/node_modules/esbuild/')), 'byggde fast bygget var aktuellt');
});

test('an out-of-date build (its stamp gone) is rebuilt without a word before the command runs', () => {
  rmSync(join(ROOT, 'dist/.build/server.json'), { force: true });
  assert.equal(serverStale(), 'ingen byggstämpel');
  const r = samverkaLoading('--version');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, `${VERSION}\n`);
  assert.ok(r.loaded.some((u) => u.includes('/node_modules/esbuild/')), 'byggde inte');
  assert.deepEqual(fromSources(r.loaded), []);
  assert.equal(serverStale(), null);
});

test('a stamp: fresh while the inputs keep their content, out of date when one changes or goes', () => {
  const root = mkdtempSync(join(tmp, 'root-'));
  const output = join(root, 'dist/server/samverka.js');
  const a = join(root, 'src/a.ts');
  const b = join(root, 'src/b.ts');
  mkdirSync(dirname(a), { recursive: true });
  writeFileSync(a, 'export const a = 1;\n');
  writeFileSync(b, 'export const b = 2;\n');
  const minuteAgo = new Date(Date.now() - 60_000);
  utimesSync(a, minuteAgo, minuteAgo);
  utimesSync(b, minuteAgo, minuteAgo);

  assert.equal(staleReason('server', output, root), 'inte byggd än');
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, '');
  assert.equal(staleReason('server', output, root), 'ingen byggstämpel');

  writeStamp('server', ['src/a.ts', 'src/b.ts', 'src/gone.ts'], Date.now(), root);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(root, 'dist/.build/server.json'), 'utf8')).inputs), ['src/a.ts', 'src/b.ts']);
  assert.equal(staleReason('server', output, root), null);

  // Touched (a new mtime), same content: still fresh.
  utimesSync(a, new Date(), new Date());
  assert.equal(staleReason('server', output, root), null);
  // Same size, other content: out of date.
  writeFileSync(a, 'export const a = 3;\n');
  assert.equal(staleReason('server', output, root), 'src/a.ts har ändrats');

  utimesSync(a, minuteAgo, minuteAgo);
  writeStamp('server', ['src/a.ts', 'src/b.ts'], Date.now(), root);
  assert.equal(staleReason('server', output, root), null);
  rmSync(b);
  assert.equal(staleReason('server', output, root), 'src/b.ts har tagits bort');

  // A file written after the build started may not be what it read: the stamp never takes it as fresh.
  writeStamp('server', ['src/a.ts'], minuteAgo.getTime() - 1000, root);
  assert.equal(staleReason('server', output, root), 'src/a.ts har ändrats');

  assert.ok(existsSync(output));
});
