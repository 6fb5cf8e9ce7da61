// The rule for how long a failed sign-in holds back the next attempt from the same address.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  failuresToConsider,
  SIGN_IN_THROTTLE,
  signInDelaySeconds,
  signInThrottledMessage,
  signInWaitSeconds,
  type SignInFailure,
} from '../src/domain/sign-in-throttle.ts';

const T = new Date('2026-03-02T10:00:00Z').getTime();
const at = (msAfterT: number) => new Date(T + msAfterT);
const failures = (ip: string, n: number, lastAt: number): SignInFailure[] =>
  Array.from({ length: n }, (_, i) => ({ ip, at: at(lastAt - (n - 1 - i) * 100) }));

describe('inloggningsspärr per adress och konto', () => {
  it('tre fria misslyckanden, sedan 1, 2, 4 … sekunder, högst 15 minuter', () => {
    const expected: Array<[number, number]> = [
      [0, 0],
      [1, 0],
      [3, 0],
      [4, 1],
      [5, 2],
      [6, 4],
      [10, 64],
      [13, 512],
      [14, 900], // 1024 s is more than the cap
      [100, 900],
      [5000, 900], // 2^4996 is Infinity in floating point; still the cap
    ];
    for (const [n, s] of expected) assert.equal(signInDelaySeconds(n), s, `${n} misslyckanden`);
    assert.equal(failuresToConsider(), 14, 'vid 14 misslyckanden är fördröjningen högst');
  });

  it('väntetiden räknas från det senaste misslyckandet och avrundas uppåt', () => {
    // 5 failures, the last at T: 2 s from T.
    assert.equal(signInWaitSeconds(failures('10.0.0.1', 5, 0), '10.0.0.1', at(500)), 2, '1,5 s kvar → 2');
    assert.equal(signInWaitSeconds(failures('10.0.0.1', 5, 0), '10.0.0.1', at(1999)), 1, '0,001 s kvar → 1');
    assert.equal(signInWaitSeconds(failures('10.0.0.1', 5, 0), '10.0.0.1', at(2000)), 0, 'väntat klart');
    // 10 failures, the last at T: 64 s.
    assert.equal(signInWaitSeconds(failures('10.0.0.1', 10, 0), '10.0.0.1', at(4000)), 60, '64 − 4');
    // Three failures cost nothing.
    assert.equal(signInWaitSeconds(failures('10.0.0.1', 3, 0), '10.0.0.1', at(0)), 0, 'tre fria');
  });

  it('misslyckanden äldre än ett dygn glöms', () => {
    const day = 24 * 3600 * 1000;
    const old = failures('10.0.0.1', 10, -day - 1000); // all older than the window
    assert.equal(signInWaitSeconds(old, '10.0.0.1', at(0)), 0, 'glömda');
    // 4 recent and 10 forgotten: 4 count → 1 s after the last recent one.
    const mixed = [...old, ...failures('10.0.0.1', 4, 0)];
    assert.equal(signInWaitSeconds(mixed, '10.0.0.1', at(200)), 1, 'bara de fyra nya räknas');
  });

  it('andra adressers misslyckanden påverkar inte', () => {
    const f = [...failures('10.0.0.1', 12, 0), ...failures('10.0.0.2', 4, 0)];
    assert.equal(signInWaitSeconds(f, '10.0.0.1', at(0)), 256, '12 egna → 256 s');
    assert.equal(signInWaitSeconds(f, '10.0.0.2', at(0)), 1, '4 egna → 1 s');
    assert.equal(signInWaitSeconds(f, '10.0.0.3', at(0)), 0, 'inga egna');
  });

  it('meddelandet säger hur många sekunder', () => {
    assert.equal(
      signInThrottledMessage(1),
      'För många misslyckade inloggningsförsök. Vänta 1 sekund och försök igen, eller återställ ditt lösenord.',
    );
    assert.equal(
      signInThrottledMessage(64),
      'För många misslyckade inloggningsförsök. Vänta 64 sekunder och försök igen, eller återställ ditt lösenord.',
    );
    assert.equal(
      signInThrottledMessage(900),
      'För många misslyckade inloggningsförsök. Vänta 900 sekunder (ungefär 15 minuter) och försök igen, eller återställ ditt lösenord.',
    );
  });

  const ip = fc.constantFrom('10.0.0.1', '10.0.0.2', '192.0.2.7', '2001:db8::1');
  const failure = fc.record({ ip, at: fc.integer({ min: -2 * 86400_000, max: 0 }).map(at) });
  const now = fc.integer({ min: 0, max: 3600_000 }).map(at);

  it('egenskap: fördröjningen minskar aldrig när misslyckandena blir fler och överstiger aldrig taket', () => {
    fc.assert(
      fc.property(fc.nat(100_000), (n) => {
        const d = signInDelaySeconds(n);
        return d <= signInDelaySeconds(n + 1) && d >= 0 && d <= SIGN_IN_THROTTLE.maxDelaySeconds;
      }),
    );
    fc.assert(
      fc.property(fc.array(failure, { maxLength: 40 }), ip, now, (fs, who, t) => {
        const w = signInWaitSeconds(fs, who, t);
        return Number.isInteger(w) && w >= 0 && w <= SIGN_IN_THROTTLE.maxDelaySeconds;
      }),
    );
  });

  it('egenskap: ytterligare ett misslyckande från samma adress förkortar aldrig väntan', () => {
    fc.assert(
      fc.property(fc.array(failure, { maxLength: 30 }), ip, now, (fs, who, t) => {
        const more = [...fs, { ip: who, at: t }];
        return signInWaitSeconds(more, who, t) >= signInWaitSeconds(fs, who, t);
      }),
    );
  });

  it('egenskap: andra adressers misslyckanden ändrar inte väntan för en adress', () => {
    fc.assert(
      fc.property(fc.array(failure, { maxLength: 30 }), fc.array(failure, { maxLength: 30 }), ip, now, (mine, others, who, t) => {
        const own = mine.filter((f) => f.ip === who);
        const foreign = others.filter((f) => f.ip !== who);
        return signInWaitSeconds([...own, ...foreign], who, t) === signInWaitSeconds(own, who, t);
      }),
    );
  });

  it('egenskap: den som väntar den angivna tiden släpps in', () => {
    fc.assert(
      fc.property(fc.array(failure, { maxLength: 30 }), ip, now, (fs, who, t) => {
        const w = signInWaitSeconds(fs, who, t);
        return signInWaitSeconds(fs, who, new Date(t.getTime() + w * 1000)) === 0;
      }),
    );
  });
});
