// The web app's pages. Each capability adds its routes here (and menu entries in nav.ts).
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { matchPath } from 'react-router-dom';
import { Loading } from './components/ui.tsx';
import { prefetchRegionalResults, prefetchRespondentForm } from './first-load.ts';
import { startSession, type Role } from './session.tsx';

// Every page is its own chunk, loaded on first use: the entry holds only the shell (router, session,
// layout), so the sign-in page and the respondent form (often opened on a phone) stay small and no page
// without charts loads ECharts (test/web-bundle.test.ts checks the built chunks).
function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): ReactElement {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  const element = (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
  loaders.set(element, load);
  return element;
}
/** Each page element's chunk (startPage asks for it before the page renders). */
const loaders = new WeakMap<ReactElement, () => Promise<unknown>>();
const audit = () => import('./pages/admin/audit.tsx');
const outbox = () => import('./pages/admin/outbox.tsx');
const security = () => import('./pages/admin/security.tsx');
const signInSettings = () => import('./pages/admin/sign-in.tsx');
const users = () => import('./pages/admin/users.tsx');
const account = () => import('./pages/account/index.tsx');
const invitation = () => import('./pages/account/invitation.tsx');
const auth = () => import('./pages/auth.tsx');
const home = () => import('./pages/home.tsx');
const municipalities = () => import('./pages/municipalities.tsx');
const respondent = () => import('./pages/respondent.tsx');
const rounds = () => import('./pages/rounds.tsx');
const roundForm = () => import('./pages/round-form.tsx');
const roundMunicipality = () => import('./pages/round-municipality.tsx');
const analysis = () => import('./pages/analysis.tsx');
const initiatives = () => import('./pages/initiatives.tsx');
const portfolio = () => import('./pages/portfolio/index.tsx');
const prioritization = () => import('./pages/portfolio/prioritization.tsx');
const handlingsplan = () => import('./pages/portfolio/handlingsplan.tsx');
const followUp = () => import('./pages/portfolio/follow-up.tsx');
const indicators = () => import('./pages/portfolio/indicators.tsx');
const reports = () => import('./pages/reports.tsx');
const instruments = () => import('./pages/instruments.tsx');
// One chunk per risk page (pages/risks.tsx lists them): the register loads no chart code, the matrix and
// the heatmap do.
const riskRegister = () => import('./pages/risks/register.tsx');
const riskMatrix = () => import('./pages/risks/matrix.tsx');
const riskGroup = () => import('./pages/risks/group.tsx');
const riskDetail = () => import('./pages/risks/detail.tsx');
const newRisk = () => import('./pages/risks/new.tsx');
const riskSettings = () => import('./pages/risks/settings.tsx');
const economics = () => import('./pages/economics/index.tsx');
const benchmarks = () => import('./pages/benchmarks.tsx');
const region = () => import('./pages/region.tsx');
const published = () => import('./pages/published.tsx');

/**
 * A page of the app; `roles` (signed-in pages) are the roles that may open it, all when left out.
 * `first`: the data the page shows first, asked for by startPage as the app starts.
 */
export interface AppRoute {
  path: string;
  element: ReactElement;
  roles?: readonly Role[];
  first?: (params: Record<string, string>, query: URLSearchParams) => void;
}
/** Roles that work with rounds and initiatives (not läsare). */
const STAFF: readonly Role[] = ['forbundsadmin', 'kommunansvarig'];
const ADMIN: readonly Role[] = ['forbundsadmin'];
/** Roles that see results and reports of rounds: not the region's analyst (no municipality's survey data, issue 14). */
const MEASUREMENT: readonly Role[] = ['forbundsadmin', 'kommunansvarig', 'lasare'];

/** The page for addresses no route matches. */
export const notFoundPage = lazyPage(home, 'NotFoundPage');

/** Pages reachable without an account (sign-in, password reset, respondent links). */
export const publicRoutes: AppRoute[] = [
  { path: '/logga-in', element: lazyPage(auth, 'LoginPage') },
  { path: '/glomt-losenord', element: lazyPage(auth, 'ForgotPasswordPage') },
  { path: '/aterstall-losenord', element: lazyPage(auth, 'ResetPasswordPage') },
  { path: '/inbjudan', element: lazyPage(invitation, 'InvitationPage') },
  { path: '/svar/:token', element: lazyPage(respondent, 'RespondentPage'), first: (p) => prefetchRespondentForm(p.token) },
];

/**
 * Pages for signed-in users, with the roles that may open them (declared once: the route wiring shows
 * other roles only the 403 panel, and the menu shows a page only to its roles). The server enforces
 * the roles on every API call as well.
 */
export const privateRoutes: AppRoute[] = [
  { path: '/', element: lazyPage(home, 'HomePage') },
  { path: '/kommuner', element: lazyPage(municipalities, 'MunicipalitiesPage') },
  { path: '/kommuner/:code', element: lazyPage(municipalities, 'MunicipalityPage') },
  { path: '/matomgangar', element: lazyPage(rounds, 'RoundsPage'), roles: STAFF },
  { path: '/matomgangar/ny', element: lazyPage(rounds, 'NewRoundPage'), roles: ADMIN },
  { path: '/matomgangar/:id', element: lazyPage(rounds, 'RoundPage'), roles: STAFF },
  { path: '/matomgangar/:id/andra', element: lazyPage(roundForm, 'EditRoundPage'), roles: ADMIN },
  { path: '/matomgangar/:id/import', element: lazyPage(rounds, 'ImportPage'), roles: ADMIN },
  { path: '/matomgangar/:id/publicerat', element: lazyPage(published, 'PublishedPage'), roles: ADMIN },
  { path: '/matomgangar/:id/kommuner/:code', element: lazyPage(roundMunicipality, 'RoundMunicipalityPage'), roles: STAFF },
  { path: '/resultat', element: lazyPage(analysis, 'ResultsPage'), roles: MEASUREMENT },
  { path: '/resultat/:id', element: lazyPage(analysis, 'RegionalResultsPage'), roles: MEASUREMENT, first: (p, q) => prefetchRegionalResults(p.id, q) },
  { path: '/resultat/:id/kommun/:code', element: lazyPage(analysis, 'MunicipalityResultsPage'), roles: STAFF },
  { path: '/resultat/:id/jamfor/:otherId', element: lazyPage(analysis, 'CompareResultsPage'), roles: MEASUREMENT },
  { path: '/rapporter', element: lazyPage(reports, 'ReportsPage'), roles: MEASUREMENT },
  { path: '/instrument', element: lazyPage(instruments, 'InstrumentsPage'), roles: STAFF },
  { path: '/instrument/:id/:version', element: lazyPage(instruments, 'InstrumentVersionPage'), roles: STAFF },
  { path: '/instrument/:id/:version/redigera', element: lazyPage(instruments, 'InstrumentEditPage'), roles: ADMIN },
  { path: '/initiativ', element: lazyPage(initiatives, 'InitiativesPage') },
  { path: '/initiativ/nytt', element: lazyPage(initiatives, 'NewInitiativePage'), roles: STAFF },
  { path: '/initiativ/:id', element: lazyPage(initiatives, 'InitiativePage') },
  { path: '/risker', element: lazyPage(riskRegister, 'RisksPage') },
  { path: '/risker/ny', element: lazyPage(newRisk, 'NewRiskPage'), roles: STAFF },
  { path: '/risker/installningar', element: lazyPage(riskSettings, 'RiskSettingsPage'), roles: ADMIN },
  { path: '/risker/matris/:code', element: lazyPage(riskMatrix, 'RiskMatrixPage'), roles: STAFF },
  { path: '/risker/grupp/:groupId', element: lazyPage(riskGroup, 'RiskGroupPage') },
  { path: '/risker/:id', element: lazyPage(riskDetail, 'RiskPage') },
  { path: '/portfolj', element: lazyPage(portfolio, 'PortfolioIndexPage') },
  { path: '/portfolj/prioritering', element: lazyPage(prioritization, 'PrioritizationPage') },
  { path: '/portfolj/handlingsplan', element: lazyPage(handlingsplan, 'HandlingsplanPage') },
  { path: '/portfolj/uppfoljning', element: lazyPage(followUp, 'FollowUpPage') },
  { path: '/portfolj/indikatorer', element: lazyPage(indicators, 'IndicatorsPage') },
  { path: '/regional-uppfoljning', element: lazyPage(region, 'RegionPage'), roles: ['regionanalytiker', 'forbundsadmin'] },
  { path: '/ekonomi', element: lazyPage(economics, 'EconomicsOverviewPage') },
  { path: '/ekonomi/import', element: lazyPage(economics, 'EconomicsImportPage'), roles: STAFF },
  { path: '/ekonomi/grupper/:id', element: lazyPage(economics, 'EconomicsGroupPage') },
  { path: '/ekonomi/:code/:year', element: lazyPage(economics, 'EconomicsYearPage'), roles: STAFF },
  { path: '/jamforelser', element: lazyPage(benchmarks, 'BenchmarksPage'), roles: ['forbundsadmin', 'kommunansvarig', 'regionanalytiker'] },
  { path: '/mitt-konto', element: lazyPage(account, 'AccountPage') },
  { path: '/admin/konton', element: lazyPage(users, 'UsersPage'), roles: ADMIN },
  { path: '/admin/logg', element: lazyPage(audit, 'AuditPage'), roles: ADMIN },
  { path: '/admin/sakerhet', element: lazyPage(security, 'SecurityPage'), roles: ADMIN },
  { path: '/admin/utkorg', element: lazyPage(outbox, 'OutboxPage'), roles: ADMIN },
  { path: '/admin/inloggning', element: lazyPage(signInSettings, 'SignInSettingsPage'), roles: ADMIN },
];

const allRoutes = [...publicRoutes, ...privateRoutes];
/** Each route's path as a pattern, made once (the layout asks for every menu entry on every render). */
const patterns = allRoutes.map((r) => ({ route: r, re: new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}/?$`) }));
const routeOfPath = new Map<string, AppRoute | undefined>();

/** The route a menu link or address opens (exact paths before parameterised ones). */
export function routeFor(path: string): AppRoute | undefined {
  if (routeOfPath.has(path)) return routeOfPath.get(path);
  const route = allRoutes.find((r) => r.path === path) ?? patterns.find((p) => p.re.test(path))?.route;
  // Addresses with parameters are many: remembered up to a bound.
  if (routeOfPath.size >= 1000) routeOfPath.clear();
  routeOfPath.set(path, route);
  return route;
}

/**
 * Starts what the page at the address needs before React renders it (main.tsx, issue 15): its chunk,
 * and its first data (`first`) — at once on a public page, on a signed-in page as soon as
 * /api/auth/me says the session's role may open it (so no signed-out visitor or other role gets a
 * refused call), in parallel with the chunk instead of after it.
 */
export function startPage(path: string, search: string): void {
  const route = routeFor(path);
  if (!route) return;
  void loaders.get(route.element)?.().catch(() => undefined);
  const first = route.first;
  if (!first) return;
  const params = (matchPath(route.path, path)?.params ?? {}) as Record<string, string>;
  const query = new URLSearchParams(search);
  if (publicRoutes.includes(route)) first(params, query);
  else
    void startSession()
      .then((me) => me.user && mayOpen(me.user.role, path) && first(params, query))
      .catch(() => undefined);
}

/** Whether a role may open the page at `path` (the same declaration the route wiring uses). */
export function mayOpen(role: Role | undefined, path: string): boolean {
  const r = routeFor(path);
  return !r?.roles || (!!role && r.roles.includes(role));
}
