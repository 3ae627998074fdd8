import assert from 'node:assert/strict';
import sinon from 'sinon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAzurite, type Azurite } from '../../src/app/azurite';
import { freePort } from '../../src/app/childProcess';
import { FAST_DELIVERY, seedUser, userId, waitFor, waitForArrivals } from '../support/delivery';
import { startHarness, type Harness } from '../support/harness';
import { TENANT } from '../support/personas';
import { TeamsConnector } from '../support/teamsConnector';

describe('delivery while storage is away', function () {
  this.timeout(60_000);
  const teams = new TeamsConnector();
  let azurite: Azurite | undefined;
  let port: number;
  let location: string;
  let h: Harness | undefined;

  before(async () => {
    await teams.start();
    // An Azurite of this test's own, keeping its data on disk so it survives being stopped.
    port = await freePort();
    location = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-outage-'));
    azurite = await startAzurite({ port, location });
    h = await startHarness({ ...FAST_DELIVERY, TABLES_CONNECTION_STRING: azurite.connectionString, DELIVERY_APP_RATE: '12', DELIVERY_LEASE_MS: '30000' });
  });
  after(async () => {
    await h?.stop();
    await azurite?.stop(); // SIGINT: Azurite writes its data to disk first
    await teams.stop();
    fs.rmSync(location, { recursive: true, force: true });
  });

  it('pauses while storage is stopped and resumes afterwards, losing and repeating nothing', async () => {
    for (let u = 0; u < 20; u++) await seedUser(h!.app.services.references, teams.url, userId(u));
    const tags = Array.from({ length: 60 }, (_, i) => `outage#${i}`);
    for (let i = 0; i < tags.length; i++) {
      await h!.app.services.deliver({ kind: 'personal', key: `outage:${i}`, tenantId: TENANT, aadObjectId: userId(i % 20), activity: { text: tags[i] } });
    }
    // Storage goes away just as Teams takes a message whose answer is a little slow: the outbox
    // cannot record that it was sent until storage is back, and must not send it again.
    const polls = sinon.spy(h!.app.services.outbox, 'due');
    let stopped: Promise<void> | undefined;
    let caught = '';
    teams.fault = (req) => {
      if (stopped || teams.arrivals.length < 15) return undefined;
      caught = req.tag;
      stopped = azurite!.stop();
      return { slowMs: 300, posted: 'at-once' };
    };
    await waitFor('delivery to be under way', () => stopped !== undefined, 15_000, 5);
    await stopped;
    azurite = undefined;
    const atStop = teams.arrivals.length;
    // The worker looks at the outbox three more times without storage (backing off in between):
    // time enough to have sent whatever it wrongly would.
    const pollsAtStop = polls.callCount;
    await waitFor('three polls while storage is away', () => polls.callCount >= pollsAtStop + 3, 40_000);
    polls.restore();
    await teams.idle();
    // Sends already claimed when storage went may finish; nothing new is claimed without storage.
    const duringOutage = teams.arrivals.length - atStop;
    assert.ok(duringOutage <= 16, `delivery paused (${duringOutage} arrived while storage was away)`);
    assert.ok(teams.arrivals.length < tags.length, 'not everything was out before storage went');
    assert.ok(
      h!.logLines.some((l) => l.includes('delivery paused')),
      'the pause is logged',
    );

    azurite = await startAzurite({ port, location });
    await waitForArrivals(teams, h!.app.services.outbox, tags, 30_000);
    assert.deepEqual(teams.duplicates(), [], 'nothing arrived twice');
    assert.equal(teams.counts().size, tags.length, 'nothing lost');
    await waitFor(
      'the outbox to record every send',
      async () => (await h!.app.services.outbox.summary(new Date(Date.now() - 600_000))).counts.sent === tags.length,
      10_000,
      200,
    );
    assert.ok(
      h!.logLines.some((l) => l.includes('delivery resumed')),
      'the resumption is logged',
    );
    const held = await h!.app.services.outbox.get(`outage:${caught.split('#')[1]}`);
    assert.equal(held?.status, 'sent');
    assert.equal(held?.attempts, 1, 'the message sent as storage went was recorded, not sent again');
  });
});
