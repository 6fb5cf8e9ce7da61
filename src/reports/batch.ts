// All delrapporter of a round in one zip, with progress (web: a job polled for {done, total}; CLI: a
// callback).
//
// The CLI writes the zip to "<name>.part" and renames it only when it is complete, so an interrupted or
// failed batch never yields a half-written file.
//
// Web jobs live in the database (migration 025), so that several samverka instances on one PostgreSQL
// can serve them: the instance that accepted the job renders it and stores the zip in chunks of about
// 1 MiB (report_job_chunks) while it is written; any instance reports the progress and streams the
// finished zip. The working instance touches heartbeat_at every few seconds; a running job whose
// heartbeat has stopped for `staleSeconds` (its instance died) is marked failed by whichever instance
// looks at it next, and its chunks are removed. Finished jobs and their files are deleted after JOB_TTL_MS.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { ZipArchive } from 'archiver';
import type { Queryable } from '../db/db.ts';
import { INSTANCE } from '../instance.ts';
import type { ReportFormat } from './render/index.ts';
import { startRenderPool } from './render-pool.ts';
import { loadRoundReportData, renderDelrapport, type RenderedDelrapport, type RoundReportData } from './service.ts';

/** Finished jobs (and their files) are kept this long. */
export const JOB_TTL_MS = 60 * 60 * 1000;
/** How often the working instance says it is alive. */
export const HEARTBEAT_MS = 5000;
/** A running job without a heartbeat for this long has lost its instance (SAMVERKA_REPORT_JOB_STALE_S). */
export const DEFAULT_STALE_SECONDS = 60;
/** The zip is stored in pieces of about this size. */
export const CHUNK_BYTES = 1024 * 1024;


export const STALE_JOB_ERROR = 'Servern som skapade rapporterna slutade svara. Starta jobbet igen.';
export const STOPPED_JOB_ERROR = 'Servern stoppades innan rapporterna blev klara. Starta jobbet igen.';

export interface BatchProgress {
  done: number;
  total: number;
  /** The municipality just finished (name), for progress lines. */
  current?: string;
}

interface ZipOptions {
  format: ReportFormat;
  codes?: string[];
  onProgress?: (p: BatchProgress) => void;
  signal?: AbortSignal;
  data?: RoundReportData;
  /** Render workers (render-pool.ts); default two, 0 = render in this thread. */
  workers?: number;
}

/** Batches of at least this many reports render in worker threads (smaller ones are quicker without). */
export const POOL_FROM = 8;

/**
 * Renders the delrapporter of `codes` (default: every municipality of the round) as one zip into `out`
 * (ended when the zip is complete). The round's data is loaded once; each report's model is built
 * and rendered in a worker thread (render-pool.ts; `workers`: how many, default two, 0 = here), a
 * few reports ahead of the zip; a report goes into the zip once it is rendered, in order, and the next
 * waits until the zip has taken it, so memory does not grow with the number of reports.
 */
export async function streamDelrapportZip(
  db: Queryable,
  roundId: number,
  out: NodeJS.WritableStream,
  opts: ZipOptions,
): Promise<{ files: string[]; bytes: number }> {
  const data = opts.data ?? (await loadRoundReportData(db, roundId));
  const codes = opts.codes ?? data.round.municipalities;
  const pool = codes.length >= POOL_FROM ? startRenderPool(data, opts.format, opts.workers) : null;
  const render = (code: string) => (pool ? pool.render(code) : renderDelrapport(data, code, opts.format));
  const archive = new ZipArchive({ zlib: { level: opts.format === 'pdf' ? 1 : 6 } });
  let failure: Error | undefined;
  // The waits below end early when the zip or the output fails. (Not Promise.race with one promise that
  // stays pending: every race would leave a reaction on it that holds the race's result — each report's
  // PDF — until the batch ends.)
  const waiting = new Set<(e: Error) => void>();
  const fail = (e: Error) => {
    failure ??= e;
    for (const reject of waiting) reject(failure);
    waiting.clear();
  };
  archive.on('error', fail);
  out.on('error', fail);
  const guard = <T>(p: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      if (failure) return reject(failure);
      waiting.add(reject);
      p.then(resolve, reject).finally(() => waiting.delete(reject));
    });
  const closed = new Promise<void>((resolve) => out.on('finish', resolve));
  archive.pipe(out);
  const files: string[] = [];
  // Reports being rendered, in order: one more than the workers, so none waits for the zip.
  const ahead: Array<Promise<RenderedDelrapport>> = [];
  const depth = pool ? pool.size + 1 : 1;
  let next = 0;
  const fill = () => {
    while (next < codes.length && ahead.length < depth && !opts.signal?.aborted) {
      const p = render(codes[next++]);
      p.catch(() => undefined);
      ahead.push(p);
    }
  };
  try {
    opts.onProgress?.({ done: 0, total: codes.length });
    for (let i = 0; i < codes.length; i++) {
      if (opts.signal?.aborted) throw new Error('Avbruten');
      if (failure) throw failure;
      fill();
      const r = await guard(ahead.shift()!);
      fill();
      const taken = new Promise<void>((resolve) => archive.once('entry', () => resolve()));
      // A PDF is compressed inside already: stored as it is, the main thread does not deflate it again.
      archive.append(r.body, { name: r.name, store: opts.format === 'pdf' });
      await guard(taken);
      files.push(r.name);
      opts.onProgress?.({ done: i + 1, total: codes.length, current: r.current });
      // Let other requests through between two reports.
      await new Promise((res) => setImmediate(res));
    }
    await guard(archive.finalize());
    await guard(closed);
    return { files, bytes: archive.pointer() };
  } catch (e) {
    archive.abort();
    throw e;
  } finally {
    await pool?.close();
  }
}

/**
 * The zip into the file `outFile`, via "<outFile>.part" renamed when complete. On failure the part file is removed.
 */
export async function writeDelrapportZip(
  db: Queryable,
  roundId: number,
  opts: ZipOptions & { outFile: string },
): Promise<{ files: string[]; bytes: number }> {
  const part = `${opts.outFile}.part`;
  const out = createWriteStream(part);
  try {
    const r = await streamDelrapportZip(db, roundId, out, opts);
    await rename(part, opts.outFile);
    return r;
  } catch (e) {
    out.destroy();
    await new Promise<void>((r) => (out.closed ? r() : out.once('close', () => r())));
    await rm(part, { force: true });
    throw e;
  }
}

// --- jobs in the database ------------------------------------------------------------------------

export interface BatchJob {
  id: string;
  userId: number;
  roundId: number;
  format: ReportFormat;
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  error?: string;
  /** The zip's name for the download. */
  fileName: string;
  /** The finished zip's size. */
  bytes?: number;
}

interface JobRow {
  id: string;
  user_id: number;
  round_id: number;
  format: ReportFormat;
  status: BatchJob['status'];
  done: number;
  total: number;
  error: string | null;
  file_name: string;
  bytes: string | number | null;
}

const toJob = (r: JobRow): BatchJob => ({
  id: r.id,
  userId: r.user_id,
  roundId: r.round_id,
  format: r.format,
  status: r.status,
  done: r.done,
  total: r.total,
  ...(r.error ? { error: r.error } : {}),
  fileName: r.file_name,
  ...(r.bytes !== null ? { bytes: Number(r.bytes) } : {}),
});

const JOB_COLUMNS = 'id, user_id, round_id, format, status, done, total, error, file_name, bytes';

/** The jobs this process works on: how to stop them and when they have stopped. */
const working = new Map<string, { ctrl: AbortController; finished: Promise<void> }>();

/**
 * Marks running jobs whose instance stopped sending heartbeats as failed (removing what they stored)
 * and deletes expired jobs with their files.
 */
export async function sweepBatchJobs(db: Queryable, staleSeconds = DEFAULT_STALE_SECONDS): Promise<void> {
  await db.query(
    `WITH stale AS (
       UPDATE report_jobs SET status = 'failed', error = $2, finished_at = now(), expires_at = now() + make_interval(secs => $3)
        WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)
       RETURNING id)
     DELETE FROM report_job_chunks WHERE job_id IN (SELECT id FROM stale)`,
    [staleSeconds, STALE_JOB_ERROR, JOB_TTL_MS / 1000],
  );
  await db.query('DELETE FROM report_jobs WHERE expires_at < now()');
}

/** A Writable that stores what is written as the job's chunks (about CHUNK_BYTES each), in order. */
function chunkSink(db: Queryable, jobId: string): Writable {
  let pending: Buffer[] = [];
  let size = 0;
  let seq = 0;
  const flush = async () => {
    if (!size) return;
    const data = Buffer.concat(pending, size);
    pending = [];
    size = 0;
    await db.query('INSERT INTO report_job_chunks (job_id, seq, data) VALUES ($1, $2, $3)', [jobId, seq++, data]);
  };
  return new Writable({
    highWaterMark: CHUNK_BYTES,
    write(chunk: Buffer, _enc, cb) {
      pending.push(chunk);
      size += chunk.length;
      if (size < CHUNK_BYTES) return cb();
      flush().then(() => cb(), cb);
    },
    final(cb) {
      flush().then(() => cb(), cb);
    },
  });
}

/**
 * Starts a batch job: stored at once as running, rendered in the background by this process.
 * Returns the stored job.
 */
export async function startBatchJob(
  db: Queryable,
  roundId: number,
  userId: number,
  format: ReportFormat,
  codes?: string[],
  opts: { staleSeconds?: number } = {},
): Promise<BatchJob> {
  await sweepBatchJobs(db, opts.staleSeconds);
  const data = await loadRoundReportData(db, roundId);
  const list = codes ?? data.round.municipalities;
  const id = randomBytes(16).toString('base64url');
  const { rows } = await db.query<JobRow>(
    `INSERT INTO report_jobs (id, user_id, round_id, format, total, file_name, instance, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8))
     RETURNING ${JOB_COLUMNS}`,
    [id, userId, roundId, format, list.length, `delrapporter-omgang-${roundId}-${format}.zip`, INSTANCE, JOB_TTL_MS / 1000],
  );
  const ctrl = new AbortController();
  let done = 0;
  let stored = 0;
  // The heartbeat, with the progress; a job that is no longer running here (marked failed as stale,
  // or deleted) is given up.
  const beat = async () => {
    const n = done;
    const r = await db.query(`UPDATE report_jobs SET done = GREATEST(done, $2), heartbeat_at = now() WHERE id = $1 AND status = 'running'`, [id, n]);
    if (r.rowCount === 0) ctrl.abort();
    stored = Math.max(stored, n);
  };
  // At least three heartbeats within the time after which a job counts as lost.
  const timer = setInterval(() => void beat().catch(() => undefined), Math.min(HEARTBEAT_MS, ((opts.staleSeconds ?? DEFAULT_STALE_SECONDS) * 1000) / 3));
  timer.unref();
  let beating: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      const r = await streamDelrapportZip(db, roundId, chunkSink(db, id), {
        format,
        codes: list,
        data,
        signal: ctrl.signal,
        onProgress: (p) => {
          done = p.done;
          // One progress write at a time; the next carries the latest count.
          beating = beating.then(() => (stored < done ? beat() : undefined)).catch(() => undefined);
        },
      });
      await beating;
      const fin = await db.query(
        `UPDATE report_jobs SET status = 'done', done = total, bytes = $2, finished_at = now(), heartbeat_at = now(),
                expires_at = now() + make_interval(secs => $3)
          WHERE id = $1 AND status = 'running'`,
        [id, r.bytes, JOB_TTL_MS / 1000],
      );
      if (fin.rowCount === 0) await db.query('DELETE FROM report_job_chunks WHERE job_id = $1', [id]);
    } catch (e) {
      await beating;
      const message = ctrl.signal.reason === 'stopped' ? STOPPED_JOB_ERROR : (e as Error).message;
      await db
        .query(
          `UPDATE report_jobs SET status = 'failed', error = $2, finished_at = now(), expires_at = now() + make_interval(secs => $3)
            WHERE id = $1 AND status = 'running'`,
          [id, message, JOB_TTL_MS / 1000],
        )
        .catch(() => undefined);
      await db.query('DELETE FROM report_job_chunks WHERE job_id = $1', [id]).catch(() => undefined);
    } finally {
      clearInterval(timer);
      working.delete(id);
    }
  };
  working.set(id, { ctrl, finished: run() });
  return toJob(rows[0]);
}

/** The job (after marking it failed if its instance has died), or undefined when there is none. */
export async function getBatchJob(db: Queryable, id: string, staleSeconds = DEFAULT_STALE_SECONDS): Promise<BatchJob | undefined> {
  await sweepBatchJobs(db, staleSeconds);
  const { rows } = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM report_jobs WHERE id = $1`, [id]);
  return rows[0] && toJob(rows[0]);
}

/** The finished zip of a job, read from the database one chunk at a time. */
export function jobZipStream(db: Queryable, id: string): Readable {
  return Readable.from(
    (async function* () {
      for (let seq = 0; ; seq++) {
        const { rows } = await db.query<{ data: Uint8Array }>('SELECT data FROM report_job_chunks WHERE job_id = $1 AND seq = $2', [id, seq]);
        if (!rows.length) return;
        const d = rows[0].data;
        yield Buffer.isBuffer(d) ? d : Buffer.from(d.buffer, d.byteOffset, d.byteLength);
      }
    })(),
    { objectMode: false },
  );
}

/**
 * Stops the jobs this process works on (they are marked failed: the server stops) and waits until
 * they have let go of the database (server shutdown; tests).
 */
export async function stopBatchJobs(): Promise<void> {
  const all = [...working.values()];
  for (const w of all) w.ctrl.abort('stopped');
  await Promise.all(all.map((w) => w.finished));
}

/** Waits until a job is no longer running (tests and the CLI). */
export async function waitForJob(db: Queryable, id: string, timeoutMs = 120_000): Promise<BatchJob> {
  const start = Date.now();
  for (;;) {
    const job = await getBatchJob(db, id);
    if (!job) throw new Error('Jobbet finns inte');
    if (job.status !== 'running') return job;
    if (Date.now() - start > timeoutMs) throw new Error('Jobbet blev inte klart i tid');
    await new Promise((r) => setTimeout(r, 50));
  }
}
