// An endpoint of the API, declared once: method, path, who may call it, and the zod schemas of its
// params, query, body and answer. The server registers its handler against it (src/server/route.ts),
// the OpenAPI document is generated from it, and the web calls it through a client typed by it
// (src/web/api.ts). Pure and browser-safe: the web bundle imports these files.
import { z } from 'zod';
import type { Role } from '../domain/organisation.ts';
import type { OwnerKind } from '../domain/association-scope.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call an endpoint, checked before its input is validated:
 * - `public`: anyone (sign-in, health);
 * - `link`: anyone with a personal link; the token in the path is the credential, checked by the use case;
 * - `signedIn`: any signed-in user;
 * - a list of roles: signed-in users with one of them. Finer rules (own municipality, initiative
 *   participants) are the use case's, stated in `accessNote`.
 */
export type Access = 'public' | 'link' | 'signedIn' | readonly Role[];

/** A file download (PDF, DOCX, XLSX, CSV, ZIP): not JSON. */
export interface FileResponse {
  kind: 'file';
  /** Media types the endpoint can answer with. */
  types: readonly string[];
}
export const fileResponse = (...types: string[]): FileResponse => ({ kind: 'file', types });

/** Statuses an endpoint can answer with besides success, beyond those its access and input imply. */
export type ErrorStatus = 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

export interface EndpointDef {
  method: Method;
  /** Full path, with `:name` parameters, e.g. `/api/rounds/:id`. */
  path: `/api/${string}`;
  /** One Swedish line: what it does (the OpenAPI summary). */
  summary: string;
  /** The group it belongs to in the API documentation, e.g. "Mätomgångar". */
  tag: string;
  access: Access;
  /** Rules of access beyond the roles, in Swedish ("kommunansvarig: bara egna kommuner"). */
  accessNote?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success answer: a zod schema of its JSON, or a file. */
  response: z.ZodType | FileResponse;
  /** Success status when it is not 200 (201 for created, 202 for accepted work, 204 for no content). */
  status?: 200 | 201 | 202 | 204;
  errors?: readonly ErrorStatus[];
  /** Field labels for validation messages beyond src/contracts/field-labels.ts. */
  labels?: Readonly<Record<string, string>>;
  /**
   * Path parameters that address an aggregate owned by one association (a round, an initiative, a member
   * municipality …). The server looks up each owner before validation and answers 404 when it belongs to
   * another association than the caller's (src/server/association-guard.ts): no data crosses associations.
   */
  owners?: readonly { kind: OwnerKind; param: string }[];
  /**
   * Why a path parameter of this endpoint addresses nothing association-owned (shared instruments, the
   * caller's own session, a personal link): every endpoint with a path parameter states `owners` or this.
   */
  shared?: string;
}

/** Declares an endpoint, keeping its literal types (for the typed server handler and web client). */
export const endpoint = <const E extends EndpointDef>(e: E): E => e;

type Schema<E, K extends 'params' | 'query' | 'body'> = K extends keyof E ? (E[K] extends z.ZodType ? E[K] : never) : never;

/** What a caller sends: the input side of each schema. */
export type ParamsIn<E extends EndpointDef> = z.input<Schema<E, 'params'>>;
export type QueryIn<E extends EndpointDef> = z.input<Schema<E, 'query'>>;
export type BodyIn<E extends EndpointDef> = z.input<Schema<E, 'body'>>;
/** What the handler receives after validation: the output side. */
export type ParamsOut<E extends EndpointDef> = z.output<Schema<E, 'params'>>;
export type QueryOut<E extends EndpointDef> = z.output<Schema<E, 'query'>>;
export type BodyOut<E extends EndpointDef> = z.output<Schema<E, 'body'>>;
/** The JSON answer (a file endpoint answers with bytes). */
export type ResponseOf<E extends EndpointDef> = E['response'] extends z.ZodType ? z.output<E['response']> : Blob;

/** The input a client passes: only the parts the endpoint has, each required when present. */
export type CallInput<E extends EndpointDef> = ([Schema<E, 'params'>] extends [never] ? unknown : { params: ParamsIn<E> }) &
  ([Schema<E, 'query'>] extends [never] ? unknown : { query?: QueryIn<E> }) &
  ([Schema<E, 'body'>] extends [never] ? unknown : { body: BodyIn<E> | FormData });

export { fillPath } from './fill-path.ts';

/** The JSON body of every error answer. */
export const errorBody = z.object({
  error: z.string().describe('Vad som gick fel, på svenska'),
  details: z.unknown().optional().describe('Till exempel vilka fält som är fel: path, label, message'),
});

// ---- Parameters shared by many endpoints --------------------------------------------------------

export const municipalityCode = z.string().regex(/^[0-9]{4}$/, 'Kommunkoden ska vara fyra siffror (SCB-kod)');
/** A yes/no query flag (`?dryRun=true`, `1`, `false`, `0` or empty): a boolean. */
export const queryFlag = z
  .enum(['true', 'false', '1', '0', ''], { error: 'Ange true eller false' })
  .optional()
  .transform((v) => v === 'true' || v === '1');
/** A row id: a positive integer that fits PostgreSQL's int (serial) columns. */
export const idParam = z.coerce.number().int().positive().max(2_147_483_647);
/** An ISO timestamp as the API sends it (a Date becomes this string in JSON). */
export const timestamp = z.string().describe('Tidpunkt, ISO 8601');
/** A calendar date, ÅÅÅÅ-MM-DD. */
export const isoDate = z.string().describe('Datum, ÅÅÅÅ-MM-DD');
/** `{ ok: true }` and similar acknowledgements. */
export const okResponse = z.object({ ok: z.literal(true) });
