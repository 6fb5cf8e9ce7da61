// HTTP helpers: typed errors with Swedish messages and zod validation of every input.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { svError } from '../domain/instruments/schema.ts';

export class HttpError extends Error {
  constructor(
    public status: number,
    message: string,
    public details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (msg: string, details?: unknown) => new HttpError(400, msg, details);
export const notFound = (msg = 'Hittades inte') => new HttpError(404, msg);
export const forbidden = (msg = 'Du har inte behörighet till detta') => new HttpError(403, msg);
export const conflict = (msg: string, details?: unknown) => new HttpError(409, msg, details);

/** Parses input with a zod schema; on failure a 400 with Swedish messages per field. */
export function parse<T extends z.ZodType>(schema: T, data: unknown, what = 'Ogiltig indata'): z.infer<T> {
  const r = schema.safeParse(data, { error: svError });
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw badRequest(`${what}: ${errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')}`, errors);
}

export const municipalityCode = z.string().regex(/^[0-9]{4}$/, 'Kommunkoden ska vara fyra siffror (SCB-kod)');
export const idParam = z.coerce.number().int().positive();

export function errorHandler(err: FastifyError | HttpError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof HttpError) {
    return reply.status(err.status).send({ error: err.message, details: err.details });
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
  req.log.error(err);
  return reply.status(500).send({ error: 'Ett oväntat fel inträffade' });
}
