// The web app's pages. Each capability adds its routes here (and menu entries in nav.ts).
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { AuditPage, OutboxPage, UsersPage } from './pages/admin.tsx';
import { ForgotPasswordPage, LoginPage, ResetPasswordPage } from './pages/auth.tsx';
import { HomePage } from './pages/home.tsx';
import { MunicipalitiesPage, MunicipalityPage } from './pages/municipalities.tsx';
import { RespondentPage } from './pages/respondent.tsx';
import { ImportPage, NewRoundPage, RoundPage, RoundsPage } from './pages/rounds.tsx';
import { RoundMunicipalityPage } from './pages/round-municipality.tsx';
import { Loading } from './components/ui.tsx';

// Pages with charts (ECharts) and the portfolio are loaded on first use, so the sign-in page and the
// respondent form (often opened on a phone) stay small.
function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): ReactElement {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}
const analysis = () => import('./pages/analysis.tsx');
const initiatives = () => import('./pages/initiatives.tsx');
const portfolio = () => import('./pages/portfolio.tsx');
const reports = () => import('./pages/reports.tsx');

/** Pages reachable without an account (sign-in, password reset, respondent links). */
export const publicRoutes: Array<{ path: string; element: ReactElement }> = [
  { path: '/logga-in', element: <LoginPage /> },
  { path: '/glomt-losenord', element: <ForgotPasswordPage /> },
  { path: '/aterstall-losenord', element: <ResetPasswordPage /> },
  { path: '/svar/:token', element: <RespondentPage /> },
];

/** Pages for signed-in users; the server enforces the roles, the menu only hides. */
export const privateRoutes: Array<{ path: string; element: ReactElement }> = [
  { path: '/', element: <HomePage /> },
  { path: '/kommuner', element: <MunicipalitiesPage /> },
  { path: '/kommuner/:code', element: <MunicipalityPage /> },
  { path: '/matomgangar', element: <RoundsPage /> },
  { path: '/matomgangar/ny', element: <NewRoundPage /> },
  { path: '/matomgangar/:id', element: <RoundPage /> },
  { path: '/matomgangar/:id/import', element: <ImportPage /> },
  { path: '/matomgangar/:id/kommuner/:code', element: <RoundMunicipalityPage /> },
  { path: '/resultat', element: lazyPage(analysis, 'ResultsPage') },
  { path: '/resultat/:id', element: lazyPage(analysis, 'RegionalResultsPage') },
  { path: '/resultat/:id/kommun/:code', element: lazyPage(analysis, 'MunicipalityResultsPage') },
  { path: '/resultat/:id/jamfor/:otherId', element: lazyPage(analysis, 'CompareResultsPage') },
  { path: '/rapporter', element: lazyPage(reports, 'ReportsPage') },
  { path: '/initiativ', element: lazyPage(initiatives, 'InitiativesPage') },
  { path: '/initiativ/nytt', element: lazyPage(initiatives, 'NewInitiativePage') },
  { path: '/initiativ/:id', element: lazyPage(initiatives, 'InitiativePage') },
  { path: '/portfolj', element: lazyPage(portfolio, 'PortfolioIndexPage') },
  { path: '/portfolj/prioritering', element: lazyPage(portfolio, 'PrioritizationPage') },
  { path: '/portfolj/handlingsplan', element: lazyPage(portfolio, 'HandlingsplanPage') },
  { path: '/portfolj/uppfoljning', element: lazyPage(portfolio, 'FollowUpPage') },
  { path: '/portfolj/indikatorer', element: lazyPage(portfolio, 'IndicatorsPage') },
  { path: '/admin/konton', element: <UsersPage /> },
  { path: '/admin/logg', element: <AuditPage /> },
  { path: '/admin/utkorg', element: <OutboxPage /> },
];
