// Förstudierapport 4D (2024), Bilaga 5 "Riskanalys vid utebliven samverkan": the 18 risks under the four
// themes and each municipality's published risk value, exactly as published. The source publishes only the
// value (probability × consequence), so the assessments are "valueOnly"; a dash ("-") means the municipality
// did not raise or assess the risk in its workshop (not assessed, never 0). The source writes "Ämål" for
// Åmål: the spelling is kept here and matched, with a warning, by the loader (src/demo/risks.ts). In the row
// "Kommunen har svårt att leverera samhällsservice …" the Bengtsfors value 9 is printed on the line before
// the row's text; it belongs to that row.

/** The workshops were held 20–22 August 2024, one per municipality; the report dates them together. */
export const BILAGA5_ASSESSED_ON = '2024-08-22';
export const GROUP_4D = { name: '4D – Bengtsfors, Färgelanda, Mellerud och Åmål', members: ['1460', '1439', '1461', '1492'] } as const;
/** The municipality names as the source writes them, in its order. */
export const BILAGA5_WRITTEN_NAMES = ['Bengtsfors', 'Färgelanda', 'Mellerud', 'Ämål'] as const;

export interface Bilaga5Risk {
  themeId: 'resurs_kompetens' | 'operativ_effektivitet' | 'digital_utveckling' | 'it_sakerhet';
  title: string;
  /** Published value per municipality as written in the source; '-' = not assessed. */
  values: Record<(typeof BILAGA5_WRITTEN_NAMES)[number], number | '-'>;
}

export const BILAGA5_RISKS: readonly Bilaga5Risk[] = [
  {
    themeId: 'resurs_kompetens',
    title: 'Kommunen har svårigheter att attrahera och behålla kvalificerad personal, både inom it och andra verksamheter.',
    values: { Bengtsfors: 6, 'Färgelanda': 12, Mellerud: 16, 'Ämål': 9 },
  },
  {
    themeId: 'resurs_kompetens',
    title: 'Kommunen är fortsatt beroende av externa konsulter, vilket medför ökade kostnader och risk för förlorad intern beställarkompetens.',
    values: { Bengtsfors: 4, 'Färgelanda': 12, Mellerud: 12, 'Ämål': 9 },
  },
  {
    themeId: 'resurs_kompetens',
    title: 'Kommunens arbetsmiljö är inte tillräckligt attraktiv för att behålla och rekrytera medarbetare, både inom it-verksamhet och inom andra verksamheter pga. bristande digitaliseringsförmågor som innebär att kommunen upplevs som mindre i framkant.',
    values: { Bengtsfors: '-', 'Färgelanda': '-', Mellerud: 12, 'Ämål': 12 },
  },
  {
    themeId: 'resurs_kompetens',
    title: 'Kommunen utnyttjar inte personalresurser effektivt, vilket leder till att specialisering uteblir och arbetsbelastningen fördelas ineffektivt.',
    values: { Bengtsfors: 16, 'Färgelanda': 12, Mellerud: 12, 'Ämål': 12 },
  },
  {
    themeId: 'operativ_effektivitet',
    title: 'Verksamheterna har mindre tid för kärnuppdraget och utvecklingsarbete på grund av att administrativa och tekniska uppgifter tar upp för mycket tid.',
    values: { Bengtsfors: 12, 'Färgelanda': 8, Mellerud: 8, 'Ämål': 12 },
  },
  {
    themeId: 'operativ_effektivitet',
    title: 'Samverkan mellan kommunen och andra myndigheter, såsom VGR, blir alltmer komplex och resurskrävande.',
    values: { Bengtsfors: 9, 'Färgelanda': 9, Mellerud: 4, 'Ämål': 16 },
  },
  {
    themeId: 'operativ_effektivitet',
    title: 'Otydliga arbetssätt, processer och rollbeskrivningar mellan kommunen leder i förlängningen till ineffektivitet och försvårar redan etablerat verksamhetsamarbete.',
    values: { Bengtsfors: '-', 'Färgelanda': 8, Mellerud: '-', 'Ämål': 9 },
  },
  {
    themeId: 'operativ_effektivitet',
    title: 'Samverkanskulturen inom Dalslandskommunerna och förväntningarna inom våra verksamheter riskerar att försvinna om vi inte använder dagens momentum.',
    values: { Bengtsfors: '-', 'Färgelanda': '-', Mellerud: 12, 'Ämål': '-' },
  },
  {
    themeId: 'operativ_effektivitet',
    title: 'Kommunen har svårt att upprätthålla en enhetlig kontaktpunkt för invånare, vilket försvårar serviceleveransen.',
    values: { Bengtsfors: 4, 'Färgelanda': '-', Mellerud: 9, 'Ämål': 8 },
  },
  {
    themeId: 'operativ_effektivitet',
    title: 'Kommunen har svårt att leverera samhällsservice i den utsträckning som invånarna förväntar sig.',
    values: { Bengtsfors: 9, 'Färgelanda': 8, Mellerud: 16, 'Ämål': '-' },
  },
  {
    themeId: 'digital_utveckling',
    title: 'Kommunen fortsätter att använda IT som ett operativt verktyg och har inte förmåga att utveckla en strategisk it-användning',
    values: { Bengtsfors: 16, 'Färgelanda': 8, Mellerud: 9, 'Ämål': 12 },
  },
  {
    themeId: 'digital_utveckling',
    title: 'Kommunen utnyttjar inte fullt ut potentialen i sina befintliga it-system, som exempelvis Microsoft 365',
    values: { Bengtsfors: 8, 'Färgelanda': 12, Mellerud: '-', 'Ämål': 12 },
  },
  {
    themeId: 'digital_utveckling',
    title: 'It-avdelningen är överbelastad, vilket leder till att utvecklingskapaciteten uteblir och kritiska projekt försenas.',
    values: { Bengtsfors: '-', 'Färgelanda': '-', Mellerud: 16, 'Ämål': '-' },
  },
  {
    themeId: 'it_sakerhet',
    title: 'Kommunen kommer på sikt få det allt svårare att upprätthålla en hög nivå av it-säkerhet, vilket ökar sårbarheten för kritiska system och verksamheter.',
    values: { Bengtsfors: 16, 'Färgelanda': 16, Mellerud: 12, 'Ämål': 16 },
  },
  {
    themeId: 'it_sakerhet',
    title: 'Kommunens splittrade it-system gör oss till en mindre attraktiv kund för leverantörer och ökar sårbarheten för våra system.',
    values: { Bengtsfors: 9, 'Färgelanda': 8, Mellerud: 12, 'Ämål': 8 },
  },
  {
    themeId: 'it_sakerhet',
    title: 'Kommunen erbjuder inte en enhetlig och effektiv serviceupplevelse för invånarna',
    values: { Bengtsfors: '-', 'Färgelanda': '-', Mellerud: '-', 'Ämål': 8 },
  },
  {
    themeId: 'it_sakerhet',
    title: 'Kommunens it-infrastruktur är sårbar och saknar tillräcklig resiliens för att stödja vitala funktioner inom verksamheterna som exempelvis läkemedelsskåp och säkerhetslösningar.',
    values: { Bengtsfors: '-', 'Färgelanda': '-', Mellerud: 16, 'Ämål': '-' },
  },
  {
    themeId: 'it_sakerhet',
    title: 'Organisationen kommer fortsatt ha personbunden kunskap vilket i sig skapar sårbarhet',
    values: { Bengtsfors: '-', 'Färgelanda': 6, Mellerud: '-', 'Ämål': '-' },
  },
];
