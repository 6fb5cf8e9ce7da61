// The errors use cases throw: a code saying what went wrong and a Swedish message for the user.
// Services and domain code never speak HTTP; src/server/http.ts maps each code to a status once.

export const APP_ERROR_CODES = [
  'invalid', // the input is wrong (400)
  'unauthenticated', // no session, or it ended (401)
  'forbidden', // signed in, but not allowed (403)
  'not_found', // no such thing, or not visible to this user (404)
  'conflict', // the current state does not allow it (409)
  'gone', // a link or a thing that existed is no longer usable (410)
  'unprocessable', // valid input, but a rule of the domain refuses it, e.g. a stage gate (422)
  'too_large', // the request or file is over the limit (413)
  'unsupported_media', // wrong content type (415)
  'rate_limited', // too many requests (429)
  'internal', // a fault of ours, e.g. data missing that should be there (500)
  'unavailable', // a service we depend on is down for the moment (503)
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Machine-readable detail for forms and programs (e.g. which fields failed). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (msg: string, details?: unknown) => new AppError('invalid', msg, details);
export const notFound = (msg = 'Hittades inte') => new AppError('not_found', msg);
export const forbidden = (msg = 'Du har inte behörighet till detta') => new AppError('forbidden', msg);
export const conflict = (msg: string, details?: unknown) => new AppError('conflict', msg, details);
export const unauthenticated = (msg = 'Du behöver logga in') => new AppError('unauthenticated', msg);
