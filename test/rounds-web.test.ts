// Browser tests of the rounds UI and the respondent form (Chromium + axe).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO, loggedIn } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';

const TITLE = 'Statusenkät webbtest 2025';
const SELF_TITLE = 'Informationssäkerhet webbtest 2025';
const TOKEN_LINK = /\/svar\/([A-Za-z0-9_-]{43})$/;

describe('mätomgångar och respondentformuläret i Chromium', () => {
  let roundId: number;
  let token: string;

  const web = browserSuite();
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });

  it('förbundsadmin skapar och öppnar en mätomgång', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await nav(page).getByRole('link', { name: 'Mätomgångar' }).click();
    await page.getByRole('heading', { name: 'Mätomgångar', level: 1 }).waitFor();
    await assertAccessible(page, 'mätomgångar');

    await page.getByRole('link', { name: 'Ny mätomgång' }).click();
    await page.getByRole('heading', { name: 'Ny mätomgång', level: 1 }).waitFor();
    await page.getByLabel('Instrument').selectOption('statusenkat');
    const boxes = page.getByRole('group', { name: 'Kommuner som ingår' }).getByRole('checkbox');
    await boxes.first().waitFor();
    // All 14 Fyrbodal municipalities are selected by default.
    assert.equal(await boxes.count(), 14);
    for (let i = 0; i < 14; i++) assert.equal(await boxes.nth(i).isChecked(), true);
    await page.getByRole('checkbox', { name: 'Tanum' }).uncheck();
    await page.getByText('13 av 14 valda').waitFor();
    await page.getByLabel('Rubrik').fill(TITLE);
    await page.getByLabel('Periodens början').fill('2025-03-01');
    await page.getByLabel('Periodens slut').fill('2025-04-30');
    await assertAccessible(page, 'ny mätomgång');
    await page.getByRole('button', { name: 'Skapa mätomgången' }).click();

    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    roundId = Number(/\/matomgangar\/(\d+)$/.exec(page.url())?.[1]);
    assert.ok(roundId > 0, page.url());
    await page.getByText('Utkast', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Öppna mätomgången' }).click();
    await page.getByRole('alertdialog', { name: 'Öppna mätomgången?' }).getByRole('button', { name: 'Ja, öppna mätomgången' }).click();
    await page.getByRole('status').filter({ hasText: 'Mätomgången är öppnad' }).waitFor();
    await page.getByRole('button', { name: 'Stäng mätomgången' }).waitFor();
    await assertAccessible(page, 'mätomgång');

    const { rows } = await web.t.db.query<{ status: string; n: number; period_start: string }>(
      `SELECT r.status, to_char(r.period_start, 'YYYY-MM-DD') AS period_start,
              (SELECT count(*)::int FROM round_municipalities m WHERE m.round_id = r.id) AS n
         FROM rounds r WHERE r.id = $1`,
      [roundId],
    );
    assert.deepEqual(rows[0], { status: 'open', n: 13, period_start: '2025-03-01' });

    // The list shows the round with instrument, period and status.
    await nav(page).getByRole('link', { name: 'Mätomgångar' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Status för digitalisering/);
    assert.match(text, /2025-03-01 – 2025-04-30/);
    assert.match(text, /Öppen/);
  });

  it('Melleruds kommunansvarig lägger till en respondent, ser länken och bjuder in', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.mellerud);
    await nav(page).getByRole('link', { name: 'Mätomgångar' }).click();
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: `${TITLE} – Mellerud`, level: 1 }).waitFor();
    await page.getByText('Inga respondenter ännu').waitFor();
    await assertAccessible(page, 'kommunens respondenter (tom)');

    await page.getByLabel('Roll (respondenttyp)', { exact: true }).selectOption({ label: 'Verksamhetsnära' });
    await page.getByLabel('Verksamhetsområde', { exact: true }).selectOption({ label: 'Utbildning och skola' });
    await page.getByLabel('Namn (valfritt)', { exact: true }).fill('Rektor Testsson');
    await page.getByLabel('E-postadress (valfritt)', { exact: true }).fill('rektor@mellerud.example');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'En respondent är tillagd' }).waitFor();

    const row = page.getByRole('row').filter({ hasText: 'Rektor Testsson' });
    await row.waitFor();
    assert.match(await row.innerText(), /Rektor Testsson\s+rektor@mellerud\.example\s+Verksamhetsnära\s+Utbildning och skola\s+Ej inbjuden/);
    const link = page.getByLabel('Personlig länk för Rektor Testsson');
    const value = await link.inputValue();
    const m = TOKEN_LINK.exec(value);
    assert.ok(m, `länken ${value}`);
    token = m[1];
    assert.ok(value.startsWith('http://samverka.test/svar/'), value);

    await page.getByRole('button', { name: 'Skicka inbjudningar' }).click();
    await page.getByRole('alertdialog', { name: 'Skicka inbjudningar?' }).getByRole('button', { name: 'Ja, skicka till 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Inbjudan skickades till 1 respondenter.' }).waitFor();
    await row.getByText('Inbjuden', { exact: true }).waitFor();
    await assertAccessible(page, 'kommunens respondenter');
    const mail = await web.t.db.query<{ to_address: string }>(`SELECT to_address FROM outbox WHERE body LIKE '%' || $1 || '%'`, [token]);
    assert.deepEqual(
      mail.rows.map((r) => r.to_address),
      ['rektor@mellerud.example'],
    );
  });

  it('respondenten svarar på mobilen, laddar om, finner svaren kvar och skickar in', async () => {
    const page = await web.newPage({ width: 375, height: 667 });
    await page.goto(`${web.base}/svar/${token}`);
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    // Verksamhetsnära sees the 20 items not routed only to IT-nära (28 − 8).
    await page.getByText('0 av 20 frågor besvarade').waitFor();
    await page.getByRole('heading', { name: 'Del 1 av 5: Mellankommunal samverkan' }).waitFor();
    await assertAccessible(page, 'respondentformuläret 375 px');
    assert.ok(
      (await page.evaluate(() => document.documentElement.scrollWidth)) <= 375,
      'sidan ska inte skrollas i sidled på 375 px',
    );

    const q1 = page.getByRole('group', { name: /^1\. Vår förvaltning har goda erfarenheter/ });
    const q2 = page.getByRole('group', { name: /^2\. Min förvaltningsledning är positiva/ });
    await q1.getByRole('radio', { name: 'Stämmer ganska bra' }).check();
    await page.getByRole('status').filter({ hasText: /^Sparat$/ }).waitFor();
    await q2.getByRole('radio', { name: 'Vet ej' }).check();
    await page.getByText('2 av 20 frågor besvarade').waitFor();
    await page.getByRole('status').filter({ hasText: /^Sparat$/ }).waitFor();

    // A save that fails keeps what was typed and says so; retrying saves it.
    await page.route('**/answers/samverkan-initiativ', (r) => r.abort());
    const q3 = page.getByLabel(/^3\. Finns det specifika initiativ/);
    await q3.fill('Gemensam e-arkivlösning');
    await q3.blur();
    await page.getByRole('status').filter({ hasText: 'Svaret på fråga 3 kunde inte sparas' }).waitFor();
    assert.equal(await q3.inputValue(), 'Gemensam e-arkivlösning');
    await assertAccessible(page, 'respondentformuläret med sparfel');
    await page.unroute('**/answers/samverkan-initiativ');
    await page.getByRole('button', { name: 'Försök spara igen (fråga 3)' }).click();
    await page.getByText('3 av 20 frågor besvarade').waitFor();
    await page.getByRole('status').filter({ hasText: /^Sparat$/ }).waitFor();

    await page.reload();
    await page.getByText('3 av 20 frågor besvarade').waitFor();
    assert.equal(await q1.getByRole('radio', { name: 'Stämmer ganska bra' }).isChecked(), true);
    assert.equal(await q2.getByRole('radio', { name: 'Vet ej' }).isChecked(), true);
    assert.equal(await q1.getByRole('radio', { name: 'Stämmer helt' }).isChecked(), false);
    assert.equal(await page.getByLabel(/^3\. Finns det specifika initiativ/).inputValue(), 'Gemensam e-arkivlösning');

    const saved = await web.t.db.query<{ item_id: string; value: unknown }>(
      `SELECT a.item_id, a.value FROM answers a JOIN respondents p ON p.id = a.respondent_id WHERE p.token = $1 ORDER BY a.item_id`,
      [token],
    );
    assert.deepEqual(saved.rows, [
      { item_id: 'samverkan-erfarenhet', value: 'stammer-ganska-bra' },
      { item_id: 'samverkan-initiativ', value: 'Gemensam e-arkivlösning' },
      { item_id: 'samverkan-ledning-positiv', value: 'vet_ej' },
    ]);

    // Every part of the form fits the phone's width and passes axe.
    for (const [n, label] of ['Styrning', 'Organisation', 'Ekonomi', 'Teknik'].entries()) {
      await page.getByRole('button', { name: 'Nästa' }).click();
      await page.getByRole('heading', { name: `Del ${n + 2} av 5: ${label}` }).waitFor();
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 375, `${label}: ingen sidledsskroll på 375 px`);
      await assertAccessible(page, `respondentformuläret, ${label}`);
    }
    await page.getByRole('navigation', { name: 'Enkätens delar' }).getByRole('button', { name: 'Skicka in' }).click();
    await page.getByRole('heading', { name: 'Skicka in dina svar' }).waitFor();
    await page.getByText('Du har besvarat 3 av 20 frågor.').waitFor();
    await page.getByRole('button', { name: 'Skicka in svaren' }).click();
    await page.getByRole('heading', { name: 'Vill du skicka in dina svar?' }).waitFor();
    await assertAccessible(page, 'bekräfta inskickning');
    await page.getByRole('button', { name: 'Ja, skicka in' }).click();
    await page.getByText('Dina svar är inskickade. Tack för din medverkan!').waitFor();
    await assertAccessible(page, 'inskickat');

    const again = await web.newPage({ width: 375, height: 667 });
    await again.goto(`${web.base}/svar/${token}`);
    await again.getByText('Dina svar är inskickade. Tack för din medverkan!').waitFor();
    assert.equal(await again.getByRole('radio').count(), 0);
    await assertAccessible(again, 'inskickad länk');
  });

  it('svarsfrekvensen visar 1 inskickad av 1 för kommunen och i mätomgången', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.mellerud);
    await page.goto(`${web.base}/matomgangar/${roundId}/kommuner/1461`);
    const byRole = page.getByRole('table', { name: /^Per roll/ });
    await byRole.waitFor();
    const vn = byRole.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Verksamhetsnära' }) });
    assert.deepEqual(await vn.getByRole('cell').allInnerTexts(), ['1', '1 (100 %)', '1 (100 %)', '1 (100 %)']);
    const it = byRole.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'IT-nära' }) });
    assert.deepEqual(await it.getByRole('cell').allInnerTexts(), ['0', '0', '0', '0']);
    const byArea = page.getByRole('table', { name: /^Per verksamhetsområde/ });
    const edu = byArea.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Utbildning och skola' }) });
    assert.deepEqual(await edu.getByRole('cell').allInnerTexts(), ['1', '1 (100 %)', '1 (100 %)', '1 (100 %)']);
    await page.getByRole('row').filter({ hasText: 'Rektor Testsson' }).getByText('Inskickad').waitFor();
    await assertAccessible(page, 'svarsfrekvens kommun');

    const admin = await web.newPage();
    await signIn(admin, web.base, DEMO.admin);
    await admin.goto(`${web.base}/matomgangar/${roundId}`);
    const mellerud = admin.getByRole('row').filter({ has: admin.getByRole('link', { name: 'Mellerud' }) });
    await mellerud.waitFor();
    assert.deepEqual(await mellerud.getByRole('cell').allInnerTexts(), ['1', '1', '1', '1', '100 %']);
    await admin.getByRole('table', { name: /^Per roll/ }).waitFor();
    await assertAccessible(admin, 'svarsfrekvens mätomgång');
    await admin.goto(`${web.base}/matomgangar`);
    const listRow = admin.getByRole('row').filter({ has: admin.getByRole('link', { name: TITLE }) });
    await listRow.getByText('1 av 1 (100 %)').waitFor();
  });

  it('stängd mätomgång och okänd länk ger tydliga meddelanden', async () => {
    const mellerud = await loggedIn(web.t.app, DEMO.mellerud);
    const added = await mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents`, { respondentType: 'it-nara' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const other = TOKEN_LINK.exec(added.body.respondents[0].link)![1];

    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/matomgangar/${roundId}`);
    await page.getByRole('button', { name: 'Stäng mätomgången' }).click();
    const closing = page.getByRole('alertdialog', { name: 'Stäng mätomgången?' });
    // 2 respondents in Mellerud: 1 submitted, the new one not started; its link is the one open link.
    await closing.getByText('1 av 2 respondenter har skickat in sina svar; 0 har påbörjat utan att skicka in.').waitFor();
    await closing.getByText('1 öppna länkar slutar fungera: inga fler svar tas emot.').waitFor();
    await closing.getByRole('button', { name: 'Ja, stäng mätomgången' }).click();
    await page.getByRole('button', { name: 'Öppna igen' }).waitFor();

    const respondent = await web.newPage({ width: 375, height: 667 });
    await respondent.goto(`${web.base}/svar/${other}`);
    await respondent.getByText(/^Mätomgången är stängd\. Det går inte längre att lämna eller ändra svar/).waitFor();
    await assertAccessible(respondent, 'stängd mätomgång');
    await respondent.goto(`${web.base}/svar/${'x'.repeat(43)}`);
    await respondent.getByRole('heading', { name: 'Länken fungerar inte' }).waitFor();
    await assertAccessible(respondent, 'okänd länk');

    await page.getByRole('button', { name: 'Öppna igen' }).click();
    await page.getByRole('alertdialog', { name: 'Öppna mätomgången igen?' }).getByRole('button', { name: 'Ja, öppna igen' }).click();
    await page.getByRole('button', { name: 'Stäng mätomgången' }).waitFor();
    await respondent.goto(`${web.base}/svar/${other}`);
    // IT-nära sees 25 items (28 − 3 routed only to verksamhetsnära).
    await respondent.getByText('0 av 25 frågor besvarade').waitFor();
  });

  it('självskattning: kommunansvarig besvarar via Besvara självskattningen', async () => {
    const admin = await loggedIn(web.t.app, DEMO.admin);
    const created = await admin.post('/api/rounds', {
      instrument: 'informationssakerhet',
      title: SELF_TITLE,
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      municipalities: ['1461', '1460'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const selfId = created.body.round.id as number;
    assert.equal((await admin.post(`/api/rounds/${selfId}/open`)).status, 200);

    const page = await web.newPage({ width: 375, height: 667 });
    await signIn(page, web.base, DEMO.mellerud);
    await page.goto(`${web.base}/matomgangar/${selfId}/kommuner/1461`);
    await page.getByRole('heading', { name: `${SELF_TITLE} – Mellerud` }).waitFor();
    await assertAccessible(page, 'självskattning kommun');
    await page.getByRole('button', { name: 'Besvara självskattningen' }).click();
    await page.waitForURL(TOKEN_LINK);
    await page.getByText('0 av 9 frågor besvarade').waitFor();

    await page.getByRole('heading', { name: 'Del 1 av 2: Roller och resurser' }).waitFor();
    const hours = page.getByLabel(/^2\. Hur mycket tid per arbetsvecka/);
    await hours.fill('50');
    await hours.blur();
    await page.getByText('Värdet måste vara mellan 0 och 40.').first().waitFor();
    assert.equal(await hours.inputValue(), '50');
    await assertAccessible(page, 'självskattning med fel');
    await hours.fill('12,5');
    await hours.blur();
    await page.getByText('1 av 9 frågor besvarade').waitFor();

    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Del 2 av 2: Etablerade arbetssätt' }).waitFor();
    const risk = page.getByRole('group', { name: /^4\. Har ni ett etablerat arbetssätt så att informationssäkerhetsriskerna hanteras/ });
    // Degree of implementation is asked only after "Ja".
    assert.equal(await risk.getByRole('radio', { name: 'I hög grad' }).count(), 0);
    await risk.getByRole('radio', { name: 'Ja' }).check();
    await risk.getByRole('radio', { name: 'I hög grad' }).check();
    await page.getByText('2 av 9 frågor besvarade').waitFor();
    await page.getByRole('status').filter({ hasText: /^Sparat$/ }).waitFor();

    const saved = await web.t.db.query<{ item_id: string; value: unknown; source: string }>(
      `SELECT a.item_id, a.value, p.source FROM answers a JOIN respondents p ON p.id = a.respondent_id
        WHERE p.round_id = $1 AND p.municipality_code = '1461' ORDER BY a.item_id`,
      [selfId],
    );
    assert.deepEqual(saved.rows, [
      { item_id: 'ciso-timmar', value: 12.5, source: 'self' },
      { item_id: 'riskhantering', value: { answer: 'ja', degree: 'hog-grad' }, source: 'self' },
    ]);
    await assertAccessible(page, 'självskattningsformuläret');
    await page.goto(`${web.base}/matomgangar/${selfId}/kommuner/1461`);
    await page.getByText('Påbörjad: 2 frågor besvarade.').waitFor();
  });

  it('import: förhandsgranskning med fel per rad och kolumn, hoppa över felaktiga rader, bekräfta', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/matomgangar/${roundId}/import`);
    await page.getByRole('heading', { name: 'Importera svar', level: 1 }).waitFor();
    await assertAccessible(page, 'import');
    const csv = [
      'kommun,respondenttyp,verksamhetsområde,samverkan-erfarenhet,portfoljstyrning',
      '1461,verksamhetsnara,Ekonomi,Stämmer bra,Delvis etablerad',
      '1435,it-nara,,Stämmer helt,',
      '1460,it-nara,IT,Kanske,Vet ej',
    ].join('\n');
    await page.getByLabel('Fil med svar (CSV eller XLSX)').setInputFiles({ name: 'svar.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByText('3 rader lästa: 1 godkända, 2 fel.').waitFor();
    const errors = page.getByRole('table', { name: /^Fel per rad och kolumn/ });
    const rows = await errors.locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 2);
    assert.match(rows[0], /^3\s+kommun\s+Kommunen 1435 ingår inte i mätomgången/);
    assert.match(rows[1], /^4\s+samverkan-erfarenhet\s+/);
    assert.equal(await page.getByRole('button', { name: /Importera \d+ godkända rader/ }).count(), 0);
    await assertAccessible(page, 'import förhandsgranskning');

    await page.getByRole('checkbox', { name: 'Hoppa över felaktiga rader' }).check();
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('button', { name: 'Importera 1 godkända rader' }).click();
    await page.getByText('Importen är klar: 1 rader sparades.').waitFor();
    const imported = await web.t.db.query<{ municipality_code: string; area: string; n: number }>(
      `SELECT p.municipality_code, p.area, (SELECT count(*)::int FROM answers a WHERE a.respondent_id = p.id) AS n
         FROM respondents p WHERE p.round_id = $1 AND p.source = 'import'`,
      [roundId],
    );
    assert.deepEqual(imported.rows, [{ municipality_code: '1461', area: 'ekonomi', n: 2 }]);
  });
});
