// The rounds a user may see (src/domain/round-policy.ts), always of the user's own association only (the
// region's analyst sees none): läsare the public fields of all; kommunansvarig the rounds of their
// municipalities with the response totals of those; förbundsadmin everything.
import type { Queryable } from '../db/db.ts';
import type { RoundListEntry } from '../contracts/rounds.ts';
import { listedMunicipalities, type Viewer } from '../domain/round-policy.ts';
import { listInstruments } from '../store/instruments.ts';
import { listRounds, responseTotals } from '../store/rounds.ts';
import { publicRound } from './round-view.ts';
import { NO_ASSOCIATION, viewerAssociation } from '../domain/association-scope.ts';

export async function listRoundsFor(db: Queryable, user: Viewer): Promise<RoundListEntry[]> {
  const titles = new Map((await listInstruments(db)).map((i) => [i.id, i.title]));
  const associationId = viewerAssociation(user);
  if (associationId === NO_ASSOCIATION) return [];
  if (user.role === 'lasare') return (await listRounds(db, { associationId })).map((r) => publicRound(r, titles.get(r.instrument)));
  const own = listedMunicipalities(user);
  const [rounds, totals] = await Promise.all([listRounds(db, { municipalities: own, associationId }), responseTotals(db, own)]);
  return rounds.map((r) => ({
    ...r,
    instrumentTitle: titles.get(r.instrument),
    // Completed of the respondents in the sample, over the municipalities the user may see.
    responses: totals.get(r.id) ?? { total: 0, completed: 0 },
    // A kommunansvarig sees which of their own municipalities take part.
    ownMunicipalities: user.role === 'kommunansvarig' ? r.municipalities.filter((c) => user.municipalities.includes(c)) : undefined,
  }));
}
