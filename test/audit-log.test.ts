// The event log as people read it (issue 9, deliverable 2): every action code written anywhere in src
// has a Swedish label (and an English one in the web), targets are named by titles and municipality
// names, and GET /api/admin/audit returns them.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { AUDIT_ACTION_LABELS, auditActionLabel, describeAuditDetails, describeAuditTarget, parseAuditTarget, type AuditLookups } from '../src/domain/audit.ts';
import { ROUND_ACTIONS } from '../src/domain/rounds.ts';
import { en } from '../src/web/i18n-en.ts';
import { backends } from './support/db.ts';
import { DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

/** The value expressions of `action:` inside every audit(…) call in src. */
function auditActionExpressions(): Array<{ file: string; expr: string }> {
  const out: Array<{ file: string; expr: string }> = [];
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baudit\(\s*(?:[a-z]+\.)?(?:db|tx|[a-z]+)\s*,\s*\{/g)) {
      // The object literal of the call: up to the brace that closes it.
      let depth = 0;
      let end = m.index! + m[0].length - 1;
      for (; end < text.length; end++) {
        if (text[end] === '{') depth++;
        else if (text[end] === '}' && --depth === 0) break;
      }
      const body = text.slice(m.index!, end);
      const a = /\baction:\s*([^,\n]+(?:\?[^,\n]+:[^,\n]+)?)/.exec(body);
      assert.ok(a, `${file}: audit(…) utan action`);
      out.push({ file, expr: a[1].trim() });
    }
  }
  return out;
}

// What a template action expands to: `round.${action}` takes a RoundAction, `instrument.${r}` a StoreResult.
const TEMPLATE_EXPANSIONS: Record<string, readonly string[]> = {
  'round.': ROUND_ACTIONS,
  'instrument.': ['created', 'updated', 'unchanged', 'in-use'],
};

test('varje händelsekod som skrivs i src har en svensk etikett och en engelsk översättning', () => {
  const exprs = auditActionExpressions();
  assert.ok(exprs.length >= 35, `${exprs.length} audit-anrop hittade`);
  const codes = new Set<string>();
  for (const { file, expr } of exprs) {
    // In `kind === 'invite' ? 'respondents.invited' : 'respondents.reminded'` the codes are the branches.
    const branches = expr.includes('?') ? expr.slice(expr.indexOf('?') + 1) : expr;
    const literals = [...branches.matchAll(/'([^']+)'/g)].map((x) => x[1]);
    const template = /^`([a-z_]+\.)\$\{[^}]+\}`$/.exec(expr);
    if (template) {
      const expansion = TEMPLATE_EXPANSIONS[template[1]];
      assert.ok(expansion, `${file}: okänd dynamisk händelsekod ${expr} – lägg till den i TEMPLATE_EXPANSIONS och AUDIT_ACTION_LABELS`);
      for (const suffix of expansion) codes.add(template[1] + suffix);
    } else {
      assert.ok(literals.length > 0, `${file}: händelsekoden ${expr} kan inte läsas ut`);
      for (const l of literals) codes.add(l);
    }
  }
  // Spot checks that the scan sees the calls it should (written by hand from the routes).
  for (const c of ['login', 'self_assessment.created', 'round.open', 'round.reopen', 'respondents.reminded', 'instrument.duplicated']) assert.ok(codes.has(c), c);
  const missing = [...codes].filter((c) => !(c in AUDIT_ACTION_LABELS));
  assert.deepEqual(missing, [], 'händelsekoder utan svensk etikett i src/domain/audit.ts');
  for (const label of Object.values(AUDIT_ACTION_LABELS)) {
    assert.doesNotMatch(label, /[._]/, `etiketten "${label}" ser ut som en kod`);
    assert.ok(label in en, `engelsk översättning saknas för "${label}"`);
  }
  assert.equal(auditActionLabel('okänd.kod'), 'Annan händelse');
  assert.ok('Annan händelse' in en);
});

const LOOKUPS: AuditLookups = {
  municipalities: { '1461': 'Mellerud', '1460': 'Bengtsfors' },
  rounds: { 7: 'Digitaliseringsenkät 2024' },
  respondents: { 12: { roundId: 7, municipality: '1460', name: 'Anna Andersson' } },
  initiatives: { 3: 'Digital post' },
  users: { 'admin@demo.samverka.se': 'Demo Förbundsadmin' },
  instruments: { statusenkat: 'Status för digitalisering – enkät till nyckelpersoner' },
};

test('målet beskrivs med titlar och kommunnamn, inte round:7/1461', () => {
  const d = (action: string, target: string | null) => describeAuditTarget(parseAuditTarget(action, target), LOOKUPS);
  assert.equal(d('self_assessment.created', 'round:7/1461'), 'Mätomgången ”Digitaliseringsenkät 2024”, Mellerud');
  assert.equal(d('round.open', 'round:7'), 'Mätomgången ”Digitaliseringsenkät 2024”');
  assert.equal(d('round.open', 'round:99'), 'En borttagen mätomgång');
  assert.equal(d('respondent.updated', 'respondent:12'), 'Respondenten Anna Andersson i Bengtsfors, mätomgången ”Digitaliseringsenkät 2024”');
  assert.equal(d('respondent.deleted', 'respondent:13'), 'En borttagen respondent');
  assert.equal(d('initiative.scored', '3'), 'Initiativet ”Digital post”');
  assert.equal(d('login', 'ADMIN@demo.samverka.se'), 'Demo Förbundsadmin (ADMIN@demo.samverka.se)');
  assert.equal(d('login.failed', 'okand@example.se'), 'okand@example.se');
  assert.equal(d('instrument.created', 'statusenkat@2024.1'), 'Instrumentet ”Status för digitalisering – enkät till nyckelpersoner”, version 2024.1');
  assert.equal(d('indicator.set', '2025/aktiva_natverk'), 'Delregionalt digitaliseringsnätverk är aktivt (2025)');
  assert.equal(d('portfolio.gates_changed', null), '–');
  assert.equal(d('network.created', 'Nätverk för informationssäkerhet'), 'Nätverk för informationssäkerhet');
  // Details in words: statuses, stages and municipalities by name.
  assert.equal(describeAuditDetails('round.close', { from: 'open', to: 'closed' }, LOOKUPS), 'Öppen → Stängd');
  assert.equal(describeAuditDetails('initiative.participation_set', { municipality: '1461', kind: 'deltar' }, LOOKUPS), 'Mellerud: deltar');
  assert.equal(describeAuditDetails('initiative.stage_moved', { from: 'ide', to: 'kvalificering', reason: 'Behov beskrivet' }, LOOKUPS), 'Idé → Kvalificering: Behov beskrivet');
});

for (const backend of backends) {
  describe(`händelseloggen via API (${backend.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(backend);
    });
    after(async () => t?.close());

    it('visar svenska händelsenamn, personens namn och omgångens titel med kommunnamn', async () => {
      const mellerud = await loggedIn(t.app, DEMO.mellerud);
      const round = (await t.db.query<{ id: number }>(`SELECT id FROM rounds WHERE title = 'Digitaliseringsenkät 2026'`)).rows[0];
      const base = `/api/rounds/${round.id}/municipalities/1461/respondents`;
      const added = await mellerud.post(base, { respondentType: 'it-nara', area: 'it', name: 'Test Testsson', email: 'test.testsson@mellerud.example' });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const rid = added.body.respondents[0].id;
      assert.equal((await mellerud.request('DELETE', `${base}/${rid}`)).status, 200);

      const admin = await loggedIn(t.app, DEMO.admin);
      const r = await admin.get('/api/admin/audit');
      assert.equal(r.status, 200);
      const entries: Array<Record<string, string | null>> = r.body.entries;
      const addedEntry = entries.find((e) => e.action === 'respondents.added')!;
      assert.equal(addedEntry.actionLabel, 'Respondenter tillagda');
      assert.equal(addedEntry.actorName, 'Demo Kommunansvarig Mellerud');
      assert.equal(addedEntry.targetLabel, 'Mätomgången ”Digitaliseringsenkät 2026”, Mellerud');
      assert.equal(addedEntry.detail, 'Antal: 1');
      const deleted = entries.find((e) => e.action === 'respondent.deleted')!;
      assert.equal(deleted.actionLabel, 'Respondent borttagen');
      assert.equal(deleted.targetLabel, 'Respondenten Test Testsson i Mellerud, mätomgången ”Digitaliseringsenkät 2026”');
      const login = entries.find((e) => e.action === 'login')!;
      assert.equal(login.actionLabel, 'Inloggning');
      // No code or raw target reaches the readable fields.
      for (const e of entries) {
        assert.doesNotMatch(`${e.actionLabel} ${e.targetLabel} ${e.detail}`, /\b(round|respondent):\d|[a-z]+\.[a-z_]+_[a-z]/, JSON.stringify(e));
      }
    });
  });
}
