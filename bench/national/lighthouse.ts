// Lighthouse on the national data set (issue 15, item 4): performance and accessibility of the sign-in
// page, the regional results page of the current round and a respondent's form, in Debian's Chromium
// with Lighthouse's default (mobile) settings: a Moto G Power-sized screen, simulated slow 4G and a CPU
// four times slower. Targets: performance ≥ 0.9, accessibility 1.0 on each page.
//
// The floor, measured in the same run with the same settings: a static page of the same server's kind
// (a heading and a paragraph, no JavaScript) served from this process, the fastest a page can be under
// the throttling; LCP is reported with that floor and the ratio. The JavaScript each page loads is
// reported twice: as the production build's chunks for the page (raw and gzipped; the same build the
// server then serves), and as Lighthouse saw it transferred.
//
// The server runs as a child process on the data set (`samverka serve --no-demo`, DATABASE_URL or
// SAMVERKA_DATA_DIR); the results page is measured signed in as the data set's förbundsadmin (the
// session cookie passed to Lighthouse as a header); the respondent form is a link added to the open
// current round for this run and removed afterwards, so the data set is left as it was.
// BENCH_LIGHTHOUSE_RUNS (default 3) runs per page; the median run (by performance score) is reported.
// BENCH_LIGHTHOUSE_SAVE=<dir> keeps every run's Lighthouse report (JSON) there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Result as LighthouseResult } from 'lighthouse';
import { addRespondent, deleteRespondent } from '../../src/store/respondents.ts';
import { startServer, type Server } from '../../test/support/answer-load.ts';
import { buildWebChunks, bytesOf, pageChunks, type WebBuild } from '../../test/support/web-bundle.ts';
import { report } from '../util.ts';
import { openNational, type NationalDataset } from './dataset.ts';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** The built web app the server serves (src/server/app.ts WEB_DIR). */
const WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const RUNS = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3));

export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  cls: number;
  /** JavaScript transferred (bytes on the wire, compressed). */
  scriptBytes: number;
  /** Lighthouse's measure of the host's CPU speed (its mobile throttling assumes roughly 1000 or more). */
  benchmarkIndex: number;
  /** Audits of the accessibility category that failed, and the performance audits with savings. */
  failedA11y: string[];
  opportunities: string[];
}

/** One Lighthouse run of `url` (performance and accessibility) in the running Chromium. */
export async function lighthouseRun(chrome: LaunchedChrome, url: string, headers?: Record<string, string>): Promise<LighthouseFigures> {
  const result = await lighthouse(url, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    extraHeaders: headers,
  });
  if (!result) throw new Error(`Lighthouse gav inget resultat för ${url}`);
  const dir = process.env.BENCH_LIGHTHOUSE_SAVE;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${new URL(url).pathname.split('/')[1] || 'golv'}-${Date.now()}.json`), result.report as string);
  }
  return figures(result.lhr, url);
}

function figures(lhr: LighthouseResult, url: string): LighthouseFigures {
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const audit = (id: string) => lhr.audits[id];
  const num = (id: string) => audit(id)?.numericValue ?? NaN;
  const requests = (audit('network-requests')?.details as { items?: Array<{ resourceType?: string; transferSize?: number }> } | undefined)?.items ?? [];
  const a11y = lhr.categories.accessibility?.auditRefs ?? [];
  const perf = lhr.categories.performance?.auditRefs ?? [];
  return {
    performance: lhr.categories.performance?.score ?? NaN,
    accessibility: lhr.categories.accessibility?.score ?? NaN,
    lcpMs: num('largest-contentful-paint'),
    tbtMs: num('total-blocking-time'),
    fcpMs: num('first-contentful-paint'),
    cls: num('cumulative-layout-shift'),
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? NaN,
    scriptBytes: requests.filter((r) => r.resourceType === 'Script').reduce((s, r) => s + (r.transferSize ?? 0), 0),
    failedA11y: a11y.filter((r) => r.weight > 0 && audit(r.id)?.score !== null && (audit(r.id)?.score ?? 1) < 1).map((r) => r.id),
    opportunities: perf
      .map((r) => audit(r.id))
      .filter((a) => a?.details?.type === 'opportunity' && (a.score ?? 1) < 0.9)
      .map((a) => `${a!.id} (${a!.displayValue ?? ''})`),
  };
}

/** The median of `runs` Lighthouse runs of a page, by performance score (the runs of a page vary). */
async function measure(chrome: LaunchedChrome, url: string, headers?: Record<string, string>): Promise<LighthouseFigures> {
  const all: LighthouseFigures[] = [];
  for (let i = 0; i < RUNS; i++) all.push(await lighthouseRun(chrome, url, headers));
  all.sort((a, b) => a.performance - b.performance);
  return all[Math.floor((all.length - 1) / 2)];
}

/** The floor: a static page with a heading and a paragraph, no script, from a server in this process. */
async function floorServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const html =
    '<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Golv</title></head><body><main><h1>Golv</h1><p>En statisk sida utan skript: det snabbaste en sida kan visas med samma strypning.</p></main></body></html>';
  const server: HttpServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('samverka_sid='));
  if (!res.ok || !cookie) throw new Error(`inloggningen misslyckades: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0];
}

/** The production build's JavaScript for a page (entry and the page's chunks), raw and gzipped. */
function reportBuild(b: WebBuild, label: string, page: string, extra: string[] = []) {
  const { raw, gzip } = bytesOf(b, [...pageChunks(b, page), ...extra]);
  report(`${label}: JS i bygget (okomprimerat)`, raw / 1024, 'kB');
  report(`${label}: JS i bygget (gzip)`, gzip / 1024, 'kB');
}

function reportPage(label: string, f: LighthouseFigures, floor: LighthouseFigures) {
  report(`${label}: Lighthouse prestanda`, f.performance, 'poäng', { op: '>=', value: 0.9 });
  report(`${label}: Lighthouse tillgänglighet`, f.accessibility, 'poäng', { op: '>=', value: 1 });
  report(`${label}: LCP`, f.lcpMs, 'ms');
  report(`${label}: LCP golv (statisk sida)`, floor.lcpMs, 'ms');
  report(`${label}: LCP kvot mot golvet`, f.lcpMs / floor.lcpMs, 'x');
  report(`${label}: TBT`, f.tbtMs, 'ms');
  report(`${label}: JS överfört`, f.scriptBytes / 1024, 'kB');
  console.log(`  värdens benchmarkIndex ${f.benchmarkIndex.toFixed(0)} (Lighthouse räknar med ungefär 1000 eller mer för sin strypning)`);
  if (f.failedA11y.length) console.log(`  tillgänglighet, underkänt: ${f.failedA11y.join(', ')}`);
  if (f.opportunities.length) console.log(`  prestanda, förbättringar: ${f.opportunities.join('; ')}`);
}

export async function run(ds: NationalDataset): Promise<void> {
  console.log(`\nLighthouse (${ds.backend}, mobil, simulerad strypning, median av ${RUNS} körningar per sida)`);
  // The build the server serves (dist/web), with the chunks of each page.
  const build = await buildWebChunks(WEB_DIR);
  const echarts = [...build.chunks.values()].filter((c) => c.facade === 'src/web/components/echarts-canvas.ts').map((c) => c.file);
  reportBuild(build, 'Inloggning', 'src/web/pages/auth.tsx');
  reportBuild(build, 'Enkätformulär', 'src/web/pages/respondent.tsx');
  reportBuild(build, 'Regionala resultat (med ECharts)', 'src/web/pages/analysis.tsx', echarts);

  // A link of the open current round, for this run only.
  let db = await openNational(ds);
  const respondent = await addRespondent(db, {
    roundId: ds.currentRoundId,
    municipality: ds.codes[0],
    respondentType: (await db.query<{ id: string }>(`SELECT jsonb_array_elements(definition->'respondentTypes')->>'id' AS id FROM instruments WHERE id = $1 AND version = $2 LIMIT 1`, [ds.instrumentId, ds.instrumentVersion])).rows[0].id,
    area: null,
    name: 'Lighthouse (bench)',
  });
  await db.close();

  let server: Server | undefined;
  let chrome: LaunchedChrome | undefined;
  const floor = await floorServer();
  try {
    server = await startServer(ds.url ? { DATABASE_URL: ds.url } : { SAMVERKA_DATA_DIR: ds.dataDir! });
    const base = `http://127.0.0.1:${server.port}`;
    const cookie = await signIn(base, ds.adminEmail, ds.adminPassword);
    chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, ignoreDefaultFlags: true, logLevel: 'silent' });
    const floorFigures = await measure(chrome, floor.url);
    reportPage('Inloggning', await measure(chrome, `${base}/logga-in`), floorFigures);
    reportPage('Regionala resultat', await measure(chrome, `${base}/resultat/${ds.currentRoundId}`, { Cookie: cookie }), floorFigures);
    reportPage('Enkätformulär', await measure(chrome, `${base}/svar/${respondent.token}`), floorFigures);
  } finally {
    chrome?.kill();
    await floor.close();
    await server?.stop();
    db = await openNational(ds);
    await deleteRespondent(db, respondent.id);
    await db.close();
  }
}
