// HTTP helpers: typed errors with Swedish messages and zod validation of every input.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DB_UNAVAILABLE_MESSAGE, isConnectionError, RETRY_AFTER_SECONDS } from '../db/availability.ts';
import { classifyDbError } from '../db/errors.ts';
import { unsafeTextReason } from '../domain/text.ts';
import { svError } from '../domain/instruments/schema.ts';
import { fieldLabel } from './field-labels.ts';
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

const nf = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 4 });
const num = (x: unknown) => (typeof x === 'number' || typeof x === 'bigint' ? nf.format(x) : String(x));

/**
 * Plain Swedish messages for zod's built-in checks, written to follow a field label
 * ("E-postadress: ange en giltig e-postadress"). A message given in a schema wins over these;
 * anything not covered falls back to zod's Swedish locale.
 */
export const friendlyError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'måste anges';
      switch (issue.expected) {
        case 'int':
          return 'ange ett heltal';
        case 'number':
        case 'bigint':
          return 'ange ett tal';
        case 'string':
          return 'ange en text';
        case 'boolean':
          return 'ange ja eller nej';
        case 'array':
          return 'ange en lista';
        default:
          return 'har fel form';
      }
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'måste fyllas i' : `minst ${num(issue.minimum)} tecken`;
      if (issue.origin === 'array' || issue.origin === 'set') return Number(issue.minimum) <= 1 ? 'välj minst ett alternativ' : `välj minst ${num(issue.minimum)}`;
      return issue.inclusive ? `minst ${num(issue.minimum)}` : `större än ${num(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `högst ${num(issue.maximum)} tecken`;
      if (issue.origin === 'array' || issue.origin === 'set') return `högst ${num(issue.maximum)} stycken`;
      return issue.inclusive ? `högst ${num(issue.maximum)}` : `mindre än ${num(issue.maximum)}`;
    case 'invalid_format':
      if (issue.format === 'email') return 'ange en giltig e-postadress';
      if (issue.format === 'url') return 'ange en giltig webbadress (https://…)';
      if (issue.format === 'date' || issue.format === 'datetime') return 'ange ett giltigt datum (ÅÅÅÅ-MM-DD)';
      return 'har fel format';
    case 'invalid_value':
      return 'välj ett av de tillåtna alternativen';
    case 'invalid_union':
      return 'har fel form';
    case 'unrecognized_keys':
      return 'Förfrågan innehåller uppgifter som inte hör hit';
    case 'not_multiple_of':
      return `ska vara en multipel av ${num(issue.divisor)}`;
    default:
      return svError(issue);
  }
};

const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLocaleLowerCase('sv-SE') + s.slice(1) : s);
const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('sv-SE') + s.slice(1);

/** "E-postadress: ange en giltig e-postadress"; a message that already starts with its field stays as it is. */
export function labelledMessage(label: string | null, message: string): string {
  if (!label) return upperFirst(message);
  const field = label.replace(/, rad \d+$/, '').toLocaleLowerCase('sv-SE');
  // "Kommunkoden ska vara fyra siffror", "Beräknad tid: minst 1 minut" already name the field.
  if (message.toLocaleLowerCase('sv-SE').startsWith(field) && !/, rad \d+$/.test(label)) return upperFirst(message);
  return `${label}: ${lowerFirst(message)}`;
}

/**
 * Parses input with a zod schema; on failure a 400 whose message names every field in Swedish
 * (field-labels.ts), never by its JSON key. `details` keeps `path` (for programs and forms that mark
 * the field), `label` and the message without the label (shown beside the field).
 */
export function parse<T extends z.ZodType>(schema: T, data: unknown, opts: { labels?: Record<string, string> } = {}): z.infer<T> {
  const r = schema.safeParse(data, { error: friendlyError });
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => {
    const label = fieldLabel(i.path, opts.labels);
    return { path: i.path.map(String).join('.'), label, message: upperFirst(i.message), text: labelledMessage(label, i.message) };
  });
  throw badRequest(
    [...new Set(errors.map((e) => e.text))].join('; '),
    errors.map(({ text: _text, ...e }) => e),
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
    const status = (e as FastifyError).statusCode;
    if (e instanceof AppError || (status && status < 500)) throw e;
    // Errors from reading the multipart stream (busboy): the body, not the server, is at fault.
    req.log.info({ err: e }, 'multipart body could not be read');
    throw badRequest('Filen kunde inte läsas: förfrågan är ofullständig eller felaktigt uppbyggd. Försök skicka filen igen.');
  }
  if (unsafeTextReason(file.filename)) throw badRequest('Filnamnet innehåller ett otillåtet tecken (NUL eller ett ensamt surrogattecken)');
  return { bytes, filename: file.filename };
}

export { idParam, municipalityCode } from '../contracts/endpoint.ts';

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

/** A 400 about one field found by a check after parsing: "Slutår: slutåret …", with the path in details. */
export function fieldError(path: string, message: string): AppError {
  const label = fieldLabel(path.split('.'));
  return badRequest(labelledMessage(label, message), [{ path, label, message: upperFirst(message) }]);
}
