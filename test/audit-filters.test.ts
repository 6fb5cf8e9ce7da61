// The event log for people and IT auditors (issue 13): filters by person, event, municipality and period
// (Swedish days), paging with a total, CSV/XLSX export (itself logged), retention, the security settings,
// and the exports of personal data and report files that must be logged.
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import ExcelJS from 'exceljs';
import { AUDIT_ACTION_LABELS, AUDIT_CATEGORIES, auditCategoryOf, describeAuditDetails, type AuditLookups } from '../src/domain/audit.ts';
import { auditPeriod, auditRetentionCutoff, stockholmDayStart } from '../src/domain/audit-period.ts';
import { pruneAuditLog } from '../src/store/audit.ts';
import { saveSecuritySettings } from '../src/store/identity.ts';
import { en } from '../src/web/i18n-en.ts';
import { backends } from './support/db.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';

const NO_LOOKUPS: AuditLookups = { municipalities: {}, rounds: {}, respondents: {}, initiatives: {}, users: {}, instruments: {} };

test('varje händelse hör till en händelsetyp, och typerna har engelska namn', () => {
  const without = Object.keys(AUDIT_ACTION_LABELS).filter((a) => !auditCategoryOf(a));
  assert.deepEqual(without, []);
  assert.equal(auditCategoryOf('login.failed'), 'inloggning');
  assert.equal(auditCategoryOf('audit.exported'), 'export');
  assert.equal(auditCategoryOf('audit.pruned'), 'sakerhet');
  assert.equal(auditCategoryOf('respondents.added'), 'matomgangar');
  for (const l of Object.values(AUDIT_CATEGORIES)) assert.ok(l in en, `engelska saknas för "${l}"`);
});

test('inloggningens sätt på svenska', () => {
  const d = (action: string, details: unknown) => describeAuditDetails(action, details, NO_LOOKUPS);
  assert.equal(d('login', { method: 'password' }), 'Lösenord');
  assert.equal(d('login', { method: 'password', secondFactor: 'totp' }), 'Lösenord + kod från autentiseringsapp');
  assert.equal(d('login', { method: 'password', secondFactor: 'recovery_code' }), 'Lösenord + reservkod');
  assert.equal(d('login', { method: 'oidc', provider: 'microsoft' }), 'Inloggning med organisationens konto (SSO) via microsoft');
  assert.equal(d('login', { method: 'invitation' }), 'Inbjudningslänk');
  assert.equal(d('login.refused', { method: 'password', reason: 'deactivated' }), 'Lösenord: Kontot är avaktiverat');
  assert.equal(d('login.failed', { reason: 'invalid' }), 'Fel e-postadress eller lösenord');
  assert.equal(d('login.failed', { method: 'password', reason: 'throttled', waitSeconds: 30 }), 'Lösenord: För många försök, fick vänta 30 s');
  assert.equal(d('security.settings_changed', { before: { requireTotpForAdmins: false, auditRetentionDays: 730 }, after: { requireTotpForAdmins: true, auditRetentionDays: 730 } }), 'Tvåstegsverifiering för förbundsadmin: av → på');
});

test('perioden är hela svenska dagar, sommartid inräknad', () => {
  assert.equal(stockholmDayStart('2025-01-15').toISOString(), '2025-01-14T23:00:00.000Z');
  assert.equal(stockholmDayStart('2025-07-01').toISOString(), '2025-06-30T22:00:00.000Z');
  // 30 March 2025 is the day summer time starts: 23 hours long.
  const p = auditPeriod('2025-03-30', '2025-03-30');
  assert.equal(p.since!.toISOString(), '2025-03-29T23:00:00.000Z');
  assert.equal(p.until!.toISOString(), '2025-03-30T22:00:00.000Z');
  assert.equal(auditRetentionCutoff(new Date('2025-06-01T12:00:00Z'), 730).toISOString(), '2023-06-02T12:00:00.000Z');
});

/** CSV text → rows of cells (no quoted separators in these rows). */
const csvRows = (text: string) => text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(';'));

for (const backend of backends) {
  describe(`händelseloggens filter, export och gallring (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    const id: Record<string, number> = {};
    const users: Record<string, number> = {};

    before(async () => {
      t = await startApp(backend);
      admin = await loggedIn(t.app, DEMO.admin);
      for (const [k, email] of Object.entries(DEMO))
        users[k] = (await t.db.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [email])).rows[0].id;
      const round = (await t.db.query<{ id: number }>(`SELECT id FROM rounds WHERE title = 'Digitaliseringsenkät 2024 – syntetiserade svar (exempel)'`)).rows[0].id;
      const respondent1460 = (await t.db.query<{ id: number }>(`SELECT id FROM respondents WHERE municipality_code = '1460' ORDER BY id LIMIT 1`)).rows[0].id;
      await t.db.query('DELETE FROM audit_log');
      const put = async (key: string, at: string, actor: number | null, action: string, target: string | null, details: object = {}) => {
        id[key] = Number(
          (
            // Each entry belongs to its actor's association, as audit() files it (migration 020).
            await t.db.query<{ id: string }>(
              `INSERT INTO audit_log (at, actor_user_id, action, target, details, association_id)
               VALUES ($1, $2::int, $3, $4, $5, (SELECT association_id FROM users WHERE id = $2::int)) RETURNING id`,
              [
              at,
              actor,
              action,
              target,
              JSON.stringify(details),
            ])
          ).rows[0].id,
        );
      };
      // Times in UTC; the Swedish day is in the comment.
      await put('e1', '2025-03-01T10:00:00Z', users.mellerud, 'login', DEMO.mellerud, { method: 'password' }); // 1 mars; Mellerud's own
      await put('e2', '2025-03-15T12:00:00Z', users.admin, 'round.open', `round:${round}`, { from: 'draft', to: 'open' }); // 15 mars
      await put('e3', '2025-03-31T21:30:00Z', users.admin, 'respondents.added', `round:${round}/1461`, { added: 2 }); // 31 mars 23.30
      await put('e4', '2025-03-31T22:30:00Z', users.admin, 'initiative.participation_set', '3', { municipality: '1460', kind: 'deltar' }); // 1 april 00.30
      await put('e5', '2025-02-28T23:30:00Z', users.admin, 'user.permissions_changed', DEMO.reader, {
        before: { role: 'kommunansvarig', municipalities: ['1461'] },
        after: { role: 'lasare', municipalities: [] },
      }); // 1 mars 00.30
      await put('e6', '2025-01-10T09:00:00Z', users.admin, 'respondent.updated', `respondent:${respondent1460}`); // 10 januari
      await put('e7', '2024-12-31T23:30:00Z', users.admin, 'economics.saved', 'Mellerud 2024', { municipalityCode: '1461', year: 2024 }); // 1 januari 00.30
      // A failed sign-in with an unknown address belongs to no association: no förbundsadmin's log shows it.
      await put('e8', '2025-03-20T08:00:00Z', null, 'login.failed', 'okand@example.se', { reason: 'invalid' }); // 20 mars
    });
    after(async () => t?.close());

    const ids = async (query: string) => {
      const r = await admin.get(`/api/admin/audit?${query}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const byId = new Map(Object.entries(id).map(([k, v]) => [v, k]));
      return (r.body.entries as Array<{ id: number }>).map((e) => byId.get(e.id) ?? `#${e.id}`);
    };

    it('filtrerar på person, händelse, kommun och period', async () => {
      assert.deepEqual(await ids(''), ['e4', 'e3', 'e2', 'e1', 'e5', 'e6', 'e7']);
      assert.deepEqual(await ids(`person=${users.mellerud}`), ['e1']);
      assert.deepEqual(await ids(`person=${users.admin}`), ['e4', 'e3', 'e2', 'e5', 'e6', 'e7']);
      assert.deepEqual(await ids('action=login.failed'), []);
      assert.deepEqual(await ids('category=inloggning'), ['e1']);
      assert.deepEqual(await ids('category=konton'), ['e5']);
      // Mellerud: its round part, its own person signing in, an account that lost Mellerud, its economics.
      assert.deepEqual(await ids('municipality=1461'), ['e3', 'e1', 'e5', 'e7']);
      // Bengtsfors: named in the details, and a respondent of Bengtsfors.
      assert.deepEqual(await ids('municipality=1460'), ['e4', 'e6']);
      assert.deepEqual(await ids('from=2025-03-01&to=2025-03-31'), ['e3', 'e2', 'e1', 'e5']);
      assert.deepEqual(await ids('from=2025-04-01'), ['e4']);
      assert.deepEqual(await ids('from=2025-01-01&to=2025-01-01'), ['e7']);
      assert.deepEqual(await ids('to=2024-12-31'), []);
      assert.deepEqual(await ids('municipality=1461&category=matomgangar&from=2025-03-01&to=2025-03-31'), ['e3']);
    });

    it('bläddrar med limit och offset och anger totalen', async () => {
      const first = await admin.get('/api/admin/audit?limit=3');
      assert.equal(first.body.total, 7, 'e8 hör inte till något förbund');
      assert.equal(first.body.retentionDays, 730);
      assert.deepEqual(await ids('limit=3'), ['e4', 'e3', 'e2']);
      assert.deepEqual(await ids('limit=3&offset=5'), ['e6', 'e7']);
      const filtered = await admin.get('/api/admin/audit?municipality=1461&limit=1&offset=1');
      assert.equal(filtered.body.total, 4);
      assert.equal(filtered.body.entries[0].id, id.e1);
    });

    it('felaktiga filter ger 400 på svenska', async () => {
      const bad = await admin.get('/api/admin/audit?from=2025-13-01');
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /ÅÅÅÅ-MM-DD/);
      const reversed = await admin.get('/api/admin/audit?from=2025-04-01&to=2025-03-01');
      assert.equal(reversed.status, 400);
      assert.match(reversed.body.error, /från-datumet ligger efter till-datumet/i);
      assert.equal((await admin.get('/api/admin/audit?category=okand')).status, 400);
      assert.equal((await admin.get('/api/admin/audit?municipality=14')).status, 400);
    });

    it('exporterar som CSV och Excel med samma rader, och exporten loggas', async () => {
      const csv = await admin.get('/api/admin/audit/export?format=csv&municipality=1461');
      assert.equal(csv.status, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /handelselogg-\d{4}-\d{2}-\d{2}\.csv/);
      assert.ok((csv.body as string).startsWith('\uFEFFTid;Händelse;Händelsekod;Vem;E-post;Gäller;Uppgifter;IP-adress\r\n'));
      const rows = csvRows(csv.body);
      assert.equal(rows.length, 5);
      assert.deepEqual(rows[1].slice(0, 5), ['2025-03-31 23:30:00', 'Respondenter tillagda', 'respondents.added', 'Demo Förbundsadmin', DEMO.admin]);
      assert.equal(rows[1][5], 'Mätomgången ”Digitaliseringsenkät 2024 – syntetiserade svar (exempel)”, Mellerud');
      assert.deepEqual(rows[2].slice(0, 4), ['2025-03-01 11:00:00', 'Inloggning', 'login', 'Demo Kommunansvarig Mellerud']);
      assert.equal(rows[2][6], 'Lösenord');

      const xlsx = await t.app.inject({ method: 'GET', url: '/api/admin/audit/export?format=xlsx&municipality=1461', headers: { cookie: admin.cookie! } });
      assert.equal(xlsx.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      assert.equal(ws.name, 'Händelselogg');
      const sheet: string[][] = [];
      ws.eachRow((row) => sheet.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      assert.deepEqual(sheet, rows.map((r) => r.map((c) => c)));

      const logged = await admin.get('/api/admin/audit?action=audit.exported');
      assert.equal(logged.body.total, 2);
      const [x, c] = logged.body.entries;
      assert.equal(c.actorEmail, DEMO.admin);
      const details = (await t.db.query<{ details: Record<string, unknown> }>('SELECT details FROM audit_log WHERE id = $1', [c.id])).rows[0].details;
      assert.deepEqual(details, { filter: { municipality: '1461' }, rows: 4, format: 'csv' });
      assert.equal(x.detail, 'Händelseloggen, 4 rader, XLSX');
      assert.equal(x.actionLabel, 'Händelseloggen exporterad');
    });

    it('säkerhetsinställningarna: validering, varningar och logg med före och efter', async () => {
      const put = (body: unknown) => admin.request('PUT', '/api/admin/security', body);
      const short = await put({ requireTotpForAdmins: false, auditRetentionDays: 29 });
      assert.equal(short.status, 400);
      assert.match(short.body.error, /minst 30 dagar/);
      assert.deepEqual((await admin.get('/api/admin/security')).body.settings, { requireTotpForAdmins: false, auditRetentionDays: 730 });
      const ok = await put({ requireTotpForAdmins: true, auditRetentionDays: 365 });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.settings, { requireTotpForAdmins: true, auditRetentionDays: 365 });
      // The demo admin has no TOTP, and the log is now kept for a shorter time.
      assert.equal(ok.body.warnings.length, 2);
      assert.match(ok.body.warnings[0], /Du har själv inte tvåstegsverifiering/);
      assert.match(ok.body.warnings[1], /äldre än 365 dagar raderas/);
      assert.deepEqual((await admin.get('/api/admin/security')).body.settings, { requireTotpForAdmins: true, auditRetentionDays: 365 });
      const logged = (
        await t.db.query<{ actor_user_id: number; details: unknown }>(`SELECT actor_user_id, details FROM audit_log WHERE action = 'security.settings_changed'`)
      ).rows;
      assert.equal(logged.length, 1);
      assert.equal(logged[0].actor_user_id, users.admin);
      assert.deepEqual(logged[0].details, {
        before: { requireTotpForAdmins: false, auditRetentionDays: 730 },
        after: { requireTotpForAdmins: true, auditRetentionDays: 365 },
      });
      const reader = await loggedIn(t.app, DEMO.reader);
      assert.equal((await reader.request('PUT', '/api/admin/security', { requireTotpForAdmins: false, auditRetentionDays: 365 })).status, 403);
    });

    it('gallrar exakt de händelser som är äldre än sparandetiden och loggar hur många', async () => {
      await saveSecuritySettings(t.db, { requireTotpForAdmins: false, auditRetentionDays: 100 });
      const now = new Date('2025-06-01T12:00:00Z');
      // Cut-off 100 days before: 2025-02-21T12:00Z. e6 (10 Jan) and e7 (31 Dec) are older.
      const before = Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0].n);
      await t.db.query(`INSERT INTO audit_log (at, action) VALUES ('2025-02-21T11:59:59Z', 'logout'), ('2025-02-21T12:00:01Z', 'logout')`);
      const r = await pruneAuditLog(t.db, now);
      assert.equal(r.deleted, 3);
      assert.equal(r.before.toISOString(), '2025-02-21T12:00:00.000Z');
      const left = (await t.db.query<{ id: string; at: Date }>('SELECT id, at FROM audit_log WHERE at < $1', ['2025-02-22T00:00:00Z'])).rows;
      assert.deepEqual(left.map((x) => new Date(x.at).toISOString()), ['2025-02-21T12:00:01.000Z']);
      for (const k of ['e6', 'e7']) assert.equal((await t.db.query('SELECT 1 FROM audit_log WHERE id = $1', [id[k]])).rows.length, 0, k);
      const pruned = (await t.db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE action = 'audit.pruned'`)).rows;
      assert.deepEqual(pruned.map((p) => p.details), [{ count: 3, retentionDays: 100, before: '2025-02-21T12:00:00.000Z' }]);
      assert.equal(Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0].n), before + 2 - 3 + 1);
      // Nothing older left: nothing deleted, nothing logged.
      assert.equal((await pruneAuditLog(t.db, now)).deleted, 0);
      assert.equal((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'audit.pruned'`)).rows.length, 1);
    });

    it('export av personuppgifter och rapportfiler loggas', async () => {
      const round = (await t.db.query<{ id: number }>(`SELECT id FROM rounds WHERE title = 'Digitaliseringsenkät 2024 – syntetiserade svar (exempel)'`)).rows[0].id;
      const mellerud = await loggedIn(t.app, DEMO.mellerud);
      assert.equal((await mellerud.get('/api/admin/audit')).status, 403);
      assert.equal((await mellerud.get('/api/admin/audit/export?format=csv')).status, 403);
      const links = await mellerud.get(`/api/rounds/${round}/municipalities/1461/links.csv`);
      assert.equal(links.status, 200);
      const linkRows = csvRows(links.body).length - 1;
      assert.ok(linkRows > 0);
      const responses = await admin.get(`/api/rounds/${round}/responses.csv?municipality=1461`);
      assert.equal(responses.status, 200);
      const exported = (
        await t.db.query<{ actor_user_id: number; target: string; details: Record<string, unknown> }>(
          `SELECT actor_user_id, target, details FROM audit_log WHERE action = 'personal_data.exported' ORDER BY id`,
        )
      ).rows;
      assert.deepEqual(exported, [
        { actor_user_id: users.mellerud, target: `round:${round}/1461`, details: { what: 'respondent_links', roundId: round, municipality: '1461', rows: linkRows, format: 'csv' } },
        {
          actor_user_id: users.admin,
          target: `round:${round}/1461`,
          details: { what: 'responses', roundId: round, municipality: '1461', rows: csvRows(responses.body).length - 1, format: 'csv' },
        },
      ]);
      const category = await admin.get('/api/admin/audit?category=export&municipality=1461');
      assert.deepEqual(
        category.body.entries.map((e: { detail: string }) => e.detail),
        [`Svar, med fritextsvar, ${csvRows(responses.body).length - 1} rader, CSV`, `Respondenternas namn, e-post och personliga länkar, ${linkRows} rader, CSV`],
      );

      // A report made as a file is logged; the web preview (JSON) is not.
      const closed = round;
      assert.equal((await admin.get(`/api/rounds/${closed}/reports/regional?format=json`)).status, 200);
      const file = await t.app.inject({ method: 'GET', url: `/api/rounds/${closed}/reports/municipalities/1461?format=xlsx`, headers: { cookie: admin.cookie! } });
      assert.equal(file.statusCode, 200);
      const reports = await admin.get('/api/admin/audit?category=rapporter');
      assert.equal(reports.body.total, 1);
      assert.equal(reports.body.entries[0].action, 'report.generated');
      assert.equal(reports.body.entries[0].detail, 'Delrapport, XLSX');
      assert.equal(reports.body.entries[0].targetLabel, 'Mätomgången ”Digitaliseringsenkät 2024 – syntetiserade svar (exempel)”, Mellerud');
    });
  });
}
