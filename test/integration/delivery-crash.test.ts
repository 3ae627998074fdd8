import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../src/app/paths';
import { ConversationReferences } from '../../src/storage/conversationReferences';
import { Outbox } from '../../src/storage/outbox';
import { Tables } from '../../src/storage/tables';
import { createDeliver } from '../../src/teams/delivery/deliver';
import { FAST_DELIVERY, seedUser, userId, waitFor, waitForArrivals } from '../support/delivery';
import { uniquePrefix } from '../support/harness';
import { TENANT } from '../support/personas';
import { TeamsConnector } from '../support/teamsConnector';

const ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');

function startBot(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: os.tmpdir(), // no .env from the repo
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => {
    out += c;
  });
  child.stderr!.on('data', (c) => {
    out += c;
  });
  return { child, exited: new Promise((r) => child.once('exit', (code) => r(code))), output: () => out };
}

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

  it('delivers all of a batch of 300 exactly once when the process is killed (SIGKILL) in the middle and started again', async () => {
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

    const second = startBot(env);
    running.push(second.child);
    await waitForArrivals(teams, outbox, tags, 30_000).catch((err: Error) => {
      throw new Error(`${err.message}; the bot said:\n${second.output()}`);
    });
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.output());

    const twice = teams.duplicates();
    // A duplicate is possible only for a send that had reached Teams when the process died, before
    // the outbox recorded it; the outbox must then say so, and there can be no more of them than
    // sends in flight at the kill.
    const flagged = await Promise.all(twice.map(async (tag) => (await outbox.get(`batch:${tag.slice('batch#'.length)}`))?.inDoubt));
    assert.ok(flagged.every(Boolean), `every message that arrived twice is flagged in doubt: ${twice.join(', ')}`);
    assert.ok(twice.length <= 16, `at most the sends in flight at the kill (16) arrived twice: ${twice.join(', ')}`);
    if (twice.length) console.log(`      (kill landed between Teams taking and the outbox recording: ${twice.join(', ')} arrived twice, flagged in doubt)`);
    assert.equal(teams.counts().size, 300, 'all 300 arrived');
    for (let i = 0; i < 300; i += 50) assert.equal((await outbox.get(`batch:${i}`))?.status, 'sent');
  });
});
