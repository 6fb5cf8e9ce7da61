// Render errors from the web app (its error boundary) reach the server log: a small, validated body,
// a tight rate limit per address, always 204 (never 500). Nothing is stored in the database.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parse } from '../http.ts';

/** Longest stack kept; the web app sends at most this much. */
export const CLIENT_ERROR_STACK_MAX = 4000;
/** Reports per address and minute. */
export const CLIENT_ERROR_RATE = 10;

const body = z.object({
  message: z.string().trim().min(1, 'Ange felmeddelandet').max(1000, 'Felmeddelandet får vara högst 1000 tecken'),
  stack: z.string().max(20000, 'Stacken får vara högst 20000 tecken').optional(),
  route: z.string().trim().min(1, 'Ange sidans adress').max(500, 'Adressen får vara högst 500 tecken'),
  userAgent: z.string().max(500, 'Webbläsarens namn får vara högst 500 tecken').optional(),
});

export async function clientErrorRoutes(app: FastifyInstance) {
  app.post('/client-errors', { config: { rateLimit: { max: CLIENT_ERROR_RATE, timeWindow: '1 minute' } } }, async (req, reply) => {
    const e = parse(body, req.body);
    req.log.warn(
      {
        clientError: {
          message: e.message,
          stack: e.stack?.slice(0, CLIENT_ERROR_STACK_MAX),
          route: e.route,
          userAgent: (e.userAgent ?? String(req.headers['user-agent'] ?? '')).slice(0, 500),
          user: req.user?.id ?? null,
        },
      },
      'Fel i webbappen',
    );
    return reply.status(204).send();
  });
}
