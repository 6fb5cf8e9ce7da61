// Accessibility beyond axe (WCAG 2.1 AA), in Chromium: keyboard-only walks that assert where focus
// lands and that status messages are in live regions present from page load (2.4.3, 4.1.3, 3.3.1),
// the respondent form on a 390 × 844 phone (first question on the first screen, contact person and
// estimated time), reflow at 320 px and at 400 % zoom (1.4.10), the focus ring's contrast computed
// from computed styles (1.4.11), the quadrant letters' contrast, Swedish content marked lang="sv" in
// the English interface (3.1.2), and the warning before a signed-in session ends (2.2.1).
//
// Hand-computed expectations:
// - a Verksamhetsnära respondent of the demo's open Statusenkät round gets the 20 items not routed
//   only to IT-nära (28 − 8), 3 of them free text: 17 × 20 s + 3 × 90 s = 610 s → "cirka 11 minuter";
// - the demo rounds' contact person is "Demo Förbundsadmin", admin@demo.samverka.se;
// - the focus ring must reach 3:1 against white (#ffffff) and the header (#084887);
// - the quadrant letters #6b7684 on white: L = 0.2126·0.1470 + 0.7152·0.1812 + 0.0722·0.2307 ≈ 0.1774,
//   (1.05)/(0.2274) ≈ 4.6:1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BACKGROUND as CHART_BACKGROUND, QUADRANT_LETTER as QUADRANT_LETTER_COLOUR } from '../src/domain/charts/palette.ts';
import { sessionLifetimeSeconds } from '../src/server/auth.ts';
import { createUser } from '../src/store/accounts.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';
import { assertAccessible, browserSuite, launchBrowser, serve, signIn } from './support/browser.ts';
import { backends } from './support/db.ts';

// ---- Contrast (WCAG 2.1 relative luminance) -------------------------------------------------------

type Rgb = [number, number, number];

function parseColour(c: string): { rgb: Rgb; alpha: number } {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c.trim());
  if (hex) return { rgb: [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)], alpha: 1 };
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?\s*\)$/.exec(c.trim());
  assert.ok(m, `colour ${c}`);
  return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], alpha: m[4] === undefined ? 1 : Number(m[4]) };
}

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(parseColour(a).rgb), luminance(parseColour(b).rgb)].sort((x, y) => y - x);
  return (la + 0.05) / (lb + 0.05);
}

/** The focused element's outline (colour, style, width) and the background behind it (first opaque ancestor's). */
async function focusRing(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    let bg = 'rgb(255, 255, 255)';
    for (let p: HTMLElement | null = el.parentElement; p; p = p.parentElement) {
      const c = getComputedStyle(p).backgroundColor;
      if (c && c !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(c)) {
        bg = c;
        break;
      }
    }
    return { tag: el.tagName, text: el.textContent?.trim() ?? '', color: cs.outlineColor, style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), bg };
  });
}

// ---- Keyboard helpers ---------------------------------------------------------------------------

/** What has focus: tag, role, accessible-ish name (text or label), id. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'BODY', text: '', id: '', role: '', label: '', type: '' };
    const label = el.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : (el.closest('label')?.textContent ?? '');
    return {
      tag: el.tagName,
      text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      id: el.id,
      role: el.getAttribute('role') ?? '',
      label: label.replace(/\s+/g, ' ').trim(),
      type: (el as HTMLInputElement).type ?? '',
    };
  });
}

/** Presses Tab (or Shift+Tab) until `match` holds for the focused element; fails after `max` presses. */
async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, opts: { back?: boolean; max?: number } = {}) {
  for (let i = 0; i < (opts.max ?? 80); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    if (match(await focused(page))) return;
  }
  assert.fail(`kom inte till ${what} med tangentbordet (fokus: ${JSON.stringify(await focused(page))})`);
}

const noHorizontalScroll = async (page: Page, what: string, width: number) =>
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, `${what}: ingen sidledsskroll på ${width} px`);

/** A new link respondent (Verksamhetsnära, Utbildning och skola) in the demo's open round for Mellerud. */
async function newRespondentToken(t: TestApp): Promise<string> {
  const c = await loggedIn(t.app, DEMO.mellerud);
  const rounds = (await c.get<{ rounds: Array<{ id: number; status: string; instrument: string }> }>('/api/rounds')).body.rounds;
  const round = rounds.find((r) => r.status === 'open' && r.instrument === 'statusenkat');
  assert.ok(round, 'demons öppna statusenkät');
  const r = await c.post(`/api/rounds/${round.id}/municipalities/1461/respondents`, { respondentType: 'verksamhetsnara', area: 'utbildning' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const token = /\/svar\/([A-Za-z0-9_-]{43})$/.exec(r.body.respondents[0].link)?.[1];
  assert.ok(token);
  return token;
}

describe('tillgänglighet bortom axe i Chromium', () => {
  const web = browserSuite();

  it('respondenten skickar in med bara tangentbordet: fokus på bekräftelsen, statusmeddelanden i regioner från sidladdningen; första frågan syns på 390 × 844', async () => {
    const token = await newRespondentToken(web.t);
    const page = await web.newPage({ width: 390, height: 844 });
    await page.goto(`${web.base}/svar/${token}`);
    await page.getByRole('heading', { name: 'Del 1 av 5: Mellankommunal samverkan' }).waitFor();

    // The first question is on the first screen: its legend and first option lie inside the viewport.
    const q1 = page.getByRole('group', { name: /^1\. Vår förvaltning har goda erfarenheter/ });
    const legend = await q1.locator('legend').boundingBox();
    const firstOption = await q1.getByRole('radio').first().boundingBox();
    assert.ok(legend && firstOption);
    assert.ok(legend.y >= 0 && firstOption.y + firstOption.height <= 844, `första frågan ska synas utan skroll (legend ${legend.y}, alternativ ${firstOption.y})`);

    // "Om enkäten" is collapsed, states the time in its summary and, opened, the contact person.
    const about = page.locator('details.survey-about');
    assert.equal(await about.evaluate((d) => (d as HTMLDetailsElement).open), false);
    assert.match(await about.locator('summary').innerText(), /^Om enkäten \(cirka 11 minuter\)$/);

    // The status region is there, empty, before anything is answered.
    const region = await page.locator('[role="status"][aria-live="polite"].save-status').elementHandle();
    assert.ok(region, 'statusregionen finns från sidladdningen');
    assert.equal(await region.evaluate((e) => e.textContent), '');
    const regionOnLoad = await page.evaluateHandle(() => document.querySelector('.save-status'));

    // Keyboard only: open "Om enkäten" with Enter, then Tab to the first question and choose with Space.
    await tabTo(page, (f) => f.tag === 'SUMMARY', '"Om enkäten"');
    await page.keyboard.press('Enter');
    assert.equal(await about.evaluate((d) => (d as HTMLDetailsElement).open), true);
    const aboutText = await about.innerText();
    assert.match(aboutText, /Det tar cirka 11 minuter att svara\./);
    assert.match(aboutText, /Frågor om enkäten\? Kontakta Demo Förbundsadmin, admin@demo\.samverka\.se\./);
    await page.keyboard.press('Enter'); // collapses it again
    await tabTo(page, (f) => f.tag === 'INPUT' && f.type === 'radio', 'första frågans alternativ');
    assert.equal((await focused(page)).label, 'Stämmer inte alls');
    await page.keyboard.press('ArrowDown'); // moves to and chooses "Stämmer dåligt"
    await page.getByText('1 av 20 frågor besvarade').waitFor();
    await page.waitForFunction(() => document.querySelector('.save-status')?.textContent === 'Sparat');
    assert.equal(await page.evaluate((r) => r === document.querySelector('.save-status'), regionOnLoad), true, 'Sparat i samma region som vid sidladdningen');
    // "Sparat" sits in the page flow and covers nothing.
    assert.equal(await region.evaluate((e) => getComputedStyle(e).position), 'static');

    // "Rensa svaret" goes away with the answer: focus moves to the question, not to the page.
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text.startsWith('Rensa svaret'), '"Rensa svaret"');
    await page.keyboard.press('Enter');
    await page.getByText('0 av 20 frågor besvarade').waitFor();
    const afterClear = await focused(page);
    assert.equal(afterClear.tag, 'INPUT', `fokus efter Rensa svaret: ${JSON.stringify(afterClear)}`);
    assert.equal(afterClear.label, 'Stämmer inte alls');
    await page.keyboard.press('Space');
    await page.getByText('1 av 20 frågor besvarade').waitFor();
    await page.waitForFunction(() => document.querySelector('.save-status')?.textContent === 'Sparat');

    // Back to the parts' navigation, "Skicka in": focus lands on the page's heading.
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Skicka in', 'delen "Skicka in"', { back: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Skicka in dina svar' }).waitFor();
    assert.equal((await focused(page)).text, 'Skicka in dina svar');
    await tabTo(page, (f) => f.text === 'Skicka in svaren', '"Skicka in svaren"');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).text, 'Vill du skicka in dina svar?');

    // "Avbryt" closes the confirmation and returns focus to "Skicka in svaren".
    await tabTo(page, (f) => f.text === 'Avbryt', '"Avbryt"');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).text, 'Skicka in svaren');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.text === 'Ja, skicka in', '"Ja, skicka in"');
    await page.keyboard.press('Enter');

    // The confirmation: in the status region that was there from the start, and focused.
    await page.getByText('Dina svar är inskickade. Tack för din medverkan!').waitFor();
    const after = await focused(page);
    assert.equal(after.role, 'status', `fokus efter inskickning: ${JSON.stringify(after)}`);
    assert.equal(after.text, 'Dina svar är inskickade. Tack för din medverkan!');
    assert.equal(await page.evaluate((r) => r === document.activeElement, regionOnLoad), true, 'bekräftelsen i regionen från sidladdningen');
    await page.getByText('Frågor om enkäten? Kontakta Demo Förbundsadmin, admin@demo.samverka.se.').waitFor();
    await assertAccessible(page, 'inskickat med tangentbordet');
    const done = await web.t.db.query<{ completed: boolean }>('SELECT completed_at IS NOT NULL AS completed FROM respondents WHERE token = $1', [token]);
    assert.deepEqual(done.rows, [{ completed: true }]);
  });

  it('inloggning med fel via tangentbordet: fokus på felsammanfattningen, fälten namnges på svenska och knyts till sina fel', async () => {
    const page = await web.newPage();
    await page.goto(`${web.base}/logga-in`);
    await page.getByRole('heading', { name: 'Logga in', level: 1 }).waitFor();
    const summary = page.locator('.error-summary-region');
    assert.equal(await summary.getAttribute('role'), 'alert', 'sammanfattningens region finns från sidladdningen');

    const email = page.getByLabel('E-postadress');
    const password = page.getByLabel('Lösenord');
    const describedText = async (field: typeof email) => {
      const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
      return Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
    };

    // 1. Empty password and an address without "@": checked in the browser.
    await tabTo(page, (f) => f.label === 'E-postadress', 'E-postadress');
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).label, 'Lösenord');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary-region'));
    let text = await summary.innerText();
    assert.match(text, /E-postadress: ange en giltig e-postadress/);
    assert.match(text, /Lösenord: ange ditt lösenord/);
    assert.doesNotMatch(text, /\bemail\b|\bpassword\b/);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await describedText(email), ['Ange en giltig e-postadress, till exempel namn@kommun.se.']);
    assert.deepEqual(await describedText(password), ['Ange ditt lösenord.']);
    await assertAccessible(page, 'inloggning med fel per fält');

    // The summary's links lead to the fields.
    await page.keyboard.press('Tab');
    assert.match((await focused(page)).text, /^E-postadress: /);
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).label, 'E-postadress');

    // 2. An address the server refuses (no top-level domain): its message is tied to the field, in Swedish.
    await page.keyboard.press('End');
    await page.keyboard.type('@demo');
    await page.keyboard.press('Tab');
    await page.keyboard.type('något-lösenord');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary-region') && !/Lösenord:/.test(document.activeElement.textContent ?? ''));
    text = await summary.innerText();
    assert.match(text, /E-postadress: ange en giltig e-postadress/i);
    assert.doesNotMatch(text, /\bemail\b|Ogiltig indata/);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await password.getAttribute('aria-invalid'), null);

    // 3. A wrong password: one message for the form, both fields described by it; focus on the summary again.
    await email.fill('');
    await email.focus();
    await page.keyboard.type(DEMO.reader);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('fel-lösenord');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Fel e-postadress eller lösenord' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary-region'));
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await describedText(password), ['Fel e-postadress eller lösenord']);
    await assertAccessible(page, 'inloggning med fel lösenord');
  });

  it('glömt och återställ lösenord via tangentbordet: felet knyts till fältet och fokus flyttas dit; en länk utan kod säger vad man gör', async () => {
    const page = await web.newPage();
    const describedText = async (field: ReturnType<Page['getByLabel']>) => {
      const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
      return Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
    };
    await page.goto(`${web.base}/glomt-losenord`);
    await page.getByRole('heading', { name: 'Återställ lösenord', level: 1 }).waitFor();
    // The form's alert and status regions are there before any message.
    assert.equal(await page.locator('form [role="alert"]:empty').count(), 1);
    assert.equal(await page.locator('form [role="status"]:empty').count(), 1);
    await tabTo(page, (f) => f.text === 'Skicka länk', 'Skicka länk');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'email');
    const email = page.getByLabel('E-postadress');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await describedText(email), ['Ange din e-postadress.']);
    await page.keyboard.type('kommunansvarig@mellerud.example');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Om adressen finns skickas en länk' }).waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), null);
    await assertAccessible(page, 'glömt lösenord');

    await page.goto(`${web.base}/aterstall-losenord?token=${'x'.repeat(40)}`);
    await page.getByRole('heading', { name: 'Återställ lösenord', level: 1 }).waitFor();
    const password = page.getByLabel('Nytt lösenord');
    await password.focus();
    await page.keyboard.type('kort');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    assert.deepEqual(await describedText(password), ['Minst 12 tecken', 'Lösenordet måste ha minst 12 tecken.']);
    // A long enough password with an unknown code: the server's answer, and a way on.
    await page.keyboard.type('-men-nu-tillräckligt-långt');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Länken är ogiltig' }).waitFor();
    await page.getByRole('link', { name: 'Begär en ny länk' }).waitFor();
    await assertAccessible(page, 'återställ lösenord med fel');

    await page.goto(`${web.base}/aterstall-losenord`);
    await page.getByText('Länken saknar sin kod').waitFor();
    assert.equal(await page.getByLabel('Nytt lösenord').count(), 0);
    await page.close();
  });

  it('inbjudan, Mitt konto och avaktivering med motivering: axe, fokus i dialogen, statusmeddelanden', async () => {
    const admin = await loggedIn(web.t.app, DEMO.admin);
    const invited = await admin.post('/api/admin/invitations', { email: 'inbjuden@a11y.example.se', name: 'Inbjuden Person', role: 'lasare' });
    assert.equal(invited.status, 201);
    const mail = (await web.t.db.query<{ body: string }>(`SELECT body FROM outbox WHERE to_address = 'inbjuden@a11y.example.se'`)).rows[0].body;
    const link = /\/inbjudan\?token=[A-Za-z0-9_-]+/.exec(mail)![0];
    const page = await web.newPage();
    await page.goto(`${web.base}${link}`);
    await page.getByText('Välkommen, Inbjuden Person!').waitFor();
    await assertAccessible(page, 'inbjudan');
    await page.getByLabel('Lösenord', { exact: true }).fill('ett-långt-lösenord-9');
    await page.getByRole('button', { name: 'Spara lösenordet och logga in' }).click();
    await page.getByText('Du är inloggad som Inbjuden Person (Läsare).').waitFor();
    await page.getByRole('link', { name: 'Mitt konto' }).click();
    await page.getByRole('heading', { name: 'Mitt konto', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Aktiva inloggningar' }).getByText('Den här').waitFor();
    assert.ok(await page.getByRole('cell', { name: 'Inbjudningslänk' }).isVisible());
    await assertAccessible(page, 'mitt konto');
    await page.getByLabel('Nuvarande lösenord').fill('fel-lösenord-123');
    await page.getByLabel('Nytt lösenord').fill('ett-annat-långt-lösenord');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByRole('alert').filter({ hasText: 'lösenordet stämmer inte' }).waitFor();

    const adminPage = await web.newPage();
    await signIn(adminPage, web.base, DEMO.admin);
    await adminPage.goto(`${web.base}/admin/konton`);
    await adminPage.getByRole('button', { name: 'Avaktivera Inbjuden Person' }).click();
    const dialog = adminPage.getByRole('alertdialog', { name: 'Avaktivera Inbjuden Person?' });
    await dialog.waitFor();
    await adminPage.waitForFunction(() => document.activeElement?.getAttribute('name') === 'reason');
    await assertAccessible(adminPage, 'avaktivera-dialogen');
    await dialog.getByRole('button', { name: 'Avaktivera' }).click();
    await dialog.getByText('Ange en motivering; den sparas i händelseloggen.').waitFor();
    await adminPage.keyboard.type('Testar avaktivering');
    await dialog.getByRole('button', { name: 'Avaktivera' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'inbjuden@a11y.example.se är avaktiverat och utloggat.' }).waitFor();
    await adminPage.getByRole('button', { name: 'Återaktivera Inbjuden Person' }).waitFor();
    await assertAccessible(adminPage, 'konton efter avaktivering');
    // The invited person's page stops working at once: the next request is refused.
    await page.reload();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
  });

  it('förbundsadmin skapar ett initiativ med tangentbordet: Ta bort flyttar fokus, efter Skapa står fokus på initiativets rubrik', async () => {
    const title = 'Gemensam kontaktcenterlösning (tangentbordstest)';
    const page = await web.newPage({ width: 1280, height: 900 });
    await signIn(page, web.base, DEMO.admin);
    await page.goto(`${web.base}/initiativ/nytt`);
    await page.getByRole('heading', { name: 'Nytt initiativ', level: 1 }).waitFor();

    await tabTo(page, (f) => f.label.startsWith('Namn på initiativet'), 'Namn på initiativet');
    await page.keyboard.type(title);

    // A row added and removed by keyboard: focus moves to the group's "Lägg till" button, not to the page.
    await tabTo(page, (f) => f.text === 'Lägg till risk', '"Lägg till risk"');
    await page.keyboard.press('Enter');
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text.startsWith('Ta bort'), '"Ta bort" för risken');
    await page.keyboard.press('Enter');
    const afterRemove = await focused(page);
    assert.equal(afterRemove.text, 'Lägg till risk', `fokus efter Ta bort: ${JSON.stringify(afterRemove)}`);

    await tabTo(page, (f) => f.text === 'Skapa initiativet', '"Skapa initiativet"');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.waitForFunction((t) => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === t, title);
    assert.match(page.url(), /\/initiativ\/\d+$/);
    await page.getByRole('status').filter({ hasText: 'Initiativet är skapat i steget Idé.' }).waitFor();
    await assertAccessible(page, 'nytt initiativ skapat');
  });

  it('reflow: respondentens rubrik, initiativformuläret och resultatfiltren på 320 px; sparfelet vid 400 % zoom täcker inget', async () => {
    const token = await newRespondentToken(web.t);
    // 400 % of 1280 × 1024 is 320 × 256 CSS px.
    const page = await web.newPage({ width: 320, height: 256 });
    await page.goto(`${web.base}/svar/${token}`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    await noHorizontalScroll(page, 'respondentformuläret', 320);
    const h = await heading.boundingBox();
    assert.ok(h && h.x + h.width <= 320, 'rubriken ryms på 320 px');

    await page.route('**/answers/**', (r) => r.abort());
    await page.getByRole('group', { name: /^1\. / }).getByRole('radio', { name: 'Stämmer helt' }).check();
    await page.getByRole('status').filter({ hasText: 'Svaret på fråga 1 kunde inte sparas' }).waitFor();
    const box = page.locator('.save-status.save-error');
    // The error box stands in the page flow (it covers nothing) and fits the width.
    assert.equal(await box.evaluate((e) => getComputedStyle(e).position), 'static');
    const b = await box.boundingBox();
    assert.ok(b && b.x >= 0 && b.x + b.width <= 320, 'sparfelet ryms i bredd');
    await noHorizontalScroll(page, 'respondentformuläret med sparfel', 320);
    await page.unroute('**/answers/**');

    const admin = await web.newPage({ width: 320, height: 640 });
    await signIn(admin, web.base, DEMO.admin);
    await admin.goto(`${web.base}/initiativ/nytt`);
    await admin.getByRole('heading', { name: 'Nytt initiativ', level: 1 }).waitFor();
    for (const add of ['Lägg till förmåga eller utmaning', 'Lägg till finansieringskälla', 'Lägg till risk', 'Lägg till dokument'])
      await admin.getByRole('button', { name: add }).click();
    await noHorizontalScroll(admin, 'initiativformuläret', 320);

    const rounds = (await (await loggedIn(web.t.app, DEMO.admin)).get<{ rounds: Array<{ id: number; status: string; instrument: string }> }>('/api/rounds')).body
      .rounds;
    const closed = rounds.filter((r) => r.status === 'closed' && r.instrument === 'statusenkat');
    assert.ok(closed.length > 0);
    for (const path of [`/resultat/${closed[0].id}`, `/resultat/${closed[0].id}/kommun/1461`]) {
      await admin.goto(`${web.base}${path}`);
      await admin.locator('form.results-filters').first().waitFor();
      const over = await admin.evaluate(() =>
        [...document.querySelectorAll('form.results-filters, form.results-filters *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((e) => `${e.tagName}.${e.className}`),
      );
      assert.deepEqual(over, [], `${path}: resultatfiltren ryms på 320 px`);
    }
  });

  it('fokusringen når 3:1 mot vitt och mot sidhuvudet; kvadrantbokstäverna 4,5:1', async () => {
    assert.ok(contrast(QUADRANT_LETTER_COLOUR, CHART_BACKGROUND) >= 4.5, `kvadrantbokstäver ${contrast(QUADRANT_LETTER_COLOUR, CHART_BACKGROUND).toFixed(2)}:1`);
    // The old letters (#c5ccd4) and the old amber ring (#f2a900) fail, as the issue says: the check can fail.
    assert.ok(contrast('#c5ccd4', '#ffffff') < 3 && contrast('#f2a900', '#ffffff') < 3);

    const page = await web.newPage();
    await page.goto(`${web.base}/logga-in`);
    await page.getByRole('heading', { name: 'Logga in', level: 1 }).waitFor();
    // In the header: the language button (on the dark header).
    await tabTo(page, (f) => f.text === 'English', 'språkknappen i sidhuvudet');
    let ring = await focusRing(page);
    assert.equal(ring.style, 'solid');
    assert.ok(ring.width >= 2, `ringens bredd ${ring.width}`);
    assert.equal(parseColour(ring.bg).rgb.join(','), '8,72,135', 'sidhuvudets bakgrund #084887');
    assert.ok(contrast(ring.color, ring.bg) >= 3, `fokusring i sidhuvudet ${ring.color} mot ${ring.bg}: ${contrast(ring.color, ring.bg).toFixed(2)}:1`);
    // On white: the e-mail field and the sign-in button.
    for (const target of ['E-postadress', 'Logga in']) {
      await tabTo(page, (f) => f.label === target || (f.tag === 'BUTTON' && f.text === target), target);
      ring = await focusRing(page);
      assert.equal(ring.style, 'solid');
      assert.equal(parseColour(ring.bg).rgb.join(','), '255,255,255');
      assert.ok(contrast(ring.color, ring.bg) >= 3, `fokusring på ${target}: ${ring.color} mot ${ring.bg}: ${contrast(ring.color, ring.bg).toFixed(2)}:1`);
    }
  });

  it('engelskt gränssnitt: svenska instrumenttexter och serverns meddelanden är märkta lang="sv"', async () => {
    const token = await newRespondentToken(web.t);
    const page = await web.newPage({ width: 1280, height: 900 });
    await page.goto(`${web.base}/svar/${token}`);
    await page.getByRole('button', { name: 'English' }).click();
    // The English texts are a chunk of their own: the page switches once it has loaded.
    await page.getByRole('heading', { name: 'Part 1 of 5: Mellankommunal samverkan' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const q1 = page.getByRole('group', { name: /^1\. Vår förvaltning/ });
    assert.equal(await q1.locator('legend [lang="sv"]').innerText(), 'Vår förvaltning har goda erfarenheter av samarbeten med andra kommuner.');
    assert.equal(await q1.getByText('Stämmer helt').getAttribute('lang'), 'sv');
    assert.equal(await page.locator('h1').getAttribute('lang'), 'sv');
    assert.equal(await page.locator('#section-h [lang="sv"]').innerText(), 'Mellankommunal samverkan');
    await assertAccessible(page, 'respondentformuläret på engelska');

    await page.goto(`${web.base}/logga-in`);
    await page.getByLabel('Email address').fill(DEMO.reader);
    await page.getByLabel('Password').fill('fel-lösenord');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#login-summary').waitFor();
    assert.equal(await page.locator('#login-summary').getAttribute('lang'), 'sv');
    assert.equal(await page.locator('#login-summary').innerText(), 'Fel e-postadress eller lösenord');
  });
});

describe('inloggningen varnar innan den upphör och kan förlängas (2.2.1)', () => {
  // A session of 0.75 minutes (45 s): the warning shows half-way (22.5 s before the end).
  let t: TestApp;
  let base: string;
  let browser: Browser;
  before(async () => {
    t = await startApp(backends[backends.length - 1], { config: { sessionMinutes: 0.75 } });
    base = await serve(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('servern anger sessionens återstående tid; förlängning ger en ny full livslängd', async () => {
    const c = await loggedIn(t.app, DEMO.mellerud);
    const me = await c.get('/api/auth/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.session.lifetimeSeconds, 45);
    assert.ok(me.body.session.expiresInSeconds <= 45 && me.body.session.expiresInSeconds >= 40, JSON.stringify(me.body.session));
    const ext = await c.post('/api/auth/session/extend');
    assert.equal(ext.status, 200);
    assert.deepEqual(ext.body.session, { expiresInSeconds: 45, lifetimeSeconds: 45 });
    // Without the CSRF token the extension is refused like any state-changing call.
    const csrf = c.csrf;
    c.csrf = undefined;
    assert.equal((await c.post('/api/auth/session/extend')).status, 403);
    c.csrf = csrf;
    // Without a session: 401 in Swedish.
    const anon = await t.app.inject({ method: 'POST', url: '/api/auth/session/extend', payload: {} });
    assert.equal(anon.statusCode, 401);
    assert.match(JSON.parse(anon.body).error, /logga in/i);
  });

  it('varningen visas medan ett formulär fylls i, fokus flyttas till Förläng och tillbaka; sessionen lever efter den ursprungliga tiden', async () => {
    const page = await (await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } })).newPage();
    const signedInAt = Date.now();
    await signIn(page, base, DEMO.admin);
    await page.goto(`${base}/initiativ/nytt`);
    const name = page.getByLabel('Namn på initiativet');
    await name.fill('Halvfärdigt förslag');
    await name.focus();
    const region = page.locator('.session-warning');
    assert.equal(await region.getAttribute('role'), 'alert', 'varningens region finns innan varningen');
    assert.equal((await region.innerText()).trim(), '');

    const extend = page.getByRole('button', { name: 'Förläng inloggningen' });
    await extend.waitFor({ timeout: 44_000 });
    assert.ok(Date.now() - signedInAt < 45_000, 'varningen kommer innan sessionen upphör');
    assert.match(await region.innerText(), /Din inloggning upphör om mindre än en minut/);
    assert.equal((await focused(page)).text, 'Förläng inloggningen');
    await assertAccessible(page, 'varning om utloggning');
    await page.keyboard.press('Enter');
    await extend.waitFor({ state: 'detached' });
    // Focus returns to the field being filled, with its text intact.
    const back = await focused(page);
    assert.match(back.label, /^Namn på initiativet/, JSON.stringify(back));
    assert.equal(await name.inputValue(), 'Halvfärdigt förslag');

    // Past the original end (45 s after sign-in) the session is still valid.
    const wait = signedInAt + 46_000 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
    const status = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    assert.equal(status, 200);
  });
});

for (const backend of backends)
  describe(`sessionens livslängd och förlängning i API:t (${backend.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(backend, { demo: false, config: { sessionMinutes: 0.75 } });
      await createUser(t.db, { email: 'lasare@session.test', name: 'Läsare Sessionsson', password: 'ett-langt-losenord-1', role: 'lasare' });
    });
    after(async () => {
      await t?.close();
    });

    it('inloggning och /me anger återstående tid; förlängning ger 45 s igen; en utgången session kan inte förlängas', async () => {
      // Without configuration a session lasts 12 hours.
      assert.equal(sessionLifetimeSeconds({}), 12 * 3600);
      const c = new Client(t.app);
      const login = await c.login('lasare@session.test', 'ett-langt-losenord-1');
      assert.equal(login.status, 200);
      assert.deepEqual(login.body.session, { expiresInSeconds: 45, lifetimeSeconds: 45 });
      const cookie = (login.headers['set-cookie'] as string | string[] | undefined)?.toString() ?? '';
      assert.match(cookie, /Max-Age=45\b/);
      const me = await c.get('/api/auth/me');
      assert.ok(me.body.session.expiresInSeconds >= 40 && me.body.session.expiresInSeconds <= 45, JSON.stringify(me.body.session));
      // Ten seconds later (moved back in the database), extending gives the full 45 s again.
      await t.db.query(`UPDATE sessions SET expires_at = expires_at - interval '10 seconds'`);
      assert.ok((await c.get('/api/auth/me')).body.session.expiresInSeconds <= 35);
      const ext = await c.post('/api/auth/session/extend');
      assert.equal(ext.status, 200);
      assert.deepEqual(ext.body.session, { expiresInSeconds: 45, lifetimeSeconds: 45 });
      assert.ok((await c.get('/api/auth/me')).body.session.expiresInSeconds >= 40);
      // Ended: no extension, the user signs in again.
      await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
      const ended = await c.get('/api/auth/me');
      assert.equal(ended.status, 200);
      assert.equal(ended.body.user, null, 'signed out: /me answers 200 with no user');
      const late = await c.post('/api/auth/session/extend');
      assert.equal(late.status, 401);
      assert.match(late.body.error, /logga in/i);
    });
  });
