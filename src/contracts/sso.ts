// Single sign-on with OpenID Connect (issue 13): the providers on the sign-in page, the redirect flow,
// and the association's rules per e-mail domain (Administration → Inloggning).
import { z } from 'zod';
import { domainNameRule, domainRuleSchema } from '../domain/identity/schema.ts';
import { endpoint, fileResponse, okResponse } from './endpoint.ts';

const ADMIN = ['forbundsadmin'] as const;

const providerSchema = z.object({ id: z.string().describe('Leverantörens namn i adresser'), label: z.string().describe('Knappens text') });

/** A path inside samverka to return to: starts with one "/", no scheme, host or backslash. */
export const returnToRule = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\\\s]*$/, 'returnTo ska vara en sökväg inom samverka, till exempel /rundor');

export const listSignInProviders = endpoint({
  method: 'GET',
  path: '/api/auth/providers',
  summary: 'Identitetsleverantörerna som inloggningssidan visar en knapp för',
  tag: 'Inloggning',
  access: 'public',
  response: z.array(providerSchema),
});

export const oidcLogin = endpoint({
  method: 'GET',
  path: '/api/auth/oidc/login',
  summary: 'Börja logga in med organisationens konto: 302 till leverantören (fel: en sida på svenska)',
  tag: 'Inloggning',
  access: 'public',
  query: z.object({ provider: z.string().max(40), returnTo: returnToRule.optional() }),
  response: fileResponse('text/html'),
  errors: [404, 503],
});

export const oidcCallback = endpoint({
  method: 'GET',
  path: '/api/auth/oidc/callback',
  summary: 'Leverantörens svar: startar en session och skickar vidare (302); fel ger en sida på svenska',
  tag: 'Inloggning',
  access: 'public',
  query: z.object({ state: z.string().max(500).optional(), code: z.string().max(4000).optional(), error: z.string().max(500).optional() }).passthrough(),
  response: fileResponse('text/html'),
  errors: [401, 403, 503],
});

const adminProviderSchema = providerSchema.extend({ issuer: z.string(), clientId: z.string() });

export const getSignInSettings = endpoint({
  method: 'GET',
  path: '/api/admin/sign-in',
  summary: 'Konfigurerade identitetsleverantörer (utan hemligheter) och reglerna per e-postdomän',
  tag: 'Administration',
  access: ADMIN,
  response: z.object({ providers: z.array(adminProviderSchema), domains: z.array(domainRuleSchema) }),
});

export const saveSignInDomain = endpoint({
  method: 'PUT',
  path: '/api/admin/sign-in/domains/:domain',
  owners: [{ kind: 'signInDomain', param: 'domain' }],
  summary: 'Spara regeln för en e-postdomän (okända användare nekas eller skapas som läsare; lösenord av eller på)',
  tag: 'Administration',
  access: ADMIN,
  params: z.object({ domain: domainNameRule }),
  body: domainRuleSchema.omit({ domain: true }),
  response: domainRuleSchema,
  errors: [404],
});

export const deleteSignInDomain = endpoint({
  method: 'DELETE',
  path: '/api/admin/sign-in/domains/:domain',
  owners: [{ kind: 'signInDomain', param: 'domain' }],
  summary: 'Ta bort regeln för en e-postdomän',
  tag: 'Administration',
  access: ADMIN,
  params: z.object({ domain: domainNameRule }),
  response: okResponse,
  errors: [404],
});
