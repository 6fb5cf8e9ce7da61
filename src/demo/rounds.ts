// Demo measurement rounds (DOMAIN.md §11): what is real and what is synthesised is written in each
// round's demo_note (shown in the UI) and in the data files under src/demo/data/.
//
//   Digital mognad 2020          closed  13 municipalities, synthesised to the published facts (Analysrapport 2024 figur 7)
//   Förmågekarta 2021            closed  Mellerud real (Delrapport Mellerud 2021 figur 17), ten others synthesised
//   It-kompetenser 4D 2024       closed  real (Förstudierapport gemensam it-organisation 2024 Bilaga 2), four municipalities
//   Digitaliseringsenkät 2024    closed  Analysrapport 2024 figures 2–24 held AS PUBLISHED (published aggregates, no respondents)
//   Digitaliseringsenkät 2024 – syntetiserade svar (exempel)
//                                closed  sent to 14, 13 answered, synthesised close to Analysrapport 2024, avsnitt 3.2 distributions
//   Digital mognad 2025          closed  fictional follow-up, ten municipalities, synthesised
//   Informationssäkerhet Mellerud 2021  closed  real (Delrapport Mellerud 2021 figur 6), Mellerud only
//   (the three closed multi-respondent rounds also hold invited people who never answered: withNonResponse)
//   Digitaliseringsenkät 2026    open    all 14 municipalities, respondents with links, no answers yet
//
// Every demo round belongs to Fyrbodals kommunalförbund (DEMO_ROUND_ASSOCIATION), set explicitly.
//
// Synthesis is deterministic (mulberry32 with a fixed seed per round). Idempotent: a demo round that
// already exists (same instrument and title, is_demo) is left untouched; each round is written in one
// transaction with batched inserts, so a load either adds a whole round or nothing.
import type { Db, Queryable } from '../db/db.ts';
import { optionsOf, validateAnswer } from '../domain/instruments/answers.ts';
import { loadBuiltInInstruments } from '../domain/instruments/catalog.ts';
import type { AnswerValue, Instrument, Item } from '../domain/instruments/schema.ts';
import { AREAS, FYRBODAL } from '../domain/organisation.ts';
import { syncBuiltInInstruments } from '../store/instruments.ts';
import { newRespondentToken } from '../store/respondents.ts';
import { createRound } from '../store/rounds.ts';
import { findAssociation } from '../store/associations.ts';
import { DIMIOS_2020, DIMIOS_2025, ITEM_PROFILE, type MaturityTarget } from './data/digital-mognad.ts';
import { IT_KOMPETENS_4D, MUNICIPALITIES_4D } from './data/it-kompetens-4d.ts';
import { MELLERUD_CODE, MELLERUD_FORMAGEKARTA } from './data/mellerud-formagekarta.ts';
import { publishedAggregateInput, validatePublished, type PublishedAggregateInput } from '../domain/published.ts';
import { upsertPublished } from '../store/published.ts';
import { MELLERUD_INFOSAK_2021, MELLERUD_INFOSAK_CODE } from './data/informationssakerhet-mellerud-2021.ts';
import {
  ANALYSRAPPORT_2024_TITLE,
  STATUS_2024_PUBLISHED,
  GOALS_BY_AREA,
  JOINT_IDEAS_BY_AREA,
  PORTFOLIO_METHODS,
  STATUS_2024_MULTI,
  STATUS_2024_TARGETS,
  SYSTEM_MANAGEMENT_METHODS,
} from './data/statusenkat-2024.ts';
import { allocate, mulberry32, type Rng } from './prng.ts';

/** Titles of the demo rounds (with the instrument they identify the round). */
export const DEMO_ROUNDS = {
  dimios2020: { instrument: 'digital-mognad', title: 'Digital mognad 2020 (Digital motor Fyrbodal)' },
  formagekarta2021: { instrument: 'formagekarta', title: 'Förmågekarta för den digitala motorn 2021' },
  itKompetens2024: { instrument: 'it-kompetens', title: 'It-kompetenser 4D 2024' },
  status2024Published: { instrument: 'statusenkat', title: 'Digitaliseringsenkät 2024' },
  status2024: { instrument: 'statusenkat', title: 'Digitaliseringsenkät 2024 – syntetiserade svar (exempel)' },
  dimios2025: { instrument: 'digital-mognad', title: 'Digital mognad 2025 (fiktiv uppföljning)' },
  status2026: { instrument: 'statusenkat', title: 'Digitaliseringsenkät 2026' },
  informationssakerhet2021: { instrument: 'informationssakerhet', title: 'Informationssäkerhetsarbete 2021 (Digital motor Fyrbodal)' },
} as const;

export interface DemoRespondent {
  /** Unique within the round; stored as import_ref for imported rows. */
  key: string;
  municipality: string;
  source: 'link' | 'self' | 'import';
  respondentType: string | null;
  area: string | null;
  name?: string | null;
  email?: string | null;
  /** YYYY-MM-DD; null = not answered. */
  completedAt: string | null;
  /** YYYY-MM-DD of the invitation and of the last reminder (link respondents who did not answer). */
  invitedAt?: string | null;
  remindedAt?: string | null;
  reminderCount?: number;
  answers: Record<string, AnswerValue>;
}

export interface DemoRound {
  instrument: Instrument;
  title: string;
  periodStart: string;
  periodEnd: string;
  status: 'open' | 'closed';
  municipalities: string[];
  demoNote: string;
  respondents: DemoRespondent[];
  /** Published aggregates held as published (issue 14), written after the respondents. */
  published?: readonly PublishedAggregateInput[];
}

const ALL_CODES = FYRBODAL.map((m) => m.code);
const NON_IT_AREAS = AREAS.filter((a) => a.id !== 'it').map((a) => a.id);

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function item(ins: Instrument, id: string): Item {
  const it = ins.items.find((i) => i.id === id);
  if (!it) throw new Error(`Demodata: instrumentet ${ins.id} saknar frågan ${id}`);
  return it;
}

const routedTo = (it: Item, type: string | null) => !it.respondentTypes || (type !== null && it.respondentTypes.includes(type));

// ---------------------------------------------------------------------------------------------
// Förmågekarta 2021: Mellerud real, ten other municipalities synthesised.

/** The eleven municipalities of the capability map (Delrapport Mellerud 2021: "representanter från 11 kommuner"; which ones is not said). */
const FORMAGEKARTA_2021_CODES = ALL_CODES.filter((c) => !['1438', '1486', '1488'].includes(c));

function formagekarta2021(ins: Instrument): DemoRound {
  const rng = mulberry32(20210331);
  const byItem = new Map(MELLERUD_FORMAGEKARTA.map((c) => [c.itemId, c.rating]));
  const respondents: DemoRespondent[] = FORMAGEKARTA_2021_CODES.map((code) => {
    let answers: Record<string, AnswerValue>;
    if (code === MELLERUD_CODE) {
      answers = Object.fromEntries(MELLERUD_FORMAGEKARTA.map((c) => [c.itemId, { current: String(c.rating) }]));
    } else {
      // A municipality level around Mellerud's profile (mostly 1–2, some 0 and 3, rarely 4).
      const level = rng.next() * 0.9 - 0.35;
      answers = Object.fromEntries(
        ins.items.map((it) => {
          const base = 0.55 * (byItem.get(it.id) ?? 1) + 0.45 * 1.5;
          const v = Math.max(0, Math.min(4, Math.round(base + level + (rng.next() - 0.5) * 1.6)));
          return [it.id, { current: String(v) }];
        }),
      );
    }
    return {
      key: `formagekarta-2021:${code}`,
      municipality: code,
      source: 'self',
      respondentType: 'kommunansvarig',
      area: null,
      completedAt: addDays('2021-01-11', rng.int(3, 40)),
      answers,
    };
  });
  return {
    instrument: ins,
    title: DEMO_ROUNDS.formagekarta2021.title,
    periodStart: '2021-01-11',
    periodEnd: '2021-02-26',
    status: 'closed',
    municipalities: FORMAGEKARTA_2021_CODES,
    demoNote:
      'Mellerud: verkliga värden ur Delrapport Mellerud 2021 (figur 17, 55 förmågor). Övriga tio kommuner: syntetiserade. ' +
      'Källan anger att elva kommuner deltog men inte vilka; urvalet (alla utom Dals-Ed, Strömstad och Trollhättan) är demodata.',
    respondents,
  };
}

// ---------------------------------------------------------------------------------------------
// It-kompetenser 2024: the 4D self-assessment, real.

function itKompetens2024(ins: Instrument): DemoRound {
  const codes = MUNICIPALITIES_4D.map((m) => m.code);
  return {
    instrument: ins,
    title: DEMO_ROUNDS.itKompetens2024.title,
    periodStart: '2024-05-06',
    periodEnd: '2024-06-14',
    status: 'closed',
    municipalities: [...codes],
    demoNote:
      'Verkliga värden: självskattningen av 15 it-kompetenser i Förstudierapport gemensam it-organisation för Bengtsfors, ' +
      'Färgelanda, Mellerud och Åmål (2024), bilaga 2. Målnivåerna kommer från rapportens tabell 2. Inga syntetiserade värden; ' +
      'datum för omgången är demodata.',
    respondents: codes.map((code, i) => ({
      key: `it-kompetens-2024:${code}`,
      municipality: code,
      source: 'self',
      respondentType: 'kommunansvarig',
      area: 'it',
      completedAt: addDays('2024-05-06', 10 + 7 * i),
      answers: Object.fromEntries(IT_KOMPETENS_4D.map((k) => [k.itemId, { current: String(k.ratings[code]) }])),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Digital mognad (DiMiOS-style): every municipality lands exactly on its target percentages.

function dimensionItems(ins: Instrument, dimension: string): Item[] {
  const groups = new Set(ins.groups.filter((g) => g.dimension === dimension).map((g) => g.id));
  return ins.items.filter((it) => it.group !== undefined && groups.has(it.group));
}

/** Whole item values 0…max whose sum is the nearest achievable to pct % of the maximum, shaped by ITEM_PROFILE. */
function itemValues(items: Item[], pct: number, max: number, rng: Rng): number[] {
  const target = Math.round((pct / 100) * max * items.length);
  const want = items.map((it) => target / items.length + (ITEM_PROFILE[it.id] ?? 0) + (rng.next() - 0.5));
  const v = want.map((w) => Math.max(0, Math.min(max, Math.round(w))));
  let sum = v.reduce((s, x) => s + x, 0);
  const best = (score: (i: number) => number, ok: (i: number) => boolean) => {
    let idx = -1;
    for (let i = 0; i < v.length; i++) if (ok(i) && (idx < 0 || score(i) > score(idx))) idx = i;
    return idx;
  };
  while (sum < target) {
    v[best((i) => want[i] - v[i], (i) => v[i] < max)]++;
    sum++;
  }
  while (sum > target) {
    v[best((i) => v[i] - want[i], (i) => v[i] > 0)]--;
    sum--;
  }
  return v;
}

function maturityRespondents(ins: Instrument, targets: readonly MaturityTarget[], year: number, start: string, rng: Rng): DemoRespondent[] {
  const q = ins.scoring.quadrant;
  if (!q) throw new Error('Demodata: digital-mognad saknar kvadrantmodell');
  const out: DemoRespondent[] = [];
  for (const t of targets) {
    const value = new Map<string, number>();
    for (const [dimension, pct] of [
      [q.x, t.x],
      [q.y, t.y],
    ] as const) {
      const items = dimensionItems(ins, dimension);
      const max = 6;
      itemValues(items, pct, max, rng).forEach((v, i) => value.set(items[i].id, v));
    }
    // One IT-chef and two or four förvaltningschefer (an odd number, so the median is one of the answers).
    const n = rng.chance(0.5) ? 3 : 5;
    const areas = rng.shuffle(['socialtjanst', 'utbildning', 'samhallsbyggnad', 'administration', 'kultur']);
    const people: DemoRespondent[] = Array.from({ length: n }, (_, i) => ({
      key: `digital-mognad-${year}:${t.code}:${i + 1}`,
      municipality: t.code,
      source: 'import',
      respondentType: i === 0 ? 'it-chef' : 'forvaltningschef',
      area: i === 0 ? 'it' : areas[i - 1],
      completedAt: addDays(start, rng.int(2, 50)),
      answers: {},
    }));
    // Per item: one respondent gives exactly the municipality's value, half of the others the same or
    // lower and half the same or higher, so the median is the value. IT-chefs tend to rate higher.
    for (const [itemId, v] of value) {
      const centre = rng.int(0, n - 1);
      const others = rng.shuffle(people.map((_, i) => i).filter((i) => i !== centre));
      if (centre !== 0 && rng.chance(0.7)) others.push(...others.splice(others.indexOf(0), 1));
      people[centre].answers[itemId] = String(v);
      const half = (n - 1) / 2;
      others.forEach((idx, k) => {
        const d = rng.pick([0, 0, 1, 1, 1, 2]);
        people[idx].answers[itemId] = String(k < half ? Math.max(0, v - d) : Math.min(6, v + d));
      });
    }
    out.push(...people);
  }
  return out;
}

function dimios2020(ins: Instrument): DemoRound {
  return {
    instrument: ins,
    title: DEMO_ROUNDS.dimios2020.title,
    periodStart: '2020-10-05',
    periodEnd: '2020-12-11',
    status: 'closed',
    municipalities: DIMIOS_2020.map((t) => t.code),
    demoNote:
      'Syntetiserade svar som återskapar de publicerade resultaten av mätningen 2020 (Analysrapport 2024, figur 7): 13 kommuner, ' +
      'regionalt medel cirka 53 %, sju kommuner i fält B, en i fält A och fem i fält D; Mellerud i fält D (Delrapport Mellerud 2021). ' +
      'Källan anger inte vilka kommuner som deltog eller vilket fält övriga kommuner hamnade i: att Trollhättan saknas och ' +
      'fördelningen på kommuner är demodata, liksom alla enskilda svar.' +
      ' Bortfallet (inbjudna som inte svarade, 60–100 % svar per kommun) är demodata.',
    respondents: maturityRespondents(ins, DIMIOS_2020, 2020, '2020-10-05', mulberry32(20201211)),
  };
}

function dimios2025(ins: Instrument): DemoRound {
  return {
    instrument: ins,
    title: DEMO_ROUNDS.dimios2025.title,
    periodStart: '2025-10-06',
    periodEnd: '2025-12-12',
    status: 'closed',
    municipalities: DIMIOS_2025.map((t) => t.code),
    demoNote:
      'Fiktiv uppföljningsmätning med syntetiserade svar för tio kommuner. I verkligheten gjordes ingen gemensam mätning 2025 ' +
      '(VGR Analys 2025:40: flera kommuner hade lämnat verktyget). Omgången visar hur indikatorn "andel kommuner som visar på ' +
      'ökad digital mognad" beräknas mot mätningen 2020.' +
      ' Bortfallet (inbjudna som inte svarade, 60–100 % svar per kommun) är demodata.',
    respondents: maturityRespondents(ins, DIMIOS_2025, 2025, '2025-10-06', mulberry32(20251212)),
  };
}

// ---------------------------------------------------------------------------------------------
// Digitaliseringsenkät 2024: regional distributions close to Analysrapport 2024, avsnitt 3.2.

/** The survey went to all 14 members; the seed says 13 answered, not which: here Strömstad did not answer. */
const STATUS_2024_CODES = ALL_CODES.filter((c) => c !== '1486');

function statusSurvey2024(ins: Instrument): DemoRound {
  const rng = mulberry32(20240517);
  const start = '2024-02-05';
  const people: Array<DemoRespondent & { latent: number }> = [];
  for (const code of STATUS_2024_CODES) {
    // One IT-nära and one to three verksamhetsnära respondents; a municipality-wide tendency (latent).
    const latent = rng.next() * 2 - 1;
    const areas = rng.shuffle(NON_IT_AREAS).slice(0, rng.int(1, 3));
    const list = [{ type: 'it-nara', area: 'it' }, ...areas.map((area) => ({ type: 'verksamhetsnara', area }))];
    list.forEach((p, i) =>
      people.push({
        key: `statusenkat-2024:${code}:${i + 1}`,
        municipality: code,
        source: 'import',
        respondentType: p.type,
        area: p.area,
        completedAt: addDays(start, rng.int(0, 45)),
        answers: {},
        latent,
      }),
    );
  }

  // Scale questions: the counts per option are the target shares of the eligible respondents (largest
  // remainder); "Vet ej" goes to random respondents, the scored options in order of each respondent's
  // tendency plus noise (so a municipality is consistently stronger or weaker, but not on every question).
  for (const t of STATUS_2024_TARGETS) {
    const it = item(ins, t.itemId);
    const options = optionsOf(ins, it);
    for (const code of Object.keys(t.weights))
      if (!options.some((o) => o.code === code)) throw new Error(`Demodata: ${t.itemId} saknar alternativet ${code}`);
    const eligible = people.filter((p) => routedTo(it, p.respondentType));
    const counts = allocate(t.weights, eligible.length);
    const dontKnow = options.filter((o) => o.value === null).reduce((s, o) => s + (counts[o.code] ?? 0), 0);
    const scored = options
      .filter((o) => o.value !== null)
      .sort((a, b) => (a.value as number) - (b.value as number))
      .flatMap((o) => Array<string>(counts[o.code] ?? 0).fill(o.code));
    const shuffled = rng.shuffle(eligible);
    shuffled.slice(0, dontKnow).forEach((p) => (p.answers[it.id] = 'vet_ej'));
    shuffled
      .slice(dontKnow)
      .map((p) => ({ p, s: p.latent + (rng.next() - 0.5) * 1.6 }))
      .sort((a, b) => a.s - b.s)
      .forEach((r, i) => (r.p.answers[it.id] = scored[i]));
  }

  // Multi-select: probability proportional to the published share of mentions.
  for (const m of STATUS_2024_MULTI) {
    const it = item(ins, m.itemId);
    const max = Math.max(...Object.values(m.shares));
    const prob = (code: string) => (m.shares[code] / max) * (m.perMunicipality ? 0.75 : 0.6);
    const codes = Object.keys(m.shares);
    const present = new Map<string, Set<string>>();
    for (const p of people) {
      if (!routedTo(it, p.respondentType)) continue;
      let selected: string[];
      if (m.perMunicipality) {
        if (!present.has(p.municipality)) present.set(p.municipality, new Set(codes.filter((c) => rng.chance(prob(c)))));
        const set = present.get(p.municipality)!;
        selected = codes.filter((c) => (set.has(c) ? rng.chance(0.85) : m.shares[c] > 0 && rng.chance(0.02)));
      } else selected = codes.filter((c) => rng.chance(prob(c)));
      if (selected.length) p.answers[it.id] = selected;
    }
  }

  // Free text from the seed's own summaries of goals and joint-initiative ideas per verksamhetsområde.
  for (const p of people) {
    const area = p.area ?? 'administration';
    if (rng.chance(0.75)) p.answers['mal-digitalisering'] = rng.pick(GOALS_BY_AREA[area]);
    if (rng.chance(0.6)) p.answers['samverkan-initiativ'] = rng.pick(JOINT_IDEAS_BY_AREA[area]);
    if (rng.chance(0.35)) p.answers['portfoljstyrning-metod'] = rng.pick(PORTFOLIO_METHODS);
  }
  const withModel = rng
    .shuffle(people.filter((p) => p.respondentType === 'it-nara'))
    .filter((p) => !['vet_ej', 'icke-existerande'].includes(String(p.answers['systemforvaltningsmodell'])));
  withModel.slice(0, SYSTEM_MANAGEMENT_METHODS.length).forEach((p, i) => (p.answers['systemforvaltningsmodell-metod'] = SYSTEM_MANAGEMENT_METHODS[i]));

  return {
    instrument: ins,
    title: DEMO_ROUNDS.status2024.title,
    periodStart: start,
    periodEnd: '2024-03-22',
    status: 'closed',
    municipalities: [...ALL_CODES],
    demoNote:
      'Syntetiserade svar – ett exempel på en omgång med svar per respondent; de publicerade siffrorna finns i omgången ' +
      '"Digitaliseringsenkät 2024" som publicerade aggregat. Fördelningen per fråga i regionen är anpassad till de publicerade resultaten i Analysrapport 2024 ' +
      '(Status för digitalisering i Fyrbodals kommuner); enskilda kommuners och respondenters svar är påhittade. Där rapporten ' +
      'saknar siffror (bland annat EIM, SDK och samverkansfrågorna) är fördelningen vald efter rapportens text. Fritextsvaren är ' +
      'hämtade ur rapportens sammanfattningar av mål och samverkansidéer. Enkäten gick till alla 14 kommuner; källan anger att 13 ' +
      'svarade men inte vilka: att Strömstad inte svarade är demodata.' +
      ' Bortfallet (inbjudna som inte svarade, 60–100 % svar per kommun) är demodata.',
    respondents: people.map(({ latent: _latent, ...p }) => p),
  };
}

// ---------------------------------------------------------------------------------------------
// Digitaliseringsenkät 2024 as published: Analysrapport 2024 figures 2–24 as published aggregates, no respondents.

function statusSurvey2024Published(ins: Instrument): DemoRound {
  return {
    instrument: ins,
    title: DEMO_ROUNDS.status2024Published.title,
    periodStart: '2024-02-05',
    periodEnd: '2024-03-22',
    status: 'closed',
    municipalities: [...ALL_CODES],
    demoNote:
      `Publicerade aggregat: figur 2–24 ur ${ANALYSRAPPORT_2024_TITLE} (Fyrbodals kommunalförbund, 2024), avsnitt 3.2, ` +
      'exakt som publicerade – andelar per alternativ med den bas rapporten anger (11 svarande kommuner i figur 3, 4, 9 och 10; ' +
      '13 i figur 8; annars ej angiven). Alternativ som rapporten inte anger en siffra för är inte angivna (inga påhittade "Vet ej"). ' +
      'Rapportens egna inkonsekvenser visas som datakvalitetsflaggor. Inga svar per respondent; enkätperiodens datum är demodata.',
    respondents: [],
    published: STATUS_2024_PUBLISHED,
  };
}

// ---------------------------------------------------------------------------------------------
// Non-response in the closed rounds: besides the respondents whose answers are in the round, each
// municipality had invited people who never answered (0–2 per municipality, drawn with an own seed so
// the synthesised answers, and with them the published figures the demo reproduces, stay as they are).
// They are link respondents without answers: invited at the start, reminded once or twice, not counted
// in any result. `silent` municipalities received the survey but nobody answered.

function withNonResponse(round: DemoRound, seed: number, silent: Record<string, number> = {}): DemoRound {
  const rng = mulberry32(seed);
  const names = new Map(FYRBODAL.map((m) => [m.code, m.name]));
  const survey = round.instrument.id === 'statusenkat';
  const year = round.periodStart.slice(0, 4);
  const extra: DemoRespondent[] = [];
  for (const code of round.municipalities) {
    const answered = round.respondents.filter((p) => p.municipality === code);
    const missing = silent[code] ?? (answered.length === 0 ? 0 : Math.min(answered.length - 1, rng.pick([0, 1, 1, 1, 2])));
    const used = new Set(answered.map((p) => p.area));
    for (let k = 0; k < missing; k++) {
      const it = k === 0 && (answered.length === 0 || rng.chance(0.3));
      const area = it ? 'it' : rng.pick(NON_IT_AREAS.filter((a) => !used.has(a) && AREA_ROLE[a]));
      used.add(area);
      const reminders = rng.int(1, 2);
      extra.push({
        key: `${round.instrument.id}-${year}:${code}:ej-svar-${k + 1}`,
        municipality: code,
        source: 'link',
        respondentType: it ? (survey ? 'it-nara' : 'it-chef') : survey ? 'verksamhetsnara' : 'forvaltningschef',
        area,
        name: `${it ? 'IT-chef' : AREA_ROLE[area]} ${names.get(code) ?? code} (demo)`,
        email: `${slug(names.get(code) ?? code)}.${year}-${k + 1}@demo.samverka.se`,
        completedAt: null,
        invitedAt: addDays(round.periodStart, 1),
        remindedAt: addDays(round.periodStart, reminders === 1 ? 21 : 35),
        reminderCount: reminders,
        answers: {},
      });
    }
  }
  return { ...round, respondents: [...round.respondents, ...extra] };
}

// ---------------------------------------------------------------------------------------------
// Digitaliseringsenkät 2026: open, every municipality, three respondents each with links, no answers.

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');

const AREA_ROLE: Record<string, string> = {
  administration: 'Kanslichef',
  socialtjanst: 'Förvaltningschef socialtjänst',
  utbildning: 'Förvaltningschef utbildning',
  samhallsbyggnad: 'Samhällsbyggnadschef',
  kultur: 'Kultur- och fritidschef',
  kommunstyrelse: 'Kommunchef',
  ekonomi: 'Ekonomichef',
  hr: 'HR-chef',
  naringsliv: 'Näringslivschef',
};

function statusSurvey2026(ins: Instrument): DemoRound {
  const respondents: DemoRespondent[] = [];
  FYRBODAL.forEach((m, i) => {
    const areas = [NON_IT_AREAS[(2 * i) % NON_IT_AREAS.length], NON_IT_AREAS[(2 * i + 1) % NON_IT_AREAS.length]];
    const list = [
      { type: 'it-nara', area: 'it', role: 'IT-chef' },
      ...areas.map((area) => ({ type: 'verksamhetsnara', area, role: AREA_ROLE[area] })),
    ];
    list.forEach((p, k) =>
      respondents.push({
        key: `statusenkat-2026:${m.code}:${k + 1}`,
        municipality: m.code,
        source: 'link',
        respondentType: p.type,
        area: p.area,
        name: `${p.role} ${m.name} (demo)`,
        email: `${slug(m.name)}.${k + 1}@demo.samverka.se`,
        completedAt: null,
        answers: {},
      }),
    );
  });
  return {
    instrument: ins,
    title: DEMO_ROUNDS.status2026.title,
    periodStart: '2026-11-02',
    periodEnd: '2026-12-18',
    status: 'open',
    municipalities: [...ALL_CODES],
    demoNote:
      'Demoomgång som är öppen för svar. Respondenterna (namn och e-postadresser) är påhittade demodata; inga svar har lämnats ' +
      'och inga inbjudningar har skickats.',
    respondents,
  };
}

// ---------------------------------------------------------------------------------------------
// Informationssäkerhet 2021: Mellerud's self-assessment, exactly as published (Delrapport Mellerud 2021, figur 6).

function informationssakerhet2021(ins: Instrument): DemoRound {
  return {
    instrument: ins,
    title: DEMO_ROUNDS.informationssakerhet2021.title,
    periodStart: '2020-11-02',
    periodEnd: '2021-02-26',
    status: 'closed',
    municipalities: [MELLERUD_INFOSAK_CODE],
    demoNote:
      'Verkliga svar ur Digital motor Fyrbodal – Delrapport Mellerud (2021), avsnitt 3.2, figur 6: CISO finns (Ja), CISO avsätter 1–10 timmar per vecka ' +
      'och de sju etablerade arbetssätten besvaras med Nej; rekommendationerna är avsnitt 3.2.1:s. Källan redovisar inga grader av införande. ' +
      'Omgångens period och svarsdatum är demodata (förstudien pågick oktober 2020–februari 2021).',
    respondents: [
      {
        key: 'informationssakerhet-2021:1461',
        municipality: MELLERUD_INFOSAK_CODE,
        source: 'self',
        respondentType: 'kommunansvarig',
        area: null,
        completedAt: '2021-01-29',
        answers: { ...MELLERUD_INFOSAK_2021 },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------

/** Every demo round, built from the instruments (pure; deterministic). */
export function buildDemoRounds(instruments: readonly Instrument[]): DemoRound[] {
  const get = (id: string) => {
    const list = instruments.filter((i) => i.id === id).sort((a, b) => b.version.localeCompare(a.version, 'sv', { numeric: true }));
    if (!list.length) throw new Error(`Demodata: instrumentet ${id} finns inte`);
    return list[0];
  };
  const rounds = [
    withNonResponse(dimios2020(get('digital-mognad')), 2020_0001),
    formagekarta2021(get('formagekarta')),
    itKompetens2024(get('it-kompetens')),
    statusSurvey2024Published(get('statusenkat')),
    // Strömstad received the survey but did not answer (two invited, none answered).
    withNonResponse(statusSurvey2024(get('statusenkat')), 2024_0001, { '1486': 2 }),
    withNonResponse(dimios2025(get('digital-mognad')), 2025_0001),
    statusSurvey2026(get('statusenkat')),
    informationssakerhet2021(get('informationssakerhet')),
  ];
  for (const r of rounds)
    for (const p of r.respondents)
      for (const [itemId, value] of Object.entries(p.answers)) {
        const v = validateAnswer(r.instrument, itemId, value);
        if (!v.ok) throw new Error(`Demodata: ogiltigt svar i "${r.title}" (${p.key}, ${itemId}): ${v.message}`);
        const it = item(r.instrument, itemId);
        if (!routedTo(it, p.respondentType) && p.source !== 'self')
          throw new Error(`Demodata: frågan ${itemId} visas inte för ${p.respondentType} ("${r.title}")`);
      }
  for (const r of rounds)
    for (const a of r.published ?? []) {
      const errors = validatePublished(r.instrument, publishedAggregateInput.parse(a));
      if (errors.length) throw new Error(`Demodata: ogiltigt publicerat aggregat i "${r.title}" (${a.itemId}): ${errors[0].message}`);
    }
  return rounds;
}

/** The demo rounds' contact person: the demo association's strategist. */
const DEMO_CONTACT = { name: 'Demo Förbundsadmin', email: 'admin@demo.samverka.se' };

const at = (date: string) => `${date}T09:00:00Z`;

/** The association every demo round belongs to: the demo region is Fyrbodal's (short id "fyrbodal"). */
export const DEMO_ROUND_ASSOCIATION = 'fyrbodal';

/** Writes one demo round unless it exists; returns whether it was added. */
async function writeRound(db: Db, r: DemoRound, associationId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Serialise concurrent demo loads (PostgreSQL); a no-op cost on PGlite.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('samverka-demo-rounds'))`);
    const exists = await tx.query('SELECT 1 FROM rounds WHERE is_demo AND instrument_id = $1 AND title = $2', [r.instrument.id, r.title]);
    if (exists.rows.length) return false; // (rowCount is 0 for a SELECT on PGlite)
    const round = await createRound(tx, {
      instrument: r.instrument.id,
      instrumentVersion: r.instrument.version,
      title: r.title,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      municipalities: r.municipalities,
      associationId,
      isDemo: true,
      demoNote: r.demoNote,
      contactName: DEMO_CONTACT.name,
      contactEmail: DEMO_CONTACT.email,
    });
    await tx.query(
      `UPDATE rounds SET status = $2, created_at = $3::timestamptz, opened_at = $3::timestamptz, closed_at = $4::timestamptz WHERE id = $1`,
      [round.id, r.status, at(r.periodStart), r.status === 'closed' ? at(r.periodEnd) : null],
    );
    await insertRespondents(tx, round.id, r);
    for (const a of r.published ?? []) await upsertPublished(tx, round.id, publishedAggregateInput.parse(a), null);
    return true;
  });
}

async function insertRespondents(tx: Queryable, roundId: number, r: DemoRound): Promise<void> {
  if (!r.respondents.length) return;
  const rows = r.respondents.map((p) => ({
    municipality: p.municipality,
    source: p.source,
    respondent_type: p.respondentType,
    area: p.area,
    name: p.name ?? null,
    email: p.email ?? null,
    token: p.source === 'import' ? null : newRespondentToken(),
    import_ref: p.source === 'import' ? p.key : null,
    completed_at: p.completedAt ? at(p.completedAt) : null,
    invited_at: p.invitedAt ? at(p.invitedAt) : null,
    reminded_at: p.remindedAt ? at(p.remindedAt) : null,
    reminder_count: p.reminderCount ?? 0,
  }));
  const inserted = await tx.query<{ id: number; token: string | null; import_ref: string | null }>(
    `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, name, email, token, import_ref,
                              created_at, started_at, completed_at, invited_at, reminded_at, reminder_count)
     SELECT $1, x.municipality, x.source, x.respondent_type, x.area, x.name, x.email, x.token, x.import_ref,
            $2::timestamptz, x.completed_at, x.completed_at, x.invited_at, x.reminded_at, x.reminder_count
       FROM jsonb_to_recordset($3::text::jsonb) AS x(municipality text, source text, respondent_type text, area text, name text,
                                                    email text, token text, import_ref text, completed_at timestamptz,
                                                    invited_at timestamptz, reminded_at timestamptz, reminder_count int)
     RETURNING id, token, import_ref`,
    [roundId, at(r.periodStart), JSON.stringify(rows)],
  );
  // Map the new ids back: imported rows by import_ref, the others by their (fresh, unique) token.
  const idBy = new Map<string, number>();
  for (const row of inserted.rows) idBy.set((row.import_ref ?? row.token)!, row.id);
  const answers: Array<{ respondent_id: number; item_id: string; value: AnswerValue; updated_at: string }> = [];
  r.respondents.forEach((p, i) => {
    const id = idBy.get((rows[i].import_ref ?? rows[i].token)!);
    if (id === undefined) throw new Error(`Demodata: respondenten ${p.key} sparades inte`);
    for (const [item_id, value] of Object.entries(p.answers))
      answers.push({ respondent_id: id, item_id, value, updated_at: at(p.completedAt ?? r.periodStart) });
  });
  if (answers.length)
    await tx.query(
      `INSERT INTO answers (respondent_id, item_id, value, updated_at)
       SELECT x.respondent_id, x.item_id, x.value, x.updated_at
         FROM jsonb_to_recordset($1::text::jsonb) AS x(respondent_id int, item_id text, value jsonb, updated_at timestamptz)`,
      [JSON.stringify(answers)],
    );
}

/** Demo step: syncs the built-in instruments and adds the demo rounds that do not exist yet. */
export async function loadDemoRounds(db: Db): Promise<void> {
  const instruments = await loadBuiltInInstruments();
  await syncBuiltInInstruments(db, instruments);
  // The demo rounds are Fyrbodal's, explicitly (not merely the default association's).
  const association = await findAssociation(db, DEMO_ROUND_ASSOCIATION);
  if (!association) throw new Error(`Demodata: kommunalförbundet ${DEMO_ROUND_ASSOCIATION} finns inte`);
  for (const round of buildDemoRounds(instruments)) await writeRound(db, round, association.id);
}
