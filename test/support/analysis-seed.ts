// A small round with hand-computed results, shared by the analysis tests (views, HTTP API, CLI, web).
//
// Instrument "analys-test" 1.0 (survey): scale 0–4 + "Vet ej"; q1, q2 in group g1 (dimension
// "formaga", Digital förmåga), q3 in group g2 (dimension "arv", Digitalt arv), free text t1;
// quadrant x = formaga, y = arv, thresholds 50. Median aggregation, suppression below 3.
//
// Round "Analysrunda 2025" (2025): Mellerud 1461 (4 counted respondents + 1 started, not counted),
// Bengtsfors 1460 (3), Åmål 1492 (2). Hand-computed, % of the scale maximum (value / 4 × 100):
//   Mellerud   q1 [4,3,3] (+ Vet ej) median 3 → 75;   q2 [2,2,1,0] median 1.5 → 37.5;  q3 [4,4,3,2] median 3.5 → 87.5
//              formaga = (75 + 37.5)/2 = 56.25, arv = 87.5, overall = (56.25 + 87.5)/2 = 71.875, quadrant D
//   Bengtsfors q1 [1,2,2] → 2 → 50;   q2 [1,1,0] → 1 → 25;   q3 [2,1,1] → 1 → 25
//              formaga = 37.5, arv = 25, overall = 31.25, quadrant A
//   Åmål       q1 [4,4] → 4 → 100;   q2 [4,3] → 3.5 → 87.5;   q3 [0,1] → 0.5 → 12.5
//              formaga = 93.75, arv = 12.5, overall = 53.125, quadrant C
// Region q1 (association, all three): min 50, mean 75, max 100, n = 3 municipalities;
//   respondent-weighted: [4,3,3,1,2,2,4,4] = 23 / 8 = 2.875 → 71.875 %, n = 8.
// Region q1 as others see it (Åmål, 2 respondents, left out): min 50, mean 62.5, max 75, n = 2;
//   respondent-weighted [4,3,3,1,2,2] = 15 / 6 = 2.5 → 62.5 %, n = 6.
// Distribution of q1, others: n = 7 (Vet ej included): 1:1, 2:2, 3:2, 4:1, Vet ej:1 → "2" = 2/7 = 28.571… %.
// Quadrant counts, others: A 1 (Bengtsfors), D 1 (Mellerud), n = 2.
//
// Earlier round "Analysrunda 2023" (2023), same instrument:
//   Mellerud   q1 2,2,2 → 50; q2 1,1,1 → 25; q3 3,3,3 → 75 → formaga 37.5, arv 75, overall 56.25 → Δ +15.625 (Ökad)
//   Bengtsfors q1 2,2,2 → 50; q2 1,1,1 → 25; q3 1,1,1 → 25 → overall 31.25 → Δ 0 (Oförändrad)
//   Åmål       q1 4,4,4 → 100; q2 4,4,4 → 100; q3 0,0,0 → 0 → overall 50 → Δ +3.125 (Oförändrad)
//   Association: 1 of 3 increased (33.33 %); others (Åmål has 2 respondents in 2025): 1 of 2 (50 %).
import type { Queryable } from '../../src/db/db.ts';
import { instrumentSchema, type AnswerValue, type Instrument } from '../../src/domain/instruments/schema.ts';
import type { AnalysisResponse } from '../../src/domain/analysis/types.ts';

// Fragments of test instruments, shared with the instruments built in analysis.test.ts.

/** Scale options with numeric codes and values counted up from `first`, one a label. */
export const scaleOptions = (labels: string[], first = 0) => labels.map((label, i) => ({ code: String(first + i), label, value: first + i }));
export const VET_EJ = { code: 'vet_ej', label: 'Vet ej', value: null };
export const RESPONDENT_TYPES = [
  { id: 'it', label: 'IT-nära' },
  { id: 'verksamhet', label: 'Verksamhetsnära' },
];
export const MATURITY_DIMENSIONS = [
  { id: 'formaga', label: 'Digital förmåga' },
  { id: 'arv', label: 'Digitalt arv' },
];
type QuadrantInfo = { label: string; description: string; phase: string };
/** Quadrant scoring with x = formaga, y = arv and both thresholds at 50. */
export const quadrantScoring = (quadrants: { A: QuadrantInfo; B: QuadrantInfo; C: QuadrantInfo; D: QuadrantInfo }) => ({
  quadrant: { x: 'formaga', y: 'arv', thresholds: { x: 50, y: 50 }, quadrants },
});

export const TEST_INSTRUMENT: Instrument = instrumentSchema.parse({
  id: 'analys-test',
  version: '1.0',
  title: 'Analystest',
  mode: 'survey',
  respondentTypes: RESPONDENT_TYPES,
  scales: [{ id: 's04', label: 'Skala 0–4', options: [...scaleOptions(['Obefintlig', 'Låg', 'Medel', 'Hög', 'Mycket hög']), VET_EJ] }],
  dimensions: MATURITY_DIMENSIONS,
  groups: [
    { id: 'g1', label: 'Styrning', dimension: 'formaga' },
    { id: 'g2', label: 'Teknik', dimension: 'arv' },
  ],
  items: [
    { id: 'q1', type: 'scale', scale: 's04', group: 'g1', text: 'Vi styr våra digitala initiativ i en gemensam portfölj.', short: 'Gemensam portfölj' },
    { id: 'q2', type: 'scale', scale: 's04', group: 'g1', text: 'Vi följer upp nyttan av digitala initiativ.', short: 'Uppföljning av nytta' },
    { id: 'q3', type: 'scale', scale: 's04', group: 'g2', text: 'Vår tekniska infrastruktur möjliggör ny utveckling.', short: 'Teknisk infrastruktur' },
    { id: 't1', type: 'text', group: 'g1', text: 'Vilka initiativ vill ni göra tillsammans med andra kommuner?', short: 'Gemensamma initiativ' },
  ],
  scoring: quadrantScoring({
    A: { label: 'Begränsande arv och låg förmåga', description: 'A-beskrivning', phase: 'Digitisering' },
    B: { label: 'Möjliggörande arv och låg förmåga', description: 'B-beskrivning', phase: 'Digitalisering' },
    C: { label: 'Begränsande arv och hög förmåga', description: 'C-beskrivning', phase: 'Digitalisering' },
    D: { label: 'Möjliggörande arv och hög förmåga', description: 'D-beskrivning', phase: 'Digital transformation' },
  }),
});

export const MELLERUD = '1461';
export const BENGTSFORS = '1460';
export const AMAL = '1492';

export interface SeedRespondent {
  municipality: string;
  type: string;
  area: string;
  completed: boolean;
  answers: Record<string, AnswerValue>;
}

const r = (municipality: string, type: string, area: string, answers: Record<string, AnswerValue>, completed = true): SeedRespondent => ({
  municipality,
  type,
  area,
  completed,
  answers,
});

export const ROUND_2025: SeedRespondent[] = [
  r(MELLERUD, 'it', 'it', { q1: '4', q2: '2', q3: '4', t1: '=1+1' }),
  r(MELLERUD, 'it', 'it', { q1: '3', q2: '2', q3: '4' }),
  r(MELLERUD, 'verksamhet', 'utbildning', { q1: '3', q2: '1', q3: '3', t1: 'Gemensam e-arkivlösning' }),
  r(MELLERUD, 'verksamhet', 'utbildning', { q1: 'vet_ej', q2: '0', q3: '2' }),
  // Started, not submitted: not counted.
  r(MELLERUD, 'verksamhet', 'utbildning', { q1: '0', q2: '0', q3: '0', t1: 'Ej inskickat utkast' }, false),
  r(BENGTSFORS, 'it', 'it', { q1: '1', q2: '1', q3: '2', t1: 'Bengtsfors hemliga plan' }),
  r(BENGTSFORS, 'verksamhet', 'utbildning', { q1: '2', q2: '1', q3: '1' }),
  r(BENGTSFORS, 'verksamhet', 'utbildning', { q1: '2', q2: '0', q3: '1' }),
  r(AMAL, 'it', 'it', { q1: '4', q2: '4', q3: '0', t1: 'Åmål fritext' }),
  r(AMAL, 'verksamhet', 'utbildning', { q1: '4', q2: '3', q3: '1' }),
];

const same = (municipality: string, n: number, answers: Record<string, AnswerValue>) =>
  Array.from({ length: n }, (_, i) => r(municipality, i % 2 ? 'verksamhet' : 'it', i % 2 ? 'utbildning' : 'it', answers));

export const ROUND_2023: SeedRespondent[] = [
  ...same(MELLERUD, 3, { q1: '2', q2: '1', q3: '3' }),
  ...same(BENGTSFORS, 3, { q1: '2', q2: '1', q3: '1' }),
  ...same(AMAL, 3, { q1: '4', q2: '4', q3: '0' }),
];

/** The counted responses as the analysis sees them (ordered by municipality code, then insertion). */
export function asResponses(list: SeedRespondent[]): AnalysisResponse[] {
  return list
    .map((x, i) => ({ x, i }))
    .filter(({ x }) => x.completed)
    .sort((a, b) => a.x.municipality.localeCompare(b.x.municipality) || a.i - b.i)
    .map(({ x, i }) => ({ responseId: `r${i + 1}`, municipality: x.municipality, respondentType: x.type, area: x.area, answers: x.answers }));
}

/**
 * Stores the instrument (once) and a round with the given respondents, straight in SQL.
 * Returns the round id. `status` defaults to closed.
 */
export async function seedRound(
  db: Queryable,
  opts: { title: string; periodStart: string; periodEnd: string; respondents: SeedRespondent[]; status?: 'draft' | 'open' | 'closed'; instrument?: Instrument; municipalities?: string[] },
): Promise<number> {
  const ins = opts.instrument ?? TEST_INSTRUMENT;
  await db.query(
    `INSERT INTO instruments (id, version, definition, source) VALUES ($1, $2, $3::text::jsonb, 'import') ON CONFLICT (id, version) DO NOTHING`,
    [ins.id, ins.version, JSON.stringify(ins)],
  );
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO rounds (instrument_id, instrument_version, title, period_start, period_end, status)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [ins.id, ins.version, opts.title, opts.periodStart, opts.periodEnd, opts.status ?? 'closed'],
  );
  const roundId = rows[0].id;
  const munis = opts.municipalities ?? [...new Set(opts.respondents.map((x) => x.municipality))];
  for (const m of munis) await db.query('INSERT INTO round_municipalities (round_id, municipality_code) VALUES ($1, $2)', [roundId, m]);
  for (const x of opts.respondents) {
    const p = await db.query<{ id: number }>(
      `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, started_at, completed_at)
       VALUES ($1, $2, 'link', $3, $4, now(), CASE WHEN $5::boolean THEN now() END) RETURNING id`,
      [roundId, x.municipality, x.type, x.area, x.completed],
    );
    for (const [item, value] of Object.entries(x.answers))
      await db.query('INSERT INTO answers (respondent_id, item_id, value) VALUES ($1, $2, $3::text::jsonb)', [p.rows[0].id, item, JSON.stringify(value)]);
  }
  return roundId;
}
