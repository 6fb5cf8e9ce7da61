// The portfolio's configuration as the pages and forms need it: stages with their next steps and
// gate requirements (described in Swedish), the criteria, and the value lists with their labels.
import type { Queryable } from '../db/db.ts';
import {
  COLLABORATION_FORMS,
  COLLABORATION_FORM_LABELS,
  COST_TYPES,
  COST_TYPE_LABELS,
  describeRequirement,
  FUNDING_SOURCES,
  FUNDING_SOURCE_LABELS,
  INDICATORS,
  INDICATOR_LABELS,
  INDICATOR_UNITS,
  PARTICIPATION_KINDS,
  PARTICIPATION_LABELS,
  REPORT_STATUSES,
  REPORT_STATUS_LABELS,
  SCOPES,
  SCOPE_LABELS,
  STAGES,
  STAGE_LABELS,
  TRANSITIONS,
} from '../domain/portfolio/index.ts';
import { getGates, listCriteria } from '../store/initiatives.ts';

const options = <K extends string>(ids: readonly K[], labels: Record<K, string>) => ids.map((id) => ({ id, label: labels[id] }));

/** The configuration as one association works with it (its gates; the criteria are the instance's). */
export async function portfolioConfig(db: Queryable, associationId?: number) {
  const gates = await getGates(db, associationId);
  return {
    stages: STAGES.map((s) => ({
      id: s,
      label: STAGE_LABELS[s],
      next: TRANSITIONS[s],
      gate: (gates[s] ?? []).map((r) => ({ ...r, description: describeRequirement(r) })),
    })),
    gates,
    criteria: await listCriteria(db),
    scopes: options(SCOPES, SCOPE_LABELS),
    collaborationForms: options(COLLABORATION_FORMS, COLLABORATION_FORM_LABELS),
    fundingSources: options(FUNDING_SOURCES, FUNDING_SOURCE_LABELS),
    participationKinds: options(PARTICIPATION_KINDS, PARTICIPATION_LABELS),
    reportStatuses: options(REPORT_STATUSES, REPORT_STATUS_LABELS),
    costTypes: options(COST_TYPES, COST_TYPE_LABELS),
    indicators: INDICATORS.map((id) => ({ id, label: INDICATOR_LABELS[id], unit: INDICATOR_UNITS[id] })),
  };
}
