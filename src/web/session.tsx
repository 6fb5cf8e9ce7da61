import { queryClient } from './query.ts';
import { ROLE_LABELS } from '../domain/organisation.ts';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type * as contracts from '../contracts/auth.ts';
import type { ResponseOf } from '../contracts/endpoint.ts';
import { call, lite, setCsrf } from './api.ts';

/** The session's endpoints (src/contracts/auth.ts), without their schemas. */
const auth = {
  me: lite<typeof contracts.me>('GET', '/api/auth/me'),
  login: lite<typeof contracts.login>('POST', '/api/auth/login'),
  logout: lite<typeof contracts.logout>('POST', '/api/auth/logout'),
  extendSession: lite<typeof contracts.extendSession>('POST', '/api/auth/session/extend'),
};

/** The answer of a sign-in that started a session. */
export type SignedIn = Extract<ResponseOf<typeof auth.login>, { csrfToken: string }>;
export type User = SignedIn['user'];
/** The right password, but a second step is needed first (a code, or enrolling an app). */
export type SecondStep = Exclude<ResponseOf<typeof auth.login>, SignedIn>;
export type Role = User['role'];

/** What the server says about the session: seconds left and its full lifetime (GET /api/auth/me, login, extend). */
export type SessionTimes = ResponseOf<typeof auth.extendSession>['session'];

interface Session {
  user?: User;
  loading: boolean;
  /** When the session ends (Date.now() clock), known after sign-in or /api/auth/me. */
  expiresAt?: number;
  /** Its full lifetime in milliseconds. */
  lifetimeMs?: number;
  /** Signs in with e-mail and password; the second step when the account needs one (no session yet). */
  login(email: string, password: string): Promise<SecondStep | undefined>;
  /** Takes the session a sign-in's last step started. */
  signedIn(r: SignedIn): void;
  logout(): Promise<void>;
  /** Renews the session for a full lifetime (POST /api/auth/session/extend). */
  extend(): Promise<void>;
}

const Ctx = createContext<Session>(null as never);

type MeAnswer = ResponseOf<typeof auth.me>;
let firstMe: Promise<MeAnswer> | undefined;

/**
 * Asks the server for the session as the app's code starts (main.tsx), before React renders: a page
 * that needs data asks for it as soon as this answers (routes.tsx startPage), and SessionProvider
 * takes the same answer. index.html preloads the same address, so the answer is usually on its way
 * while the app's code still loads.
 */
export function startSession(): Promise<MeAnswer> {
  firstMe ??= call(auth.me);
  return firstMe;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User>();
  const [loading, setLoading] = useState(true);
  const [times, setTimes] = useState<{ expiresAt: number; lifetimeMs: number }>();
  const took = useCallback((s: SessionTimes | undefined) => {
    setTimes(s ? { expiresAt: Date.now() + s.expiresInSeconds * 1000, lifetimeMs: s.lifetimeSeconds * 1000 } : undefined);
  }, []);
  useEffect(() => {
    // 200 with `user: null` when signed out (no 401 in the console on public pages). The first
    // answer is the one asked for as the app started.
    (firstMe ?? call(auth.me))
      .then((r) => {
        if (!r.user) return;
        setCsrf(r.csrfToken);
        setUser(r.user);
        took(r.session);
      })
      .catch(() => undefined)
      .finally(() => setLoading(false));
  }, []);
  const signedIn = (r: SignedIn) => {
    queryClient.clear();
    setCsrf(r.csrfToken);
    setUser(r.user);
    took(r.session);
  };
  const login = async (email: string, password: string) => {
    const r = await call(auth.login, { body: { email, password } });
    if ('secondFactor' in r) return r;
    signedIn(r);
    return undefined;
  };
  const logout = async () => {
    await call(auth.logout);
    // Nothing of the last user's data stays in the cache for the next one.
    queryClient.clear();
    setCsrf(undefined);
    setUser(undefined);
    took(undefined);
  };
  const extend = async () => {
    const r = await call(auth.extendSession);
    took(r.session);
  };
  return (
    <Ctx.Provider value={{ user, loading, expiresAt: times?.expiresAt, lifetimeMs: times?.lifetimeMs, login, signedIn, logout, extend }}>
      {children}
    </Ctx.Provider>
  );
}

export const useSession = () => useContext(Ctx);
export const ROLE_LABEL: Record<Role, string> = ROLE_LABELS;
