// This server process, as named in the database where several samverka instances share one PostgreSQL
// (report batch jobs it works on, scheduled tasks it ran): host, process id and a random suffix.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export const INSTANCE = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
