// Outgoing mail: always recorded in the outbox; sent by SMTP when configured.
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Queryable } from '../db/db.ts';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

/**
 * Records the mail in the outbox and sends it by SMTP when configured. `deliverLater`: return once it
 * is in the outbox and send in the background (the outcome is still written to the outbox row), so
 * the caller's answer time does not depend on the mail server; not inside a transaction.
 */
export async function sendMail(db: Queryable, config: Config, mail: Mail, opts: { deliverLater?: boolean } = {}): Promise<void> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO outbox (to_address, subject, body) VALUES ($1, $2, $3) RETURNING id',
    [mail.to, mail.subject, mail.body],
  );
  if (!config.smtp) return;
  const delivery = deliver(db, config.smtp, mail, rows[0].id);
  if (opts.deliverLater) void delivery.catch(() => undefined);
  else await delivery;
}

async function deliver(db: Queryable, s: NonNullable<Config['smtp']>, mail: Mail, id: number): Promise<void> {
  try {
    const transport = nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
      auth: s.user ? { user: s.user, pass: s.pass } : undefined,
    });
    await transport.sendMail({ from: s.from, to: mail.to, subject: mail.subject, text: mail.body });
    await db.query('UPDATE outbox SET sent_at = now() WHERE id = $1', [id]);
  } catch (e) {
    await db.query('UPDATE outbox SET error = $2 WHERE id = $1', [id, String(e)]);
  }
}

export async function listOutbox(db: Queryable, limit = 100) {
  return (
    await db.query<{ id: number; to_address: string; subject: string; body: string; created_at: string; sent_at: string | null; error: string | null }>(
      'SELECT id, to_address, subject, body, created_at, sent_at, error FROM outbox ORDER BY id DESC LIMIT $1',
      [limit],
    )
  ).rows;
}
