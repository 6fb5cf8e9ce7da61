// How a round is shown: the public fields for a läsare, everything (with the progress of the
// municipalities the user may see) for the association and the kommunansvariga.
import type { Queryable } from '../db/db.ts';
import type { FullRound } from '../contracts/rounds.ts';
import { selfAssessmentState } from '../domain/round-edit.ts';
import type { Round } from '../domain/round-schema.ts';
import { listMunicipalities } from '../store/organisation.ts';
import { answerFacts, selfAssessmentRows } from '../store/round-edit.ts';
import { roundProgress } from '../store/rounds.ts';
import { instrumentOfRound } from './service.ts';

/** What a läsare may see of a round. */
export const publicRound = (r: Round, instrumentTitle?: string) => ({
  id: r.id,
  title: r.title,
  instrument: r.instrument,
  instrumentTitle,
  status: r.status,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
});

/** The state of each municipality's self-assessment (self-assessment rounds). */
async function selfAssessmentStates(db: Queryable, round: Round) {
  const rows = new Map((await selfAssessmentRows(db, round.id)).map((r) => [r.municipality, r]));
  return new Map(round.municipalities.map((code) => [code, selfAssessmentState(rows.get(code))]));
}

/** The round with its instrument, municipalities and the progress of those `visible` says the user may see. */
export async function fullRound(db: Queryable, r: Round, visible: (code: string) => boolean = () => true): Promise<FullRound> {
  const [ins, municipalities, progress, facts] = await Promise.all([instrumentOfRound(db, r), listMunicipalities(db), roundProgress(db, r.id), answerFacts(db, r.id)]);
  const names = new Map(municipalities.map((m) => [m.code, m.name]));
  const self = ins.mode === 'self-assessment' ? await selfAssessmentStates(db, r) : undefined;
  return {
    ...r,
    instrumentTitle: ins.title,
    mode: ins.mode,
    // respondentTypes: the round's selection (null = all); the instrument's types with their labels beside it.
    instrumentRespondentTypes: ins.respondentTypes.map((t) => ({ id: t.id, label: t.label })),
    municipalities: r.municipalities.map((code) => ({ code, name: names.get(code) ?? code })),
    progress: progress.filter((p) => visible(p.municipality)).map((p) => (self ? { ...p, selfAssessment: self.get(p.municipality) } : p)),
    /** Respondents with at least one answer (all municipalities): CSV and deletion depend on it. */
    answeredRespondents: facts.answeredRespondents,
  };
}
