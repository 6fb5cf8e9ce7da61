// One check for every request: params, query and JSON body may not contain text PostgreSQL cannot
// store (NUL, a lone surrogate; src/domain/text.ts). Runs before any handler, so a route never sees
// such text and a respondent link cannot be used to cause a server error. Also keeps the list of
// routes (method and URL) for tests and the bench, which fuzz every route.
import type { FastifyInstance } from 'fastify';
import type { EndpointDef } from '../contracts/endpoint.ts';
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from '../domain/text.ts';
import { fieldLabel } from './field-labels.ts';
import { AppError, labelledMessage } from './http.ts';

export interface RouteEntry {
  method: string;
  url: string;
  /** The contract it was registered for (src/server/route.ts). */
  endpoint?: EndpointDef;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after registerInputHygiene (one entry per method). */
    routeList: RouteEntry[];
  }
}

/** Registers the check and the route list on the root instance; call before the routes are registered. */
export function registerInputHygiene(app: FastifyInstance) {
  const routes: RouteEntry[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url, endpoint: r.config?.endpoint });
  });
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const path = findUnsafeText(value);
      if (!path) continue;
      const label = fieldLabel(path);
      const message = labelledMessage(label, UNSAFE_TEXT_MESSAGE);
      throw new AppError('invalid', message, [{ path: path.join('.'), label, message: UNSAFE_TEXT_MESSAGE, in: where }]);
    }
  });
}
