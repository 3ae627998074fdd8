import assert from 'node:assert/strict';
import { FAST_DELIVERY, seedUser, userId, waitForArrivals } from '../support/delivery';
import { startHarness, uniquePrefix, type Harness } from '../support/harness';
import { TENANT } from '../support/personas';
import { TeamsConnector } from '../support/teamsConnector';

describe('several bot instances on one outbox', function () {
  this.timeout(40_000);
  const teams = new TeamsConnector();
  const instances: Harness[] = [];

  before(async () => {
    await teams.start();
    // Teams' per-conversation limits are enforced here: two instances sending to one chat at
    // once would show up as 429s.
    teams.limits = { conversation: [{ max: 7, windowMs: 1000 }, { max: 8, windowMs: 2000 }] };
    const prefix = uniquePrefix();
    for (let i = 0; i < 2; i++) instances.push(await startHarness({ ...FAST_DELIVERY, TABLE_PREFIX: prefix, DELIVERY_APP_RATE: '80' }));
  });
  after(async () => {
    for (const h of instances) await h.stop();
    await teams.stop();
  });

  it('share the work of one outbox without sending anything twice and within each chat\'s limits', async () => {
    const [a, b] = instances;
    for (let u = 0; u < 30; u++) await seedUser(a.app.services.references, teams.url, userId(u));
    const tags = Array.from({ length: 240 }, (_, i) => `shared#${i}`);
    // Both instances take requests, as behind a load balancer: 8 messages for each of 30 users,
    // queued in 8 rounds so each user's messages have a clear order.
    for (let round = 0; round < 8; round++) {
      await Promise.all(Array.from({ length: 30 }, (_, u) => {
        const i = round * 30 + u;
        return (i % 2 ? a : b).app.services.deliver({ kind: 'personal', key: `shared:${i}`, tenantId: TENANT, aadObjectId: userId(u), activity: { text: tags[i] } });
      }));
      await new Promise((r) => setTimeout(r, 3));
    }
    await waitForArrivals(teams, tags, 30_000, 500);
    assert.deepEqual(teams.duplicates(), []);
    assert.equal(teams.throttled, 0, 'no 429: one instance at a time sends to a chat');
    const senders = new Set<string | undefined>();
    for (let i = 0; i < tags.length; i += 3) senders.add((await a.app.services.outbox.get(`shared:${i}`))?.sentBy);
    assert.equal(senders.size, 2, 'both instances sent some');
    // Each chat's messages arrived in the order they were queued.
    for (let u = 0; u < 30; u++) {
      const order = teams.arrivals.filter((x) => x.conversation === `a:personal-${userId(u)}`).map((x) => Number(x.tag.split('#')[1]));
      assert.deepEqual(order, [...order].sort((x, y) => x - y), `chat ${u} in order`);
    }
  });
});
