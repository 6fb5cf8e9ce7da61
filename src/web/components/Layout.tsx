import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n.tsx';
import { ROLE_LABEL, useSession, type Role } from '../session.tsx';
import { navItems } from '../nav.ts';
import { mayOpen, publicRoutes, routeFor } from '../routes.tsx';
import { SessionWarning } from './SessionWarning.tsx';

export function Layout() {
  const { user, loading, logout } = useSession();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // A signed-in page shows nothing below the header until the session is known: the menu and the
  // "inloggad som" line then come with the page, instead of pushing a shown "Laddar…" (and the page
  // after it) down (issue 15: layout shift). Public pages (sign-in, the respondent's form) do not wait.
  const route = routeFor(pathname);
  const waiting = loading && !(route && publicRoutes.includes(route));
  // A menu entry shows when its page's route allows the role (routes.tsx) and its own `roles`, if any.
  const items = navItems.filter((i) => user && mayOpen(user.role, i.to) && (!i.roles || i.roles.includes(user.role as Role)));
  return (
    <>
      <a className="skip-link" href="#main">
        {t('Hoppa till innehållet')}
      </a>
      <header className="site-header">
        <div className="brand">
          <a href="/">samverka</a>
          <span className="tagline">{t('Fyrbodals kommunalförbund')}</span>
        </div>
        <div className="header-tools">
          <button type="button" className="link-button" onClick={() => setLang(lang === 'sv' ? 'en' : 'sv')} lang={lang === 'sv' ? 'en' : 'sv'}>
            {lang === 'sv' ? 'English' : 'Svenska'}
          </button>
          {user && (
            <Link className="header-link" to="/mitt-konto">
              {t('Mitt konto')}
            </Link>
          )}
          {user && (
            <button
              type="button"
              onClick={async () => {
                await logout();
                navigate('/logga-in');
              }}
            >
              {t('Logga ut')}
            </button>
          )}
        </div>
      </header>
      {!waiting && <Body user={user} items={items} />}
    </>
  );
}

function Body({ user, items }: { user: ReturnType<typeof useSession>['user']; items: typeof navItems }) {
  const { t } = useI18n();
  return (
    <>
      <SessionWarning />
      {user?.isDemo && (
        <p className="demo-banner" role="note">
          <strong>DEMO</strong> {t('Demoläge: uppgifterna är demodata, delvis syntetiserade.')}
        </p>
      )}
      {user && (
        <nav aria-label={t('Huvudmeny')} className="main-nav">
          <ul>
            {items.map((i) => (
              <li key={i.to}>
                <NavLink to={i.to} end={i.to === '/'}>
                  {t(i.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {user && (
          <p className="whoami">{t('Du är inloggad som {name} ({role}).', { name: user.name, role: t(ROLE_LABEL[user.role]) })}</p>
        )}
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('samverka – öppen plattform för digital mognad och samverkan')}</p>
      </footer>
    </>
  );
}
