// A real OpenID Provider for the SSO tests: the `oidc-provider` package in-process on a free loopback
// port, with one test client (client_secret_basic, PKCE required) and test people. Signing in at the
// provider is the interaction a person would do, answered at once for the person set with signInAs().
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';

// oidc-provider's development notices (in-memory adapter, default lifetimes, Node version) say nothing about the tests.
for (const level of ['info', 'warn'] as const) {
  const print = console[level];
  console[level] = (...args: unknown[]) => {
    if (typeof args[0] !== 'string' || !args[0].startsWith('oidc-provider ')) print(...args);
  };
}
const { default: Provider } = await import('oidc-provider');

export interface TestPerson {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The person the provider signs in at the next interaction. */
  signInAs(p: TestPerson): void;
  /**
   * True: the flow runs at a second instance with other signing keys, while the published JWKS stays
   * the first's, so its ID tokens are signed with a key samverka does not know.
   */
  useUnknownKey(on: boolean): void;
  /** Requests naming client `from` reach the provider as the test client (its ID tokens name the test client as audience). */
  aliasClient(from: string | undefined): void;
  close(): Promise<void>;
}

const CLIENT_ID = 'samverka';
const CLIENT_SECRET = 'test-secret-0123456789';

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

export async function startTestOp(redirectUris: string[]): Promise<TestOp> {
  const people = new Map<string, TestPerson>();
  let current: TestPerson | undefined;
  let unknownKey = false;
  let alias: string | undefined;

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration = (): Configuration => ({
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: redirectUris, token_endpoint_auth_method: 'client_secret_basic' }],
    jwks: { keys: [signingKey()] as never },
    cookies: { keys: ['test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The scopes' claims in the ID token itself (samverka reads only the ID token).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    findAccount: async (_ctx, sub) => {
      const p = people.get(sub);
      return p && { accountId: sub, claims: async () => ({ ...p }) };
    },
    // The test client is first-party: consent is granted without asking.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId || oidc.session!.grantIdFor(oidc.client!.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => {
      ctx.type = 'text/plain';
      ctx.body = `${out.error}: ${out.error_description ?? ''}`;
    },
  });
  const main = new Provider(issuer, configuration());
  const other = new Provider(issuer, configuration());
  const jwks = await publishedJwks(main);
  const handlers = new Map([main, other].map((p) => [p, p.callback()]));
  for (const p of [main, other]) p.on('server_error', (_ctx, err) => console.error('oidc-provider:', err));

  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (alias) req.url = req.url!.replace(`client_id=${encodeURIComponent(alias)}`, `client_id=${CLIENT_ID}`);
      if (alias && req.headers.authorization) req.headers.authorization = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
      if (req.url === '/jwks') {
        res.setHeader('content-type', 'application/jwk-set+json');
        return res.end(jwks);
      }
      const provider = unknownKey ? other : main;
      if (req.url!.startsWith('/interaction/')) {
        await provider.interactionDetails(req, res);
        if (!current) throw new Error('signInAs() first');
        return await provider.interactionFinished(req, res, { login: { accountId: current.sub } }, { mergeWithLastSubmission: false });
      }
      return handlers.get(provider)!(req, res);
    } catch (e) {
      res.statusCode = 500;
      res.end(String(e));
    }
  });

  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    signInAs: (p) => {
      people.set(p.sub, p);
      current = p;
    },
    useUnknownKey: (on) => {
      unknownKey = on;
    },
    aliasClient: (from) => {
      alias = from;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The JWKS the first instance publishes (fetched through its own handler, before the server routes). */
async function publishedJwks(p: InstanceType<typeof Provider>): Promise<string> {
  const s = createServer(p.callback());
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  try {
    return await (await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/jwks`)).text();
  } finally {
    s.closeAllConnections();
    s.close();
  }
}
