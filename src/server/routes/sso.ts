// Single sign-on with OpenID Connect (issue 13): the providers for the sign-in page, the redirect to the
// provider and its callback. A failed callback answers with a plain Swedish page (simple-page.ts) and
// creates neither a session nor an account.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { OidcProviderConfig } from '../../config.ts';
import * as api from '../../contracts/sso.ts';
import { finishAuthorization, OidcError, startAuthorization } from '../../identity/oidc-client.ts';
import { deleteSignInDomain, saveSignInDomain } from '../../identity/domain-rules.ts';
import { signInWithOidc } from '../../identity/sign-in-with-oidc.ts';
import { listUsers } from '../../store/accounts.ts';
import { audit } from '../../store/audit.ts';
import { OIDC_FLOW_MINUTES, saveOidcFlow, takeOidcFlow } from '../../store/oidc.ts';
import { listDomainRules } from '../../store/identity.ts';
import { viewerAssociation } from '../../domain/association-scope.ts';
import { requireUser, startSession } from '../auth.ts';
import { route } from '../route.ts';
import { simplePage, type SimplePage } from '../simple-page.ts';

/** Binds a flow to the browser that started it: a callback whose state is not this cookie's is someone else's. */
export const OIDC_STATE_COOKIE = 'samverka_oidc';
const COOKIE_PATH = '/api/auth/oidc';
const CALLBACK_PATH = '/api/auth/oidc/callback';

const START_AGAIN = 'Börja om från inloggningssidan. Länken till inloggningen gäller bara en gång och i tio minuter.';

export async function ssoRoutes(app: FastifyInstance) {
  const { db, config } = app;
  const strict = { config: { rateLimit: { max: config.authRateLimit, timeWindow: '1 minute' } } };
  const providerById = (id: string): OidcProviderConfig | undefined => config.oidcProviders.find((p) => p.id === id);
  // Read at each request: the tests learn the address only once the app listens.
  const callbackUrl = () => new URL(CALLBACK_PATH, config.baseUrl).toString();

  const page = (reply: FastifyReply, status: number, p: SimplePage) => reply.status(status).type('text/html; charset=utf-8').send(simplePage(p));

  route(app, api.listSignInProviders, async () => config.oidcProviders.map((p) => ({ id: p.id, label: p.label })));

  route(
    app,
    api.oidcLogin,
    async (req, reply) => {
      const provider = providerById(req.query.provider);
      if (!provider) return page(reply, 404, { title: 'Okänd inloggningstjänst', paragraphs: ['Den här inloggningstjänsten finns inte i samverka.'] });
      try {
        const start = await startAuthorization(provider, callbackUrl());
        await saveOidcFlow(db, start.state, { provider: provider.id, codeVerifier: start.codeVerifier, nonce: start.nonce, returnTo: req.query.returnTo ?? null });
        reply.setCookie(OIDC_STATE_COOKIE, start.state, {
          path: COOKIE_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: config.secureCookies,
          maxAge: OIDC_FLOW_MINUTES * 60,
        });
        return reply.redirect(start.url.toString(), 302);
      } catch (e) {
        if (!(e instanceof OidcError)) throw e;
        req.log.warn({ err: e.detail, provider: provider.id }, 'OpenID-leverantören svarar inte');
        return page(reply, 503, { title: 'Inloggningen fungerar inte just nu', paragraphs: [e.message] });
      }
    },
    strict,
  );

  route(
    app,
    api.oidcCallback,
    async (req, reply) => {
      const state = req.query.state;
      const bound = req.cookies[OIDC_STATE_COOKIE];
      reply.clearCookie(OIDC_STATE_COOKIE, { path: COOKIE_PATH });
      const failed = async (status: number, reason: string, title: string, paragraphs: string[], provider?: string) => {
        await audit(db, { action: 'login.failed', ip: req.ip, details: { method: 'oidc', reason, ...(provider ? { provider } : {}) } });
        return page(reply, status, { title, paragraphs });
      };
      if (!state) return failed(400, 'missing_state', 'Inloggningen kunde inte slutföras', ['Svaret från inloggningstjänsten saknar uppgifter som behövs.', START_AGAIN]);
      // Someone else's state (a link planted in this browser), or no cookie: refused, and the flow stays its owner's.
      if (state !== bound)
        return failed(400, 'foreign_state', 'Inloggningen kunde inte slutföras', ['Inloggningen startades inte i den här webbläsaren.', START_AGAIN]);
      const taken = await takeOidcFlow(db, state);
      if ('problem' in taken)
        return failed(400, `${taken.problem}_state`, 'Inloggningen kunde inte slutföras', [
          taken.problem === 'used' ? 'Inloggningen är redan använd.' : taken.problem === 'expired' ? 'Inloggningen tog för lång tid.' : 'Inloggningen är okänd.',
          START_AGAIN,
        ]);
      const { flow } = taken;
      const provider = providerById(flow.provider);
      if (!provider) return failed(400, 'unknown_provider', 'Inloggningen kunde inte slutföras', ['Inloggningstjänsten finns inte längre i samverka.']);
      let claims;
      try {
        claims = await finishAuthorization(provider, new URL(req.url, config.baseUrl), { state, codeVerifier: flow.codeVerifier, nonce: flow.nonce });
      } catch (e) {
        if (!(e instanceof OidcError)) throw e;
        // openid-client's reason, with the claim that failed (nonce, aud, …) when it names one.
        let claim: unknown;
        for (let c = e.detail as { cause?: unknown; claim?: unknown } | undefined; c && typeof c === 'object' && claim === undefined; c = c.cause as typeof c) claim = c.claim;
        const detail = `${e.detail instanceof Error ? e.detail.message : String(e.detail ?? '')}${typeof claim === 'string' ? ` (${claim})` : ''}`;
        req.log.warn({ err: e.detail, provider: provider.id }, 'OpenID-inloggningen avvisades');
        if (e.kind === 'unavailable') return failed(503, 'provider_unavailable', 'Inloggningen fungerar inte just nu', [e.message], provider.id);
        await audit(db, { action: 'login.failed', ip: req.ip, details: { method: 'oidc', reason: 'token_rejected', provider: provider.id, detail: detail.slice(0, 300) } });
        return page(reply, 401, { title: 'Inloggningen kunde inte bekräftas', paragraphs: [e.message] });
      }
      const r = await signInWithOidc(db, provider.id, claims, req.ip);
      if (!r.ok) return page(reply, 403, { title: 'Du kan inte logga in i samverka', paragraphs: [r.message], contacts: await associationAdmins(r.associationId) });
      await startSession(app, req, reply, r.user, 'oidc', { provider: provider.id });
      return reply.redirect(flow.returnTo ?? '/', 302);
    },
    strict,
  );

  // Administration → Inloggning: the providers (never their secrets) and the rules per e-mail domain.
  route(app, api.getSignInSettings, async (req) => ({
    providers: config.oidcProviders.map((p) => ({ id: p.id, label: p.label, issuer: p.issuer, clientId: p.clientId })),
    // Each admin sees and edits its own association's rules.
    domains: await listDomainRules(db, viewerAssociation(requireUser(req))),
  }));

  route(app, api.saveSignInDomain, async (req) => {
    const admin = requireUser(req);
    return saveSignInDomain(db, { ...req.body, domain: req.params.domain }, { id: admin.id, ip: req.ip, associationId: admin.associationId ?? undefined });
  });

  route(app, api.deleteSignInDomain, async (req) => {
    const admin = requireUser(req);
    await deleteSignInDomain(db, req.params.domain, { id: admin.id, ip: req.ip });
    return { ok: true as const };
  });

  /** Whom a refused person can ask: the active förbundsadmin accounts of the address's association (at most three). */
  async function associationAdmins(associationId: number) {
    return (await listUsers(db, associationId))
      .filter((u) => u.role === 'forbundsadmin' && u.status === 'active')
      .slice(0, 3)
      .map((u) => ({ name: u.name, email: u.email }));
  }
}
