// Hand-typed views of the Förstudierapport 4D (2024): tabell 3 (budgets), tabell 4 (the 30 % scenario as
// published, with its "Besparingspotential" row at 50 %), tabell 5 (net costs, benchmark 2,5 %) and
// Bilaga 5 (18 risks × 4 municipalities, "–" = not assessed). For the pure report-builder tests; the
// integration tests build the same report from the demo data.
import { DEFAULT_CATEGORIES, DEFAULT_BENCHMARK, POOL_LABELS, TBM_POOLS } from '../../src/domain/economics/schema.ts';
import type { EconomicsYearView, GroupComparisonView, SavingsView } from '../../src/domain/economics/view.ts';
import { DEFAULT_THEMES } from '../../src/domain/risk/schema.ts';
import type { RiskHeatmapView } from '../../src/domain/risk/view.ts';

export const FORSTUDIE = 'Förstudierapport: Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmåls kommun (2024)';
export const MEMBERS = [
  { code: '1460', name: 'Bengtsfors' },
  { code: '1439', name: 'Färgelanda' },
  { code: '1461', name: 'Mellerud' },
  { code: '1492', name: 'Åmål' },
];
/** Tabell 3: category → amounts (Bengtsfors, Färgelanda, Mellerud, Åmål); null = empty cell. */
export const TABLE_3: Record<string, Array<number | null>> = {
  it_tjanster: [3_245_000, 2_538_000, 3_150_000, 2_400_000],
  it_utrustning: [1_244_000, 1_143_000, 969_400, 735_000],
  it_kommunikation: [645_000, 900_000, 2_000_000, 645_000],
  konsultstod: [430_000, 1_488_000, 298_764, 1_500_000],
  fiber: [null, null, null, 1_210_000],
  personalkostnad: [5_452_793, 2_307_000, 5_358_088, 5_575_000],
  omkostnad: [1_479_950, null, null, 114_000],
  oh: [null, null, 760_000, 5_000],
  lokaler: [null, null, null, 347_000],
};
export const NET_COST = [688_000_000, 519_350_000, 720_000_000, 998_000_000];
export const IT_COST = [12_496_743, 8_376_000, 12_536_252, 12_531_000];
/** Tabell 4 cells as published (30 %), per category, in member order. */
export const TABLE_4: Record<string, number[]> = {
  it_tjanster: [973_500, 761_400, 945_000, 720_000],
  it_utrustning: [373_200, 342_900, 290_820, 220_500],
  it_kommunikation: [193_500, 270_000, 600_000, 193_500],
  konsultstod: [129_000, 446_400, 89_629, 450_000],
};
/** Tabell 4's published "Besparingspotential" row (50 % of the four categories). */
export const TABLE_4_PUBLISHED = [2_782_000, 3_034_500, 3_209_082, 2_640_000];

const benchmark = { year: 2024, share: 2.5, source: DEFAULT_BENCHMARK.source, researchShare: 2, researchSource: DEFAULT_BENCHMARK.researchSource };

export function memberView(i: number, name = MEMBERS[i].name): EconomicsYearView {
  const lines = DEFAULT_CATEGORIES.filter((c) => TABLE_3[c.id][i] !== null).map((c) => ({ category: c.id, label: c.label, pool: c.pool, amount: TABLE_3[c.id][i] as number, source: FORSTUDIE + ', tabell 3', note: '' }));
  const itCost = IT_COST[i];
  const pools = TBM_POOLS.map((pool) => ({ pool, amount: lines.filter((l) => l.pool === pool).reduce((s, l) => s + l.amount, 0) }))
    .filter((p) => p.amount > 0)
    .map((p) => ({ ...p, label: POOL_LABELS[p.pool], share: (p.amount / itCost) * 100, inside: null, outside: null, insideShare: null, source: '', note: '' }));
  return {
    municipalityCode: MEMBERS[i].code,
    municipality: name,
    year: 2024,
    itCost,
    itCostBasis: 'budget',
    netCost: NET_COST[i],
    netCostSource: 'Prognos över verksamhetens nettokostnader 2024 (respektive kommuns it-enhet)',
    population: null,
    itShare: (itCost / NET_COST[i]) * 100,
    benchmark,
    budgetAtBenchmark: NET_COST[i] * 0.025,
    changeToBenchmark: NET_COST[i] * 0.025 - itCost,
    budgetAtResearch: NET_COST[i] * 0.02,
    costPerInhabitant: null,
    pools,
    towers: [],
    budgetLines: lines,
    inside: null,
    outside: null,
    source: FORSTUDIE,
    note: '',
    synthesised: false,
    flags: [],
  };
}

export function savings(names: string[]): SavingsView {
  const cats = ['it_tjanster', 'it_utrustning', 'it_kommunikation', 'konsultstod'];
  const label = (id: string) => DEFAULT_CATEGORIES.find((c) => c.id === id)!.label;
  const cells = MEMBERS.flatMap((m, i) => cats.map((c) => ({ municipalityCode: m.code, municipality: names[i], category: c, base: TABLE_3[c][i] as number, saving: TABLE_4[c][i] })));
  const perMunicipality = MEMBERS.map((m, i) => ({ municipalityCode: m.code, municipality: names[i], saving: cats.reduce((s, c) => s + TABLE_4[c][i], 0) }));
  return {
    scenarioId: 1,
    name: 'Besparing vid gemensam it-drift',
    year: 2024,
    percentages: cats.map((c) => ({ category: c, label: label(c), percent: 30 })),
    cells,
    perMunicipality,
    perCategory: cats.map((c) => ({ category: c, label: label(c), saving: TABLE_4[c].reduce((s, x) => s + x, 0) })),
    total: 6_999_349,
    source: FORSTUDIE + ', tabell 4',
    note: '',
    synthesised: false,
    flags: MEMBERS.map((m, i) => ({
      code: 'published_savings_mismatch',
      severity: 'warning' as const,
      message: `${names[i]}: publicerad besparingspotential ${TABLE_4_PUBLISHED[i]} kr stämmer inte med cellernas summa ${perMunicipality[i].saving} kr`,
      stated: TABLE_4_PUBLISHED[i],
      computed: perMunicipality[i].saving,
      municipalityCode: m.code,
    })),
  };
}

export function comparison(named = true): GroupComparisonView {
  const names = MEMBERS.map((m, i) => (named ? m.name : `Kommun ${i + 1}`));
  const members = MEMBERS.map((_, i) => memberView(i, names[i]));
  return {
    groupId: 1,
    group: '4D-kommunerna',
    year: 2024,
    named,
    members,
    totals: {
      itCost: 45_939_995,
      netCost: 2_925_350_000,
      itShare: (45_939_995 / 2_925_350_000) * 100,
      budgetAtBenchmark: 73_133_750,
      changeToBenchmark: 27_193_755,
      population: null,
      costPerInhabitant: null,
    },
    pools: [],
    publishedInsideShares: [],
    savings: [savings(names)],
    costSharing: [],
    flags: [],
  };
}

/** Bilaga 5: risk values per municipality (Bengtsfors, Färgelanda, Mellerud, Åmål), null = "–". */
export const BILAGA_5: Array<{ theme: number; title: string; values: Array<number | null> }> = [
  { theme: 0, title: 'Kommunen har svårigheter att attrahera och behålla kvalificerad personal, både inom it och andra verksamheter.', values: [6, 12, 16, 9] },
  { theme: 0, title: 'Kommunen är fortsatt beroende av externa konsulter, vilket medför ökade kostnader och risk för förlorad intern beställarkompetens.', values: [4, 12, 12, 9] },
  { theme: 0, title: 'Kommunens arbetsmiljö är inte tillräckligt attraktiv för att behålla och rekrytera medarbetare.', values: [null, null, 12, 12] },
  { theme: 0, title: 'Kommunen utnyttjar inte personalresurser effektivt.', values: [16, 12, 12, 12] },
  { theme: 1, title: 'Verksamheterna har mindre tid för kärnuppdraget och utvecklingsarbete.', values: [12, 8, 8, 12] },
  { theme: 1, title: 'Samverkan mellan kommunen och andra myndigheter, såsom VGR, blir alltmer komplex och resurskrävande.', values: [9, 9, 4, 16] },
  { theme: 1, title: 'Otydliga arbetssätt, processer och rollbeskrivningar mellan kommunen.', values: [null, 8, null, 9] },
  { theme: 1, title: 'Samverkanskulturen inom Dalslandskommunerna riskerar att försvinna.', values: [null, null, 12, null] },
  { theme: 1, title: 'Kommunen har svårt att upprätthålla en enhetlig kontaktpunkt för invånare.', values: [4, null, 9, 8] },
  { theme: 1, title: 'Kommunen har svårt att leverera samhällsservice i den utsträckning som invånarna förväntar sig.', values: [9, 8, 16, null] },
  { theme: 2, title: 'Kommunen fortsätter att använda IT som ett operativt verktyg.', values: [16, 8, 9, 12] },
  { theme: 2, title: 'Kommunen utnyttjar inte fullt ut potentialen i sina befintliga it-system.', values: [8, 12, null, 12] },
  { theme: 2, title: 'It-avdelningen är överbelastad.', values: [null, null, 16, null] },
  { theme: 3, title: 'Kommunen kommer på sikt få det allt svårare att upprätthålla en hög nivå av it-säkerhet.', values: [16, 16, 12, 16] },
  { theme: 3, title: 'Kommunens splittrade it-system gör oss till en mindre attraktiv kund för leverantörer.', values: [9, 8, 12, 8] },
  { theme: 3, title: 'Kommunen erbjuder inte en enhetlig och effektiv serviceupplevelse för invånarna', values: [null, null, null, 8] },
  { theme: 3, title: 'Kommunens it-infrastruktur är sårbar och saknar tillräcklig resiliens.', values: [null, null, 16, null] },
  { theme: 3, title: 'Organisationen kommer fortsatt ha personbunden kunskap vilket i sig skapar sårbarhet', values: [null, 6, null, null] },
];

export function heatmap(named = true): RiskHeatmapView {
  const names = MEMBERS.map((m, i) => (named ? m.name : `Kommun ${i + 1}`));
  return {
    groupId: 1,
    group: '4D-kommunerna',
    named,
    seriousAbove: 7,
    municipalities: MEMBERS.map((m, i) => ({
      municipalityCode: m.code,
      municipality: names[i],
      assessed: BILAGA_5.filter((r) => r.values[i] !== null).length,
      serious: BILAGA_5.filter((r) => (r.values[i] ?? 0) > 7).length,
    })),
    themes: DEFAULT_THEMES.map((t) => ({ themeId: t.id, theme: t.name })),
    rows: BILAGA_5.map((r, k) => ({
      riskId: k + 1,
      themeId: DEFAULT_THEMES[r.theme].id,
      title: r.title,
      values: MEMBERS.map((m, i) => ({ municipalityCode: m.code, value: r.values[i], serious: (r.values[i] ?? 0) > 7, notAssessed: r.values[i] === null })),
    })),
  };
}
