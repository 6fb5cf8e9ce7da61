// The portfolio's use cases (src/portfolio) without HTTP: their rules throw AppError with Swedish
// messages, nothing is stored when they refuse, and each change writes its audit entry with it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../src/db/db.ts';
import { AppError } from '../src/domain/errors.ts';
import { createNetwork } from '../src/portfolio/create-network.ts';
import { saveCriteria } from '../src/portfolio/save-criteria.ts';
import { setIndicatorValue } from '../src/portfolio/set-indicator-value.ts';
import { updateNetwork } from '../src/portfolio/update-network.ts';
import { createUser } from '../src/store/accounts.ts';
import { listAudit } from '../src/store/audit.ts';
import { listNetworks } from '../src/store/initiatives.ts';
import { backends } from './support/db.ts';

const refusal = (code: AppError['code'], message: string) => (e: unknown) => e instanceof AppError && e.code === code && e.message === message;

for (const backend of backends)
  describe(`portföljens användningsfall (${backend.name})`, () => {
    let db: Db;
    let actor: { id: number; ip: string };
    before(async () => {
      db = await backend.open();
      const admin = await createUser(db, { email: 'admin@example.se', name: 'Admin', password: 'lösenord-som-är-långt', role: 'forbundsadmin' });
      actor = { id: admin.id, ip: '192.0.2.1' };
    });
    after(async () => db?.close());

    it('ett nätverk läggs till med förval och granskningspost; samma namn med annat skiftläge vägras', async () => {
      const n = await createNetwork(db, actor, { name: 'Digitaliseringsnätverket' });
      assert.deepEqual({ ...n, id: 0 }, { id: 0, name: 'Digitaliseringsnätverket', description: '', active: true, startYear: null, endYear: null });
      await assert.rejects(createNetwork(db, actor, { name: 'DIGITALISERINGSNÄTVERKET' }), refusal('conflict', 'Det finns redan ett nätverk med det namnet'));
      assert.equal((await listNetworks(db)).length, 1);
      const entries = (await listAudit(db)).filter((a) => a.action === 'network.created');
      assert.deepEqual(entries.map((a) => [a.actor_email, a.target, a.ip]), [['admin@example.se', 'Digitaliseringsnätverket', '192.0.2.1']]);
    });

    it('en ändring prövas mot det sparade nätverket: slutår före det sparade startåret vägras och inget ändras', async () => {
      const n = await createNetwork(db, actor, { name: 'E-hälsonätverket', startYear: 2024 });
      await assert.rejects(updateNetwork(db, actor, n.id, { endYear: 2023 }), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === 'invalid');
        assert.equal(e.message, 'Slutåret kan inte vara före startåret');
        assert.deepEqual(e.details, [{ path: 'endYear', label: 'Slutår', message: 'Slutåret kan inte vara före startåret' }]);
        return true;
      });
      const updated = await updateNetwork(db, actor, n.id, { endYear: 2026, active: false });
      assert.deepEqual([updated.startYear, updated.endYear, updated.active, updated.name], [2024, 2026, false, 'E-hälsonätverket']);
      await assert.rejects(updateNetwork(db, actor, n.id, { name: 'digitaliseringsnätverket' }), refusal('conflict', 'Det finns redan ett nätverk med det namnet'));
      await assert.rejects(updateNetwork(db, actor, 999_999, { active: true }), refusal('not_found', 'Nätverket finns inte'));
      assert.equal((await listAudit(db)).filter((a) => a.action === 'network.updated').length, 1);
    });

    it('en andel över 100 % vägras utan att något sparas; ett antal över 100 går bra', async () => {
      await assert.rejects(
        setIndicatorValue(db, actor, 1, 2026, 'andel_lansgemensamma', { expected: 101, reported: null, note: '', source: '', asOf: '', statedMembers: null }),
        refusal('invalid', 'Förväntat värde: en andel anges i procent, 0–100'),
      );
      const stored = async () => (await db.query('SELECT 1 FROM indicator_values WHERE year = 2026')).rows.length;
      assert.equal(await stored(), 0);
      const row = await setIndicatorValue(db, actor, 1, 2026, 'aktorer', { expected: 120, reported: 90, note: 'Mål', source: 'Rapport, 2026', asOf: 'dec. 2026', statedMembers: null });
      assert.deepEqual([row.indicator, row.expected, row.published], ['aktorer', 120, { value: 90, source: 'Rapport, 2026', asOf: 'dec. 2026' }]);
      assert.equal(await stored(), 1);
    });

    it('kriterierna ersätts och svaret är den sparade uppsättningen', async () => {
      const saved = await saveCriteria(db, actor, [
        { id: 'nytta', label: 'Nytta', description: '', weight: 2 },
        { id: 'risk', label: 'Risk', description: 'Låg risk är bra', weight: 0 },
      ]);
      assert.deepEqual(saved.map((c) => [c.id, c.weight]), [['nytta', 2], ['risk', 0]]);
      assert.equal((await listAudit(db)).filter((a) => a.action === 'portfolio.criteria_changed').length, 1);
    });
  });
