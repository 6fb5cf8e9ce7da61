// Browser tests of Översikt (the dashboard) on the demo data, per role, with axe. Hand-computed from
// src/demo: the open "Digitaliseringsenkät 2026" has 3 link respondents in each of the 14 municipalities
// and no answers, so every municipality (0 %) is below any threshold above 0; Mellerud's three are
// "IT-chef Mellerud (demo)", "Näringslivschef Mellerud (demo)" and "Kanslichef Mellerud (demo)"; the
// newest closed round is "Digital mognad 2025 (fiktiv uppföljning)", closed 2025-12-12.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';

describe('Översikt i Chromium', () => {
  const web = browserSuite();

  it('förbundsadmin: öppna mätomgångar, kommuner under vald svarsfrekvens, nästa steg och arbetsgången', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.getByRole('heading', { name: 'Öppna mätomgångar', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'Digitaliseringsenkät 2026' }).first().waitFor();
    await page.getByText('Svarsfrekvens 0 % (0 av 42)').waitFor();
    await page.locator('caption', { hasText: 'Kommuner under 50 % (14 av 14)' }).waitFor();
    // Every municipality row links to where the kommunansvarig acts (the round's municipality page).
    const mellerud = page.getByRole('link', { name: 'Mellerud', exact: true });
    assert.match((await mellerud.getAttribute('href')) ?? '', /^\/matomgangar\/\d+\/kommuner\/1461$/);
    await page.getByLabel('Visa kommuner med svarsfrekvens under').selectOption('25');
    await page.locator('caption', { hasText: 'Kommuner under 25 % (14 av 14)' }).waitFor();
    // One of Mellerud's three answers (1 of 3 = 33,3 %): at 25 % thirteen municipalities are below, and the
    // rates of all fourteen are one click away. (Undone below: the next test expects Mellerud unanswered.)
    const sql = `UPDATE respondents SET completed_at = $1::timestamptz WHERE id = (SELECT p.id FROM respondents p JOIN rounds r ON r.id = p.round_id
                  WHERE r.title = 'Digitaliseringsenkät 2026' AND p.municipality_code = '1461' ORDER BY p.id LIMIT 1)`;
    await web.t.db.query(sql, ['2026-11-20T09:00:00Z']);
    await page.reload();
    await page.getByLabel('Visa kommuner med svarsfrekvens under').selectOption('25');
    await page.locator('caption', { hasText: 'Kommuner under 25 % (13 av 14)' }).waitFor();
    await page.getByText('Svarsfrekvens för alla kommuner (14)').click();
    const all = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Alla kommuner i Digitaliseringsenkät 2026' }) });
    assert.deepEqual((await all.getByRole('row', { name: /^Mellerud/ }).locator('td').allInnerTexts()).map((x) => x.replace(/\s+/g, ' ')), ['1 av 3', '33,3 %']);
    await assertAccessible(page, 'översikt med alla kommuner');
    await web.t.db.query(sql, [null]);
    await page.getByRole('heading', { name: /^Försenade statusrapporter/ }).waitFor();
    await page.getByRole('heading', { name: 'Initiativ som väntar på beslut' }).waitFor();
    await page.getByRole('link', { name: 'Gemensam informationsförsörjning för ekonomiskt bistånd' }).waitFor();
    await page.getByRole('heading', { name: 'Nästa steg' }).waitFor();
    await page.getByRole('heading', { name: 'Arbetsgången' }).waitFor();
    assert.equal(await page.locator('.cycle li[aria-current="step"]').count(), 1);
    await assertAccessible(page, 'översikt (förbundsadmin)');
  });

  it('kommunansvarig: bara den egna kommunens respondenter som inte har svarat', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.mellerud);
    await page.getByRole('heading', { name: 'Dina öppna mätomgångar', level: 2 }).waitFor();
    const table = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Har inte svarat (3)' }) });
    assert.deepEqual(await table.locator('tbody th').allInnerTexts(), ['IT-chef Mellerud (demo)', 'Näringslivschef Mellerud (demo)', 'Kanslichef Mellerud (demo)']);
    assert.equal(await page.getByText('Bengtsfors (demo)').count(), 0);
    await page.getByRole('heading', { name: /^Statusrapporter att lämna/ }).waitFor();
    await page.getByRole('link', { name: 'Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmål (4D)' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Öppna mätomgångar', exact: true }).count(), 0);
    await assertAccessible(page, 'översikt (kommunansvarig)');
  });

  it('läsare: senast publicerade rapporter med länk till rapportsidan', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.reader);
    await page.getByRole('heading', { name: 'Senast publicerade rapporter', level: 2 }).waitFor();
    const first = page.locator('#dash-published + ul li').first();
    assert.match(await first.innerText(), /^Digital mognad 2025 \(fiktiv uppföljning\) \(stängd 2025-12-12\)$/);
    await first.getByRole('link').click();
    await page.getByRole('heading', { name: 'Rapporter', level: 1 }).waitFor();
    assert.match(page.url(), /\/rapporter\?omgang=\d+$/);
    await page.goto(`${web.base}/`);
    await page.getByRole('heading', { name: 'Senast publicerade rapporter' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Öppna mätomgångar', exact: true }).count(), 0);
    await assertAccessible(page, 'översikt (läsare)');
  });
});
