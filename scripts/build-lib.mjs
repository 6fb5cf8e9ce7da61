// The two builds and when they are needed, shared by bin/samverka.mjs, scripts/build.mjs and
// scripts/run-tests.mjs:
// - server: src/cli/index.ts and everything it imports (the server, the CLI; not src/web) bundled by esbuild
//   into one ES module, dist/server/samverka.js, with the npm packages left as imports. esbuild is the
//   compiler tsx runs the sources with in the tests, so the bundle is the code the tests ran; a build takes
//   about a second.
// - web: the React app built by vite into dist/web (src/web/vite.config.ts).
// Each build writes a stamp, dist/.build/<name>.json: every input file with its mtime, size and SHA-1. A
// build is fresh while every input has the mtime and size it had (a stat per file, a few ms for all of them)
// or, where those moved, the same content (so a checkout or a `touch` that changes nothing rebuilds
// nothing). A new file counts once something imports it, since the importing file then changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP_DIR = join(ROOT, 'dist', '.build');
/** The compiled server and CLI: what bin/samverka.mjs imports. */
export const SERVER_BUNDLE = join(ROOT, 'dist', 'server', 'samverka.js');
const SERVER_ENTRY = 'src/cli/index.ts';
const WEB_CONFIG = 'src/web/vite.config.ts';
const WEB_INDEX = join(ROOT, 'dist', 'web', 'index.html');
/** Inputs of every build besides the files the bundler reports: this file (how to build) and the compiler options. */
const ALWAYS = ['scripts/build-lib.mjs', 'tsconfig.json'];

const posix = (p) => p.split(sep).join('/');
const sha1 = (file) => createHash('sha1').update(readFileSync(file)).digest('hex');

/** [mtimeMs, size, sha1] of an input (relative to `root`), or null when it does not exist. */
function inputState(root, rel, startedAt) {
  const file = join(root, rel);
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) return null;
  // A file written while the build ran may not be what the build read: its recorded state never matches.
  // (A file dated in the future, from a clock that was ahead, is recorded as it is.)
  if (st.mtimeMs >= startedAt && st.mtimeMs <= Date.now()) return [0, -1, ''];
  return [st.mtimeMs, st.size, sha1(file)];
}

/**
 * Writes the stamp of the build `name` that started at `startedAt` (ms) and read `inputs` (paths relative to
 * `root`, with '/'); `root` is for the tests of this module.
 */
export function writeStamp(name, inputs, startedAt, root = ROOT) {
  const state = {};
  for (const rel of [...new Set(inputs)].sort()) {
    const s = inputState(root, rel, startedAt);
    if (s) state[rel] = s;
  }
  const dir = join(root, 'dist', '.build');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ builtAt: new Date().toISOString(), inputs: state }));
  renameSync(tmp, file);
}

/**
 * Why the build `name` (whose output is the file `output`) is out of date, in Swedish ('src/x.ts har ändrats'),
 * or null when it is fresh.
 * `root` is for the tests of this function.
 */
export function staleReason(name, output, root = ROOT) {
  if (!existsSync(output)) return 'inte byggd än';
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, 'dist', '.build', `${name}.json`), 'utf8'));
  } catch {
    return 'ingen byggstämpel';
  }
  for (const [rel, [mtimeMs, size, hash]] of Object.entries(stamp.inputs ?? {})) {
    const file = join(root, rel);
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st) return `${rel} har tagits bort`;
    if (st.mtimeMs === mtimeMs && st.size === size) continue;
    if (st.size === size && sha1(file) === hash) continue;
    return `${rel} har ändrats`;
  }
  return null;
}

export const serverStale = () => staleReason('server', SERVER_BUNDLE);
export const webStale = () => staleReason('web', WEB_INDEX);

/** Builds dist/server/samverka.js. Safe to run in several processes at once: each writes its own file and renames it. */
export async function buildServer() {
  const { build } = await import('esbuild');
  const startedAt = Date.now();
  mkdirSync(join(ROOT, 'dist', 'server'), { recursive: true });
  const tmp = SERVER_BUNDLE.replace(/\.js$/, `.${process.pid}.tmp.js`);
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [SERVER_ENTRY],
      outfile: tmp,
      bundle: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      keepNames: true,
      metafile: true,
      logLevel: 'warning',
      banner: { js: '// Built by scripts/build-lib.mjs from src/ (npm run build); do not edit.' },
    });
    renameSync(tmp, SERVER_BUNDLE);
    writeStamp('server', [...ALWAYS, ...Object.keys(result.metafile.inputs)], startedAt);
  } finally {
    rmSync(tmp, { force: true });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Runs `fn` holding dist/.build/<name>.lock; a lock whose process has ended is taken over. */
async function withLock(name, fn) {
  mkdirSync(STAMP_DIR, { recursive: true });
  const lock = join(STAMP_DIR, `${name}.lock`);
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let pid = 0;
      try {
        pid = Number(readFileSync(lock, 'utf8'));
      } catch {
        continue; // released meanwhile
      }
      if (pid > 0 && !alive(pid)) rmSync(lock, { force: true });
      else await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Builds dist/web with vite, one build at a time (vite empties dist/web first); skipped if another process just built it. */
export async function buildWeb({ force = false } = {}) {
  await withLock('web', async () => {
    if (!force && !webStale()) return;
    const { build } = await import('vite');
    const startedAt = Date.now();
    const ids = new Set();
    await build({
      configFile: join(ROOT, WEB_CONFIG),
      logLevel: 'warn',
      plugins: [
        {
          name: 'samverka-build-inputs',
          generateBundle(_options, bundle) {
            for (const id of this.getModuleIds()) ids.add(id);
            for (const chunk of Object.values(bundle)) for (const id of chunk.moduleIds ?? []) ids.add(id);
          },
        },
      ],
    });
    const inputs = [...ids]
      .map((id) => id.replace(/[?#].*$/, ''))
      .filter((id) => isAbsolute(id) && !id.includes(`${sep}node_modules${sep}`))
      .map((id) => posix(relative(ROOT, id)))
      .filter((rel) => !rel.startsWith('..'));
    writeStamp('web', [...ALWAYS, ...inputs, WEB_CONFIG, 'src/web/index.html', 'package-lock.json'], startedAt);
  });
}

/** Builds what is out of date (or everything with `force`); `log` gets one line per build it runs. */
export async function ensureBuilt({ server = true, web = true, force = false, log = () => {} } = {}) {
  const s = server && (force ? 'hela bygget begärt' : serverStale());
  if (s) {
    log(`Bygger servern (dist/server): ${s}`);
    await buildServer();
  }
  const w = web && (force ? 'hela bygget begärt' : webStale());
  if (w) {
    log(`Bygger webbappen (dist/web): ${w}`);
    await buildWeb({ force });
  }
}
