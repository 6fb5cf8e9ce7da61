// Report files rendered in worker threads (issue 15, item 6): a batch of delrapporter renders two at a
// time beside the main thread, which builds the models, writes the zip and keeps answering requests.
//
// The worker is this very module loaded again in a worker thread: in the sources that is
// src/reports/render-pool.ts (run with tsx, as the tests do), in the compiled server it is the one bundle,
// dist/server/samverka.js, whose modules only define things when loaded. With the marker in workerData the
// module answers render requests instead. Should a worker not start, the caller renders in its own thread.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ReportModel } from '../domain/reports/model.ts';
import { renderReport, type ReportFormat } from './render/index.ts';

const MARKER = 'samverka-report-render-worker';

interface Request {
  id: number;
  model: ReportModel;
  format: ReportFormat;
}
type Answer = { id: number; body: ArrayBuffer } | { id: number; error: string };

export interface RenderPool {
  size: number;
  render(model: ReportModel, format: ReportFormat): Promise<Buffer>;
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

function withoutData(model: ReportModel): ReportModel {
  const { data: _data, ...rest } = model;
  return rest;
}

/** How many workers a batch uses: two, or one fewer than the processors when there are fewer. */
export function defaultPoolSize(): number {
  return Math.max(0, Math.min(2, availableParallelism()));
}

/** Starts `size` render workers (none when size < 1). */
export function startRenderPool(size = defaultPoolSize()): RenderPool | null {
  if (size < 1) return null;
  const url = new URL(import.meta.url);
  // The sources run with tsx: a worker of this .ts module registers tsx's loader before importing it.
  const options = { workerData: { [MARKER]: true }, resourceLimits: WORKER_LIMITS };
  const start = () =>
    url.pathname.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}))`, { eval: true, ...options })
      : new Worker(url, options);
  const workers = Array.from({ length: size }, start);
  const pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void; worker: Worker }>();
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
      else p.resolve(Buffer.from(a.body));
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
    render(model, format) {
      if (broken) return Promise.reject(broken);
      // The least busy worker.
      const w = workers.reduce((best, x) => (load.get(x)! < load.get(best)! ? x : best));
      const id = ++seq;
      load.set(w, load.get(w)! + 1);
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject, worker: w });
        // The flat data (model.data) is only the XLSX's: not copied to the worker for PDF or DOCX.
        const sent = format === 'xlsx' || !model.data ? model : withoutData(model);
        w.postMessage({ id, model: sent, format } satisfies Request);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

// In a worker thread started by startRenderPool: answer render requests.
if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[MARKER]) {
  const port = parentPort;
  port.on('message', async (r: Request) => {
    try {
      const body = await renderReport(r.model, r.format);
      const ab = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
      port.postMessage({ id: r.id, body: ab } satisfies Answer, [ab]);
    } catch (e) {
      port.postMessage({ id: r.id, error: (e as Error).message } satisfies Answer);
    }
  });
}
