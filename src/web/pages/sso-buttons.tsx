// The buttons for the organisation's account (OpenID Connect, issue 13): one per configured provider
// (GET /api/auth/providers); each is a plain link, since the sign-in is a chain of redirects. Used by
// the sign-in page and the invitation page.
import type * as sso from '../../contracts/sso.ts';
import type { ResponseOf } from '../../contracts/endpoint.ts';
import { useI18n } from '../i18n.tsx';
import { useEndpoint } from '../query.ts';
import { lite } from '../api.ts';

const listSignInProviders = lite<typeof sso.listSignInProviders>('GET', '/api/auth/providers');

type Provider = ResponseOf<typeof listSignInProviders>[number];

/** The configured providers; `enabled: false` asks nothing yet (e.g. until an invitation is known to be valid). */
export function useSignInProviders(enabled = true): Provider[] {
  return useEndpoint(listSignInProviders, enabled ? {} : null, { staleTime: 5 * 60_000 }).data ?? [];
}

/** A list of links that start the sign-in at each provider and come back to `returnTo`. */
export function ProviderLinks({ providers, returnTo = '/' }: { providers: Provider[]; returnTo?: string }) {
  const { lang } = useI18n();
  return (
    <ul className="plain-list">
      {providers.map((p) => (
        <li key={p.id}>
          {/* The label is the association's own text, in Swedish. */}
          <a
            className="button"
            href={`/api/auth/oidc/login?provider=${encodeURIComponent(p.id)}&returnTo=${encodeURIComponent(returnTo)}`}
            lang={lang === 'sv' ? undefined : 'sv'}
          >
            {p.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function SsoButtons() {
  const { t } = useI18n();
  const providers = useSignInProviders();
  if (!providers.length) return null;
  return (
    <div className="narrow sso">
      <ProviderLinks providers={providers} />
      <p>{t('Eller logga in med e-post och lösenord:')}</p>
    </div>
  );
}
