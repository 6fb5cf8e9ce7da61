// Targets for the synthesised "Digitaliseringsenkät 2024" round (instruments/statusenkat-2024.json),
// taken from "Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024"
// (Fyrbodals kommunalförbund, 2024-05-17), §3.2. Weights are percent of the respondents who get the
// question; rounds.ts turns them into whole counts (largest remainder), so they need not sum to 100.
//
// From the seed's text (figures per option as published):
//   portfoljstyrning               figur 3   17/28/33/6/2 % (icke … väl fungerande)
//   projektstyrning                figur 4   17/28/33/5,5/11 %
//   informationshantering (EIM)    figur 5   only "väl fungerande" 17 % and "vet ej" 22 %
//   informationssakerhetsarbete    figur 6   ostrukturerad 11, i utvecklingsfasen 22, delvis 39, väl fungerande 17 %
//   digital-mognad                 figur 8   "låg till medel" + "medel" 70 %, "medel till hög" 24 %, "hög" + "banbrytande" 4 %
//   forum, roller                  figur 9, 10   shares of mentions per option
//   processorienterat-arbetssatt   figur 11  0/35/31/22/12/0 %
//   innovationskultur              figur 11  4/25/49/16/6/0 %
//   organisatoriska-hinder         figur 12  30/25/20/13/12 %
//   digital-kompetens              figur 13  mycket låg 2, låg 20, medel 50, hög 29, högre 0 %
//   bestallarkompetens             figur 14  0/0/10/50/10/0 %, vet ej 30 %
//   oronmarkta-medel               figur 15  16/27/22/12/6/2 %, vet ej 16 %
//   nyttokalkyler-nyttorealisering figur 16  14/37/16/22/0/0 %, vet ej 12 %
//   systemforvaltningsmodell       figur 17  0/10/10/40/30/0 %, vet ej 10 %
//   arkitekturstyrning             figur 18  ?/30/30/10/10/0 %, vet ej 10 % (see below for "icke existerande")
//   it-infrastruktur               figur 19  10/0/10/40/40/0 %
//   teknisk-skuld                  figur 20  0/10/40/40/10/0 % (extremt hög … ingen)
//   kompetensmix                   figur 22  0/10/20/30/40/0 %
//   it-miljo-stod                  figur 23  0/6/37/39/18/0 %
//   tekniska-hinder                figur 24  26/25/19/16/13 %
//
// Chosen (the seed gives no or incomplete figures; marked "vald" at each item):
//   samverkan-erfarenhet, samverkan-ledning-positiv (figur 2: text only, "övervägande positiv attityd"),
//   sdk (figur 21: text only, every level from icke existerande to väl fungerande, none fullt etablerad),
//   the unstated remainders of figur 3, 4, 5 and 6, the split of the combined shares in figur 8, and
//   "icke existerande" in figur 18 (the seed says 1 %, which is impossible with about ten IT-nära
//   respondents; 10 % makes the figure sum to 100 %).
//
// Free text: goals (GOALS_BY_AREA) and joint-initiative ideas (JOINT_IDEAS_BY_AREA) paraphrase the
// seed's summaries per verksamhetsområde (§3.2.2 "Kommunernas målstyrning" and §3.2.1 "Initiativ för
// mellankommunal samverkan"). System-management models follow §3.2.5: three municipalities use ITIL,
// one Enterprise Service Management (ESM), five their own model. The seed names no portfolio-governance
// method (two municipalities in the development phase did not know which method they use), so
// PORTFOLIO_METHODS is chosen demo text built from that statement and from Delrapport Mellerud 2021 and Förstudierapport gemensam it-organisation 2024.

import type { PublishedAggregateInput } from '../../domain/published.ts';

export interface ScaleTarget {
  itemId: string;
  /** Percent per option code of the item's scale ('vet_ej' included). */
  weights: Record<string, number>;
}

export interface MultiTarget {
  itemId: string;
  /** Published share of mentions (percent) per option code. */
  shares: Record<string, number>;
  /** True for things that exist per municipality (forum, roles): respondents of one municipality mostly agree. */
  perMunicipality?: boolean;
}

export const STATUS_2024_TARGETS: readonly ScaleTarget[] = [
  // --- Mellankommunal samverkan (figur 2; vald efter texten: majoritet positiva erfarenheter, ledningen
  // ännu mer positiv).
  {
    itemId: 'samverkan-erfarenhet',
    weights: { 'stammer-inte-alls': 2, 'stammer-daligt': 6, 'stammer-delvis': 20, 'stammer-ganska-bra': 32, 'stammer-bra': 28, 'stammer-helt': 7, vet_ej: 5 },
  },
  {
    itemId: 'samverkan-ledning-positiv',
    weights: { 'stammer-inte-alls': 0, 'stammer-daligt': 3, 'stammer-delvis': 15, 'stammer-ganska-bra': 30, 'stammer-bra': 35, 'stammer-helt': 12, vet_ej: 5 },
  },

  // --- Styrning
  // Figur 3; the remaining 14 % are not stated: vald som "vet ej".
  {
    itemId: 'portfoljstyrning',
    weights: { 'icke-existerande': 17, ostrukturerad: 28, 'i-utvecklingsfasen': 33, 'delvis-etablerad': 6, 'val-fungerande': 2, 'fullt-etablerad': 0, vet_ej: 14 },
  },
  // Figur 4; the remaining 5,5 % are not stated: vald som "vet ej".
  {
    itemId: 'projektstyrning',
    weights: { 'icke-existerande': 17, ostrukturerad: 28, 'i-utvecklingsfasen': 33, 'delvis-etablerad': 5.5, 'val-fungerande': 11, 'fullt-etablerad': 0, vet_ej: 5.5 },
  },
  // Figur 5: väl fungerande 17 % and vet ej 22 % from the seed; the rest vald ("hög andel icke
  // existerande, ostrukturerad eller i utvecklingsfas").
  {
    itemId: 'informationshantering',
    weights: { 'icke-existerande': 10, ostrukturerad: 20, 'i-utvecklingsfasen': 20, 'delvis-etablerad': 11, 'val-fungerande': 17, 'fullt-etablerad': 0, vet_ej: 22 },
  },
  // Figur 6: 11/22/39/17 % from the seed; the unstated 11 % vald (5 % fullt etablerad, 6 % vet ej).
  {
    itemId: 'informationssakerhetsarbete',
    weights: { 'icke-existerande': 0, ostrukturerad: 11, 'i-utvecklingsfasen': 22, 'delvis-etablerad': 39, 'val-fungerande': 17, 'fullt-etablerad': 5, vet_ej: 6 },
  },

  // --- Organisation
  // Figur 8: 70 % låg till medel or medel (split vald 35/35), 24 % medel till hög, 4 % hög or banbrytande
  // (vald 2/2), the remaining 2 % mycket låg (the seed mentions a few at both extremes).
  {
    itemId: 'digital-mognad',
    weights: { 'mycket-lag': 2, 'lag-till-medel': 35, medel: 35, 'medel-till-hog': 24, hog: 2, banbrytande: 2, vet_ej: 0 },
  },
  // Figur 11.
  {
    itemId: 'processorienterat-arbetssatt',
    weights: { 'icke-existerande': 0, ostrukturerad: 35, 'i-utvecklingsfasen': 31, 'delvis-etablerad': 22, 'val-fungerande': 12, 'fullt-etablerad': 0, vet_ej: 0 },
  },
  {
    itemId: 'innovationskultur',
    weights: { 'icke-existerande': 4, ostrukturerad: 25, 'i-utvecklingsfasen': 49, 'delvis-etablerad': 16, 'val-fungerande': 6, 'fullt-etablerad': 0, vet_ej: 0 },
  },
  // Figur 13 (verksamhetsnära respondents).
  {
    itemId: 'digital-kompetens',
    weights: { 'mycket-lag': 2, lag: 20, medel: 50, hog: 29, 'mycket-hog': 0, utmarkt: 0, vet_ej: 0 },
  },
  // Figur 14 (IT-nära respondents).
  {
    itemId: 'bestallarkompetens',
    weights: { 'icke-existerande': 0, ostrukturerad: 0, 'i-utvecklingsfasen': 10, 'delvis-etablerad': 50, 'val-fungerande': 10, 'fullt-etablerad': 0, vet_ej: 30 },
  },

  // --- Ekonomi
  // Figur 15.
  {
    itemId: 'oronmarkta-medel',
    weights: { 'icke-existerande': 16, ostrukturerad: 27, 'i-utvecklingsfasen': 22, 'delvis-etablerad': 12, 'val-fungerande': 6, 'fullt-etablerad': 2, vet_ej: 16 },
  },
  // Figur 16.
  {
    itemId: 'nyttokalkyler-nyttorealisering',
    weights: { 'icke-existerande': 14, ostrukturerad: 37, 'i-utvecklingsfasen': 16, 'delvis-etablerad': 22, 'val-fungerande': 0, 'fullt-etablerad': 0, vet_ej: 12 },
  },

  // --- Teknik (IT-nära respondents unless noted)
  // Figur 17.
  {
    itemId: 'systemforvaltningsmodell',
    weights: { 'icke-existerande': 0, ostrukturerad: 10, 'i-utvecklingsfasen': 10, 'delvis-etablerad': 40, 'val-fungerande': 30, 'fullt-etablerad': 0, vet_ej: 10 },
  },
  // Figur 18; "icke existerande" vald 10 % (the seed's "1 %", see the header).
  {
    itemId: 'arkitekturstyrning',
    weights: { 'icke-existerande': 10, ostrukturerad: 30, 'i-utvecklingsfasen': 30, 'delvis-etablerad': 10, 'val-fungerande': 10, 'fullt-etablerad': 0, vet_ej: 10 },
  },
  // Figur 19.
  {
    itemId: 'it-infrastruktur',
    weights: { 'stammer-inte-alls': 10, 'stammer-daligt': 0, 'stammer-delvis': 10, 'stammer-ganska-bra': 40, 'stammer-bra': 40, 'stammer-helt': 0, vet_ej: 0 },
  },
  // Figur 20.
  {
    itemId: 'teknisk-skuld',
    weights: { 'extremt-hog': 0, hog: 10, mattlig: 40, lag: 40, 'mycket-lag': 10, ingen: 0, vet_ej: 0 },
  },
  // Figur 21: text only; vald so that every level from icke existerande to väl fungerande occurs, the
  // middle ones most often, and none is fullt etablerad.
  {
    itemId: 'sdk',
    weights: { 'icke-existerande': 15, ostrukturerad: 20, 'i-utvecklingsfasen': 30, 'delvis-etablerad': 20, 'val-fungerande': 15, 'fullt-etablerad': 0, vet_ej: 0 },
  },
  // Figur 22.
  {
    itemId: 'kompetensmix',
    weights: { 'helt-otillracklig': 0, bristfallig: 10, 'i-viss-man': 20, tillfredsstallande: 30, utmarkt: 40, fullstandig: 0, vet_ej: 0 },
  },
  // Figur 23 (verksamhetsnära respondents).
  {
    itemId: 'it-miljo-stod',
    weights: { 'stoder-inte-alls': 0, otillrackligt: 6, delvis: 37, tillfredsstallande: 39, 'mycket-bra': 18, fullstandigt: 0, vet_ej: 0 },
  },
];

export const STATUS_2024_MULTI: readonly MultiTarget[] = [
  // Figur 9.
  {
    itemId: 'forum',
    perMunicipality: true,
    shares: { digitaliseringsrad: 33, 'it-rad': 24, informationssakerhetsrad: 16, portfoljstyrningsforum: 13, anvandarforum: 3, arkitekturrad: 2 },
  },
  // Figur 10.
  {
    itemId: 'roller',
    perMunicipality: true,
    shares: {
      informationssakerhetschef: 24,
      digitaliseringschef: 20,
      digitaliseringskoordinator: 17,
      'projektledare-digitalisering': 15,
      'it-arkitekt': 12,
      tjanstedesigner: 4,
      dataanalytiker: 4,
      datakvalitetsansvarig: 2,
      'oppna-data-forvaltare': 2,
      enterprisearkitekt: 0,
    },
  },
  // Figur 12.
  {
    itemId: 'organisatoriska-hinder',
    shares: {
      forandringstrangsel: 30,
      'bristande-tillgang-expertis': 25,
      'bristande-ledarskap-styrning': 20,
      'motstand-till-forandring': 13,
      'bristande-samarbete': 12,
    },
  },
  // Figur 24 (verksamhetsnära respondents).
  {
    itemId: 'tekniska-hinder',
    shares: { 'tillgang-expertis': 26, systemkomplexitet: 25, leverantorsberoende: 19, 'datasakerhet-integritet': 16, 'foraldrade-system': 13 },
  },
];

/** "Vilka är de viktigaste målen … de kommande fem åren?" per verksamhetsområde (Analysrapport 2024, avsnitt 3.2.2, Kommunernas målstyrning). */
export const GOALS_BY_AREA: Record<string, string[]> = {
  administration: [
    'Effektivisera verksamheten och öka servicegraden genom digitalisering.',
    'Införa digital ärendeberedning där handläggarna kan arbeta fullt ut i systemet.',
    'Förbättra den interna kommunikationen genom att minska antalet kommunikationskanaler.',
  ],
  socialtjanst: [
    'Utveckla välfärdsteknik som underlättar för både brukare och omvårdnadspersonal, till exempel e-tjänster och medicinrobotar.',
    'Automatisera administrativa uppgifter för att frigöra resurser.',
    'Använda digitaliseringen för att möjliggöra utveckling och förändrade arbetssätt i verksamheten.',
  ],
  utbildning: [
    'Öka lärarnas kompetens kring AI och IT-verktyg för att höja elevernas måluppfyllelse.',
    'Integrera AI för att förbättra undervisningen och säkerställa rättvis betygssättning.',
  ],
  samhallsbyggnad: [
    'Använda digitala verktyg som GIS i den fysiska planeringen.',
    'Smarta e-tjänster för felanmälan och bygglov.',
    'Effektivisera verksamheten genom ökat användande av digitala lösningar.',
  ],
  kultur: [
    'Utveckla e-tjänster för evenemang och aktiviteter.',
    'En rikare kultur- och fritidsupplevelse för invånarna genom digitala tjänster.',
  ],
  kommunstyrelse: [
    'Öka politikernas digitala kompetens och förståelse för digitaliseringens möjligheter och utmaningar.',
    'Bättre kunna styra och leda kommunens digitaliseringsarbete.',
  ],
  ekonomi: [
    'Använda digitala verktyg för att balansera budgeten och förbättra de ekonomiska processerna.',
    'Högre kundnöjdhet genom bättre datahantering och effektiva lösningar.',
  ],
  hr: [
    'Digitalisera HR-processerna, till exempel personalakter och onboarding.',
    'Mer kompetensutveckling genom digitala plattformar och verktyg.',
  ],
  naringsliv: [
    'Införa Single Digital Gateway (SDG) för bättre tjänster till näringslivet.',
    'Öka samarbetet med näringslivet genom bättre digitala lösningar och plattformar.',
  ],
  it: [
    'Stärka IT-säkerheten i takt med en högre digitaliseringsgrad.',
    'Utveckla och anpassa IT-infrastrukturen för framtida behov och innovationer.',
  ],
};

/** "Finns det specifika initiativ och projekt som … kan vara gynnsamt att göra gemensamt med andra kommuner?" (Analysrapport 2024, avsnitt 3.2.1). */
export const JOINT_IDEAS_BY_AREA: Record<string, string[]> = {
  administration: [
    'Gemensamma e-tjänster och administrativa system.',
    'Dela resurser inom förvaltningens drift, till exempel personal och IT-system.',
    'Gemensamma strategier och arbetssätt för att stärka informationssäkerheten.',
    'Vidareutveckla de gemensamma administrativa centren.',
  ],
  socialtjanst: [
    'Dela digitala lösningar och system inom socialtjänst, vård och omsorg.',
    'Gemensam utveckling och användning av digitala hjälpmedel och välfärdsteknik.',
  ],
  utbildning: [
    'Gemensamt projekt för digitala nationella prov.',
    'Gemensamma elevsystem och lärarplattformar.',
    'Samarbeta kring digitala resurser och hjälpmedel i undervisningen.',
    'Dela erfarenheter och metoder för hybridundervisning inom vuxenutbildningen.',
  ],
  samhallsbyggnad: [
    'Dela resurser för datainsamling.',
    'Gemensam hantering av konst och konstregister.',
    'Digitala tvillingar och sensorteknik.',
    'Samverka kring e-arkiv och andra system som stöder samhällsbyggnadsprocessen.',
  ],
  kultur: [
    'Gemensamma digitala verktyg och system för kultur- och fritidsutbudet.',
    'Gemensamma plattformar för medborgardialog.',
  ],
  kommunstyrelse: [
    'Stärka beställarkraften genom gemensamma upphandlingar av digitala system och tjänster.',
    'Gemensamma utbildningar för att höja beslutsfattares och tjänstemäns digitala kompetens.',
  ],
  ekonomi: [
    'Gemensamma affärssystem och företagsregister.',
    'Samverka kring digitalisering av ekonomiskt bistånd.',
  ],
  hr: [
    'Gemensam upphandling av HR-system.',
    'Dela experttjänster inom informationssäkerhet, upphandling och juridik.',
    'Gemensamma, kontinuerliga utbildningsinsatser för att bli lärande organisationer.',
  ],
  naringsliv: [
    'Gemensamma digitala affärssystem och företagsregister för att effektivisera och minska kostnaderna.',
    'Dela resurser för digitala lösningar för näringslivets behov.',
  ],
  it: [
    'Gemensamma upphandlingar av digitala system.',
    'Dela resurser inom IT-drift.',
    'Gemensamma digitala strategier och mallar.',
    'Samarbeta kring informationssäkerhet och dataskydd.',
  ],
};

/**
 * "Vilken metod använder ni för portföljstyrning?" Vald demotext: Analysrapport 2024 names no method, only that
 * two municipalities did not know which one they use; the other answers echo Delrapport Mellerud 2021 (koncernövergripande
 * portföljstyrning) and Förstudierapport gemensam it-organisation 2024 (förenklad portföljstyrning med löpande uppföljning).
 */
export const PORTFOLIO_METHODS: readonly string[] = [
  'Vet inte vilken metod vi använder.',
  'Ingen fastställd metod ännu, vi håller på att ta fram en.',
  'Egen modell där ledningsgruppen prioriterar initiativen en gång per år.',
  'Förenklad portföljstyrning med löpande uppföljning av aktiviteter och effekthemtagning.',
  'Koncernövergripande portföljstyrning under uppbyggnad.',
];

/**
 * "Vilken modell eller metod använder ni för systemförvaltning?" One answer per IT-nära respondent, in
 * the proportions of Analysrapport 2024, avsnitt 3.2.5: ITIL three times, ESM once, an own model five times.
 */
export const SYSTEM_MANAGEMENT_METHODS: readonly string[] = [
  'ITIL',
  'Egen modell',
  'ITIL',
  'Enterprise Service Management (ESM)',
  'Egen modell för systemförvaltning',
  'ITIL',
  'Egen modell med förvaltningsobjekt och objektägare',
  'Egen förvaltningsmodell',
  'Egen modell',
];

// ---------------------------------------------------------------------------------------------
// The same survey AS PUBLISHED (issue 14): Analysrapport 2024 figures 2–24 held as published aggregates
// in the round "Digitaliseringsenkät 2024". Every value is a number stated in the report's text, exactly
// as stated (figure 18's "1 %" stays 1 %); options the text gives no figure for are not stated (never
// invented as 0 or "Vet ej"); where the text says "ingen kommun" the option is 0 %. Bases as stated: "11
// kommuner" for figures 3, 4, 9 and 10, "13 kommuner" for figure 8, otherwise not stated (n null, the unit
// the text uses). The report's inconsistencies are kept and flagged by the data-quality checks:
//   figur 3 sums to 86 %, figur 4 to 94,5 %, figur 6 to 89 %, figur 18 to 91 % (PERCENT_SUM);
//   figur 9 (33 % of 11 municipalities is impossible; as mentions it sums to 91 %), figur 10, 12 and 24
//   (sum to 100/100/99 %: shares of mentions presented as shares of municipalities — MENTIONS_AS_SHARE);
//   11 municipalities (figur 3, 4, 9, 10) against 13 (figur 8) (BASE_MISMATCH).
// Figures 2 and 21 have no figures in the text; figure 7 is the DiMiOS 2020 measurement (another
// instrument, held in "Digital mognad 2020"). Figure 21's caption repeats figure 20's question; its
// text is about SDK.

export const ANALYSRAPPORT_2024_TITLE = 'Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024';

type Fig = { item: string; fig: number; section: string; unit: 'respondents' | 'municipalities' | 'mentions'; n?: number; munis?: number; partial?: boolean; note?: string; v: Array<[string, number]> };

const FIGS: Fig[] = [
  { item: 'samverkan-erfarenhet', fig: 2, section: '3.2.1', unit: 'municipalities', partial: true, note: 'Rapportens text anger inga andelar, bara "en övervägande positiv attityd".', v: [] },
  { item: 'samverkan-ledning-positiv', fig: 2, section: '3.2.1', unit: 'municipalities', partial: true, note: 'Rapportens text anger inga andelar, bara "en övervägande positiv attityd".', v: [] },
  {
    item: 'portfoljstyrning', fig: 3, section: '3.2.2', unit: 'municipalities', n: 11, munis: 11,
    note: '"11 kommuner svarade"; andelarna anges som andel av kommunerna. De fem angivna andelarna summerar till 86 %.',
    v: [['icke-existerande', 17], ['ostrukturerad', 28], ['i-utvecklingsfasen', 33], ['delvis-etablerad', 6], ['val-fungerande', 2]],
  },
  {
    item: 'projektstyrning', fig: 4, section: '3.2.2', unit: 'municipalities', n: 11, munis: 11,
    note: '"11 kommuner svarade". De fem angivna andelarna summerar till 94,5 %.',
    v: [['icke-existerande', 17], ['ostrukturerad', 28], ['i-utvecklingsfasen', 33], ['delvis-etablerad', 5.5], ['val-fungerande', 11]],
  },
  {
    item: 'informationshantering', fig: 5, section: '3.2.2', unit: 'municipalities', partial: true,
    note: 'Texten anger bara väl fungerande och vet ej; övriga alternativ beskrivs utan andelar.',
    v: [['val-fungerande', 17], ['vet_ej', 22]],
  },
  {
    item: 'informationssakerhetsarbete', fig: 6, section: '3.2.2', unit: 'municipalities',
    note: 'De fyra angivna andelarna summerar till 89 %.',
    v: [['ostrukturerad', 11], ['i-utvecklingsfasen', 22], ['delvis-etablerad', 39], ['val-fungerande', 17]],
  },
  {
    item: 'digital-mognad', fig: 8, section: '3.2.3', unit: 'respondents', munis: 13, partial: true,
    note: '"besvarades av 13 kommuner"; andelarna anges för sammanslagna kategorier och som andel av respondenterna. "Mycket låg" nämns utan andel.',
    v: [['lag-till-medel+medel', 70], ['medel-till-hog', 24], ['hog+banbrytande', 4]],
  },
  {
    item: 'forum', fig: 9, section: '3.2.3', unit: 'municipalities', n: 11, munis: 11,
    note: '"11 kommuner svarat"; andelarna anges som andel av kommunerna.',
    v: [['digitaliseringsrad', 33], ['it-rad', 24], ['informationssakerhetsrad', 16], ['portfoljstyrningsforum', 13], ['anvandarforum', 3], ['arkitekturrad', 2]],
  },
  {
    item: 'roller', fig: 10, section: '3.2.3', unit: 'municipalities', n: 11, munis: 11,
    note: '"En enkätundersökning med 11 kommuner"; andelarna anges som andel av kommunerna. "Ingen kommun" har en enterprisearkitekt.',
    v: [
      ['informationssakerhetschef', 24], ['digitaliseringschef', 20], ['digitaliseringskoordinator', 17], ['projektledare-digitalisering', 15], ['it-arkitekt', 12],
      ['tjanstedesigner', 4], ['dataanalytiker', 4], ['datakvalitetsansvarig', 2], ['oppna-data-forvaltare', 2], ['enterprisearkitekt', 0],
    ],
  },
  {
    item: 'processorienterat-arbetssatt', fig: 11, section: '3.2.3', unit: 'municipalities',
    v: [['icke-existerande', 0], ['ostrukturerad', 35], ['i-utvecklingsfasen', 31], ['delvis-etablerad', 22], ['val-fungerande', 12], ['fullt-etablerad', 0]],
  },
  {
    item: 'innovationskultur', fig: 11, section: '3.2.3', unit: 'municipalities',
    v: [['icke-existerande', 4], ['ostrukturerad', 25], ['i-utvecklingsfasen', 49], ['delvis-etablerad', 16], ['val-fungerande', 6], ['fullt-etablerad', 0]],
  },
  {
    item: 'organisatoriska-hinder', fig: 12, section: '3.2.3', unit: 'municipalities',
    v: [['forandringstrangsel', 30], ['bristande-tillgang-expertis', 25], ['bristande-ledarskap-styrning', 20], ['motstand-till-forandring', 13], ['bristande-samarbete', 12]],
  },
  {
    item: 'digital-kompetens', fig: 13, section: '3.2.3', unit: 'respondents',
    note: 'Summerar till 101 % (avrundning).',
    v: [['mycket-lag', 2], ['lag', 20], ['medel', 50], ['hog', 29], ['mycket-hog', 0], ['utmarkt', 0]],
  },
  {
    item: 'bestallarkompetens', fig: 14, section: '3.2.3', unit: 'municipalities',
    v: [['icke-existerande', 0], ['ostrukturerad', 0], ['i-utvecklingsfasen', 10], ['delvis-etablerad', 50], ['val-fungerande', 10], ['fullt-etablerad', 0], ['vet_ej', 30]],
  },
  {
    item: 'oronmarkta-medel', fig: 15, section: '3.2.4', unit: 'municipalities',
    v: [['icke-existerande', 16], ['ostrukturerad', 27], ['i-utvecklingsfasen', 22], ['delvis-etablerad', 12], ['val-fungerande', 6], ['fullt-etablerad', 2], ['vet_ej', 16]],
  },
  {
    item: 'nyttokalkyler-nyttorealisering', fig: 16, section: '3.2.4', unit: 'municipalities',
    v: [['icke-existerande', 14], ['ostrukturerad', 37], ['i-utvecklingsfasen', 16], ['delvis-etablerad', 22], ['val-fungerande', 0], ['fullt-etablerad', 0], ['vet_ej', 12]],
  },
  {
    item: 'systemforvaltningsmodell', fig: 17, section: '3.2.5', unit: 'municipalities',
    v: [['icke-existerande', 0], ['ostrukturerad', 10], ['i-utvecklingsfasen', 10], ['delvis-etablerad', 40], ['val-fungerande', 30], ['fullt-etablerad', 0], ['vet_ej', 10]],
  },
  {
    item: 'arkitekturstyrning', fig: 18, section: '3.2.5', unit: 'municipalities',
    note: '"1 %" saknar formell modell – som publicerat. Andelarna summerar till 91 %.',
    v: [['icke-existerande', 1], ['ostrukturerad', 30], ['i-utvecklingsfasen', 30], ['delvis-etablerad', 10], ['val-fungerande', 10], ['fullt-etablerad', 0], ['vet_ej', 10]],
  },
  {
    item: 'it-infrastruktur', fig: 19, section: '3.2.5', unit: 'municipalities',
    v: [['stammer-inte-alls', 10], ['stammer-daligt', 0], ['stammer-delvis', 10], ['stammer-ganska-bra', 40], ['stammer-bra', 40], ['stammer-helt', 0]],
  },
  {
    item: 'teknisk-skuld', fig: 20, section: '3.2.5', unit: 'municipalities',
    v: [['extremt-hog', 0], ['hog', 10], ['mattlig', 40], ['lag', 40], ['mycket-lag', 10], ['ingen', 0]],
  },
  {
    item: 'sdk', fig: 21, section: '3.2.5', unit: 'municipalities', partial: true,
    note: 'Rapportens text anger inga andelar (bara att ingen kommun har SDK fullt etablerat). Figurtexten upprepar frågan i figur 20.',
    v: [['fullt-etablerad', 0]],
  },
  {
    item: 'kompetensmix', fig: 22, section: '3.2.5', unit: 'municipalities',
    v: [['helt-otillracklig', 0], ['bristfallig', 10], ['i-viss-man', 20], ['tillfredsstallande', 30], ['utmarkt', 40], ['fullstandig', 0]],
  },
  {
    item: 'it-miljo-stod', fig: 23, section: '3.2.5', unit: 'municipalities',
    v: [['stoder-inte-alls', 0], ['otillrackligt', 6], ['delvis', 37], ['tillfredsstallande', 39], ['mycket-bra', 18], ['fullstandigt', 0]],
  },
  {
    item: 'tekniska-hinder', fig: 24, section: '3.2.5', unit: 'municipalities',
    v: [['tillgang-expertis', 26], ['systemkomplexitet', 25], ['leverantorsberoende', 19], ['datasakerhet-integritet', 16], ['foraldrade-system', 13]],
  },
];

/** Analysrapport 2024 figures 2–24 as published aggregates (one per question). */
export const STATUS_2024_PUBLISHED: readonly PublishedAggregateInput[] = FIGS.map((f) => ({
  itemId: f.item,
  figure: `Figur ${f.fig}`,
  measure: 'share',
  values: f.v.map(([codes, value]) => ({ options: codes.split('+'), value })),
  base: { n: f.n ?? null, unit: f.unit },
  municipalities: f.munis ?? null,
  source: { title: ANALYSRAPPORT_2024_TITLE, page: `avsnitt ${f.section}, figur ${f.fig}` },
  partial: f.partial ?? false,
  note: f.note ?? null,
}));
