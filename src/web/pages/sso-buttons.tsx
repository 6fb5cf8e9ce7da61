// The sign-in page's buttons for the organisation's account (OpenID Connect, issue 13): one per
// configured provider; each is a plain link, since the sign-in is a chain of redirects.
import { listSignInProviders } from '../../contracts/sso.ts';
import { useI18n } from '../i18n.tsx';
import { useEndpoint } from '../query.ts';

export function SsoButtons() {
  const { t, lang } = useI18n();
  const providers = useEndpoint(listSignInProviders, {});
  const list = providers.data ?? [];
  if (!list.length) return null;
  return (
    <div className="narrow sso">
      <ul className="plain-list">
        {list.map((p) => (
          <li key={p.id}>
            {/* The label is the association's own text, in Swedish. */}
            <a className="button" href={`/api/auth/oidc/login?provider=${encodeURIComponent(p.id)}`} lang={lang === 'sv' ? undefined : 'sv'}>
              {p.label}
            </a>
          </li>
        ))}
      </ul>
      <p>{t('Eller logga in med e-post och lösenord:')}</p>
    </div>
  );
}
