// Warns before a signed-in session ends and offers to extend it (WCAG 2.2.1 Timing adjustable).
// The alert region is in the page from the start, so the warning is announced when it appears;
// focus moves to "Förläng sessionen" and back to where the user was once the session is extended.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

/** How long before the end the warning shows: five minutes, or half the lifetime when that is shorter. */
export function warningLeadMs(lifetimeMs: number): number {
  return Math.min(5 * 60_000, lifetimeMs / 2);
}

type Phase = 'ok' | 'warn' | 'ended';

export function SessionWarning() {
  const { user, expiresAt, lifetimeMs, extend } = useSession();
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>('ok');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string>();
  const [extended, setExtended] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const signInRef = useRef<HTMLAnchorElement>(null);
  const returnTo = useRef<Element | null>(null);

  useEffect(() => {
    setPhase('ok');
    if (!user || expiresAt === undefined || lifetimeMs === undefined) return;
    const now = Date.now();
    const warnIn = expiresAt - warningLeadMs(lifetimeMs) - now;
    const endIn = expiresAt - now;
    const timers = [
      setTimeout(() => {
        returnTo.current = document.activeElement;
        setExtended(false);
        setPhase('warn');
      }, Math.max(0, warnIn)),
      setTimeout(() => setPhase('ended'), Math.max(0, endIn)),
    ];
    return () => timers.forEach(clearTimeout);
  }, [user, expiresAt, lifetimeMs]);

  useEffect(() => {
    if (phase === 'warn') buttonRef.current?.focus();
    // Ended while "Förläng" had focus: focus goes to "Logga in igen" rather than to the page.
    if (phase === 'ended' && (!document.activeElement || document.activeElement === document.body)) signInRef.current?.focus();
  }, [phase]);

  const onExtend = async () => {
    if (busy) return;
    setBusy(true);
    setFailed(undefined);
    try {
      await extend();
      setExtended(true);
      const back = returnTo.current;
      if (back instanceof HTMLElement && back.isConnected && back !== document.body) back.focus();
      else document.getElementById('main')?.focus();
    } catch (e) {
      setFailed((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const minutesLeft = expiresAt !== undefined ? Math.max(0, Math.round((expiresAt - Date.now()) / 60_000)) : 0;
  return (
    <div className="session-warning" role="alert">
      {user && phase === 'warn' && (
        <>
          <p>
            {minutesLeft >= 1
              ? t('Din inloggning upphör om cirka {n} minuter. Förläng den för att fortsätta utan att förlora det du har fyllt i.', { n: minutesLeft })
              : t('Din inloggning upphör om mindre än en minut. Förläng den för att fortsätta utan att förlora det du har fyllt i.')}
          </p>
          {failed && <p lang="sv">{failed}</p>}
          <button type="button" ref={buttonRef} onClick={onExtend} aria-disabled={busy || undefined}>
            {t('Förläng inloggningen')}
          </button>
        </>
      )}
      {user && phase === 'ended' && (
        <p>
          {t('Din inloggning har upphört. Det du har fyllt i finns kvar på sidan tills du lämnar den, men kan inte sparas.')}{' '}
          <Link to="/logga-in" ref={signInRef}>
            {t('Logga in igen')}
          </Link>
        </p>
      )}
      {user && phase === 'ok' && extended && <p className="visually-hidden">{t('Inloggningen är förlängd.')}</p>}
    </div>
  );
}
