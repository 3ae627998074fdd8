import assert from 'node:assert/strict';
import type { ForumPlan } from '../../src/domain/forum/plan';
import { ForumPlanStore } from '../../src/storage/forumPlans';
import { Tables } from '../../src/storage/tables';

// Every wizard step and submit reads its forum's plan, so each instance keeps it for a moment
// (storage/forumPlans.ts): the secretariat's save must still reach the owners' cards.
describe("a forum's plan kept per instance", () => {
  let tables: Tables;
  before(async () => {
    tables = new Tables(process.env.TEST_TABLES_CONNECTION_STRING!, `plan${Date.now().toString(36)}`);
    await tables.ensure(['Groups']);
  });
  after(() => tables.dropAll().catch(() => undefined));

  const plan = (forum: string, name: string): ForumPlan => ({
    forum,
    areas: [{ id: 'a1', name: { nb: name } }],
    updatedBy: { tenantId: 't', aadObjectId: 'officer' },
    updatedAt: '2026-12-07T03:00:00.000Z',
  });

  it("shows this instance's own save at once, however long it keeps plans", async () => {
    const store = new ForumPlanStore(tables, 60_000);
    assert.equal(await store.get('viken'), undefined);
    await store.save(plan('viken', 'Lesing'));
    assert.equal((await store.get('viken'))?.areas[0].name.nb, 'Lesing');
    await store.save(plan('viken', 'Skriving'));
    assert.equal((await store.get('viken'))?.areas[0].name.nb, 'Skriving');
  });

  it("shows another instance's save once its moment has passed", async () => {
    const owners = new ForumPlanStore(tables, 100);
    const officers = new ForumPlanStore(tables, 100);
    assert.equal(await owners.get('oslo'), undefined);
    await officers.save(plan('oslo', 'Regning'));
    await new Promise((r) => setTimeout(r, 150));
    assert.equal((await owners.get('oslo'))?.areas[0].name.nb, 'Regning');
  });
});
