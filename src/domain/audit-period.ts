// Time in the event log: a period of whole Swedish days (Europe/Stockholm, summer time included), the
// retention cut-off, and a time as Swedish local text for exports. Pure and IO-free.

const ZONE = 'Europe/Stockholm';
const DAY_MS = 86_400_000;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Milliseconds Stockholm's clock is ahead of UTC at an instant (1 or 2 hours). */
function offsetAt(t: number): number {
  const p = Object.fromEntries(wallClock.formatToParts(t).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
}

/** The instant a Swedish day ('ÅÅÅÅ-MM-DD') begins. Summer time changes at 02:00/03:00, never at midnight. */
export function stockholmDayStart(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  return new Date(utcMidnight - offsetAt(utcMidnight - offsetAt(utcMidnight)));
}

/** The next calendar day, 'ÅÅÅÅ-MM-DD'. */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * A period of whole Swedish days, both ends included, as instants: entries with `since <= at < until`.
 * Either end may be left open.
 */
export function auditPeriod(from?: string, to?: string): { since?: Date; until?: Date } {
  return { ...(from ? { since: stockholmDayStart(from) } : {}), ...(to ? { until: stockholmDayStart(nextDay(to)) } : {}) };
}

/** Entries logged before this instant are deleted: `retentionDays` whole days of 24 hours before `now`. */
export function auditRetentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** A time as Swedish local text, "2025-03-30 14:05:09" (exports: what the auditor's clock said). */
export function stockholmTimeText(at: Date | string): string {
  return new Date(at).toLocaleString('sv-SE', { timeZone: ZONE });
}
