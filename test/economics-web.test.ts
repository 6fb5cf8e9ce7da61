// Browser tests of the IT-economics pages under /ekonomi (pages/economics/) in Chromium with axe, on the
// demo data (src/demo/economics.ts). Expected values from the seeds:
// - Förstudierapport 4D tabell 5: IT costs 45 939 995 kr in total; Bengtsfors 12 496 743 kr of
//   688 000 000 kr = 1,82 %.
// - Tabell 4: Bengtsfors' "Besparingspotential" is printed as 2 782 000 kr (50 %) while its cells at
//   30 % sum to 1 669 200 kr: the flag names both.
// - Delrapport Mellerud figur 10: Mellerud's pools 2019 total 18 098 000 kr.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO } from './support/app.ts';
import { publishedTables } from './support/economics-fixture.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';

const MELLERUD = '1461';
const BENGTSFORS = '1460';

/** Normalises Swedish number formatting (no-break spaces, U+2212 minus) for comparisons. */
const plain = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/\u2212/g, '-').trim();

describe('IT-ekonomi i Chromium', () => {
  const web = browserSuite({ viewport: { width: 1280, height: 900 } });
  const main = async (page: Page) => plain((await page.locator('main').textContent()) ?? '');
  const group4d = async () =>
    (await web.t.db.query<{ id: number }>("SELECT id FROM municipality_groups WHERE name LIKE '4D%'")).rows[0].id;

  async function noJunk(page: Page, what: string) {
    assert.ok(!/NaN|undefined|\[object Object\]/.test(await main(page)), `${what}: NaN eller undefined på sidan`);
  }

  it('förbundsadmin: översikten via menyn, 4D-gruppens jämförelse med summor, andel och tabell 4-flaggan', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'IT-ekonomi' }).click();
    await page.getByRole('heading', { name: 'IT-ekonomi', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Jämförelse mellan kommuner', level: 2 }).waitFor();
    await page.locator('figure canvas').first().waitFor();
    await page.getByRole('heading', { name: 'Riktmärke per år' }).waitFor();
    await noJunk(page, 'översikten');
    await assertAccessible(page, 'översikten');

    const id = await group4d();
    await page.goto(`${web.base}/ekonomi/grupper/${id}?year=2024`);
    await page.getByRole('heading', { name: /^Jämförelse: 4D/, level: 1 }).waitFor();
    const table = page.locator('table').filter({ has: page.locator('caption', { hasText: 'It-kostnad, nettokostnad och andel per kommun' }) });
    await table.waitFor();
    assert.match(plain(await table.locator('tfoot').innerText()), /45 939 995/);
    const bengtsfors = plain(await table.getByRole('row', { name: /^Bengtsfors/ }).innerText());
    assert.match(bengtsfors, /12 496 743/);
    assert.match(bengtsfors, /1,82/);
    const text = await main(page);
    assert.match(text, /2 782 000/, 'tabell 4: den publicerade besparingspotentialen');
    assert.match(text, /1 669 200/, 'tabell 4: cellernas summa');
    const flag = plain(await page.locator('.quality-flags li', { hasText: '2 782 000' }).first().innerText());
    assert.match(flag, /1 669 200/, 'flaggan nämner båda talen');
    // The charts with their tables.
    await page.locator('figure canvas').first().waitFor();
    await page.getByText('Visa som tabell: It-kostnad som andel av nettokostnaden 2024').click();
    await noJunk(page, 'gruppjämförelsen');
    await assertAccessible(page, 'gruppjämförelsen');
  });

  it('Mellerud 2019: pooler 18 098 000 kr med diagram; negativ kostnad ger svenskt fel vid fältet och inget sparas', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/ekonomi/${MELLERUD}/2019`);
    await page.getByRole('heading', { name: 'IT-ekonomi Mellerud 2019', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Nyckeltal 2019' }).waitFor();
    assert.match(await main(page), /18 098 000/);
    await page.locator('figure canvas').first().waitFor();
    await noJunk(page, 'Mellerud 2019');
    await assertAccessible(page, 'Mellerud 2019');

    const before = (await web.t.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0].n;
    await page.getByRole('button', { name: 'Ändra uppgifterna' }).click();
    const field = page.getByLabel('Hårdvara (kr)', { exact: true });
    await field.fill('-5');
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    const error = page.locator('.field-error').first();
    await error.waitFor();
    assert.match(await error.innerText(), /0 eller större/);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    assert.ok(describedBy.includes((await error.getAttribute('id')) ?? '-'), 'felet beskriver fältet');
    await assertAccessible(page, 'formuläret med fel');
    const after = (await web.t.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0].n;
    assert.equal(after, before, 'inget sparat');
    // A valid change is saved and shown.
    await field.fill('1000');
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    await page.getByRole('button', { name: 'Ändra uppgifterna' }).waitFor();
    const stored = await web.t.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log');
    assert.ok(Number(stored.rows[0].n) > Number(before), 'ändringen sparad med händelse');
  });

  it('kommunansvarig Mellerud: kan ändra Mellerud men får inget formulär för Bengtsfors', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.mellerud);
    await page.goto(`${web.base}/ekonomi/${MELLERUD}/2024`);
    await page.getByRole('heading', { name: 'IT-ekonomi Mellerud 2024', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ändra uppgifterna' }).click();
    await page.getByRole('form', { name: 'Uppgifter för året' }).waitFor();
    await assertAccessible(page, 'Mellerud 2024 (kommunansvarig)');

    await page.goto(`${web.base}/ekonomi/${BENGTSFORS}/2024`);
    await page.getByRole('heading', { name: /^IT-ekonomi .*2024$/, level: 1 }).waitFor();
    await page.getByText('Du ser it-ekonomin bara för din egen kommun').waitFor();
    assert.equal(await page.getByRole('form', { name: 'Uppgifter för året' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Ändra uppgifterna' }).count(), 0);
    assert.ok(!(await main(page)).includes('12 496 743'), 'Bengtsfors siffror visas inte');
    await assertAccessible(page, 'Bengtsfors 2024 (kommunansvarig Mellerud)');
  });

  it('importsidan: mallen, förhandsgranskning med fel per blad, rad och kolumn och "Ämål"-varningen, sedan import', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/ekonomi/import`);
    await page.getByRole('heading', { name: 'Importera it-ekonomi från Excel', level: 1 }).waitFor();
    const href = await page.getByRole('link', { name: 'Ladda ned mallen (XLSX)' }).getAttribute('href');
    assert.ok(href);
    const r = await page.evaluate(async (u) => {
      const res = await fetch(u, { credentials: 'same-origin' });
      return { status: res.status, type: res.headers.get('content-type') ?? '' };
    }, href);
    assert.equal(r.status, 200);
    assert.match(r.type, /spreadsheetml/);
    await assertAccessible(page, 'importsidan');

    const mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const upload = async (name: string, buffer: Buffer) => {
      await page.getByLabel('Excelfil (XLSX)').setInputFiles({ name, mimeType, buffer });
      await page.getByRole('button', { name: 'Förhandsgranska' }).click();
      await page.getByRole('heading', { name: 'Förhandsgranskning', level: 3 }).waitFor();
    };
    // "Ämål" for Åmål, and a cell that is no amount.
    const bad = await publishedTables((t) => {
      t.table3[0][4] = 'Ämål';
      t.table3[1][1] = 'tre miljoner';
    });
    await upload('tabeller-fel.xlsx', bad);
    const errors = plain(await page.locator('.import-preview .error').innerText());
    assert.match(errors, /Tabell 3 2024, rad 2, kolumn Bengtsfors/);
    assert.match(plain(await page.locator('.import-preview').innerText()), /Ämål/);
    assert.equal(await page.getByRole('button', { name: 'Importera', exact: true }).count(), 0, 'inget kan importeras med fel');
    await assertAccessible(page, 'förhandsgranskning med fel');

    await upload('tabeller.xlsx', await publishedTables((t) => void (t.table3[0][4] = 'Ämål')));
    assert.equal(await page.locator('.import-preview .error').count(), 0);
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await page.getByText('Importen är klar.').waitFor();
    assert.match(plain(await page.locator('.import-preview').innerText()), /4 kommunår och 1 besparingsscenarier sparade/);
  });

  it('på engelska: sidorna visar engelska rubriker', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.evaluate(() => localStorage.setItem('samverka.lang', 'en'));
    await page.goto(`${web.base}/ekonomi/${MELLERUD}/2019`);
    await page.getByRole('heading', { name: 'IT economics Mellerud 2019', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Key figures 2019' }).waitFor();
    await page.getByRole('term').filter({ hasText: 'IT cost as a share of net cost' }).first().waitFor();
    await assertAccessible(page, 'Mellerud 2019 på engelska');
    const id = await group4d();
    await page.goto(`${web.base}/ekonomi/grupper/${id}?year=2024`);
    await page.getByRole('heading', { name: /^Comparison: 4D/, level: 1 }).waitFor();
    await page.locator('caption', { hasText: 'IT cost, net cost and share per municipality' }).waitFor();
    await assertAccessible(page, 'gruppjämförelsen på engelska');
  });
});
