// Render errors from the web app (its error boundary) reach the server log: a small, validated body,
// a tight rate limit per address, always 204 (never 500). Nothing is stored in the database.
import type { FastifyInstance } from 'fastify';
import { CLIENT_ERROR_STACK_MAX, reportClientError } from '../../contracts/client-errors.ts';
import { route } from '../route.ts';

export { CLIENT_ERROR_STACK_MAX };
/** Reports per address and minute. */
export const CLIENT_ERROR_RATE = 10;

export async function clientErrorRoutes(app: FastifyInstance) {
  route(
    app,
    reportClientError,
    async (req, reply) => {
      const e = req.body;
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
    },
    { config: { rateLimit: { max: CLIENT_ERROR_RATE, timeWindow: '1 minute' } } },
  );
}
