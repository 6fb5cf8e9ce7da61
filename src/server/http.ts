// HTTP helpers: typed errors with Swedish messages and zod validation of every input.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { DB_UNAVAILABLE_MESSAGE, isConnectionError, RETRY_AFTER_SECONDS } from '../db/availability.ts';
import { classifyDbError } from '../db/errors.ts';
import { unsafeTextReason } from '../domain/text.ts';
import { validate } from '../contracts/messages.ts';
import { AppError, badRequest, type AppErrorCode } from '../domain/errors.ts';

export { AppError, badRequest, conflict, forbidden, notFound } from '../domain/errors.ts';

/** The HTTP status of each error code: the one place where use-case errors become HTTP. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported_media: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/**
 * Parses input with a zod schema; on failure a 400 whose message names every field in Swedish
 * (src/contracts/messages.ts, the same messages the web forms show), never by its JSON key.
 * `details` keeps `path` (for programs and forms that mark the field), `label` and the message
 * without the label (shown beside the field).
 */
export function parse<T extends z.ZodType>(schema: T, data: unknown, opts: { labels?: Record<string, string> } = {}): z.infer<T> {
  const r = validate(schema, data, opts.labels);
  if (r.ok) return r.data;
  throw badRequest(
    [...new Set(r.errors.map((e) => e.text))].join('; '),
    r.errors.map(({ text: _text, ...e }) => e),
  );
}

/**
 * The uploaded file of a multipart/form-data request (field "file"). A body cut off mid-way or
 * otherwise malformed is a 400, a file over the limit a 413, never a server error.
 */
export async function uploadedFile(req: FastifyRequest): Promise<{ bytes: Uint8Array; filename: string }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media', 'Skicka filen som multipart/form-data i fältet "file"');
  let file;
  let bytes: Uint8Array;
  try {
    file = await req.file();
    if (!file) throw badRequest('Ingen fil skickades');
    bytes = new Uint8Array(await file.toBuffer());
  } catch (e) {
    multipartReadError(req, e);
  }
  checkFilename(file.filename);
  return { bytes, filename: file.filename };
}

/**
 * The uploaded file of a multipart/form-data request (field "file"), written to a temporary file as
 * it arrives, so that a large upload is never held in memory (issue 15). `onBytes` is told the bytes
 * received so far. The caller removes the file with `remove()` (also on error). Errors as uploadedFile.
 */
export async function uploadedFileOnDisk(
  req: FastifyRequest,
  onBytes?: (bytes: number) => void,
): Promise<{ path: string; filename: string; remove: () => Promise<void> }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media', 'Skicka filen som multipart/form-data i fältet "file"');
  const dir = await mkdtemp(join(tmpdir(), 'samverka-upload-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'upload');
  try {
    let file;
    try {
      file = await req.file();
      if (!file) throw badRequest('Ingen fil skickades');
      let bytes = 0;
      const upload = file.file;
      upload.on('data', (chunk: Buffer) => onBytes?.((bytes += chunk.length)));
      await pipeline(upload, createWriteStream(path));
      if (upload.truncated) throw new AppError('too_large', 'Filen är för stor');
    } catch (e) {
      multipartReadError(req, e);
    }
    checkFilename(file.filename);
    return { path, filename: file.filename, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}

export { idParam, municipalityCode } from '../contracts/endpoint.ts';

/** The status and body errorHandler would send for an error, for a reply already under way (a progress stream). */
export function errorResult(err: unknown, req: FastifyRequest): { status: number; body: { error: string; details?: unknown } } {
  if (err instanceof AppError) {
    const status = HTTP_STATUS[err.code];
    if (status >= 500) req.log.error({ err }, err.message);
    return { status, body: { error: err.message, details: err.details } };
  }
  if (isConnectionError(err)) {
    req.log.warn({ err }, 'databasen är inte tillgänglig');
    return { status: 503, body: { error: DB_UNAVAILABLE_MESSAGE } };
  }
  const db = classifyDbError(err);
  if (db) {
    req.log.warn({ err }, `database refused input (SQLSTATE ${db.code})`);
    return { status: db.status, body: { error: db.message } };
  }
  req.log.error({ err }, (err as Error)?.message || 'Oväntat fel');
  return { status: 500, body: { error: 'Ett oväntat fel inträffade' } };
}

export function errorHandler(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    const status = HTTP_STATUS[err.code];
    if (status >= 500) req.log.error({ err }, err.message);
    return reply.status(status).send({ error: err.message, details: err.details });
  }
  // PostgreSQL restarting or a connection cut: the request changed nothing it acknowledged; try again.
  if (isConnectionError(err)) {
    req.log.warn({ err }, 'databasen är inte tillgänglig');
    return reply
      .status(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({ error: DB_UNAVAILABLE_MESSAGE });
  }
  const code = (err as FastifyError).code;
  const status = (err as FastifyError).statusCode ?? 500;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413)
    return reply.status(413).send({ error: 'Förfrågan är för stor' });
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415)
    return reply.status(415).send({ error: 'Innehållstypen stöds inte' });
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError)
    return reply.status(400).send({ error: 'Ogiltig JSON i förfrågan' });
  if (status === 429) return reply.status(429).send({ error: 'För många förfrågningar. Vänta en stund och försök igen.' });
  if (status >= 400 && status < 500) return reply.status(status).send({ error: 'Ogiltig förfrågan' });
  // A database error that input can cause (src/db/errors.ts): logged, since validation should have caught it.
  const db = classifyDbError(err);
  if (db) {
    req.log.warn({ err }, `database refused input (SQLSTATE ${db.code})`);
    return reply.status(db.status).send({ error: db.message });
  }
  req.log.error({ err }, err.message || 'Oväntat fel');
  return reply.status(500).send({ error: 'Ett oväntat fel inträffade' });
}


/** Rethrows an AppError or a 4xx; anything else from reading the multipart stream (busboy) is the body's fault: a 400. */
function multipartReadError(req: FastifyRequest, e: unknown): never {
  const status = (e as FastifyError).statusCode;
  if (e instanceof AppError || (status && status < 500)) throw e;
  req.log.info({ err: e }, 'multipart body could not be read');
  throw badRequest('Filen kunde inte läsas: förfrågan är ofullständig eller felaktigt uppbyggd. Försök skicka filen igen.');
}

function checkFilename(filename: string): void {
  if (unsafeTextReason(filename)) throw badRequest('Filnamnet innehåller ett otillåtet tecken (NUL eller ett ensamt surrogattecken)');
}
