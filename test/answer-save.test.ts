// An answer saved through a link in one statement (save_link_answer, migration 026) keeps every rule
// of the transactional path: an unknown or replaced link 404, a submitted respondent 409, a round in
// draft or closed 409 with the same Swedish messages, an item routed to another type 400, and a round
// whose instrument changed is answered against its new instrument. A close and a save never cross: a
// save waits for a close in progress and then sees the round closed, and a close waits for a save in
// progress, whose answer is then stored. On the embedded database and on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../src/db/db.ts';
import { AppError } from '../src/domain/errors.ts';
import { visibleItems } from '../src/domain/instruments/answers.ts';
import type { Instrument } from '../src/domain/instruments/schema.ts';
import { COMPLETED_MESSAGE } from '../src/domain/rounds.ts';
import { linkCaches, lockForAnswer, type LinkCaches } from '../src/rounds/answers/link.ts';
import { saveAnswer } from '../src/rounds/answers/save-answer.ts';
import { getInstrument, insertVersion } from '../src/store/instruments.ts';
import { setRoundInstrument } from '../src/store/round-edit.ts';
import { analysisStamps } from '../src/store/analysis.ts';
import { saveLinkAnswer } from '../src/store/link-answers.ts';
import { completeRespondent, regenerateToken, saveAnswer as saveStored } from '../src/store/respondents.ts';
import { lockRound, setRoundStatus } from '../src/store/rounds.ts';
import { prepareAnswerLoad, storedAnswers, type Plan } from './support/answer-load.ts';
import { backends } from './support/db.ts';

/** The AppError a promise is rejected with (fails if it resolves). */
async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, `väntade AppError, fick ${String(e)}`);
    return e;
  }
  assert.fail('sparningen skulle ha avvisats');
}

/** Settles a promise into a flag, so a test can see that it is still waiting. */
function watch<T>(p: Promise<T>) {
  const w = { settled: false, result: p };
  p.then(
    () => (w.settled = true),
    () => (w.settled = true),
  );
  return w;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const backend of backends) {
  describe(`svar via länk i en sats (${backend.name})`, () => {
    let db: Db;
    let plans: Plan[];
    let ins: Instrument;
    let roundId: number;
    let links: LinkCaches;
    const respondent = async (token: string) =>
      (await db.query<{ id: number; type: string; started: boolean }>(
        'SELECT id, respondent_type AS type, started_at IS NOT NULL AS started FROM respondents WHERE token = $1',
        [token],
      )).rows[0];
    const stored = async (token: string) => (await storedAnswers(db, [token])).get(token)!;

    before(async () => {
      db = await backend.open();
      plans = await prepareAnswerLoad(db, 9);
      const r = (await db.query<{ id: number; instrument_id: string; instrument_version: string }>('SELECT id, instrument_id, instrument_version FROM rounds')).rows[0];
      roundId = r.id;
      ins = (await getInstrument(db, r.instrument_id, r.instrument_version))!;
      links = linkCaches();
    });
    after(async () => {
      await db?.close();
    });

    it('sparar, ersätter och markerar respondenten som påbörjad; okänt svar eller ogiltigt värde ger 400 och inget sparas', async () => {
      const plan = plans[0];
      const item = plan.items[0];
      assert.equal((await respondent(plan.token)).started, false);
      const first = await saveAnswer(db, links, plan.token, item.id, item.values[0]);
      assert.deepEqual(first, { itemId: item.id, value: item.values[0], saved: true });
      assert.equal((await respondent(plan.token)).started, true);
      await saveAnswer(db, links, plan.token, item.id, item.values[1]);
      assert.deepEqual([...(await stored(plan.token))], [[item.id, item.values[1]]]);

      const unknownItem = await refusal(saveAnswer(db, links, plan.token, 'finns-inte', 'x'));
      assert.equal(unknownItem.code, 'invalid');
      assert.equal(unknownItem.message, 'Frågan finns inte i enkäten');
      const badValue = await refusal(saveAnswer(db, links, plan.token, item.id, 'inget-sadant-alternativ'));
      assert.equal(badValue.code, 'invalid');
      assert.deepEqual([...(await stored(plan.token))], [[item.id, item.values[1]]]);
    });

    it('en fråga till en annan respondenttyp ger 400 "Frågan ingår inte i din enkät"', async () => {
      const plan = plans[1];
      const type = (await respondent(plan.token)).type;
      const visible = new Set(visibleItems(ins, type).map((i) => i.id));
      const hidden = ins.items.find((i) => !visible.has(i.id) && i.type === 'scale');
      assert.ok(hidden, `statusenkäten har en skalfråga som ${type} inte ser`);
      const code = ins.scales.find((s) => s.id === hidden.scale)!.options[0].code;
      const e = await refusal(saveAnswer(db, links, plan.token, hidden.id, code));
      assert.equal(e.code, 'invalid');
      assert.equal(e.message, 'Frågan ingår inte i din enkät');
      assert.equal((await stored(plan.token)).size, 0);
    });

    it('inskickad: 409 med tidpunkten, svaret ändras inte', async () => {
      const plan = plans[2];
      const item = plan.items[0];
      await saveAnswer(db, links, plan.token, item.id, item.values[0]);
      const completedAt = await completeRespondent(db, (await respondent(plan.token)).id);
      const e = await refusal(saveAnswer(db, links, plan.token, item.id, item.values[1]));
      assert.equal(e.code, 'conflict');
      assert.equal(e.message, COMPLETED_MESSAGE);
      assert.equal(new Date((e.details as { completedAt: string }).completedAt).getTime(), new Date(completedAt).getTime());
      assert.deepEqual([...(await stored(plan.token))], [[item.id, item.values[0]]]);
    });

    it('ett svar före inskickning flyttar ingen analysversion (028); ett räknat svar i samma transaktion gör det, och inskickningen', async () => {
      const stampsOf = async () => new Map((await analysisStamps(db, roundId)).split(',').filter(Boolean).map((s) => s.split(':') as [string, string]));
      const changed = (a: Map<string, string>, b: Map<string, string>) => [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
      const plan = plans[8];
      const item = plan.items[0];
      const before = await stampsOf();
      await saveAnswer(db, links, plan.token, item.id, item.values[0]);
      await saveAnswer(db, links, plan.token, item.id, item.values[1]);
      assert.deepEqual(changed(before, await stampsOf()), [], 'sparade men inte inskickade svar ändrar ingen analys');
      // The save's "not counted" setting lasts for its own upsert only: the submitted respondent of the
      // test above (plans[2]) gets a changed answer in the same transaction, and its municipality moves.
      const counted = await respondent(plans[2].token);
      const countedCode = (await db.query<{ m: string }>('SELECT municipality_code AS m FROM respondents WHERE id = $1', [counted.id])).rows[0].m;
      const routedTo = ins.items.find((i) => i.id === item.id)!.respondentTypes;
      await db.transaction(async (tx) => {
        const r = await saveLinkAnswer(tx, {
          token: plan.token,
          roundId,
          instrument: ins.id,
          version: ins.version,
          itemId: item.id,
          value: item.values[0],
          routedTo: routedTo?.length ? routedTo : null,
        });
        assert.equal(r.outcome, 'saved');
        await saveStored(tx, counted.id, plans[2].items[0].id, plans[2].items[0].values[1]);
      });
      const afterCounted = await stampsOf();
      assert.deepEqual(changed(before, afterCounted), [countedCode]);
      const own = await respondent(plan.token);
      const ownCode = (await db.query<{ m: string }>('SELECT municipality_code AS m FROM respondents WHERE id = $1', [own.id])).rows[0].m;
      await completeRespondent(db, own.id);
      assert.deepEqual(changed(afterCounted, await stampsOf()), [ownCode], 'inskickningen flyttar den egna kommunens version');
    });

    it('en ersatt länk ger 404 även när den gamla har använts förut', async () => {
      const plan = plans[3];
      const item = plan.items[0];
      await saveAnswer(db, links, plan.token, item.id, item.values[0]);
      const fresh = await regenerateToken(db, (await respondent(plan.token)).id);
      const e = await refusal(saveAnswer(db, links, plan.token, item.id, item.values[1]));
      assert.equal(e.code, 'not_found');
      assert.match(e.message, /Länken är ogiltig/);
      await saveAnswer(db, links, fresh, item.id, item.values[1]);
      assert.deepEqual([...(await stored(fresh))], [[item.id, item.values[1]]]);
      plans[3] = { ...plan, token: fresh };
    });

    it('byter mätomgången instrument tas svaret emot mot det nya instrumentet', async () => {
      const plan = plans[4];
      const item = plan.items.find((i) => ins.items.find((d) => d.id === i.id)!.type === 'scale')!;
      await saveAnswer(db, links, plan.token, item.id, item.values[0]); // the link is cached with the old version
      // A new version where the item has one option only: the old version's other options are refused.
      const itemDef = ins.items.find((i) => i.id === item.id)!;
      const only = String(item.values[0]);
      const next: Instrument = { ...ins, version: `${ins.version}-test`, items: ins.items.map((i) => (i.id === item.id ? { ...itemDef, scale: undefined, options: [{ code: only, label: only, value: 1 }] } : i)) };
      assert.equal(await insertVersion(db, next), true);
      await setRoundInstrument(db, roundId, next.id, next.version);
      try {
        const e = await refusal(saveAnswer(db, links, plan.token, item.id, item.values[1]));
        assert.equal(e.code, 'invalid');
        assert.deepEqual(await saveAnswer(db, links, plan.token, item.id, only), { itemId: item.id, value: only, saved: true });
      } finally {
        await setRoundInstrument(db, roundId, ins.id, ins.version);
      }
    });

    it('utkast och stängd: 409 med samma meddelanden som förut; öppnad igen tas svar emot', async () => {
      const plan = plans[5];
      const item = plan.items[0];
      await saveAnswer(db, links, plan.token, item.id, item.values[0]);
      await setRoundStatus(db, roundId, 'closed');
      const closed = await refusal(saveAnswer(db, links, plan.token, item.id, item.values[1]));
      assert.equal(closed.code, 'conflict');
      assert.equal(closed.message, 'Mätomgången är stängd');
      await setRoundStatus(db, roundId, 'draft');
      const draft = await refusal(saveAnswer(db, links, plan.token, item.id, item.values[1]));
      assert.equal(draft.message, 'Mätomgången har inte öppnats ännu');
      await setRoundStatus(db, roundId, 'open');
      assert.deepEqual([...(await stored(plan.token))], [[item.id, item.values[0]]]);
      await saveAnswer(db, links, plan.token, item.id, item.values[1]);
      assert.deepEqual([...(await stored(plan.token))], [[item.id, item.values[1]]]);
    });

    it('en stängning som pågår: svaret väntar, ser sedan mätomgången stängd och sparas inte', async () => {
      const plan = plans[6];
      const item = plan.items[0];
      await saveAnswer(db, links, plan.token, item.id, item.values[0]); // cached: the next save is one statement
      let commit!: () => void;
      const closing = db.transaction(async (tx) => {
        await lockRound(tx, roundId);
        await setRoundStatus(tx, roundId, 'closed');
        await new Promise<void>((r) => (commit = r));
      });
      await pause(100);
      const save = watch(saveAnswer(db, links, plan.token, item.id, item.values[1]));
      await pause(400);
      assert.equal(save.settled, false, 'svaret väntar på stängningen');
      commit();
      await closing;
      const e = await refusal(save.result);
      assert.equal(e.message, 'Mätomgången är stängd');
      assert.deepEqual([...(await stored(plan.token))], [[item.id, item.values[0]]]);
      await setRoundStatus(db, roundId, 'open');
    });

    it('ett svar som pågår: stängningen väntar tills svaret är lagrat', async () => {
      const plan = plans[7];
      const item = plan.items[0];
      let commit!: () => void;
      const saving = db.transaction(async (tx) => {
        const r = await lockForAnswer(tx, plan.token);
        await saveStored(tx, r.id, item.id, item.values[0]);
        await new Promise<void>((res) => (commit = res));
      });
      await pause(100);
      const close = watch(
        db.transaction(async (tx) => {
          await lockRound(tx, roundId);
          await setRoundStatus(tx, roundId, 'closed');
          return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM answers a JOIN respondents p ON p.id = a.respondent_id WHERE p.token = $1', [plan.token])).rows[0].n;
        }),
      );
      await pause(400);
      assert.equal(close.settled, false, 'stängningen väntar på svaret');
      commit();
      await saving;
      assert.equal(await close.result, 1, 'stängningen ser svaret');
      const e = await refusal(saveAnswer(db, links, plan.token, item.id, item.values[1]));
      assert.equal(e.message, 'Mätomgången är stängd');
      assert.deepEqual([...(await stored(plan.token))], [[item.id, item.values[0]]]);
      await setRoundStatus(db, roundId, 'open');
    });
  });
}
