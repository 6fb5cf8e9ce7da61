// Use case: the Översikt of the signed-in user — what needs their attention (src/domain/dashboard.ts).
// Loads rounds, progress, respondents (a kommunansvarig's own municipalities only), initiatives and status
// reports, and lets the pure domain function decide. Everything is the user's association's (issue 14): its
// rounds and its initiatives; the region's analyst gets no round and no portfolio.
import type { Queryable } from '../db/db.ts';
import { NO_ASSOCIATION, viewerAssociation } from '../domain/association-scope.ts';
import { buildDashboard, type Dashboard, type DashboardRespondent, type DashboardRound } from '../domain/dashboard.ts';
import type { Viewer } from '../domain/organisation.ts';
import { reportAccess } from '../domain/reports/access.ts';
import { instrumentOfRound } from '../rounds/service.ts';
import { getGates, listCriteria, listInitiatives, listStatusReports } from '../store/initiatives.ts';
import { listMunicipalities } from '../store/organisation.ts';
import { countedResponses, reportableRound } from '../store/reports.ts';
import { listRespondents } from '../store/respondents.ts';
import { listRounds, roundProgress } from '../store/rounds.ts';

/** `threshold`: percent 0–100; `today`: ÅÅÅÅ-MM-DD, default the server's date (for previews and tests). */
export async function getDashboard(db: Queryable, user: Viewer, q: { threshold: number; today?: string }): Promise<Dashboard> {
  const today = q.today ?? new Date().toISOString().slice(0, 10);
  const own = user.role === 'kommunansvarig' ? [...user.municipalities] : [];
  const names = Object.fromEntries((await listMunicipalities(db)).map((m) => [m.code, m.name]));
  const associationId = viewerAssociation(user);

  // The region's analyst sees no round (no municipality's survey data); its follow-up is the region's page.
  const all =
    associationId === NO_ASSOCIATION ? [] : await listRounds(db, user.role === 'kommunansvarig' ? { municipalities: own, associationId } : { associationId });
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

  // The association's initiatives, their status reports and the association's gates.
  const needsPortfolio = user.role !== 'lasare' && user.role !== 'regionanalytiker';
  const initiatives = needsPortfolio
    ? (await listInitiatives(db, associationId)).map((i) => ({ ...i, scoredCriteria: i.scores.map((s) => s.criterionId) }))
    : [];
  const ownInitiatives = new Set(initiatives.map((i) => i.id));
  return buildDashboard({
    today,
    role: user.role === 'regionanalytiker' ? 'lasare' : user.role,
    municipalities: own,
    names,
    threshold: q.threshold,
    rounds,
    respondents,
    initiatives,
    statusReports: needsPortfolio ? (await listStatusReports(db)).filter((r) => ownInitiatives.has(r.initiativeId)) : [],
    gates: needsPortfolio ? await getGates(db, associationId) : undefined,
    criteria: needsPortfolio ? (await listCriteria(db)).filter((c) => c.weight > 0).map((c) => ({ id: c.id, label: c.label })) : [],
  });
}
