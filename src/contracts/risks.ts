// The risk register (DOMAIN.md §9): configuration (themes, statuses, the serious threshold), risks with
// their assessments and history, a municipality's 4 × 4 matrix and a group's heatmap. Response schemas
// mirror src/domain/risk/view.ts (checked at compile time). Who may do what: src/domain/risk/policy.ts.
import { z } from 'zod';
import {
  assessmentInput,
  assessmentValue,
  RISK_STATUSES,
  riskInput,
  themeId,
  themeInput,
} from '../domain/risk/schema.ts';
import { RISK_ADMINS, RISK_EDITORS } from '../domain/risk/policy.ts';
import type { AssessmentView, RiskHeatmapView, RiskMatrixView, RiskView } from '../domain/risk/view.ts';
import { agrees, type Same } from '../domain/schema-agrees.ts';
import { endpoint, idParam, municipalityCode } from './endpoint.ts';

const TAG = 'Risker';
/** Keys that mean something else in the risk register than elsewhere. */
const labels = { measure: 'Åtgärd', source: 'Källa', value: 'Riskvärde', scope: 'Register' } as const;

const status = z.enum(RISK_STATUSES);
const theme = z.object({ id: z.string(), name: z.string(), sort: z.number() });

export const assessmentView = z.object({
  municipalityCode: z.string().nullable(),
  municipality: z.string().nullable(),
  assessedOn: z.string(),
  assessment: assessmentValue,
  value: z.number().nullable(),
  serious: z.boolean(),
  source: z.string(),
  note: z.string(),
});
agrees<Same<z.infer<typeof assessmentView>, AssessmentView>>();

export const riskView = z.object({
  id: z.number(),
  themeId: z.string(),
  theme: z.string(),
  title: z.string(),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('municipality'), municipalityCode: z.string(), municipality: z.string() }),
    z.object({ kind: z.literal('group'), groupId: z.number(), group: z.string() }),
  ]),
  owner: z.string(),
  measure: z.string(),
  status,
  statusLabel: z.string(),
  reviewDate: z.string().nullable(),
  initiativeId: z.number().nullable(),
  source: z.string(),
  note: z.string(),
  synthesised: z.boolean(),
  current: z.array(assessmentView),
  history: z.array(assessmentView),
});
agrees<Same<z.infer<typeof riskView>, RiskView>>();

export const riskMatrixView = z.object({
  municipalityCode: z.string(),
  municipality: z.string(),
  cells: z.array(z.array(z.object({ probability: z.number(), consequence: z.number(), value: z.number(), serious: z.boolean(), riskIds: z.array(z.number()) }))),
  valueOnly: z.array(z.object({ riskId: z.number(), value: z.number(), serious: z.boolean() })),
  assessed: z.number(),
  serious: z.number(),
  notAssessed: z.number(),
});
agrees<Same<z.infer<typeof riskMatrixView>, RiskMatrixView>>();

export const riskHeatmapView = z.object({
  groupId: z.number(),
  group: z.string(),
  named: z.boolean(),
  seriousAbove: z.number(),
  municipalities: z.array(z.object({ municipalityCode: z.string(), municipality: z.string(), assessed: z.number(), serious: z.number() })),
  themes: z.array(z.object({ themeId: z.string(), theme: z.string() })),
  rows: z.array(
    z.object({
      riskId: z.number(),
      themeId: z.string(),
      title: z.string(),
      values: z.array(z.object({ municipalityCode: z.string(), value: z.number().nullable(), serious: z.boolean(), notAssessed: z.boolean() })),
    }),
  ),
});
agrees<Same<z.infer<typeof riskHeatmapView>, RiskHeatmapView>>();

export const seriousAboveSchema = z
  .number({ error: 'Gränsen ska vara ett heltal 0–16' })
  .int('Gränsen ska vara ett heltal 0–16')
  .min(0, 'Gränsen ska vara ett heltal 0–16')
  .max(16, 'Gränsen ska vara ett heltal 0–16');

export const getRiskConfig = endpoint({
  method: 'GET',
  path: '/api/risks/config',
  summary: 'Riskregistrets teman, statusar, gränsen för allvarliga risker och grupperna',
  tag: TAG,
  access: 'signedIn',
  response: z.object({
    themes: z.array(theme),
    statuses: z.array(z.object({ id: status, label: z.string() })),
    seriousAbove: z.number(),
    groups: z.array(z.object({ id: z.number(), name: z.string(), namedPublished: z.boolean(), members: z.array(z.string()) })),
  }),
});
export type RiskConfig = z.infer<typeof getRiskConfig.response>;

export const saveRiskThemes = endpoint({
  method: 'PUT',
  path: '/api/risks/themes',
  summary: 'Ersätter riskteman (ett tema som risker använder kan inte tas bort)',
  tag: TAG,
  access: RISK_ADMINS,
  body: z.object({
    themes: z
      .array(themeInput)
      .min(1, 'Ange minst ett tema')
      .max(50)
      .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, 'Varje tema behöver ett eget id')
      .refine((ts) => new Set(ts.map((t) => t.name.toLocaleLowerCase('sv'))).size === ts.length, 'Varje tema behöver ett eget namn'),
  }),
  response: z.object({ themes: z.array(theme) }),
  errors: [409],
});

export const setRiskThreshold = endpoint({
  method: 'PUT',
  path: '/api/risks/threshold',
  summary: 'Sätter gränsen: ett riskvärde över den är allvarligt (förvalt 7)',
  tag: TAG,
  access: RISK_ADMINS,
  body: z.object({ seriousAbove: seriousAboveSchema }),
  response: z.object({ seriousAbove: z.number() }),
});

const municipalityCounts = z.object({ municipalityCode: z.string(), municipality: z.string(), assessed: z.number(), serious: z.number(), notAssessed: z.number() });

export const listRisks = endpoint({
  method: 'GET',
  path: '/api/risks',
  summary: 'Risker med aktuella bedömningar och historik, och antal bedömda/allvarliga per kommun',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Kommunansvarig: egna kommunens risker och egna bedömningar i en grupps register. Läsare: gruppernas risker utan namngivna bedömningar om gruppen inte är publicerad med namn.',
  query: z.object({
    theme: themeId.optional(),
    municipality: municipalityCode.optional(),
    group: idParam.optional(),
    initiative: idParam.optional(),
  }),
  response: z.object({ seriousAbove: z.number(), risks: z.array(riskView), counts: z.array(municipalityCounts), qualityFlags: z.array(z.string()) }),
  errors: [404],
});

export const createRisk = endpoint({
  method: 'POST',
  path: '/api/risks',
  summary: 'Registrerar en risk i en kommuns eller en grupps register',
  tag: TAG,
  labels,
  access: RISK_EDITORS,
  accessNote: 'Kommunansvarig: bara i egna kommunens register.',
  body: riskInput,
  response: z.object({ risk: riskView }),
  status: 201,
});

export const getRisk = endpoint({
  method: 'GET',
  path: '/api/risks/:id',
  owners: [{ kind: 'risk', param: 'id' }],
  summary: 'En risk med aktuella bedömningar och historik',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Som registret: kommunansvarig ser egna kommunens risker och gruppers risker; andra kommuners bedömningar avidentifierade om gruppen inte är publicerad med namn.',
  params: z.object({ id: idParam }),
  response: z.object({ risk: riskView }),
  errors: [404],
});

export const updateRisk = endpoint({
  method: 'PATCH',
  path: '/api/risks/:id',
  owners: [{ kind: 'risk', param: 'id' }],
  summary: 'Ändrar en risks uppgifter (inte registret den hör till)',
  tag: TAG,
  labels,
  access: RISK_EDITORS,
  accessNote: 'Kommunansvarig: bara i egna kommunens register.',
  params: z.object({ id: idParam }),
  body: riskInput.omit({ scope: true }).partial(),
  response: z.object({ risk: riskView }),
  errors: [404],
});

export const deleteRisk = endpoint({
  method: 'DELETE',
  path: '/api/risks/:id',
  owners: [{ kind: 'risk', param: 'id' }],
  summary: 'Tar bort en risk med dess bedömningar',
  tag: TAG,
  access: RISK_EDITORS,
  accessNote: 'Kommunansvarig: bara i egna kommunens register.',
  params: z.object({ id: idParam }),
  response: z.object({ id: z.number(), deleted: z.boolean() }),
  errors: [404],
});

export const assessRisk = endpoint({
  method: 'POST',
  path: '/api/risks/:id/assessments',
  owners: [{ kind: 'risk', param: 'id' }],
  summary: 'Lägger till en bedömning av en risk (tidigare bedömningar finns kvar som historik)',
  tag: TAG,
  labels,
  access: RISK_EDITORS,
  accessNote: 'Kommunansvarig: bara för egen kommun.',
  params: z.object({ id: idParam }),
  body: assessmentInput,
  response: z.object({ risk: riskView }),
  status: 201,
  errors: [404],
});

export const getRiskMatrix = endpoint({
  method: 'GET',
  path: '/api/risks/matrix/:municipality',
  owners: [{ kind: 'municipality', param: 'municipality' }],
  summary: 'En kommuns riskmatris 4 × 4 (sannolikhet × konsekvens) av aktuella bedömningar',
  tag: TAG,
  access: RISK_EDITORS,
  accessNote: 'Kommunansvarig: bara egen kommun.',
  params: z.object({ municipality: municipalityCode }),
  query: z.object({ theme: themeId.optional() }),
  response: z.object({ matrix: riskMatrixView }),
  errors: [404],
});

export const getRiskHeatmap = endpoint({
  method: 'GET',
  path: '/api/risks/heatmap/:group',
  owners: [{ kind: 'group', param: 'group' }],
  summary: 'En grupps risker × kommuner med antal bedömda och allvarliga per kommun',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Kommunerna visas som "Kommun N" utom för förbundet, för egen kommun och när gruppen är publicerad med namn.',
  params: z.object({ group: idParam }),
  query: z.object({ theme: themeId.optional() }),
  response: z.object({ heatmap: riskHeatmapView }),
  errors: [404],
});
