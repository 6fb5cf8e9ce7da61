// Browser tests of the instrument library (Chromium + axe): the list, a version's preview for two
// respondent types, duplicating a version as a draft and editing it, and an upload with errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';

describe('instrumentbiblioteket i Chromium', () => {
  const web = browserSuite();
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });

  it('förbundsadmin ser instrumenten och förhandsvisar statusenkäten som två respondenttyper', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await nav(page).getByRole('link', { name: 'Instrument' }).click();
    await page.getByRole('heading', { name: 'Instrument', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Status för digitalisering – enkät till nyckelpersoner', level: 2 }).waitFor();
    await assertAccessible(page, 'instrumentlistan');

    const table = page.getByRole('table', { name: 'Versioner av Status för digitalisering – enkät till nyckelpersoner' });
    await table.getByRole('link', { name: 'Version 2024.1' }).click();
    await page.getByRole('heading', { name: 'Status för digitalisering – enkät till nyckelpersoner, version 2024.1', level: 1 }).waitFor();

    // IT-nära (the first type) sees 25 questions, among them the routed "teknisk skuld".
    const preview = page.getByRole('region', { name: 'Förhandsvisning för IT-nära' });
    await preview.waitFor();
    const itQuestions = await preview.locator('.question').count();
    assert.equal(itQuestions, 25);
    assert.ok(await preview.getByText('teknisk skuld', { exact: false }).first().isVisible());
    await assertAccessible(page, 'förhandsvisning IT-nära');

    await page.getByRole('radio', { name: /^Verksamhetsnära/ }).check();
    const business = page.getByRole('region', { name: 'Förhandsvisning för Verksamhetsnära' });
    await business.waitFor();
    assert.equal(await business.locator('.question').count(), 20);
    assert.equal(await business.getByText('teknisk skuld', { exact: false }).count(), 0);
    // Answering in the preview works like the form, and nothing is stored.
    const first = business.locator('fieldset.question').first();
    await first.getByRole('radio').first().check();
    assert.equal(await first.getByRole('radio').first().isChecked(), true);
    const answers = await web.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM answers');
    await assertAccessible(page, 'förhandsvisning verksamhetsnära');
    assert.equal((await web.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM answers')).rows[0].n, answers.rows[0].n);

    // Method and sources name the public report, not internal references.
    const method = page.getByRole('region', { name: 'Metod och källor' });
    assert.match(await method.innerText(), /Analysrapport 2024/);
    assert.doesNotMatch(await page.locator('main').innerText(), /seeds\//);
    // The rounds that use the version are listed with links.
    const rounds = page.getByRole('region', { name: 'Mätomgångar som använder versionen' });
    assert.ok((await rounds.getByRole('link').count()) >= 1);
  });

  it('förbundsadmin duplicerar en version, ändrar frågetexten och ser jämförbarheten', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/instrument/informationssakerhet/2024.1`);
    await page.getByRole('heading', { name: 'Informationssäkerhetsarbete, version 2024.1', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Duplicera som utkast' }).click();
    await page.getByRole('heading', { name: 'Informationssäkerhetsarbete, version 2024.2', level: 1 }).waitFor();
    await page.getByText('Utkast: versionen kan ändras tills en mätomgång använder den.').waitFor();
    await page.getByRole('link', { name: 'Redigera utkastet' }).click();
    await page.getByRole('heading', { name: 'Redigera Informationssäkerhetsarbete, version 2024.2', level: 1 }).waitFor();
    await assertAccessible(page, 'redigera utkast');

    const text = page.locator('#f-items-0-text');
    await text.fill('Har kommunen en utsedd informationssäkerhetssamordnare (CISO)?');
    // Moving question 1 down keeps focus on its button.
    await page.getByRole('button', { name: 'Flytta ner fråga 1' }).click();
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    assert.equal(focused, 'Flytta ner fråga 2');
    await page.getByRole('button', { name: 'Spara utkastet' }).click();
    await page.getByText('Utkastet är sparat.').waitFor();

    const saved = await web.t.db.query<{ first: string; second: string }>(
      `SELECT definition->'items'->0->>'id' AS first, definition->'items'->1->>'text' AS second
         FROM instruments WHERE id = 'informationssakerhet' AND version = '2024.2'`,
    );
    // ciso was first: after the move ciso-timmar is first and ciso (with its new text) second.
    assert.equal(saved.rows[0].first, 'ciso-timmar');
    assert.equal(saved.rows[0].second, 'Har kommunen en utsedd informationssäkerhetssamordnare (CISO)?');

    // An empty question text is refused with its path; nothing is stored.
    await page.locator('#f-items-1-text').fill('');
    await page.getByRole('button', { name: 'Spara utkastet' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Utkastet innehåller 1 fel' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /items\[1\]\.text/);
    const still = await web.t.db.query<{ text: string }>(
      `SELECT definition->'items'->1->>'text' AS text FROM instruments WHERE id = 'informationssakerhet' AND version = '2024.2'`,
    );
    assert.equal(still.rows[0].text, 'Har kommunen en utsedd informationssäkerhetssamordnare (CISO)?');

    await page.getByRole('link', { name: 'Tillbaka till versionen' }).click();
    const compat = page.getByRole('region', { name: 'Jämförbarhet med en annan version' });
    await compat.getByText('Mätomgångar på de två versionerna jämförs i analysen.').waitFor();
    const row = compat.getByRole('row').filter({ hasText: 'Har kommunen en utsedd informationssäkerhetssamordnare' });
    assert.match(await row.innerText(), /Jämförbar, med ändrad text/);
    assert.match(await row.innerText(), /Frågetexten har ändrats/);
    await assertAccessible(page, 'version med jämförbarhet');
  });

  it('en uppladdning med fel visar varje fel med sökväg; kommunansvarig kan läsa men inte ändra', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/instrument`);
    await page.getByLabel('… eller klistra in definitionen').fill(
      ['id: prov', 'version: "1"', 'title: Prov', 'mode: survey', 'items:', '  - { id: a, type: scale, scale: saknas, text: A, short: A }', '  - { id: b, type: okand, text: B, short: B }'].join('\n'),
    );
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Filen innehåller 2 fel. Inget har sparats.' });
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /items\[0\]\.scale: Okänd skala "saknas"/);
    assert.match(text, /items\[1\]\.type/);
    await assertAccessible(page, 'uppladdning med fel');
    assert.equal((await web.t.db.query(`SELECT 1 FROM instruments WHERE id = 'prov'`)).rows.length, 0);

    const m = await web.newPage();
    await signIn(m, web.base, DEMO.mellerud);
    await nav(m).getByRole('link', { name: 'Instrument' }).click();
    await m.getByRole('heading', { name: 'Instrument', level: 1 }).waitFor();
    assert.equal(await m.getByRole('button', { name: 'Ladda upp' }).count(), 0);
    await m.goto(`${web.base}/instrument/formagekarta/2024.1`);
    await m.getByRole('region', { name: 'Förhandsvisning för Kommunansvarig (självskattning)' }).waitFor();
    assert.equal(await m.getByRole('button', { name: 'Duplicera som utkast' }).count(), 0);
    await assertAccessible(m, 'förmågekartan som kommunansvarig');
  });
});
