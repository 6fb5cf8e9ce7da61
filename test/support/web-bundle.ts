// The web app's chunks as Vite builds them, and which of them a page loads: shared by the bundle test
// (test/web-bundle.test.ts) and the national bench (bench/national/lighthouse.ts).
//
// buildWebChunks() runs the production build (src/web/vite.config.ts) into a directory of its own with a
// plugin that records, for every chunk, its static and dynamic imports and the source modules in it.
// pageChunks() is what a browser fetches for a page: the entry with its static imports, then the
// page's module (a dynamic import of routes.tsx) with its static imports.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BuiltChunk {
  /** File name under the output directory, e.g. assets/index-abc123.js. */
  file: string;
  isEntry: boolean;
  /** The module a dynamic import names (a page), relative to the repository: src/web/pages/auth.tsx. */
  facade?: string;
  imports: string[];
  dynamicImports: string[];
  /** Source modules in the chunk: src/… relative to the repository, node_modules/… for packages. */
  modules: string[];
}

export interface WebBuild {
  outDir: string;
  chunks: Map<string, BuiltChunk>;
}

const moduleName = (id: string) => {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '');
  const nm = clean.lastIndexOf('/node_modules/');
  return nm >= 0 ? clean.slice(nm + 1) : clean.startsWith(ROOT) ? relative(ROOT, clean) : clean;
};

/** Builds the web app into `outDir` (emptied first) and returns its chunks. */
export async function buildWebChunks(outDir: string): Promise<WebBuild> {
  const { build } = await import('vite');
  const chunks = new Map<string, BuiltChunk>();
  await build({
    configFile: join(ROOT, 'src/web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
    plugins: [
      {
        name: 'samverka-chunk-list',
        generateBundle(_options, bundle) {
          for (const out of Object.values(bundle)) {
            if (out.type !== 'chunk') continue;
            chunks.set(out.fileName, {
              file: out.fileName,
              isEntry: out.isEntry,
              facade: out.facadeModuleId ? moduleName(out.facadeModuleId) : undefined,
              imports: [...out.imports],
              dynamicImports: [...out.dynamicImports],
              modules: Object.keys(out.modules).map(moduleName),
            });
          }
        },
      },
    ],
  });
  return { outDir, chunks };
}

/** The chunks `file` needs before it runs: itself and its static imports, transitively. */
function closure(chunks: Map<string, BuiltChunk>, file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  const c = chunks.get(file);
  if (!c) throw new Error(`Ingen chunk ${file}`);
  into.add(file);
  for (const i of c.imports) closure(chunks, i, into);
  return into;
}

/** The entry's chunks (every page loads them). */
export function entryChunks(b: WebBuild): string[] {
  const entry = [...b.chunks.values()].find((c) => c.isEntry);
  if (!entry) throw new Error('Ingen entry-chunk i bygget');
  return [...closure(b.chunks, entry.file)];
}

/** The chunks a page loads: the entry's, then its own module's (`page` as src/web/pages/….tsx) with their static imports. */
export function pageChunks(b: WebBuild, page: string): string[] {
  const own = [...b.chunks.values()].find((c) => c.facade === page && !c.isEntry);
  if (!own) throw new Error(`${page} är ingen egen chunk (laddas inte med import() i routes.tsx)`);
  return [...closure(b.chunks, own.file, new Set(entryChunks(b)))];
}

/** The source modules in `files`. */
export const modulesOf = (b: WebBuild, files: Iterable<string>): string[] => [...files].flatMap((f) => b.chunks.get(f)?.modules ?? []);

/** Bytes of `files` as built and gzipped (level 9, roughly what a compressing server sends). */
export function bytesOf(b: WebBuild, files: Iterable<string>): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const data = readFileSync(join(b.outDir, f));
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { raw, gzip };
}

/**
 * Chart code: ECharts and its renderer, the chart components and the chart options (src/domain/charts),
 * but not the zod schema of a chart specification (spec-schema.ts), which is part of API contracts.
 */
export const isChartModule = (m: string) =>
  /^node_modules\/(echarts|zrender)\//.test(m) ||
  m === 'src/web/components/charts.tsx' ||
  m === 'src/web/components/echarts-canvas.ts' ||
  (m.startsWith('src/domain/charts/') && m !== 'src/domain/charts/spec-schema.ts');
