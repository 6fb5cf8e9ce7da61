// A throw-away PostgreSQL cluster that a test controls: initdb + pg_ctl from the installed binaries,
// in a temporary directory, on a free port. PostgreSQL refuses to run as root, so as root the
// binaries run as the `postgres` user (runuser); as any other user they run directly.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))) : [];
  if (!versions.length) throw new Error(`Inga PostgreSQL-program under ${root}/*/bin`);
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

export interface PgCluster {
  port: number;
  /** A connection string to a database of the cluster (default `postgres`). */
  url(database?: string): string;
  start(): Promise<void>;
  /** Fast shutdown: every backend is terminated, the cluster stops accepting connections. */
  stop(): Promise<void>;
  /** pg_terminate_backend for every other backend on a database; returns how many. */
  terminateBackends(database: string): Promise<number>;
  destroy(): Promise<void>;
}

export async function createCluster(): Promise<PgCluster> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'samverka-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const cluster: PgCluster = {
    port,
    url,
    start: async () => void run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', options, 'start']),
    stop: async () => void run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']),
    terminateBackends: async (database) => {
      const c = new pg.Client({ connectionString: url('postgres') });
      await c.connect();
      try {
        const r = await c.query(
          'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [database],
        );
        return r.rows[0].n as number;
      } finally {
        await c.end();
      }
    },
    destroy: async () => {
      try {
        await cluster.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

/** Creates a database in the cluster and returns its connection string. */
export async function createDatabase(cluster: PgCluster, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: cluster.url() });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await c.end();
  }
  return cluster.url(name);
}
