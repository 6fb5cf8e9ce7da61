// Demo IT economics (DOMAIN.md §8, §11), exactly as published:
// - Mellerud's IT costs 2019 per TBM cost pool: Delrapport Mellerud, figur 10 (total 18 098 000 kr);
// - the inside-central-IT shares of the TBM analysis 2019 (hårdvara 82 %, mjukvara 38 %, telekom 59 %):
//   Delrapport Mellerud, figur 12;
// - the four 4D municipalities' IT budgets 2024 (Förstudierapport tabell 3; empty cells are absent lines),
//   their net costs (tabell 5) and the 2,5 % benchmark; the 30 % savings scenario with tabell 4 as printed.
// Synthesised (flagged `synthesised: true`, labelled): a cost-sharing model for the 4D group (the
// report's figur 7 states the principle without figures) and 2025 figures for Bengtsfors and Mellerud.
import type { Benchmark, CostSharingInput, EconomicsYearInput, GroupInput, SavingsScenarioInput } from '../../domain/economics/schema.ts';
import { DEFAULT_BENCHMARK, DEFAULT_CATEGORIES } from '../../domain/economics/schema.ts';
import { FYRBODAL } from '../../domain/organisation.ts';
import { cite } from '../../domain/sources.ts';

const MELLERUD_2021 = (where: string) => cite('delrapport-mellerud-2021', where);
const FORSTUDIE = (where: string) => cite('forstudie-4d-2024', where);
export const SYNTHESISED_SOURCE = 'Syntetiserad demodata (inte publicerad)';

export const BENGTSFORS = '1460';
export const FARGELANDA = '1439';
export const MELLERUD = '1461';
export const AMAL = '1492';

/** Mellerud 2019, Delrapport Mellerud figur 10 ("Tabell över identifierade IT-kostnader för hela kommunen"). */
export const MELLERUD_2019: EconomicsYearInput = {
  municipalityCode: MELLERUD,
  year: 2019,
  statedTotal: { amount: 18_098_000, source: MELLERUD_2021('figur 10 (Total kostnad)'), note: '' },
  pools: (
    [
      ['extern_arbetskraft', 632_000],
      ['anlaggningar_energi', 370_000],
      ['hardvara', 3_693_000],
      ['intern_arbetskraft', 4_510_000],
      ['annat', 310_000],
      ['externa_tjanster', 11_000],
      ['telekom', 1_378_000],
      ['mjukvara', 7_194_000],
    ] as const
  ).map(([pool, amount]) => ({ pool, amount, source: MELLERUD_2021('figur 10') })),
  source: MELLERUD_2021('avsnitt 3.3.2, figur 10'),
  note: 'It-kostnader för hela kommunen 2019 enligt TBM-analysen (huvudbok 2019).',
};

export const TBM_GROUP: GroupInput = {
  name: 'Fyrbodal (TBM-analysen 2019)',
  description:
    'Fyrbodals 14 kommuner. TBM-analysen 2019 omfattade elva deltagande kommuner med nio it-verksamheter, som källan inte namnger; de publicerade andelarna inom central it gäller dem.',
  members: FYRBODAL.map((m) => m.code),
  namedPublished: false,
  insideShares: (
    [
      ['hardvara', 82],
      ['mjukvara', 38],
      ['telekom', 59],
    ] as const
  ).map(([pool, insidePercent]) => ({ pool, insidePercent, year: 2019, source: MELLERUD_2021('figur 12') })),
};

export const GROUP_4D: GroupInput = {
  name: '4D – Bengtsfors, Färgelanda, Mellerud och Åmål',
  description: 'Förstudien om en gemensam it-organisation (2024). Förstudierapporten är offentlig och redovisar kommunerna med namn.',
  members: [BENGTSFORS, FARGELANDA, MELLERUD, AMAL],
  namedPublished: true,
  insideShares: [],
};

const label = (category: string) => DEFAULT_CATEGORIES.find((c) => c.id === category)!;
const lines = (amounts: Record<string, number>, source: string) =>
  Object.entries(amounts).map(([category, amount]) => ({ category, label: label(category).label, pool: label(category).pool, amount, source }));

const TABELL_3 = FORSTUDIE('tabell 3');
const TABELL_5 = FORSTUDIE('tabell 5 (Prognos över verksamhetens nettokostnader 2024)');

const budget2024 = (municipalityCode: string, amounts: Record<string, number>, total: number, netCost: number): EconomicsYearInput => ({
  municipalityCode,
  year: 2024,
  budgetLines: lines(amounts, TABELL_3),
  statedTotal: { amount: total, source: `${TABELL_3} (Totalsumma)`, note: '' },
  netCost: { amount: netCost, source: TABELL_5, note: 'Uppgift från respektive kommuns it-enhet' },
  source: FORSTUDIE('avsnitt 8.2, tabell 3 och 5'),
  note: 'It-budget 2024 klassificerad enligt TBM-ramverket; siffror från kommunens ekonomisystem.',
});

/** Förstudierapport tabell 3 (budget) and tabell 5 (net cost). */
export const BUDGETS_2024: EconomicsYearInput[] = [
  budget2024(
    BENGTSFORS,
    { it_tjanster: 3_245_000, it_utrustning: 1_244_000, it_kommunikation: 645_000, konsultstod: 430_000, personalkostnad: 5_452_793, omkostnad: 1_479_950 },
    12_496_743,
    688_000_000,
  ),
  budget2024(
    FARGELANDA,
    { it_tjanster: 2_538_000, it_utrustning: 1_143_000, it_kommunikation: 900_000, konsultstod: 1_488_000, personalkostnad: 2_307_000 },
    8_376_000,
    519_350_000,
  ),
  budget2024(
    MELLERUD,
    { it_tjanster: 3_150_000, it_utrustning: 969_400, it_kommunikation: 2_000_000, konsultstod: 298_764, personalkostnad: 5_358_088, oh: 760_000 },
    12_536_252,
    720_000_000,
  ),
  budget2024(
    AMAL,
    {
      it_tjanster: 2_400_000,
      it_utrustning: 735_000,
      it_kommunikation: 645_000,
      konsultstod: 1_500_000,
      fiber: 1_210_000,
      personalkostnad: 5_575_000,
      omkostnad: 114_000,
      oh: 5_000,
      lokaler: 347_000,
    },
    12_531_000,
    998_000_000,
  ),
];

/** Synthesised 2025 figures for two municipalities, to show change between years. */
export const SYNTHESISED_2025: EconomicsYearInput[] = [
  {
    municipalityCode: BENGTSFORS,
    year: 2025,
    budgetLines: lines(
      { it_tjanster: 3_410_000, it_utrustning: 1_180_000, it_kommunikation: 660_000, konsultstod: 520_000, personalkostnad: 5_690_000, omkostnad: 1_500_000 },
      SYNTHESISED_SOURCE,
    ),
    netCost: { amount: 705_000_000, source: SYNTHESISED_SOURCE, note: '' },
    source: SYNTHESISED_SOURCE,
    note: 'Demodata: påhittad budget 2025 för att visa förändring mellan år.',
    synthesised: true,
  },
  {
    municipalityCode: MELLERUD,
    year: 2025,
    budgetLines: lines(
      { it_tjanster: 3_280_000, it_utrustning: 1_020_000, it_kommunikation: 1_950_000, konsultstod: 350_000, personalkostnad: 5_560_000, oh: 780_000 },
      SYNTHESISED_SOURCE,
    ),
    netCost: { amount: 741_000_000, source: SYNTHESISED_SOURCE, note: '' },
    source: SYNTHESISED_SOURCE,
    note: 'Demodata: påhittad budget 2025 för att visa förändring mellan år.',
    synthesised: true,
  },
];

export const BENCHMARK_2024: Benchmark = {
  year: 2024,
  share: 2.5,
  source: FORSTUDIE('tabell 5 ("En genomsnittlig kommun lade 2,5% på it-utgifter under 2021")'),
  researchShare: 2,
  researchSource: DEFAULT_BENCHMARK.researchSource,
  note: 'Förstudien använder rikssnittet 2,5 % som riktmärke för en konservativ uppskattning.',
};

type Scenario = Omit<SavingsScenarioInput, 'groupId'>;
const SAVINGS_CATEGORIES = ['it_tjanster', 'it_utrustning', 'it_kommunikation', 'konsultstod'] as const;

/** Förstudierapport tabell 4 as printed (columns Bengtsfors, Mellerud, Åmål, Färgelanda). */
const TABELL_4: Record<(typeof SAVINGS_CATEGORIES)[number], [number, number, number, number]> = {
  it_tjanster: [973_500, 945_000, 720_000, 761_400],
  it_utrustning: [373_200, 290_820, 220_500, 342_900],
  it_kommunikation: [193_500, 600_000, 193_500, 270_000],
  konsultstod: [129_000, 89_629, 450_000, 446_400],
};
const TABELL_4_COLUMNS = [BENGTSFORS, MELLERUD, AMAL, FARGELANDA];

export const SAVINGS_2024: Scenario = {
  year: 2024,
  name: 'Besparing vid gemensam it-drift (30 %)',
  percentages: SAVINGS_CATEGORIES.map((category) => ({ category, percent: 30 })),
  published: {
    cells: SAVINGS_CATEGORIES.flatMap((category) => TABELL_4_COLUMNS.map((municipalityCode, i) => ({ municipalityCode, category, amount: TABELL_4[category][i] }))),
    municipalityTotals: [
      { municipalityCode: BENGTSFORS, amount: 2_782_000 },
      { municipalityCode: MELLERUD, amount: 3_209_082 },
      { municipalityCode: AMAL, amount: 2_640_000 },
      { municipalityCode: FARGELANDA, amount: 3_034_500 },
    ],
    total: 6_999_349,
  },
  source: FORSTUDIE('tabell 4'),
  note: 'Förstudien uppskattar besparingar om cirka 30 % i it-tjänster, it-utrustning, it-kommunikation och konsultstöd utifrån 2024 års budgetar.',
  synthesised: false,
};

/** A synthesised cost-sharing model (figur 7 of the Förstudierapport states the principle, not figures). */
export const COST_SHARING_2024: Omit<CostSharingInput, 'groupId'> = {
  year: 2024,
  name: 'Kostnadsfördelning i en gemensam it-organisation (exempel)',
  baseAmount: 4_000_000,
  charges: [
    { driver: 'anvandare', label: 'Användare', amount: 12_000_000 },
    { driver: 'enheter', label: 'Enheter', amount: 8_000_000 },
    { driver: 'invanare', label: 'Invånare', amount: 4_000_000 },
  ],
  quantities: (
    [
      [BENGTSFORS, 900, 1_400, 9_400],
      [FARGELANDA, 650, 950, 6_600],
      [MELLERUD, 950, 1_350, 9_100],
      [AMAL, 1_300, 2_000, 12_700],
    ] as const
  ).flatMap(([municipalityCode, users, devices, inhabitants]) => [
    { municipalityCode, driver: 'anvandare', quantity: users },
    { municipalityCode, driver: 'enheter', quantity: devices },
    { municipalityCode, driver: 'invanare', quantity: inhabitants },
  ]),
  source: `${SYNTHESISED_SOURCE}; principen enligt ${FORSTUDIE('figur 7')}`,
  note: 'Demodata: basbelopp lika delat plus avgifter efter användare, enheter och invånare. Belopp och mängder är påhittade.',
  synthesised: true,
};
