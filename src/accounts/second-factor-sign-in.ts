// A password sign-in's second step (src/domain/identity/policy.ts secondFactorNeeded): a challenge
// instead of a session after the right password; then a code from the app or a recovery code, or —
// for an admin the association requires it of — enrolling an app first. Challenges are single use,
// live 5 minutes and take 5 attempts; every wrong code is in the audit log.
import type { Db, Queryable } from '../db/db.ts';
import { AppError } from '../domain/errors.ts';
import { secondFactorNeeded } from '../domain/identity/policy.ts';
import { hashRecoveryCode, looksLikeRecoveryCode } from '../domain/identity/totp.ts';
import { getUser, type User } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { getSecuritySettings } from '../store/identity.ts';
import {
  claimAttempt,
  consumeChallenge,
  findChallenge,
  getTotpState,
  issueChallenge,
  unusedRecoveryCodes,
  useRecoveryCode,
  type Challenge,
  type ChallengePurpose,
} from '../store/two-factor.ts';
import { startTotpEnrolment } from './start-totp-enrolment.ts';
import { acceptTotpCode, enableWithCode, type TotpEnrolment } from './totp-common.ts';

export const CHALLENGE_GONE = 'Inloggningen har gått ut eller är redan avslutad. Logga in igen med e-post och lösenord.';

const gone = () => new AppError('unauthenticated', CHALLENGE_GONE);

/** After the right password: the second step the account needs (with its challenge), or undefined for none. */
export async function secondFactorStep(db: Queryable, user: User): Promise<{ secondFactor: ChallengePurpose; challenge: string } | undefined> {
  const step = secondFactorNeeded(user, 'password', await getSecuritySettings(db));
  return step && { secondFactor: step, challenge: await issueChallenge(db, user.id, step) };
}

/** A wrong code: counted (already), logged, answered 401 with the attempts left. */
async function wrongCode(db: Queryable, ch: Challenge & { attemptsLeft: number }, user: User, kind: string, ip?: string): Promise<never> {
  await audit(db, { actor: user.id, action: 'login.second_factor_failed', target: user.email, ip, details: { kind, attemptsLeft: ch.attemptsLeft } });
  throw new AppError(
    'unauthenticated',
    ch.attemptsLeft > 0
      ? `Fel kod. Försök igen (${ch.attemptsLeft} försök kvar).`
      : 'Fel kod. För många felaktiga försök: logga in igen med e-post och lösenord.',
  );
}

/** Takes an attempt of a live challenge for `purpose`, with its account; 401 when there is none. */
async function claim(db: Queryable, token: string, purpose: ChallengePurpose) {
  const ch = await claimAttempt(db, token);
  const user = ch?.purpose === purpose ? await getUser(db, ch.userId) : undefined;
  if (!ch || !user) throw gone();
  return { ch, user };
}

/** The second step with a code from the app or a recovery code; the account to start a session for. */
export async function completeTotpSignIn(
  db: Db,
  token: string,
  input: { code?: string; recoveryCode?: string },
  ip?: string,
): Promise<{ user: User; secondFactor: 'totp' | 'recovery_code' }> {
  const { ch, user } = await claim(db, token, 'totp');
  const recovery = input.recoveryCode !== undefined;
  const ok = await db.transaction(async (tx) => {
    let passed: boolean;
    if (recovery) passed = looksLikeRecoveryCode(input.recoveryCode!) && (await useRecoveryCode(tx, user.id, hashRecoveryCode(input.recoveryCode!)));
    else {
      const state = await getTotpState(tx, user.id);
      passed = !!state?.enabled && (await acceptTotpCode(tx, user.id, state, input.code ?? ''));
    }
    if (!passed) return false;
    if (!(await consumeChallenge(tx, ch.tokenHash))) throw gone();
    if (recovery)
      await audit(tx, { actor: user.id, action: 'totp.recovery_used', target: user.email, ip, details: { left: await unusedRecoveryCodes(tx, user.id) } });
    return true;
  });
  if (!ok) return wrongCode(db, ch, user, recovery ? 'recovery_code' : 'totp', ip);
  return { user, secondFactor: recovery ? 'recovery_code' : 'totp' };
}

/** Enrolment at sign-in (an admin required to use two-factor who has none): the app's secret and QR code. */
export async function startTotpSetupSignIn(db: Queryable, token: string): Promise<TotpEnrolment> {
  const ch = await findChallenge(db, token);
  const user = ch?.purpose === 'totp_setup' ? await getUser(db, ch.userId) : undefined;
  if (!user) throw gone();
  return startTotpEnrolment(db, { user });
}

/** Enrolment at sign-in confirmed with the first code: TOTP is on; the account and its recovery codes. */
export async function confirmTotpSetupSignIn(db: Db, token: string, code: string, ip?: string): Promise<{ user: User; recoveryCodes: string[] }> {
  const { ch, user } = await claim(db, token, 'totp_setup');
  const recoveryCodes = await db.transaction(async (tx) => {
    const codes = await enableWithCode(tx, { user, ip }, code);
    if (codes && !(await consumeChallenge(tx, ch.tokenHash))) throw gone();
    return codes;
  });
  if (!recoveryCodes) return wrongCode(db, ch, user, 'totp_setup', ip);
  return { user: (await getUser(db, user.id))!, recoveryCodes };
}
