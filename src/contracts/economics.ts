// IT economics (DOMAIN.md §8): a municipality's IT costs per year, benchmarks, groups compared together,
// savings scenarios and cost sharing. Who may do what: src/domain/economics/policy.ts.
import { z } from 'zod';
import { ECONOMICS_ADMINS } from '../domain/economics/policy.ts';
import {
  benchmarkInput,
  costSharingInput,
  DEFAULT_BENCHMARK,
  DEFAULT_CATEGORIES,
  economicsYearInput,
  groupInput,
  POOL_LABELS,
  savingsScenarioInput,
  TBM_POOLS,
  TOWER_LABELS,
  TOWERS,
} from '../domain/economics/schema.ts';
import { costSharingViewSchema, economicsYearViewSchema, groupComparisonViewSchema, savingsViewSchema } from '../domain/economics/view-schema.ts';
import { queryYear } from '../domain/portfolio/field-schemas.ts';
import { endpoint, idParam, municipalityCode, okResponse } from './endpoint.ts';

const TAG = 'IT-ekonomi';
/** `source` is a figure's source here (elsewhere the source of funding). */
const labels = { source: 'Källa' } as const;
const ENTERERS = ['forbundsadmin', 'kommunansvarig'] as const;
const OWN = 'kommunansvarig: bara egna kommuner';

const option = z.object({ id: z.string(), label: z.string() });
const pool = z.enum(TBM_POOLS);
const benchmark = z.object({
  year: z.number(),
  share: z.number(),
  source: z.string(),
  researchShare: z.number().nullable(),
  researchSource: z.string(),
  note: z.string(),
});
const group = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  namedPublished: z.boolean(),
  members: z.array(z.object({ code: z.string(), name: z.string() })),
  insideShares: z.array(z.object({ pool, label: z.string(), insidePercent: z.number(), year: z.number(), source: z.string() })),
  years: z.array(z.number()).describe('År då gruppens kommuner har it-ekonomi'),
});
export type EconomicsGroup = z.infer<typeof group>;

const yearParams = z.object({ municipality: municipalityCode, year: queryYear });
const groupParams = z.object({ id: idParam });

export const getEconomicsConfig = endpoint({
  method: 'GET',
  path: '/api/economics/config',
  summary: 'Kostnadspoolerna (TBM), arbetsområdena, de förvalda budgetkategorierna med sin pool och förvalt riktmärke',
  tag: TAG,
  access: 'signedIn',
  response: z.object({
    pools: z.array(option.extend({ id: pool })),
    towers: z.array(option.extend({ id: z.enum(TOWERS) })),
    categories: z.array(option.extend({ pool })),
    benchmark: benchmark.omit({ year: true }),
  }),
});
export type EconomicsConfig = z.infer<typeof getEconomicsConfig.response>;

/** The answer of the config endpoint: pure data from the schema module. */
export const economicsConfig = (): EconomicsConfig => ({
  pools: TBM_POOLS.map((id) => ({ id, label: POOL_LABELS[id] })),
  towers: TOWERS.map((id) => ({ id, label: TOWER_LABELS[id] })),
  categories: DEFAULT_CATEGORIES.map((c) => ({ ...c })),
  benchmark: { ...DEFAULT_BENCHMARK },
});

export const listEconomics = endpoint({
  method: 'GET',
  path: '/api/economics',
  summary: 'It-ekonomin per kommun och år som du får se (förbundet: alla; kommunansvarig: egna kommuner)',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Läsare och andra kommuner ser siffrorna bara avidentifierade i gruppjämförelser',
  query: z.object({ municipality: municipalityCode.optional(), year: queryYear.optional() }),
  response: z.object({ years: z.array(economicsYearViewSchema) }),
});

export const getEconomicsYear = endpoint({
  method: 'GET',
  path: '/api/economics/:municipality/:year',
  owners: [{ kind: 'municipality', param: 'municipality' }],
  summary: 'En kommuns it-ekonomi för ett år: pooler, arbetsområden, inom/utanför central it, andel av nettokostnaden, riktmärke och kvalitetsflaggor',
  tag: TAG,
  access: ENTERERS,
  accessNote: OWN,
  params: yearParams,
  /** `record`: the figures as stored, for the entry form (every source and note kept). */
  response: z.object({ economics: economicsYearViewSchema, record: economicsYearInput }),
  errors: [404],
});

export const saveEconomicsYear = endpoint({
  method: 'PUT',
  path: '/api/economics/:municipality/:year',
  owners: [{ kind: 'municipality', param: 'municipality' }],
  summary: 'Anger eller ersätter en kommuns it-ekonomi för ett år (belopp i kronor, 0 eller större)',
  tag: TAG,
  access: ENTERERS,
  accessNote: OWN,
  params: yearParams,
  body: economicsYearInput.omit({ municipalityCode: true, year: true }),
  response: z.object({ economics: economicsYearViewSchema }),
  labels,
});

export const deleteEconomicsYear = endpoint({
  method: 'DELETE',
  path: '/api/economics/:municipality/:year',
  owners: [{ kind: 'municipality', param: 'municipality' }],
  summary: 'Tar bort en kommuns it-ekonomi för ett år',
  tag: TAG,
  access: ENTERERS,
  accessNote: OWN,
  params: yearParams,
  response: okResponse,
  errors: [404],
});

export const getBenchmark = endpoint({
  method: 'GET',
  path: '/api/economics/benchmarks/:year',
  shared: 'Nationella jämförelsevärden, gemensamma för alla förbund',
  summary: 'Riktmärket för it-kostnad som andel av nettokostnaden ett år (förvalt 2,5 %) och forskningens tal (cirka 2 %)',
  tag: TAG,
  access: 'signedIn',
  params: z.object({ year: queryYear }),
  response: z.object({ benchmark, isDefault: z.boolean().describe('Inget riktmärke är angivet för året; förvalet gäller') }),
});

export const saveBenchmark = endpoint({
  method: 'PUT',
  path: '/api/economics/benchmarks/:year',
  shared: 'Nationella jämförelsevärden, gemensamma för alla förbund',
  summary: 'Anger riktmärket för ett år med sin källa',
  tag: TAG,
  access: ECONOMICS_ADMINS,
  params: z.object({ year: queryYear }),
  body: benchmarkInput.omit({ year: true }),
  response: z.object({ benchmark }),
  labels,
});

export const listGroups = endpoint({
  method: 'GET',
  path: '/api/economics/groups',
  summary: 'Grupperna av kommuner som jämförs (t.ex. de fyra kommunerna i 4D-förstudien)',
  tag: TAG,
  access: 'signedIn',
  response: z.object({ groups: z.array(group) }),
});

export const createGroup = endpoint({
  method: 'POST',
  path: '/api/economics/groups',
  summary: 'Skapar en grupp av kommuner att jämföra',
  tag: TAG,
  access: ECONOMICS_ADMINS,
  body: groupInput,
  response: z.object({ group }),
  status: 201,
  errors: [409],
  labels,
});

export const updateGroup = endpoint({
  method: 'PUT',
  path: '/api/economics/groups/:id',
  owners: [{ kind: 'group', param: 'id' }],
  summary: 'Ändrar en grupps namn, kommuner, publicering med namn och publicerade andelar inom central it',
  tag: TAG,
  access: ECONOMICS_ADMINS,
  params: groupParams,
  body: groupInput,
  response: z.object({ group }),
  errors: [404, 409],
  labels,
});

export const getGroupComparison = endpoint({
  method: 'GET',
  path: '/api/economics/groups/:id/comparison',
  owners: [{ kind: 'group', param: 'id' }],
  summary: 'Gruppens jämförelse ett år: kommunernas siffror, summor, poolfördelning, besparingsscenarier, kostnadsfördelning och kvalitetsflaggor',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Kommuner du inte får se visas som "Kommun N", om inte förbundet publicerat gruppen med namn',
  params: groupParams,
  query: z.object({ year: queryYear.optional().describe('Förvalt: året då flest av gruppens kommuner har siffror (det senaste av dem)') }),
  response: z.object({ comparison: groupComparisonViewSchema }),
  errors: [404],
});

export const saveSavingsScenario = endpoint({
  method: 'PUT',
  path: '/api/economics/groups/:id/savings',
  owners: [{ kind: 'group', param: 'id' }],
  summary: 'Anger ett besparingsscenario för gruppen (procent per budgetkategori), med en publicerad tabell att kontrollera',
  tag: TAG,
  access: ECONOMICS_ADMINS,
  params: groupParams,
  body: savingsScenarioInput.omit({ groupId: true }),
  response: z.object({ savings: savingsViewSchema }),
  errors: [404],
  labels,
});

export const saveCostSharing = endpoint({
  method: 'PUT',
  path: '/api/economics/groups/:id/cost-sharing',
  owners: [{ kind: 'group', param: 'id' }],
  summary: 'Anger en kostnadsfördelning för en gemensam it-organisation: basbelopp lika delat plus avgifter efter drivare',
  tag: TAG,
  access: ECONOMICS_ADMINS,
  params: groupParams,
  body: costSharingInput.omit({ groupId: true }),
  response: z.object({ costSharing: costSharingViewSchema }),
  errors: [404],
  labels,
});
