// Real-browser tests: Debian's Chromium driven by playwright-core, pages checked with axe.
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/domain/organisation.ts';
import { startApp, type TestApp } from './app.ts';
import { backends } from './db.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium saknas (${CHROMIUM}): installera med apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Listens on a free loopback port and returns the base URL. */
export async function serve(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return `http://127.0.0.1:${addr.port}`;
}

/** Fails on any serious or critical WCAG 2.1 A/AA violation. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`),
    [],
    `axe på ${what}`,
  );
}

export async function signIn(page: Page, base: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Översikt', level: 1 }).waitFor();
}

export interface BrowserSuite {
  /** The app under test (set in the suite's before hook). */
  readonly t: TestApp;
  /** Its base URL, e.g. http://127.0.0.1:43210. */
  readonly base: string;
  /** A new page in a fresh Swedish (sv-SE) browser context; `viewport` overrides the suite's. */
  newPage(viewport?: Viewport): Promise<Page>;
}

type Viewport = { width: number; height: number };

/**
 * The setup of a browser suite, as hooks of the enclosing describe: before, the app on the last
 * backend (PostgreSQL when configured), `seed` run against it, served on a free port, Chromium
 * launched; after, `teardown`, then the browser and the app closed.
 */
export function browserSuite(opts: { viewport?: Viewport; seed?: (t: TestApp) => Promise<void>; teardown?: () => Promise<void> } = {}): BrowserSuite {
  let browser: Browser | undefined;
  const suite = {
    t: undefined as unknown as TestApp,
    base: '',
    newPage: async (viewport = opts.viewport): Promise<Page> => {
      if (!browser) throw new Error('browserSuite: the browser is not launched');
      return (await browser.newContext({ locale: 'sv-SE', ...(viewport ? { viewport } : {}) })).newPage();
    },
  };
  before(async () => {
    suite.t = await startApp(backends[backends.length - 1]);
    await opts.seed?.(suite.t);
    suite.base = await serve(suite.t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await opts.teardown?.();
    await suite.t?.close();
  });
  return suite;
}
