// Samverkansportföljen (DOMAIN.md §7, §10) under /portfolj: Prioritering (criteria and weights, the
// ranking, the stage gates), the handlingsplan, the overdue status reports and the regional indicators
// with funding and networks. Every signed-in role reads; only förbundsadmin sees editing controls
// (src/domain/portfolio/portfolio-policy.ts), and the server enforces every role.
import { Navigate } from 'react-router-dom';

export { PrioritizationPage } from './prioritization.tsx';
export { HandlingsplanPage } from './handlingsplan.tsx';
export { FollowUpPage } from './follow-up.tsx';
export { IndicatorsPage } from './indicators.tsx';

/** /portfolj → the first subpage. */
export function PortfolioIndexPage() {
  return <Navigate to="/portfolj/prioritering" replace />;
}
