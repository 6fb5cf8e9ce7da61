// A batch's delrapporter built and rendered in worker threads (issue 15, item 6): two at a time beside
// the main thread, which only hands out municipality codes, writes the zip and keeps answering requests.
// Each worker gets the round's report data once (a structured clone, about 10 MB at national scale) and
// builds each report's model itself: a model built on the main thread lived until it was sent, was
// promoted to the old generation, and the main thread's heap grew by about 1 MiB a report until a full
// collection (national bench: 140 → 370 MiB over 290 reports).
//
// The worker is this very module loaded again in a worker thread: in the sources that is
// src/reports/render-pool.ts (run with tsx, as the tests do), in the compiled server it is the one bundle,
// dist/server/samverka.js, whose modules only define things when loaded. With the marker in workerData the
// module answers render requests instead. Should a worker not start, the caller renders in its own thread.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ReportFormat } from './render/index.ts';
import { renderDelrapport, type RenderedDelrapport, type RoundReportData } from './service.ts';

const MARKER = 'samverka-report-render-worker';

interface Setup {
  [MARKER]: true;
  data: RoundReportData;
  format: ReportFormat;
}
interface Request {
  id: number;
  code: string;
}
type Answer = { id: number; body: ArrayBuffer; name: string; current?: string } | { id: number; error: string };

export interface RenderPool {
  size: number;
  /** The delrapport of one municipality of the round, in the pool's format. */
  render(code: string): Promise<RenderedDelrapport>;
  close(): Promise<void>;
}

/**
 * A worker's heap: rendering allocates a lot of short-lived objects (ECharts, SVG parsing, PDF text), so
 * a larger young generation (16 MiB semi-spaces) spends less time in scavenges.
 *
 * No old-generation limit (maxOldGenerationSizeMb), on purpose. A worker's heap holds about 52 MiB
 * after a full collection at any point of a batch (no leak), but much of a report lives as long as its
 * render (all its pages are kept until the end: bufferPages, for "Sida x (n)"), so some 7–9 MB per report
 * is promoted and the old generation grows to 2–4 × the live size before V8 collects it: heapTotal about 240 MiB per worker after some 40
 * reports, then level (national bench, 290 reports: RSS about 900 MiB from report 30 on). A limit bounds
 * that (128 MiB: RSS 695 MiB, level from report 30), but V8 sizes its heap growing factor by the limit
 * (below 2 GiB: 1.3–2 instead of 4), so a worker collects its old generation about once per report
 * instead of once per ten: +40 % CPU per report at 128 MiB, +28 % even at 1536 MiB. Retiring a worker
 * after N reports instead costs a new worker's start and cold JIT (about 6 s of CPU with tsx) each time.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 48 };

/** How many workers a batch uses: two, or one fewer than the processors when there are fewer. */
export function defaultPoolSize(): number {
  return Math.max(0, Math.min(2, availableParallelism()));
}

/** Starts `size` workers rendering the delrapporter of `data`'s round as `format` (none when size < 1). */
export function startRenderPool(data: RoundReportData, format: ReportFormat, size = defaultPoolSize()): RenderPool | null {
  if (size < 1) return null;
  const url = new URL(import.meta.url);
  // The sources run with tsx: a worker of this .ts module registers tsx's loader before importing it.
  const options = { workerData: { [MARKER]: true, data, format } satisfies Setup, resourceLimits: WORKER_LIMITS };
  const start = () =>
    url.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}))`, { eval: true, ...options })
      : new Worker(url, options);
  const workers = Array.from({ length: size }, start);
  const pending = new Map<number, { resolve: (r: RenderedDelrapport) => void; reject: (e: Error) => void; worker: Worker }>();
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let seq = 0;
  let broken: Error | undefined;
  for (const w of workers) {
    w.on('message', (a: Answer) => {
      const p = pending.get(a.id);
      if (!p) return;
      pending.delete(a.id);
      load.set(w, load.get(w)! - 1);
      if ('error' in a) p.reject(new Error(a.error));
      else p.resolve({ body: Buffer.from(a.body), name: a.name, current: a.current });
    });
    const fail = (e: Error) => {
      broken ??= e;
      for (const [id, p] of pending)
        if (p.worker === w) {
          pending.delete(id);
          p.reject(e);
        }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`Rapportarbetaren avslutades (kod ${code})`)));
  }
  return {
    size,
    render(code) {
      if (broken) return Promise.reject(broken);
      // The least busy worker.
      const w = workers.reduce((best, x) => (load.get(x)! < load.get(best)! ? x : best));
      const id = ++seq;
      load.set(w, load.get(w)! + 1);
      return new Promise<RenderedDelrapport>((resolve, reject) => {
        pending.set(id, { resolve, reject, worker: w });
        w.postMessage({ id, code } satisfies Request);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

// In a worker thread started by startRenderPool: answer render requests.
if (!isMainThread && parentPort && (workerData as Partial<Setup> | null)?.[MARKER]) {
  const port = parentPort;
  const { data, format } = workerData as Setup;
  port.on('message', async (r: Request) => {
    try {
      const { body, name, current } = await renderDelrapport(data, r.code, format);
      const ab = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
      port.postMessage({ id: r.id, body: ab, name, current } satisfies Answer, [ab]);
    } catch (e) {
      port.postMessage({ id: r.id, error: (e as Error).message } satisfies Answer);
    }
  });
}
