// Samverkansportföljen (DOMAIN.md §7, §10) under /portfolj: Prioritering (criteria and weights, the
// ranking, the stage gates), the handlingsplan, the overdue status reports and the regional indicators
// with funding and networks. Every signed-in role reads; only förbundsadmin sees editing controls
// (src/domain/portfolio/portfolio-policy.ts), and the server enforces every role.
// Each subpage is a chunk of its own (routes.tsx imports prioritization.tsx, handlingsplan.tsx,
// follow-up.tsx and indicators.tsx), so only the indicators page loads the chart code.
import { Navigate } from 'react-router-dom';

/** /portfolj → the first subpage. */
export function PortfolioIndexPage() {
  return <Navigate to="/portfolj/prioritering" replace />;
}
