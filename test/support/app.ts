// A running app on a fresh database, with a small HTTP client that keeps a session.
import type { FastifyInstance } from 'fastify';
import { configFromEnv, type Config } from '../../src/config.ts';
import type { Db } from '../../src/db/db.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { DEMO_PASSWORD } from '../../src/domain/organisation.ts';
import { buildApp } from '../../src/server/app.ts';
import type { Backend } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

export async function startApp(backend: Backend, opts: { demo?: boolean; config?: Partial<Config> } = {}): Promise<TestApp> {
  const db = await backend.open();
  if (opts.demo !== false) await loadDemo(db);
  const config = { ...configFromEnv({}), baseUrl: 'http://samverka.test', rateLimit: 100000, authRateLimit: 100000, ...opts.config };
  const app = await buildApp(db, config);
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A client that carries a session cookie and CSRF token like the browser does. */
export class Client {
  cookie?: string;
  csrf?: string;
  constructor(private app: FastifyInstance) {}

  async request<T = any>(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      payload: payload as string,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
    });
    const setCookie = res.cookies.find((c) => c.name === 'samverka_sid');
    if (setCookie) this.cookie = setCookie.value ? `samverka_sid=${setCookie.value}` : undefined;
    let body: any = res.body;
    try {
      body = JSON.parse(res.body);
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body, headers: res.headers };
  }

  get = <T = any>(url: string) => this.request<T>('GET', url);
  post = <T = any>(url: string, body?: unknown) => this.request<T>('POST', url, body);
  patch = <T = any>(url: string, body?: unknown) => this.request<T>('PATCH', url, body);

  async login(email: string, password = DEMO_PASSWORD): Promise<Response> {
    const r = await this.post('/api/auth/login', { email, password });
    // A second step (two-factor) answers 200 with a challenge and no session yet.
    if (r.status === 200 && r.body.csrfToken) this.csrf = r.body.csrfToken;
    return r;
  }
}

export const DEMO = {
  admin: 'admin@demo.samverka.se',
  mellerud: 'mellerud@demo.samverka.se',
  smlIt: 'sml-it@demo.samverka.se',
  reader: 'lasare@demo.samverka.se',
};

export async function loggedIn(app: FastifyInstance, email: string): Promise<Client> {
  const c = new Client(app);
  const r = await c.login(email);
  if (r.status !== 200 || !r.body.csrfToken) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}
