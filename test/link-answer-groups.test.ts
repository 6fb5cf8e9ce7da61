// Answers saved through links in groups (store/link-answers.ts, migration 031): answers that arrive
// together go in one statement, each with its own outcome (saved, unknown link, submitted with its
// time, item routed to another type), in the order given (the later of two answers to one item wins).
// A group the database refuses is saved answer by answer: only the refused answer fails, the others are
// stored. On the embedded database and on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db, Queryable } from '../src/db/db.ts';
import { visibleItems } from '../src/domain/instruments/answers.ts';
import type { Instrument } from '../src/domain/instruments/schema.ts';
import { getInstrument } from '../src/store/instruments.ts';
import { saveLinkAnswer, type LinkAnswer } from '../src/store/link-answers.ts';
import { completeRespondent } from '../src/store/respondents.ts';
import { prepareAnswerLoad, storedAnswers, type Plan } from './support/answer-load.ts';
import { backends } from './support/db.ts';

/** The database with the statements sent through it written down (a handle of its own: its own queue). */
function counting(db: Db): Queryable & { statements: string[] } {
  const statements: string[] = [];
  return { statements, query: (sql, params) => (statements.push(sql), db.query(sql, params)) };
}

for (const backend of backends) {
  describe(`svar via länk i grupp (${backend.name})`, () => {
    let db: Db;
    let plans: Plan[];
    let ins: Instrument;
    let roundId: number;
    const typeOf = async (token: string) => (await db.query<{ t: string }>('SELECT respondent_type AS t FROM respondents WHERE token = $1', [token])).rows[0].t;
    const idOf = async (token: string) => (await db.query<{ id: number }>('SELECT id FROM respondents WHERE token = $1', [token])).rows[0].id;
    const answer = (token: string, itemId: string, value: LinkAnswer['value']): LinkAnswer => {
      const routed = ins.items.find((i) => i.id === itemId)!.respondentTypes;
      return { token, roundId, instrument: ins.id, version: ins.version, itemId, value, routedTo: routed?.length ? routed : null };
    };

    before(async () => {
      db = await backend.open();
      plans = await prepareAnswerLoad(db, 7);
      const r = (await db.query<{ id: number; instrument_id: string; instrument_version: string }>('SELECT id, instrument_id, instrument_version FROM rounds')).rows[0];
      roundId = r.id;
      ins = (await getInstrument(db, r.instrument_id, r.instrument_version))!;
    });
    after(async () => {
      await db?.close();
    });

    it('svar som kommer samtidigt sparas i en sats, vart och ett med sitt eget utfall och i given ordning', async () => {
      const [a, b, c, done] = plans;
      const completedAt = await completeRespondent(db, await idOf(done.token));
      const visible = new Set(visibleItems(ins, await typeOf(b.token)).map((i) => i.id));
      const hidden = ins.items.find((i) => !visible.has(i.id) && i.type === 'scale')!;
      const hiddenCode = ins.scales.find((s) => s.id === hidden.scale)!.options[0].code;
      const h = counting(db);
      const given: LinkAnswer[] = [
        answer(c.token, c.items[0].id, c.items[0].values[0]),
        answer(a.token, a.items[0].id, a.items[0].values[0]),
        answer(b.token, b.items[0].id, b.items[0].values[0]),
        answer(a.token, a.items[1].id, a.items[1].values[0]),
        answer('x'.repeat(43), a.items[0].id, a.items[0].values[0]),
        answer(done.token, done.items[0].id, done.items[0].values[1]),
        answer(b.token, hidden.id, hiddenCode),
        answer(a.token, a.items[0].id, a.items[0].values[1]),
      ];
      const outcomes = await Promise.all(given.map((g) => saveLinkAnswer(h, g)));
      assert.deepEqual(
        h.statements.map((s) => /save_link_answers?\b/.exec(s)?.[0]),
        ['save_link_answers'],
        'alla åtta svaren i en sats',
      );
      assert.deepEqual(
        outcomes.map((o) => o.outcome),
        ['saved', 'saved', 'saved', 'saved', 'unknown', 'completed', 'hidden', 'saved'],
      );
      const completed = outcomes[5] as { completedAt: string };
      assert.equal(new Date(completed.completedAt).getTime(), new Date(completedAt).getTime());
      const stored = await storedAnswers(db, [a.token, b.token, c.token, done.token]);
      assert.deepEqual(Object.fromEntries(stored.get(a.token)!), { [a.items[0].id]: a.items[0].values[1], [a.items[1].id]: a.items[1].values[0] }, 'det senare svaret på samma fråga gäller');
      assert.deepEqual(Object.fromEntries(stored.get(b.token)!), { [b.items[0].id]: b.items[0].values[0] });
      assert.deepEqual(Object.fromEntries(stored.get(c.token)!), { [c.items[0].id]: c.items[0].values[0] });
      assert.equal(stored.get(done.token)!.has(done.items[0].id), false, 'inget svar efter inskickning');
    });

    it('en grupp som databasen avvisar sparas svar för svar: bara det avvisade svaret får felet', async () => {
      const [, , , , d, e] = plans;
      const h = counting(db);
      const results = await Promise.allSettled([
        saveLinkAnswer(h, answer(d.token, d.items[0].id, d.items[0].values[0])),
        // A NUL character: the database takes it neither in text nor in JSON, so the group fails.
        saveLinkAnswer(h, answer(`${e.token.slice(0, 42)}\u0000`, e.items[0].id, e.items[0].values[0])),
        saveLinkAnswer(h, answer(e.token, e.items[1].id, e.items[1].values[0])),
      ]);
      assert.deepEqual(
        results.map((r) => (r.status === 'fulfilled' ? r.value.outcome : 'rejected')),
        ['saved', 'rejected', 'saved'],
      );
      assert.deepEqual(
        h.statements.map((s) => /save_link_answers?\b/.exec(s)?.[0]),
        ['save_link_answers', 'save_link_answer', 'save_link_answer', 'save_link_answer'],
        'gruppen, sedan varje svar för sig',
      );
      const stored = await storedAnswers(db, [d.token, e.token]);
      assert.deepEqual(Object.fromEntries(stored.get(d.token)!), { [d.items[0].id]: d.items[0].values[0] });
      assert.deepEqual(Object.fromEntries(stored.get(e.token)!), { [e.items[1].id]: e.items[1].values[0] });
    });

    it('ett ensamt svar går i en egen sats utan att vänta på fler', async () => {
      const f = plans[6];
      const h = counting(db);
      assert.equal((await saveLinkAnswer(h, answer(f.token, f.items[0].id, f.items[0].values[0]))).outcome, 'saved');
      assert.equal((await saveLinkAnswer(h, answer(f.token, f.items[0].id, f.items[0].values[1]))).outcome, 'saved');
      assert.deepEqual(
        h.statements.map((s) => /save_link_answers?\b/.exec(s)?.[0]),
        ['save_link_answer', 'save_link_answer'],
      );
      assert.deepEqual(Object.fromEntries((await storedAnswers(db, [f.token])).get(f.token)!), { [f.items[0].id]: f.items[0].values[1] });
    });
  });
}
