// Outgoing mail: always recorded in the outbox; sent by SMTP when configured.
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Queryable } from '../db/db.ts';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

export async function sendMail(db: Queryable, config: Config, mail: Mail): Promise<void> {
  const send = await queueMail(db, config, mail);
  await send(db);
}

/**
 * Records the mail in the outbox (in the caller's transaction, if any) and returns what sends it by
 * SMTP when configured; call that after the transaction, with a connection outside it. The outcome is
 * written to the outbox row either way.
 */
export async function queueMail(db: Queryable, config: Config, mail: Mail): Promise<(db: Queryable) => Promise<void>> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO outbox (to_address, subject, body) VALUES ($1, $2, $3) RETURNING id',
    [mail.to, mail.subject, mail.body],
  );
  const smtp = config.smtp;
  return async (after) => {
    if (smtp) await deliver(after, smtp, mail, rows[0].id);
  };
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
