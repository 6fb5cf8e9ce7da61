// Export of a round's stored answers (as CSV: export-round-responses.ts) in the import format (one row per respondent,
// option codes), so an export can be imported again. Every cell is neutralised (domain/export.ts).
import type { Queryable } from '../db/db.ts';
import { valueToCell } from '../domain/import.ts';
import type { AnswerValue } from '../domain/instruments/schema.ts';
import { roundAnswers } from '../store/respondents.ts';
import type { Round } from '../store/rounds.ts';
import { instrumentOfRound } from './service.ts';

/** Rows (header first) of a round's answers; `municipality` limits to one municipality. */
export async function roundAnswersRows(db: Queryable, round: Round, municipality?: string): Promise<Array<Array<string | number>>> {
  const instrument = await instrumentOfRound(db, round);
  const byRespondent = new Map<
    number,
    { municipality: string; respondentType: string | null; area: string | null; completed: boolean; answers: Record<string, AnswerValue> }
  >();
  for (const a of await roundAnswers(db, round.id, municipality)) {
    let r = byRespondent.get(a.respondentId);
    if (!r) {
      r = { municipality: a.municipality, respondentType: a.respondentType, area: a.area, completed: a.completed, answers: {} };
      byRespondent.set(a.respondentId, r);
    }
    r.answers[a.itemId] = a.value;
  }
  const header = ['kommun', 'respondenttyp', 'verksamhetsomrade', 'status', ...instrument.items.map((i) => i.id)];
  const rows: Array<Array<string | number>> = [header];
  for (const r of byRespondent.values())
    rows.push([
      r.municipality,
      instrument.mode === 'self-assessment' ? '' : (r.respondentType ?? ''),
      r.area ?? '',
      r.completed ? 'inskickad' : 'påbörjad',
      ...instrument.items.map((i) => valueToCell(i, r.answers[i.id])),
    ]);
  return rows;
}
