// Rounds the strategist controls: which settings may change in which status, deleting a draft,
// the summaries confirmed before opening, closing and reopening, and the self-assessment state per
// municipality. Expected values are hand-counted from the steps of each test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  changeAllowed,
  checkRoundEdit,
  deleteRefusal,
  includedRespondentTypes,
  roundChanges,
  selfAssessmentState,
  type EditFacts,
  type RoundSettings,
} from '../src/domain/round-edit.ts';
import { EMPTY_ROUND_DETAILS } from '../src/domain/round-details.ts';
import { validateImport } from '../src/domain/import.ts';
import { loadBuiltInInstrumentsSync } from '../src/domain/instruments/catalog.ts';
import type { RoundStatus } from '../src/domain/rounds.ts';
import { backends } from './support/db.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';

const TYPES = [
  { id: 'it-nara', label: 'IT-nära' },
  { id: 'verksamhetsnara', label: 'Verksamhetsnära' },
];
const base: RoundSettings = {
  ...EMPTY_ROUND_DETAILS,
  instrument: 'statusenkat',
  instrumentVersion: '1',
  title: 'Status 2027',
  periodStart: '2027-01-10',
  periodEnd: '2027-02-28',
  municipalities: ['1460', '1461'],
};
const facts: EditFacts = { today: '2027-01-20', respondents: 0, answeredMunicipalities: [], answeredTypes: [], instrumentTypes: TYPES };
const round = (status: RoundStatus) => ({ ...base, status });

describe('mätomgångar: regler för ändring och borttagning', () => {
  it('ändringarna räknas fram fält för fält; oförändrade fält räknas inte', () => {
    assert.deepEqual(roundChanges(base, { ...base }), []);
    assert.deepEqual(roundChanges(base, { title: 'Ny', municipalities: ['1461', '1435'] }), ['title', 'addMunicipalities', 'removeMunicipalities']);
    assert.deepEqual(roundChanges(base, { respondentTypes: ['it-nara'], contactName: 'Anna' }), ['respondentTypes', 'contactName']);
    assert.deepEqual(roundChanges({ ...base, respondentTypes: ['it-nara', 'verksamhetsnara'] }, { respondentTypes: ['verksamhetsnara', 'it-nara'] }), []);
  });

  it('utkast: allt får ändras; öppen: rubrik, slutdatum, kontakt, text och nya kommuner; stängd: bara rubriken', () => {
    for (const c of ['instrument', 'periodStart', 'respondentTypes', 'removeMunicipalities', 'introduction'] as const) assert.equal(changeAllowed('draft', c), true);
    for (const c of ['title', 'periodEnd', 'addMunicipalities', 'introduction', 'contactName', 'contactEmail', 'estimatedMinutes'] as const)
      assert.equal(changeAllowed('open', c), true, c);
    for (const c of ['instrument', 'periodStart', 'respondentTypes', 'removeMunicipalities'] as const) assert.equal(changeAllowed('open', c), false, c);
    assert.equal(changeAllowed('closed', 'title'), true);
    for (const c of ['periodEnd', 'contactName', 'addMunicipalities'] as const) assert.equal(changeAllowed('closed', c), false, c);
  });

  it('en öppen mätomgång ger 409 med skälet för det som ändrar vad respondenterna besvarar', () => {
    const types = checkRoundEdit(round('open'), { ...base, respondentTypes: ['it-nara'] }, facts);
    assert.deepEqual(types.ok ? null : [types.code, /Respondenttyperna kan inte ändras/.test(types.message)], ['conflict', true]);
    const removed = checkRoundEdit(round('open'), { ...base, municipalities: ['1461'] }, facts);
    assert.deepEqual(removed.ok ? null : [removed.code, /Kommuner kan inte tas bort/.test(removed.message)], ['conflict', true]);
    const instrument = checkRoundEdit(round('open'), { ...base, instrumentVersion: '2' }, facts);
    assert.equal(instrument.ok ? 0 : instrument.code, 'conflict');
    const allowed = checkRoundEdit(round('open'), { ...base, title: 'Ny rubrik', periodEnd: '2027-03-31', municipalities: ['1460', '1461', '1435'] }, facts);
    assert.deepEqual(allowed, { ok: true, changes: ['title', 'periodEnd', 'addMunicipalities'] });
    const past = checkRoundEdit(round('open'), { ...base, periodEnd: '2027-01-19' }, facts);
    assert.deepEqual(past.ok ? null : past.code, 'invalid', 'slutdatum före i dag');
    const closed = checkRoundEdit(round('closed'), { ...base, contactName: 'Anna' }, facts);
    assert.ok(!closed.ok && closed.code === 'conflict' && /bara rubriken/.test(closed.message));
  });

  it('kommuner och respondenttyper med svar tas inte bort, inte heller i ett utkast; okända typer avvisas', () => {
    const withAnswers = { ...facts, respondents: 3, answeredMunicipalities: ['1460'], answeredTypes: ['verksamhetsnara'], municipalityName: () => 'Bengtsfors' };
    const m = checkRoundEdit(round('draft'), { ...base, municipalities: ['1461'] }, withAnswers);
    assert.ok(!m.ok && m.code === 'conflict' && /^Bengtsfors kan inte tas bort/.test(m.message), JSON.stringify(m));
    assert.equal(checkRoundEdit(round('draft'), { ...base, municipalities: ['1460'] }, withAnswers).ok, true, '1461 har inga svar');
    const ty = checkRoundEdit(round('draft'), { ...base, respondentTypes: ['it-nara'] }, withAnswers);
    assert.ok(!ty.ok && ty.code === 'conflict' && /Verksamhetsnära kan inte tas bort/.test(ty.message), JSON.stringify(ty));
    const unknown = checkRoundEdit(round('draft'), { ...base, respondentTypes: ['okand'] }, facts);
    assert.ok(!unknown.ok && unknown.code === 'invalid' && /okand/.test(unknown.message));
    const ins = checkRoundEdit(round('draft'), { ...base, instrument: 'annat' }, withAnswers);
    assert.ok(!ins.ok && ins.code === 'conflict' && /urvalet har respondenter \(3\)/.test(ins.message));
    const order = checkRoundEdit(round('draft'), { ...base, periodStart: '2027-03-01' }, facts);
    assert.ok(!order.ok && order.code === 'invalid');
  });

  it('bara ett utkast utan svar kan tas bort', () => {
    assert.equal(deleteRefusal('draft', 0), null);
    assert.match(deleteRefusal('draft', 1)!, /1 respondent har svarat/);
    assert.match(deleteRefusal('open', 4)!, /4 respondenter har svarat.*Stäng mätomgången i stället/);
    assert.match(deleteRefusal('open', 0)!, /Bara ett utkast/);
    assert.match(deleteRefusal('closed', 0)!, /Bara ett utkast/);
  });

  it('import av svar: en respondenttyp som mätomgången inte omfattar ger fel på raden och kolumnen', () => {
    const status = loadBuiltInInstrumentsSync().find((i) => i.id === 'statusenkat')!;
    const table = {
      header: ['kommun', 'respondenttyp', 'samverkan-erfarenhet'],
      rows: [
        { row: 2, cells: ['1461', 'IT-nära', 'Stämmer helt'] },
        { row: 3, cells: ['1461', 'verksamhetsnara', 'Stämmer helt'] },
      ],
    };
    const v = validateImport(table, status, { municipalities: ['1461'], areas: [], respondentTypes: ['verksamhetsnara'] });
    assert.deepEqual(v.errors.map((e) => [e.row, e.column, e.message]), [[2, 'respondenttyp', 'Respondenttypen IT-nära ingår inte i mätomgången']]);
    assert.deepEqual(v.accepted.map((a) => a.row), [3]);
    assert.equal(validateImport(table, status, { municipalities: ['1461'], areas: [] }).accepted.length, 2, 'utan urval: alla typer');
  });

  it('respondenttyper som ingår och självskattningens läge', () => {
    assert.deepEqual(includedRespondentTypes(TYPES, null), TYPES);
    assert.deepEqual(includedRespondentTypes(TYPES, ['verksamhetsnara']), [TYPES[1]]);
    assert.equal(selfAssessmentState(undefined).state, 'not-started');
    assert.equal(selfAssessmentState({ startedAt: null, completedAt: null, answerCount: 0 }).state, 'not-started');
    assert.equal(selfAssessmentState({ startedAt: '2027-01-02', completedAt: null, answerCount: 2 }).state, 'in-progress');
    assert.equal(selfAssessmentState({ startedAt: '2027-01-02', completedAt: '2027-01-03', answerCount: 9 }).state, 'submitted');
  });
});

const tokenOf = (link: string) => /\/svar\/([A-Za-z0-9_-]{43})$/.exec(link)![1];

for (const backend of backends) {
  describe(`ändra, ta bort och bekräfta mätomgångar över HTTP (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let mellerud: Client;
    let anon: Client;
    let roundId: number;
    const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;
    const future = `${new Date().getFullYear() + 1}-12-31`;

    before(async () => {
      t = await startApp(backend);
      admin = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      anon = new Client(t.app);
    });
    after(() => t.close());

    it('ett utkast ändras helt: rubrik, period, kommuner in och ut, respondenttyper, introduktion, kontakt, tid', async () => {
      const created = await admin.post('/api/rounds', {
        instrument: 'statusenkat',
        title: 'Utkast att ändra',
        periodStart: '2026-09-01',
        periodEnd: future,
        municipalities: ['1461', '1460', '1439'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      roundId = created.body.round.id;
      // An unanswered respondent in Färgelanda goes with the municipality.
      assert.equal((await admin.post(`/api/rounds/${roundId}/municipalities/1439/respondents`, { respondentType: 'it-nara' })).status, 201);
      assert.equal((await mellerud.patch(`/api/rounds/${roundId}`, { title: 'Inte din' })).status, 403);
      const bad = await admin.patch(`/api/rounds/${roundId}`, { respondentTypes: ['verksamhetsnara', 'okand-typ'] });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /okand-typ/);

      const r = await admin.patch(`/api/rounds/${roundId}`, {
        title: 'Statusenkät 2027',
        periodStart: '2026-10-01',
        periodEnd: future,
        municipalities: ['1461', '1460', '1435'],
        respondentTypes: ['verksamhetsnara'],
        introduction: 'Vi vill veta hur ni arbetar med digitalisering.',
        contactName: 'Anna Strateg',
        contactEmail: 'anna@fyrbodal.example',
        estimatedMinutes: 12,
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body.changes, ['title', 'periodStart', 'addMunicipalities', 'removeMunicipalities', 'respondentTypes', 'introduction', 'contactName', 'contactEmail', 'estimatedMinutes']);
      assert.equal(r.body.removedRespondents, 1);
      const got = (await admin.get(`/api/rounds/${roundId}`)).body.round;
      assert.deepEqual(
        [got.title, got.periodStart, got.respondentTypes, got.contactName, got.contactEmail, got.estimatedMinutes, got.municipalities.map((m: any) => m.name)],
        ['Statusenkät 2027', '2026-10-01', ['verksamhetsnara'], 'Anna Strateg', 'anna@fyrbodal.example', 12, ['Tanum', 'Bengtsfors', 'Mellerud']], // by SCB code
      );
      assert.equal(got.instrumentRespondentTypes.length, 2);
      assert.equal(got.answeredRespondents, 0);
      assert.equal(await count('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1', [roundId]), 0);
      assert.equal(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'round.updated' AND target = $1`, [`round:${roundId}`]), 1);

      // Excluded respondent types are not offered and are refused.
      const list = await mellerud.get(`/api/rounds/${roundId}/municipalities/1461/respondents`);
      assert.deepEqual(list.body.round.respondentTypes.map((x: any) => x.id), ['verksamhetsnara']);
      const it = await mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents`, { respondentType: 'it-nara' });
      assert.equal(it.status, 400);
      assert.match(it.body.error, /Respondenttypen IT-nära ingår inte i mätomgången/);
      assert.equal(await count('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1', [roundId]), 0);
    });

    it('bekräftelsen före öppning visar kommuner, urval, inbjudna och slutdatum', async () => {
      const add = (body: object) => mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents`, body);
      assert.equal((await add({ respondentType: 'verksamhetsnara', name: 'Rektor', email: 'rektor@mellerud.example' })).status, 201);
      assert.equal((await add({ respondentType: 'verksamhetsnara' })).status, 201);
      assert.equal((await mellerud.get(`/api/rounds/${roundId}/preview/open`)).status, 403);
      const p = await admin.get(`/api/rounds/${roundId}/preview/open`);
      assert.equal(p.status, 200, JSON.stringify(p.body));
      // 3 municipalities; 2 respondents, none invited, 1 of them with e-mail; both links open.
      assert.deepEqual(p.body.preview, {
        action: 'open',
        to: 'open',
        mode: 'survey',
        periodEnd: future,
        periodEnded: false,
        mailsSent: 0,
        municipalities: 3,
        respondents: 2,
        invited: 0,
        notInvitedWithEmail: 1,
        started: 0,
        completed: 0,
        openLinks: 2,
      });
      const close = await admin.get(`/api/rounds/${roundId}/preview/close`);
      assert.equal(close.status, 409);
      assert.match(close.body.error, /har inte öppnats/);
      assert.equal((await admin.get(`/api/rounds/${roundId}/preview/radera`)).status, 400);
      assert.equal((await admin.post(`/api/rounds/${roundId}/open`)).status, 200);
    });

    it('en öppen mätomgång: 409 med skälet för typer, borttagna kommuner och startdatum; rubrik, slutdatum och kontakt går att ändra', async () => {
      const types = await admin.patch(`/api/rounds/${roundId}`, { respondentTypes: null });
      assert.equal(types.status, 409);
      assert.match(types.body.error, /Respondenttyperna kan inte ändras när mätomgången är öppen/);
      const removed = await admin.patch(`/api/rounds/${roundId}`, { municipalities: ['1461', '1460'] });
      assert.equal(removed.status, 409);
      assert.match(removed.body.error, /Kommuner kan inte tas bort när mätomgången är öppen/);
      const start = await admin.patch(`/api/rounds/${roundId}`, { periodStart: '2026-10-02' });
      assert.equal(start.status, 409);
      assert.match(start.body.error, /Startdatumet kan inte ändras/);
      const past = await admin.patch(`/api/rounds/${roundId}`, { periodEnd: '2026-10-02' });
      assert.equal(past.status, 400);
      assert.match(past.body.error, /före dagens datum/);
      const current = (await admin.get(`/api/rounds/${roundId}`)).body.round;
      // The whole form sent back with a new title, contact and an added municipality: only those count.
      const ok = await admin.patch(`/api/rounds/${roundId}`, {
        title: 'Statusenkät 2027 (öppen)',
        periodStart: current.periodStart,
        periodEnd: future,
        respondentTypes: ['verksamhetsnara'],
        municipalities: ['1461', '1460', '1435', '1430'],
        contactName: 'Bo Strateg',
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.changes, ['title', 'addMunicipalities', 'contactName']);
      const del = await admin.request('DELETE', `/api/rounds/${roundId}`);
      assert.equal(del.status, 409);
      assert.match(del.body.error, /Bara ett utkast kan tas bort/);
    });

    it('bekräftelsen före stängning och återöppning räknar svar och öppna länkar; en mätomgång med svar tas inte bort', async () => {
      const resp = (await mellerud.get(`/api/rounds/${roundId}/municipalities/1461/respondents`)).body.respondents as Array<{ id: number; email: string | null }>;
      const links = (await mellerud.get(`/api/rounds/${roundId}/municipalities/1461/links`)).body.links as Array<{ id: number; link: string }>;
      const tokenFor = (id: number) => tokenOf(links.find((l) => l.id === id)!.link);
      const withMail = resp.find((r) => r.email)!;
      const without = resp.find((r) => !r.email)!;
      assert.deepEqual((await mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents/invite`)).body.sent, [withMail.id]);
      const put = (token: string) => anon.request('PUT', `/api/r/${token}/answers/samverkan-erfarenhet`, { value: 'stammer-ganska-bra' });
      assert.equal((await put(tokenFor(withMail.id))).status, 200);
      assert.equal((await anon.post(`/api/r/${tokenFor(withMail.id)}/submit`)).status, 200);
      assert.equal((await put(tokenFor(without.id))).status, 200);

      const p = (await admin.get(`/api/rounds/${roundId}/preview/close`)).body.preview;
      // 4 municipalities; 2 respondents: 1 invited and submitted, 1 started; the started one's link is still open.
      assert.deepEqual(
        [p.to, p.municipalities, p.respondents, p.invited, p.completed, p.started, p.openLinks],
        ['closed', 4, 2, 1, 1, 1, 1],
      );
      const del = await admin.request('DELETE', `/api/rounds/${roundId}`);
      assert.equal(del.status, 409);
      assert.match(del.body.error, /2 respondenter har svarat.*Stäng mätomgången i stället/);
      assert.equal((await admin.get(`/api/rounds/${roundId}`)).body.round.answeredRespondents, 2);

      assert.equal((await admin.post(`/api/rounds/${roundId}/close`)).status, 200);
      const re = (await admin.get(`/api/rounds/${roundId}/preview/reopen`)).body.preview;
      assert.deepEqual([re.to, re.completed, re.openLinks, re.periodEnd, re.periodEnded], ['open', 1, 1, future, false]);
      const contact = await admin.patch(`/api/rounds/${roundId}`, { contactName: 'Cecilia' });
      assert.equal(contact.status, 409);
      assert.match(contact.body.error, /stängd: bara rubriken kan ändras/);
      assert.equal((await admin.patch(`/api/rounds/${roundId}`, { title: 'Statusenkät 2027 (stängd)' })).status, 200);
    });

    it('ett utkast utan svar tas bort med sina respondenter; ett utkast med importerade svar inte', async () => {
      const make = async (title: string) =>
        (await admin.post('/api/rounds', { instrument: 'statusenkat', title, periodStart: '2026-09-01', periodEnd: future, municipalities: ['1461', '1460'] })).body
          .round.id as number;
      const clean = await make('Tas bort');
      assert.equal((await mellerud.post(`/api/rounds/${clean}/municipalities/1461/respondents`, { respondentType: 'it-nara' })).status, 201);
      assert.equal((await mellerud.request('DELETE', `/api/rounds/${clean}`)).status, 403);
      const ok = await admin.request('DELETE', `/api/rounds/${clean}`);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(await count('SELECT count(*)::int AS n FROM rounds WHERE id = $1', [clean]), 0);
      assert.equal(await count('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1', [clean]), 0);
      assert.equal(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'round.deleted' AND target = $1`, [`round:${clean}`]), 1);
      assert.equal((await admin.get(`/api/rounds/${clean}`)).status, 404);
      assert.equal((await admin.request('DELETE', `/api/rounds/${clean}`)).status, 404);

      // A draft with an imported response in Bengtsfors (as the import writes it).
      const kept = await make('Har svar');
      const { rows } = await t.db.query<{ id: number }>(
        `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, import_ref, started_at, completed_at)
         VALUES ($1, '1460', 'import', 'verksamhetsnara', 'rad-2', now(), now()) RETURNING id`,
        [kept],
      );
      await t.db.query(`INSERT INTO answers (respondent_id, item_id, value) VALUES ($1, 'samverkan-erfarenhet', '"stammer-helt"')`, [rows[0].id]);
      const del = await admin.request('DELETE', `/api/rounds/${kept}`);
      assert.equal(del.status, 409);
      assert.match(del.body.error, /1 respondent har svarat/);
      const muni = await admin.patch(`/api/rounds/${kept}`, { municipalities: ['1461'] });
      assert.equal(muni.status, 409);
      assert.match(muni.body.error, /^Bengtsfors kan inte tas bort ur mätomgången: respondenter där har redan svarat/);
      const type = await admin.patch(`/api/rounds/${kept}`, { respondentTypes: ['it-nara'] });
      assert.equal(type.status, 409);
      assert.match(type.body.error, /Respondenttypen Verksamhetsnära kan inte tas bort/);
      assert.equal(await count('SELECT count(*)::int AS n FROM round_municipalities WHERE round_id = $1', [kept]), 2);
    });

    it('självskattning: läget per kommun (ej påbörjad, pågår, inskickad med datum) i stället för respondenttabeller', async () => {
      const created = await admin.post('/api/rounds', {
        instrument: 'informationssakerhet',
        title: 'Informationssäkerhet läge',
        periodStart: '2026-09-01',
        periodEnd: future,
        municipalities: ['1461', '1460', '1435'],
      });
      const id = created.body.round.id as number;
      assert.equal((await admin.post(`/api/rounds/${id}/open`)).status, 200);
      const self = async (c: Client, code: string) => (await c.post(`/api/rounds/${id}/municipalities/${code}/self-assessment`)).body.token as string;
      const mToken = await self(mellerud, '1461');
      assert.equal((await anon.request('PUT', `/api/r/${mToken}/answers/ciso-timmar`, { value: 10 })).status, 200);
      const bToken = await self(admin, '1460');
      assert.equal((await anon.request('PUT', `/api/r/${bToken}/answers/ciso-timmar`, { value: 20 })).status, 200);
      assert.equal((await anon.request('PUT', `/api/r/${bToken}/answers/ciso`, { value: { answer: 'ja' } })).status, 200);
      assert.equal((await anon.post(`/api/r/${bToken}/submit`)).status, 200);

      const r = (await admin.get(`/api/rounds/${id}`)).body.round;
      const state = Object.fromEntries(r.progress.map((p: any) => [p.name, [p.selfAssessment.state, p.selfAssessment.answerCount, !!p.selfAssessment.completedAt]]));
      assert.deepEqual(state, { Bengtsfors: ['submitted', 2, true], Mellerud: ['in-progress', 1, false], Tanum: ['not-started', 0, false] });
      assert.equal(r.answeredRespondents, 2);
      const mine = (await mellerud.get(`/api/rounds/${id}`)).body.round;
      assert.deepEqual(mine.progress.map((p: any) => p.name), ['Mellerud']);
    });
  });
}
