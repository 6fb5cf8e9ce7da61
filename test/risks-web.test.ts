// Browser tests of the risk register's pages (Chromium + axe) on the demo data: the 4D group's heatmap,
// Mellerud's matrix, an assessment refused with the contract's Swedish message and a valid one in the
// history, a new risk, a kommunansvarig assessing their own municipality only, and the English labels.
//
// Hand-computed expectations (Förstudierapport 4D, Bilaga 5: 18 risks, "-" kept as not assessed; src/demo/risks.ts):
// - assessed / serious per municipality: Bengtsfors 11/8, Färgelanda 12/11, Mellerud 14/13, Åmål 13/13
//   (the synthesised 2025 follow-up moves two of Mellerud's values 16 → 12 and 12 → 9, both still above 7);
//   not assessed: 7 + 6 + 4 + 5 = 22 "–" cells of 18 × 4 = 72;
// - Mellerud's matrix: the 14 group risks it assessed plus the 3 of its own register (2 × 4 = 8, 3 × 3 = 9,
//   2 × 2 = 4) = 17 assessed, 13 + 2 = 15 serious, 4 not assessed; 5 placed in the matrix (the two 2025
//   follow-ups and the three own), 12 with only the published value;
// - "Kommunen har svårigheter att attrahera …": Mellerud 16 in 2024; a new assessment 3 × 4 = 12 shows as −4.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO, loggedIn } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';

const MELLERUD = '1461';
const BENGTSFORS = '1460';
const FIRST_RISK = 'Kommunen har svårigheter att attrahera och behålla kvalificerad personal';
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('riskregistret i Chromium', () => {
  const web = browserSuite({ viewport: { width: 1280, height: 900 } });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });

  /** The 4D group's id and the id of its first risk, from the API. */
  async function ids() {
    const admin = await loggedIn(web.t.app, DEMO.admin);
    const config = (await admin.get('/api/risks/config')).body as { groups: Array<{ id: number; members: string[] }> };
    const group = config.groups.find((g) => g.members.includes(BENGTSFORS) && g.members.includes(MELLERUD));
    assert.ok(group, 'demo: 4D-gruppen');
    const risks = (await admin.get(`/api/risks?group=${group.id}`)).body.risks as Array<{ id: number; title: string }>;
    const first = risks.find((r) => r.title.startsWith(FIRST_RISK));
    assert.ok(first, 'demo: Bilaga 5:s första risk');
    return { groupId: group.id, riskId: first.id };
  }
  const assessments = async (riskId: number) => Number((await web.t.db.query('SELECT count(*) AS n FROM risk_assessments WHERE risk_id = $1', [riskId])).rows[0].n);

  it('förbundsadmin: registret, 4D-värmekartan och Melleruds matris', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await nav(page).getByRole('link', { name: 'Risker', exact: true }).click();
    await page.getByRole('heading', { name: 'Risker', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Resurs- och kompetenshantering', level: 2 }).waitFor();
    await page.getByText('Syntetiska uppgifter').first().waitFor();
    await assertAccessible(page, 'riskregistret');

    // Filter by municipality (URL parameter) and theme.
    await page.getByLabel('Kommun', { exact: true }).selectOption({ label: 'Mellerud' });
    await page.waitForURL(/kommun=1461/);
    await page.getByLabel('Tema', { exact: true }).selectOption({ label: 'It-säkerhet och teknisk infrastruktur' });
    await page.waitForURL(/tema=it_sakerhet/);
    await page.getByRole('heading', { name: 'Resurs- och kompetenshantering', level: 2 }).waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'It-säkerhet och teknisk infrastruktur', level: 2 }).waitFor();

    // The group's heatmap: counts per municipality and "–" where not assessed.
    const { groupId } = await ids();
    await page.goto(`${web.base}/risker/grupp/${groupId}`);
    const counts = page.getByRole('table', { name: /Antal bedömda och allvarliga risker av 18 per kommun/ });
    await counts.waitFor();
    const rows = await counts.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim())));
    assert.deepEqual(rows, [
      ['Bengtsfors', '11', '8', '11/8'],
      ['Färgelanda', '12', '11', '12/11'],
      ['Mellerud', '14', '13', '14/13'],
      ['Åmål', '13', '13', '13/13'],
    ]);
    const table = page.getByRole('table', { name: 'Riskvärde per risk och kommun' });
    const cells = (await table.locator('tbody td').allInnerTexts()).map(clean);
    assert.equal(cells.length, 72);
    assert.equal(cells.filter((c) => c.startsWith('–')).length, 22);
    assert.ok(cells.filter((c) => c.startsWith('–')).every((c) => c === '– Ej bedömd' || c === '–Ej bedömd'), 'ej bedömd i text');
    assert.ok(cells.some((c) => c === '16 allvarlig'), 'allvarlig i text, inte bara färg');
    assert.ok(!cells.includes('0'), 'aldrig 0 för ej bedömd');
    await page.getByRole('img', { name: /Värmekarta: riskvärde för 18 risker i 4 kommuner/ }).waitFor();
    await assertAccessible(page, 'värmekartan för 4D');

    // Mellerud's matrix.
    await page.getByRole('link', { name: 'Riskmatris för Mellerud' }).click();
    await page.getByRole('heading', { name: 'Riskmatris för Mellerud', level: 1 }).waitFor();
    await page.getByText('17 bedömda risker, varav 15 allvarliga; 4 ej bedömda.').waitFor();
    const matrix = page.getByRole('table', { name: /Riskmatris för Mellerud: risker per sannolikhet/ });
    assert.equal(await matrix.getByRole('link').count(), 5, 'fem risker placerade i matrisen');
    const p2 = clean(await matrix.getByRole('row', { name: /^Sannolikhet 2/ }).innerText());
    assert.match(p2, /Nyckelpersoner|Övergången/);
    const onlyValue = page.getByRole('table', { name: /Risker med bara riskvärde \(12\)/ });
    assert.equal(await onlyValue.locator('tbody tr').count(), 12);
    await page.getByRole('img', { name: /Värmekarta över riskmatrisen för Mellerud: 5 risker placerade/ }).waitFor();
    await assertAccessible(page, 'Melleruds riskmatris');
    await page.context().close();
  });

  it('förbundsadmin: bedömning med sannolikhet 5 vägras, en giltig syns i historiken; ny risk', async () => {
    const { riskId } = await ids();
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/risker/${riskId}`);
    await page.getByRole('heading', { name: 'Ny bedömning', level: 2 }).waitFor();
    await assertAccessible(page, 'en risk');
    const before = await assessments(riskId);
    const history = page.getByRole('table', { name: /Alla bedömningar, äldst först/ });
    const historyRows = await history.locator('tbody tr').count();

    await page.getByLabel('Kommun', { exact: true }).selectOption({ label: 'Mellerud' });
    await page.getByLabel('Sannolikhet (1–4)').fill('5');
    await page.getByLabel('Konsekvens (1–4)').fill('4');
    await page.getByRole('button', { name: 'Spara bedömningen' }).click();
    await page.getByRole('alert').getByText('Sannolikhet: ska vara ett heltal 1–4').waitFor();
    assert.equal(await page.getByLabel('Sannolikhet (1–4)').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'bedömning med fel');
    assert.equal(await assessments(riskId), before, 'inget sparas vid fel');

    await page.getByLabel('Sannolikhet (1–4)').fill('3');
    await page.getByRole('button', { name: 'Spara bedömningen' }).click();
    await page.getByRole('status').filter({ hasText: 'Bedömningen är sparad.' }).waitFor();
    await history.locator('tbody tr').nth(historyRows).waitFor();
    const last = (await history.locator('tbody tr').last().locator('th, td').allInnerTexts()).map(clean);
    assert.equal(last[1], 'Mellerud');
    assert.equal(last[2], '12 allvarlig');
    assert.equal(last[3], '-4', 'förändring från 16');
    assert.equal(last[4], 'Sannolikhet 3 × konsekvens 4 = 12');
    assert.equal(await assessments(riskId), before + 1);

    // Edit the risk's fields: owner and status.
    await page.getByRole('button', { name: 'Ändra uppgifterna' }).click();
    await page.getByLabel('Ägare').fill('Kommundirektörerna i 4D');
    await page.getByLabel('Status').selectOption({ label: 'Åtgärder pågår' });
    await assertAccessible(page, 'riskens redigeringsformulär');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();
    await page.getByText('Kommundirektörerna i 4D').waitFor();

    // A new risk in Mellerud's register.
    await page.goto(`${web.base}/risker/ny`);
    await page.getByRole('heading', { name: 'Ny risk', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Lägg till risken' }).click();
    await page.getByRole('alert').getByText(/beskriv risken/i).waitFor();
    await assertAccessible(page, 'ny risk med fel');
    await page.getByLabel('Register').selectOption({ label: 'Mellerud' });
    await page.getByLabel('Risk (obligatoriskt)').fill('Webbtest: reservkraften räcker inte vid långt elavbrott.');
    await page.getByRole('button', { name: 'Lägg till risken' }).click();
    await page.getByRole('heading', { name: 'Webbtest: reservkraften räcker inte vid långt elavbrott.', level: 1 }).waitFor();
    await page.getByLabel('Kommun', { exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('radio', { name: 'Ej bedömd' }).check();
    await page.getByRole('button', { name: 'Spara bedömningen' }).click();
    await page.getByRole('status').filter({ hasText: 'Bedömningen är sparad.' }).waitFor();

    // Settings: themes and the threshold.
    await page.goto(`${web.base}/risker/installningar`);
    await page.getByLabel('Allvarlig när riskvärdet är över').waitFor();
    assert.equal(await page.getByLabel('Allvarlig när riskvärdet är över').inputValue(), '7');
    await assertAccessible(page, 'teman och gräns');
    await page.context().close();
  });

  it('kommunansvarig Mellerud: bedömer Mellerud men inte Bengtsfors', async () => {
    const { riskId } = await ids();
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.mellerud);
    await page.goto(`${web.base}/risker/${riskId}`);
    await page.getByRole('heading', { name: 'Ny bedömning', level: 2 }).waitFor();
    const options = await page.getByLabel('Kommun', { exact: true }).locator('option').allInnerTexts();
    assert.deepEqual(options, ['Mellerud']);
    await page.getByRole('radio', { name: /Bara riskvärdet/ }).check();
    await page.getByLabel('Riskvärde', { exact: true }).fill('9');
    await page.getByRole('button', { name: 'Spara bedömningen' }).click();
    await page.getByRole('status').filter({ hasText: 'Bedömningen är sparad.' }).waitFor();
    await assertAccessible(page, 'en risk som kommunansvarig');

    const before = await assessments(riskId);
    const mellerud = await loggedIn(web.t.app, DEMO.mellerud);
    const r = await mellerud.post(`/api/risks/${riskId}/assessments`, { municipalityCode: BENGTSFORS, assessedOn: '2026-01-15', assessment: { state: 'valueOnly', value: 4 } });
    assert.equal(r.status, 403);
    assert.equal(await assessments(riskId), before, 'inget sparas för Bengtsfors');
    await page.context().close();
  });

  it('på engelska: riskregistrets etiketter', async () => {
    const { groupId, riskId } = await ids();
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.evaluate(() => localStorage.setItem('samverka.lang', 'en'));
    await page.goto(`${web.base}/risker/grupp/${groupId}`);
    await page.getByRole('heading', { name: 'Assessed and serious risks per municipality', level: 2 }).waitFor();
    await page.getByRole('columnheader', { name: 'Assessed / serious' }).waitFor();
    await page.getByText('16 serious').first().waitFor();
    await page.goto(`${web.base}/risker/${riskId}`);
    await page.getByRole('heading', { name: 'New assessment', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'History', level: 2 }).waitFor();
    await page.getByLabel('Probability (1–4)').waitFor();
    await assertAccessible(page, 'en risk på engelska');
    await page.context().close();
  });
});
