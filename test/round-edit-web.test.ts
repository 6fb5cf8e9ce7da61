// Browser test: the strategist creates a round with the form (default period from today), edits it,
// opens it after a confirmation with the real figures, and deletes a draft after a confirmation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO, loggedIn } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';

const TITLE = 'Statusenkät formtest';
const iso = (d: Date) => d.toLocaleDateString('sv-SE');

describe('mätomgångar som strategen styr, i Chromium', () => {
  const web = browserSuite();
  let roundId: number;

  it('skapar en mätomgång i formuläret med perioden från i dag, ändrar den och öppnar den efter bekräftelse', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/matomgangar/ny`);
    await page.getByRole('heading', { name: 'Ny mätomgång', level: 1 }).waitFor();
    await page.getByLabel('Instrument').selectOption('statusenkat');
    const types = page.getByRole('group', { name: 'Respondenttyper som ingår' });
    await types.getByRole('checkbox', { name: 'IT-nära' }).waitFor();
    // Default period: today and four weeks on (computed here from the calendar, 28 days).
    const today = new Date();
    const end = new Date(today);
    end.setDate(end.getDate() + 28);
    assert.equal(await page.getByLabel('Periodens början').inputValue(), iso(today));
    assert.equal(await page.getByLabel('Periodens slut').inputValue(), iso(end));
    assert.equal(await types.getByRole('checkbox', { name: 'IT-nära' }).isChecked(), true);
    // The version: the built-in 2024.1, with a link to read its questions.
    assert.equal(await page.getByLabel('Version').inputValue(), '2024.1');
    assert.equal(await page.getByRole('link', { name: 'Läs frågorna i version 2024.1' }).getAttribute('href'), '/instrument/statusenkat/2024.1');
    await types.getByRole('checkbox', { name: 'IT-nära' }).uncheck();
    await page.getByLabel('Rubrik').fill(TITLE);
    await page.getByRole('checkbox', { name: 'Tanum' }).uncheck();
    await page.getByLabel('Introduktion').fill('Vi kartlägger hur kommunerna arbetar med digitalisering.');
    await page.getByLabel('Kontaktperson', { exact: true }).fill('Anna Strateg');
    await page.getByLabel('Kontaktpersonens e-postadress').fill('anna@fyrbodal.example');
    // The round's schema checks the form: its Swedish message stands beside the field, nothing is sent.
    await page.getByLabel('Beräknad tid i minuter').fill('601');
    await page.getByRole('button', { name: 'Skapa mätomgången' }).click();
    await page.getByText('Beräknad tid: högst 600 minuter').waitFor();
    assert.equal(await page.getByLabel('Beräknad tid i minuter').getAttribute('aria-invalid'), 'true');
    assert.equal((await web.t.db.query('SELECT 1 FROM rounds WHERE title = $1', [TITLE])).rows.length, 0);
    await assertAccessible(page, 'fel bredvid fältet');
    await page.getByLabel('Beräknad tid i minuter').fill('15');
    await assertAccessible(page, 'ny mätomgång med alla fält');
    await page.getByRole('button', { name: 'Skapa mätomgången' }).click();

    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Mätomgången är skapad som utkast' }).waitFor();
    roundId = Number(/\/matomgangar\/(\d+)$/.exec(page.url())?.[1]);
    const stored = await web.t.db.query<{ respondent_types: string[]; contact_name: string; estimated_minutes: number; start: string; n: number }>(
      `SELECT respondent_types, contact_name, estimated_minutes, to_char(period_start, 'YYYY-MM-DD') AS start,
              (SELECT count(*)::int FROM round_municipalities m WHERE m.round_id = r.id) AS n
         FROM rounds r WHERE id = $1`,
      [roundId],
    );
    assert.deepEqual(stored.rows[0], { respondent_types: ['verksamhetsnara'], contact_name: 'Anna Strateg', estimated_minutes: 15, start: iso(today), n: 13 });
    // No answers: no CSV download.
    assert.equal(await page.getByRole('link', { name: 'Ladda ner svaren (CSV)' }).count(), 0);

    // Edit: new title, Tanum back in, Åmål out.
    await page.getByRole('link', { name: 'Ändra', exact: true }).click();
    await page.getByRole('heading', { name: `Ändra ${TITLE}`, level: 1 }).waitFor();
    await page.getByRole('checkbox', { name: 'Tanum' }).waitFor();
    assert.equal(await page.getByLabel('Kontaktperson', { exact: true }).inputValue(), 'Anna Strateg');
    await page.getByLabel('Rubrik').fill(`${TITLE} 2027`);
    await page.getByRole('checkbox', { name: 'Tanum' }).check();
    await page.getByRole('checkbox', { name: 'Åmål' }).uncheck();
    await assertAccessible(page, 'ändra utkast');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByRole('heading', { name: `${TITLE} 2027`, level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();
    const codes = await web.t.db.query<{ code: string }>('SELECT municipality_code AS code FROM round_municipalities WHERE round_id = $1', [roundId]);
    assert.ok(codes.rows.some((r) => r.code === '1435') && !codes.rows.some((r) => r.code === '1492'), JSON.stringify(codes.rows));

    // Mellerud adds one respondent with e-mail before the round opens.
    const mellerud = await loggedIn(web.t.app, DEMO.mellerud);
    const added = await mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents`, {
      respondentType: 'verksamhetsnara',
      email: 'rektor@mellerud.example',
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));

    // Open: the confirmation names 13 municipalities, 1 respondent, 0 invited and the end date.
    const openButton = page.getByRole('button', { name: 'Öppna mätomgången' });
    await openButton.click();
    const dialog = page.getByRole('alertdialog', { name: 'Öppna mätomgången?' });
    await dialog.waitFor();
    await dialog.getByText('13 kommuner, 1 respondenter i urvalet, 0 inbjudna.').waitFor();
    await dialog.getByText(`Respondenterna kan svara till och med ${iso(end)}.`).waitFor();
    await dialog.getByText(/1 respondenter med e-postadress väntar på inbjudan/).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Ja, öppna mätomgången');
    await assertAccessible(page, 'bekräfta öppning');
    // Escape cancels and returns focus to the button; nothing changed.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Öppna mätomgången');
    assert.equal((await web.t.db.query<{ status: string }>('SELECT status FROM rounds WHERE id = $1', [roundId])).rows[0].status, 'draft');

    await openButton.click();
    await dialog.getByRole('button', { name: 'Ja, öppna mätomgången' }).click();
    await page.getByRole('status').filter({ hasText: 'Mätomgången är öppnad' }).waitFor();
    await page.getByRole('button', { name: 'Stäng mätomgången' }).waitFor();
    assert.equal((await web.t.db.query<{ status: string }>('SELECT status FROM rounds WHERE id = $1', [roundId])).rows[0].status, 'open');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Stäng mätomgången', 'fokus stannar på knappen');
    assert.equal(await page.getByRole('button', { name: 'Ta bort utkastet' }).count(), 0);
    await assertAccessible(page, 'öppnad mätomgång');

    // Open round: the edit form locks respondent types and the start date.
    await page.getByRole('link', { name: 'Ändra', exact: true }).click();
    await page.getByRole('heading', { name: `Ändra ${TITLE} 2027`, level: 1 }).waitFor();
    await page.getByRole('group', { name: 'Respondenttyper som ingår' }).getByRole('checkbox', { name: 'IT-nära' }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'Respondenttyper som ingår' }).getByRole('checkbox', { name: 'IT-nära' }).isDisabled(), true);
    assert.equal(await page.getByLabel('Periodens början').isDisabled(), true);
    assert.equal(await page.getByRole('checkbox', { name: 'Mellerud' }).isDisabled(), true);
    assert.equal(await page.getByRole('checkbox', { name: 'Åmål' }).isDisabled(), false);
    await assertAccessible(page, 'ändra öppen mätomgång');
  });

  it('tar bort ett utkast efter bekräftelse', async () => {
    const admin = await loggedIn(web.t.app, DEMO.admin);
    const created = await admin.post('/api/rounds', {
      instrument: 'statusenkat',
      title: 'Utkast som tas bort',
      periodStart: '2026-09-01',
      periodEnd: '2026-12-31',
      municipalities: ['1461'],
    });
    const id = created.body.round.id as number;
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/matomgangar/${id}`);
    await page.getByRole('button', { name: 'Ta bort utkastet' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Ta bort utkastet?' });
    await dialog.getByText('Utkastet Utkast som tas bort tas bort med sina kommuner och respondenter.', { exact: false }).waitFor();
    // Destructive: focus starts on Avbryt.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Avbryt');
    await assertAccessible(page, 'bekräfta borttagning');
    await dialog.getByRole('button', { name: 'Ja, ta bort' }).click();
    await page.getByRole('heading', { name: 'Mätomgångar', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Mätomgången Utkast som tas bort är borttagen.' }).waitFor();
    assert.equal((await web.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rounds WHERE id = $1', [id])).rows[0].n, 0);
  });

  it('självskattning: läget per kommun i stället för respondenttabeller', async () => {
    const admin = await loggedIn(web.t.app, DEMO.admin);
    const created = await admin.post('/api/rounds', {
      instrument: 'informationssakerhet',
      title: 'Informationssäkerhet läge webb',
      periodStart: '2026-09-01',
      periodEnd: '2026-12-31',
      municipalities: ['1461', '1460'],
    });
    const id = created.body.round.id as number;
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/matomgangar/${id}`);
    const table = page.getByRole('table', { name: /Självskattningens läge per kommun/ });
    await table.waitFor();
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Mellerud' }) });
    assert.deepEqual(await row.getByRole('cell').allInnerTexts(), ['Ej påbörjad', '0', '–']);
    assert.equal(await page.getByRole('table', { name: /^Per roll/ }).count(), 0);
    await assertAccessible(page, 'självskattningsomgång');
  });
});
