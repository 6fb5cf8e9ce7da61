// Översikt: GET /api/dashboard — what needs the signed-in user's attention (src/dashboard/get-dashboard.ts).
// Query: threshold (percent, 0–100, default 50) and today (ÅÅÅÅ-MM-DD, default the server's date).
import type { FastifyInstance } from 'fastify';
import * as api from '../../contracts/dashboard.ts';
import { getDashboard } from '../../dashboard/get-dashboard.ts';
import { requireUser } from '../auth.ts';
import { route } from '../route.ts';

export async function dashboardRoutes(app: FastifyInstance) {
  route(app, api.getDashboard, async (req) => ({ dashboard: await getDashboard(app.db, requireUser(req), req.query) }));
}
