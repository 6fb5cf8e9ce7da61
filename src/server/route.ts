// Registers a handler for an endpoint of src/contracts: the endpoint's access is checked before its
// input is validated, params, query and body are validated with its zod schemas through the Fastify
// zod type provider (400 with Swedish messages naming the field, see parse() in http.ts), and the
// OpenAPI document (openapi.ts) is generated from the same declaration.
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, preValidationHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, type Access, type BodyOut, type EndpointDef, type ParamsOut, type QueryOut, type ResponseOf } from '../contracts/endpoint.ts';
import { ROLE_LABELS } from '../domain/organisation.ts';
import { associationGuard } from './association-guard.ts';
import { requireRole, requireUser } from './auth.ts';
import { parse } from './http.ts';

/** The request a handler receives: its params, query and body as the endpoint's schemas output them. */
export type EndpointRequest<E extends EndpointDef> = FastifyRequest<{ Params: ParamsOut<E>; Querystring: QueryOut<E>; Body: BodyOut<E> }>;

/** What a handler may return for JSON: the response type, where a Date may stand for a timestamp string. */
export type Wire<T> = T extends string
  ? string extends T
    ? string | Date
    : T
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type EndpointHandler<E extends EndpointDef> = (
  req: EndpointRequest<E>,
  reply: FastifyReply,
) => Promise<E['response'] extends z.ZodType ? Wire<ResponseOf<E>> : FastifyReply | Buffer | Uint8Array | string>;

/** Route options the endpoint itself does not say, e.g. `config: { rateLimit: … }`. */
export interface RouteExtras {
  config?: Record<string, unknown>;
  /** Runs after the access check and before validation (e.g. a stricter rate limit). */
  preValidation?: preValidationHookHandler[];
  bodyLimit?: number;
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Ogiltig indata (meddelandet namnger fälten på svenska)',
  401: 'Inte inloggad, eller sessionen har upphört',
  403: 'Saknar behörighet',
  404: 'Finns inte, eller syns inte för dig',
  409: 'Tillståndet tillåter det inte (t.ex. en stängd mätomgång)',
  410: 'Finns inte längre',
  413: 'För stor förfrågan eller fil',
  415: 'Fel innehållstyp',
  422: 'En regel stoppar ändringen (t.ex. ett beslutsvillkor som inte är uppfyllt)',
  429: 'För många förfrågningar',
  503: 'Databasen är tillfälligt inte tillgänglig; försök igen',
};

/** "Förbundsadmin, kommunansvarig" etc.: the access of an endpoint in Swedish (OpenAPI descriptions). */
export function accessText(access: Access): string {
  if (access === 'public') return 'Öppen, ingen inloggning';
  if (access === 'link') return 'Personlig svarslänk (token i adressen)';
  if (access === 'signedIn') return 'Alla inloggade';
  return access.map((r) => ROLE_LABELS[r]).join(', ');
}

function errorStatuses(ep: EndpointDef): number[] {
  const s = new Set<number>(ep.errors ?? []);
  if (ep.params || ep.query || ep.body) s.add(400);
  if (ep.access !== 'public' && ep.access !== 'link') s.add(401);
  if (Array.isArray(ep.access) || ep.accessNote) s.add(403);
  s.add(503);
  return [...s].sort();
}

function responseSchemas(ep: EndpointDef): Record<number, unknown> {
  const ok = ep.status ?? 200;
  const out: Record<number, unknown> = {};
  if (ok === 204) out[204] = z.null().describe('Klart, inget innehåll');
  else if ('kind' in ep.response)
    out[ok] = { description: 'Filen', content: Object.fromEntries(ep.response.types.map((t) => [t, { schema: z.string().meta({ format: 'binary' }) }])) };
  else out[ok] = { description: 'Svaret', content: { 'application/json': { schema: ep.response } } };
  for (const status of errorStatuses(ep)) out[status] = { description: ERROR_TEXT[status] ?? 'Fel', content: { 'application/json': { schema: errorBody } } };
  return out;
}

/** The endpoint's access, enforced before validation so that a stranger learns nothing from a 400. */
function accessCheck(access: Access): preValidationHookHandler | undefined {
  if (access === 'public' || access === 'link') return undefined;
  if (access === 'signedIn')
    return async (req) => {
      requireUser(req);
    };
  return async (req) => {
    requireRole(req, ...access);
  };
}

/** Validation with the endpoint's zod schema and Swedish messages (parse() throws the 400). */
const validatorFor =
  (labels: Readonly<Record<string, string>> | undefined) =>
  ({ schema }: { schema: unknown }) =>
  (data: unknown) => {
    try {
      return { value: parse(schema as z.ZodType, data, { labels: labels as Record<string, string> | undefined }) };
    } catch (error) {
      return { error: error as Error };
    }
  };

/** JSON as it is: handlers return the endpoint's type (checked by the compiler), so nothing is re-validated here. */
const jsonSerializer = () => (data: unknown) => JSON.stringify(data);

/**
 * Registers `handler` for `ep` on `app` (a plugin registered with prefix `/api`, or the root). The
 * endpoint's path is absolute; the plugin's prefix is taken off it.
 */
export function route<E extends EndpointDef>(app: FastifyInstance, ep: E, handler: EndpointHandler<E>, extras: RouteExtras = {}) {
  if (!ep.path.startsWith(app.prefix)) throw new Error(`${ep.path} ligger inte under ${app.prefix}`);
  const access = accessCheck(ep.access);
  const guard = associationGuard(app.db, ep.owners);
  const description = [`Behörighet: ${accessText(ep.access)}.`, ep.accessNote].filter(Boolean).join(' ');
  const schema: FastifySchema & Record<string, unknown> = {
    summary: ep.summary,
    description,
    tags: [ep.tag],
    ...(ep.params ? { params: ep.params } : {}),
    ...(ep.query ? { querystring: ep.query } : {}),
    ...(ep.body ? { body: ep.body } : {}),
    response: responseSchemas(ep),
  };
  app.withTypeProvider<ZodTypeProvider>().route({
    method: ep.method,
    url: ep.path.slice(app.prefix.length) || '/',
    schema,
    config: { ...extras.config, endpoint: ep },
    ...(extras.bodyLimit ? { bodyLimit: extras.bodyLimit } : {}),
    preValidation: [...(access ? [access] : []), ...(guard ? [guard] : []), ...(extras.preValidation ?? [])],
    validatorCompiler: validatorFor(ep.labels),
    serializerCompiler: jsonSerializer,
    handler: handler as never,
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The contract a route was registered for (route()); the fuzz test and the API docs read it. */
    endpoint?: EndpointDef;
  }
}
