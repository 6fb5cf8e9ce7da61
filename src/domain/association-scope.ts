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

/** The association whose data the viewer works in; null for the region's analyst. The CLI operator passes its --association. */
export function viewerAssociation(viewer: Viewer): number | null {
  return viewer.role === 'regionanalytiker' ? null : (viewer.associationId ?? null);
}

/**
 * Whether the viewer may read or change an aggregate owned by `associationId`. A viewer without an
 * association id (the command-line operator, who chose the association with --association) is not limited.
 */
export function canUseAssociation(viewer: Viewer, associationId: number): boolean {
  if (viewer.role === 'regionanalytiker') return false;
  return viewer.associationId === undefined || viewer.associationId === associationId;
}

/** The regional follow-up (every association's indicators and funds, side by side): the region's analyst and the associations' admins. */
export function canReadRegionalFollowUp(viewer: Viewer): boolean {
  return viewer.role === 'regionanalytiker' || viewer.role === 'forbundsadmin';
}

/** Whether the viewer is the region's analyst (no association, no identifiable survey data). */
export const isRegionAnalyst = (viewer: Viewer): boolean => viewer.role === 'regionanalytiker';
