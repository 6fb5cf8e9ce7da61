// Answers saved through respondent links (issue 15, item 5): one statement per answer, and under load
// one statement per group of answers.
//
// save_link_answer (migrations 026, 028) checks and stores one answer in one statement. With hundreds
// of respondents at once the cost is mostly per statement: a round trip, a transaction and a flush of
// the database's log each. So the answers of a database handle are queued: at most IN_FLIGHT statements
// of answers are under way at a time, and answers that arrive meanwhile go together in the next one
// (save_link_answers, migration 031; at most MAX_GROUP). An answer alone goes as soon as the event loop
// turns (setImmediate: the requests already read join it), so a quiet server waits for nothing.
//
// Each answer still gets its own outcome. A group is one transaction: should it fail (a deadlock, a
// broken connection, a value the database refuses), nothing of it was stored and every answer of it is
// saved again on its own, so one answer's error is that answer's and nothing acknowledged is lost.
// A group is ordered by round and token (the order its locks are taken in), so that two groups never
// wait for each other's locks in a cycle; answers of one link keep their order.
import type { Queryable } from '../db/db.ts';
import type { AnswerValue } from '../domain/instruments/schema.ts';

/** What save_link_answer did (migration 026): saved, or why not. */
export type LinkAnswerOutcome =
  | { outcome: 'saved' | 'unknown' | 'stale' | 'hidden' | 'draft' | 'closed' }
  | { outcome: 'completed'; completedAt: string };

/** An answer given through a link, its value already validated against `instrument`@`version`. */
export interface LinkAnswer {
  token: string;
  roundId: number;
  instrument: string;
  version: string;
  itemId: string;
  value: AnswerValue;
  /** The respondent types the item is routed to; null: every type. */
  routedTo: readonly string[] | null;
}

/** Statements of answers under way at a time per database handle (the rest of the pool stays free). */
export const IN_FLIGHT = 2;
/** At most this many answers in one statement. */
export const MAX_GROUP = 100;

type Row = { outcome: LinkAnswerOutcome['outcome']; completed_at: string | null };
const outcomeOf = (r: Row): LinkAnswerOutcome =>
  r.outcome === 'completed' ? { outcome: 'completed', completedAt: r.completed_at! } : ({ outcome: r.outcome } as LinkAnswerOutcome);

/**
 * One answer in one statement (save_link_answer): the round's advisory lock shared, the respondent
 * locked and checked (the link exists in `roundId`, not submitted, the round open and answered in
 * `instrument`@`version`, the item routed to the respondent's type), then the upsert; started_at is
 * set the first time.
 */
async function saveOne(db: Queryable, a: LinkAnswer): Promise<LinkAnswerOutcome> {
  const r = await db.query<Row>('SELECT outcome, completed_at FROM save_link_answer($1, $2, $3, $4, $5, $6::text::jsonb, $7::text[])', [
    a.token,
    a.roundId,
    a.instrument,
    a.version,
    a.itemId,
    JSON.stringify(a.value),
    a.routedTo,
  ]);
  return outcomeOf(r.rows[0]);
}

/** Answers in one statement (save_link_answers), in lock order; the outcomes in the order given. */
async function saveGroup(db: Queryable, group: readonly LinkAnswer[]): Promise<LinkAnswerOutcome[]> {
  const order = group.map((_, i) => i).sort((x, y) => group[x].roundId - group[y].roundId || (group[x].token < group[y].token ? -1 : group[x].token > group[y].token ? 1 : x - y));
  const batch = order.map((i) => {
    const a = group[i];
    return { token: a.token, round: a.roundId, instrument: a.instrument, version: a.version, item: a.itemId, value: a.value, types: a.routedTo };
  });
  const rows = (await db.query<{ pos: number; result: Row['outcome']; completed: string | null }>('SELECT pos, result, completed FROM save_link_answers($1::text::jsonb)', [JSON.stringify(batch)])).rows;
  const out = new Array<LinkAnswerOutcome>(group.length);
  for (const r of rows) out[order[r.pos - 1]] = outcomeOf({ outcome: r.result, completed_at: r.completed });
  return out;
}

interface Waiting {
  answer: LinkAnswer;
  resolve: (o: LinkAnswerOutcome) => void;
  reject: (e: unknown) => void;
}

function saver(db: Queryable): (a: LinkAnswer) => Promise<LinkAnswerOutcome> {
  let queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;
  const schedule = () => {
    if (scheduled || !queue.length || inFlight >= IN_FLIGHT) return;
    scheduled = true;
    setImmediate(flush);
  };
  const send = async (group: Waiting[]) => {
    if (group.length === 1) {
      const [w] = group;
      await saveOne(db, w.answer).then(w.resolve, w.reject);
      return;
    }
    let outcomes: LinkAnswerOutcome[] | undefined;
    try {
      outcomes = await saveGroup(db, group.map((w) => w.answer));
    } catch {
      // Nothing of the group was stored: each answer again, on its own.
      await Promise.all(group.map((w) => saveOne(db, w.answer).then(w.resolve, w.reject)));
      return;
    }
    group.forEach((w, i) => w.resolve(outcomes[i]));
  };
  const flush = () => {
    scheduled = false;
    while (queue.length && inFlight < IN_FLIGHT) {
      const group = queue.length <= MAX_GROUP ? queue : queue.slice(0, MAX_GROUP);
      queue = queue.length <= MAX_GROUP ? [] : queue.slice(MAX_GROUP);
      inFlight++;
      void send(group).finally(() => {
        inFlight--;
        schedule();
      });
    }
  };
  return (answer) =>
    new Promise<LinkAnswerOutcome>((resolve, reject) => {
      queue.push({ answer, resolve, reject });
      schedule();
    });
}

const savers = new WeakMap<Queryable, (a: LinkAnswer) => Promise<LinkAnswerOutcome>>();

/**
 * Saves one answer through a link: with the other answers of the same database handle that are
 * waiting (see the header), or on its own. The value must already be validated against the instrument.
 */
export function saveLinkAnswer(db: Queryable, a: LinkAnswer): Promise<LinkAnswerOutcome> {
  let save = savers.get(db);
  if (!save) savers.set(db, (save = saver(db)));
  return save(a);
}
