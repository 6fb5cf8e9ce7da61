// Översikt: GET /api/dashboard — what needs the signed-in user's attention (src/domain/dashboard.ts).
// Loads rounds, progress, respondents (a kommunansvarig's own municipalities only), initiatives and status
// reports, and lets the pure domain function decide. Query: threshold (percent, 0–100, default 50) and
// today (ÅÅÅÅ-MM-DD, default the server's date; for previews and tests). Everything is the signed-in user's
// association's (issue 14): its rounds and its initiatives; the region's analyst gets no round.
import type { FastifyInstance } from 'fastify';
import { getDashboard } from '../../contracts/dashboard.ts';
import { buildDashboard, type DashboardRespondent, type DashboardRound } from '../../domain/dashboard.ts';
import { reportAccess } from '../../domain/reports/access.ts';
import { instrumentOfRound, roundsScope } from '../../rounds/service.ts';
import { countedResponses, reportableRound } from '../../store/reports.ts';
import { getGates, listCriteria, listInitiatives, listStatusReports } from '../../store/initiatives.ts';
import { listMunicipalities } from '../../store/organisation.ts';
import { listRespondents } from '../../store/respondents.ts';
import { listRounds, roundProgress } from '../../store/rounds.ts';
import { requireUser } from '../auth.ts';
import { route } from '../route.ts';

export async function dashboardRoutes(app: FastifyInstance) {
  const { db } = app;

  route(app, getDashboard, async (req) => {
    const user = requireUser(req);
    const q = req.query;
    const today = q.today ?? new Date().toISOString().slice(0, 10);
    const own = user.role === 'kommunansvarig' ? user.municipalities : [];
    const names = Object.fromEntries((await listMunicipalities(db)).map((m) => [m.code, m.name]));
    const associationId = roundsScope(user);

    // The region's analyst sees no round (no municipality's survey data); its follow-up is the region's page.
    const all =
      associationId === null ? [] : await listRounds(db, user.role === 'kommunansvarig' ? { municipalities: own, associationId } : { associationId });
    const rounds: DashboardRound[] = [];
    const counted = user.role === 'lasare' ? await countedResponses(db) : new Map();
    for (const r of all) {
      // Läsare: closed rounds whose regional report they may read (the reports' own rule), no progress;
      // others: progress of open rounds.
      if (user.role === 'lasare') {
        if (r.status !== 'closed' || !reportAccess(user, reportableRound(r, counted.get(r.id))).regional) continue;
      }
      const ins = await instrumentOfRound(db, r);
      const progress = r.status === 'open' && user.role !== 'lasare' ? await roundProgress(db, r.id) : [];
      rounds.push({
        id: r.id,
        title: r.title,
        status: r.status,
        mode: ins.mode === 'self-assessment' ? 'self' : 'respondents',
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
        // A kommunansvarig's view of a round holds their own municipalities only.
        municipalities: user.role === 'kommunansvarig' ? r.municipalities.filter((c) => own.includes(c)) : r.municipalities,
        progress: user.role === 'kommunansvarig' ? progress.filter((p) => own.includes(p.municipality)) : progress,
      });
    }

    const respondents: DashboardRespondent[] = [];
    if (user.role === 'kommunansvarig')
      for (const r of rounds.filter((x) => x.status === 'open' && x.mode === 'respondents'))
        for (const code of r.municipalities)
          for (const p of await listRespondents(db, r.id, code))
            respondents.push({
              id: p.id,
              roundId: r.id,
              municipality: p.municipality,
              name: p.name,
              respondentType: p.respondentType,
              invitedAt: p.invitedAt ? new Date(p.invitedAt).toISOString() : null,
              remindedAt: p.remindedAt ? new Date(p.remindedAt).toISOString() : null,
              reminderCount: p.reminderCount,
              completedAt: p.completedAt ? new Date(p.completedAt).toISOString() : null,
            });

    const needsPortfolio = user.role !== 'lasare' && user.role !== 'regionanalytiker';
    // The association's initiatives, their status reports and the association's gates.
    const portfolioOf = associationId ?? undefined;
    const initiatives =
      needsPortfolio && associationId !== null
        ? (await listInitiatives(db, portfolioOf)).map((i) => ({ ...i, scoredCriteria: i.scores.map((s) => s.criterionId) }))
        : [];
    const ownInitiatives = new Set(initiatives.map((i) => i.id));
    const dashboard = buildDashboard({
      today,
      role: user.role === 'regionanalytiker' ? 'lasare' : user.role,
      municipalities: own,
      names,
      threshold: q.threshold,
      rounds,
      respondents,
      initiatives,
      statusReports: needsPortfolio ? (await listStatusReports(db)).filter((r) => ownInitiatives.has(r.initiativeId)) : [],
      gates: needsPortfolio ? await getGates(db, portfolioOf) : undefined,
      criteria: needsPortfolio ? (await listCriteria(db)).filter((c) => c.weight > 0).map((c) => ({ id: c.id, label: c.label })) : [],
    });
    return { dashboard };
  });
}
