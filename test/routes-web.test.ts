// Every route of the web app, for every role, in Chromium: the route list comes from routes.tsx (so a
// new route is covered automatically; a parameter is filled with a real demo id looked up from the API
// as that role). Each page, at 1366 px and 390 px: no uncaught error, no console error (a failed API
// call shows as one), a forbidden route shows only the 403 panel (no form controls outside header and
// menu), axe finds no serious or critical violations; at 320 px: no horizontal scroll (WCAG 1.4.10).
// In English (förbundsadmin and signed out) no Swedish UI text that has a translation is shown.
//
// Runs on one backend, like every browser suite (browserSuite: PostgreSQL when configured, else
// PGlite): the pages are the same on both, and visiting ~100 pages three times per role on both
// would double a run that already takes a few minutes on 2 cores. The API behind them is tested on
// both backends by the integration suites.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { en } from '../src/web/i18n-en.ts';
import { privateRoutes, publicRoutes, type AppRoute } from '../src/web/routes.tsx';
import type { Role } from '../src/web/session.tsx';
import { DEMO, loggedIn, type Client } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';

const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 320, height: 640 };
const MELLERUD = '1461';

const ACCOUNTS: Array<{ role: Role; email: string }> = [
  { role: 'forbundsadmin', email: DEMO.admin },
  { role: 'kommunansvarig', email: DEMO.mellerud },
  { role: 'lasare', email: DEMO.reader },
];

/** The route's parameters, keyed by the first path segment and the parameter's name. */
type Ids = Record<string, string>;

/** Real demo ids for the route parameters, as `role` may see them (looked up from the API). */
async function idsFor(api: Client, admin: Client, role: Role): Promise<Ids> {
  const ids: Ids = {};
  const rounds = (await admin.get('/api/rounds')).body.rounds as Array<{ id: number; status: string; municipalities: string[] }>;
  const open = rounds.find((r) => r.status === 'open' && r.municipalities.includes(MELLERUD));
  assert.ok(open, 'demo: en öppen mätomgång med Mellerud');
  ids['matomgangar:id'] = String(open.id);
  ids['matomgangar:code'] = MELLERUD;
  ids['kommuner:code'] = MELLERUD;
  // Results: the newest closed round the role sees that has an earlier round of the same instrument.
  const visible = (await api.get('/api/analysis/rounds')).body.rounds as Array<{ id: number; status: string; instrument: string; periodStart: string }>;
  const closed = visible.filter((r) => r.status === 'closed').sort((a, b) => b.periodStart.localeCompare(a.periodStart));
  const pair = closed.flatMap((a) => closed.filter((b) => b.instrument === a.instrument && b.periodStart < a.periodStart).map((b) => [a, b] as const))[0];
  assert.ok(pair, `demo: två jämförbara stängda mätomgångar för ${role}`);
  ids['resultat:id'] = String(pair[0].id);
  ids['resultat:otherId'] = String(pair[1].id);
  ids['resultat:code'] = MELLERUD;
  const initiatives = (await api.get('/api/initiatives')).body.initiatives as Array<{ id: number }>;
  assert.ok(initiatives.length > 0, 'demo: initiativ');
  ids['initiativ:id'] = String(initiatives[0].id);
  const instruments = (await admin.get('/api/instruments')).body.instruments as Array<{ id: string; version: string }>;
  const survey = instruments.find((i) => i.id === 'statusenkat');
  assert.ok(survey, 'demo: instrumentet statusenkat');
  ids['instrument:id'] = survey.id;
  ids['instrument:version'] = survey.version;
  const risks = (await api.get('/api/risks')).body.risks as Array<{ id: number }>;
  const riskGroups = (await api.get('/api/risks/config')).body.groups as Array<{ id: number }>;
  assert.ok(risks.length > 0 && riskGroups.length > 0, `demo: risker och grupper för ${role}`);
  ids['risker:id'] = String(risks[0].id);
  ids['risker:groupId'] = String(riskGroups[0].id);
  ids['risker:code'] = MELLERUD;
  const links = (await admin.get(`/api/rounds/${open.id}/municipalities/${MELLERUD}/links`)).body.links as Array<{ link: string }>;
  assert.ok(links.length > 0, 'demo: personliga länkar i den öppna mätomgången');
  ids['svar:token'] = links[0].link.split('/svar/')[1];
  // IT-ekonomi: Mellerud's 2024 budget and the 4D group (demo data as published).
  ids['ekonomi:code'] = MELLERUD;
  ids['ekonomi:year'] = '2024';
  const groups = (await api.get('/api/economics/groups')).body.groups as Array<{ id: number; name: string }>;
  const group4d = groups.find((g) => g.name.startsWith('4D'));
  assert.ok(group4d, 'demo: 4D-gruppen');
  ids['ekonomi:id'] = String(group4d.id);
  return ids;
}

/** The address of a route with its parameters filled in. */
function urlOf(route: AppRoute, ids: Ids): string {
  const section = route.path.split('/')[1];
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const id = ids[`${section}:${name}`];
    assert.ok(id, `routes-web.test.ts: ange ett demo-id för :${name} i ${route.path}`);
    return encodeURIComponent(id);
  });
}

/**
 * Watches a page: uncaught errors and console errors since the last `take()`, the API requests in
 * flight, and every string value of the API's JSON answers (data, not interface text).
 */
function watch(page: Page) {
  let errors: string[] = [];
  let inFlight = 0;
  const data = new Set<string>();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} ${m.location().url ?? ''}`);
  });
  page.on('request', (r) => r.url().includes('/api/') && inFlight++);
  const done = (r: { url(): string }) => r.url().includes('/api/') && inFlight--;
  page.on('requestfailed', done);
  page.on('requestfinished', async (r) => {
    done(r);
    const res = await r.response().catch(() => null);
    if (!res || !(res.headers()['content-type'] ?? '').includes('json')) return;
    const collect = (v: unknown): void => {
      if (typeof v === 'string') data.add(v.replace(/\s+/g, ' ').trim());
      else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(await res.json().catch(() => null));
  });
  return {
    take() {
      const e = errors;
      errors = [];
      return e;
    },
    idle: () => inFlight <= 0,
    data,
  };
}
type Watch = ReturnType<typeof watch>;

/**
 * Opens `url` inside the app (a client-side navigation, as a link does, which is much faster than a
 * full load)
 * and waits until the page has settled: its h1 is shown, nothing is loading, no API call is pending.
 */
async function open(page: Page, w: Watch, url: string, { full = false } = {}): Promise<void> {
  try {
    const path = new URL(url).pathname;
    // A full load the first time, for the same address again and where the page redirects (full).
    if (full || !page.url().startsWith(new URL(url).origin) || new URL(page.url()).pathname === path) await page.goto(url);
    else
      await page.evaluate((p) => {
        // The current page's headings are stale; the new page mounts afresh (RouteBoundary's key).
        for (const h of document.querySelectorAll('main h1')) h.setAttribute('data-stale', '');
        window.history.pushState({}, '', p);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, path);
    await page.locator('main h1:not([data-stale])').first().waitFor({ timeout: 15000 });
    for (let quiet = 0; quiet < 3; ) {
      await page.waitForTimeout(50);
      const loading = await page.evaluate(() => [...document.querySelectorAll('[role="status"]')].some((e) => /^(Laddar|Loading)/.test(e.textContent ?? '')));
      quiet = w.idle() && !loading ? quiet + 1 : 0;
    }
  } catch (e) {
    throw new Error(`${url}: sidan blev inte klar (${(e as Error).message.split('\n')[0]})`);
  }
}

/** What a page must satisfy at a width where axe runs. */
async function checkPage(page: Page, errors: Watch, route: AppRoute, url: string, role: Role | undefined, what: string, axe = true) {
  // Signed out, a signed-in page redirects to the sign-in page: a full load.
  await open(page, errors, url, { full: !role && privateRoutes.includes(route) });
  const forbidden = !!role && !!route.roles && !route.roles.includes(role);
  const main = page.locator('main');
  assert.equal(await main.locator('.error-panel').count(), 0, `${what}: felpanelen visas`);
  if (forbidden) {
    assert.equal(await main.locator('[data-forbidden]').count(), 1, `${what}: 403-panelen saknas`);
    const controls = await main.locator('input, select, textarea, button, form').count();
    assert.equal(controls, 0, `${what}: ${controls} formulärkontroller på en sida rollen inte får öppna`);
  } else assert.equal(await main.locator('[data-forbidden]').count(), 0, `${what}: 403-panelen visas för en tillåten roll`);
  if (axe) await assertAccessible(page, what);
  assert.deepEqual(errors.take(), [], `${what}: fel i webbläsaren`);
}

async function checkReflow(page: Page, errors: Watch, url: string, what: string): Promise<string[]> {
  await open(page, errors, url);
  const { scroll, client, wide } = await page.evaluate(() => {
    const d = document.documentElement;
    // The widest elements, to name the culprit in the message.
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => (e.getBoundingClientRect().right > d.clientWidth + 1 || e.scrollWidth > e.clientWidth + 1) && !e.closest('.table-wrap, .visually-hidden, .skip-link'))
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`);
    return { scroll: d.scrollWidth, client: d.clientWidth, wide };
  });
  assert.deepEqual(errors.take(), [], `${what}: fel i webbläsaren`);
  return scroll <= client + 1 ? [] : [`${what}: vågrät rullning vid 320 px (${scroll} > ${client}; ${wide.join(', ')})`];
}

/** Swedish UI texts that have an English translation of their own (data excepted). */
const SWEDISH_UI = new Set(Object.entries(en).filter(([sv, english]) => sv !== english && !sv.includes('{')).map(([sv]) => sv));

/** Text nodes and labelling attributes of the page that are a Swedish UI text shown untranslated. */
async function untranslated(page: Page, data: Set<string>): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // Content marked as Swedish (lang="sv") is data, not interface text.
      if (!el || el.closest('[lang="sv"], script, style')) continue;
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim().replace(/[:.…]$/, '');
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]'))
      if (!el.closest('[lang="sv"]'))
        for (const a of ['aria-label', 'title', 'placeholder']) {
          const v = el.getAttribute(a)?.trim();
          if (v) out.push(v);
        }
    return out;
  });
  return [...new Set(texts.filter((s) => (SWEDISH_UI.has(s) || SWEDISH_UI.has(`${s}.`)) && !data.has(s) && !data.has(`${s}.`)))];
}

describe('alla sidor för alla roller i Chromium', () => {
  const web = browserSuite();
  let admin: Client;

  it('utloggad: de publika sidorna och omdirigeringen till inloggningen', { timeout: 600_000 }, async () => {
    admin = await loggedIn(web.t.app, DEMO.admin);
    const ids = await idsFor(admin, admin, 'forbundsadmin');
    const page = await web.newPage(WIDE);
    const errors = watch(page);
    for (const viewport of [WIDE, PHONE]) {
      await page.setViewportSize(viewport);
      for (const r of [...publicRoutes, ...privateRoutes]) {
        const url = `${web.base}${urlOf(r, ids)}`;
        const isPrivate = privateRoutes.includes(r);
        // A signed-in page shows the sign-in page instead (axe has checked that page already).
        await checkPage(page, errors, r, url, undefined, `utloggad ${r.path} (${viewport.width} px)`, !isPrivate);
        if (isPrivate) assert.match(page.url(), /\/logga-in$/, `utloggad ${r.path}: till inloggningen`);
      }
    }
    await page.setViewportSize(NARROW);
    const reflow: string[] = [];
    for (const r of publicRoutes) reflow.push(...(await checkReflow(page, errors, `${web.base}${urlOf(r, ids)}`, `utloggad ${r.path}`)));
    assert.deepEqual(reflow, []);
    await page.context().close();
  });

  for (const { role, email } of ACCOUNTS)
    it(`${role}: varje sida vid 1366 och 390 px, utan vågrät rullning vid 320 px`, { timeout: 900_000 }, async (t) => {
      const started = Date.now();
      admin ??= await loggedIn(web.t.app, DEMO.admin);
      const ids = await idsFor(await loggedIn(web.t.app, email), admin, role);
      const page = await web.newPage(WIDE);
      const errors = watch(page);
      await signIn(page, web.base, email);
      errors.take();
      for (const viewport of [WIDE, PHONE]) {
        await page.setViewportSize(viewport);
        for (const r of privateRoutes) await checkPage(page, errors, r, `${web.base}${urlOf(r, ids)}`, role, `${role} ${r.path} (${viewport.width} px)`);
      }
      await page.setViewportSize(NARROW);
      const reflow: string[] = [];
      for (const r of privateRoutes) reflow.push(...(await checkReflow(page, errors, `${web.base}${urlOf(r, ids)}`, `${role} ${r.path}`)));
      assert.deepEqual(reflow, []);
      // The menu offers exactly the pages the role may open (the same declaration as the routes).
      await page.setViewportSize(WIDE);
      await open(page, errors, `${web.base}/`);
      const links = await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      for (const to of links) {
        const r = privateRoutes.find((x) => x.path === to);
        assert.ok(r, `menyn länkar till ${to} som inte är en sida`);
        assert.ok(!r.roles || r.roles.includes(role), `${role}: menyn visar ${to} som rollen inte får öppna`);
      }
      t.diagnostic(`${role}: ${privateRoutes.length} sidor × 3 bredder på ${Math.round((Date.now() - started) / 1000)} s`);
      await page.context().close();
    });

  it('på engelska visar ingen sida svensk gränssnittstext', { timeout: 600_000 }, async () => {
    admin ??= await loggedIn(web.t.app, DEMO.admin);
    const ids = await idsFor(admin, admin, 'forbundsadmin');
    const page = await web.newPage(WIDE);
    const errors = watch(page);
    await page.goto(`${web.base}/logga-in`);
    await page.evaluate(() => localStorage.setItem('samverka.lang', 'en'));
    await page.reload();
    const found: string[] = [];
    for (const r of publicRoutes) {
      errors.data.clear();
      await open(page, errors, `${web.base}${urlOf(r, ids)}`);
      for (const s of await untranslated(page, errors.data)) found.push(`${r.path}: ${s}`);
    }
    // Sign in (the helper speaks Swedish), then back to English.
    await page.evaluate(() => localStorage.setItem('samverka.lang', 'sv'));
    await signIn(page, web.base, DEMO.admin);
    await page.evaluate(() => localStorage.setItem('samverka.lang', 'en'));
    await page.reload();
    for (const r of privateRoutes) {
      errors.data.clear();
      await open(page, errors, `${web.base}${urlOf(r, ids)}`);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      for (const s of await untranslated(page, errors.data)) found.push(`${r.path}: ${s}`);
    }
    errors.take();
    assert.deepEqual(found, []);
    await page.context().close();
  });
});
