// Issue 14: the portfolio, networks, IT economics, groups, risks, accounts and the event log are isolated per
// association. Göteborgsregionen's förbundsadmin sees none of Fyrbodal's (the demo region's) rows in the list
// endpoints; what it creates belongs to GR and Fyrbodal's admin does not see it; a Fyrbodal municipality
// (Mellerud 1461) as a participant, a group member or a kommunansvarig's municipality in GR is a 400 naming
// the code and the association, with nothing written. Also the CLI's --association. PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../src/domain/organisation.ts';
import { createUser } from '../src/store/accounts.ts';
import { findAssociation } from '../src/store/associations.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';
import { backends } from './support/db.ts';
import { cliEnvironments, samverka } from './support/cli.ts';

const GR_ADMIN = 'admin@goteborgsregionen.test';
const PASSWORD = 'gr-admin-losenord-2026';
const NOT_MEMBER = /Mellerud \(1461\) är inte medlem i Göteborgsregionen/;

for (const backend of backends)
  describe(`portfölj, ekonomi, risker, konton och logg per förbund (${backend.name})`, () => {
    let t: TestApp;
    let fyrbodal: Client;
    let gr: Client;
    let grId = 0;
    const count = async (sql: string) => Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0].n);

    before(async () => {
      t = await startApp(backend);
      grId = (await findAssociation(t.db, 'gr'))!.id;
      await createUser(t.db, { email: GR_ADMIN, name: 'GR:s förbundsadmin', password: DEMO_PASSWORD, role: 'forbundsadmin', associationId: grId });
      fyrbodal = await loggedIn(t.app, DEMO.admin);
      gr = await loggedIn(t.app, GR_ADMIN);
    });
    after(async () => t?.close());

    it('GR:s förbundsadmin ser inget av Fyrbodals initiativ, nätverk, ekonomi, grupper, risker, konton eller logg', async () => {
      // Fyrbodal's demo has all of them; the test fails if the demo has none.
      assert.ok((await fyrbodal.get('/api/initiatives')).body.initiatives.length >= 5);
      assert.ok((await fyrbodal.get('/api/networks')).body.networks.length >= 4);
      assert.ok((await fyrbodal.get('/api/economics')).body.years.length > 0);
      assert.ok((await fyrbodal.get('/api/economics/groups')).body.groups.length >= 2);
      assert.ok((await fyrbodal.get('/api/risks')).body.risks.length >= 18);

      assert.deepEqual((await gr.get('/api/initiatives')).body.initiatives, []);
      assert.deepEqual((await gr.get('/api/networks')).body.networks, []);
      assert.deepEqual((await gr.get('/api/economics')).body.years, []);
      assert.deepEqual((await gr.get('/api/economics/groups')).body.groups, []);
      assert.deepEqual((await gr.get('/api/risks')).body.risks, []);
      assert.deepEqual((await gr.get('/api/risks/config')).body.groups, []);
      assert.deepEqual((await gr.get('/api/initiatives/ranking?stages=kvalificering,prioriterad,genomforande')).body.ranking, []);
      assert.deepEqual((await gr.get('/api/followup/overdue?today=2026-03-01')).body.overdue, []);
      const plan = (await gr.get('/api/handlingsplan?from=2025&to=2027&format=json')).body.handlingsplan;
      assert.equal(plan.rows.length, 0);
      assert.equal(plan.association, 'Göteborgsregionen');

      const users = (await gr.get('/api/admin/users')).body;
      // GR's own accounts, and the region's analyst (in no association), whom every admin sees.
      assert.deepEqual(
        users.users.map((u: any) => u.email),
        [GR_ADMIN, 'region@demo.samverka.se'],
      );
      assert.deepEqual(users.associations, [{ id: grId, name: 'Göteborgsregionen' }]);
      const audit = (await gr.get('/api/admin/audit?limit=500')).body;
      assert.ok(audit.entries.length > 0, 'GR:s egna inloggningar syns');
      for (const e of audit.entries) assert.ok(e.actorEmail === GR_ADMIN || e.target === GR_ADMIN, `${e.action} ${e.actorEmail} ${e.target}`);
      assert.ok(!audit.entries.some((e: any) => e.actorEmail === DEMO.admin));
      // An initiative of Fyrbodal does not exist for GR.
      const fyrbodalInitiative = (await fyrbodal.get('/api/initiatives')).body.initiatives[0].id;
      assert.equal((await gr.get(`/api/initiatives/${fyrbodalInitiative}`)).status, 404);
    });

    it('det GR skapar hör till GR: Fyrbodals admin ser det inte; händelserna står i GR:s logg', async () => {
      const created = await gr.post('/api/initiatives', { title: 'Gemensam e-tjänsteplattform i GR', proposingMunicipality: '1480' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.initiative.id;
      assert.equal((await t.db.query<{ a: number }>('SELECT association_id AS a FROM initiatives WHERE id = $1', [id])).rows[0].a, grId);
      assert.equal((await gr.request('PUT', `/api/initiatives/${id}/participations/1481`, { kind: 'deltar' })).status, 200);

      const net = await gr.post('/api/networks', { name: 'Strategiskt digitaliseringsnätverk Fyrbodal' });
      assert.equal(net.status, 201, 'samma namn som Fyrbodals nätverk går bra i ett annat förbund');
      const group = await gr.post('/api/economics/groups', { name: 'Göteborg och Mölndal', members: ['1480', '1481'] });
      assert.equal(group.status, 201, JSON.stringify(group.body));
      const risk = await gr.post('/api/risks', {
        themeId: 'digital_utveckling',
        title: 'Leverantörsberoende i e-tjänsteplattformen',
        scope: { kind: 'municipality', municipalityCode: '1480' },
      });
      assert.equal(risk.status, 201, JSON.stringify(risk.body));

      assert.deepEqual(
        (await gr.get('/api/initiatives')).body.initiatives.map((i: any) => [i.title, i.participating]),
        [['Gemensam e-tjänsteplattform i GR', ['1481']]],
      );
      assert.deepEqual((await gr.get('/api/networks')).body.networks.map((n: any) => n.name), ['Strategiskt digitaliseringsnätverk Fyrbodal']);
      assert.deepEqual((await gr.get('/api/economics/groups')).body.groups.map((g: any) => g.name), ['Göteborg och Mölndal']);
      assert.deepEqual((await gr.get('/api/risks')).body.risks.map((r: any) => r.title), ['Leverantörsberoende i e-tjänsteplattformen']);

      assert.ok(!(await fyrbodal.get('/api/initiatives')).body.initiatives.some((i: any) => i.id === id));
      assert.equal((await fyrbodal.get('/api/networks')).body.networks.filter((n: any) => n.name === 'Strategiskt digitaliseringsnätverk Fyrbodal').length, 1);
      assert.ok(!(await fyrbodal.get('/api/economics/groups')).body.groups.some((g: any) => g.name === 'Göteborg och Mölndal'));
      assert.ok(!(await fyrbodal.get('/api/risks')).body.risks.some((r: any) => r.title.startsWith('Leverantörsberoende i e-tjänst')));
      assert.equal((await fyrbodal.get(`/api/initiatives/${id}`)).status, 404);
      assert.equal((await fyrbodal.get(`/api/economics/groups/${group.body.group.id}/comparison`)).status, 404);

      const grLog = (await gr.get('/api/admin/audit?category=initiativ&limit=100')).body.entries.map((e: any) => e.action);
      assert.ok(grLog.includes('initiative.created'), grLog.join(','));
      const fyLog = (await fyrbodal.get('/api/admin/audit?action=initiative.created&limit=100')).body.entries;
      assert.ok(!fyLog.some((e: any) => e.actorEmail === GR_ADMIN));
      const grExport = await gr.get('/api/admin/audit/export?format=csv&action=initiative.created');
      assert.equal(grExport.status, 200);
      assert.match(String(grExport.body), /GR:s förbundsadmin/);
      assert.doesNotMatch(String(grExport.body), /Demo Förbundsadmin/);
    });

    it('Mellerud (1461) i GR: deltagare, gruppmedlem, kommunansvarig → 400 som nämner kod och förbund; inget sparas', async () => {
      const id = (await gr.get('/api/initiatives')).body.initiatives[0].id;
      const before = await count('initiative_participations');
      const part = await gr.request('PUT', `/api/initiatives/${id}/participations/1461`, { kind: 'deltar' });
      assert.equal(part.status, 400);
      assert.match(part.body.error, NOT_MEMBER);
      assert.equal(await count('initiative_participations'), before);

      const proposing = await gr.post('/api/initiatives', { title: 'Förslag från Mellerud', proposingMunicipality: '1461' });
      assert.equal(proposing.status, 400);
      assert.match(proposing.body.error, NOT_MEMBER);

      const groups = await count('municipality_groups');
      const group = await gr.post('/api/economics/groups', { name: 'Göteborg och Mellerud', members: ['1480', '1461'] });
      assert.equal(group.status, 400);
      assert.match(group.body.error, NOT_MEMBER);
      assert.equal(await count('municipality_groups'), groups);

      const risks = await count('risks');
      const risk = await gr.post('/api/risks', { themeId: 'digital_utveckling', title: 'Risk i Mellerud', scope: { kind: 'municipality', municipalityCode: '1461' } });
      assert.equal(risk.status, 400);
      assert.match(risk.body.error, NOT_MEMBER);
      assert.equal(await count('risks'), risks);

      const users = await count('users');
      const invite = await gr.post('/api/admin/invitations', { email: 'ka@mellerud.test', name: 'Kommunansvarig Mellerud', role: 'kommunansvarig', municipalities: ['1461'] });
      assert.equal(invite.status, 400);
      assert.match(invite.body.error, NOT_MEMBER);
      assert.equal(await count('users'), users);
    });

    it('GR:s admin bjuder in en kommunansvarig i GR och en regionanalytiker; Fyrbodal ser bara regionanalytikern', async () => {
      const ka = await gr.post('/api/admin/invitations', { email: 'ka@goteborg.test', name: 'Kommunansvarig Göteborg', role: 'kommunansvarig', municipalities: ['1480'] });
      assert.equal(ka.status, 201, JSON.stringify(ka.body));
      assert.equal(ka.body.user.associationId, grId);
      const ra = await gr.post('/api/admin/invitations', { email: 'analytiker@vgregion.test', name: 'Regionens analytiker', role: 'regionanalytiker', municipalities: [] });
      assert.equal(ra.status, 201, JSON.stringify(ra.body));
      assert.equal(ra.body.user.associationId, null);
      const fy = (await fyrbodal.get('/api/admin/users')).body.users.map((u: any) => u.email);
      assert.ok(fy.includes('analytiker@vgregion.test'));
      assert.ok(!fy.includes('ka@goteborg.test') && !fy.includes(GR_ADMIN));
      assert.equal((await fyrbodal.patch(`/api/admin/users/${ka.body.user.id}`, { role: 'lasare', reason: 'Test' })).status, 404);
    });
  });

describe('CLI: --association för initiativ, ekonomi, risker och konton', async () => {
  const { envs } = await cliEnvironments('scope_portfolio');
  for (const env of envs)
    describe(env.name, () => {
      before(async () => {
        assert.equal((await samverka(env.env, 'demo', 'load')).code, 0);
      });
      after(() => env.cleanup());

      it('GR har inga av Fyrbodals rader; förvalt förbund är Fyrbodal', async () => {
        const json = async (...args: string[]) => {
          const r = await samverka(env.env, ...args, '--json');
          assert.equal(r.code, 0, r.stderr);
          return JSON.parse(r.stdout);
        };
        assert.ok((await json('initiatives', 'list')).length >= 5);
        assert.deepEqual(await json('initiatives', 'list', '--association', 'gr'), []);
        assert.deepEqual((await json('economics', '--association', 'Göteborgsregionen')).years, []);
        assert.deepEqual((await json('risks', '--association', 'gr')).risks, []);
        assert.ok(!(await json('users', 'list', '--association', 'gr')).some((u: any) => u.email === DEMO.admin));
      });

      it('admin create --association gr; en kommunansvarig för Mellerud i GR nekas; --role regionanalytiker', async () => {
        const ok = await samverka(env.env, 'admin', 'create', '--email', 'gr@cli.test', '--name', 'GR admin', '--password', PASSWORD, '--association', 'gr', '--json');
        assert.equal(ok.code, 0, ok.stderr);
        const db = await env.open();
        try {
          const gr = (await findAssociation(db, 'gr'))!.id;
          assert.equal(JSON.parse(ok.stdout).associationId, gr);
        } finally {
          await db.close();
        }
        const bad = await samverka(env.env, 'users', 'invite', '--email', 'm@cli.test', '--name', 'M', '--role', 'kommunansvarig', '--municipality', '1461', '--association', 'gr');
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, NOT_MEMBER);
        const ra = await samverka(env.env, 'admin', 'create', '--email', 'ra@cli.test', '--name', 'Analytiker', '--password', PASSWORD, '--role', 'regionanalytiker', '--json');
        assert.equal(ra.code, 0, ra.stderr);
        assert.equal(JSON.parse(ra.stdout).associationId, null);
      });
    });
});
