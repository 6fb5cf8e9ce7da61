// Failed sign-ins slow down the next attempt from the same IP address for the same account, with a
// delay that grows with every failure. There is no hard account lock: another address is never held
// back by this one's failures, so nobody can keep someone else out of their account. Pure and IO-free;
// src/store/accounts.ts records the failures and asks these functions how long to wait.

export interface SignInThrottlePolicy {
  /** Failures that cost nothing: the next attempt may follow at once. */
  freeFailures: number;
  /** The delay after the first failure beyond the free ones; it doubles with every further failure. */
  baseDelaySeconds: number;
  /** The longest delay. */
  maxDelaySeconds: number;
  /** Failures older than this are forgotten. */
  windowSeconds: number;
}

export const SIGN_IN_THROTTLE: SignInThrottlePolicy = {
  freeFailures: 3,
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  windowSeconds: 24 * 3600,
};

/** One failed sign-in for an account (the e-mail address as typed, for known and unknown accounts alike). */
export interface SignInFailure {
  ip: string;
  at: Date;
}

/**
 * The delay owed after `failures` recent failures: none for the free ones, then 1 s, 2 s, 4 s …,
 * never more than the cap.
 */
export function signInDelaySeconds(failures: number, policy: SignInThrottlePolicy = SIGN_IN_THROTTLE): number {
  const beyond = Math.floor(failures) - policy.freeFailures;
  if (beyond <= 0) return 0;
  // 2^(beyond-1) overflows to Infinity for huge counts; the cap takes care of it.
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** (beyond - 1));
}

/**
 * Whole seconds an attempt from `ip` at `now` must still wait, given the account's recorded failures
 * (0 = go ahead). Only this address's failures within the window count; the delay runs from the last one.
 */
export function signInWaitSeconds(
  failures: readonly SignInFailure[],
  ip: string,
  now: Date,
  policy: SignInThrottlePolicy = SIGN_IN_THROTTLE,
): number {
  const since = now.getTime() - policy.windowSeconds * 1000;
  const mine = failures.filter((f) => f.ip === ip && f.at.getTime() > since);
  if (mine.length === 0) return 0;
  const last = Math.max(...mine.map((f) => f.at.getTime()));
  const readyAt = last + signInDelaySeconds(mine.length, policy) * 1000;
  return Math.max(0, Math.ceil((readyAt - now.getTime()) / 1000));
}

/** How many failures are ever needed to decide: beyond this many the delay is at its cap. */
export function failuresToConsider(policy: SignInThrottlePolicy = SIGN_IN_THROTTLE): number {
  let n = policy.freeFailures + 1;
  if (policy.baseDelaySeconds <= 0) return n;
  while (signInDelaySeconds(n, policy) < policy.maxDelaySeconds) n++;
  return n;
}

const seconds = (n: number) => (n === 1 ? '1 sekund' : `${n} sekunder`);

/** The Swedish answer to a held-back attempt. */
export function signInThrottledMessage(waitSeconds: number): string {
  const minutes = waitSeconds >= 120 ? ` (ungefär ${Math.round(waitSeconds / 60)} minuter)` : '';
  return `För många misslyckade inloggningsförsök. Vänta ${seconds(waitSeconds)}${minutes} och försök igen, eller återställ ditt lösenord.`;
}
