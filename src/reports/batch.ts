// All delrapporter of a round in one zip, with progress (web: a job polled for {done, total}; CLI: a
// callback). The zip is written to "<name>.part" in a private temporary folder and renamed only when it
// is complete, so an interrupted or failed batch never yields a half-written file for download; failed
// jobs remove their folder, and folders of jobs that no longer exist are removed on the next start.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipArchive } from 'archiver';
import type { Queryable } from '../db/db.ts';
import type { ReportFormat } from './render/index.ts';
import { delrapportModel, loadRoundReportData, renderModel, reportFileName, type RoundReportData } from './service.ts';

const DIR_PREFIX = 'samverka-rapporter-';
/** Finished jobs (and their files) are kept this long. */
export const JOB_TTL_MS = 60 * 60 * 1000;

export interface BatchProgress {
  done: number;
  total: number;
  /** The municipality just finished (name), for progress lines. */
  current?: string;
}

/**
 * Renders the delrapporter of `codes` (default: every municipality of the round) into a zip at
 * `outFile`, via "<outFile>.part" renamed when complete. On failure the part file is removed.
 */
export async function writeDelrapportZip(
  db: Queryable,
  roundId: number,
  opts: { format: ReportFormat; outFile: string; codes?: string[]; onProgress?: (p: BatchProgress) => void; signal?: AbortSignal; data?: RoundReportData },
): Promise<{ files: string[]; bytes: number }> {
  const data = opts.data ?? (await loadRoundReportData(db, roundId));
  const codes = opts.codes ?? data.round.municipalities;
  const part = `${opts.outFile}.part`;
  const out = createWriteStream(part);
  const archive = new ZipArchive({ zlib: { level: opts.format === 'pdf' ? 1 : 6 } });
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
    archive.on('error', reject);
  });
  archive.pipe(out);
  const files: string[] = [];
  try {
    opts.onProgress?.({ done: 0, total: codes.length });
    for (let i = 0; i < codes.length; i++) {
      if (opts.signal?.aborted) throw new Error('Avbruten');
      const model = delrapportModel(data, codes[i]);
      const body = await renderModel(model, opts.format);
      const name = reportFileName(model, opts.format);
      archive.append(body, { name });
      files.push(name);
      opts.onProgress?.({ done: i + 1, total: codes.length, current: model.municipality?.name });
      // Let other requests through between two reports.
      await new Promise((r) => setImmediate(r));
    }
    await archive.finalize();
    await closed;
    await rename(part, opts.outFile);
    return { files, bytes: archive.pointer() };
  } catch (e) {
    archive.abort();
    out.destroy();
    await closed.catch(() => undefined);
    await rm(part, { force: true });
    throw e;
  }
}

export interface BatchJob {
  id: string;
  userId: number;
  roundId: number;
  format: ReportFormat;
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  error?: string;
  createdAt: number;
  /** The finished zip (only set once it is complete). */
  file?: string;
  fileName: string;
  dir: string;
}

const jobs = new Map<string, BatchJob>();
let swept = false;

/** Removes expired jobs and, once per process, leftover folders of earlier processes. */
async function sweep() {
  const now = Date.now();
  for (const [id, job] of jobs)
    if (job.status !== 'running' && now - job.createdAt > JOB_TTL_MS) {
      jobs.delete(id);
      await rm(job.dir, { recursive: true, force: true });
    }
  if (!swept) {
    swept = true;
    const base = tmpdir();
    for (const name of await readdir(base).catch(() => [] as string[])) {
      if (!name.startsWith(DIR_PREFIX)) continue;
      const p = join(base, name);
      const st = await stat(p).catch(() => null);
      if (st && now - st.mtimeMs > JOB_TTL_MS && ![...jobs.values()].some((j) => j.dir === p)) await rm(p, { recursive: true, force: true });
    }
  }
}

/** Starts a batch job in the background; returns at once with the job. */
export async function startBatchJob(db: Queryable, roundId: number, userId: number, format: ReportFormat, codes?: string[]): Promise<BatchJob> {
  await sweep();
  const data = await loadRoundReportData(db, roundId);
  const list = codes ?? data.round.municipalities;
  const dir = await mkdtemp(join(tmpdir(), DIR_PREFIX));
  const job: BatchJob = {
    id: randomBytes(16).toString('base64url'),
    userId,
    roundId,
    format,
    status: 'running',
    done: 0,
    total: list.length,
    createdAt: Date.now(),
    fileName: `delrapporter-omgang-${roundId}-${format}.zip`,
    dir,
  };
  jobs.set(job.id, job);
  const outFile = join(dir, job.fileName);
  writeDelrapportZip(db, roundId, {
    format,
    outFile,
    codes: list,
    data,
    onProgress: (p) => {
      job.done = p.done;
      job.total = p.total;
    },
  })
    .then(() => {
      job.file = outFile;
      job.status = 'done';
    })
    .catch(async (e: Error) => {
      job.status = 'failed';
      job.error = e.message;
      await rm(dir, { recursive: true, force: true });
    });
  return job;
}

/** Removes every job that is not running, with its files (tests; server shutdown). */
export async function removeFinishedBatchJobs(): Promise<void> {
  for (const [id, job] of jobs)
    if (job.status !== 'running') {
      jobs.delete(id);
      await rm(job.dir, { recursive: true, force: true });
    }
}

export function getBatchJob(id: string): BatchJob | undefined {
  return jobs.get(id);
}

/** Waits until a job is no longer running (tests and the CLI). */
export async function waitForJob(id: string, timeoutMs = 120_000): Promise<BatchJob> {
  const start = Date.now();
  for (;;) {
    const job = jobs.get(id);
    if (!job) throw new Error('Jobbet finns inte');
    if (job.status !== 'running') return job;
    if (Date.now() - start > timeoutMs) throw new Error('Jobbet blev inte klart i tid');
    await new Promise((r) => setTimeout(r, 50));
  }
}
