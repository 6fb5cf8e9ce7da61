// The portfolio's configuration and regional follow-up: stages, gates and criteria, the ranking, the
// overdue status reports, the handlingsplan, the indicators, the funding follow-up and the networks.
// Who may do what: src/domain/portfolio/portfolio-policy.ts.
import { z } from 'zod';
import {
  COST_TYPES,
  gateConfigSchema,
  gateRequirementSchema,
  INDICATORS,
  parsePeriod,
  STAGES,
  todaySchema,
  DEFAULT_GRACE_DAYS,
} from '../domain/portfolio/index.ts';
import { queryYear, yearPeriod } from '../domain/portfolio/field-schemas.ts';
import {
  criteriaInput,
  criterion,
  fundingProject,
  fundingProjectInput,
  indicatorKey,
  indicatorValueInput,
  network,
  networkCreateInput,
  networkPatchInput,
} from '../domain/portfolio/portfolio-schema.ts';
import { PORTFOLIO_ADMINS } from '../domain/portfolio/portfolio-policy.ts';
import type {
  AssociationFollowUp as DomainAssociationFollowUp,
  FundingFollowUp,
  HandlingsplanModel as DomainHandlingsplanModel,
  IndicatorRow as DomainIndicatorRow,
  OverdueReport,
  RankedInitiative,
} from '../domain/portfolio/index.ts';
import { endpoint, fileResponse, idParam, timestamp } from './endpoint.ts';
import { REPORT_FILE_TYPES, reportFormat, reportOrJsonFormat } from './reports.ts';

const TAG = 'Samverkansportfölj';
const FOLLOW_UP = 'Regional uppföljning';

const stage = z.enum(STAGES);
const option = z.object({ id: z.string(), label: z.string() });

export const getPortfolioConfig = endpoint({
  method: 'GET',
  path: '/api/portfolio/config',
  summary: 'Portföljens steg med beslutsvillkor, kriterier och värdelistor',
  tag: TAG,
  access: 'signedIn',
  response: z.object({
    stages: z.array(
      z.object({
        id: stage,
        label: z.string(),
        next: z.array(stage),
        gate: z.array(z.intersection(gateRequirementSchema, z.object({ description: z.string() }))),
      }),
    ),
    gates: gateConfigSchema,
    criteria: z.array(criterion),
    scopes: z.array(option),
    collaborationForms: z.array(option),
    fundingSources: z.array(option),
    participationKinds: z.array(option),
    reportStatuses: z.array(option),
    costTypes: z.array(option),
    indicators: z.array(option.extend({ unit: z.enum(['antal', 'procent']) })),
  }),
});
export type PortfolioConfig = z.infer<typeof getPortfolioConfig.response>;

export const saveCriteria = endpoint({
  method: 'PUT',
  path: '/api/portfolio/criteria',
  summary: 'Ersätter kvalificeringskriterierna (borttagna kriteriers poäng tas bort)',
  tag: TAG,
  access: PORTFOLIO_ADMINS,
  body: z.object({ criteria: criteriaInput }),
  response: z.object({ criteria: z.array(criterion) }),
});

export const saveGates = endpoint({
  method: 'PUT',
  path: '/api/portfolio/gates',
  summary: 'Ersätter beslutsvillkoren för stegen',
  tag: TAG,
  access: PORTFOLIO_ADMINS,
  body: z.object({ gates: gateConfigSchema }),
  response: z.object({ gates: gateConfigSchema }),
});

export const DEFAULT_RANKING_STAGES = 'kvalificering,prioriterad';

export const getRanking = endpoint({
  method: 'GET',
  path: '/api/initiatives/ranking',
  summary: 'Initiativen rangordnade efter viktad kvalificeringspoäng',
  tag: TAG,
  access: 'signedIn',
  query: z.object({
    stages: z
      .string()
      .max(200)
      .optional()
      .transform((s, ctx) => {
        const list = (s ?? DEFAULT_RANKING_STAGES).split(',').map((x) => x.trim()).filter(Boolean);
        for (const x of list)
          if (!(STAGES as readonly string[]).includes(x)) {
            ctx.addIssue({ code: 'custom', message: `Okänt steg "${x}"` });
            return z.NEVER;
          }
        return list as (typeof STAGES)[number][];
      })
      .describe('Stegen som tas med, kommaseparerade (förvalt kvalificering,prioriterad)'),
  }),
  response: z.object({
    criteria: z.array(criterion),
    formula: z.string(),
    ranking: z.array(
      z.object({
        rank: z.number(),
        id: z.number(),
        title: z.string(),
        participating: z.number(),
        score: z.number().nullable(),
        percent: z.number().nullable(),
        coverage: z.number(),
        complete: z.boolean(),
        missing: z.array(z.string()),
        stage,
        stageLabel: z.string(),
        scores: z.array(z.object({ criterionId: z.string(), score: z.number(), justification: z.string(), scoredAt: timestamp })),
      }),
    ),
  }),
});
export type Ranking = z.infer<typeof getRanking.response>;

const period = z.string().refine((p) => parsePeriod(p) !== null, 'Perioden ska skrivas 2025, 2025-H1 eller 2025-Q2');

export const getOverdueReports = endpoint({
  method: 'GET',
  path: '/api/followup/overdue',
  summary: 'Initiativ vars statusrapport för perioden är försenad',
  tag: TAG,
  access: PORTFOLIO_ADMINS,
  query: z.object({
    period: period.optional().describe('Förvalt: senast avslutade kvartal'),
    graceDays: z.coerce.number().int().min(0, 'Antal dagars marginal ska vara 0–365').max(365, 'Antal dagars marginal ska vara 0–365').default(DEFAULT_GRACE_DAYS),
    today: todaySchema.optional().describe('Dagens datum för förhandsvisning, ÅÅÅÅ-MM-DD'),
  }),
  response: z.object({
    period: z.string(),
    today: z.string(),
    graceDays: z.number(),
    overdue: z.array(z.object({ initiativeId: z.number(), title: z.string(), period: z.string(), dueDate: z.string(), daysOverdue: z.number() })),
  }),
});
export type OverdueReports = z.infer<typeof getOverdueReports.response>;

// ---- Handlingsplan --------------------------------------------------------------------------------

const handlingsplanModel = z.object({
  title: z.string(),
  association: z.string(),
  period: z.object({ from: z.number(), to: z.number() }),
  generatedAt: timestamp,
  rows: z.array(
    z.object({
      rank: z.number(),
      id: z.number(),
      title: z.string(),
      stage: z.string(),
      scope: z.string(),
      area: z.string(),
      need: z.string(),
      collaborationForm: z.string(),
      period: z.string(),
      participating: z.array(z.string()),
      interested: z.array(z.string()),
      actors: z.array(z.string()),
      weightedScore: z.number().nullable(),
      scorePercent: z.number().nullable(),
      estimatedCost: z.number().nullable(),
      sekPerYear: z.number().nullable(),
      hoursPerYear: z.number().nullable(),
      funding: z.string(),
    }),
  ),
  criteria: z.array(z.object({ label: z.string(), weight: z.number(), description: z.string() })),
  totals: z.object({ initiatives: z.number(), estimatedCost: z.number(), sekPerYear: z.number(), hoursPerYear: z.number(), municipalities: z.number() }),
  notes: z.array(z.string()),
});
export type HandlingsplanModel = z.infer<typeof handlingsplanModel>;


export const getHandlingsplan = endpoint({
  method: 'GET',
  path: '/api/handlingsplan',
  summary: 'Handlingsplanen för en period: som JSON, eller som PDF, Word (DOCX) eller Excel (XLSX) med format=pdf|docx|xlsx',
  tag: TAG,
  access: 'signedIn',
  query: yearPeriod(
    z.object({
      from: queryYear,
      to: queryYear,
      format: reportOrJsonFormat,
    }),
  ),
  labels: { from: 'Startår', to: 'Slutår' },
  // format=json (the default) answers with this; pdf, docx and xlsx with the file.
  response: z.object({ handlingsplan: handlingsplanModel }).describe('format=json; pdf, docx och xlsx ger filen'),
});

// ---- Indicators, funding, networks -----------------------------------------------------------------

const flag = z.object({
  code: z.enum(['PERCENT_SUM', 'TOTAL_MISMATCH', 'BASE_MISMATCH', 'MENTIONS_AS_SHARE', 'MONEY_UNIT', 'OVERSPENT', 'MEMBER_COUNT']),
  severity: z.literal('warning'),
  subject: z.string().describe('Vilken siffra flaggan gäller'),
  message: z.string(),
  expected: z.number().optional().describe('Värdet som delarna ger'),
  actual: z.number().optional().describe('Värdet som publicerat'),
  difference: z.number().optional(),
});

// Three separate figures: expected, published (value, source, date) and computed (value, base, n, marks).
export const indicatorRow = z.object({
  indicator: z.enum(INDICATORS),
  label: z.string(),
  unit: z.enum(['antal', 'procent']),
  definition: z.string().describe('Hur indikatorn räknas, med förbundets egen definition'),
  expected: z.number().nullable().describe('Förväntat värde i beslutet'),
  published: z
    .object({ value: z.number(), source: z.string(), asOf: z.string().describe('"aug. 2025" för "Utfall per aug. 2025"') })
    .nullable()
    .describe('Utfallet som publicerat, med källa och datum'),
  computed: z
    .object({
      value: z.number().nullable(),
      base: z.string(),
      n: z.number().nullable(),
      count: z.number().nullable(),
      synthesised: z.boolean().describe('Vilar på syntetiserade demodata'),
      incomplete: z.boolean().describe('Vilar på ofullständigt underlag'),
      caveat: z.string(),
    })
    .nullable()
    .describe('Utfallet beräknat i samverka, med bas'),
  notComputed: z.string(),
  note: z.string(),
});
export type IndicatorRow = z.infer<typeof indicatorRow>;

export const fundingProjectView = fundingProject.extend({
  followUp: z.object({
    rows: z.array(
      z.object({ costType: z.enum(COST_TYPES), applied: z.number(), requisitioned: z.number(), label: z.string(), remaining: z.number(), overspent: z.boolean() }),
    ),
    total: z.object({ applied: z.number(), requisitioned: z.number(), remaining: z.number() }).describe('Radernas summor'),
    stated: z
      .object({ applied: z.number().nullable(), requisitioned: z.number().nullable(), remaining: z.number().nullable() })
      .nullable()
      .describe('Tabellens Totalt-rad som publicerad'),
    unit: z.enum(['kr', 'tkr', 'mnkr']).describe('Enheten som tabellen anger'),
    requisitionedPercent: z.number().nullable(),
    flags: z.array(flag),
  }),
});
export type FundingProjectView = z.infer<typeof fundingProjectView>;

export const followUpAssociation = z.object({
  id: z.number(),
  shortId: z.string(),
  name: z.string(),
  actorsIncludeMunicipalities: z.boolean(),
  indicatorDefinition: z.string(),
  members: z.number().describe('Antal medlemskommuner'),
});

/** One association's follow-up for a year: indicators, funds and every flag. */
export const associationFollowUp = z.object({
  association: followUpAssociation,
  year: z.number(),
  indicators: z.array(indicatorRow),
  funding: z.array(fundingProjectView),
  flags: z.array(flag),
});
export type AssociationFollowUp = z.infer<typeof associationFollowUp>;

const yearQuery = z.object({ year: queryYear.optional().describe('Förvalt: innevarande år') });

export const getIndicators = endpoint({
  method: 'GET',
  path: '/api/indicators',
  summary: 'Det egna förbundets indikatorer för ett år (förväntat, publicerat och beräknat utfall) och rekvirerade medel',
  tag: FOLLOW_UP,
  access: 'signedIn',
  accessNote: 'Anroparens förbund; regionanalytikern läser förbunden under /api/region/follow-up',
  query: yearQuery,
  response: associationFollowUp.extend({ years: z.array(z.number()) }),
});
export type Indicators = z.infer<typeof getIndicators.response>;

export const exportIndicators = endpoint({
  method: 'GET',
  path: '/api/indicators/export',
  summary: 'Det egna förbundets indikatorer och rekvirerade medel som PDF, Word (DOCX) eller Excel (XLSX)',
  tag: FOLLOW_UP,
  access: 'signedIn',
  accessNote: 'Anroparens förbund',
  query: yearQuery.extend({ format: reportFormat.default('xlsx') }),
  response: fileResponse(...REPORT_FILE_TYPES),
});

export const setIndicatorValue = endpoint({
  method: 'PUT',
  path: '/api/indicators/:year/:indicator',
  shared: 'Anroparens eget förbunds indikatorvärden (året och indikatorn är inga objekt)',
  summary: 'Sätter förväntat värde och publicerat utfall (värde, källa, datum) för en indikator ett år i det egna förbundet',
  tag: FOLLOW_UP,
  access: PORTFOLIO_ADMINS,
  params: z.object({ year: queryYear, indicator: indicatorKey }),
  body: indicatorValueInput,
  labels: { reported: 'Publicerat utfall', asOf: 'Utfallet avser', statedMembers: 'Antal kommuner enligt underlaget' },
  response: indicatorRow,
});

export const listFunding = endpoint({
  method: 'GET',
  path: '/api/funding',
  summary: 'Det egna förbundets finansieringsprojekt med ansökt, rekvirerat och kvarstående per kostnadsslag',
  tag: FOLLOW_UP,
  access: 'signedIn',
  accessNote: 'Anroparens förbund',
  response: z.object({ projects: z.array(fundingProjectView) }),
});

export const saveFunding = endpoint({
  method: 'PUT',
  path: '/api/funding',
  summary: 'Sparar ett finansieringsprojekt i det egna förbundet (samma namn ersätter dess rader)',
  tag: FOLLOW_UP,
  access: PORTFOLIO_ADMINS,
  body: fundingProjectInput,
  labels: {
    requisitionedFrom: 'Rekvirerat från och med',
    unit: 'Enhet i den publicerade tabellen',
    statedApplied: 'Ansökan totalt (som publicerat)',
    statedRequisitioned: 'Rekvirerat totalt (som publicerat)',
    statedRemaining: 'Kvarstår totalt (som publicerat)',
    decidedTotal: 'Beslutade medel (kr)',
    caption: 'Publicerad tabell',
    source: 'Källa',
  },
  response: z.object({ project: fundingProjectView }),
});

export const listNetworks = endpoint({
  method: 'GET',
  path: '/api/networks',
  summary: 'Delregionala nätverk',
  tag: FOLLOW_UP,
  access: 'signedIn',
  response: z.object({ networks: z.array(network) }),
});

export const createNetwork = endpoint({
  method: 'POST',
  path: '/api/networks',
  summary: 'Lägger till ett nätverk',
  tag: FOLLOW_UP,
  access: PORTFOLIO_ADMINS,
  body: networkCreateInput,
  response: z.object({ network }),
  status: 201,
  errors: [409],
});

export const updateNetwork = endpoint({
  method: 'PATCH',
  path: '/api/networks/:id',
  owners: [{ kind: 'network', param: 'id' }],
  summary: 'Ändrar ett nätverk (bara fälten som skickas)',
  tag: FOLLOW_UP,
  access: PORTFOLIO_ADMINS,
  params: z.object({ id: idParam }),
  body: networkPatchInput,
  response: z.object({ network }),
  errors: [404, 409],
});

// ---- The answers' schemas agree with the domain's types (checked by the compiler) ------------------

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Agrees<T extends true> = T;
export type PortfolioSchemasAgree = [
  Agrees<Same<IndicatorRow, DomainIndicatorRow>>,
  Agrees<Same<FundingProjectView['followUp'], FundingFollowUp>>,
  Agrees<Same<AssociationFollowUp, DomainAssociationFollowUp>>,
  Agrees<Same<HandlingsplanModel, DomainHandlingsplanModel>>,
  Agrees<Same<OverdueReports['overdue'][number], OverdueReport>>,
  Agrees<Same<Omit<Ranking['ranking'][number], 'stage' | 'stageLabel' | 'scores'>, RankedInitiative>>,
];
