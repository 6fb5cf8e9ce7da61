// IT economics (DOMAIN.md §8): the aggregates' fields and Swedish messages, defined once as zod schemas
// (contracts, use cases, CLI, import and web forms derive from these). Pure and browser-safe.
// Every figure keeps its year (the record's), its source and a note.
import { z } from 'zod';
import { text, year } from '../portfolio/field-schemas.ts';

/** TBM cost pools (Ekonomistyrningsverkets ramverk för it-kostnader; Delrapport Mellerud §3.3.2). */
export const TBM_POOLS = [
  'intern_arbetskraft',
  'extern_arbetskraft',
  'externa_tjanster',
  'hardvara',
  'mjukvara',
  'anlaggningar_energi',
  'telekom',
  'annat',
] as const;
export type TbmPool = (typeof TBM_POOLS)[number];
export const POOL_LABELS: Record<TbmPool, string> = {
  intern_arbetskraft: 'Intern arbetskraft',
  extern_arbetskraft: 'Extern arbetskraft',
  externa_tjanster: 'Externa tjänster',
  hardvara: 'Hårdvara',
  mjukvara: 'Mjukvara',
  anlaggningar_energi: 'Anläggningar och energi',
  telekom: 'Telekom',
  annat: 'Annat',
};
export const tbmPool = z.enum(TBM_POOLS, { error: `välj en kostnadspool: ${TBM_POOLS.join(', ')}` });

/** Towers: the areas of work inside central IT (Delrapport Mellerud figur 14). */
export const TOWERS = ['infrastruktur', 'slutanvandartjanster', 'applikationsverksamhet', 'styra_stodja'] as const;
export type Tower = (typeof TOWERS)[number];
export const TOWER_LABELS: Record<Tower, string> = {
  infrastruktur: 'Infrastruktur',
  slutanvandartjanster: 'Slutanvändartjänster',
  applikationsverksamhet: 'Applikationsverksamhet',
  styra_stodja: 'Styra och stödja',
};
export const tower = z.enum(TOWERS, { error: `välj ett arbetsområde: ${TOWERS.join(', ')}` });

/**
 * Local budget categories as the Förstudierapport 4D's tabell 3 names them, each with the TBM pool it maps
 * to by default. A municipality may add its own (any id matching `categoryId`) and change any mapping.
 */
export const DEFAULT_CATEGORIES: ReadonlyArray<{ id: string; label: string; pool: TbmPool }> = [
  { id: 'it_tjanster', label: 'It-tjänster', pool: 'externa_tjanster' },
  { id: 'it_utrustning', label: 'It-utrustning', pool: 'hardvara' },
  { id: 'it_kommunikation', label: 'It-kommunikation', pool: 'telekom' },
  { id: 'konsultstod', label: 'Konsultstöd', pool: 'extern_arbetskraft' },
  { id: 'fiber', label: 'Fiber', pool: 'telekom' },
  { id: 'personalkostnad', label: 'Personalkostnad', pool: 'intern_arbetskraft' },
  { id: 'omkostnad', label: 'Omkostnad', pool: 'annat' },
  { id: 'oh', label: 'OH', pool: 'annat' },
  { id: 'lokaler', label: 'Lokaler', pool: 'anlaggningar_energi' },
];

const AMOUNT = 'ska vara ett belopp i kronor, 0 eller större';
/** An amount in kronor: not negative; öre allowed (published figures are whole kronor). */
export const amount = z
  .number({ error: AMOUNT })
  .min(0, { error: AMOUNT })
  .max(1_000_000_000_000, { error: 'Beloppet är orimligt stort' })
  .refine(Number.isFinite, { error: AMOUNT });
const PERCENT = 'ska vara en andel i procent, 0–100';
/** A share in percent, 0–100 (2.5 means 2,5 %). */
export const percent = z.number({ error: PERCENT }).min(0, { error: PERCENT }).max(100, { error: PERCENT });
export const source = text(300);
export const note = text(2000);
export const categoryId = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{1,40}$/, 'Kategorins id får bara innehålla a–z, 0–9 och _ (högst 40 tecken)');
export const municipalityCodeSchema = z.string().regex(/^[0-9]{4}$/, 'Kommunkoden ska vara fyra siffror (SCB)');

/** A stated figure: its amount, where it comes from and a note. */
export const figure = z.object({ amount, source: source.default(''), note: note.default('') });
export type Figure = z.infer<typeof figure>;

/** One line of a local budget: a category (default or the municipality's own) mapped to a TBM pool. */
export const budgetLine = z.object({
  category: categoryId,
  label: text(80).min(1, 'Kategorin behöver ett namn'),
  pool: tbmPool,
  amount,
  source: source.default(''),
  note: note.default(''),
});
export type BudgetLine = z.infer<typeof budgetLine>;

/** One TBM pool's cost; `insideCentralIt` is the part booked on central IT (the rest is outside). */
export const poolLine = z
  .object({
    pool: tbmPool,
    amount,
    insideCentralIt: amount.nullable().default(null),
    source: source.default(''),
    note: note.default(''),
  })
  .refine((p) => p.insideCentralIt === null || p.insideCentralIt <= p.amount, {
    message: 'Kostnaden inom central IT kan inte vara större än poolens hela kostnad',
    path: ['insideCentralIt'],
  });
export type PoolLine = z.infer<typeof poolLine>;

export const towerLine = z.object({ tower, amount, source: source.default(''), note: note.default('') });
export type TowerLine = z.infer<typeof towerLine>;

const unique = <T>(key: (x: T) => string, what: string) => (xs: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  xs.forEach((x, i) => {
    const k = key(x);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `${what} "${k}" finns två gånger`, path: [i] });
    seen.add(k);
  });
};

/**
 * One municipality's IT economics for one year (the input of forms, import, CLI and API).
 * `statedTotal` is a published total ("Totalsumma", "It-enhetens kostnader"), checked against its parts.
 */
export const economicsYearInput = z.object({
  municipalityCode: municipalityCodeSchema,
  year,
  netCost: figure.nullable().default(null),
  population: z
    .object({ amount: z.number().int('Invånarantalet ska vara ett heltal').min(1, 'Invånarantalet ska vara minst 1').max(20_000_000), source: source.default(''), note: note.default('') })
    .nullable()
    .default(null),
  statedTotal: figure.nullable().default(null),
  budgetLines: z.array(budgetLine).max(100).default([]).superRefine(unique((l) => l.category, 'Kategorin')),
  pools: z.array(poolLine).max(TBM_POOLS.length).default([]).superRefine(unique((p) => p.pool, 'Poolen')),
  towers: z.array(towerLine).max(TOWERS.length).default([]).superRefine(unique((t) => t.tower, 'Arbetsområdet')),
  source: source.default(''),
  note: note.default(''),
  /** Made up for the demo (not published): labelled in the UI and exports. */
  synthesised: z.boolean().default(false),
});
export type EconomicsYearInput = z.input<typeof economicsYearInput>;
export type EconomicsYear = z.infer<typeof economicsYearInput>;

/** The benchmark share of net cost for a year (default 2,5 %), and the research figure (about 2 %). */
export const benchmarkInput = z.object({
  year,
  share: percent,
  source: source.min(1, 'Ange varifrån riktmärket kommer'),
  researchShare: percent.nullable().default(null),
  researchSource: source.default(''),
  note: note.default(''),
});
export type Benchmark = z.infer<typeof benchmarkInput>;
export const DEFAULT_BENCHMARK: Omit<Benchmark, 'year'> = {
  share: 2.5,
  source: 'Förstudierapport: Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmåls kommun (2024), tabell 5 (rikssnittet 2021)',
  researchShare: 2,
  researchSource: 'Digital motor Fyrbodal – Delrapport Mellerud (2021), avsnitt 3.3',
  note: '',
};

/** A group of municipalities compared together (e.g. the four 4D municipalities). */
export const groupInput = z.object({
  name: text(120).min(1, 'Gruppen behöver ett namn'),
  description: note.default(''),
  members: z.array(municipalityCodeSchema).min(1, 'Välj minst en kommun').max(400),
  /** The association has published a named comparison (as the four municipalities did): names shown to all. */
  namedPublished: z.boolean().default(false),
  /** Published inside-central-IT shares per pool for the group (Delrapport Mellerud figur 12), in percent. */
  insideShares: z
    .array(z.object({ pool: tbmPool, insidePercent: percent, year, source: source.default('') }))
    .max(TBM_POOLS.length)
    .default([]),
});
export type GroupInput = z.infer<typeof groupInput>;

/**
 * A savings scenario: a percentage per local budget category for a group's members in a year.
 * `published` holds a published table as printed (Förstudierapport 4D tabell 4) so its figures are checked.
 */
export const savingsScenarioInput = z.object({
  groupId: z.number().int().min(1),
  year,
  name: text(120).min(1, 'Scenariot behöver ett namn'),
  percentages: z.array(z.object({ category: categoryId, percent })).min(1, 'Ange minst en kategori').max(100).superRefine(unique((p) => p.category, 'Kategorin')),
  published: z
    .object({
      cells: z.array(z.object({ municipalityCode: municipalityCodeSchema, category: categoryId, amount })).max(4000),
      municipalityTotals: z.array(z.object({ municipalityCode: municipalityCodeSchema, amount })).max(400),
      total: amount.nullable(),
    })
    .nullable()
    .default(null),
  source: source.default(''),
  note: note.default(''),
  synthesised: z.boolean().default(false),
});
export type SavingsScenarioInput = z.infer<typeof savingsScenarioInput>;

/**
 * Cost sharing in a joint IT organisation: a base amount split equally between the members, plus
 * consumption-based charges, each split by a driver (users, devices, inhabitants …) per member.
 */
export const costSharingInput = z.object({
  groupId: z.number().int().min(1),
  year,
  name: text(120).min(1, 'Modellen behöver ett namn'),
  baseAmount: amount,
  charges: z
    .array(z.object({ driver: categoryId, label: text(80).min(1, 'Drivaren behöver ett namn'), amount }))
    .max(20)
    .default([])
    .superRefine(unique((c) => c.driver, 'Drivaren')),
  /** Each member's quantity per driver (e.g. { municipalityCode: '1460', driver: 'anvandare', quantity: 900 }). */
  quantities: z
    .array(z.object({ municipalityCode: municipalityCodeSchema, driver: categoryId, quantity: z.number().min(0, 'Mängden ska vara 0 eller större') }))
    .max(8000)
    .default([]),
  source: source.default(''),
  note: note.default(''),
  synthesised: z.boolean().default(false),
});
export type CostSharingInput = z.infer<typeof costSharingInput>;
