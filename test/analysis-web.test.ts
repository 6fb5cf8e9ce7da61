// The result dashboards in Chromium: they render for the association, a kommunansvarig and a läsare;
// every figure states base and n and has a table alternative and a CSV download; the läsare never
// sees a municipality name; axe finds no serious violations. Data: test/support/analysis-seed.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';
import { MELLERUD, ROUND_2023, ROUND_2025, seedRound } from './support/analysis-seed.ts';

describe('resultat i Chromium', () => {
  let r2025: number;
  let r2023: number;
  let empty: number;

  const web = browserSuite({
    viewport: { width: 1280, height: 900 },
    seed: async (t) => {
      r2025 = await seedRound(t.db, { title: 'Analysrunda 2025', periodStart: '2025-01-01', periodEnd: '2025-12-31', respondents: ROUND_2025 });
      r2023 = await seedRound(t.db, { title: 'Analysrunda 2023', periodStart: '2023-01-01', periodEnd: '2023-12-31', respondents: ROUND_2023 });
      empty = await seedRound(t.db, { title: 'Tom analysrunda', periodStart: '2026-01-01', periodEnd: '2026-12-31', respondents: [], status: 'open', municipalities: [MELLERUD] });
    },
  });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });
  /** Waits for a figure's chart, scrolled into view (charts are drawn when they come near the viewport). */
  async function drawn(page: Page, figure: string) {
    const f = page.locator(`figure[data-figure="${figure}"]`);
    await f.scrollIntoViewIfNeeded();
    await f.locator('canvas').first().waitFor();
  }

  /** Every figure: caption with n and web.base, a chart with an accessible name and a table, or a table; a CSV link. */
  async function checkFigures(page: Page, what: string) {
    const figures = page.locator('figure.result-figure');
    const count = await figures.count();
    assert.ok(count > 0, `${what}: inga figurer`);
    for (let i = 0; i < count; i++) {
      const f = figures.nth(i);
      const id = await f.getAttribute('data-figure');
      const caption = await f.locator('figcaption .base-n').innerText();
      assert.match(caption, /^n = \d+, bas: (respondenter|kommuner|omnämnanden)$/, `${what}/${id}: ${caption}`);
      const charts = f.locator('[role="img"]');
      if (await charts.count()) {
        const label = (await charts.first().getAttribute('aria-label')) ?? '';
        assert.match(label, /n = \d+, bas: /, `${what}/${id}: diagrammets namn`);
        assert.equal(await f.locator('details.table-alternative table').count(), 1, `${what}/${id}: tabellalternativ`);
        // Charts are drawn when they come near the viewport.
        await f.scrollIntoViewIfNeeded();
        await f.locator('canvas').first().waitFor();
      } else assert.ok((await f.locator('table').count()) === 1 || (await f.getByText('Inga värden att visa.').count()) === 1, `${what}/${id}: tabell`);
      const href = await f.getByRole('link', { name: /Ladda ned tabellen som CSV/ }).getAttribute('href');
      assert.match(href ?? '', /format=csv&figure=/, `${what}/${id}: CSV-länk`);
    }
    const text = await page.locator('main').textContent();
    assert.ok(!/NaN|undefined/.test(text ?? ''), `${what}: NaN eller undefined på sidan`);
  }

  it('förbundet: regional översikt med namn och värmekarta, kommunvy och förändring', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await nav(page).getByRole('link', { name: 'Resultat' }).click();
    await page.getByRole('heading', { name: 'Resultat', level: 1 }).waitFor();
    await assertAccessible(page, 'resultatlistan');
    await page.getByRole('link', { name: 'Analysrunda 2025' }).click();
    await page.getByRole('heading', { name: 'Resultat: Analysrunda 2025', level: 1 }).waitFor();
    await drawn(page, 'varmekarta');
    await checkFigures(page, 'regional (förbundet)');
    const kommuner = page.locator('figure[data-figure="kommuner"] table');
    assert.deepEqual(await kommuner.locator('tbody th').allTextContents(), ['Bengtsfors', 'Mellerud', 'Åmål']);
    // Mellerud's overall score 71.875 % is shown as 71,9 %.
    assert.ok((await kommuner.locator('tbody tr').nth(1).textContent())?.includes('71,9 %'));
    // The CSV download of a figure works with the session.
    const href = await page.locator('figure[data-figure="kommuner"]').getByRole('link', { name: /CSV/ }).getAttribute('href');
    const csv = await page.request.get(`${web.base}${href}`);
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /Mellerud;4;71\.9/);
    // A table alternative opens.
    await page.locator('figure[data-figure="region-fragor"] summary').click();
    await page.locator('figure[data-figure="region-fragor"] table').waitFor();
    await assertAccessible(page, 'regional översikt (förbundet)');

    // Filter by respondent type.
    await page.getByLabel('Respondenttyp').selectOption('it');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    await page.getByText('n = 4 svarande (bas: respondenter)').waitFor();
    assert.match(page.url(), /respondentType=it/);

    // A municipality against the region.
    await page.getByLabel('Kommun mot regionen').selectOption(MELLERUD);
    await page.getByRole('button', { name: 'Visa kommunen' }).click();
    await page.getByRole('heading', { name: /^Mellerud mot regionen/, level: 1 }).waitFor();
    await drawn(page, 'kommun-mot-region');
    await checkFigures(page, 'kommunvy (förbundet)');
    await assertAccessible(page, 'kommunvy');

    // Change between rounds.
    await page.goto(`${web.base}/resultat/${r2025}`);
    await page.getByLabel('Jämför med en annan mätomgång').selectOption(String(r2023));
    await page.getByRole('button', { name: 'Visa förändring' }).click();
    await page.getByRole('heading', { name: 'Förändring: Analysrunda 2023 → Analysrunda 2025', level: 1 }).waitFor();
    await drawn(page, 'forandring');
    await checkFigures(page, 'förändring');
    assert.ok((await page.locator('main').textContent())?.includes('33,3 %'));
    await assertAccessible(page, 'förändring');

    // An empty round: n = 0 and "–", never NaN.
    await page.goto(`${web.base}/resultat/${empty}`);
    await page.getByRole('heading', { name: 'Resultat: Tom analysrunda', level: 1 }).waitFor();
    await page.getByText('n = 0 svarande (bas: respondenter)').waitFor();
    await checkFigures(page, 'tom omgång');
    await assertAccessible(page, 'tom omgång');
  });

  it('läsaren: anonymiserad regional vy utan kommunnamn, värmekarta och fritext', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.reader);
    await nav(page).getByRole('link', { name: 'Resultat' }).click();
    await page.getByRole('link', { name: 'Analysrunda 2025' }).click();
    await page.getByRole('heading', { name: 'Resultat: Analysrunda 2025', level: 1 }).waitFor();
    await drawn(page, 'kommuner');
    await checkFigures(page, 'regional (läsare)');
    const html = await page.content();
    for (const name of ['Mellerud', 'Bengtsfors', 'Åmål', MELLERUD, 'hemliga plan', 'e-arkiv'])
      assert.ok(!html.includes(name), `läsaren ser "${name}"`);
    assert.equal(await page.locator('figure[data-figure="varmekarta"]').count(), 0);
    assert.equal(await page.locator('figure[data-figure="fritext"]').count(), 0);
    const rows = await page.locator('figure[data-figure="kommuner"] tbody th').allTextContents();
    assert.deepEqual(rows, ['Kommun 1', 'Kommun 2', 'Kommun 3']);
    assert.ok((await page.locator('figure[data-figure="kommuner"] table').textContent())?.includes('för få svar'));
    await assertAccessible(page, 'regional översikt (läsare)');

    // The municipality view is refused: the route shows läsare only the 403 panel.
    await page.goto(`${web.base}/resultat/${r2025}/kommun/${MELLERUD}`);
    await page.getByRole('heading', { name: 'Ingen behörighet', level: 1 }).waitFor();
    // An open round is not shown.
    await page.goto(`${web.base}/resultat/${empty}`);
    await page.getByRole('alert').filter({ hasText: 'inte publicerade' }).waitFor();
  });

  it('kommunansvarig: egen kommun med namn, övriga anonymiserade', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.mellerud);
    await page.goto(`${web.base}/resultat`);
    await page.getByRole('link', { name: 'Mellerud mot regionen' }).first().waitFor();
    await page.goto(`${web.base}/resultat/${r2025}`);
    await drawn(page, 'kommuner');
    const html = await page.content();
    for (const name of ['Bengtsfors', 'Åmål', 'hemliga plan']) assert.ok(!html.includes(name), `ser "${name}"`);
    assert.equal(await page.locator('figure[data-figure="kommuner"] tbody th').first().textContent(), 'Mellerud (egen kommun)');
    await page.getByRole('link', { name: 'Mellerud mot regionen' }).click();
    await page.getByRole('heading', { name: /^Mellerud mot regionen/, level: 1 }).waitFor();
    await page.locator('figure[data-figure="kommun-fritext"] table').waitFor();
    assert.ok((await page.locator('figure[data-figure="kommun-fritext"]').textContent())?.includes('Gemensam e-arkivlösning'));
    await checkFigures(page, 'kommunvy (kommunansvarig)');
    await assertAccessible(page, 'kommunvy (kommunansvarig)');
  });
});
