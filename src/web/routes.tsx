// The web app's pages. Each capability adds its routes here (and menu entries in nav.ts).
import type { ReactElement } from 'react';
import { AuditPage, OutboxPage, UsersPage } from './pages/admin.tsx';
import { CompareResultsPage, MunicipalityResultsPage, RegionalResultsPage, ResultsPage } from './pages/analysis.tsx';
import { ForgotPasswordPage, LoginPage, ResetPasswordPage } from './pages/auth.tsx';
import { HomePage } from './pages/home.tsx';
import { InitiativePage, InitiativesPage, NewInitiativePage } from './pages/initiatives.tsx';
import { MunicipalitiesPage, MunicipalityPage } from './pages/municipalities.tsx';
import { FollowUpPage, HandlingsplanPage, IndicatorsPage, PortfolioIndexPage, PrioritizationPage } from './pages/portfolio.tsx';
import { ReportsPage } from './pages/reports.tsx';
import { RespondentPage } from './pages/respondent.tsx';
import { ImportPage, NewRoundPage, RoundMunicipalityPage, RoundPage, RoundsPage } from './pages/rounds.tsx';

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
  { path: '/resultat', element: <ResultsPage /> },
  { path: '/resultat/:id', element: <RegionalResultsPage /> },
  { path: '/resultat/:id/kommun/:code', element: <MunicipalityResultsPage /> },
  { path: '/resultat/:id/jamfor/:otherId', element: <CompareResultsPage /> },
  { path: '/rapporter', element: <ReportsPage /> },
  { path: '/initiativ', element: <InitiativesPage /> },
  { path: '/initiativ/nytt', element: <NewInitiativePage /> },
  { path: '/initiativ/:id', element: <InitiativePage /> },
  { path: '/portfolj', element: <PortfolioIndexPage /> },
  { path: '/portfolj/prioritering', element: <PrioritizationPage /> },
  { path: '/portfolj/handlingsplan', element: <HandlingsplanPage /> },
  { path: '/portfolj/uppfoljning', element: <FollowUpPage /> },
  { path: '/portfolj/indikatorer', element: <IndicatorsPage /> },
  { path: '/admin/konton', element: <UsersPage /> },
  { path: '/admin/logg', element: <AuditPage /> },
  { path: '/admin/utkorg', element: <OutboxPage /> },
];
