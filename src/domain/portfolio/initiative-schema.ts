// An initiative of the samverkansportfölj (DOMAIN.md §7), defined once: its fields with their Swedish
// messages (what the API, the CLI and the web form validate with) and the JSON shape the API sends.
// The store maps rows to these types, the contract (src/contracts/initiatives.ts) composes its
// endpoints from them and the web form validates with them. Pure, browser-safe.
import { z } from 'zod';
import { municipalityCode } from '../../contracts/endpoint.ts';
import { optionalRef } from '../text.ts';
import {
  COLLABORATION_FORMS,
  FUNDING_SOURCES,
  LINK_KINDS,
  PARTICIPATION_KINDS,
  REPORT_STATUSES,
  SCOPES,
  STAGES,
} from './types.ts';
import { parsePeriod } from './followup.ts';
import { hours, money, text, year } from './field-schemas.ts';
import { level } from '../risk/schema.ts';

// ---- Building blocks: amounts, hours, text and years are the portfolio's (field-schemas.ts) --------

// An initiative's risks use the risk register's levels (and its value and serious rule: src/domain/risk/assess.ts).
const level14 = level.nullable();
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .url('Ange en giltig webbadress')
  .refine((u) => /^https?:\/\//i.test(u), 'Länken ska börja med http:// eller https://');

export const stageSchema = z.enum(STAGES, { error: `Steget ska vara ett av: ${STAGES.join(', ')}` });
export const scopeSchema = z.enum(SCOPES, { error: 'Omfattningen ska vara delregional, regional eller nationell' });
export const collaborationFormSchema = z.enum(COLLABORATION_FORMS, {
  error: 'Samverkansformen ska vara samverkan, asymmetrisk, sammanlaggning eller region_stat',
});
export const participationKindSchema = z.enum(PARTICIPATION_KINDS, { error: 'Ange intresserad eller deltar' });
export const reportStatusSchema = z.enum(REPORT_STATUSES, { error: 'Status ska vara enligt_plan, avvikelse, forsenad eller stoppad' });

// ---- The parts of an initiative -----------------------------------------------------------------

export const benefitsSchema = z.object({
  qualitative: text(5000),
  economic: text(5000),
  operational: text(5000),
  /** Freed working time, hours per year. */
  hoursPerYear: hours.nullable(),
  /** Economic benefit, SEK per year (integer). */
  sekPerYear: money.nullable(),
});

export const fundingSourceSchema = z.object({
  source: z.enum(FUNDING_SOURCES, { error: 'Finansieringskällan ska vara egen, vgr_mru, eu, nationell eller ovrig' }),
  /** SEK (integer ≥ 0); null = not yet known. */
  amount: money.nullable().default(null),
  note: text(500).default(''),
});

export const riskSchema = z.object({
  description: z.string().trim().min(1, 'Beskriv risken').max(1000),
  /** 1–4, as in the risk register (DOMAIN.md §9); null = not assessed. */
  probability: level14.default(null),
  consequence: level14.default(null),
});

export const documentLinkSchema = z.object({ title: z.string().trim().min(1, 'Ange en titel').max(300), url: httpUrl });

export const linkedItemSchema = z.object({
  kind: z.enum(LINK_KINDS, { error: 'Kopplingen ska vara formaga eller utmaning' }),
  label: z.string().trim().min(1, 'Ange en etikett').max(300),
  instrumentId: z.string().max(100).optional(),
  itemId: z.string().max(100).optional(),
});

export const participationSchema = z.object({ municipality: z.string(), kind: participationKindSchema });

/** The editable fields of an initiative (everything but stage, participations, evidence and version). */
export const initiativeFieldsSchema = z.object({
  title: z.string().trim().min(3, 'Titeln ska ha minst 3 tecken').max(200, 'Högst 200 tecken'),
  description: text(10000),
  need: text(10000),
  // Empty = no area; an area that does not exist is refused by the use case.
  area: optionalRef(z.string().max(40)),
  scope: scopeSchema,
  origin: text(200),
  proposingMunicipality: municipalityCode.nullable(),
  collaborationForm: collaborationFormSchema.nullable(),
  benefits: benefitsSchema,
  /** Estimated total cost, SEK; null = not estimated. */
  estimatedCost: money.nullable(),
  fundingSources: z.array(fundingSourceSchema).max(20),
  risks: z.array(riskSchema).max(50),
  documents: z.array(documentLinkSchema).max(50),
  links: z.array(linkedItemSchema).max(50),
  startYear: year.nullable(),
  endYear: year.nullable(),
});

export type Benefits = z.output<typeof benefitsSchema>;
export type FundingSource = z.output<typeof fundingSourceSchema>;
export type Risk = z.output<typeof riskSchema>;
export type DocumentLink = z.output<typeof documentLinkSchema>;
export type LinkedItem = z.output<typeof linkedItemSchema>;
export type Participation = z.output<typeof participationSchema>;
/** The stored editable fields: an absent area is null. */
export type InitiativeFields = Omit<z.output<typeof initiativeFieldsSchema>, 'area'> & { area: string | null };
/** What a form sends: any subset of the fields, benefits in part. */
export type InitiativeChanges = Partial<Omit<z.output<typeof initiativeFieldsSchema>, 'benefits'>> & { benefits?: Partial<Benefits> };

const changesShape = initiativeFieldsSchema.partial().extend({ benefits: benefitsSchema.partial().optional() });

/** A new initiative: a title and any other fields. */
export const createInitiativeSchema = changesShape.required({ title: true });
/** A change: any fields, and the version the editor started from. */
export const updateInitiativeSchema = changesShape.extend({
  version: z.number({ error: 'Versionen av initiativet du utgick från saknas; ladda om sidan och försök igen' }).int().positive(),
});

export const EMPTY_BENEFITS: Benefits = { qualitative: '', economic: '', operational: '', hoursPerYear: null, sekPerYear: null };

/** The editable fields with nothing filled in: what a new initiative starts from (besides its title). */
export const EMPTY_INITIATIVE_FIELDS: Omit<InitiativeFields, 'title'> = {
  description: '',
  need: '',
  area: null,
  scope: 'delregional',
  origin: '',
  proposingMunicipality: null,
  collaborationForm: null,
  benefits: EMPTY_BENEFITS,
  estimatedCost: null,
  fundingSources: [],
  risks: [],
  documents: [],
  links: [],
  startYear: null,
  endYear: null,
};

export const END_BEFORE_START = 'Slutåret kan inte vara före startåret';

/** `base` with `changes` applied (benefits field by field); the message when the years are out of order. */
export function mergeFields(base: InitiativeFields, changes: InitiativeChanges): { fields: InitiativeFields; endBeforeStart: boolean } {
  const { benefits, ...rest } = changes;
  const fields: InitiativeFields = { ...base, ...rest, area: 'area' in rest ? (rest.area ?? null) : base.area, benefits: { ...base.benefits, ...benefits } };
  return { fields, endBeforeStart: fields.startYear !== null && fields.endYear !== null && fields.endYear < fields.startYear };
}

/** The editable fields of a stored initiative. */
export function fieldsOf(i: InitiativeFields): InitiativeFields {
  const keys = Object.keys(initiativeFieldsSchema.shape) as Array<keyof InitiativeFields>;
  return Object.fromEntries(keys.map((k) => [k, i[k]])) as unknown as InitiativeFields;
}

// ---- Other input ----------------------------------------------------------------------------------

export const moveStageSchema = z.object({
  to: stageSchema,
  reason: z.string().trim().min(3, 'Ange ett skäl till beslutet (minst 3 tecken)').max(2000, 'Högst 2000 tecken'),
  version: z.number().int().positive().optional(),
});

export const ACTOR_KINDS = ['akademi', 'naringsliv', 'natverk', 'region', 'ovrigt'] as const;
export const newActorSchema = z.object({
  name: z.string().trim().min(2, 'Ange aktörens namn').max(200),
  kind: z.enum(ACTOR_KINDS, { error: 'Typen ska vara akademi, naringsliv, natverk, region eller ovrigt' }),
});

export const criterionScoreSchema = z.object({
  criterionId: z.string().max(40),
  score: z.number({ error: 'Poängen ska vara ett heltal 1–5' }).int('Poängen ska vara ett heltal 1–5').min(1, 'Poängen ska vara 1–5').max(5, 'Poängen ska vara 1–5'),
  justification: z.string().trim().min(3, 'Motivera poängen (minst 3 tecken)').max(2000),
});
export const scoresSchema = z.object({ scores: z.array(criterionScoreSchema).min(1, 'Ange minst en bedömning').max(30) });

export const periodSchema = z.string().refine((p) => parsePeriod(p) !== null, 'Perioden ska skrivas 2025, 2025-H1 eller 2025-Q2');

export const statusReportInputSchema = z.object({
  status: reportStatusSchema,
  progress: z
    .number({ error: 'Framdriften ska vara ett heltal 0–100' })
    .int('Framdriften ska vara ett heltal 0–100')
    .min(0, 'Framdriften ska vara 0–100')
    .max(100, 'Framdriften ska vara 0–100'),
  comment: text(5000).default(''),
  realisedHours: hours.nullable().default(null),
  realisedSek: money.nullable().default(null),
});
export type StatusReportInput = z.output<typeof statusReportInputSchema>;

const proposalFields = {
  title: z.string().trim().min(3, 'Titeln ska ha minst 3 tecken').max(200).optional(),
  area: optionalRef(z.string().max(40)),
  proposingMunicipality: municipalityCode.nullable().optional(),
};
/** A candidate of a round: the server takes the evidence from the analysis, as the user may see it. */
export const candidateFromRoundSchema = z.object({
  roundId: z.number().int().positive().max(2_147_483_647),
  itemId: z.string().trim().min(1, 'Ange frågan/förmågan').max(100),
  filters: z.object({ respondentType: z.string().max(100).nullable().optional(), area: z.string().max(100).nullable().optional() }).default({}),
  ...proposalFields,
});
/** Evidence given by the caller (automation, other analysis tools). */
export const candidateEvidenceSchema = z.object({
  instrumentId: z.string().trim().min(1, 'Ange instrumentet').max(100),
  itemId: z.string().trim().min(1, 'Ange frågan/förmågan').max(100),
  capabilityLabel: z.string().trim().min(1, 'Ange förmågans namn').max(300),
  municipalities: z.array(municipalityCode).min(1, 'Ange minst en kommun').max(300),
  evidence: z
    .record(z.string(), z.unknown())
    .default({})
    .refine((e) => JSON.stringify(e).length <= 20_000, 'Underlaget är för stort (högst 20 000 tecken)'),
  ...proposalFields,
});
export type CandidateEvidence = z.output<typeof candidateEvidenceSchema>;

// ---- The JSON shape of a stored initiative -------------------------------------------------------

export const initiativeActorSchema = z.object({ id: z.number(), name: z.string(), kind: z.string(), role: z.string() });
export const scoredCriterionSchema = criterionScoreSchema.extend({ scoredAt: z.string() });

/**
 * A stored initiative. `evidence` is free-form JSON: the analysis a samverkanskandidat came from
 * (round, filters, thresholds) as the analysis wrote it.
 */
export const initiativeRecordSchema = initiativeFieldsSchema.extend({
  id: z.number(),
  area: z.string().nullable(),
  stage: stageSchema,
  participations: z.array(participationSchema),
  evidence: z.record(z.string(), z.unknown()).nullable(),
  actors: z.array(initiativeActorSchema),
  scores: z.array(scoredCriterionSchema),
  version: z.number(),
  isDemo: z.boolean(),
  createdBy: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InitiativeRecord = z.output<typeof initiativeRecordSchema>;
export type InitiativeActor = z.output<typeof initiativeActorSchema>;

// ---- What the API sends besides the initiative itself --------------------------------------------

/** A weighted qualification score (qualification.ts: WeightedScore). */
export const weightedScoreSchema = z.object({
  score: z.number().nullable().describe('Viktad poäng 1–5, eller null utan bedömning'),
  percent: z.number().nullable(),
  coverage: z.number().describe('Andel av vikten som är bedömd, 0–1'),
  complete: z.boolean(),
  missing: z.array(z.string()).describe('Viktade kriterier utan poäng'),
});

/** A stored status report (followup.ts: StatusReport). */
export const statusReportSchema = z.object({
  id: z.number(),
  initiativeId: z.number(),
  period: z.string(),
  status: reportStatusSchema,
  progress: z.number(),
  comment: z.string(),
  realisedHours: z.number().nullable(),
  realisedSek: z.number().nullable(),
  reportedBy: z.string().nullable(),
  reportedAt: z.string(),
});

/** Realised benefits against the yearly estimate (followup.ts: BenefitFollowUp). */
export const benefitFollowUpSchema = z.object({
  estimated: z.object({ hoursPerYear: z.number().nullable(), sekPerYear: z.number().nullable() }),
  realised: z.object({ hours: z.number(), sek: z.number() }),
  sekShareOfYearlyEstimate: z.number().nullable(),
  hoursShareOfYearlyEstimate: z.number().nullable(),
  latest: z.object({ period: z.string(), status: z.string(), progress: z.number() }).nullable(),
});

/** A decision in the stage log. */
export const stageLogEntrySchema = z.object({
  id: z.number(),
  from: stageSchema.nullable(),
  to: stageSchema,
  reason: z.string(),
  userId: z.number().nullable(),
  userName: z.string(),
  at: z.string(),
  fromLabel: z.string().nullable(),
  toLabel: z.string(),
});

/**
 * An initiative as a user sees it: the evidence as the policy lets them see it (free-form JSON, see
 * initiative-policy.ts), the stage's label, the municipalities taking part and interested, the
 * weighted qualification score and whether they may edit it.
 */
export const initiativeViewSchema = initiativeRecordSchema.extend({
  stageLabel: z.string(),
  participating: z.array(z.string()),
  interested: z.array(z.string()),
  qualification: weightedScoreSchema,
  canEdit: z.boolean(),
});
export type InitiativeView = z.output<typeof initiativeViewSchema>;
