// Samverkansinitiativ (DOMAIN.md §7): the portfolio list, a new initiative (also from a
// samverkanskandidat in the analysis), and an initiative's page — its fields and edit (optimistic
// concurrency with the version), stage moves with their gates and log, participation, other actors,
// qualification scores and status reports, one component per concern in pages/initiatives/. The
// server (src/portfolio/initiatives, src/domain/portfolio/initiative-policy.ts) enforces every
// permission; the pages only hide what a role cannot do.
export { InitiativesPage } from './initiatives/list.tsx';
export { NewInitiativePage } from './initiatives/new.tsx';
export { InitiativePage } from './initiatives/detail.tsx';
