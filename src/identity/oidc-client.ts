// The OpenID Connect relying party (issue 13) through openid-client: discovery (lazy, cached per provider;
// a provider that cannot be reached is retried on the next sign-in), the authorization request with
// PKCE S256, state and nonce, and the code exchange. openid-client validates the ID token: signature
// against the provider's JWKS, iss, aud, exp, iat and nonce; a failure is an OidcError here.
import * as client from 'openid-client';
import { isLocalHttpIssuer, type OidcProviderConfig } from '../config.ts';

/** The provider could not be reached, or it refused or returned something that does not validate. */
export class OidcError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'rejected',
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's discovered configuration, fetched once (and again after a failure). */
function configuration(p: OidcProviderConfig): Promise<client.Configuration> {
  const key = `${p.issuer}\n${p.clientId}`;
  let c = configurations.get(key);
  if (!c) {
    c = client
      .discovery(new URL(p.issuer), p.clientId, undefined, client.ClientSecretBasic(p.clientSecret), {
        // Non-repudiation: the ID token's signature is checked against the JWKS even though it came straight from the token endpoint.
        execute: [client.enableNonRepudiationChecks, ...(isLocalHttpIssuer(p.issuer) ? [client.allowInsecureRequests] : [])],
        timeout: 10,
      })
      .catch((e: unknown) => {
        configurations.delete(key);
        throw new OidcError('unavailable', 'Organisationens inloggningstjänst svarar inte just nu. Försök igen om en stund.', e);
      });
    configurations.set(key, c);
  }
  return c;
}

export interface AuthorizationStart {
  url: URL;
  state: string;
  codeVerifier: string;
  nonce: string;
}

/** The address to send the browser to, and the secrets the callback checks against. */
export async function startAuthorization(p: OidcProviderConfig, redirectUri: string): Promise<AuthorizationStart> {
  const config = await configuration(p);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, codeVerifier, nonce };
}

/** Exchanges the callback's code and returns the ID token's validated claims. */
export async function finishAuthorization(
  p: OidcProviderConfig,
  callbackUrl: URL,
  checks: { state: string; codeVerifier: string; nonce: string },
): Promise<client.IDToken> {
  const config = await configuration(p);
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('inget ID-token');
    return claims;
  } catch (e) {
    throw new OidcError('rejected', 'Inloggningen hos organisationen kunde inte bekräftas. Försök igen från början.', e);
  }
}
