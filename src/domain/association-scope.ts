// Which association's data a viewer works in (DOMAIN.md §1, §2; issue 14): the one place that decides it.
// Every association-owned aggregate (rounds and their respondents, initiatives, networks, funding, indicators,
// groups, economics and risks through their municipalities or groups) is read and written only inside the
// viewer's association. The region's analyst (regionanalytiker) belongs to no association: it reads every
// association's follow-up (indicators and funds) and anonymised cross-association benchmarks, never a
// municipality's identifiable survey data. Pure.
import type { Viewer } from './organisation.ts';

/**
 * The kinds of association-owned aggregates a path parameter can address (contracts' `owners`): each
 * resolves to its association in src/server/association-guard.ts. A member municipality belongs to its
 * association; a respondent and a report job to their round; a risk to its municipality's or group's
 * association; an account and an e-mail domain's sign-in rule to their association.
 */
export const OWNER_KINDS = ['round', 'initiative', 'network', 'fundingProject', 'group', 'risk', 'municipality', 'user', 'signInDomain'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** An association id no association has (ids are serial from 1): the region's analyst's lists are empty. */
export const NO_ASSOCIATION = 0;

/**
 * The association whose data the viewer works in: its lists are limited to it and its new aggregates are made
 * in it. The account's own association; NO_ASSOCIATION (nothing at all) for the region's analyst; undefined
 * (every association, new aggregates in the default one) for a viewer bound to none, the command-line operator
 * without --association. The command line passes the association of its --association option as the viewer's.
 */
export function viewerAssociation(viewer: Pick<Viewer, 'role' | 'associationId'>): number | undefined {
  if (viewer.role === 'regionanalytiker') return NO_ASSOCIATION;
  return viewer.associationId ?? undefined;
}

/** Whether the viewer may read or change an aggregate owned by `associationId`: the same rule, for one aggregate. */
export function canUseAssociation(viewer: Pick<Viewer, 'role' | 'associationId'>, associationId: number): boolean {
  const own = viewerAssociation(viewer);
  return own === undefined || own === associationId;
}

/** Whether the viewer is the region's analyst (no association, no identifiable survey data). */
export const isRegionAnalyst = (viewer: Viewer): boolean => viewer.role === 'regionanalytiker';

/** The Swedish 400 message when a municipality is not a member of the association. */
export const notMemberMessage = (m: { code: string; name: string }, association: string) =>
  `Kommunen ${m.name} (${m.code}) är inte medlem i ${association}`;
