// The risk register (DOMAIN.md §9, issue 12): the register with its filters, a municipality's 4 × 4
// matrix, a group's risk × municipality heatmap, one risk with its assessments and history, a new risk,
// and the association's themes and serious threshold; one component per concern in pages/risks/. The
// server (src/risks, src/domain/risk/policy.ts) enforces every permission; the pages only hide what a
// role cannot do.
export { RisksPage } from './risks/register.tsx';
export { RiskMatrixPage } from './risks/matrix.tsx';
export { RiskGroupPage } from './risks/group.tsx';
export { RiskPage } from './risks/detail.tsx';
export { NewRiskPage } from './risks/new.tsx';
export { RiskSettingsPage } from './risks/settings.tsx';
