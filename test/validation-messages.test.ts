// Validation messages name the field in Swedish, never a JSON key (issue 9, deliverable 2):
// parse() (src/server/http.ts) labels every issue from src/server/field-labels.ts; every key of a
// route's input schema has a label; the API answers "E-postadress: ange en giltig e-postadress".
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { z } from 'zod';
import { FIELD_LABELS, fieldLabel } from '../src/server/field-labels.ts';
import { AppError } from '../src/domain/errors.ts';
import { parse } from '../src/server/http.ts';
import { backends } from './support/db.ts';
import { DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';

/** The keys of every object literal given to z.object(…) / .extend(…) in a source text. */
function schemaKeys(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(/(?:z\.object|z\.strictObject|\.extend)\(\s*\{/g)) {
    let depth = 1;
    let expectKey = true;
    for (let j = m.index! + m[0].length; j < text.length && depth > 0; j++) {
      const c = text[j];
      if (c === "'" || c === '"' || c === '`') {
        const q = c;
        for (j++; j < text.length && text[j] !== q; j++) if (text[j] === '\\') j++;
        expectKey = false;
      } else if (c === '/' && text[j + 1] === '/') {
        while (j < text.length && text[j] !== '\n') j++;
      } else if ('{(['.includes(c)) {
        depth++;
        expectKey = false;
      } else if ('})]'.includes(c)) {
        depth--;
        expectKey = false;
      } else if (depth === 1 && c === ',') expectKey = true;
      else if (depth === 1 && expectKey && /[A-Za-z_]/.test(c)) {
        const k = /^([A-Za-z_][A-Za-z0-9_]*)\s*(:|,|\}|\n)/.exec(text.slice(j));
        if (k && !text.slice(j).startsWith('...')) keys.push(k[1]);
        expectKey = false;
      } else if (!/\s/.test(c)) expectKey = false;
    }
  }
  return keys;
}

const ROUTE_SCHEMA_FILES = [
  ...readdirSync('src/server/routes').map((f) => join('src/server/routes', f)),
  'src/domain/round-details.ts',
  'src/domain/portfolio/stages.ts',
];

/** The property names of a JSON schema, at every depth. */
function jsonKeys(schema: unknown, out: string[] = []): string[] {
  if (Array.isArray(schema)) for (const s of schema) jsonKeys(s, out);
  else if (schema && typeof schema === 'object')
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'properties' && v && typeof v === 'object') out.push(...Object.keys(v));
      jsonKeys(v, out);
    }
  return out;
}

/** Every key of the params, query and body of the endpoints declared in src/contracts. */
async function contractInputKeys(): Promise<Array<[string, string]>> {
  const keys: Array<[string, string]> = [];
  for (const f of readdirSync('src/contracts')) {
    const mod: Record<string, unknown> = await import(`../src/contracts/${f}`);
    for (const [name, ep] of Object.entries(mod)) {
      if (!ep || typeof ep !== 'object' || !('path' in ep) || !('method' in ep)) continue;
      for (const part of ['params', 'query', 'body'] as const) {
        const schema = (ep as Record<string, unknown>)[part];
        if (schema instanceof z.ZodType)
          for (const key of jsonKeys(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }))) keys.push([`${f} ${name}`, key]);
      }
    }
  }
  return keys;
}

test('varje fält i rutternas indata har en svensk etikett', async () => {
  const missing: string[] = [];
  let n = 0;
  for (const file of ROUTE_SCHEMA_FILES)
    for (const key of schemaKeys(readFileSync(file, 'utf8'))) {
      n++;
      if (!(key in FIELD_LABELS)) missing.push(`${file}: ${key}`);
    }
  for (const [where, key] of await contractInputKeys()) {
    n++;
    if (!(key in FIELD_LABELS)) missing.push(`${where}: ${key}`);
  }
  // The scan sees the schemas it should: these keys are written by hand from the routes.
  assert.ok(n > 150, `${n} nycklar hittade`);
  assert.deepEqual(missing, []);
  for (const [key, label] of Object.entries(FIELD_LABELS)) {
    assert.notEqual(label, key, `${key} saknar svensk etikett`);
    assert.match(label, /^\p{Lu}/u, `${key}: etiketten börjar med versal`);
  }
});

function messageOf(fn: () => unknown): { message: string; details: Array<{ path: string; label: string | null; message: string }> } {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, 'invalid');
    return { message: e.message, details: e.details as never };
  }
  assert.fail('parse() godtog ogiltig indata');
}

test('parse(): fältets svenska namn, aldrig JSON-nyckeln; raden i en lista; sökvägen finns kvar i details', () => {
  const email = messageOf(() => parse(z.object({ email: z.string().email() }), { email: 'inte-en-adress' }));
  assert.equal(email.message, 'E-postadress: ange en giltig e-postadress');
  assert.deepEqual(email.details, [{ path: 'email', label: 'E-postadress', message: 'Ange en giltig e-postadress' }]);

  const nested = messageOf(() =>
    parse(z.object({ risks: z.array(z.object({ description: z.string().min(1), probability: z.number().int().min(1).max(4) })) }), {
      risks: [{ description: 'Personalbrist', probability: 2 }, { description: '', probability: 9 }],
    }),
  );
  assert.equal(nested.message, 'Beskrivning, rad 2: måste fyllas i; Sannolikhet, rad 2: högst 4');
  assert.deepEqual(
    nested.details.map((d) => d.path),
    ['risks.1.description', 'risks.1.probability'],
  );

  // A message written in the schema that already starts with its field stays as it is.
  const code = messageOf(() => parse(z.object({ code: z.string().regex(/^\d{4}$/, 'Kommunkoden ska vara fyra siffror (SCB-kod)') }), { code: '12' }));
  assert.equal(code.message, 'Kommunkoden ska vara fyra siffror (SCB-kod)');
  const missing = messageOf(() => parse(z.object({ title: z.string(), estimatedCost: z.number() }), { estimatedCost: 'mycket' }));
  assert.equal(missing.message, 'Titel: måste anges; Uppskattad kostnad: ange ett tal');
  // A route may name a key differently where it means something else there.
  const years = messageOf(() => parse(z.object({ from: z.number(), to: z.number().max(2100) }), { from: 2025, to: 3000 }, { labels: { to: 'Slutår' } }));
  assert.equal(years.message, 'Slutår: högst 2\u00a0100');
  assert.equal(fieldLabel(['rows', 0, 'applied']), 'Ansökt belopp, rad 1');
  assert.equal(fieldLabel(['okandNyckel']), null);
  const unknown = messageOf(() => parse(z.object({ okandNyckel: z.string() }), {}));
  assert.equal(unknown.message, 'Måste anges');
  const strict = messageOf(() => parse(z.object({}).strict(), { hemligNyckel: 1 }));
  assert.doesNotMatch(strict.message, /hemligNyckel/);
});

for (const backend of backends) {
  describe(`valideringsmeddelanden via API (${backend.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(backend);
    });
    after(async () => t?.close());

    it('ett fel i ett formulär namnger fältet på svenska', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const bad = await admin.post('/api/admin/users', { email: 'inte-en-adress', name: 'Ny Person', password: 'ett-langt-losenord-1', role: 'lasare' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error, 'E-postadress: ange en giltig e-postadress');
      assert.equal(bad.body.details[0].path, 'email');

      const several = await admin.post('/api/admin/users', { email: 'x@y.se', name: 5, password: 'kort', role: 'kung' });
      assert.equal(several.status, 400);
      assert.match(several.body.error, /Namn: ange en text/);
      assert.match(several.body.error, /Lösenordet ska ha minst 12 tecken/);
      assert.match(several.body.error, /Roll/);
      assert.doesNotMatch(several.body.error, /\b(name|password|role|email)\b/);

      const initiative = await admin.post('/api/initiatives', { title: 'Testinitiativ', estimatedCost: -5 });
      assert.equal(initiative.status, 400);
      assert.match(initiative.body.error, /^Uppskattad kostnad: /);
      assert.doesNotMatch(initiative.body.error, /estimatedCost/);
      assert.ok(initiative.body.details.some((d: { path: string }) => d.path === 'estimatedCost'));

      const plan = await admin.get('/api/handlingsplan?from=2026&to=2025');
      assert.equal(plan.status, 400);
      assert.equal(plan.body.error, 'Slutåret kan inte vara före startåret');
    });

    it('respondentens enkät bär inga metodanteckningar eller källhänvisningar', async () => {
      // The open demo round (Digitaliseringsenkät 2026, statusenkät) has respondents with links.
      const { token } = (
        await t.db.query<{ token: string }>(
          `SELECT p.token FROM respondents p JOIN rounds r ON r.id = p.round_id WHERE r.status = 'open' AND p.token IS NOT NULL ORDER BY p.id LIMIT 1`,
        )
      ).rows[0];
      const r = await t.app.inject({ method: 'GET', url: `/api/r/${token}` });
      assert.equal(r.statusCode, 200);
      const body = JSON.parse(r.body);
      const ins = body.round?.instrument ?? body.instrument;
      assert.ok(ins && Array.isArray(ins.items) && ins.items.length > 0, 'instrumentet saknas i svaret');
      assert.equal(ins.methodNote, undefined);
      assert.equal(ins.source, undefined);
      assert.ok(ins.items.every((i: Record<string, unknown>) => i.sourceNote === undefined));
      assert.doesNotMatch(r.body, /seeds\/|DOMAIN|§|poängsätts|har kompletterats|sourceNote|methodNote/);
    });
  });
}
