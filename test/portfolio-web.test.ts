// Browser tests of the portfolio pages under /portfolj (pages/portfolio/) in Chromium with axe, on
// the demo data (src/demo/initiatives.ts, src/demo/rounds.ts). Expected values are hand-computed:
// - Ranking: "Avtalssamverkan för e-arkiv Väst" scores 4,5,3,4,4,4,4 on the criteria weighted
//   3,2,1,2,1,1,1: (12+10+3+8+4+4+4)/11 = 45/11 = 4,09, the highest; with Risk weighted 2 instead:
//   (45+4)/12 = 4,08.
// - Overdue reports for 2025-Q2 (due 2025-07-30): initiatives in Genomförande whose years cover 2025
//   without a 2025-Q2 report: Införandet av Millenium, Smart region Västra Götaland IoT-plattform,
//   Säker digital kommunikation för socialtjänsten (hjälpmedel, öppna data and 4D have reported).
// - Maturity indicator 2025: 5 of the 10 municipalities in both DiMiOS rounds increased = 50 %.
// - Funding (VGR Analys 2025:40 table 2): Lön 1 992 000 / 1 045 392 / 946 608; Övriga −3 373; total 3 000 000.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Normalises Swedish number formatting (no-break spaces, U+2212 minus) for comparisons. */
const plain = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/\u2212/g, '-').trim();

/** Fetches a link in the page (with the session cookie); status, content type and the first bytes. */
async function fetchInPage(page: Page, href: string) {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type') ?? '', head: String.fromCharCode(...bytes.slice(0, 4)), size: bytes.length };
  }, href);
}

describe('samverkansportföljen i Chromium', () => {
  const web = browserSuite({ viewport: { width: 1280, height: 900 } });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });
  const sub = (page: Page) => page.getByRole('navigation', { name: 'Portföljens delar' });
  const idOf = async (title: string) => (await web.t.db.query<{ id: number }>('SELECT id FROM initiatives WHERE title = $1', [title])).rows[0].id;

  async function noJunk(page: Page, what: string) {
    const text = (await page.locator('main').textContent()) ?? '';
    assert.ok(!/NaN|undefined|\[object Object\]/.test(text), `${what}: NaN eller undefined på sidan`);
  }

  it('förbundsadmin: prioritering med rangordnade demoinitiativ, kriterier och krav; vikterna kan ändras', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await nav(page).getByRole('link', { name: 'Portfölj' }).click();
    await page.getByRole('heading', { name: 'Prioritering av initiativ', level: 1 }).waitFor();
    assert.match(page.url(), /\/portfolj\/prioritering$/);

    const ranking = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Rangordning av initiativ' }) });
    await ranking.waitFor();
    const rows = ranking.locator('tbody tr');
    assert.ok((await rows.count()) >= 5, 'flera demoinitiativ i Kvalificering och Prioriterad');
    const first = plain(await rows.first().innerText());
    assert.match(first, /^1 Avtalssamverkan för e-arkiv Väst Prioriterad 4,09 /);
    const earkiv = await idOf('Avtalssamverkan för e-arkiv Väst');
    assert.equal(await rows.first().getByRole('link').getAttribute('href'), `/initiativ/${earkiv}`);
    const titles = await ranking.locator('tbody th a').allInnerTexts();
    for (const title of ['Digital post', 'Nationell identitets- och behörighetsfederation', 'Gemensam trygghetscentral']) assert.ok(titles.includes(title), title);
    assert.ok(!titles.includes('Införandet av Millenium'), 'Genomförande visas inte som förval');

    const criteria = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Kvalificeringskriterier och vikter' }) });
    assert.equal(await criteria.locator('tbody tr').count(), 7);
    assert.match(plain(await criteria.locator('tbody tr').first().innerText()), /^Nytta .* 3 27,3 %$/); // 3 of 11
    const gates = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Krav per steg' }) });
    assert.match(await gates.getByRole('row', { name: /^Prioriterad/ }).innerText(), /Minst 2 deltagande kommuner/);
    await noJunk(page, 'prioritering');
    await assertAccessible(page, 'prioritering');

    // Genomförande added to the stages: the implemented initiatives join the ranking.
    await page.getByRole('group', { name: 'Visa initiativ i stegen' }).getByRole('checkbox', { name: 'Genomförande', exact: true }).check();
    await ranking.locator('tbody th a', { hasText: 'Införandet av Millenium' }).waitFor();

    // Risk weighted 2: e-arkiv 49/12 = 4,08.
    await page.getByRole('button', { name: 'Ändra kriterier och vikter' }).click();
    await page.getByLabel('Vikt: Risk').fill('2');
    await assertAccessible(page, 'kriterieformuläret');
    await page.getByRole('button', { name: 'Spara kriterierna' }).click();
    await page.getByRole('status').filter({ hasText: 'Kriterierna och vikterna är sparade' }).waitFor();
    const weight = (await web.t.db.query<{ w: number }>(`SELECT weight::float8 AS w FROM qualification_criteria WHERE id = 'risk'`)).rows[0].w;
    assert.equal(weight, 2);
    await ranking.locator('tbody tr', { hasText: 'Avtalssamverkan för e-arkiv Väst' }).filter({ hasText: '4,08' }).waitFor();
    // Back to weight 1.
    await page.getByRole('button', { name: 'Ändra kriterier och vikter' }).click();
    await page.getByLabel('Vikt: Risk').fill('1');
    await page.getByRole('button', { name: 'Spara kriterierna' }).click();
    await page.getByRole('status').filter({ hasText: 'Kriterierna och vikterna är sparade' }).waitFor();
    assert.equal((await web.t.db.query<{ w: number }>(`SELECT weight::float8 AS w FROM qualification_criteria WHERE id = 'risk'`)).rows[0].w, 1);

    // The gate editor opens with the current requirements checked.
    await page.getByRole('button', { name: 'Ändra kraven' }).click();
    const prio = page.getByRole('group', { name: 'Krav för att nå steget Prioriterad' });
    assert.equal(await prio.getByRole('checkbox', { name: 'Kostnadsuppskattning' }).isChecked(), true);
    assert.equal(await prio.getByLabel('Deltagande kommuner, minst antal, antal för steget Prioriterad').inputValue(), '2');
    await assertAccessible(page, 'kravformuläret');
    await page.getByRole('button', { name: 'Avbryt' }).click();
  });

  it('handlingsplan 2025–2026: förhandsgranskning och nedladdning som DOCX, PDF och XLSX', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/portfolj/uppfoljning`);
    await sub(page).getByRole('link', { name: 'Handlingsplan' }).click();
    await page.getByRole('heading', { name: 'Handlingsplan', level: 1 }).waitFor();
    await page.getByLabel('Från år').fill('2025');
    await page.getByLabel('Till år').fill('2026');
    await page.getByRole('button', { name: 'Visa handlingsplanen' }).click();
    await page.getByRole('heading', { name: 'Förhandsgranskning: Handlingsplan 2025–2026' }).waitFor();
    const table = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Handlingsplan 2025–2026: prioriterade initiativ i rangordning' }) });
    assert.match(plain(await table.locator('tbody tr').first().innerText()), /^1 Avtalssamverkan för e-arkiv Väst Prioriterad/);
    const titles = await table.locator('tbody th a').allInnerTexts();
    assert.ok(titles.includes('Digital post') && titles.includes('Införandet av Millenium'), titles.join(' | '));
    assert.ok(!titles.includes('Gemensam trygghetscentral'), 'Kvalificering ingår inte i handlingsplanen');

    for (const format of ['docx', 'pdf', 'xlsx'] as const) {
      const link = page.locator(`a[data-format="${format}"]`);
      const href = (await link.getAttribute('href')) ?? '';
      assert.equal(href, `/api/handlingsplan?from=2025&to=2026&format=${format}`);
      const r = await fetchInPage(page, href);
      assert.equal(r.status, 200, format);
      assert.equal(r.type, CONTENT_TYPES[format], format);
      assert.equal(r.head, format === 'pdf' ? '%PDF' : 'PK\u0003\u0004', format);
    }
    // An invalid period is caught in the form.
    await page.getByLabel('Till år').fill('2020');
    await page.getByRole('button', { name: 'Visa handlingsplanen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Slutåret kan inte vara före startåret.' }).waitFor();
    assert.match(page.url(), /fran=2025&till=2026/);
    await noJunk(page, 'handlingsplan');
    await assertAccessible(page, 'handlingsplan');
  });

  it('uppföljning: försenade statusrapporter för 2025-Q2 med länkar till initiativen', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/portfolj/uppfoljning`);
    await page.getByRole('heading', { name: 'Uppföljning av statusrapporter', level: 1 }).waitFor();
    await page.getByLabel('Period', { exact: true }).fill('2025-Q2');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    const table = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Försenade statusrapporter för 2025-Q2 (3 initiativ)' }) });
    await table.waitFor();
    const links = table.locator('tbody th a');
    assert.deepEqual(await links.allInnerTexts(), [
      'Införandet av Millenium',
      'Smart region Västra Götaland IoT-plattform',
      'Säker digital kommunikation för socialtjänsten',
    ]);
    assert.equal(await links.nth(0).getAttribute('href'), `/initiativ/${await idOf('Införandet av Millenium')}`);
    assert.match(plain(await table.locator('tbody tr').first().innerText()), /2025-Q2 2025-07-30 \d+$/);
    await noJunk(page, 'uppföljning');
    await assertAccessible(page, 'uppföljning');
  });

  it('indikatorer 2025: mognadsindikatorn beräknad 50 %, medel per kostnadsslag, export och förväntat värde', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/portfolj/indikatorer`);
    await page.getByRole('heading', { name: 'Regionala indikatorer och rekvirerade medel', level: 1 }).waitFor();
    await page.getByLabel('År', { exact: true }).fill('2025');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByRole('heading', { name: 'Indikatorer 2025', exact: true }).waitFor();
    const maturity = page.locator('tr[data-indicator="andel_okad_mognad"]');
    const cells = (await maturity.locator('th, td').allInnerTexts()).map(plain);
    // Indikator, Förväntat, Utfall (publicerat) with date and source, Beräknat utfall with its marks, Bas, Definition.
    // The demo rounds are fictional, so the computed 50 % rests on synthesised demo data; 10 of 14 compared.
    assert.equal(cells[0], 'Andel kommuner som visar på ökad digital mognad');
    assert.equal(cells[1], '50 %');
    assert.equal(cells[2], '75 % Utfall per aug. 2025 · Källa: ”Delregionala digitaliseringsstrategier (VGR Analys 2025:40)” (Västra Götalandsregionen, 2025), tabell 1');
    assert.equal(cells[3], '50 % Syntetiserade demodata Ofullständigt underlag');
    assert.match(cells[4], /5 av 10 jämförda\) \(n = 10\)/);
    assert.match(cells[5], /DiMiOS/);
    const shared = (await page.locator('tr[data-indicator="andel_lansgemensamma"]').locator('th, td').allInnerTexts()).map(plain);
    assert.deepEqual(shared.slice(1, 2), ['50 %']);
    assert.match(shared[2], /^80 % Utfall per aug\. 2025/);
    assert.equal(shared[3], '78,6 % Syntetiserade demodata');
    await page.getByText('Utfall beräknade ur syntetiserade demodata visar hur indikatorn räknas').waitFor();
    // Fyrbodal's table says "(tkr)" over kronor: flagged with the figure, expected and found value.
    await page.locator('tr[data-flag="MONEY_UNIT"]').first().waitFor();

    const funding = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Medel per kostnadsslag: Gemensam digitalisering' }) });
    assert.equal(plain(await funding.getByRole('row', { name: /^Lön/ }).innerText()), 'Lön 1 992 000 kr 1 045 392 kr 946 608 kr');
    assert.match(plain(await funding.getByRole('row', { name: /^Övriga kostnader/ }).innerText()), /^Övriga kostnader 33 000 kr 36 373 kr -3 373 kr \(överskridet\)$/);
    assert.equal(plain(await funding.locator('tfoot tr').first().innerText()), 'Totalt (summa av raderna) 3 000 000 kr 1 559 402 kr 1 440 598 kr');
    assert.equal(plain(await funding.locator('tfoot tr[data-row="stated"]').innerText()), 'Totalt (som publicerat) 3 000 000 1 559 402 +1 440 598');
    const chart = page.locator('figure.result-figure [role="img"]');
    assert.match((await chart.getAttribute('aria-label')) ?? '', /Mest rekvirerat: Lön/);
    // Drawn once the ECharts chunk has loaded (it is fetched with the first chart).
    await page.locator('figure.result-figure canvas').first().waitFor();

    for (const format of ['xlsx', 'docx', 'pdf'] as const) {
      const href = (await page.locator(`a[data-format="${format}"]`).getAttribute('href')) ?? '';
      assert.equal(href, `/api/indicators/export?year=2025&format=${format}`);
      const r = await fetchInPage(page, href);
      assert.equal(r.status, 200, format);
      assert.equal(r.type, CONTENT_TYPES[format], format);
    }
    await noJunk(page, 'indikatorer');
    await assertAccessible(page, 'indikatorer');

    // The association raises the expected value to 60 %: published and computed outcome stay as they are.
    const form = page.getByRole('group', { name: 'Andel kommuner som visar på ökad digital mognad' });
    await form.getByLabel('Förväntat (procent)').fill('60');
    await form.getByRole('button', { name: /^Spara/ }).click();
    await form.getByRole('status').filter({ hasText: 'Sparat' }).waitFor();
    await page.waitForFunction(() => /60 %/.test(document.querySelector('tr[data-indicator="andel_okad_mognad"] td')?.textContent ?? ''));
    const after = (await maturity.locator('th, td').allInnerTexts()).map(plain);
    assert.deepEqual([after[1], after[3]], ['60 %', '50 % Syntetiserade demodata Ofullständigt underlag']);
    assert.match(after[2], /^75 %/);
    const stored = (await web.t.db.query<{ e: number; r: number }>(`SELECT expected::float8 AS e, reported::float8 AS r FROM indicator_values WHERE year = 2025 AND indicator = 'andel_okad_mognad'`)).rows[0];
    assert.deepEqual(stored, { e: 60, r: 75 });

    // Requisitioned funding is updated in the form: Lön 1 045 392 → 1 100 000 kr leaves 1 992 000 − 1 100 000
    // = 892 000 kr; the total requisitioned becomes 1 559 402 + 54 608 = 1 614 010 kr. A negative amount is
    // refused in Swedish and changes nothing.
    const edit = page.locator('details').filter({ has: page.getByText('Uppdatera belopp: Gemensam digitalisering') });
    await edit.locator('summary').click();
    const lon = edit.getByRole('group', { name: 'Lön' });
    await lon.getByLabel('Rekvirerat (kr)').fill('-5');
    await edit.getByRole('button', { name: 'Spara beloppen' }).click();
    await edit.getByRole('alert').filter({ hasText: 'Ange belopp i kronor, 0 eller större' }).waitFor();
    assert.equal(await lon.getByLabel('Rekvirerat (kr)').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'medel: fel belopp');
    await lon.getByLabel('Rekvirerat (kr)').fill('1 100 000');
    await edit.getByRole('button', { name: 'Spara beloppen' }).click();
    await edit.getByRole('status').filter({ hasText: 'Sparat: Gemensam digitalisering' }).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('tfoot tr')].some((r) => /1\s614\s010/.test(r.textContent ?? '')));
    // The published totals stay as published; the rows no longer match them: flagged.
    await page.locator('tr[data-flag="TOTAL_MISMATCH"]').first().waitFor();
    assert.equal(plain(await funding.getByRole('row', { name: /^Lön/ }).innerText()), 'Lön 1 992 000 kr 1 100 000 kr 892 000 kr');
    const lonStored = (
      await web.t.db.query<{ requisitioned: string }>(
        `SELECT r.requisitioned::text AS requisitioned FROM funding_rows r JOIN funding_projects p ON p.id = r.project_id
          WHERE p.name = 'Gemensam digitalisering' AND r.cost_type = 'lon' AND p.association_id = default_association_id()`,
      )
    ).rows;
    assert.deepEqual(lonStored, [{ requisitioned: '1100000' }]);

    // A year before a second maturity round: the indicator is not computed.
    await page.getByLabel('År', { exact: true }).fill('2021');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByRole('heading', { name: 'Indikatorer 2021', exact: true }).waitFor();
    // Nothing expected, published or computed for 2021: the row is left out.
    await page.locator('tr[data-indicator="aktorer"]').waitFor();
    assert.equal(await page.locator('tr[data-indicator="andel_okad_mognad"]').count(), 0);
  });

  it('förbundsadmin lägger till ett nätverk: slutår före startår markeras vid fältet, sedan syns nätverket i listan', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/portfolj/indikatorer?ar=2025`);
    await page.locator('caption', { hasText: 'Delregionala nätverk' }).waitFor();
    await page.locator('summary', { hasText: 'Lägg till nätverk' }).click();
    const form = page.getByRole('form', { name: 'Lägg till nätverk' });
    await form.getByLabel('Namn', { exact: true }).fill('Nätverk för e-arkiv');
    await form.getByLabel('Startår').fill('2026');
    await form.getByLabel('Slutår').fill('2025');
    await form.getByRole('button', { name: 'Lägg till nätverket' }).click();
    await form.locator('.field-error', { hasText: 'Slutåret kan inte vara före startåret' }).waitFor();
    assert.equal(await form.getByLabel('Slutår').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'nätverksformuläret med fel');
    const count = async () => (await web.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM networks WHERE name = 'Nätverk för e-arkiv'`)).rows[0].n;
    assert.equal(await count(), 0);

    await form.getByLabel('Slutår').fill('');
    await form.getByRole('button', { name: 'Lägg till nätverket' }).click();
    await form.getByRole('status').filter({ hasText: 'Nätverket Nätverk för e-arkiv är tillagt.' }).waitFor();
    const row = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Delregionala nätverk' }) }).getByRole('row', { name: /^Nätverk för e-arkiv/ });
    await row.waitFor();
    assert.equal(plain(await row.innerText()).replace(/ Markera som inaktivt.*$/, ''), 'Nätverk för e-arkiv – 2026–… Ja');
    assert.equal(await count(), 1);
  });

  it('läsare och kommunansvarig ser sidorna utan redigering', async () => {
    const reader = await web.newPage();
    await signIn(reader, web.base, DEMO.reader);
    await reader.goto(`${web.base}/portfolj/prioritering`);
    await reader.locator('caption', { hasText: 'Rangordning av initiativ' }).waitFor();
    assert.equal(await reader.getByRole('button', { name: 'Ändra kriterier och vikter' }).count(), 0);
    assert.equal(await reader.getByRole('button', { name: 'Ändra kraven' }).count(), 0);
    await reader.goto(`${web.base}/portfolj/indikatorer?ar=2025`);
    await reader.locator('tr[data-indicator="andel_okad_mognad"]').waitFor();
    assert.equal(await reader.getByRole('heading', { name: 'Förväntade värden och rapporterade utfall 2025' }).count(), 0);
    assert.equal(await reader.getByRole('button', { name: /Markera som/ }).count(), 0);
    assert.equal(await reader.locator('summary', { hasText: 'Lägg till nätverk' }).count(), 0);
    await assertAccessible(reader, 'indikatorer (läsare)');
    await reader.goto(`${web.base}/portfolj/handlingsplan?fran=2025&till=2026`);
    await reader.getByRole('heading', { name: 'Förhandsgranskning: Handlingsplan 2025–2026' }).waitFor();

    const key = await web.newPage();
    await signIn(key, web.base, DEMO.mellerud);
    await key.goto(`${web.base}/portfolj/uppfoljning`);
    await key.getByText('Översikten över försenade statusrapporter är förbundets vy.').waitFor();
    assert.equal(await key.locator('table').count(), 0);
    await key.goto(`${web.base}/portfolj/handlingsplan?fran=2025&till=2026`);
    await key.getByRole('heading', { name: 'Förhandsgranskning: Handlingsplan 2025–2026' }).waitFor();
    await assertAccessible(key, 'handlingsplan (kommunansvarig)');
  });
});
