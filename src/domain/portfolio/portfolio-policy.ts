// Who may see and change the portfolio's configuration and follow-up (DOMAIN.md §7, §10). Pure: the
// contracts take their `access` from here, the web asks it which controls to show.
//
// - Every signed-in role reads the configuration (stages, gates, criteria), the ranking, the
//   handlingsplan, the indicators, the funding follow-up and the networks: none of it holds
//   respondent data or identifiable results.
// - Only the association (förbundsadmin) changes criteria, gates, indicator values, funding and
//   networks, and sees which initiatives are late with their status reports (a list of municipalities'
//   shortcomings is the association's follow-up, not a public ranking). A kommunansvarig — of any
//   municipality — and a läsare read only.
import type { Role } from '../organisation.ts';

export type { Viewer } from './initiative-policy.ts';
import type { Viewer } from './initiative-policy.ts';

/** Roles that change the portfolio's configuration and regional follow-up. */
export const PORTFOLIO_ADMINS = ['forbundsadmin'] as const satisfies readonly Role[];

const isAdmin = (v: Viewer) => v !== null && (PORTFOLIO_ADMINS as readonly Role[]).includes(v.role);

/** Reading the configuration, ranking, handlingsplan, indicators, funding and networks. */
export const canReadPortfolio = (v: Viewer): boolean => v !== null;
/** Changing criteria, gates, indicator values, funding projects and networks. */
export const canConfigurePortfolio = isAdmin;
/** The list of initiatives with overdue status reports. */
export const canSeeOverdueReports = isAdmin;
