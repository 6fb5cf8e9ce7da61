// Liveness and readiness for load balancers and orchestrators (README "Drift"): /api/health answers as long
// as the process runs, without touching the database; /api/ready answers 200 only when the database
// responds and every migration is applied, 503 with Retry-After otherwise. No session, no rate limit.
import type { FastifyInstance } from 'fastify';
import { RETRY_AFTER_SECONDS } from '../../db/availability.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { health, ready } from '../../contracts/meta.ts';
import { route } from '../route.ts';
/** Longest wait for the database before readiness gives up. */
export const READY_TIMEOUT_MS = 3000;

const probe = { config: { rateLimit: false } } as const;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Databasen svarade inte inom ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function healthRoutes(app: FastifyInstance) {
  route(app, health, async () => ({ status: 'ok' as const, database: app.db.kind, time: new Date().toISOString() }), probe);

  route(
    app,
    ready,
    async (req, reply) => {
    const unavailable = (reason: string, err?: unknown) => {
      req.log.warn({ err }, `Inte redo: ${reason}`);
      return reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ status: 'unavailable', reason });
    };
    let pending: string[];
    try {
      pending = await withTimeout(
        app.db.query('SELECT 1').then(() => pendingMigrations(app.db)),
        READY_TIMEOUT_MS,
      );
    } catch (err) {
      return unavailable('Databasen går inte att nå.', err);
    }
    if (pending.length)
      return unavailable(`Databasen saknar ${pending.length} migrering${pending.length === 1 ? '' : 'ar'}: ${pending.join(', ')}. Starta om samverka så att de körs.`);
    return { status: 'ready' as const, database: app.db.kind };
    },
    probe,
  );
}
