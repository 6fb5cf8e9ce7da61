// The HTTP layer: Fastify with security headers, rate limits, sessions, CSRF and
// the API routes; serves the built web app (dist/web) with SPA fallback. Compression, cache headers and
// request ids: README "Drift".
import { openApiRoutes, registerOpenApi } from './openapi.ts';
import { VERSION } from '../version.ts';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Config } from '../config.ts';
import { rootPath } from '../paths.ts';
import type { Db } from '../db/db.ts';
import { registerSessions } from './auth.ts';
import { errorHandler, AppError } from './http.ts';
import { genReqId } from './logging.ts';
import { registerInputHygiene } from './input-hygiene.ts';
import { accountRoutes } from './routes/account.ts';
import { adminRoutes } from './routes/admin.ts';
import { auditRoutes } from './routes/audit.ts';
import { analysisRoutes } from './routes/analysis.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { authRoutes } from './routes/auth.ts';
import { clientErrorRoutes } from './routes/client-errors.ts';
import { healthRoutes } from './routes/health.ts';
import { initiativeRoutes } from './routes/initiative.ts';
import { portfolioRoutes } from './routes/portfolio.ts';
import { benchmarkRoutes } from './routes/benchmarks.ts';
import { regionRoutes } from './routes/region.ts';
import { economicsRoutes } from './routes/economics.ts';
import { economicsImportRoutes } from './routes/economics-import.ts';
import { instrumentRoutes } from './routes/instruments.ts';
import { municipalityRespondentRoutes } from './routes/municipality-respondents.ts';
import { organisationRoutes } from './routes/organisation.ts';
import { reportRoutes } from './routes/reports.ts';
import { respondentRoutes } from './routes/respondent.ts';
import { respondentImportRoutes } from './routes/respondents.ts';
import { roundRoutes } from './routes/rounds.ts';
import { riskRoutes } from './routes/risks.ts';
import { publishedRoutes } from './routes/published.ts';
import { twoFactorRoutes } from './routes/two-factor.ts';
import { ssoRoutes } from './routes/sso.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
  }
}

export const WEB_DIR = rootPath('dist/web/');

/** Route modules; each capability adds one. */
const routeModules = [openApiRoutes, healthRoutes, authRoutes, accountRoutes, organisationRoutes, adminRoutes, auditRoutes, roundRoutes, instrumentRoutes, initiativeRoutes, portfolioRoutes, regionRoutes, economicsRoutes, economicsImportRoutes, analysisRoutes, reportRoutes, dashboardRoutes, respondentImportRoutes, municipalityRespondentRoutes, respondentRoutes, riskRoutes, publishedRoutes, twoFactorRoutes, ssoRoutes, benchmarkRoutes];

/** URLs called without a session (token links) are exempt from CSRF checks; so are error reports (they only log). */
const csrfExempt = (url: string) => url.startsWith('/api/auth/login') || url.startsWith('/api/r/') || url === '/api/client-errors';
/** A respondent link's API calls: logged with one line per request (see buildApp). */
const isLinkCall = (url: string) => url.startsWith('/api/r/');
/** Probes (load balancers) need no session; they answer even when the session lookup could not. */
const sessionless = (url: string) => url === '/api/health' || url === '/api/ready';

/** Vite's fingerprinted output (dist/web/assets/name-hash.ext) never changes under its name; everything else is revalidated. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
const isFingerprinted = (path: string) => resolve(path).startsWith(join(WEB_DIR, 'assets') + sep);

export async function buildApp(db: Db, config: Config, opts: { logger?: FastifyServerOptions['logger'] } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.SAMVERKA_TRUST_PROXY === 'true',
    genReqId,
    // Request lines are written by the hooks below: a respondent link's calls (/api/r/…, the national
    // hot path: every answer is a save) get one line when they are done, with the request in it;
    // everything else a line when it comes and one when it is done.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook('onRequest', async (req) => {
    if (!isLinkCall(req.url)) req.log.info({ req }, 'incoming request');
  });
  app.addHook('onResponse', async (req, reply) => {
    if (isLinkCall(req.url)) reply.log.info({ req, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    else reply.log.info({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  });
  app.decorate('db', db);
  app.decorate('config', config);
  app.setErrorHandler(errorHandler);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // Every API answer is personal or municipal data: never stored by a browser or proxy unless a route says otherwise.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  // gzip/brotli for JSON, HTML, JS, CSS and SVG above 1 KiB; PDF, DOCX, XLSX, ZIP and images are already
  // compressed and left alone by the plugin's default type filter. Request bodies are not decompressed.
  await app.register(compress, { globalDecompression: false });
  // Security headers (helmet), its middleware built once: @fastify/helmet built it again for every
  // request, which parsed and checked the CSP directives on every answer a respondent saves.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  await app.register(rateLimit, {
    max: config.rateLimit,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) =>
      new AppError('rate_limited', `För många förfrågningar. Försök igen om ${Math.ceil(ctx.ttl / 1000)} sekunder.`),
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  registerSessions(app, { secureCookies: config.secureCookies, csrfExempt, sessionless });
  // No NUL or lone surrogate in params, query or JSON body of any route; the list of routes.
  registerInputHygiene(app);
  await registerOpenApi(app, VERSION);
  for (const routes of routeModules) await app.register(routes, { prefix: '/api' });
  await app.register(clientErrorRoutes, { prefix: '/api' });
  app.all('/api/*', async () => {
    throw new AppError('not_found', 'Okänd adress i API:t');
  });
  if (existsSync(WEB_DIR)) {
    await app.register(fastifyStatic, {
      root: WEB_DIR,
      wildcard: false,
      cacheControl: false,
      setHeaders: (res, path) => res.setHeader('cache-control', isFingerprinted(path) ? ASSET_CACHE : 'no-cache'),
    });
    app.setNotFoundHandler((req, reply) => {
      if (req.method !== 'GET' || req.url.startsWith('/api/')) return reply.status(404).send({ error: 'Hittades inte' });
      return reply.type('text/html').sendFile('index.html');
    });
  }
  return app;
}
