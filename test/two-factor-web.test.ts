// The sign-in's second step in Chromium (issue 13): an admin the association requires two-factor of
// enrols at sign-in (QR code with the key as text, a first code, the recovery codes shown once), then
// signs in again with the code step: a wrong code is announced, a recovery code signs in. Axe on each step.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSync } from 'otplib';
import { DEFAULT_SECURITY_SETTINGS } from '../src/domain/identity/policy.ts';
import { DEMO_PASSWORD } from '../src/domain/organisation.ts';
import { saveSecuritySettings } from '../src/store/identity.ts';
import { DEMO } from './support/app.ts';
import { assertAccessible, browserSuite } from './support/browser.ts';

describe('tvåstegsverifiering i webben', () => {
  const web = browserSuite({ seed: (t) => saveSecuritySettings(t.db, { ...DEFAULT_SECURITY_SETTINGS, requireTotpForAdmins: true }) });
  let recoveryCodes: string[] = [];

  const passwordStep = async (page: Awaited<ReturnType<typeof web.newPage>>) => {
    await page.goto(`${web.base}/logga-in`);
    await page.getByLabel('E-postadress').fill(DEMO.admin);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
  };

  it('an admin without two-factor adds an app at sign-in and gets the recovery codes once', async () => {
    const page = await web.newPage();
    await passwordStep(page);
    await page.getByRole('heading', { name: 'Lägg till tvåstegsverifiering', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Visa QR-koden' }).click();
    const qr = page.getByRole('img', { name: 'QR-kod för autentiseringsappen' });
    await qr.waitFor();
    assert.equal(await qr.locator('svg').count(), 1);
    const key = (await page.locator('.totp-secret').innerText()).replaceAll(' ', '');
    assert.match(key, /^[A-Z2-7]{32}$/);
    const code = page.getByLabel('Kod från appen, för att bekräfta');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await code.getAttribute('inputmode'), 'numeric');
    await assertAccessible(page, 'tvåstegsverifiering: lägg till app vid inloggning');

    await code.fill(generateSync({ secret: key }));
    await page.getByRole('button', { name: 'Bekräfta och logga in' }).click();
    await page.getByRole('heading', { name: 'Dina reservkoder' }).waitFor();
    recoveryCodes = await page.locator('.recovery-code-list code').allInnerTexts();
    assert.equal(recoveryCodes.length, 10);
    await assertAccessible(page, 'tvåstegsverifiering: reservkoder');
    await page.getByRole('button', { name: 'Jag har sparat koderna' }).click();
    await page.getByRole('heading', { name: 'Översikt', level: 1 }).waitFor();
  });

  it('the next sign-in asks for the code: a wrong one is announced, a recovery code signs in', async () => {
    const page = await web.newPage();
    await passwordStep(page);
    await page.getByRole('heading', { name: 'Tvåstegsverifiering', level: 1 }).waitFor();
    const code = page.getByLabel('Kod från appen');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await code.getAttribute('inputmode'), 'numeric');
    await code.fill('000000');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Fel kod' }).waitFor();
    await assertAccessible(page, 'tvåstegsverifiering: fel kod');

    await page.getByRole('button', { name: 'Använd en reservkod' }).click();
    await page.getByLabel('Reservkod').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Översikt', level: 1 }).waitFor();
  });
});
