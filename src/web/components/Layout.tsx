import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n.tsx';
import { ROLE_LABEL, useSession, type Role } from '../session.tsx';
import { navItems } from '../nav.ts';
import { mayOpen } from '../routes.tsx';
import { SessionWarning } from './SessionWarning.tsx';

export function Layout() {
  const { user, logout } = useSession();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
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
