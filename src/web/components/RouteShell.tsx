// The wiring around every page: an error boundary (a render error shows a Swedish error panel, header
// and menu stay, the error is reported to the server log) and the role check (a role the route does
// not allow sees only the 403 panel; the page itself is never rendered).
import { Component, useEffect, useRef, type ErrorInfo, type ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import type * as clientErrors from '../../contracts/client-errors.ts';
import { CLIENT_ERROR_STACK_MAX } from '../../contracts/client-error-limits.ts';
import { call, lite } from '../api.ts';

const reportEndpoint = lite<typeof clientErrors.reportClientError>('POST', '/api/client-errors');
import { useI18n } from '../i18n.tsx';
import { ROLE_LABEL, useSession, type Role } from '../session.tsx';
import { Loading, Page } from './ui.tsx';

/** Sends a render error to the server log (POST /api/client-errors); failures are ignored. */
export function reportClientError(error: unknown, route: string): void {
  const e = error instanceof Error ? error : new Error(String(error));
  const body = {
    message: (e.message || e.name || 'Okänt fel').slice(0, 1000),
    stack: e.stack?.slice(0, CLIENT_ERROR_STACK_MAX),
    route: route.slice(0, 500),
    userAgent: navigator.userAgent.slice(0, 500),
  };
  // No CSRF token needed (the endpoint only logs); never throws.
  void call(reportEndpoint, { body }).catch(() => undefined);
}

/** What a page shows instead of itself when it failed to render. */
function ErrorPanel() {
  const { t } = useI18n();
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Page title={t('Sidan kunde inte visas')}>
      <div className="error error-panel" role="alert" tabIndex={-1} ref={heading}>
        <p>{t('Ett fel uppstod när sidan skulle visas. Felet har rapporterats. Ladda om sidan eller gå tillbaka till översikten.')}</p>
      </div>
      <div className="button-row">
        <button type="button" onClick={() => window.location.reload()}>
          {t('Ladda om sidan')}
        </button>
        <Link to="/">{t('Till översikten')}</Link>
      </div>
    </Page>
  );
}

class Boundary extends Component<{ route: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown, _info: ErrorInfo) {
    reportClientError(error, this.props.route);
  }
  override render() {
    return this.state.failed ? <ErrorPanel /> : this.props.children;
  }
}

/** An error boundary for one page; a new address starts afresh. */
export function RouteBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <Boundary key={location.pathname} route={location.pathname}>
      {children}
    </Boundary>
  );
}

/**
 * The 403 panel: the only thing a role without access to a page sees there. `message` says what is
 * out of reach when the page is the role's but its object is not (another municipality).
 */
export function ForbiddenPanel({ role, message }: { role: Role; message?: string }) {
  const { t } = useI18n();
  return (
    <Page title={t('Ingen behörighet')}>
      <div className="notice-info forbidden-panel" data-forbidden="">
        <p>{message ?? t('Din roll ({role}) har inte tillgång till den här sidan.', { role: t(ROLE_LABEL[role]) })}</p>
        <p>
          <Link to="/">{t('Till översikten')}</Link>
        </p>
      </div>
    </Page>
  );
}

/** A signed-in page: signed-out users go to the sign-in page, other roles than `roles` see the 403 panel. */
export function RequireRole({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/logga-in" replace state={{ from: location.pathname }} />;
  if (roles && !roles.includes(user.role)) return <ForbiddenPanel role={user.role} />;
  return <>{children}</>;
}
