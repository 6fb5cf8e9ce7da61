// Demo portfolio (DOMAIN.md §7, §11): SKR:s Handslag's six initiatives, the regional ones, a gemensam
// trygghetscentral, e-arkiv and the 4D joint IT organisation, with participations, status reports,
// qualification scores, Fyrbodal's indicator table (VGR Analys 2025:40, tabell 1) and requisitioned funding
// (tabell 2). Texts follow the source reports (docs/sources.md); participations beyond what they state, cost
// estimates and status reports are synthesised and marked as demo (is_demo). Idempotent: an item that
// exists (by demo key or name) is left as it is.
import type { Db, Queryable } from '../db/db.ts';
import type { CriterionScore, IndicatorKey, ParticipationKind, ReportStatus, Stage } from '../domain/portfolio/index.ts';
import { EMPTY_BENEFITS } from '../domain/portfolio/index.ts';
import { DEMO_ACCOUNTS } from '../domain/organisation.ts';
import { cite } from '../domain/sources.ts';
import { findUserIdByEmail } from '../store/accounts.ts';
import {
  createActor,
  createInitiative,
  createNetwork,
  logStage,
  saveFundingProject,
  setActorParticipation,
  setIndicatorValue,
  setParticipation,
  setScores,
  upsertStatusReport,
  EMPTY_INITIATIVE_FIELDS,
  type InitiativeFields,
} from '../store/initiatives.ts';

const ALL_14 = ['1460', '1438', '1439', '1484', '1461', '1430', '1421', '1427', '1486', '1435', '1488', '1485', '1487', '1492'];
const SYNTH = 'Demodata: deltagande, belopp och statusrapporter är syntetiserade utifrån källrapporterna.';

interface DemoInitiative {
  key: string;
  stage: Stage;
  since: string;
  source: string;
  fields: Partial<InitiativeFields> & { title: string };
  deltar?: string[];
  intresserad?: string[];
  actors?: Array<{ name: string; role: string }>;
  /** Scores in DEFAULT_CRITERIA order: nytta, kommuner, volym, strategi, beredskap, finansiering, risk. */
  scores?: [number, number, number, number, number, number, number];
  justification?: string;
  reports?: Array<{ period: string; status: ReportStatus; progress: number; comment: string; realisedHours?: number; realisedSek?: number }>;
}

const HANDSLAG = 'SKR:s Handslag för digitalisering (SKR, Adda och Inera)';

const DEMO: DemoInitiative[] = [
  {
    key: 'handslag-identitetsfederation',
    stage: 'kvalificering',
    since: '2024-06-19',
    source: cite('analysrapport-2024', 'avsnitt 3.1.1'),
    fields: {
      title: 'Nationell identitets- och behörighetsfederation',
      scope: 'nationell',
      origin: HANDSLAG,
      area: 'it',
      description:
        'Underlätta säkra digitala identiteter och behörigheter för både medborgare och anställda inom välfärdssektorn. Kommunerna får hjälp att implementera en säker och enhetlig lösning och att integrera federationen med befintliga system.',
      need: 'Kommunerna bygger egna lösningar för inloggning och behörigheter; en federation ger enhetlig och säker åtkomst till digitala tjänster.',
      benefits: { ...EMPTY_BENEFITS, qualitative: 'Enhetlig och säker åtkomst till digitala tjänster för medborgare och anställda.', operational: 'Färre lokala integrationer att förvalta.' },
      links: [{ kind: 'utmaning', label: 'Informationssäkerhetsarbete' }],
      startYear: 2025,
      endYear: 2026,
    },
    intresserad: ['1488', '1487', '1485', '1484'],
    scores: [4, 4, 3, 4, 2, 3, 3],
    justification: 'Nationellt prioriterat initiativ; kommunernas beredskap att ansluta varierar.',
  },
  {
    key: 'handslag-sdk-socialtjanst',
    stage: 'genomforande',
    since: '2024-06-19',
    source: `${cite('analysrapport-2024', 'avsnitt 3.1.1')} och ${cite('vgr-analys-2025-40', 'programdirektiv för fyra initiativ inom socialtjänsten')}`,
    fields: {
      title: 'Säker digital kommunikation för socialtjänsten',
      scope: 'nationell',
      origin: HANDSLAG,
      area: 'socialtjanst',
      description:
        'Införa och standardisera säker digital kommunikation inom socialtjänsten med verktyg och riktlinjer från Handslaget, för att skydda känsliga personuppgifter och effektivisera handläggningen.',
      need: 'Känslig information skickas idag via post, fax och osäkra kanaler; handläggningen blir långsam och integriteten svår att säkra.',
      collaborationForm: 'samverkan',
      benefits: {
        ...EMPTY_BENEFITS,
        qualitative: 'Bättre skydd av känslig information och ökad integritet i socialtjänstens ärenden.',
        operational: 'Effektivare kommunikationsprocesser i handläggningen.',
        hoursPerYear: 1500,
      },
      estimatedCost: 450_000,
      fundingSources: [{ source: 'egen', amount: 450_000, note: 'Deltagande kommuner' }],
      risks: [{ description: 'Leverantörernas verksamhetssystem stödjer inte SDK i tid', probability: 2, consequence: 3 }],
      startYear: 2025,
      endYear: 2026,
    },
    deltar: ['1488', '1487', '1435'],
    intresserad: ['1485'],
    scores: [4, 3, 3, 4, 4, 3, 4],
    justification: 'Socialchefsnätverket har efterfrågat stöd i beredningen; lösningen finns nationellt.',
  },
  {
    key: 'handslag-kompetensgemenskaper',
    stage: 'prioriterad',
    since: '2024-06-19',
    source: cite('analysrapport-2024', 'avsnitt 3.1.1'),
    fields: {
      title: 'Kompetensgemenskaper inom cybersäkerhet och juridik',
      scope: 'nationell',
      origin: HANDSLAG,
      area: 'it',
      description:
        'Etablera kompetensgemenskaper där kommuner och regioner delar kunskap och resurser inom cybersäkerhet och juridik: nätverk av experter, gemensamt utbildningsmaterial och erfarenhetsutbyte.',
      need: 'Små kommuner saknar egen expertis inom cybersäkerhet och digitaliseringsjuridik.',
      collaborationForm: 'samverkan',
      benefits: { ...EMPTY_BENEFITS, qualitative: 'Höjd kompetensnivå och rätt expertis tillgänglig för digitala säkerhetsutmaningar och juridiska frågor.', hoursPerYear: 600 },
      estimatedCost: 200_000,
      fundingSources: [{ source: 'egen', amount: 200_000, note: '' }],
      startYear: 2025,
      endYear: 2026,
    },
    deltar: ['1484', '1430', '1427'],
    intresserad: ['1460', '1439'],
    scores: [4, 3, 2, 4, 3, 3, 4],
    justification: 'Bygger vidare på Fyrbodals nätverk för informationssäkerhet.',
  },
  {
    key: 'handslag-valfardsteknik',
    stage: 'kvalificering',
    since: '2024-06-19',
    source: cite('analysrapport-2024', 'avsnitt 3.1.1'),
    fields: {
      title: 'Delning och skalning av välfärdsteknik',
      scope: 'nationell',
      origin: HANDSLAG,
      area: 'socialtjanst',
      description:
        'Sprida och skala upp framgångsrika digitala lösningar och tekniker inom välfärden: identifiera, dela och implementera lösningar som redan visat sig vara effektiva.',
      need: 'Varje kommun prövar välfärdsteknik på egen hand; lyckade lösningar sprids långsamt.',
      benefits: { ...EMPTY_BENEFITS, qualitative: 'Fler kommuner drar nytta av beprövad välfärdsteknik.' },
      startYear: 2025,
      endYear: 2026,
    },
    intresserad: ['1439', '1460', '1492'],
  },
  {
    key: 'handslag-ekonomiskt-bistand',
    stage: 'ide',
    since: '2024-06-19',
    source: cite('analysrapport-2024', 'avsnitt 3.1.1'),
    fields: {
      title: 'Gemensam informationsförsörjning för ekonomiskt bistånd',
      scope: 'nationell',
      origin: HANDSLAG,
      area: 'socialtjanst',
      description:
        'Samordnad informationshantering för ekonomiskt bistånd: gemensamma system och standarder som gör det lättare att samla in, dela och använda relevant information.',
      need: 'Handläggningen av ekonomiskt bistånd kräver uppgifter från flera källor som hämtas manuellt.',
      startYear: 2026,
    },
    intresserad: ['1487'],
  },
  {
    key: 'handslag-digital-post',
    stage: 'prioriterad',
    since: '2024-06-19',
    source: `${cite('analysrapport-2024', 'avsnitt 3.1.1')} och ${cite('vgr-analys-2025-40', 'avsnittet om Skaraborg')}`,
    fields: {
      title: 'Digital post',
      scope: 'nationell',
      origin: HANDSLAG,
      area: 'administration',
      description:
        'Införa och utveckla digital post för en sammanhållen och effektiv kommunikation mellan kommun och invånare: teknisk assistans och riktlinjer för att integrera digital post i kommunikationsprocesserna.',
      need: 'Pappersutskick är dyra och svåra att spåra.',
      collaborationForm: 'samverkan',
      benefits: { ...EMPTY_BENEFITS, qualitative: 'Minskad pappershantering, bättre tillgänglighet och spårbarhet.', economic: 'Lägre porto- och tryckkostnader.', sekPerYear: 300_000 },
      estimatedCost: 150_000,
      startYear: 2025,
      endYear: 2026,
    },
    deltar: ['1488', '1487'],
    scores: [3, 3, 4, 4, 4, 3, 4],
    justification: 'Färdig nationell lösning; nyttan beror på anslutna verksamhetssystem.',
  },
  {
    key: 'vg-digitala-hjalpmedel',
    stage: 'genomforande',
    since: '2024-01-15',
    source: cite('analysrapport-2024', 'avsnitt 3.1.2'),
    fields: {
      title: 'Digitala hjälpmedel i samverkan',
      scope: 'regional',
      origin: 'VästKom',
      area: 'socialtjanst',
      description:
        'Främja samarbete mellan kommunerna i Västra Götaland genom gemensamma digitala verktyg och plattformar inom vård och omsorg, utbildning och administration. Stödet omfattar gemensamma tekniska plattformar, utbildning, teknisk support och workshops.',
      need: 'Kommunerna upphandlar och förvaltar digitala hjälpmedel var för sig.',
      collaborationForm: 'samverkan',
      benefits: {
        ...EMPTY_BENEFITS,
        qualitative: 'Förbättrad kvalitet och effektivitet i tjänsteleveransen; ökad tillgänglighet för medborgarna.',
        economic: 'Kostnadsbesparingar genom delade resurser.',
        hoursPerYear: 2000,
      },
      estimatedCost: 800_000,
      fundingSources: [{ source: 'egen', amount: 800_000, note: 'Kommunernas avgifter till VästKom' }],
      risks: [{ description: 'Olika behov mellan kommunerna försvårar gemensamma val', probability: 2, consequence: 2 }],
      startYear: 2024,
      endYear: 2025,
    },
    deltar: ['1439', '1492', '1460', '1421'],
    reports: [{ period: '2025-Q2', status: 'enligt_plan', progress: 70, comment: 'Gemensam plattform i drift i fyra kommuner.', realisedHours: 600 }],
  },
  {
    key: 'vg-iot-plattform',
    stage: 'genomforande',
    since: '2024-01-15',
    source: `${cite('analysrapport-2024', 'avsnitt 3.1.2')} och ${cite('vgr-analys-2025-40')}`,
    fields: {
      title: 'Smart region Västra Götaland IoT-plattform',
      scope: 'regional',
      origin: 'Digitaliseringsrådet i Västra Götaland (VGR)',
      area: 'samhallsbyggnad',
      description:
        'En regional plattform som integrerar sakernas internet i kommunernas verksamhet: sensorer och anslutna enheter för trafikstyrning, avfallshantering, energiförvaltning och miljöövervakning, med verktyg för dataanalys och teknisk rådgivning.',
      need: 'Kommunerna saknar var för sig infrastruktur och kompetens för IoT.',
      collaborationForm: 'region_stat',
      benefits: {
        ...EMPTY_BENEFITS,
        qualitative: 'Förbättrad resurseffektivitet, minskad miljöpåverkan och förbättrad livskvalitet för invånarna.',
        economic: 'Lägre driftskostnader.',
      },
      fundingSources: [{ source: 'vgr_mru', amount: null, note: 'Regional finansiering via Digitaliseringsrådet' }],
      risks: [{ description: 'Kommunerna saknar kompetens att använda plattformen ("redo för verkstad?")', probability: 3, consequence: 2 }],
      startYear: 2024,
      endYear: 2026,
    },
    deltar: ['1488', '1487', '1421', '1460'],
    intresserad: ['1461'],
    actors: [
      { name: 'Innovatum', role: 'Testbädd och företagskontakter' },
      { name: 'Högskolan Väst', role: 'Forskning och utbildning' },
    ],
    reports: [{ period: '2025-Q1', status: 'enligt_plan', progress: 40, comment: 'Strategen har fått fler kommuner att ansluta sig till plattformen.' }],
  },
  {
    key: 'vg-oppna-data',
    stage: 'genomforande',
    since: '2024-01-15',
    source: `${cite('analysrapport-2024', 'avsnitt 3.1.2')} och ${cite('vgr-analys-2025-40')}`,
    fields: {
      title: 'Öppna data och Dataportal Väst',
      scope: 'regional',
      origin: 'Digitaliseringsrådet i Västra Götaland (regional samverkan för öppna data)',
      area: 'administration',
      description:
        'Tillgängliggöra offentlig data via en gemensam dataportal: stöd att strukturera och publicera data enligt öppna standarder, utbildning i datastyrning och teknisk support för att integrera data i portalen.',
      need: 'Kommunernas data är svår att hitta och återanvända för medborgare, forskare och företag.',
      collaborationForm: 'samverkan',
      benefits: { ...EMPTY_BENEFITS, qualitative: 'Ökad transparens, bättre samhällsplanering och nya affärsmöjligheter.' },
      fundingSources: [{ source: 'vgr_mru', amount: null, note: '' }],
      risks: [{ description: 'Datakvaliteten varierar mellan kommunerna', probability: 3, consequence: 2 }],
      startYear: 2024,
      endYear: 2026,
    },
    deltar: ['1488', '1487', '1484', '1430', '1427', '1435', '1486'],
    intresserad: ['1485'],
    actors: [
      { name: 'Fyrbodals kommunalförbund', role: 'Samordning' },
      { name: 'Business Region Väst', role: 'Näringslivets användning av data' },
    ],
    reports: [
      { period: '2025-Q1', status: 'enligt_plan', progress: 30, comment: 'Första dataset publicerade.' },
      { period: '2025-Q2', status: 'enligt_plan', progress: 45, comment: 'Två kommuner till har publicerat data.' },
    ],
  },
  {
    key: 'vg-millenium',
    stage: 'genomforande',
    since: '2024-01-15',
    source: cite('analysrapport-2024', 'avsnitt 3.1.2'),
    fields: {
      title: 'Införandet av Millenium',
      scope: 'regional',
      origin: 'VästKom',
      area: 'socialtjanst',
      description:
        'VästKom stödjer kommunerna vid införandet av Millenium, en regiongemensam IT-plattform för vårdinformation: samordning mellan kommun och region, strategisk vägledning, utbildning och uppföljning.',
      need: 'Kommunal hälso- och sjukvård behöver dela vårdinformation med regionen i en gemensam plattform.',
      collaborationForm: 'region_stat',
      benefits: { ...EMPTY_BENEFITS, qualitative: 'Förbättrad vårdkvalitet och patientupplevelse.' },
      fundingSources: [{ source: 'egen', amount: null, note: '' }],
      risks: [{ description: 'Förseningar i regionens införande påverkar kommunernas planering', probability: 3, consequence: 3 }],
      startYear: 2024,
      endYear: 2026,
    },
    deltar: ['1488', '1487', '1492', '1484', '1430', '1427'],
    reports: [{ period: '2025-Q1', status: 'avvikelse', progress: 25, comment: 'Regionens tidplan har flyttats; utbildningsinsatserna skjuts fram.' }],
  },
  {
    key: 'e-arkiv-vast',
    stage: 'prioriterad',
    since: '2024-05-17',
    source: cite('analysrapport-2024', 'Avtalssamverkan för e-arkiv Väst'),
    fields: {
      title: 'Avtalssamverkan för e-arkiv Väst',
      scope: 'regional',
      origin: 'Fyrbodals kommuner och ett antal kommunalförbund',
      area: 'administration',
      description:
        'Ett nytt samverkansavtal för gemensamt e-arkiv som ersätter avtalet från 2019 och träder i kraft när alla parter undertecknat. Omfattar hantering av leverantörer och system och långtidsbevarande av digital information.',
      need: 'Rättssäker, tillgänglig och kostnadseffektiv hantering av e-arkivfrågor och långtidsbevarande.',
      collaborationForm: 'samverkan',
      benefits: {
        ...EMPTY_BENEFITS,
        qualitative: 'Stabil grund för långsiktigt digitalt bevarande; rättssäkerhet.',
        economic: 'Fördelning av kostnader och resurser mellan parterna.',
        sekPerYear: 250_000,
      },
      estimatedCost: 350_000,
      startYear: 2025,
      endYear: 2026,
    },
    intresserad: ALL_14,
    scores: [4, 5, 3, 4, 4, 4, 4],
    justification: 'Alla Fyrbodals kommuner förväntas ingå; avtalet ersätter ett befintligt.',
  },
  {
    key: 'gemensam-trygghetscentral',
    stage: 'kvalificering',
    since: '2024-05-17',
    source: cite('analysrapport-2024', 'Exempel på samverkansinitiativ och frigjorda medel'),
    fields: {
      title: 'Gemensam trygghetscentral',
      scope: 'delregional',
      origin: 'Analysrapport 2024, Fyrbodals kommunalförbund',
      area: 'socialtjanst',
      description:
        'En gemensam trygghetscentral med centraliserad ledning och samordning, gemensamma rutiner och planer för alla deltagande kommuner och teknisk redundans genom avtal med andra centraler, liksom samarbetet inom räddningsförbunden.',
      need: 'Kommunerna driver larm- och trygghetsfunktioner var för sig, med sårbar bemanning och dubbla investeringar.',
      collaborationForm: 'samverkan',
      benefits: {
        ...EMPTY_BENEFITS,
        qualitative: 'Förbättrad krishanteringskapacitet och snabbare respons; bidrar till att uppfylla den nya socialtjänstlagen.',
        economic: 'Stordriftsfördelar genom gemensamma resurser, upphandlingar och delade kostnader för teknisk infrastruktur och utbildning.',
        operational: 'Nyckelfunktioner integreras; resurser frigörs och används där de behövs mest.',
      },
      startYear: 2026,
      endYear: 2027,
    },
    intresserad: ['1484', '1430', '1427', '1435', '1486'],
    scores: [4, 3, 4, 3, 2, 2, 3],
    justification: 'Stor nytta enligt analysrapporten; finansiering och organisation är inte utredda.',
  },
  {
    key: '4d-gemensam-it-organisation',
    stage: 'genomforande',
    since: '2024-09-10',
    source: cite('forstudie-4d-2024', 'förstudie och programdirektiv'),
    fields: {
      title: 'Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmål (4D)',
      scope: 'delregional',
      origin: 'Förstudie 2024 (Dalslandssamverkan)',
      area: 'it',
      proposingMunicipality: '1492',
      description:
        'Programmet integrerar de fyra kommunernas it-organisationer till en gemensam med värdkommun Åmål: integrerad it-infrastruktur, gemensamt driftcenter, gemensamma it-system och personalövergång. Digitaliseringsenheten styrs med förenklad portföljstyrning där effekthemtagning redovisas löpande.',
      need: 'Sårbara it-enheter med personberoende, låg it-kostnad mot riksnittet (2,5 %) och svårt att möta verksamheternas digitaliseringsbehov.',
      collaborationForm: 'samverkan',
      benefits: {
        ...EMPTY_BENEFITS,
        qualitative: 'Robust it-drift, bättre utvecklingsmöjligheter för personalen och stöd till verksamheternas digitalisering.',
        economic: 'Cirka 30 % besparing på it-tjänster, it-utrustning, it-kommunikation och konsultstöd (summa av cellerna i förstudiens tabell 4).',
        operational: 'Gemensam support, enhetshantering och nätövervakning.',
        sekPerYear: 6_999_349,
      },
      fundingSources: [{ source: 'egen', amount: null, note: 'Programbudget fastställd av styrgruppen' }],
      risks: [
        { description: 'Personalomsättning och kompetensbortfall under övergången', probability: 3, consequence: 3 },
        { description: 'Tjänstekvalitet och säkerhet under övergångsprocessen', probability: 2, consequence: 4 },
      ],
      startYear: 2024,
      endYear: 2026,
    },
    deltar: ['1460', '1439', '1461', '1492'],
    scores: [5, 2, 3, 5, 3, 3, 2],
    justification: 'Förstudien visar stora besparingar; omfattande omställning med risker under övergången.',
    reports: [
      { period: '2025-Q1', status: 'enligt_plan', progress: 20, comment: 'Styrgrupp och projektgrupper etablerade; konsultstöd upphandlat.' },
      {
        period: '2025-Q2',
        status: 'avvikelse',
        progress: 35,
        comment: 'Sammanlänkningen av infrastrukturen är försenad; målet 100 % senast Q4 2025 kvarstår.',
      },
    ],
  },
];

const CRITERIA_ORDER = ['nytta', 'kommuner', 'volym', 'strategi', 'beredskap', 'finansiering', 'risk'];
const CRITERIA_LABEL: Record<string, string> = {
  nytta: 'Nytta',
  kommuner: 'Antal kommuner',
  volym: 'Volym och skala',
  strategi: 'Strategisk passform',
  beredskap: 'Genomförandeberedskap',
  finansiering: 'Finansiering',
  risk: 'Risk',
};

const PATH: Stage[] = ['ide', 'kvalificering', 'prioriterad', 'genomforande', 'nyttohemtagning'];
const PATH_REASONS: Partial<Record<Stage, string>> = {
  kvalificering: 'Behov och verksamhetsområde beskrivna; tas vidare till kvalificering (demodata)',
  prioriterad: 'Prioriterat i handlingsplanen 2025–2026 efter kvalificering (demodata)',
  genomforande: 'Samverkansform, finansiering och risker klara; genomförandet startar (demodata)',
};

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T09:00:00Z`) + n * 86_400_000).toISOString();

async function actorId(tx: Queryable, name: string): Promise<number> {
  return (await tx.query<{ id: number }>('SELECT id FROM actors WHERE name = $1', [name])).rows[0].id;
}

export async function loadDemoInitiatives(db: Db): Promise<void> {
  const adminEmail = DEMO_ACCOUNTS.find((a) => a.role === 'forbundsadmin')!;
  const adminId = (await findUserIdByEmail(db, adminEmail.email)) ?? null;
  const by = { userId: adminId, userName: adminEmail.name };

  await db.transaction(async (tx) => {
    await createActor(tx, 'Fyrbodals kommunalförbund', 'ovrigt');
    await createActor(tx, 'Business Region Väst', 'naringsliv');

    for (const d of DEMO) {
      const exists = (await tx.query('SELECT 1 FROM initiatives WHERE demo_key = $1', [d.key])).rows.length > 0;
      if (exists) continue;
      const fields: InitiativeFields = { ...EMPTY_INITIATIVE_FIELDS, ...d.fields, description: `${d.fields.description ?? ''} ${SYNTH}`.trim() };
      const id = await createInitiative(tx, fields, by, {
        isDemo: true,
        demoKey: d.key,
        reason: `Registrerat utifrån ${d.source} (demodata)`,
        at: addDays(d.since, 0),
        evidence: { source: 'demodata', reference: d.source },
      });
      const steps = PATH.slice(1, PATH.indexOf(d.stage) + 1);
      let from: Stage = 'ide';
      for (const [n, to] of steps.entries()) {
        await tx.query('UPDATE initiatives SET stage = $2 WHERE id = $1', [id, to]);
        await logStage(tx, id, from, to, PATH_REASONS[to] ?? 'Demodata', by, addDays(d.since, 45 * (n + 1)));
        from = to;
      }
      const parts: Array<[string, ParticipationKind]> = [
        ...(d.intresserad ?? []).map((c): [string, ParticipationKind] => [c, 'intresserad']),
        ...(d.deltar ?? []).map((c): [string, ParticipationKind] => [c, 'deltar']),
      ];
      for (const [code, kind] of parts) await setParticipation(tx, id, code, kind, null);
      for (const a of d.actors ?? []) await setActorParticipation(tx, id, await actorId(tx, a.name), a.role, adminId);
      if (d.scores) {
        const scores: CriterionScore[] = d.scores.map((score, i) => ({
          criterionId: CRITERIA_ORDER[i],
          score,
          justification: `${CRITERIA_LABEL[CRITERIA_ORDER[i]]} ${score} av 5. ${d.justification ?? ''}`.trim(),
        }));
        await setScores(tx, id, scores, adminId);
      }
      for (const r of d.reports ?? [])
        await upsertStatusReport(
          tx,
          { initiativeId: id, period: r.period, status: r.status, progress: r.progress, comment: r.comment, realisedHours: r.realisedHours ?? null, realisedSek: r.realisedSek ?? null },
          adminId,
          true,
        );
    }

    // Fyrbodal's indicators in the MRU decision, expected and reported per aug. 2025 (VGR Analys 2025:40, tabell 1).
    const indicators: Array<[IndicatorKey, number, number, string]> = [
      ['aktorer', 20, 15, 'Utfall per aug. 2025: 11 av 14 kommuner samt kommunalförbundet, Business Region Väst, Innovatum och Högskolan i Väst (ej Dals-Ed, Uddevalla, Mellerud).'],
      ['andel_lansgemensamma', 50, 80, 'Utfall per aug. 2025 enligt kommunalförbundet.'],
      ['aktiva_natverk', 1, 4, 'Digitaliseringsnätverket, nätverk för informationssäkerhet, DIKT och digitalisering i vårdsamverkan.'],
      [
        'andel_okad_mognad',
        50,
        75,
        'Kunde inte mätas som 2024: mätverktyget DiMiOS har avslutats av flera kommuner. 75 % är kommunalförbundets subjektiva bedömning av engagemanget i två nätverk och två projekt.',
      ],
    ];
    for (const [key, expected, reported, note] of indicators)
      await setIndicatorValue(tx, 2025, key, { expected, reported, note }, { isDemo: true, onlyIfMissing: true });

    // Requisitioned funding per cost type until 2025-03-31 (VGR Analys 2025:40, tabell 2).
    await saveFundingProject(
      tx,
      {
        name: 'Gemensam digitalisering',
        reference: 'MRU 2023-00776',
        periodFrom: '2023-10-01',
        periodTo: '2025-12-31',
        requisitionedUntil: '2025-03-31',
        rows: [
          { costType: 'lon', applied: 1_992_000, requisitioned: 1_045_392 },
          { costType: 'oh', applied: 400_000, requisitioned: 151_800 },
          { costType: 'externa_tjanster', applied: 475_000, requisitioned: 308_151 },
          { costType: 'resor', applied: 40_000, requisitioned: 10_436 },
          { costType: 'lokaler', applied: 60_000, requisitioned: 7_250 },
          { costType: 'ovriga', applied: 33_000, requisitioned: 36_373 },
        ],
      },
      { isDemo: true, onlyIfMissing: true },
    );

    // Fyrbodal's networks (VGR Analys 2025:40).
    const networks = [
      { name: 'Strategiskt digitaliseringsnätverk Fyrbodal', description: 'Mellankommunalt nätverk sedan början av 2025 för digitaliseringschefer och strateger; ordförande är en kommundirektör.', startYear: 2025 },
      { name: 'Nätverk för informationssäkerhet', description: 'För kommunernas informationssäkerhetsansvariga.', startYear: null },
      { name: 'DIKT – digitalt stöd och IKT', description: 'Nätverk för digitalt stöd och IKT.', startYear: null },
      { name: 'Digitalisering i vårdsamverkan', description: 'Nätverk för digitalisering i vårdsamverkan.', startYear: null },
    ];
    for (const n of networks) await createNetwork(tx, { ...n, active: true, endYear: null }, true);
  });
}
