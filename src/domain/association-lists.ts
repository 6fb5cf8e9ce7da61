// Which association a list or a new aggregate of the portfolio, the economics, the risk register, the
// accounts and the event log is limited to (issue 14). The rule of who works in which association is
// src/domain/association-scope.ts; this is how a list applies it. Pure.
import type { Viewer } from './organisation.ts';

/** An association id no association has (ids are serial from 1): the region's analyst's lists are empty. */
export const NO_ASSOCIATION = 0;

/**
 * The association whose rows `viewer` lists, and in which its new rows are made: its own association; for
 * the region's analyst none (NO_ASSOCIATION); undefined (every association, new rows in the default one) for
 * a viewer without association id — a use case called without a signed-in account. The command line passes
 * the association of its `--association` option.
 */
export function listAssociation(viewer: Pick<Viewer, 'role' | 'associationId'>): number | undefined {
  if (viewer.role === 'regionanalytiker') return NO_ASSOCIATION;
  return viewer.associationId ?? undefined;
}

/** The Swedish 400 message when a municipality is not a member of the association. */
export const notMemberMessage = (m: { code: string; name: string }, association: string) =>
  `Kommunen ${m.name} (${m.code}) är inte medlem i ${association}`;
