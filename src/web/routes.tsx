// The web app's pages. Each capability adds its routes here (and menu entries in nav.ts).
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { AuditPage } from './pages/admin/audit.tsx';
import { OutboxPage } from './pages/admin/outbox.tsx';
import { SecurityPage } from './pages/admin/security.tsx';
import { SignInSettingsPage } from './pages/admin/sign-in.tsx';
import { UsersPage } from './pages/admin/users.tsx';
import { AccountPage } from './pages/account/index.tsx';
import { InvitationPage } from './pages/account/invitation.tsx';
import { ForgotPasswordPage, LoginPage, ResetPasswordPage } from './pages/auth.tsx';
import { HomePage } from './pages/home.tsx';
import { MunicipalitiesPage, MunicipalityPage } from './pages/municipalities.tsx';
import { RespondentPage } from './pages/respondent.tsx';
import { ImportPage, NewRoundPage, RoundPage, RoundsPage } from './pages/rounds.tsx';
import { EditRoundPage } from './pages/round-form.tsx';
import { RoundMunicipalityPage } from './pages/round-municipality.tsx';
import { Loading } from './components/ui.tsx';
import type { Role } from './session.tsx';

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
const portfolio = () => import('./pages/portfolio/index.tsx');
const reports = () => import('./pages/reports.tsx');
const instruments = () => import('./pages/instruments.tsx');
const risks = () => import('./pages/risks.tsx');
const economics = () => import('./pages/economics/index.tsx');
const benchmarks = () => import('./pages/benchmarks.tsx');
const region = () => import('./pages/region.tsx');
const published = () => import('./pages/published.tsx');

/** A page of the app; `roles` (signed-in pages) are the roles that may open it, all when left out. */
export interface AppRoute {
  path: string;
  element: ReactElement;
  roles?: readonly Role[];
}
/** Roles that work with rounds and initiatives (not läsare). */
const STAFF: readonly Role[] = ['forbundsadmin', 'kommunansvarig'];
const ADMIN: readonly Role[] = ['forbundsadmin'];
/** Roles that see results and reports of rounds: not the region's analyst (no municipality's survey data, issue 14). */
const MEASUREMENT: readonly Role[] = ['forbundsadmin', 'kommunansvarig', 'lasare'];

/** Pages reachable without an account (sign-in, password reset, respondent links). */
export const publicRoutes: AppRoute[] = [
  { path: '/logga-in', element: <LoginPage /> },
  { path: '/glomt-losenord', element: <ForgotPasswordPage /> },
  { path: '/aterstall-losenord', element: <ResetPasswordPage /> },
  { path: '/inbjudan', element: <InvitationPage /> },
  { path: '/svar/:token', element: <RespondentPage /> },
];

/**
 * Pages for signed-in users, with the roles that may open them (declared once: the route wiring shows
 * other roles only the 403 panel, and the menu shows a page only to its roles). The server enforces
 * the roles on every API call as well.
 */
export const privateRoutes: AppRoute[] = [
  { path: '/', element: <HomePage /> },
  { path: '/kommuner', element: <MunicipalitiesPage /> },
  { path: '/kommuner/:code', element: <MunicipalityPage /> },
  { path: '/matomgangar', element: <RoundsPage />, roles: STAFF },
  { path: '/matomgangar/ny', element: <NewRoundPage />, roles: ADMIN },
  { path: '/matomgangar/:id', element: <RoundPage />, roles: STAFF },
  { path: '/matomgangar/:id/andra', element: <EditRoundPage />, roles: ADMIN },
  { path: '/matomgangar/:id/import', element: <ImportPage />, roles: ADMIN },
  { path: '/matomgangar/:id/publicerat', element: lazyPage(published, 'PublishedPage'), roles: ADMIN },
  { path: '/matomgangar/:id/kommuner/:code', element: <RoundMunicipalityPage />, roles: STAFF },
  { path: '/resultat', element: lazyPage(analysis, 'ResultsPage'), roles: MEASUREMENT },
  { path: '/resultat/:id', element: lazyPage(analysis, 'RegionalResultsPage'), roles: MEASUREMENT },
  { path: '/resultat/:id/kommun/:code', element: lazyPage(analysis, 'MunicipalityResultsPage'), roles: STAFF },
  { path: '/resultat/:id/jamfor/:otherId', element: lazyPage(analysis, 'CompareResultsPage'), roles: MEASUREMENT },
  { path: '/rapporter', element: lazyPage(reports, 'ReportsPage'), roles: MEASUREMENT },
  { path: '/instrument', element: lazyPage(instruments, 'InstrumentsPage'), roles: STAFF },
  { path: '/instrument/:id/:version', element: lazyPage(instruments, 'InstrumentVersionPage'), roles: STAFF },
  { path: '/instrument/:id/:version/redigera', element: lazyPage(instruments, 'InstrumentEditPage'), roles: ADMIN },
  { path: '/initiativ', element: lazyPage(initiatives, 'InitiativesPage') },
  { path: '/initiativ/nytt', element: lazyPage(initiatives, 'NewInitiativePage'), roles: STAFF },
  { path: '/initiativ/:id', element: lazyPage(initiatives, 'InitiativePage') },
  { path: '/risker', element: lazyPage(risks, 'RisksPage') },
  { path: '/risker/ny', element: lazyPage(risks, 'NewRiskPage'), roles: STAFF },
  { path: '/risker/installningar', element: lazyPage(risks, 'RiskSettingsPage'), roles: ADMIN },
  { path: '/risker/matris/:code', element: lazyPage(risks, 'RiskMatrixPage'), roles: STAFF },
  { path: '/risker/grupp/:groupId', element: lazyPage(risks, 'RiskGroupPage') },
  { path: '/risker/:id', element: lazyPage(risks, 'RiskPage') },
  { path: '/portfolj', element: lazyPage(portfolio, 'PortfolioIndexPage') },
  { path: '/portfolj/prioritering', element: lazyPage(portfolio, 'PrioritizationPage') },
  { path: '/portfolj/handlingsplan', element: lazyPage(portfolio, 'HandlingsplanPage') },
  { path: '/portfolj/uppfoljning', element: lazyPage(portfolio, 'FollowUpPage') },
  { path: '/portfolj/indikatorer', element: lazyPage(portfolio, 'IndicatorsPage') },
  { path: '/regional-uppfoljning', element: lazyPage(region, 'RegionPage'), roles: ['regionanalytiker', 'forbundsadmin'] },
  { path: '/ekonomi', element: lazyPage(economics, 'EconomicsOverviewPage') },
  { path: '/ekonomi/import', element: lazyPage(economics, 'EconomicsImportPage'), roles: STAFF },
  { path: '/ekonomi/grupper/:id', element: lazyPage(economics, 'EconomicsGroupPage') },
  { path: '/ekonomi/:code/:year', element: lazyPage(economics, 'EconomicsYearPage'), roles: STAFF },
  { path: '/jamforelser', element: lazyPage(benchmarks, 'BenchmarksPage'), roles: ['forbundsadmin', 'kommunansvarig', 'regionanalytiker'] },
  { path: '/mitt-konto', element: <AccountPage /> },
  { path: '/admin/konton', element: <UsersPage />, roles: ADMIN },
  { path: '/admin/logg', element: <AuditPage />, roles: ADMIN },
  { path: '/admin/sakerhet', element: <SecurityPage />, roles: ADMIN },
  { path: '/admin/utkorg', element: <OutboxPage />, roles: ADMIN },
  { path: '/admin/inloggning', element: <SignInSettingsPage />, roles: ADMIN },
];

/** The route a menu link or address opens (exact paths before parameterised ones). */
export function routeFor(path: string): AppRoute | undefined {
  const all = [...publicRoutes, ...privateRoutes];
  const match = (r: AppRoute) => new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}/?$`).test(path);
  return all.find((r) => r.path === path) ?? all.find(match);
}

/** Whether a role may open the page at `path` (the same declaration the route wiring uses). */
export function mayOpen(role: Role | undefined, path: string): boolean {
  const r = routeFor(path);
  return !r?.roles || (!!role && r.roles.includes(role));
}
