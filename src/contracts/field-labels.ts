// Swedish names of the input fields of every route, used by parse() (http.ts) so that a validation
// message names the field as the form does ("E-postadress: ange en giltig e-postadress"), never by
// its JSON key. test/validation-messages.test.ts checks that every key of a route schema has a label.
// A route may override a label where a key means something else there (parse(schema, data, { labels })).

export const FIELD_LABELS: Record<string, string> = {
  // Accounts and sign-in
  email: 'E-postadress',
  password: 'Lösenord',
  name: 'Namn',
  role: 'Roll',
  token: 'Länken',
  municipalities: 'Kommuner',
  addMunicipalities: 'Kommuner att lägga till',
  municipality: 'Kommun',
  code: 'Kommunkod',
  limit: 'Antal rader',
  // Identifiers in addresses
  id: 'Nummer i adressen',
  ids: 'Nummer',
  rid: 'Respondentens nummer',
  otherId: 'Mätomgången att jämföra med',
  roundId: 'Mätomgång',
  job: 'Jobbets nummer',
  itemId: 'Fråga',
  actorId: 'Aktör',
  // Instruments and rounds
  instrument: 'Instrument',
  instrumentId: 'Instrument',
  instrumentVersion: 'Instrumentversion',
  definition: 'Instrumentdefinition',
  filename: 'Filnamn',
  text: 'Text',
  removeMunicipalities: 'Kommuner att ta bort',
  action: 'Åtgärd',
  threshold: 'Gräns för svarsfrekvens',
  // E-mail texts
  subject: 'Ämnesrad',
  body: 'Meddelandetext',
  respondentId: 'Respondent',
  // Error reports from the browser
  message: 'Felmeddelande',
  stack: 'Teknisk felinformation',
  route: 'Sida',
  userAgent: 'Webbläsare',
  version: 'Version',
  title: 'Titel',
  periodStart: 'Startdatum',
  periodEnd: 'Slutdatum',
  introduction: 'Introduktion',
  contactName: 'Kontaktperson',
  contactEmail: 'Kontaktpersonens e-postadress',
  estimatedMinutes: 'Beräknad tid',
  respondentTypes: 'Respondenttyper',
  respondentType: 'Respondenttyp',
  area: 'Verksamhetsområde',
  count: 'Antal',
  invitationSubject: 'Inbjudans ämnesrad',
  invitationBody: 'Inbjudans text',
  reminderSubject: 'Påminnelsens ämnesrad',
  reminderBody: 'Påminnelsens text',
  value: 'Svar',
  dryRun: 'Provkörning',
  skipInvalid: 'Hoppa över ogiltiga rader',
  figure: 'Figur',
  format: 'Format',
  measure: 'Jämförelsemått',
  // Initiatives
  description: 'Beskrivning',
  need: 'Behov',
  scope: 'Omfattning',
  origin: 'Ursprung',
  collaborationForm: 'Samverkansform',
  benefits: 'Nytta',
  qualitative: 'Kvalitativ nytta',
  economic: 'Ekonomisk nytta',
  operational: 'Verksamhetsnytta',
  hoursPerYear: 'Frigjord tid (timmar per år)',
  sekPerYear: 'Ekonomisk nytta (kronor per år)',
  estimatedCost: 'Uppskattad kostnad',
  fundingSources: 'Finansiering',
  source: 'Finansieringskälla',
  amount: 'Belopp',
  note: 'Kommentar',
  risks: 'Risker',
  probability: 'Sannolikhet',
  consequence: 'Konsekvens',
  links: 'Kopplingar',
  kind: 'Typ',
  label: 'Benämning',
  documents: 'Dokument',
  url: 'Webbadress',
  startYear: 'Startår',
  endYear: 'Slutår',
  proposingMunicipality: 'Föreslagande kommun',
  capabilityLabel: 'Förmåga',
  stage: 'Steg',
  stages: 'Steg',
  filters: 'Urval',
  evidence: 'Underlag',
  to: 'Nytt steg',
  from: 'Från',
  reason: 'Motivering',
  justification: 'Motivering',
  scores: 'Poäng',
  score: 'Poäng',
  criterionId: 'Kriterium',
  criteria: 'Kriterier',
  weight: 'Vikt',
  gates: 'Krav för stegen',
  field: 'Uppgift',
  min: 'Minsta antal',
  period: 'Period',
  status: 'Status',
  progress: 'Färdigställt',
  comment: 'Kommentar',
  realisedHours: 'Realiserad tid (timmar)',
  realisedSek: 'Realiserad ekonomisk nytta (kronor)',
  today: 'Dagens datum',
  graceDays: 'Dagars marginal',
  // Indicators, funding, networks, actors
  year: 'År',
  indicator: 'Indikator',
  expected: 'Förväntat värde',
  reported: 'Rapporterat utfall',
  reference: 'Referens (diarienummer)',
  periodFrom: 'Periodens början',
  periodTo: 'Periodens slut',
  requisitionedUntil: 'Rekvirerat till och med',
  rows: 'Kostnadsslag',
  costType: 'Kostnadsslag',
  applied: 'Ansökt belopp',
  requisitioned: 'Rekvirerat belopp',
  active: 'Aktivt',
  // IT economics (source is "Källa" there: the contracts' labels)
  netCost: 'Verksamhetens nettokostnad',
  population: 'Invånarantal',
  statedTotal: 'Angiven totalsumma',
  budgetLines: 'Budgetrader',
  category: 'Kategori',
  pool: 'Kostnadspool',
  pools: 'Kostnadspooler',
  insideCentralIt: 'Kostnad inom central it',
  towers: 'Arbetsområden',
  tower: 'Arbetsområde',
  synthesised: 'Syntetiserad',
  share: 'Riktmärke (procent av nettokostnaden)',
  researchShare: 'Forskningens riktmärke (procent)',
  researchSource: 'Källa för forskningens riktmärke',
  members: 'Kommuner i gruppen',
  namedPublished: 'Publicerad med kommunnamn',
  insideShares: 'Andelar inom central it',
  insidePercent: 'Andel inom central it (procent)',
  percentages: 'Procent per kategori',
  percent: 'Procent',
  published: 'Publicerad tabell',
  cells: 'Tabellens celler',
  municipalityCode: 'Kommun',
  municipalityTotals: 'Summor per kommun',
  total: 'Totalsumma',
  group: 'Grupp (nummer eller namn)',
  baseAmount: 'Basbelopp',
  charges: 'Avgifter',
  driver: 'Drivare',
  quantities: 'Mängder',
  quantity: 'Mängd',
};

/** The Swedish label of an issue's path: the innermost labelled key, with the row for list items. */
export function fieldLabel(path: ReadonlyArray<PropertyKey>, overrides: Record<string, string> = {}): string | null {
  const labels = { ...FIELD_LABELS, ...overrides };
  const keys = path.map((p) => (typeof p === 'symbol' ? '' : String(p)));
  const joined = keys.filter((k) => !/^\d+$/.test(k)).join('.');
  let label: string | null = overrides[joined] ?? null;
  let at = keys.length;
  if (!label)
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      if (/^\d+$/.test(k)) continue;
      if (Object.hasOwn(labels, k)) {
        label = labels[k];
        at = i;
        break;
      }
    }
  if (!label) return null;
  // The row of a list: "Risker, rad 2" (the index after the list key, counted from 1).
  const rows = keys.slice(0, at + 2).filter((k) => /^\d+$/.test(k));
  const row = rows.length ? Number(rows[rows.length - 1]) + 1 : null;
  return row !== null ? `${label}, rad ${row}` : label;
}
