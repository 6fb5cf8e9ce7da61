// Respondents at scale in Chromium: Mellerud's kommunansvarig imports 40 respondents from an XLSX
// file through the preview (a file with errors first: nothing added), pastes rows from Excel (a
// duplicate is reported), previews the invitation, confirms the send in a dialog (Escape cancels and
// focus returns) and sees who was invited; the table fits 1366 px with its actions; axe throughout.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { DEMO, loggedIn } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';

const TITLE = 'Respondentimport webbtest 2026';
const AREAS = ['Ekonomi', 'IT', 'Utbildning och skola', 'HR och personal'];

async function writeXlsx(path: string, rows: unknown[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Respondenter');
  for (const r of rows) ws.addRow(r);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

describe('respondenter i stor skala i Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samverka-respweb-'));
  const good = join(dir, 'respondenter.xlsx');
  const bad = join(dir, 'respondenter-fel.xlsx');
  let roundId = 0;
  const people = Array.from({ length: 40 }, (_, i) => [
    `Person ${String(i + 1).padStart(2, '0')}`,
    `person${i + 1}@mellerud.example`,
    i % 2 ? 'Verksamhetsnära' : 'it-nara',
    AREAS[i % AREAS.length],
  ]);

  const web = browserSuite({
    seed: async (t) => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const r = await admin.post('/api/rounds', {
        instrument: 'statusenkat',
        title: TITLE,
        periodStart: '2026-02-01',
        periodEnd: '2026-03-31',
        municipalities: ['1461'],
        contactName: 'Kim Strateg',
      });
      assert.equal(r.status, 201);
      roundId = r.body.round.id;
      assert.equal((await admin.post(`/api/rounds/${roundId}/open`)).status, 200);
      await writeXlsx(good, [['Namn', 'E-postadress', 'Roll', 'Verksamhetsområde'], ...people]);
      await writeXlsx(bad, [['Name', 'Email', 'Type', 'Area'], ['Fel Ett', 'fel@', 'it-nara', 'IT'], ['Fel Två', 'tva@mellerud.example', 'Chef', 'IT'], ...people.slice(0, 3)]);
    },
    teardown: async () => rmSync(dir, { recursive: true, force: true }),
    viewport: { width: 1366, height: 900 },
  });
  const count = async () =>
    (await web.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1', [roundId])).rows[0].n;

  it('importerar 40 respondenter från XLSX via förhandsgranskning; fel först, inget sparat', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.mellerud);
    await page.goto(`${web.base}/matomgangar/${roundId}/kommuner/1461`);
    await page.getByRole('heading', { name: `${TITLE} – Mellerud`, level: 1 }).waitFor();
    const section = page.getByRole('region', { name: 'Importera respondenter' });

    await section.getByLabel('Fil med respondenter (CSV eller XLSX)').setInputFiles(bad);
    await section.getByRole('button', { name: 'Förhandsgranska' }).click();
    await section.getByText('5 rader lästa: 3 läggs till, 0 dubbletter, 2 fel.').waitFor();
    await section.getByRole('alert').filter({ hasText: 'Inget sparas så länge fel finns' }).waitFor();
    const errorRow = section.getByRole('row').filter({ hasText: 'fel@' });
    await errorRow.waitFor();
    assert.match(await errorRow.getAttribute('class') ?? '', /row-error/);
    assert.match(await errorRow.innerText(), /^2\b[\s\S]*E-post: "fel@" är ingen giltig e-postadress \(kolumn Email\)/);
    assert.match(await section.getByRole('row').filter({ hasText: 'Chef' }).innerText(), /^3\b[\s\S]*Respondenttyp: okänd respondenttyp "Chef".*\(kolumn Type\)/);
    assert.equal(await section.getByRole('button', { name: /^Lägg till \d+ respondenter$/ }).count(), 0, 'ingen knapp för att lägga till när fel finns');
    await assertAccessible(page, 'förhandsgranskning med fel');
    assert.equal(await count(), 0);

    await section.getByLabel('Fil med respondenter (CSV eller XLSX)').setInputFiles(good);
    await section.getByRole('button', { name: 'Förhandsgranska' }).click();
    await section.getByText('40 rader lästa: 40 läggs till, 0 dubbletter, 0 fel.').waitFor();
    const first = section.getByRole('row').filter({ hasText: 'person1@mellerud.example' }).first();
    assert.match(await first.innerText(), /^2\s+Person 01\s+person1@mellerud\.example\s+IT-nära\s+Ekonomi\s+Läggs till$/);
    assert.match(await section.getByRole('row').filter({ hasText: 'person40@' }).innerText(), /^41\s+Person 40\s+person40@mellerud\.example\s+Verksamhetsnära\s+HR och personal/);
    await assertAccessible(page, 'förhandsgranskning');
    assert.equal(await count(), 0, 'förhandsgranskningen sparar inget');
    await section.getByRole('button', { name: 'Lägg till 40 respondenter' }).click();
    await page.getByRole('status').filter({ hasText: '40 respondenter är importerade.' }).waitFor();
    await page.getByText('Respondenter i urvalet (40)').waitFor();
    assert.equal(await count(), 40);
    const stored = await web.t.db.query<{ name: string; email: string; respondent_type: string; area: string }>(
      'SELECT name, email, respondent_type, area FROM respondents WHERE round_id = $1 ORDER BY id LIMIT 2',
      [roundId],
    );
    assert.deepEqual(stored.rows, [
      { name: 'Person 01', email: 'person1@mellerud.example', respondent_type: 'it-nara', area: 'ekonomi' },
      { name: 'Person 02', email: 'person2@mellerud.example', respondent_type: 'verksamhetsnara', area: 'it' },
    ]);
  });

  it('klistrar in rader från Excel: dubbletten rapporteras och läggs inte till', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.mellerud);
    await page.goto(`${web.base}/matomgangar/${roundId}/kommuner/1461`);
    const section = page.getByRole('region', { name: 'Importera respondenter' });
    await section.getByRole('radio', { name: 'Klistra in från Excel' }).check();
    await section.getByLabel('Rader från Excel').fill('Namn\tE-post\tRoll\nNy Person\tny@mellerud.example\tIT-nära\nDubbel\tPERSON5@mellerud.example\tit-nara');
    await section.getByRole('button', { name: 'Förhandsgranska' }).click();
    await section.getByText('2 rader lästa: 1 läggs till, 1 dubbletter, 0 fel.').waitFor();
    await section.getByText('PERSON5@mellerud.example finns redan bland kommunens respondenter och läggs inte till igen.').waitFor();
    await section.getByRole('button', { name: 'Lägg till 1 respondenter' }).click();
    await page.getByText('Respondenter i urvalet (41)').waitFor();
    assert.equal(await count(), 41);

    // Another municipality's page: the 403 panel only, decided from the role before any request.
    const failed: string[] = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    await page.goto(`${web.base}/matomgangar/${roundId}/kommuner/1460`);
    await page.getByText('Du har inte tillgång till den här kommunens respondenter och svar.').waitFor();
    assert.equal(await page.locator('form').count(), 0);
    assert.deepEqual(failed, []);
  });

  it('förhandsvisar inbjudan, bekräftar utskicket i en dialog och ser vem som är inbjuden; tabellen ryms i 1366 px', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.mellerud);
    await page.goto(`${web.base}/matomgangar/${roundId}/kommuner/1461`);
    await page.getByText('Respondenter i urvalet (41)').waitFor();
    await page.getByRole('button', { name: 'Lägg till', exact: true }).waitFor();
    // The form checks with the endpoint's own schema: the message beside the field, nothing sent.
    const email = page.getByLabel('E-postadress (valfritt)', { exact: true });
    await email.fill('utan-snabel-a');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.locator('#resp-email-error').getByText('Ange en giltig e-postadress').waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.match((await email.getAttribute('aria-describedby')) ?? '', /resp-email-error/);
    await page.getByLabel('Antal', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.locator('#resp-count-error').getByText('Ange minst 1').waitFor();
    await page.getByText('Respondenter i urvalet (41)').waitFor();
    // One respondent without e-mail: the summary counts it.
    await email.fill('');
    await page.getByLabel('Antal', { exact: true }).fill('1');
    await page.getByLabel('Namn (valfritt)', { exact: true }).fill('Utan E-post');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByText('Respondenter i urvalet (42)').waitFor();
    assert.equal(await page.locator('#resp-email-error').count(), 0, 'felen försvinner när formuläret är rätt');

    const mail = page.getByRole('region', { name: 'E-posttexter' });
    await mail.getByText('Exempel: e-post till person1@mellerud.example').waitFor();
    const example = await mail.locator('.mail-body').innerText();
    assert.match(example, /^Hej Person 01!\n\nDu är inbjuden att besvara enkäten/);
    assert.match(example, /sista dag 2026-03-31/);
    assert.match(example, /Med vänliga hälsningar\nKim Strateg$/);
    assert.equal(await mail.getByRole('button', { name: 'Spara texten' }).count(), 0, 'kommunansvarig redigerar inte texterna');

    const send = page.getByRole('button', { name: 'Skicka inbjudningar' });
    await send.click();
    const dialog = page.getByRole('alertdialog', { name: 'Skicka inbjudningar?' });
    await dialog.waitFor();
    await dialog.getByText('En inbjudan med personlig länk skickas med e-post till 41 respondenter:').waitFor();
    await dialog.getByText('1 saknar e-postadress och får inget e-postmeddelande').waitFor();
    await dialog.getByText('och 33 till').waitFor();
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[role="alertdialog"]')), true, 'fokus i dialogen');
    await assertAccessible(page, 'bekräftelsedialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Focus returns to the button that opened the dialog.
    await page.waitForFunction(() => document.activeElement?.textContent === 'Skicka inbjudningar', undefined, { timeout: 5000 });
    assert.equal((await web.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1 AND invited_at IS NOT NULL', [roundId])).rows[0].n, 0);

    await send.click();
    await dialog.getByRole('button', { name: 'Ja, skicka till 41' }).click();
    await page.getByRole('status').filter({ hasText: 'Inbjudan skickades till 41 respondenter. 1 saknar e-postadress' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'person7@mellerud.example' });
    await row.getByText(/^Inbjuden \d{4}-\d\d-\d\d$/).waitFor();
    assert.match(await page.getByRole('row').filter({ hasText: 'Utan E-post' }).innerText(), /Inte inbjuden/);
    await assertAccessible(page, 'kommunens respondenter efter utskick');

    // The table fits 1366 px: no horizontal scroll, the last action button inside the viewport.
    const fit = await page.evaluate(() => {
      const wrap = document.querySelector('table.respondents')!.closest('.table-wrap') as HTMLElement;
      const button = [...document.querySelectorAll('table.respondents tbody tr:first-child td:last-child button')].pop() as HTMLElement;
      return { page: document.documentElement.scrollWidth, wrap: wrap.scrollWidth - wrap.clientWidth, right: button.getBoundingClientRect().right };
    });
    assert.ok(fit.page <= 1366, `sidan är ${fit.page} px bred`);
    assert.equal(fit.wrap, 0, 'tabellen skrollar inte i sidled');
    assert.ok(fit.right <= 1366, `åtgärden slutar vid ${fit.right} px`);
    if (process.env.RESPONDENTS_SCREENSHOT) await page.screenshot({ path: process.env.RESPONDENTS_SCREENSHOT });
  });

  it('förbundsadmin redigerar inbjudan: okänd platshållare visas som fel, sparad text används i exemplet', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/matomgangar/${roundId}/kommuner/1461`);
    const mail = page.getByRole('region', { name: 'E-posttexter' });
    await mail.getByText('Exempel: e-post till person1@mellerud.example').waitFor();
    await mail.getByLabel('Ämnesrad').fill('Svara senast {sista dag}, {förnamn}');
    await mail.getByRole('button', { name: 'Visa exempel' }).click();
    await mail.getByText(/^Ämnesrad: okänd platshållare \{förnamn\}/).waitFor();
    await mail.getByRole('button', { name: 'Spara texten' }).click();
    await mail.getByRole('alert').filter({ hasText: 'Inbjudans ämnesrad: okänd platshållare {förnamn}' }).waitFor();
    await mail.getByLabel('Ämnesrad').fill('Svara senast {sista dag}, {namn}');
    await mail.getByRole('button', { name: 'Spara texten' }).click();
    await mail.getByRole('status').filter({ hasText: 'Inbjudans text är sparad.' }).waitFor();
    await mail.getByText('Svara senast 2026-03-31, Person 01').waitFor();
    const stored = await web.t.db.query<{ invitation_subject: string; invitation_body: string | null }>('SELECT invitation_subject, invitation_body FROM rounds WHERE id = $1', [roundId]);
    assert.deepEqual(stored.rows[0], { invitation_subject: 'Svara senast {sista dag}, {namn}', invitation_body: null });
    await assertAccessible(page, 'e-posttexter för förbundsadmin');
  });
});
