import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { ConversationReferences } from '../../src/storage/conversationReferences';
import { Outbox } from '../../src/storage/outbox';
import { Tables } from '../../src/storage/tables';
import { createDeliver } from '../../src/teams/delivery/deliver';
import { FAST_DELIVERY, seedUser, userId, waitFor, waitForArrivals } from '../support/delivery';
import { uniquePrefix } from '../support/harness';
import { TENANT } from '../support/personas';
import { TeamsConnector } from '../support/teamsConnector';
import { startBot } from '../support/botProcess';

describe('delivery across a crash', function () {
  this.timeout(60_000);
  const teams = new TeamsConnector();
  const prefix = uniquePrefix();
  let outbox: Outbox;
  const running: ChildProcess[] = [];

  before(async () => {
    await teams.start();
    const tables = new Tables(process.env.TEST_TABLES_CONNECTION_STRING!, prefix);
    await tables.ensure();
    outbox = new Outbox(tables);
    const refs = new ConversationReferences(tables);
    for (let u = 0; u < 100; u += 10) await Promise.all(Array.from({ length: 10 }, (_, i) => seedUser(refs, teams.url, userId(u + i))));
  });
  after(async () => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await teams.stop();
  });

  // Bot Framework's send takes no idempotency key, so a send that Teams took just before the
  // process died, and that the outbox had not yet recorded, cannot be told from one that never left:
  // it is sent again (a lost message is worse) and flagged in doubt. Everything else is exactly once.
  it('delivers a batch of 300 across a SIGKILL mid-batch: exactly once, except sends in flight at the kill, which may arrive twice and are flagged in doubt', async () => {
    // 300 messages, 3 for each of 100 users, queued before any bot runs.
    const deliver = createDeliver(outbox, () => undefined);
    const tags = Array.from({ length: 300 }, (_, i) => `batch#${i}`);
    for (let i = 0; i < 300; i += 30) {
      await Promise.all(
        tags.slice(i, i + 30).map((tag, k) =>
          deliver({
            kind: 'personal',
            key: `batch:${i + k}`,
            tenantId: TENANT,
            aadObjectId: userId((i + k) % 100),
            activity: { text: tag },
          }),
        ),
      );
    }
    const env = {
      LOCAL_MODE: '1',
      PORT: '0',
      PLAYGROUND: '0',
      LOG_LEVEL: 'warn',
      TABLES_CONNECTION_STRING: process.env.TEST_TABLES_CONNECTION_STRING!,
      TABLE_PREFIX: prefix,
      ...FAST_DELIVERY,
      DELIVERY_LEASE_MS: '3000',
      DELIVERY_APP_RATE: '60',
    };

    // Teams answers each send 250 ms after posting it, as the real one takes a moment: at any
    // moment some sends are posted and not yet answered, so the kill always catches some in flight.
    teams.fault = () => ({ slowMs: 250, posted: 'at-once' });
    const first = startBot(env);
    running.push(first.child);
    // Killed at a random moment while the batch is being sent (not timed to an arrival, which
    // would always catch a send between Teams taking it and the outbox recording it).
    await waitFor('the first 60 messages', () => teams.arrivals.length >= 60, 30_000, 10).catch((err: Error) => {
      throw new Error(`${err.message}; the bot said:\n${first.output()}`);
    });
    await new Promise((r) => setTimeout(r, Math.random() * 1500));
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = teams.counts().size;
    assert.ok(atKill > 0 && atKill < 300, `killed in the middle (${atKill} of 300 had arrived)`);
    // The outbox as the dead process left it: what it had claimed and not recorded is "sending".
    const keys = tags.map((_, i) => `batch:${i}`);
    const inFlight = new Set<string>();
    for (let i = 0; i < 300; i += 50) {
      const rows = await Promise.all(keys.slice(i, i + 50).map((k) => outbox.get(k)));
      rows.forEach((m, k) => m?.status === 'sending' && inFlight.add(keys[i + k]));
    }
    assert.ok(inFlight.size > 0 && inFlight.size <= 16, `sends in flight at the kill, no more than the worker allows (16): ${inFlight.size}`);

    const second = startBot(env);
    running.push(second.child);
    await waitForArrivals(teams, outbox, tags, 30_000).catch((err: Error) => {
      throw new Error(`${err.message}; the bot said:\n${second.output()}`);
    });
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.output());

    const arrived = teams.counts();
    const twice: string[] = [];
    for (let i = 0; i < 300; i += 50) {
      const rows = await Promise.all(keys.slice(i, i + 50).map((k) => outbox.get(k)));
      rows.forEach((m, k) => {
        const [key, tag] = [keys[i + k], tags[i + k]];
        const n = arrived.get(tag) ?? 0;
        assert.equal(m?.status, 'sent', key);
        if (n > 1) twice.push(tag);
        if (inFlight.has(key)) {
          // Claimed by the dead process: taken over when its lease ran out, and flagged, since
          // Teams may have had it. Sent again at most once.
          assert.ok(n === 1 || n === 2, `${tag} in flight at the kill arrived ${n} times`);
          assert.equal(m?.inDoubt, true, `${tag} was in flight at the kill: flagged in doubt`);
        } else if (m?.lastError) {
          // A try of its own got no answer in time (a timeout on a busy machine): the same doubt.
          assert.ok(n === 1 || (n === 2 && m.inDoubt), `${tag} (${m.lastError}) arrived ${n} times, in doubt: ${m.inDoubt}`);
        } else {
          assert.equal(n, 1, `${tag} was not in flight at the kill: exactly once`);
          assert.equal(m?.inDoubt, false, `${tag} is not flagged in doubt`);
        }
      });
    }
    console.log(`      (${atKill} of 300 had arrived at the kill, ${inFlight.size} in flight; arrived twice, flagged in doubt: ${twice.join(', ') || 'none'})`);
    assert.equal(arrived.size, 300, 'all 300 arrived');
  });
});
