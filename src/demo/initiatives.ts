// Demo portfolio (DOMAIN.md §7, §11): SKR:s Handslag's six initiatives, the regional ones, a gemensam
// trygghetscentral, e-arkiv and the 4D joint IT organisation, with participations, status reports,
// qualification scores and Fyrbodal's networks (the indicator tables and funds of VGR Analys 2025:40: region.ts). Texts follow the source reports (docs/sources.md); participations beyond what they state, cost
// estimates and status reports are synthesised and marked as demo (is_demo). Idempotent: an item that
// exists (by demo key or name) is left as it is.
import type { Db, Queryable } from '../db/db.ts';
import type { CriterionScore, ParticipationKind, ReportStatus, Stage } from '../domain/portfolio/index.ts';
import { DEFAULT_CRITERIA, EMPTY_BENEFITS, weightedScore } from '../domain/portfolio/index.ts';
import { DEMO_ACCOUNTS } from '../domain/organisation.ts';
import { cite } from '../domain/sources.ts';
import { findUserIdByEmail } from '../store/accounts.ts';
import { findAssociation } from '../store/associations.ts';
import {
  createActor,
  createInitiative,
  createNetwork,
  logStage,
  setActorParticipation,
  setParticipation,
  setScores,
  upsertStatusReport,
  EMPTY_INITIATIVE_FIELDS,
  type InitiativeFields,
} from '../store/initiatives.ts';

const ALL_14 = ['1460', '1438', '1439', '1484', '1461', '1430', '1421', '1427', '1486', '1435', '1488', '1485', '1487', '1492'];
const E_ARKIV_SIGNED = ['1488', '1487', '1484', '1492', '1430', '1427'];
const SYNTH = 'Demodata: deltagande, belopp och statusrapporter är syntetiserade utifrån källrapporterna.';

/** Dates (YYYY-MM-DD) of the decision log: registered, then each stage reached, then the scoring. */
interface DemoDates {
  registered: string;
  kvalificering?: string;
  prioriterad?: string;
  genomforande?: string;
  /** When the qualification scores were set: after Kvalificering, before Prioriterad. */
  scored?: string;
}

interface DemoInitiative {
  key: string;
  stage: Stage;
  dates: DemoDates;
  source: string;
  fields: Partial<InitiativeFields> & { title: string };
  deltar?: string[];
  intresserad?: string[];
  actors?: Array<{ name: string; role: string }>;
  /** Scores in DEFAULT_CRITERIA order: nytta, kommuner, volym, strategi, beredskap, finansiering, risk. */
  scores?: [number, number, number, number, number, number, number];
  /** One justification per criterion, in the same order as the scores; all distinct. */
  justifications?: [string, string, string, string, string, string, string];
  /** Status reports; `reportedAt` (YYYY-MM-DD) after the period's end and after Genomförande. */
  reports?: Array<{ period: string; reportedAt: string; status: ReportStatus; progress: number; comment: string; realisedHours?: number; realisedSek?: number }>;
}

const HANDSLAG = 'SKR:s Handslag för digitalisering (SKR, Adda och Inera)';

const DEMO: DemoInitiative[] = [
  {
    key: 'handslag-identitetsfederation',
    stage: 'kvalificering',
    dates: { registered: '2024-06-19', kvalificering: '2024-09-12', scored: '2024-10-08' },
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
    justifications: [
      'En federation ger säker och enhetlig inloggning för både invånare och anställda i alla verksamheter.',
      'Fyra kommuner har anmält intresse (Trollhättan, Vänersborg, Uddevalla, Lysekil); ingen har ännu åtagit sig att delta.',
      'Varje inloggning till kommunens e-tjänster och verksamhetssystem berörs, men införandet sker system för system.',
      'Ingår i SKR:s Handslag och stödjer förbundets mål om informationssäkerhet.',
      'Flera kommuner saknar i dag en fungerande katalogtjänst att ansluta till federationen.',
      'Nationella medel täcker stödet; kommunernas egen anslutning är ännu inte budgeterad.',
      'Medelhög risk: tekniska beroenden till befintliga system och leverantörer.',
    ],
  },
  {
    key: 'handslag-sdk-socialtjanst',
    stage: 'genomforande',
    dates: { registered: '2024-06-19', kvalificering: '2024-09-12', scored: '2024-11-07', prioriterad: '2024-11-21', genomforande: '2025-02-13' },
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
    justifications: [
      'Minskar manuell hantering av post och fax; uppskattningsvis 1 500 timmar per år i de deltagande kommunerna.',
      'Tre kommuner deltar (Trollhättan, Vänersborg, Tanum) och Uddevalla är intresserad.',
      'Ett måttligt antal försändelser per kommun, men i varje ärende med känsliga uppgifter.',
      'Socialchefsnätverket har efterfrågat stöd; ligger i linje med förbundets strategi för säker informationsdelning.',
      'Den nationella SDK-lösningen finns och kan tas i bruk utan egen utveckling.',
      'Finansieras av de deltagande kommunerna; beloppet är beslutat men inte fördelat.',
      'Låg risk så länge verksamhetssystemen stödjer SDK; leverantörernas tidplan följs upp.',
    ],
  },
  {
    key: 'handslag-kompetensgemenskaper',
    stage: 'prioriterad',
    dates: { registered: '2024-06-19', kvalificering: '2024-09-12', scored: '2024-11-05', prioriterad: '2024-11-21' },
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
    justifications: [
      'Ger små kommuner tillgång till experter inom cybersäkerhet och juridik som de inte kan anställa själva.',
      'Lysekil, Munkedal och Sotenäs deltar; Bengtsfors och Färgelanda är intresserade.',
      'Få ärenden per kommun, nyttan ligger i kunskap snarare än volym.',
      'Bygger vidare på Fyrbodals nätverk för informationssäkerhet och Handslagets kompetensgemenskaper.',
      'Nätverket finns redan; en samordnare behöver utses innan starten.',
      'Kostnaden bärs av egna medel i de deltagande kommunerna; ingen extern finansiering söks.',
      'Låg risk: ett nätverksarbete som kan skalas upp eller ned efter behov.',
    ],
  },
  {
    key: 'handslag-valfardsteknik',
    stage: 'kvalificering',
    dates: { registered: '2024-06-19', kvalificering: '2025-03-06' },
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
    dates: { registered: '2024-06-19' },
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
    dates: { registered: '2024-06-19', kvalificering: '2024-09-12', scored: '2025-03-04', prioriterad: '2025-03-20' },
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
    justifications: [
      'Lägre porto- och tryckkostnader, uppskattat till 300 000 kr per år, och bättre spårbarhet.',
      'Trollhättan och Vänersborg deltar; fler kommuner väntas ansluta när deras system är klara.',
      'Stora volymer: beslut, fakturor och kallelser skickas i dag på papper.',
      'Ingår i SKR:s Handslag och minskar pappershanteringen enligt förbundets strategi.',
      'Den nationella infrastrukturen för digital post är i drift och kan användas direkt.',
      'Kostnaden täcks av egna medel; besparingen på porto väntas bära den efter något år.',
      'Låg risk: beprövad lösning, nyttan beror främst på anslutna verksamhetssystem.',
    ],
  },
  {
    key: 'vg-digitala-hjalpmedel',
    stage: 'genomforande',
    dates: { registered: '2024-01-15', kvalificering: '2024-02-22', scored: '2024-04-04', prioriterad: '2024-04-18', genomforande: '2024-06-13' },
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
    scores: [4, 3, 3, 3, 4, 4, 4],
    justifications: [
      'Gemensamma plattformar för välfärdstjänster frigör uppskattningsvis 2 000 timmar per år.',
      'Fyra kommuner deltar (Färgelanda, Åmål, Bengtsfors, Orust) genom VästKom.',
      'Plattformen används av flera verksamheter men införs gradvis.',
      'Stödjer den regionala inriktningen för digitala hjälpmedel men är inte en del av förbundets egen strategi.',
      'VästKom har avtal, support och utbildning på plats.',
      'Finansieras genom kommunernas avgifter till VästKom; beslutat för hela perioden.',
      'Låg risk: kommunerna kan välja vilka delar de inför.',
    ],
    reports: [{ period: '2025-Q2', reportedAt: '2025-07-10', status: 'enligt_plan', progress: 70, comment: 'Gemensam plattform i drift i fyra kommuner.', realisedHours: 600 }],
  },
  {
    key: 'vg-iot-plattform',
    stage: 'genomforande',
    dates: { registered: '2024-01-15', kvalificering: '2024-02-22', scored: '2024-04-09', prioriterad: '2024-04-18', genomforande: '2024-09-05' },
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
        sekPerYear: 400_000,
      },
      estimatedCost: 1_200_000,
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
    scores: [3, 3, 3, 4, 2, 4, 3],
    justifications: [
      'Lägre driftskostnader för belysning, avfall och energi; nyttan är uppskattad men inte mätt.',
      'Trollhättan, Vänersborg, Orust och Bengtsfors deltar; Mellerud är intresserad.',
      'Antalet sensorer är ännu litet i de flesta kommunerna.',
      'En del av Digitaliseringsrådets satsning på smart region och förbundets mål om datadriven samhällsplanering.',
      'Flera kommuner saknar kompetens att använda plattformen; stöd från Innovatum och Högskolan Väst behövs.',
      'Regionen finansierar plattformen; kommunerna står för egna sensorer.',
      'Medelhög risk att plattformen inte används om kompetensen inte byggs upp.',
    ],
    reports: [{ period: '2025-Q1', reportedAt: '2025-04-14', status: 'enligt_plan', progress: 40, comment: 'Strategen har fått fler kommuner att ansluta sig till plattformen.' }],
  },
  {
    key: 'vg-oppna-data',
    stage: 'genomforande',
    dates: { registered: '2024-01-15', kvalificering: '2024-03-14', scored: '2024-05-02', prioriterad: '2024-05-16', genomforande: '2024-08-22' },
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
      benefits: { ...EMPTY_BENEFITS, qualitative: 'Ökad transparens, bättre samhällsplanering och nya affärsmöjligheter.', hoursPerYear: 800 },
      estimatedCost: 300_000,
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
    scores: [3, 4, 2, 4, 3, 4, 3],
    justifications: [
      'Ökad öppenhet och återanvändning av data; tidsvinsten för kommunerna är liten på kort sikt.',
      'Sju kommuner deltar och Uddevalla är intresserad.',
      'Varje kommun publicerar än så länge få dataset.',
      'Ligger i linje med lagen om öppna data och förbundets strategi för datadelning.',
      'Dataportalen finns, men kommunerna behöver stöd att strukturera sina data.',
      'Regional finansiering via Digitaliseringsrådet täcker portalen.',
      'Medelhög risk: datakvaliteten varierar mellan kommunerna.',
    ],
    reports: [
      { period: '2025-Q1', reportedAt: '2025-04-10', status: 'enligt_plan', progress: 30, comment: 'Första dataset publicerade.' },
      { period: '2025-Q2', reportedAt: '2025-07-08', status: 'enligt_plan', progress: 45, comment: 'Två kommuner till har publicerat data.' },
    ],
  },
  {
    key: 'vg-millenium',
    stage: 'genomforande',
    dates: { registered: '2024-01-15', kvalificering: '2024-02-22', scored: '2024-04-11', prioriterad: '2024-04-18', genomforande: '2024-10-03' },
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
      benefits: { ...EMPTY_BENEFITS, qualitative: 'Förbättrad vårdkvalitet och patientupplevelse.', hoursPerYear: 3000 },
      estimatedCost: 600_000,
      fundingSources: [{ source: 'egen', amount: null, note: '' }],
      risks: [{ description: 'Förseningar i regionens införande påverkar kommunernas planering', probability: 3, consequence: 3 }],
      startYear: 2024,
      endYear: 2026,
    },
    deltar: ['1488', '1487', '1492', '1484', '1430', '1427'],
    scores: [4, 4, 4, 3, 3, 3, 2],
    justifications: [
      'Gemensam vårdinformation med regionen förbättrar patientsäkerheten i kommunal hälso- och sjukvård.',
      'Sex kommuner deltar i förbundets samordning av införandet.',
      'Berör all dokumentation i kommunal hälso- och sjukvård, stora volymer.',
      'Ett regionalt beslut som kommunerna måste följa, snarare än ett eget strategiskt val.',
      'Kommunerna är beroende av regionens införandeplan.',
      'Kommunerna bekostar sin egen utbildning och förberedelse.',
      'Hög risk: regionens tidplan har redan flyttats en gång.',
    ],
    reports: [{ period: '2025-Q1', reportedAt: '2025-04-22', status: 'avvikelse', progress: 25, comment: 'Regionens tidplan har flyttats; utbildningsinsatserna skjuts fram.' }],
  },
  {
    key: 'e-arkiv-vast',
    stage: 'prioriterad',
    dates: { registered: '2024-05-17', kvalificering: '2024-08-29', scored: '2024-11-28', prioriterad: '2024-12-12' },
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
    // Six parties have signed the new agreement (demodata; the source names no signatories), the others are interested.
    deltar: E_ARKIV_SIGNED,
    intresserad: ALL_14.filter((c) => !E_ARKIV_SIGNED.includes(c)),
    scores: [4, 5, 3, 4, 4, 4, 4],
    justifications: [
      'Rättssäkert och långsiktigt digitalt bevarande, med en uppskattad besparing på 250 000 kr per år.',
      'Alla 14 kommuner omfattas; sex har undertecknat det nya avtalet och övriga åtta väntas följa.',
      'Måttliga volymer i dag men växande i takt med att fler system levererar till arkivet.',
      'Stödjer förbundets strategi och ersätter samverkansavtalet från 2019.',
      'Organisationen finns redan genom det tidigare avtalet.',
      'Kostnaden fördelas mellan parterna enligt avtalets fördelningsnyckel.',
      'Låg risk: en fortsättning av ett befintligt samarbete.',
    ],
  },
  {
    key: 'gemensam-trygghetscentral',
    stage: 'kvalificering',
    dates: { registered: '2024-05-17', kvalificering: '2024-10-17', scored: '2025-01-23' },
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
    justifications: [
      'Stor nytta enligt analysrapporten: snabbare respons och bättre krisberedskap.',
      'Fem kommuner är intresserade; ingen har ännu beslutat att delta.',
      'Larm dygnet runt från alla deltagande kommuner ger stordriftsfördelar.',
      'Stödjer den nya socialtjänstlagen men är inte uttryckligen del av förbundets strategi.',
      'Organisation, lokalisering och bemanning är inte utredda.',
      'Ingen finansiering är identifierad för uppbyggnaden.',
      'Medelhög risk: verksamhetskritisk funktion där övergången måste vara sömlös.',
    ],
  },
  {
    key: '4d-gemensam-it-organisation',
    stage: 'genomforande',
    dates: { registered: '2024-09-10', kvalificering: '2024-10-01', scored: '2024-10-31', prioriterad: '2024-11-14', genomforande: '2025-01-09' },
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
      estimatedCost: 4_500_000,
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
    justifications: [
      'Förstudien visar en möjlig besparing på cirka 30 %, knappt 7 miljoner kronor per år, och en robustare it-drift.',
      'Fyra kommuner (Bengtsfors, Färgelanda, Mellerud, Åmål) av förbundets fjorton.',
      'Hela it-driften i fyra kommuner samlas i ett driftcenter.',
      'Central för Dalslandskommunernas digitalisering och i linje med förbundets mål om gemensam it.',
      'Styrgrupp och programdirektiv är klara, men personalövergången återstår.',
      'Programbudgeten är fastställd av styrgruppen; investeringspuckeln 2025–2026 är inte helt finansierad.',
      'Hög risk: personalomsättning och tjänstekvalitet under övergången.',
    ],
    reports: [
      { period: '2025-Q1', reportedAt: '2025-04-08', status: 'enligt_plan', progress: 20, comment: 'Styrgrupp och projektgrupper etablerade; konsultstöd upphandlat.' },
      {
        period: '2025-Q2',
        reportedAt: '2025-07-03',
        status: 'avvikelse',
        progress: 35,
        comment: 'Sammanlänkningen av infrastrukturen är försenad; målet 100 % senast Q4 2025 kvarstår.',
      },
    ],
  },
];

const CRITERIA_ORDER = ['nytta', 'kommuner', 'volym', 'strategi', 'beredskap', 'finansiering', 'risk'];

const PATH: Stage[] = ['ide', 'kvalificering', 'prioriterad', 'genomforande', 'nyttohemtagning'];
const PATH_REASONS: Partial<Record<Stage, string>> = {
  kvalificering: 'Behov och verksamhetsområde beskrivna; tas vidare till kvalificering (demodata)',
  prioriterad: 'Prioriterat i handlingsplanen 2025–2026 efter kvalificering (demodata)',
  genomforande: 'Samverkansform, finansiering och risker klara; genomförandet startar (demodata)',
};

const at = (d: string) => `${d}T09:00:00Z`;

/** The decision log's reason for reaching a stage; Prioriterad names the weighted score behind the decision. */
function stageReason(d: DemoInitiative, to: Stage): string {
  if (to === 'prioriterad' && d.scores) {
    const w = weightedScore(
      d.scores.map((score, i) => ({ criterionId: CRITERIA_ORDER[i], score, justification: '' })),
      DEFAULT_CRITERIA,
    ).score;
    const years = d.fields.startYear ? ` ${d.fields.startYear}–${d.fields.endYear ?? ''}` : '';
    return `Prioriterat i handlingsplanen${years} efter kvalificering, viktad poäng ${String(w?.toFixed(2)).replace('.', ',')} av 5 (demodata)`;
  }
  return PATH_REASONS[to] ?? 'Demodata';
}

async function actorId(tx: Queryable, name: string): Promise<number> {
  return (await tx.query<{ id: number }>('SELECT id FROM actors WHERE name = $1', [name])).rows[0].id;
}

export async function loadDemoInitiatives(db: Db): Promise<void> {
  const adminEmail = DEMO_ACCOUNTS.find((a) => a.role === 'forbundsadmin')!;
  const adminId = (await findUserIdByEmail(db, adminEmail.email)) ?? null;
  const by = { userId: adminId, userName: adminEmail.name };
  // The demo portfolio is Fyrbodal's, explicitly (issue 14): not whichever association is the default.
  const fyrbodal = await findAssociation(db, 'fyrbodal');
  if (!fyrbodal) throw new Error('Demodata: kommunalförbundet Fyrbodal saknas (migration 015)');

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
        at: at(d.dates.registered),
        evidence: { source: 'demodata', reference: d.source },
        associationId: fyrbodal.id,
      });
      const steps = PATH.slice(1, PATH.indexOf(d.stage) + 1);
      let from: Stage = 'ide';
      for (const to of steps) {
        const when = d.dates[to as keyof DemoDates];
        if (!when) throw new Error(`Demodata: ${d.key} saknar datum för steget ${to}`);
        await tx.query('UPDATE initiatives SET stage = $2 WHERE id = $1', [id, to]);
        await logStage(tx, id, from, to, stageReason(d, to), by, at(when));
        from = to;
      }
      const parts: Array<[string, ParticipationKind]> = [
        ...(d.intresserad ?? []).map((c): [string, ParticipationKind] => [c, 'intresserad']),
        ...(d.deltar ?? []).map((c): [string, ParticipationKind] => [c, 'deltar']),
      ];
      for (const [code, kind] of parts) await setParticipation(tx, id, code, kind, null);
      // Participation was declared during the qualification (or at registration).
      await tx.query('UPDATE initiative_participations SET declared_at = $2::timestamptz WHERE initiative_id = $1', [
        id,
        at(d.dates.kvalificering ?? d.dates.registered),
      ]);
      for (const a of d.actors ?? []) await setActorParticipation(tx, id, await actorId(tx, a.name), a.role, adminId);
      if (d.scores) {
        if (!d.justifications || !d.dates.scored) throw new Error(`Demodata: ${d.key} har poäng utan motiveringar eller datum`);
        const scores: CriterionScore[] = d.scores.map((score, i) => ({ criterionId: CRITERIA_ORDER[i], score, justification: d.justifications![i] }));
        await setScores(tx, id, scores, adminId);
        await tx.query('UPDATE qualification_scores SET scored_at = $2::timestamptz WHERE initiative_id = $1', [id, at(d.dates.scored)]);
      }
      for (const r of d.reports ?? []) {
        await upsertStatusReport(
          tx,
          { initiativeId: id, period: r.period, status: r.status, progress: r.progress, comment: r.comment, realisedHours: r.realisedHours ?? null, realisedSek: r.realisedSek ?? null },
          adminId,
          true,
        );
        await tx.query('UPDATE initiative_status_reports SET reported_at = $3::timestamptz WHERE initiative_id = $1 AND period = $2', [
          id,
          r.period,
          at(r.reportedAt),
        ]);
      }
    }

    // The indicator tables and the requisitioned funds of the four associations: region.ts.

    // Fyrbodal's networks (VGR Analys 2025:40).
    const networks = [
      { name: 'Strategiskt digitaliseringsnätverk Fyrbodal', description: 'Mellankommunalt nätverk sedan början av 2025 för digitaliseringschefer och strateger; ordförande är en kommundirektör.', startYear: 2025 },
      { name: 'Nätverk för informationssäkerhet', description: 'För kommunernas informationssäkerhetsansvariga.', startYear: null },
      { name: 'DIKT – digitalt stöd och IKT', description: 'Nätverk för digitalt stöd och IKT.', startYear: null },
      { name: 'Digitalisering i vårdsamverkan', description: 'Nätverk för digitalisering i vårdsamverkan.', startYear: null },
    ];
    for (const n of networks) await createNetwork(tx, { ...n, active: true, endYear: null }, true, fyrbodal.id);
  });
}
