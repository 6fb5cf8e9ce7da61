// Account lifecycle (issue 13): invitations instead of typed passwords, deactivation that ends sessions
// at once, role changes with the reason logged, own password and sessions under Mitt konto.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeAuditDetails, type AuditLookups } from '../src/domain/audit.ts';
import { deactivationRefusal, ownPasswordRefusal } from '../src/domain/identity/policy.ts';
import { backends } from './support/db.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';

const PASSWORD = 'ett-långt-lösenord-9';
const GONE = 'Inbjudan är ogiltig, redan använd eller har gått ut. Be förbundets administratör om en ny.';

describe('livscykelregler (rena)', () => {
  it('ingen avaktiverar sig själv eller den sista aktiva förbundsadmin', () => {
    const admin = { id: 5, role: 'forbundsadmin' as const, state: 'active' as const };
    assert.equal(deactivationRefusal(admin, 5, 3), 'Du kan inte avaktivera ditt eget konto');
    assert.equal(deactivationRefusal(admin, null, 0), 'Det sista aktiva förbundsadmin-kontot kan inte avaktiveras');
    assert.equal(deactivationRefusal(admin, 1, 1), undefined);
    // An invited admin is not one of the active ones: it may go even when it would be "the last".
    assert.equal(deactivationRefusal({ ...admin, state: 'invited' }, null, 0), undefined);
    assert.equal(deactivationRefusal({ ...admin, role: 'lasare', state: 'deactivated' }, 1, 1), 'Kontot är redan avaktiverat');
  });

  it('eget lösenord bara där domänen tillåter lösenord', () => {
    assert.equal(ownPasswordRefusal(undefined), undefined);
    assert.equal(ownPasswordRefusal({ domain: 'a.se', provisioning: 'refuse', municipalityCode: null, passwordSignIn: true }), undefined);
    assert.match(ownPasswordRefusal({ domain: 'a.se', provisioning: 'refuse', municipalityCode: null, passwordSignIn: false })!, /lösenord används inte/);
  });

  it('loggen visar före → efter och motiveringen', () => {
    const l: AuditLookups = { municipalities: { '1461': 'Mellerud', '1460': 'Bengtsfors' }, rounds: {}, respondents: {}, initiatives: {}, users: {}, instruments: {} };
    assert.equal(
      describeAuditDetails(
        'user.permissions_changed',
        { before: { role: 'lasare', municipalities: [] }, after: { role: 'kommunansvarig', municipalities: ['1460', '1461'] }, reason: 'Ny it-chef' },
        l,
      ),
      'Läsare → Kommunansvarig (Bengtsfors, Mellerud). Motivering: Ny it-chef',
    );
    assert.equal(describeAuditDetails('user.deactivated', { reason: 'Slutat' }, l), 'Motivering: Slutat');
    assert.equal(describeAuditDetails('user.reactivated', {}, l), '');
  });
});

for (const backend of backends) {
  describe(`kontots livscykel (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    before(async () => {
      t = await startApp(backend);
      admin = await loggedIn(t.app, DEMO.admin);
    });
    after(() => t.close());

    /** The token of the latest mail to `to` (the link in its body). */
    const tokenMailedTo = async (to: string) => {
      const row = (await t.db.query<{ body: string }>('SELECT body FROM outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1', [to])).rows[0];
      const m = /http:\/\/samverka\.test\/inbjudan\?token=([A-Za-z0-9_-]+)/.exec(row?.body ?? '');
      assert.ok(m, `länk i mejlet till ${to}: ${row?.body}`);
      return m[1];
    };
    const invite = async (email: string, extra: Record<string, unknown> = {}) => {
      const r = await admin.post('/api/admin/invitations', { email, name: 'Ny Person', role: 'lasare', ...extra });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return { user: r.body.user, token: await tokenMailedTo(email) };
    };
    const lastAudit = async (action: string) =>
      (await t.db.query<{ details: any; target: string }>('SELECT details, target FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1', [action])).rows[0];

    it('inbjudan → mejl med länk → välj lösenord → inloggad och aktivt; länken går inte att använda igen', async () => {
      const { user, token } = await invite('ny.person@vanersborg.example.se', { role: 'kommunansvarig', municipalities: ['1487'] });
      assert.equal(user.status, 'invited');
      assert.equal(user.hasPassword, false);
      const mail = (await t.db.query<{ subject: string; body: string }>('SELECT subject, body FROM outbox WHERE to_address = $1', [user.email])).rows[0];
      assert.equal(mail.subject, 'Du är inbjuden till samverka');
      assert.match(mail.body, /Hej Ny Person!/);
      assert.match(mail.body, /kan användas en gång/);
      // Not yet: an invited account cannot sign in (it has no password either).
      const anon = new Client(t.app);
      const info = await anon.get(`/api/auth/invitation?token=${token}`);
      assert.equal(info.status, 200);
      assert.deepEqual(info.body, { email: 'ny.person@vanersborg.example.se', name: 'Ny Person', passwordSignIn: true });
      const accepted = await anon.post('/api/auth/invitation/accept', { token, password: PASSWORD });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.user.status, 'active');
      assert.equal(accepted.body.user.hasPassword, true);
      anon.csrf = accepted.body.csrfToken;
      const me = await anon.get('/api/auth/me');
      assert.equal(me.body.user.email, user.email);
      const sessions = await anon.get('/api/account/sessions');
      assert.equal(sessions.body.sessions[0].method, 'invitation');
      assert.equal((await lastAudit('invitation.accepted')).target, user.email);
      // Reused link: refused on both routes.
      const again = await new Client(t.app).post('/api/auth/invitation/accept', { token, password: 'ett-annat-lösenord-9' });
      assert.deepEqual([again.status, again.body.error], [410, GONE]);
      assert.equal((await new Client(t.app).get(`/api/auth/invitation?token=${token}`)).status, 410);
      // The chosen password signs in; the other one does not.
      assert.equal((await new Client(t.app).login(user.email, PASSWORD)).status, 200);
      assert.equal((await new Client(t.app).login(user.email, 'ett-annat-lösenord-9')).status, 401);
    });

    it('utgången, återkallad och okänd länk nekas; fel indata ger 400 och dubbletter 409', async () => {
      const expired = await invite('utgangen@example.se');
      await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [expired.user.id]);
      const anon = new Client(t.app);
      assert.deepEqual([(await anon.get(`/api/auth/invitation?token=${expired.token}`)).status], [410]);
      const r = await anon.post('/api/auth/invitation/accept', { token: expired.token, password: PASSWORD });
      assert.deepEqual([r.status, r.body.error], [410, GONE]);
      assert.equal((await anon.get('/api/auth/me')).body.user, null);

      const unknown = await anon.post('/api/auth/invitation/accept', { token: 'x'.repeat(43), password: PASSWORD });
      assert.equal(unknown.status, 410);
      assert.equal((await anon.get('/api/auth/invitation')).status, 400);

      const revoked = await invite('aterkallad@example.se');
      const rv = await admin.post(`/api/admin/users/${revoked.user.id}/invitation/revoke`);
      assert.deepEqual(rv.body, { id: revoked.user.id, deleted: true });
      assert.equal((await anon.post('/api/auth/invitation/accept', { token: revoked.token, password: PASSWORD })).status, 410);
      assert.equal((await t.db.query('SELECT 1 FROM users WHERE id = $1', [revoked.user.id])).rows.length, 0, 'kontot borttaget');
      assert.equal((await lastAudit('invitation.revoked')).target, 'aterkallad@example.se');
      // The address can be invited again.
      await invite('aterkallad@example.se');

      const bad = await admin.post('/api/admin/invitations', { email: 'inte-en-adress', name: 'X', role: 'lasare' });
      assert.deepEqual([bad.status, bad.body.error], [400, 'E-postadress: ange en giltig e-postadress']);
      const dup = await admin.post('/api/admin/invitations', { email: 'ADMIN@demo.samverka.se', name: 'X', role: 'lasare' });
      assert.deepEqual([dup.status, dup.body.error], [409, 'Det finns redan ett konto med den e-postadressen']);
      const noMunicipality = await admin.post('/api/admin/invitations', { email: 'km@example.se', name: 'X', role: 'kommunansvarig' });
      assert.deepEqual([noMunicipality.status, noMunicipality.body.error], [400, 'En kommunansvarig måste kopplas till minst en kommun']);
      assert.equal((await t.db.query(`SELECT 1 FROM users WHERE email IN ('inte-en-adress', 'km@example.se')`)).rows.length, 0);
      // Only förbundsadmin invites.
      const reader = await loggedIn(t.app, DEMO.reader);
      assert.equal((await reader.post('/api/admin/invitations', { email: 'x@example.se', name: 'X', role: 'lasare' })).status, 403);
    });

    it('skicka igen: ny länk, den gamla slutar gälla; bara för inbjudna konton', async () => {
      const first = await invite('igen@example.se');
      const resent = await admin.post(`/api/admin/users/${first.user.id}/invitation/resend`);
      assert.equal(resent.status, 200, JSON.stringify(resent.body));
      const second = await tokenMailedTo('igen@example.se');
      assert.notEqual(second, first.token);
      const anon = new Client(t.app);
      assert.equal((await anon.get(`/api/auth/invitation?token=${first.token}`)).status, 410);
      assert.equal((await anon.get(`/api/auth/invitation?token=${second}`)).status, 200);
      assert.equal((await lastAudit('invitation.resent')).target, 'igen@example.se');
      const active = (await admin.get('/api/admin/users')).body.users.find((u: any) => u.email === DEMO.reader);
      const refused = await admin.post(`/api/admin/users/${active.id}/invitation/resend`);
      assert.deepEqual([refused.status, refused.body.error], [409, 'Kontot har redan tagit emot sin inbjudan']);
      assert.equal((await admin.post(`/api/admin/users/${active.id}/invitation/revoke`)).status, 409);
      const list = (await admin.get('/api/admin/users')).body;
      assert.ok(list.invitations.some((i: any) => i.userId === first.user.id && i.revokedAt === null && i.acceptedAt === null));
    });

    it('avaktivering avslutar sessioner direkt och stänger inloggningen; återaktivering öppnar den igen', async () => {
      const person = await loggedIn(t.app, DEMO.smlIt);
      assert.equal((await person.get('/api/auth/me')).body.user.email, DEMO.smlIt);
      const id = (await person.get('/api/auth/me')).body.user.id;
      const noReason = await admin.post(`/api/admin/users/${id}/deactivate`, {});
      assert.deepEqual([noReason.status, noReason.body.error], [400, 'Motivering: ange en motivering; den sparas i händelseloggen']);
      const d = await admin.post(`/api/admin/users/${id}/deactivate`, { reason: 'Har slutat' });
      assert.equal(d.status, 200, JSON.stringify(d.body));
      assert.equal(d.body.user.status, 'deactivated');
      // The existing session stops working on the next request.
      assert.equal((await person.get('/api/account/sessions')).status, 401);
      assert.equal((await person.get('/api/auth/me')).body.user, null);
      const login = await new Client(t.app).login(DEMO.smlIt);
      assert.deepEqual([login.status, login.body.error], [403, 'Kontot är avaktiverat. Kontakta förbundets administratör om du behöver tillgång igen.']);
      assert.deepEqual((await lastAudit('user.deactivated')).details, { reason: 'Har slutat', before: 'active' });
      assert.equal((await admin.post(`/api/admin/users/${id}/deactivate`, { reason: 'igen' })).status, 409);

      const r = await admin.post(`/api/admin/users/${id}/reactivate`, { reason: 'Tillbaka' });
      assert.equal(r.body.user.status, 'active');
      assert.equal((await new Client(t.app).login(DEMO.smlIt)).status, 200);
      assert.equal((await lastAudit('user.reactivated')).details.reason, 'Tillbaka');
      const log = (await admin.get('/api/admin/audit')).body.entries.find((e: any) => e.action === 'user.reactivated');
      assert.equal(log.detail, 'Motivering: Tillbaka');

      const adminId = (await admin.get('/api/auth/me')).body.user.id;
      const self = await admin.post(`/api/admin/users/${adminId}/deactivate`, { reason: 'Test' });
      assert.deepEqual([self.status, self.body.error], [409, 'Du kan inte avaktivera ditt eget konto']);
    });

    it('roll och kommuner ändras bara med motivering, som loggas', async () => {
      const { user } = await invite('rollbyte@example.se');
      const without = await admin.patch(`/api/admin/users/${user.id}`, { role: 'kommunansvarig', municipalities: ['1461'] });
      assert.deepEqual([without.status, without.body.error], [400, 'Motivering: ange en motivering; den sparas i händelseloggen']);
      const blank = await admin.patch(`/api/admin/users/${user.id}`, { role: 'kommunansvarig', municipalities: ['1461'], reason: '  ' });
      assert.equal(blank.status, 400);
      const ok = await admin.patch(`/api/admin/users/${user.id}`, { role: 'kommunansvarig', municipalities: ['1461'], reason: 'Ansvarar för Mellerud' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual([ok.body.user.role, ok.body.user.municipalities], ['kommunansvarig', ['1461']]);
      assert.deepEqual((await lastAudit('user.permissions_changed')).details, {
        before: { role: 'lasare', municipalities: [] },
        after: { role: 'kommunansvarig', municipalities: ['1461'] },
        reason: 'Ansvarar för Mellerud',
      });
      const entry = (await admin.get('/api/admin/audit')).body.entries.find((e: any) => e.action === 'user.permissions_changed');
      assert.equal(entry.detail, 'Läsare → Kommunansvarig (Mellerud). Motivering: Ansvarar för Mellerud');
    });

    it('eget lösenord: fel nuvarande nekas; andra sessioner avslutas, den egna behålls', async () => {
      const { token } = await invite('eget@example.se');
      const me = new Client(t.app);
      const a = await me.post('/api/auth/invitation/accept', { token, password: PASSWORD });
      me.csrf = a.body.csrfToken;
      const other = new Client(t.app);
      assert.equal((await other.login('eget@example.se', PASSWORD)).status, 200);

      const wrong = await me.post('/api/account/password', { currentPassword: 'fel-lösenord-123', newPassword: 'nytt-långt-lösenord-1' });
      assert.deepEqual([wrong.status, wrong.body.error], [400, 'Nuvarande lösenord: lösenordet stämmer inte']);
      const missing = await me.post('/api/account/password', { newPassword: 'nytt-långt-lösenord-1' });
      assert.equal(missing.status, 400);
      const short = await me.post('/api/account/password', { currentPassword: PASSWORD, newPassword: 'kort' });
      assert.deepEqual([short.status, short.body.error], [400, 'Nytt lösenord: lösenordet ska ha minst 12 tecken']);
      assert.equal((await other.get('/api/account/sessions')).status, 200, 'inget ändrat än');

      const ok = await me.post('/api/account/password', { currentPassword: PASSWORD, newPassword: 'nytt-långt-lösenord-1' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.endedSessions, 1);
      assert.equal((await other.get('/api/account/sessions')).status, 401);
      assert.equal((await me.get('/api/account/sessions')).body.sessions.length, 1);
      assert.equal((await new Client(t.app).login('eget@example.se', 'nytt-långt-lösenord-1')).status, 200);
      assert.equal((await new Client(t.app).login('eget@example.se', PASSWORD)).status, 401);
      assert.equal((await lastAudit('password.changed')).target, 'eget@example.se');
    });

    it('en domän som bara loggar in med SSO: inbjudan utan lösenordsval, inget eget lösenord', async () => {
      await t.db.query(`INSERT INTO sign_in_domains (domain, provisioning, password_sign_in) VALUES ('sso.example.se', 'refuse', false)`);
      const { user, token } = await invite('anna@it.sso.example.se');
      const mail = (await t.db.query<{ body: string }>('SELECT body FROM outbox WHERE to_address = $1', [user.email])).rows[0].body;
      assert.match(mail, /logga in med din organisations konto \(SSO\)/);
      const anon = new Client(t.app);
      assert.equal((await anon.get(`/api/auth/invitation?token=${token}`)).body.passwordSignIn, false);
      const r = await anon.post('/api/auth/invitation/accept', { token, password: PASSWORD });
      assert.equal(r.status, 403);
      assert.match(r.body.error, /Välj inloggning med organisationens konto/);
      // Nothing used up: the link still works for the SSO way.
      assert.equal((await anon.get(`/api/auth/invitation?token=${token}`)).status, 200);
    });

    it('sessioner: listan markerar den aktuella; bara egna kan avslutas', async () => {
      const a1 = await loggedIn(t.app, DEMO.mellerud);
      const a2 = await loggedIn(t.app, DEMO.mellerud);
      const a3 = await loggedIn(t.app, DEMO.mellerud);
      const list = (await a1.get('/api/account/sessions')).body.sessions;
      assert.ok(list.length >= 3);
      assert.equal(list.filter((s: any) => s.current).length, 1);
      const mine = list.find((s: any) => s.current);
      const a2id = (await a2.get('/api/account/sessions')).body.sessions.find((s: any) => s.current).id;
      // Another person's session is not found.
      const reader = await loggedIn(t.app, DEMO.reader);
      const foreign = await reader.post(`/api/account/sessions/${a2id}/end`);
      assert.equal(foreign.status, 404);
      assert.equal((await a2.get('/api/auth/me')).body.user.email, DEMO.mellerud);

      assert.equal((await a1.post(`/api/account/sessions/${a2id}/end`)).status, 200);
      assert.equal((await a2.get('/api/auth/me')).body.user, null);
      assert.equal((await a1.post(`/api/account/sessions/${a2id}/end`)).status, 404, 'redan avslutad');
      assert.equal((await lastAudit('session.ended')).details.sessionId, a2id);

      const others = await a1.post('/api/account/sessions/end-others');
      assert.ok(others.body.ended >= 1);
      assert.equal((await a3.get('/api/auth/me')).body.user, null);
      const left = (await a1.get('/api/account/sessions')).body.sessions;
      assert.deepEqual(left.map((s: any) => s.id), [mine.id]);
      // Ending the current session signs out.
      assert.equal((await a1.post(`/api/account/sessions/${mine.id}/end`)).status, 200);
      assert.equal((await a1.get('/api/auth/me')).body.user, null);
    });
  });
}
