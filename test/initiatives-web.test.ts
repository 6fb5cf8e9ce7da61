// Browser tests of the samverkansportfölj's initiative pages (Chromium + axe): the association's full
// cycle on the demo data (list, new initiative, gate refusal, scores, participation, Prioriterad,
// status report), a concurrent edit refused with 409, a kommunansvarig declaring participation for
// their own municipality only, and a samverkanskandidat in the analysis proposed as an initiative.
//
// Hand-computed expectations (src/demo/initiatives.ts, DEFAULT_CRITERIA and DEFAULT_GATES of
// src/domain/portfolio):
// - the demo portfolio has 13 initiatives, 6 of them in Genomförande (Säker digital kommunikation,
//   Digitala hjälpmedel, IoT-plattform, Öppna data, Millenium, 4D);
// - "Digitala hjälpmedel i samverkan": Socialtjänst, vård och omsorg; 4 participating municipalities
//   (Färgelanda, Åmål, Bengtsfors, Orust); estimated cost 800 000 kr; scored 4, 3, 3, 3, 4, 4, 4:
//   (12+6+3+6+4+4+4)/11 = 39/11 = 3,55 of 5, (39/11 − 1)/4 · 100 = 63,6 %;
// - the new initiative has a qualitative benefit, a benefit estimate and a cost, so Prioriterad is
//   refused only for participation (0 of 2) and the seven unscored criteria;
// - scores 5, 4, 3, 4, 3, 3, 4 with weights 3, 2, 1, 2, 1, 1, 1: Σw·s = 15+8+3+8+3+3+4 = 44, Σw = 11,
//   W = 4.00, P = (4 − 1)/4 · 100 = 75 %;
// - a report with 300 h and 50 000 kr against 1 500 h and 300 000 kr per year: 20 % and 16.7 %.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEMO, loggedIn } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';

/** The texts of a select's options, once the options are there (they are filled in from the API). */
async function optionTexts(select: Locator): Promise<string[]> {
  await select.locator('option').first().waitFor({ state: 'attached' });
  return select.locator('option').allInnerTexts();
}

const TITLE = 'Gemensam e-tjänsteplattform (webbtest)';
const CRITERIA_SCORES: Array<[string, string]> = [
  ['Nytta', '5'],
  ['Antal kommuner', '4'],
  ['Volym och skala', '3'],
  ['Strategisk passform', '4'],
  ['Genomförandeberedskap', '3'],
  ['Finansiering', '3'],
  ['Risk', '4'],
];

describe('samverkansinitiativ i Chromium', () => {
  let id: number;

  const web = browserSuite({ viewport: { width: 1280, height: 900 } });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });
  const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor();

  it('förbundsadmin: portföljen, nytt initiativ, grinden vägrar Prioriterad, poäng, deltagande, statusrapport', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await nav(page).getByRole('link', { name: 'Initiativ', exact: true }).click();
    await page.getByRole('heading', { name: 'Initiativ', level: 1 }).waitFor();
    await page.getByText('Visar 13 av 13 initiativ.').waitFor();
    const demoRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Digitala hjälpmedel i samverkan' }) });
    assert.deepEqual(
      (await demoRow.getByRole('cell').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()),
      ['Socialtjänst, vård och omsorg', 'Genomförande', '4', '800 000 kr', '3,55 av 5 (63,6 %)'],
    );
    await assertAccessible(page, 'initiativlistan');

    // Filters: stage and area.
    await page.getByLabel('Steg', { exact: true }).selectOption({ label: 'Genomförande' });
    await page.getByText('Visar 6 av 13 initiativ.').waitFor();
    await page.getByLabel('Verksamhetsområde', { exact: true }).selectOption({ label: 'Socialtjänst, vård och omsorg' });
    await page.getByText(/^Visar \d+ av 13 initiativ\.$/).waitFor();
    for (const text of await page.locator('tbody tr td:nth-child(3)').allInnerTexts()) assert.equal(text.trim(), 'Genomförande');
    for (const text of await page.locator('tbody tr td:nth-child(2)').allInnerTexts()) assert.equal(text.trim(), 'Socialtjänst, vård och omsorg');
    await demoRow.waitFor();
    await page.getByLabel('Steg', { exact: true }).selectOption({ label: 'Avslutad utan genomförande' });
    await page.getByText('Inga initiativ matchar filtret.').waitFor();

    // New initiative: a client hint for the name, then the server's Swedish 400 at field level.
    await page.getByRole('link', { name: 'Nytt initiativ' }).click();
    await page.getByRole('heading', { name: 'Nytt initiativ', level: 1 }).waitFor();
    await assertAccessible(page, 'nytt initiativ (tomt)');
    await page.getByRole('button', { name: 'Skapa initiativet' }).click();
    await page.getByRole('alert').getByText('Titeln ska ha minst 3 tecken').waitFor();
    assert.equal(await page.getByLabel('Namn på initiativet').getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Namn på initiativet').fill(TITLE);
    await page.getByLabel('Uppskattad kostnad, kronor').fill('-5');
    await page.getByRole('button', { name: 'Skapa initiativet' }).click();
    const cost = page.getByLabel('Uppskattad kostnad, kronor');
    await page.getByRole('alert').getByText(/^Uppskattad kostnad: ska vara ett belopp i hela kronor/).waitFor();
    assert.equal(await cost.getAttribute('aria-invalid'), 'true');
    const describedBy = (await cost.getAttribute('aria-describedby')) ?? '';
    const fieldError = await page.locator(`[id="${describedBy.split(' ').find((x) => x.endsWith('-error'))}"]`).innerText();
    assert.equal(fieldError, 'Ska vara ett belopp i hela kronor: ett heltal, 0 eller större');
    await assertAccessible(page, 'nytt initiativ med fel');
    assert.equal((await web.t.db.query('SELECT 1 FROM initiatives WHERE title = $1', [TITLE])).rows.length, 0, 'inget sparas vid 400');

    await page.getByLabel('Beskrivning').fill('En gemensam plattform för kommunernas e-tjänster.');
    await page.getByLabel('Behov eller problem').fill('Varje kommun förvaltar egna e-tjänster.');
    await page.getByLabel('Verksamhetsområde', { exact: true }).selectOption({ label: 'Administration och kommunikation' });
    await page.getByLabel('Föreslagande kommun').selectOption({ label: 'Uddevalla' });
    await page.getByLabel('Samverkansform').selectOption({ label: 'Samverkan' });
    await page.getByLabel('Startår').fill('2025');
    await page.getByLabel('Slutår').fill('2026');
    await page.getByRole('button', { name: 'Lägg till förmåga eller utmaning' }).click();
    await page.getByLabel('Typ (rad 1)').selectOption({ label: 'Utmaning' });
    await page.getByLabel('Förmåga eller utmaning (rad 1)').fill('Digitala tjänster för medborgare');
    await page.getByLabel('Kvalitativ nytta', { exact: true }).fill('Enklare för medborgarna.');
    await page.getByLabel('Ekonomisk nytta', { exact: true }).fill('Lägre licenskostnader.');
    await page.getByLabel('Operationell nytta', { exact: true }).fill('En förvaltning i stället för fjorton.');
    await page.getByLabel('Frigjord tid, timmar per år').fill('1500');
    await page.getByLabel('Ekonomisk nytta, kronor per år').fill('300 000');
    await cost.fill('1 200 000');
    await page.getByRole('button', { name: 'Lägg till finansieringskälla' }).click();
    await page.getByLabel('Finansieringskälla (rad 1)').selectOption({ label: 'VGR/MRU' });
    await page.getByLabel('Belopp, kronor (rad 1)').fill('600000');
    await page.getByRole('button', { name: 'Lägg till risk' }).click();
    await page.getByLabel('Risk (rad 1)').fill('Olika e-tjänsteplattformar i dag');
    await page.getByLabel('Sannolikhet 1–4 (rad 1)').selectOption('3');
    await page.getByLabel('Konsekvens 1–4 (rad 1)').selectOption('2');
    await page.getByRole('button', { name: 'Lägg till dokument' }).click();
    await page.getByLabel('Dokumentets titel (rad 1)').fill('Förstudie');
    await page.getByLabel('Webbadress (rad 1)').fill('https://example.org/forstudie.pdf');
    await assertAccessible(page, 'nytt initiativ (ifyllt)');
    await page.getByRole('button', { name: 'Skapa initiativet' }).click();

    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await status(page, 'Initiativet är skapat i steget Idé.');
    id = Number(/\/initiativ\/(\d+)$/.exec(page.url())?.[1]);
    assert.ok(id > 0, page.url());
    const admin = await loggedIn(web.t.app, DEMO.admin);
    const saved = (await admin.get(`/api/initiatives/${id}`)).body.initiative;
    assert.deepEqual(
      {
        stage: saved.stage,
        area: saved.area,
        proposing: saved.proposingMunicipality,
        form: saved.collaborationForm,
        cost: saved.estimatedCost,
        benefits: saved.benefits,
        funding: saved.fundingSources,
        risks: saved.risks,
        documents: saved.documents,
        links: saved.links,
        years: [saved.startYear, saved.endYear],
      },
      {
        stage: 'ide',
        area: 'administration',
        proposing: '1485',
        form: 'samverkan',
        cost: 1_200_000,
        benefits: { qualitative: 'Enklare för medborgarna.', economic: 'Lägre licenskostnader.', operational: 'En förvaltning i stället för fjorton.', hoursPerYear: 1500, sekPerYear: 300_000 },
        funding: [{ source: 'vgr_mru', amount: 600_000, note: '' }],
        risks: [{ description: 'Olika e-tjänsteplattformar i dag', probability: 3, consequence: 2 }],
        documents: [{ title: 'Förstudie', url: 'https://example.org/forstudie.pdf' }],
        links: [{ kind: 'utmaning', label: 'Digitala tjänster för medborgare' }],
        years: [2025, 2026],
      },
    );
    await assertAccessible(page, 'initiativets sida (Idé)');

    // Idé → Kvalificering (the gate asks for description, need, area: all given).
    const stageSelect = page.getByLabel('Flytta till steg');
    assert.deepEqual(await optionTexts(stageSelect), ['Kvalificering', 'Avslutad utan genomförande']);
    await stageSelect.selectOption({ label: 'Kvalificering' });
    await page.getByLabel('Skäl till beslutet').fill('Underlaget är komplett för kvalificering.');
    await page.getByRole('button', { name: 'Flytta initiativet' }).click();
    await status(page, 'Initiativet är flyttat till Kvalificering.');

    // Kvalificering → Prioriterad is refused by the gate, with the missing requirements listed.
    await stageSelect.selectOption({ label: 'Prioriterad' });
    await page.getByLabel('Skäl till beslutet').fill('Föreslås för handlingsplanen 2025–2026.');
    await page.getByRole('button', { name: 'Flytta initiativet' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Initiativet kan inte flyttas till Prioriterad' });
    await refusal.waitFor();
    assert.deepEqual(await refusal.getByRole('list', { name: 'Saknade krav' }).getByRole('listitem').allInnerTexts(), [
      'Minst 2 deltagande kommuner krävs (nu 0)',
      'Kvalificeringsbedömning saknas för: Nytta, Antal kommuner, Volym och skala, Strategisk passform, Genomförandeberedskap, Finansiering, Risk',
    ]);
    assert.equal((await admin.get(`/api/initiatives/${id}`)).body.initiative.stage, 'kvalificering');
    await assertAccessible(page, 'initiativets sida med vägrad grind');

    // Qualification scores with justifications.
    for (const [label, score] of CRITERIA_SCORES) {
      await page.getByLabel(`Poäng för ${label}`).selectOption(score);
      await page.getByLabel(`Motivering för ${label}`).fill(`Bedömning av ${label.toLowerCase()} i webbtestet.`);
    }
    await page.getByRole('button', { name: 'Spara bedömningen' }).click();
    await status(page, 'Bedömningen är sparad.');
    await page.getByText('4,00 av 5 (75 %)').first().waitFor();
    const scored = (await admin.get(`/api/initiatives/${id}`)).body.initiative;
    assert.deepEqual(scored.qualification, { score: 4, percent: 75, coverage: 1, complete: true, missing: [] });
    assert.equal(scored.scores.find((s: { criterionId: string }) => s.criterionId === 'risk').justification, 'Bedömning av risk i webbtestet.');

    // The association declares participation for any municipality.
    const partForm = page.getByRole('form', { name: 'Anmäl intresse eller deltagande' });
    assert.equal(await partForm.getByLabel('Kommun', { exact: true }).locator('option').count(), 14);
    for (const name of ['Uddevalla', 'Vänersborg']) {
      await partForm.getByLabel('Kommun', { exact: true }).selectOption({ label: name });
      await partForm.getByLabel('Deltar').check();
      await partForm.getByRole('button', { name: 'Spara anmälan' }).click();
      await status(page, `${name} deltar i initiativet.`);
    }
    await page.getByRole('table', { name: 'Kommuner som deltar (2) eller är intresserade (0)' }).waitFor();

    // Now the gate is open.
    await stageSelect.selectOption({ label: 'Prioriterad' });
    await page.getByText('Kraven för steget är uppfyllda.').waitFor();
    await page.getByLabel('Skäl till beslutet').fill('Prioriteras i handlingsplanen 2025–2026.');
    await page.getByRole('button', { name: 'Flytta initiativet' }).click();
    await status(page, 'Initiativet är flyttat till Prioriterad.');
    const log = page.getByRole('table', { name: /^Stegbeslut: vem, när och varför/ });
    await log.getByRole('cell', { name: 'Prioriteras i handlingsplanen 2025–2026.' }).waitFor();
    const logRows = await log.locator('tbody tr').all();
    assert.deepEqual(
      await Promise.all(logRows.map(async (r) => (await r.locator('td').allInnerTexts()).map((s) => s.trim()))),
      [
        ['–', 'Idé', 'Demo Förbundsadmin', 'Registrerat av förbundet'],
        ['Idé', 'Kvalificering', 'Demo Förbundsadmin', 'Underlaget är komplett för kvalificering.'],
        ['Kvalificering', 'Prioriterad', 'Demo Förbundsadmin', 'Prioriteras i handlingsplanen 2025–2026.'],
      ],
    );

    // Status report: the server's message for a malformed period, then a saved report.
    const reportForm = page.getByRole('form', { name: 'Lämna statusrapport' });
    await reportForm.getByLabel('Period (obligatoriskt)').fill('hösten 2025');
    await reportForm.getByLabel('Framdrift i procent').fill('25');
    await reportForm.getByRole('button', { name: 'Spara statusrapporten' }).click();
    await reportForm.getByRole('alert').getByText(/Perioden ska skrivas 2025, 2025-H1 eller 2025-Q2/).waitFor();
    assert.equal(await reportForm.getByLabel('Period (obligatoriskt)').getAttribute('aria-invalid'), 'true');
    await reportForm.getByLabel('Period (obligatoriskt)').fill('2025-Q3');
    await reportForm.getByLabel('Status', { exact: true }).selectOption({ label: 'Risk för avvikelse' });
    await reportForm.getByLabel('Realiserad frigjord tid under perioden, timmar').fill('300');
    await reportForm.getByLabel('Realiserad ekonomisk nytta under perioden, kronor').fill('50 000');
    await reportForm.getByLabel('Kommentar').fill('Upphandlingen tar längre tid än planerat.');
    await reportForm.getByRole('button', { name: 'Spara statusrapporten' }).click();
    await status(page, 'Statusrapporten för 2025-Q3 är sparad.');
    const reportRow = page.getByRole('table', { name: /^Statusrapporter per period/ }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2025-Q3' }) });
    await reportRow.waitFor();
    assert.deepEqual((await reportRow.getByRole('cell').allInnerTexts()).slice(0, 5).map((s) => s.replace(/\s+/g, ' ').trim()), [
      'Risk för avvikelse',
      '25 %',
      '300 h',
      '50 000 kr',
      'Upphandlingen tar längre tid än planerat.',
    ]);
    const realised = (await page.locator('dt', { hasText: 'Realiserad nytta hittills' }).locator('xpath=following-sibling::dd[1]').innerText()).replace(/\s+/g, ' ');
    assert.equal(realised, '300 h (20 % av ett års beräknad nytta), 50 000 kr (16,7 % av ett års beräknad nytta)');
    const reports = (await admin.get(`/api/initiatives/${id}/reports`)).body;
    assert.deepEqual(
      reports.reports.map((r: Record<string, unknown>) => [r.period, r.status, r.progress, r.realisedHours, r.realisedSek]),
      [['2025-Q3', 'avvikelse', 25, 300, 50_000]],
    );
    await assertAccessible(page, 'initiativets sida (Prioriterad, med statusrapport)');

    // The list shows the new initiative with its stage, participants, cost and score.
    await nav(page).getByRole('link', { name: 'Initiativ', exact: true }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) });
    await row.waitFor();
    assert.deepEqual(
      (await row.getByRole('cell').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()),
      ['Administration och kommunikation', 'Prioriterad', '2', '1 200 000 kr', '4,00 av 5 (75 %)'],
    );
  });

  it('samtidiga ändringar: den senare sparningen vägras med 409, inget skrivs över, sidan erbjuder omladdning', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/initiativ/${id}`);
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ändra uppgifterna' }).click();
    await page.getByLabel('Beskrivning').fill('Min ändring i webbläsaren.');

    // Someone else saves first.
    const other = await loggedIn(web.t.app, DEMO.admin);
    const current = (await other.get(`/api/initiatives/${id}`)).body.initiative;
    const r = await other.patch(`/api/initiatives/${id}`, { version: current.version, description: 'Någon annans ändring.' });
    assert.equal(r.status, 200, JSON.stringify(r.body));

    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Initiativet har ändrats av någon annan' });
    await alert.waitFor();
    assert.equal(await page.getByLabel('Beskrivning').inputValue(), 'Min ändring i webbläsaren.', 'det inskrivna finns kvar');
    const after = (await other.get(`/api/initiatives/${id}`)).body.initiative;
    assert.equal(after.description, 'Någon annans ändring.');
    assert.equal(after.version, current.version + 1);
    await assertAccessible(page, 'initiativ med 409');

    await alert.getByRole('button', { name: 'Ladda om initiativet' }).click();
    await status(page, 'Initiativet är omladdat. Gör om din ändring.');
    await page.getByText('Någon annans ändring.').waitFor();
    // Editing again starts from the new version and saves.
    await page.getByRole('button', { name: 'Ändra uppgifterna' }).click();
    assert.equal(await page.getByLabel('Beskrivning').inputValue(), 'Någon annans ändring.');
    await page.getByLabel('Beskrivning').fill('Min ändring i webbläsaren.');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await status(page, 'Ändringarna är sparade.');
    const final = (await other.get(`/api/initiatives/${id}`)).body.initiative;
    assert.deepEqual([final.description, final.version], ['Min ändring i webbläsaren.', current.version + 2]);
  });

  it('Melleruds kommunansvarig anmäler deltagande bara för Mellerud och föreslår bara för Mellerud', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.mellerud);
    await nav(page).getByRole('link', { name: 'Initiativ', exact: true }).click();
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    // Not the association: no edit (stage Prioriterad), no stage move, no scoring.
    assert.equal(await page.getByRole('button', { name: 'Ändra uppgifterna' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Flytta initiativet' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Spara bedömningen' }).count(), 0);
    // Another municipality's declaration cannot be removed.
    assert.equal(await page.getByRole('button', { name: 'Ta bort anmälan för Uddevalla' }).count(), 0);

    const partForm = page.getByRole('form', { name: 'Anmäl intresse eller deltagande' });
    assert.deepEqual(await optionTexts(partForm.getByLabel('Kommun', { exact: true })), ['Mellerud']);
    await partForm.getByLabel('Deltar').check();
    await partForm.getByRole('button', { name: 'Spara anmälan' }).click();
    await status(page, 'Mellerud deltar i initiativet.');
    const table = page.getByRole('table', { name: 'Kommuner som deltar (3) eller är intresserade (0)' });
    await table.getByRole('rowheader', { name: 'Mellerud' }).waitFor();
    await page.getByRole('button', { name: 'Ta bort anmälan för Mellerud' }).waitFor();
    await assertAccessible(page, 'initiativets sida som kommunansvarig');

    const { rows } = await web.t.db.query<{ municipality_code: string; kind: string }>(
      'SELECT municipality_code, kind FROM initiative_participations WHERE initiative_id = $1 ORDER BY municipality_code',
      [id],
    );
    assert.deepEqual(rows.map((r) => [r.municipality_code, r.kind]), [
      ['1461', 'deltar'],
      ['1485', 'deltar'],
      ['1487', 'deltar'],
    ]);
    // The server refuses another municipality as well (the UI never offers it).
    const mellerud = await loggedIn(web.t.app, DEMO.mellerud);
    assert.equal((await mellerud.request('PUT', `/api/initiatives/${id}/participations/1460`, { kind: 'deltar' })).status, 403);

    // The new-initiative form offers Mellerud only as proposing municipality.
    await nav(page).getByRole('link', { name: 'Initiativ', exact: true }).click();
    await page.getByRole('link', { name: 'Nytt initiativ' }).click();
    await page.getByRole('heading', { name: 'Nytt initiativ', level: 1 }).waitFor();
    assert.deepEqual(await optionTexts(page.getByLabel('Föreslagande kommun')), ['Mellerud']);
  });

  it('läsaren ser portföljen och initiativet men inga formulär', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.reader);
    await nav(page).getByRole('link', { name: 'Initiativ', exact: true }).click();
    await page.getByRole('link', { name: TITLE }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Nytt initiativ' }).count(), 0);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await page.getByRole('table', { name: /^Statusrapporter per period/ }).waitFor();
    assert.equal(await page.locator('main form').count(), 0, 'inga formulär för läsaren');
    assert.equal(await page.getByRole('button', { name: 'Ändra uppgifterna' }).count(), 0);
    await assertAccessible(page, 'initiativets sida som läsare');
  });

  it('en samverkanskandidat i analysen föreslås som initiativ av förbundet och av Melleruds kommunansvarig', async () => {
    const admin = await loggedIn(web.t.app, DEMO.admin);
    const round = (await admin.get('/api/analysis/rounds')).body.rounds.find((r: { title: string }) => r.title === 'Digitaliseringsenkät 2024 – syntetiserade svar (exempel)');
    assert.ok(round, 'demoomgången Digitaliseringsenkät 2024 – syntetiserade svar (exempel)');
    const fig = (await admin.get(`/api/rounds/${round.id}/analysis`)).body.figures.find((f: { id: string }) => f.id === 'samverkanskandidater');
    const cand = fig.rows.find((r: { key: string }) => r.key === 'nyttokalkyler-nyttorealisering');
    assert.ok(cand, 'kandidaten nyttokalkyler-nyttorealisering');

    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/resultat/${round.id}`);
    const form = page.getByRole('form', { name: 'Föreslå som initiativ' });
    await form.getByLabel('Samverkanskandidat').selectOption('nyttokalkyler-nyttorealisering');
    await form.getByRole('button', { name: 'Föreslå som initiativ' }).click();
    await page.getByRole('heading', { name: 'Nytt initiativ från en samverkanskandidat', level: 1 }).waitFor();
    assert.match(page.url(), new RegExp(`/initiativ/nytt\\?round=${round.id}&item=nyttokalkyler-nyttorealisering$`));
    await page.getByText(`${cand.cells.count} av ${cand.cells.n} kommuner med värde`).waitFor();
    const weakList = page.locator('dt', { hasText: /^Svaga kommuner$/ }).locator('xpath=following-sibling::dd[1]');
    await weakList.getByRole('listitem').first().waitFor();
    assert.deepEqual((await weakList.getByRole('listitem').allInnerTexts()).sort(), String(cand.cells.municipalities).split(', ').sort());
    await assertAccessible(page, 'nytt initiativ från samverkanskandidat');
    await page.getByRole('button', { name: 'Skapa initiativet' }).click();
    await status(page, 'Initiativet är skapat från samverkanskandidaten');
    const adminId = Number(/\/initiativ\/(\d+)$/.exec(page.url())?.[1]);
    const created = (await admin.get(`/api/initiatives/${adminId}`)).body.initiative;
    assert.equal(created.stage, 'ide');
    assert.equal(created.title, `Samverkan kring ${cand.cells.item}`);
    assert.deepEqual(created.links, [{ kind: 'formaga', label: cand.cells.item, instrumentId: 'statusenkat', itemId: 'nyttokalkyler-nyttorealisering' }]);
    assert.equal(created.evidence.municipalities.length, cand.cells.count);
    assert.deepEqual(created.participations, [], 'förbundet anmäler inte kommunerna');
    await page.getByRole('heading', { name: 'Underlag: samverkanskandidat i analysen' }).waitFor();
    await assertAccessible(page, 'initiativ från samverkanskandidat');

    // Mellerud: the candidate is weak in Mellerud (own value at or below the threshold).
    const mpage = await web.newPage();
    await signIn(mpage, web.base, DEMO.mellerud);
    await mpage.goto(`${web.base}/resultat/${round.id}`);
    const mform = mpage.getByRole('form', { name: 'Föreslå som initiativ' });
    await mform.getByLabel('Samverkanskandidat').selectOption('nyttokalkyler-nyttorealisering');
    await mform.getByRole('button', { name: 'Föreslå som initiativ' }).click();
    const own = mpage.locator('dt', { hasText: 'Dina kommuner där förmågan är svag' }).locator('xpath=following-sibling::dd[1]');
    await own.getByRole('listitem').first().waitFor();
    assert.deepEqual(await own.getByRole('listitem').allInnerTexts(), ['Mellerud']);
    assert.deepEqual(await optionTexts(mpage.getByLabel('Föreslagande kommun')), ['Mellerud']);
    await mpage.getByLabel('Namn på initiativet').fill('Nyttorealisering i samverkan (Mellerud)');
    await mpage.getByRole('button', { name: 'Skapa initiativet' }).click();
    await mpage.getByRole('heading', { name: 'Nyttorealisering i samverkan (Mellerud)', level: 1 }).waitFor();
    await mpage.getByRole('table', { name: 'Kommuner som deltar (0) eller är intresserade (1)' }).getByRole('rowheader', { name: 'Mellerud' }).waitFor();
    const mid = Number(/\/initiativ\/(\d+)$/.exec(mpage.url())?.[1]);
    const mcreated = (await admin.get(`/api/initiatives/${mid}`)).body.initiative;
    assert.deepEqual(
      [mcreated.proposingMunicipality, mcreated.participations, mcreated.evidence.municipalities],
      ['1461', [{ municipality: '1461', kind: 'intresserad' }], ['1461']],
    );
    // The key user's page shows the evidence without other municipalities' names.
    const evidence = await mpage.getByRole('region', { name: 'Underlag: samverkanskandidat i analysen' }).innerText();
    assert.doesNotMatch(evidence, /Lysekil|Munkedal|Uddevalla/);
  });
});
