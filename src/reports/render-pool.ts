// A batch's delrapporter built and rendered in worker threads (issue 15, item 6): two at a time beside
// the main thread, which only hands out municipality codes, writes the zip and keeps answering requests.
// Each worker gets the round's report data once, serialized once into memory they share (v8.serialize;
// about 10 MB at national scale), and builds each report's model itself: a model built on the main thread lived
// until it was sent, was promoted to the old generation, and the main thread's heap grew by about 1 MiB a
// report until a full collection (national bench: 140 → 370 MiB over 290 reports).
//
// The worker is this very module loaded again in a worker thread: in the sources that is
// src/reports/render-pool.ts (run with tsx, as the tests do), in the compiled server it is the one bundle,
// dist/server/samverka.js, whose modules only define things when loaded. With the marker in workerData the
// module answers render requests instead. A worker that does not start or stops (out of memory, say)
// hands its reports to the caller's thread, which renders them itself; the batch goes on.
import { availableParallelism } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { isMainThread, parentPort, Worker, workerData, type ResourceLimits } from 'node:worker_threads';
import type { ReportFormat } from './render/index.ts';
import { renderDelrapport, type RenderedDelrapport, type RoundReportData } from './service.ts';

const MARKER = 'samverka-report-render-worker';

interface Setup {
  [MARKER]: true;
  /** The round's report data, v8.serialize'd, in a SharedArrayBuffer. */
  data: Uint8Array;
  format: ReportFormat;
}
interface Request {
  id: number;
  code: string;
}
type Answer = { id: number; body: ArrayBuffer; name: string; current?: string } | { id: number; error: string };

export interface RenderPool {
  size: number;
  /** The workers still running (a lost worker's reports are rendered in the caller's thread). */
  readonly running: number;
  /** The delrapport of one municipality of the round, in the pool's format. */
  render(code: string): Promise<RenderedDelrapport>;
  close(): Promise<void>;
}

/**
 * A worker's heap, sized by the round's data (`bytes`: its serialized size).
 *
 * Rendering allocates a lot of short-lived objects (ECharts, SVG parsing, PDF text), and much of a report
 * lives as long as its render (its pages are kept until the end, for "Sida x (n)"). With V8's default
 * young generation (16 MiB semi-spaces) those survive two scavenges and are promoted, 7–9 MB a report; 48
 * MiB semi-spaces let most of them die young.
 *
 * The old generation is limited: without a limit V8 lets it grow to 2–4 × the live size before a full
 * collection, and a worker's heap kept growing for some 100 reports (national bench: RSS 940 → 1130 MiB,
 * 0.25 MiB a report from report 30). The live heap is about 45 MiB of code and fonts, 5.5 × the serialized
 * data (55 MiB at national scale) and a report's working set; the limit leaves 2–3 × that: 384 MiB + 16 ×
 * the data's MiB (544 MiB at national scale: RSS level or falling from report 30, and no slower than
 * without a limit). A limit V8 cannot keep within stops the worker (ERR_WORKER_OUT_OF_MEMORY); its reports
 * are then rendered in the caller's thread.
 */
function workerLimits(bytes: number): ResourceLimits {
  return { maxYoungGenerationSizeMb: 144, maxOldGenerationSizeMb: Math.round(384 + (16 * bytes) / 2 ** 20) };
}

/** How many workers a batch uses: two, or one fewer than the processors when there are fewer. */
export function defaultPoolSize(): number {
  return Math.max(0, Math.min(2, availableParallelism()));
}

/**
 * Starts `size` workers rendering the delrapporter of `data`'s round as `format` (none when size < 1).
 * `limits`: the workers' heaps (default workerLimits of the data's size).
 */
export function startRenderPool(data: RoundReportData, format: ReportFormat, size = defaultPoolSize(), limits?: ResourceLimits): RenderPool | null {
  if (size < 1) return null;
  // Serialized once, in memory the workers share (no copy per worker).
  const bytes = serialize(data);
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  const url = new URL(import.meta.url);
  // The sources run with tsx: a worker of this .ts module registers tsx's loader before importing it.
  const options = { workerData: { [MARKER]: true, data: shared, format } satisfies Setup, resourceLimits: limits ?? workerLimits(bytes.length) };
  const start = () =>
    url.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}))`, { eval: true, ...options })
      : new Worker(url, options);
  const here = (code: string) => renderDelrapport(data, code, format);
  /** The workers still running, each with its number of requests in flight. */
  const load = new Map<Worker, number>();
  const pending = new Map<number, { code: string; worker: Worker; resolve: (r: RenderedDelrapport) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let closing = false;
  for (let i = 0; i < size; i++) {
    const w = start();
    load.set(w, 0);
    w.on('message', (a: Answer) => {
      const p = pending.get(a.id);
      if (!p) return;
      pending.delete(a.id);
      load.set(w, load.get(w)! - 1);
      if ('error' in a) p.reject(new Error(a.error));
      else p.resolve({ body: Buffer.from(a.body), name: a.name, current: a.current });
    });
    // A worker lost (it did not start, ran out of memory or stopped): its reports are rendered here.
    const lost = (e?: Error) => {
      if (!load.delete(w)) return;
      for (const [id, p] of pending)
        if (p.worker === w) {
          pending.delete(id);
          if (closing) p.reject(e ?? new Error('Rapportarbetaren avslutades'));
          else here(p.code).then(p.resolve, p.reject);
        }
    };
    w.on('error', lost);
    w.on('exit', () => lost());
  }
  return {
    size,
    get running() {
      return load.size;
    },
    render(code) {
      if (!load.size) return here(code);
      // The least busy worker.
      const [w] = [...load].reduce((best, x) => (x[1] < best[1] ? x : best));
      const id = ++seq;
      load.set(w, load.get(w)! + 1);
      return new Promise<RenderedDelrapport>((resolve, reject) => {
        pending.set(id, { code, worker: w, resolve, reject });
        w.postMessage({ id, code } satisfies Request);
      });
    },
    async close() {
      closing = true;
      await Promise.all([...load.keys()].map((w) => w.terminate()));
    },
  };
}

// In a worker thread started by startRenderPool: answer render requests.
if (!isMainThread && parentPort && (workerData as Partial<Setup> | null)?.[MARKER]) {
  const port = parentPort;
  const setup = workerData as Setup;
  const data = deserialize(setup.data) as RoundReportData;
  port.on('message', async (r: Request) => {
    try {
      const { body, name, current } = await renderDelrapport(data, r.code, setup.format);
      const ab = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
      port.postMessage({ id: r.id, body: ab, name, current } satisfies Answer, [ab]);
    } catch (e) {
      port.postMessage({ id: r.id, error: (e as Error).message } satisfies Answer);
    }
  });
}
