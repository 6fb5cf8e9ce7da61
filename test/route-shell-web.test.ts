// The route wiring in Chromium: a render error shows the Swedish error panel with header and menu
// intact and is reported to POST /api/client-errors; a role without access sees only the 403 panel
// (läsare on /matomgangar used to get a white screen; kommunansvarig on /admin/konton saw the form).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';

describe('felpanel och 403-panel i Chromium', () => {
  const web = browserSuite({ viewport: { width: 1366, height: 900 } });
  const errorsOf = (page: Page) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return errors;
  };

  it('läsare på /matomgangar: 403-panelen, ingen vit skärm', async () => {
    const page = await web.newPage();
    const errors = errorsOf(page);
    await signIn(page, web.base, DEMO.reader);
    await page.goto(`${web.base}/matomgangar`);
    await page.getByRole('heading', { name: 'Ingen behörighet', level: 1 }).waitFor();
    await page.getByText('Din roll (Läsare) har inte tillgång till den här sidan.').waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mätomgångar' }).count(), 0);
    assert.deepEqual(errors, []);
  });

  it('kommunansvarig på /admin/konton ser bara 403-panelen, inte formuläret', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.mellerud);
    await page.goto(`${web.base}/admin/konton`);
    await page.getByRole('heading', { name: 'Ingen behörighet', level: 1 }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Bjud in en person' }).count(), 0);
    assert.equal(await page.locator('main').locator('input, select, textarea, button, form').count(), 0);
    await assertAccessible(page, '403-panelen');
  });

  it('ett renderingsfel visar felpanelen med meny och sidhuvud kvar och rapporteras till servern', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    // The rounds list gets an answer it cannot render (rounds: null) → a TypeError while rendering.
    await page.route('**/api/rounds', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"rounds":null}' }));
    const reported = page.waitForRequest((r) => r.url().endsWith('/api/client-errors') && r.method() === 'POST');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mätomgångar' }).click();
    await page.getByRole('heading', { name: 'Sidan kunde inte visas', level: 1 }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Felet har rapporterats' }).waitFor();
    const request = await reported;
    const body = request.postDataJSON();
    assert.equal(body.route, '/matomgangar');
    assert.match(body.message, /null|length/);
    assert.ok(typeof body.stack === 'string' && body.stack.length <= 4000);
    assert.equal((await request.response())?.status(), 204);
    // Header and menu stay; the panel offers a reload and the way back.
    assert.ok(await page.getByRole('link', { name: 'samverka' }).isVisible());
    assert.ok(await page.getByRole('button', { name: 'Logga ut' }).isVisible());
    await page.getByRole('button', { name: 'Ladda om sidan' }).waitFor();
    await assertAccessible(page, 'felpanelen');
    // Another page in the menu works again.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kommuner' }).click();
    await page.getByRole('heading', { name: 'Kommuner', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Till översikten' }).waitFor({ state: 'detached' });
  });
});
