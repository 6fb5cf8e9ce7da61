// Isolation between the region's associations (issue 14, docs/associations.md): over every route the app
// registers, another association's data neither answers nor changes.
//   (a) every route with a path parameter is a personal link, or declares the owners its parameters address
//       (checked by the association guard), or says why what it addresses is shared;
//   (b) every route with owners, filled with Fyrbodal's demo objects and sent by Göteborgsregionen's admin,
//       its kommunansvarig and the region's analyst, answers 404 (or 403 by role) and changes nothing;
//   (c) every GET route without path parameters answers GR's admin without Fyrbodal's owned identifiers
//       (titles of its rounds, initiatives, networks, funding projects, groups and risks; its members' codes);
//   (d) GR's admin creates and sees a round of GR's members; Fyrbodal's admin does not; a non-member is 400.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../src/db/db.ts';
import { OWNER_KINDS, type OwnerKind } from '../src/domain/association-scope.ts';
import { FYRBODAL } from '../src/domain/organisation.ts';
import { createUser } from '../src/store/accounts.ts';
import { findAssociation } from '../src/store/associations.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';
import { backends } from './support/db.ts';

const PASSWORD = 'isolering-mellan-forbund-1';
const GR_ADMIN = 'admin@gr-isolering.se';
const GR_KOMMUN = 'goteborg@gr-isolering.se';
const ANALYST = 'analytiker@vgr-isolering.se';
const FYRBODAL_DOMAIN = 'fyrbodal-isolering.se';

/**
 * GET routes without path parameters whose answers are shared across associations by design, each with why.
 * Everything else must hold nothing of another association.
 */
const SHARED_GET: Record<string, string> = {
  '/api/openapi.json': 'API-beskrivningen: samma för alla, inga data',
  '/api/docs': 'API-dokumentationen (HTML), inga data',
  '/api/health': 'driftstatus, inga data',
  '/api/ready': 'driftstatus, inga data',
  '/api/auth/me': 'det egna kontot',
  '/api/auth/providers': 'inloggningssätt, inga data',
  '/api/auth/invitation': 'en inbjudan med token i frågan: ingen utan den',
  '/api/auth/oidc/login': 'omdirigering till identitetsleverantören',
  '/api/auth/oidc/callback': 'svar från identitetsleverantören',
  '/api/account/sessions': 'det egna kontots sessioner',
  '/api/account/totp': 'det egna kontots tvåstegsverifiering',
  '/api/instruments': 'instrumenten delas av alla förbund i instansen',
  '/api/associations': 'förbundens namn, korta id och medlemskommuner: offentliga uppgifter',
  '/api/references': 'referensserier: publicerade värden med källa, gemensamma för instansen',
  '/api/region/follow-up': 'regionens uppföljning: varje förbunds indikatorer och medel sida vid sida, aggregat utan kommuners identifierbara uppgifter',
  '/api/region/report': 'regionens rapport med samma aggregat som uppföljningen',
};

type Route = { method: string; url: string; endpoint?: { access: unknown; owners?: readonly { kind: OwnerKind; param: string }[]; shared?: string } };

const apiRoutes = (t: TestApp): Route[] => t.app.routeList.filter((r) => r.url.startsWith('/api/') && !r.url.includes('*'));

/** Row count and content hash of every table (sessions and sign-in failures change by design with each request). */
async function snapshot(db: Db): Promise<Record<string, string>> {
  const tables = (
    await db.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('sessions', 'login_failures') ORDER BY 1`,
    )
  ).rows.map((r) => r.t);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const r = (await db.query<{ n: number; h: string | null }>(`SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM "${t}" x`)).rows[0];
    out[t] = `${r.n}:${r.h ?? ''}`;
  }
  return out;
}

for (const backend of backends) {
  describe(`isolering mellan kommunalförbund (${backend.name})`, () => {
    let t: TestApp;
    let fyrbodal: { id: number; name: string };
    let gr: { id: number; name: string };
    let grAdmin: Client;
    let grKommun: Client;
    let analyst: Client;
    let fyrAdmin: Client;
    /** Fyrbodal's demo objects, by the kind of owner a path parameter addresses. */
    const owned = {} as Record<OwnerKind, string>;
    /** Values for path parameters that address nothing owned. */
    const other: Record<string, string> = {};
    /** Fyrbodal's owned identifiers that must not reach another association. */
    const titles: string[] = [];

    before(async () => {
      t = await startApp(backend);
      const q = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows;
      fyrbodal = (await findAssociation(t.db, 'fyrbodal'))!;
      gr = (await findAssociation(t.db, 'gr'))!;
      await createUser(t.db, { email: GR_ADMIN, name: 'GR Förbundsadmin', password: PASSWORD, role: 'forbundsadmin', associationId: gr.id });
      await createUser(t.db, { email: GR_KOMMUN, name: 'GR Kommunansvarig Göteborg', password: PASSWORD, role: 'kommunansvarig', municipalities: ['1480'], associationId: gr.id });
      await createUser(t.db, { email: ANALYST, name: 'Regionanalytiker', password: PASSWORD, role: 'regionanalytiker', associationId: null });
      await t.db.query(`INSERT INTO sign_in_domains (domain, provisioning, association_id) VALUES ($1, 'refuse', $2)`, [FYRBODAL_DOMAIN, fyrbodal.id]);

      const round = (await q<{ id: number }>(`SELECT id FROM rounds WHERE association_id = $1 AND status = 'closed' ORDER BY id LIMIT 1`, [fyrbodal.id]))[0];
      const first = async (sql: string) => String((await q<{ id: number | string }>(sql, [fyrbodal.id]))[0]?.id ?? '');
      owned.round = String(round.id);
      owned.initiative = await first('SELECT id FROM initiatives WHERE association_id = $1 ORDER BY id LIMIT 1');
      owned.network = await first('SELECT id FROM networks WHERE association_id = $1 ORDER BY id LIMIT 1');
      owned.fundingProject = await first('SELECT id FROM funding_projects WHERE association_id = $1 ORDER BY id LIMIT 1');
      owned.group = await first('SELECT id FROM municipality_groups WHERE association_id = $1 ORDER BY id LIMIT 1');
      owned.risk = await first(
        `SELECT r.id FROM risks r LEFT JOIN municipalities m ON m.code = r.municipality_code LEFT JOIN municipality_groups g ON g.id = r.group_id
          WHERE COALESCE(m.association_id, g.association_id) = $1 ORDER BY r.id LIMIT 1`,
      );
      owned.municipality = '1461';
      owned.user = await first(`SELECT id FROM users WHERE association_id = $1 AND email = '${DEMO.mellerud}'`);
      owned.signInDomain = FYRBODAL_DOMAIN;
      for (const k of OWNER_KINDS) assert.ok(owned[k], `demodata saknar ett objekt av slaget ${k} i Fyrbodal`);

      const respondent = (await q<{ id: number }>(`SELECT id FROM respondents WHERE round_id = $1 AND municipality_code = '1461' ORDER BY id LIMIT 1`, [round.id]))[0];
      const item = (await q<{ item: string }>(
        `SELECT jsonb_array_elements(i.definition->'items')->>'id' AS item FROM rounds r JOIN instruments i ON i.id = r.instrument_id AND i.version = r.instrument_version WHERE r.id = $1 LIMIT 1`,
        [round.id],
      ))[0];
      Object.assign(other, {
        action: 'close',
        job: 'ett-jobb',
        rid: String(respondent?.id ?? 1),
        itemId: item?.item ?? 'fraga',
        actorId: '1',
        period: '2025-01',
        year: '2024',
        indicator: 'aktorer',
        figure: 'varmekarta',
        // A municipality that is not an owner parameter (the use case answers for it): Fyrbodal's Mellerud.
        code: '1461',
      });

      for (const sql of [
        'SELECT title AS t FROM rounds WHERE association_id = $1',
        'SELECT title AS t FROM initiatives WHERE association_id = $1',
        'SELECT name AS t FROM networks WHERE association_id = $1',
        'SELECT name AS t FROM funding_projects WHERE association_id = $1',
        'SELECT name AS t FROM municipality_groups WHERE association_id = $1',
        `SELECT r.title AS t FROM risks r LEFT JOIN municipalities m ON m.code = r.municipality_code LEFT JOIN municipality_groups g ON g.id = r.group_id
          WHERE COALESCE(m.association_id, g.association_id) = $1`,
      ])
        titles.push(...(await q<{ t: string }>(sql, [fyrbodal.id])).map((r) => r.t));
      assert.ok(titles.length > 10, `${titles.length} identifierare`);

      const login = async (email: string, password = PASSWORD) => {
        const c = new Client(t.app);
        const r = await c.login(email, password);
        assert.equal(r.status, 200, `${email}: ${JSON.stringify(r.body)}`);
        return c;
      };
      grAdmin = await login(GR_ADMIN);
      grKommun = await login(GR_KOMMUN);
      analyst = await login(ANALYST);
      fyrAdmin = await loggedIn(t.app, DEMO.admin);
    });
    after(() => t.close());

    // ---- (a) -------------------------------------------------------------------------------------

    it('(a) every route is accounted for: a path parameter is a personal link, an owner the guard checks, or shared with a reason', () => {
      const routes = apiRoutes(t);
      assert.ok(routes.length > 100, `${routes.length} routes`);
      const missing: string[] = [];
      const badKinds: string[] = [];
      for (const r of routes) {
        const ep = r.endpoint;
        assert.ok(ep, `${r.method} ${r.url} is not registered through a contract`);
        const params = [...r.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
        for (const o of ep.owners ?? []) {
          if (!(OWNER_KINDS as readonly string[]).includes(o.kind)) badKinds.push(`${r.method} ${r.url}: ${o.kind}`);
          assert.ok(params.includes(o.param), `${r.method} ${r.url}: owner parameter ${o.param} is not in the path`);
        }
        if (!params.length) continue;
        if (ep.access === 'link' || ep.owners?.length || (typeof ep.shared === 'string' && ep.shared.trim().length > 10)) continue;
        missing.push(`${r.method} ${r.url}`);
      }
      assert.deepEqual(missing, [], 'routes with a path parameter but neither owners nor a shared reason');
      assert.deepEqual(badKinds, []);
    });

    // ---- (b) -------------------------------------------------------------------------------------

    it("(b) every route with owners, filled with Fyrbodal's objects, is 404 (or 403 by role) for GR and the region's analyst, and changes nothing", async () => {
      const routes = apiRoutes(t).filter((r) => r.endpoint?.owners?.length);
      assert.ok(routes.length > 60, `${routes.length} routes with owners`);
      const before = await snapshot(t.db);
      const wrong: string[] = [];
      for (const r of routes) {
        const kinds = new Map(r.endpoint!.owners!.map((o) => [o.param, o.kind]));
        const url = r.url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
          const kind = kinds.get(name);
          const v = kind ? owned[kind] : other[name];
          assert.ok(v !== undefined, `${r.method} ${r.url}: no value for :${name}`);
          return encodeURIComponent(v);
        });
        for (const [who, c] of [
          ['GR förbundsadmin', grAdmin],
          ['GR kommunansvarig', grKommun],
          ['regionanalytiker', analyst],
        ] as const) {
          const res = await c.request(r.method, url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
          if (res.status !== 404 && res.status !== 403) wrong.push(`${who}: ${r.method} ${url} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        }
      }
      assert.deepEqual(wrong, [], 'answers other than 404/403');
      const afterwards = await snapshot(t.db);
      const changed = Object.keys(before).filter((k) => before[k] !== afterwards[k]);
      assert.deepEqual(changed, [], 'tables changed by refused requests');
    });

    // ---- (c) -------------------------------------------------------------------------------------

    describe("(c) GET routes without path parameters hold nothing of Fyrbodal's for GR's admin", () => {
      // The routes are known once the app is built; one test per route, so that a failure names its route.
      const urls = [
        '/api/municipalities', '/api/organisation', '/api/admin/users', '/api/admin/outbox', '/api/admin/audit', '/api/admin/audit/export',
        '/api/admin/security', '/api/rounds', '/api/initiatives', '/api/portfolio/config', '/api/initiatives/ranking', '/api/followup/overdue',
        '/api/handlingsplan', '/api/indicators', '/api/indicators/export', '/api/funding', '/api/networks', '/api/economics/config', '/api/economics',
        '/api/economics/groups', '/api/economics/template', '/api/analysis/rounds', '/api/reports/rounds', '/api/dashboard', '/api/risks/config',
        '/api/risks', '/api/admin/sign-in', '/api/benchmarks',
      ];

      it('the list above is every GET route without path parameters (apart from the shared ones)', () => {
        const all = apiRoutes(t)
          .filter((r) => r.method === 'GET' && !r.url.includes(':'))
          .map((r) => r.url)
          .filter((u) => !(u in SHARED_GET));
        assert.deepEqual([...all].sort(), [...urls].sort());
        for (const [url, why] of Object.entries(SHARED_GET)) assert.ok(why.length > 5, `${url}: skäl saknas`);
      });

      const codes = new Set(FYRBODAL.map((m) => m.code));
      for (const url of urls)
        it(`GET ${url}`, async () => {
          const res = await grAdmin.request('GET', url);
          const type = String(res.headers['content-type'] ?? '');
          if (!/json|csv|text/.test(type) || res.status >= 400) return; // files (xlsx) and refusals hold no readable identifiers
          const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
          const leaked = titles.filter((x) => text.includes(x));
          assert.deepEqual(leaked, [], `${url} holds Fyrbodal's titles`);
          // Fyrbodal's member codes as values (identifiable data tied to a municipality of another association).
          const found = [...text.matchAll(/"(1[0-9]{3})"/g)].map((m) => m[1]).filter((c) => codes.has(c));
          assert.deepEqual([...new Set(found)], [], `${url} holds Fyrbodal's municipality codes`);
        });
    });

    // ---- (d) and the region's analyst ----------------------------------------------------------------

    it("(d) GR's admin creates a round of GR's members and sees it; Fyrbodal's admin does not; a non-member is 400", async () => {
      const body = { instrument: 'statusenkat', title: 'GR:s digitaliseringsenkät', periodStart: '2026-09-01', periodEnd: '2026-10-31' };
      const countBefore = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rounds')).rows[0].n;
      const refused = await grAdmin.post('/api/rounds', { ...body, municipalities: ['1480', '1461'] });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error, 'Kommunen 1461 (Mellerud) är inte medlem i Göteborgsregionen');
      assert.equal((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rounds')).rows[0].n, countBefore);

      const created = await grAdmin.post('/api/rounds', { ...body, municipalities: ['1480', '1481'] });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.round.id as number;
      assert.equal(created.body.round.associationId, gr.id);
      assert.deepEqual(
        created.body.round.municipalities.map((m: { code: string }) => m.code),
        ['1480', '1481'],
      );
      const grList = (await grAdmin.get('/api/rounds')).body.rounds as Array<{ id: number; title: string }>;
      assert.deepEqual(grList.map((r) => r.id), [id], "GR's list holds its own round only");
      // 'all' is every member of GR (13, Kungsbacka included), none of Fyrbodal's.
      const all = await grAdmin.post('/api/rounds', { ...body, title: 'GR alla', municipalities: 'all' });
      assert.equal(all.status, 201);
      assert.equal(all.body.round.municipalities.length, 13);
      assert.ok(all.body.round.municipalities.some((m: { code: string }) => m.code === '1384'));
      assert.equal((await grAdmin.request('DELETE', `/api/rounds/${all.body.round.id}`)).status, 200);

      // Adding Fyrbodal's Mellerud later is refused the same way; nothing changes.
      const patch = await grAdmin.patch(`/api/rounds/${id}`, { addMunicipalities: ['1461'] });
      assert.equal(patch.status, 400);
      assert.equal(patch.body.error, 'Kommunen 1461 (Mellerud) är inte medlem i Göteborgsregionen');
      assert.equal((await grAdmin.patch(`/api/rounds/${id}`, { addMunicipalities: ['1482'] })).status, 200);

      assert.equal((await fyrAdmin.get(`/api/rounds/${id}`)).status, 404);
      assert.equal((await fyrAdmin.post(`/api/rounds/${id}/open`, {})).status, 404);
      const fyrList = (await fyrAdmin.get('/api/rounds')).body.rounds as Array<{ id: number }>;
      assert.ok(!fyrList.some((r) => r.id === id));
      assert.ok(fyrList.length >= 6, "Fyrbodal's demo rounds are still there");
      // GR's kommunansvarig for Göteborg sees the round with Göteborg's progress.
      const own = await grKommun.get(`/api/rounds/${id}`);
      assert.equal(own.status, 200);
      assert.deepEqual(own.body.round.progress.map((p: { municipality: string }) => p.municipality), ['1480']);
    });

    it('the municipalities: the association\'s members; the region\'s analyst all 50; IT organisations of the association', async () => {
      const fyr = (await fyrAdmin.get('/api/municipalities')).body.municipalities as Array<{ code: string; association: string }>;
      assert.equal(fyr.length, 14);
      assert.ok(fyr.every((m) => m.association === fyrbodal.name));
      const grs = (await grAdmin.get('/api/municipalities')).body.municipalities as Array<{ code: string; association: string }>;
      assert.equal(grs.length, 13);
      assert.ok(grs.every((m) => m.association === 'Göteborgsregionen'));
      const all = (await analyst.get('/api/municipalities')).body.municipalities as Array<{ code: string; association: string }>;
      assert.equal(all.length, 50);
      assert.equal(new Set(all.map((m) => m.association)).size, 4);
      const itFyr = (await fyrAdmin.get('/api/organisation')).body.itOrganisations as Array<{ name: string }>;
      assert.ok(itFyr.some((o) => o.name === 'SML-IT'));
      const itGr = (await grAdmin.get('/api/organisation')).body.itOrganisations as Array<{ name: string }>;
      assert.deepEqual(itGr, []);
    });

    it("the region's analyst sees no round, result or report, and a dashboard without rounds", async () => {
      assert.deepEqual((await analyst.get('/api/rounds')).body.rounds, []);
      assert.deepEqual((await analyst.get('/api/analysis/rounds')).body.rounds, []);
      assert.deepEqual((await analyst.get('/api/reports/rounds')).body.rounds, []);
      const dash = await analyst.get('/api/dashboard');
      assert.equal(dash.status, 200);
      assert.ok(!JSON.stringify(dash.body).includes('Digitaliseringsenkät'), 'no round on the dashboard');
      assert.equal((await analyst.get(`/api/rounds/${owned.round}/analysis`)).status, 404);
      assert.equal((await analyst.get(`/api/rounds/${owned.round}/reports/regional?format=json`)).status, 404);
      // Fyrbodal's own reader still has its closed rounds' results.
      const reader = await loggedIn(t.app, DEMO.reader);
      assert.ok(((await reader.get('/api/analysis/rounds')).body.rounds as unknown[]).length > 0);
    });
  });
}
