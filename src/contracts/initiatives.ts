// The initiatives of the samverkansportfölj: reading, proposing, editing, stage decisions,
// participation, actors, qualification scores and status reports. The initiative's fields and JSON
// shape are defined once in src/domain/portfolio/initiative-schema.ts.
import { z } from 'zod';
import {
  benefitFollowUpSchema,
  candidateEvidenceSchema,
  candidateFromRoundSchema,
  createInitiativeSchema,
  initiativeViewSchema,
  moveStageSchema,
  newActorSchema,
  participationKindSchema,
  periodSchema,
  scoresSchema,
  stageLogEntrySchema,
  stageSchema,
  statusReportInputSchema,
  statusReportSchema,
  updateInitiativeSchema,
} from '../domain/portfolio/initiative-schema.ts';
import { text } from '../domain/portfolio/field-schemas.ts';
import { SCOPES, STAGES } from '../domain/portfolio/types.ts';
import { endpoint, idParam, municipalityCode } from './endpoint.ts';

const TAG = 'Initiativ';
const id = z.object({ id: idParam });
const editors = ['forbundsadmin', 'kommunansvarig'] as const;
const admin = ['forbundsadmin'] as const;
const EVIDENCE_NOTE = 'Underlaget från analysen (svaga kommuner) syns helt bara för förbundsadmin; andra ser förmågan, antalet och sina egna kommuner.';

const one = z.object({ initiative: initiativeViewSchema });
const reports = z.object({ reports: z.array(statusReportSchema), followUp: benefitFollowUpSchema });

export const listInitiatives = endpoint({
  method: 'GET',
  path: '/api/initiatives',
  summary: 'Initiativen i samverkansportföljen',
  tag: TAG,
  access: 'signedIn',
  accessNote: EVIDENCE_NOTE,
  query: z.object({
    stage: z.enum(STAGES, { error: 'Okänt steg' }).optional(),
    scope: z.enum(SCOPES, { error: 'Okänd omfattning' }).optional(),
    municipality: municipalityCode.optional().describe('Initiativ som kommunen föreslagit, deltar i eller är intresserad av'),
  }),
  response: z.object({ initiatives: z.array(initiativeViewSchema) }),
});

export const getInitiative = endpoint({
  method: 'GET',
  path: '/api/initiatives/:id',
  owners: [{ kind: 'initiative', param: 'id' }],
  summary: 'Ett initiativ med möjliga nästa steg, statusrapporter och nyttouppföljning',
  tag: TAG,
  access: 'signedIn',
  accessNote: EVIDENCE_NOTE,
  params: id,
  response: z.object({
    initiative: initiativeViewSchema,
    nextStages: z.array(z.object({ stage: stageSchema, label: z.string(), missing: z.array(z.string()).describe('Villkor i beslutspunkten som inte är uppfyllda') })),
    reports: z.array(statusReportSchema),
    followUp: benefitFollowUpSchema,
  }),
  errors: [404],
});

export const getInitiativeLog = endpoint({
  method: 'GET',
  path: '/api/initiatives/:id/log',
  owners: [{ kind: 'initiative', param: 'id' }],
  summary: 'Initiativets beslutslogg (stegbyten med skäl)',
  tag: TAG,
  access: 'signedIn',
  params: id,
  response: z.object({ log: z.array(stageLogEntrySchema) }),
  errors: [404],
});

export const createInitiative = endpoint({
  method: 'POST',
  path: '/api/initiatives',
  summary: 'Föreslår eller registrerar ett initiativ (steget Idé)',
  tag: TAG,
  access: editors,
  accessNote: 'Kommunansvarig: bara med en egen kommun som föreslagande kommun.',
  body: createInitiativeSchema,
  response: one,
  status: 201,
  errors: [404],
});

export const createFromCandidate = endpoint({
  method: 'POST',
  path: '/api/initiatives/from-candidate',
  summary: 'Skapar ett initiativ från en samverkanskandidat i analysen',
  tag: TAG,
  access: editors,
  accessNote: 'Kommunansvarig: bara utifrån egna kommuners resultat. Antingen en mätomgång och fråga (roundId, itemId) eller ett eget underlag.',
  body: z.union([candidateFromRoundSchema, candidateEvidenceSchema], {
    error: 'Ange antingen mätomgång och fråga eller ett eget underlag (instrument, fråga, förmåga och kommuner)',
  }),
  response: z.object({
    initiative: initiativeViewSchema.extend({
      suggestedMunicipalities: z.array(z.string()).optional().describe('De svaga kommunerna, föreslagna som deltagare (bara förbundsadmin)'),
    }),
  }),
  status: 201,
  errors: [404],
});

export const updateInitiative = endpoint({
  method: 'PATCH',
  path: '/api/initiatives/:id',
  owners: [{ kind: 'initiative', param: 'id' }],
  summary: 'Ändrar ett initiativs uppgifter (med versionen du utgick från)',
  tag: TAG,
  access: editors,
  accessNote: 'Kommunansvarig: bara egna kommuners förslag, och bara i steget Idé.',
  params: id,
  body: updateInitiativeSchema,
  response: one,
  errors: [404, 409],
});

export const moveStage = endpoint({
  method: 'POST',
  path: '/api/initiatives/:id/stage',
  owners: [{ kind: 'initiative', param: 'id' }],
  summary: 'Flyttar initiativet till ett annat steg (beslut med skäl)',
  tag: TAG,
  access: admin,
  params: id,
  body: moveStageSchema,
  response: one,
  errors: [404, 409, 422],
});

const participationParams = z.object({ id: idParam, code: municipalityCode });

export const setParticipation = endpoint({
  method: 'PUT',
  path: '/api/initiatives/:id/participations/:code',
  // The municipality is checked by the use case: one outside the initiative's association is a 400 naming it.
  owners: [{ kind: 'initiative', param: 'id' }],
  summary: 'Anmäler en kommuns intresse eller deltagande',
  tag: TAG,
  access: editors,
  accessNote: 'Kommunansvarig: bara egna kommuner. Kommunen måste vara medlem i initiativets förbund.',
  params: participationParams,
  body: z.object({ kind: participationKindSchema }),
  response: one,
  errors: [404, 409],
});

export const removeParticipation = endpoint({
  method: 'DELETE',
  path: '/api/initiatives/:id/participations/:code',
  owners: [{ kind: 'initiative', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Tar bort en kommuns intresse eller deltagande',
  tag: TAG,
  access: editors,
  accessNote: 'Kommunansvarig: bara egna kommuner.',
  params: participationParams,
  response: one,
  errors: [404, 409],
});

export const createActor = endpoint({
  method: 'POST',
  path: '/api/actors',
  summary: 'Lägger till en aktör (akademi, näringsliv, nätverk …)',
  tag: TAG,
  access: admin,
  body: newActorSchema,
  response: z.object({ actor: z.object({ id: z.number(), name: z.string(), kind: z.string() }) }),
  status: 201,
  errors: [409],
});

const actorParams = z.object({ id: idParam, actorId: idParam });

export const setActor = endpoint({
  method: 'PUT',
  path: '/api/initiatives/:id/actors/:actorId',
  owners: [{ kind: 'initiative', param: 'id' }],
  summary: 'Knyter en aktör till initiativet, med dess roll',
  tag: TAG,
  access: admin,
  params: actorParams,
  body: z.object({ role: text(200).default('') }).default({ role: '' }),
  response: one,
  errors: [404],
});

export const removeActor = endpoint({
  method: 'DELETE',
  path: '/api/initiatives/:id/actors/:actorId',
  owners: [{ kind: 'initiative', param: 'id' }],
  summary: 'Tar bort en aktör från initiativet',
  tag: TAG,
  access: admin,
  params: actorParams,
  response: one,
  errors: [404],
});

export const setScores = endpoint({
  method: 'PUT',
  path: '/api/initiatives/:id/scores',
  owners: [{ kind: 'initiative', param: 'id' }],
  summary: 'Bedömer initiativet mot kvalificeringskriterierna (poäng 1–5 med motivering)',
  tag: TAG,
  access: admin,
  params: id,
  body: scoresSchema,
  response: one,
  errors: [404, 409],
});

export const listReports = endpoint({
  method: 'GET',
  path: '/api/initiatives/:id/reports',
  owners: [{ kind: 'initiative', param: 'id' }],
  summary: 'Initiativets statusrapporter och nyttouppföljning',
  tag: TAG,
  access: 'signedIn',
  params: id,
  response: reports,
  errors: [404],
});

export const reportStatus = endpoint({
  method: 'PUT',
  path: '/api/initiatives/:id/reports/:period',
  owners: [{ kind: 'initiative', param: 'id' }],
  summary: 'Lämnar eller ändrar en statusrapport för en period (2025, 2025-H1 eller 2025-Q2)',
  tag: TAG,
  access: editors,
  accessNote: 'Kommunansvarig: initiativ som egen kommun föreslagit eller deltar i.',
  params: z.object({ id: idParam, period: periodSchema }),
  body: statusReportInputSchema,
  response: reports,
  errors: [404, 409],
});
