// Demo region follow-up (DOMAIN.md §10, §11; issue 14): "Delregionala digitaliseringsstrategier (VGR Analys
// 2025:40)", Västra Götalandsregionen 2025, tables 1–8 for the four associations, exactly as published:
// the indicator tables (expected and outcome "per aug. 2025"; GR, Sjuhärad and Skaraborg have no maturity
// indicator) and the requisitioned funds per cost type with the tables' own totals and units (the flags they
// deserve are raised by the checks, not by this data: GR's requisitioned total is 11 kr above its rows,
// Skaraborg's 9 kr below, Fyrbodal's table says "(tkr)" over kronor; GR's text speaks of "14 kommuner
// inklusive Kungsbacka" where GR has 13 members). Also the region's demo analyst. Idempotent: stored demo
// rows are brought up to date, rows an association entered itself are left as they are.
import type { Db } from '../db/db.ts';
import type { FundingProject, IndicatorKey } from '../domain/portfolio/index.ts';
import { cite } from '../domain/sources.ts';
import { findAssociation } from '../store/associations.ts';
import { saveFundingProject, setIndicatorValue } from '../store/followup.ts';

const AS_OF = 'aug. 2025';
/** The decided total per association: 1 500 tkr from MRU and as much from Västkom (VGR Analys 2025:40, avsnitt 2). */
const DECIDED = 3_000_000;

type Indicator = [IndicatorKey, expected: number, published: number, note: string, statedMembers?: number];
type Costs = [lon: [number, number], oh: [number, number], ext: [number, number], resor: [number, number], lokaler: [number, number], ovriga: [number, number]];

interface AssociationTables {
  shortId: string;
  indicatorTable: string;
  indicators: Indicator[];
  fundingTable: string;
  funding: Omit<FundingProject, 'id' | 'rows' | 'name' | 'unit' | 'decidedTotal' | 'source' | 'statedApplied' | 'statedRequisitioned' | 'statedRemaining'> & {
    unit: FundingProject['unit'];
    costs: Costs;
    stated: [applied: number, requisitioned: number, remaining: number];
  };
}

const TABLES: AssociationTables[] = [
  {
    shortId: 'fyrbodal',
    indicatorTable: 'tabell 1',
    indicators: [
      [
        'aktorer',
        20,
        15,
        '11 av Fyrbodals 14 kommuner samt kommunalförbundet Fyrbodals, Business Region Väst, Innovatum och Högskolan i Väst. Kommunerna som ännu inte deltar är Dals-Ed, Uddevalla och Mellerud; det kan ändras, då det främst beror på omorganiseringar inom digitaliserings-/IT-området.',
        14,
      ],
      ['andel_lansgemensamma', 50, 80, 'Utfall per aug. 2025 enligt kommunalförbundet.'],
      ['aktiva_natverk', 1, 4, 'Digitaliseringsnätverket, nätverk för informationssäkerhet, DIKT (digitalt stöd och IKT) och digitalisering i vårdsamverkan.'],
      [
        'andel_okad_mognad',
        50,
        75,
        'Kunde inte mätas som 2024: mätverktyget DiMiOS har avslutats av flera kommuner. 75 % är kommunalförbundets subjektiva bedömning av engagemanget från kommunerna i två nätverk och två projekt.',
      ],
    ],
    fundingTable: 'Tabell 2: Rekvirerade medel (tkr) till och med 2025-03-31 vad gäller Fyrbodals kommunalförbund',
    funding: {
      reference: 'MRU 2023-00776',
      periodFrom: '2023-10-01',
      periodTo: '2025-12-31',
      requisitionedFrom: '2023-10-01',
      requisitionedUntil: '2025-03-31',
      unit: 'tkr',
      caption: '',
      costs: [[1_992_000, 1_045_392], [400_000, 151_800], [475_000, 308_151], [40_000, 10_436], [60_000, 7_250], [33_000, 36_373]],
      stated: [3_000_000, 1_559_402, 1_440_598],
    },
  },
  {
    shortId: 'gr',
    indicatorTable: 'tabell 3',
    indicators: [
      [
        'aktorer',
        20,
        15,
        'Aktörer utöver kommunerna och GR själva: BRG, Sahlgrenska Science Park, Chalmers School of Entrepreneurship, AI Sweden, Göteborgs förvaltning för inköp och upphandling, Drivhuset Göteborg och AllAgeHub samt åtta företag. Med kommunerna ("14 kommuner inklusive Kungsbacka") och GR uppgår antalet aktörer enligt underlaget till 30.',
        14,
      ],
      ['andel_lansgemensamma', 50, 100, 'Alla kommuner deltar i länsgemensamma initiativ.'],
      ['aktiva_natverk', 1, 1, 'Nätverket för digitaliseringschefer, etablerat i projektets uppstart.'],
    ],
    fundingTable: 'Tabell 4: Rekvirerade medel till och med 2025-06-30 vad gäller Göteborgsregionens kommunalförbund',
    funding: {
      reference: 'MRU 2024-00775',
      periodFrom: '2023-10-01',
      periodTo: '2025-12-31',
      requisitionedFrom: '2023-10-01',
      requisitionedUntil: '2025-06-30',
      unit: 'kr',
      caption: '',
      costs: [[2_430_000, 1_780_334], [163_000, 222_107], [274_000, 2_575], [40_000, 904], [60_000, 16_990], [33_000, 1_084]],
      stated: [3_000_000, 2_024_005, 975_995],
    },
  },
  {
    shortId: 'sjuharad',
    indicatorTable: 'tabell 5',
    indicators: [
      ['aktorer', 20, 14, 'Kommunerna i Sjuhärad (8 st), kommunalförbundet, IUC, Högskolan i Borås, Tech Borås, Borås Parkering och Nätkraft.', 8],
      ['andel_lansgemensamma', 50, 100, 'Alla kommuner deltar i olika projekt: Öppen data, IoT, Green Fleets och Beredskap (förberedelsearbete).'],
      ['aktiva_natverk', 1, 1, 'Kommunernas kontaktpersoner bildar Sjuhärads digitaliseringsnätverk.'],
    ],
    fundingTable: 'Tabell 6: Rekviderade medel till och med 2025-03-31 vad gäller Sjuhärads kommunalförbund Boråsregionen',
    funding: {
      reference: 'MRU 2023-00788',
      periodFrom: '2023-10-01',
      periodTo: '2026-03-31',
      requisitionedFrom: '2024-04-01',
      requisitionedUntil: '2025-03-31',
      unit: 'kr',
      caption: '',
      costs: [[2_376_000, 138_547], [16_000, 43_654], [475_000, 195_667], [40_000, 12_705], [60_000, 0], [33_000, 20_069]],
      stated: [3_000_000, 410_642, 2_589_358],
    },
  },
  {
    shortId: 'skaraborg',
    indicatorTable: 'tabell 7',
    indicators: [
      [
        'aktorer',
        20,
        21,
        'Kommunerna i Skaraborg (15 stycken) samt kommunalförbundet, Högskolan i Skövde, IUC, Science Park Skövde, Business Region Skaraborg och Skaraborgs sjukhus.',
        15,
      ],
      ['andel_lansgemensamma', 50, 100, 'Exempel: 15 kommuner i Öppna data, 10 kommuner i Bibblis och 2 kommuner anslutna till IoT-plattformen.'],
      ['aktiva_natverk', 1, 1, 'Digitaliseringsnätverket, med kommuncheferna som styrgrupp.'],
    ],
    fundingTable: 'Tabell 8: Rekvirerade medel till och med 2025-03-31 vad gäller Skaraborgs kommunalförbund',
    funding: {
      reference: 'MRU 2023-00785',
      periodFrom: '2023-10-01',
      periodTo: '2025-12-31',
      requisitionedFrom: '2023-10-01',
      requisitionedUntil: '2025-03-31',
      unit: 'kr',
      caption: '',
      costs: [[72_000, 58_439], [16_000, 9_525], [2_779_000, 1_719_955], [40_000, 22_976], [60_000, 12_900], [33_000, 14_673]],
      stated: [3_000_000, 1_838_459, 1_161_532],
    },
  },
];

const COST_ORDER = ['lon', 'oh', 'externa_tjanster', 'resor', 'lokaler', 'ovriga'] as const;

export async function loadDemoRegion(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const t of TABLES) {
      const a = await findAssociation(tx, t.shortId);
      if (!a) continue;
      for (const [key, expected, reported, note, statedMembers] of t.indicators)
        await setIndicatorValue(
          tx,
          a.id,
          2025,
          key,
          { expected, reported, note, source: cite('vgr-analys-2025-40', t.indicatorTable), asOf: AS_OF, statedMembers: statedMembers ?? null },
          { isDemo: true, onlyDemo: true },
        );
      const { costs, stated, ...f } = t.funding;
      await saveFundingProject(
        tx,
        a.id,
        {
          ...f,
          // Fyrbodal's project keeps the name it had before the other associations came; theirs are named apart.
          name: t.shortId === 'fyrbodal' ? 'Gemensam digitalisering' : `Delregional digitaliseringsstrategi, ${a.name}`,
          caption: t.fundingTable,
          source: cite('vgr-analys-2025-40', t.fundingTable.split(':')[0].toLowerCase()),
          decidedTotal: DECIDED,
          statedApplied: stated[0],
          statedRequisitioned: stated[1],
          statedRemaining: stated[2],
          rows: costs.map(([applied, requisitioned], i) => ({ costType: COST_ORDER[i], applied, requisitioned })),
        },
        { isDemo: true, onlyDemo: true },
      );
    }
  });
}
