import assert from 'node:assert/strict';
import { FAST_DELIVERY, seedUser, userId, waitFor, waitForArrivals } from '../support/delivery';
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
    // once would go past them and get 429s.
    teams.limits = {
      conversation: [
        { max: 7, windowMs: 1000 },
        { max: 8, windowMs: 2000 },
      ],
    };
    const prefix = uniquePrefix();
    for (let i = 0; i < 2; i++) {
      instances.push(
        await startHarness({ ...FAST_DELIVERY, TABLE_PREFIX: prefix, DELIVERY_APP_RATE: '200', DELIVERY_TIMEOUT_MS: '5000', DELIVERY_LEASE_MS: '10000' }),
      );
    }
  });
  after(async () => {
    for (const h of instances) await h.stop();
    await teams.stop();
  });

  /** Queues `perUser` messages for each user in rounds, through both instances as a load balancer would. */
  async function queue(name: string, users: number[], perUser: number): Promise<string[]> {
    const [a, b] = instances;
    for (const u of users) await seedUser(a.app.services.references, teams.url, userId(u));
    const tags: string[] = [];
    for (let round = 0; round < perUser; round++) {
      await Promise.all(
        users.map((u, k) => {
          const tag = `${name}#${u}#${round}`;
          tags.push(tag);
          return (k % 2 ? a : b).app.services.deliver({
            kind: 'personal',
            key: `${name}:${u}:${round}`,
            tenantId: TENANT,
            aadObjectId: userId(u),
            activity: { text: tag },
          });
        }),
      );
      // Rounds apart in time (the queue orders by the millisecond), so each chat's order is clear.
      const queued = Date.now();
      await waitFor('the next millisecond', () => Date.now() > queued, 1000, 1);
    }
    return tags;
  }

  it('share the work of one outbox and send nothing twice', async () => {
    const users = Array.from({ length: 60 }, (_, i) => 100 + i);
    const tags = await queue('shared', users, 2);
    await waitForArrivals(teams, instances[0].app.services.outbox, tags, 30_000);
    assert.deepEqual(teams.duplicates(), []);
    const senders = new Set<string | undefined>();
    for (const u of users) senders.add((await instances[0].app.services.outbox.get(`shared:${u}:0`))?.sentBy);
    assert.equal(senders.size, 2, 'both instances sent some');
  });

  it("keep each chat within Teams' limits and in order: one instance at a time sends to a chat", async () => {
    const users = Array.from({ length: 12 }, (_, i) => 200 + i);
    const tags = await queue('busy', users, 10);
    await waitForArrivals(teams, instances[0].app.services.outbox, tags, 30_000);
    assert.deepEqual(teams.duplicates(), []);
    assert.equal(teams.throttled, 0, 'no 429');
    for (const u of users) {
      const order = teams.arrivals.filter((x) => x.conversation === `a:personal-${userId(u)}`).map((x) => Number(x.tag.split('#')[2]));
      assert.deepEqual(
        order,
        [...order].sort((x, y) => x - y),
        `chat ${u} in order`,
      );
    }
  });
});
