import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { get, post, setCsrf } from './api.ts';

export type Role = 'forbundsadmin' | 'kommunansvarig' | 'lasare';
export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  isDemo: boolean;
  municipalities: string[];
}

interface Session {
  user?: User;
  loading: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const Ctx = createContext<Session>(null as never);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User>();
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    // 200 with `user: null` when signed out (no 401 in the console on public pages).
    get<{ user: User | null; csrfToken?: string }>('/api/auth/me')
      .then((r) => {
        setCsrf(r.csrfToken);
        setUser(r.user ?? undefined);
      })
      .catch(() => undefined)
      .finally(() => setLoading(false));
  }, []);
  const login = async (email: string, password: string) => {
    const r = await post<{ user: User; csrfToken: string }>('/api/auth/login', { email, password });
    setCsrf(r.csrfToken);
    setUser(r.user);
  };
  const logout = async () => {
    await post('/api/auth/logout');
    setCsrf(undefined);
    setUser(undefined);
  };
  return <Ctx.Provider value={{ user, loading, login, logout }}>{children}</Ctx.Provider>;
}

export const useSession = () => useContext(Ctx);
export const ROLE_LABEL: Record<Role, string> = {
  forbundsadmin: 'Förbundsadmin',
  kommunansvarig: 'Kommunansvarig',
  lasare: 'Läsare',
};
