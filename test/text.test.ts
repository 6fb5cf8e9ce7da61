// The one rule for unsafe text (src/domain/text.ts) and the database error classifier
// (src/db/errors.ts): unit tests and fast-check properties. Pure, no database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { classifyDbError } from '../src/db/errors.ts';
import { findUnsafeText, optionalRef, safeText, UNSAFE_TEXT_MESSAGE, unsafeTextReason } from '../src/domain/text.ts';

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
/** Strings of any code points but NUL: surrogate pairs only as whole characters. */
const safeString = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/\u0000/g, ''));
const unsafeChar = fc.oneof(fc.constant('\u0000'), fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)));

describe('otillåten text', () => {
  it('känner igen NUL och ensamma surrogattecken, inte hela tecken', () => {
    assert.equal(unsafeTextReason('a\u0000b'), 'nul');
    assert.equal(unsafeTextReason('\ud800'), 'lone-surrogate');
    assert.equal(unsafeTextReason('x\udc00'), 'lone-surrogate');
    assert.equal(unsafeTextReason('\udc00\ud800'), 'lone-surrogate');
    assert.equal(unsafeTextReason('😀'), undefined);
    assert.equal(unsafeTextReason('\ud83d\ude00 e\u0301 \u202Eåäö'), undefined);
    assert.equal(unsafeTextReason(''), undefined);
  });

  it('egenskap: text utan NUL och ensamma surrogattecken godtas; ett sådant tecken var som helst underkänns', () => {
    fc.assert(
      fc.property(safeString, (s) => {
        assert.equal(unsafeTextReason(s), undefined, JSON.stringify(s));
      }),
      { seed: 1, numRuns: 2000 },
    );
    fc.assert(
      fc.property(safeString, unsafeChar, fc.nat(), (s, bad, at) => {
        // Insert between two code points (never inside a pair: that would only move the problem).
        const points = [...s];
        const i = at % (points.length + 1);
        const before = points.slice(0, i).join('');
        const after = points.slice(i).join('');
        // A high surrogate followed by a low one would make a pair: not unsafe then.
        const pairs = isSurrogate(bad.charCodeAt(0)) && ((bad <= '\udbff' && /^[\udc00-\udfff]/.test(after)) || (bad >= '\udc00' && /[\ud800-\udbff]$/.test(before)));
        fc.pre(!pairs);
        assert.ok(unsafeTextReason(before + bad + after), `${JSON.stringify(before + bad + after)} borde underkännas`);
      }),
      { seed: 2, numRuns: 2000 },
    );
  });

  it('findUnsafeText ger sökvägen till första otillåtna text, också i nycklar', () => {
    assert.deepEqual(findUnsafeText({ a: 1, b: ['ok', { c: 'x\u0000' }] }), ['b', 1, 'c']);
    assert.deepEqual(findUnsafeText({ ['k\ud800']: 1 }), ['k\ud800']);
    assert.deepEqual(findUnsafeText('\u0000'), []);
    assert.equal(findUnsafeText({ a: 'ok', b: [1, null, true, '😀'] }), undefined);
    assert.equal(findUnsafeText(Buffer.from([0, 0])), undefined);
    // Query objects have their own prototype and are walked all the same.
    const q = Object.create(Object.create(null));
    q.version = '\u0000';
    assert.deepEqual(findUnsafeText(q), ['version']);
  });

  it('egenskap: ett otillåtet tecken var som helst i ett JSON-värde hittas', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.nat(), unsafeChar, (v, n, bad) => {
        const clean = JSON.parse(JSON.stringify(v).replace(/\\u0000|\\ud[89a-f][0-9a-f]{2}/gi, ''));
        assert.equal(findUnsafeText(clean), undefined);
        // Put it into one of the strings of the value, or make the value that string.
        const strings: Array<(x: string) => void> = [];
        const walk = (x: any) => {
          if (x && typeof x === 'object')
            for (const k of Object.keys(x)) {
              if (typeof x[k] === 'string') strings.push((s) => (x[k] = x[k] + s));
              else walk(x[k]);
            }
        };
        walk(clean);
        if (!strings.length) return assert.ok(findUnsafeText(bad), 'ett ensamt otillåtet tecken hittas');
        strings[n % strings.length](bad);
        assert.ok(findUnsafeText(clean), JSON.stringify(clean));
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it('safeText och optionalRef', () => {
    assert.equal(safeText().safeParse('a\u0000').error?.issues[0].message, UNSAFE_TEXT_MESSAGE);
    assert.equal(safeText().safeParse('bra').success, true);
    const s = z.object({ area: optionalRef(z.string().max(5)) });
    assert.deepEqual(s.parse({ area: '' }), { area: null });
    assert.deepEqual(s.parse({ area: '  ' }), { area: null });
    assert.deepEqual(s.parse({}), {});
    assert.deepEqual(s.parse({ area: 'it' }), { area: 'it' });
    assert.equal(s.safeParse({ area: 'för långt' }).success, false);
  });
});

describe('databasfel som input kan orsaka', () => {
  it('klassas efter SQLSTATE till 400/409 med svenskt meddelande; annat lämnas åt 500', () => {
    assert.deepEqual(classifyDbError({ code: '23505' }), { status: 409, code: '23505', message: 'Uppgiften finns redan (samma värde får bara förekomma en gång)' });
    assert.equal(classifyDbError({ code: '23503' })?.status, 409);
    assert.equal(classifyDbError({ code: '22001' })?.message, 'En text är för lång');
    assert.equal(classifyDbError({ code: '22003' })?.status, 400);
    assert.equal(classifyDbError({ code: '22021' })?.message, 'Texten innehåller ett otillåtet tecken');
    assert.equal(classifyDbError({ code: '54000' })?.status, 400);
    // Not input: connection lost, syntax errors (a bug), Node and Fastify codes.
    for (const code of ['08006', '42601', '42P01', '57P01', 'ECONNREFUSED', 'EPIPE', 'FST_ERR_CTP_BODY_TOO_LARGE'])
      assert.equal(classifyDbError({ code }), undefined, code);
    assert.equal(classifyDbError(new Error('x')), undefined);
    assert.equal(classifyDbError(null), undefined);
  });
});
