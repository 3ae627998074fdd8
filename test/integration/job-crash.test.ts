import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { freePort } from '../../src/app/childProcess';
import { DEFAULT_REGIONS, forumIdOfGroup } from '../../src/domain/regions';
import { publicationKey, resultsPersonKey } from '../../src/domain/results';
import type { Round } from '../../src/domain/round';
import { ConversationReferences } from '../../src/storage/conversationReferences';
import { Groups } from '../../src/storage/groups';
import { JobRuns } from '../../src/storage/jobRuns';
import { Outbox } from '../../src/storage/outbox';
import { reportPk } from '../../src/storage/reports';
import { RoundResults } from '../../src/storage/roundResults';
import { Rounds } from '../../src/storage/rounds';
import { Tables } from '../../src/storage/tables';
import { FAST_DELIVERY, personalConversationId, seedChannel, seedUser, userId, waitFor } from '../support/delivery';
import { TEAM } from '../support/forum';
import { cardOf, cardText, uniquePrefix } from '../support/harness';
import { OFFICER, TENANT } from '../support/personas';
import { TeamsConnector } from '../support/teamsConnector';
import { startBot } from '../support/botProcess';

const BOT_ID = '28:kompetansebot';
const OWNERS = 600;
const FORUM_CHANNEL = '19:results-forum@thread.tacv2';
// Results are published per forum: every report here is Oslo's, so Oslo's forum publishes them.
const FORUM = forumIdOfGroup(DEFAULT_REGIONS, 'oslo');
const KEY = publicationKey('r2031', FORUM, DEFAULT_REGIONS.id);
const ROUND: Round = {
  id: 'r2031',
  year: 2031,
  counties: ['oslo'],
  deadline: '2031-02-01T22:59:59.999Z',
  status: 'closed',
  budgets: { REKOM: 500_000, DEKOM: 60_000_000, KOMPLOFT: 1_000_000 },
  createdAt: '2030-10-01T00:00:00.000Z',
};

describe('a long job across a crash', function () {
  this.timeout(180_000);
  const teams = new TeamsConnector();
  const prefix = uniquePrefix();
  let tables: Tables;
  const running: ChildProcess[] = [];

  before(async () => {
    await teams.start();
    tables = new Tables(process.env.TEST_TABLES_CONNECTION_STRING!, prefix);
    await tables.ensure();
    const refs = new ConversationReferences(tables);
    await new Rounds(tables).create(ROUND);
    // 600 owners, one decided report each, filed by one person each, all with the app in personal chat.
    const reportsTable = tables.client('Reports');
    for (let i = 0; i < OWNERS; i += 100) {
      await reportsTable.submitTransaction(
        Array.from({ length: Math.min(100, OWNERS - i) }, (_, k) => {
          const n = i + k;
          return [
            'create',
            {
              partitionKey: reportPk(ROUND.id),
              rowKey: `job-crash-${String(n).padStart(4, '0')}`,
              status: 'granted',
              scheme: 'DEKOM',
              region: 'oslo',
              workingGroup: 'oslo',
              decision: JSON.stringify({ outcome: 'granted', amounts: [100_000], total: 100_000, at: '2031-04-01T10:00:00.000Z', by: 'test' }),
              ownerOrgnr: String(900_000_000 + n),
              createdByTenant: TENANT,
              createdByUser: userId(n),
            },
          ] as const;
        }),
      );
    }
    for (let u = 0; u < OWNERS; u += 25) await Promise.all(Array.from({ length: 25 }, (_, k) => seedUser(refs, teams.url, userId(u + k))));
    await seedUser(refs, teams.url, OFFICER.aadObjectId);
    await new Groups(tables).assign({
      forum: FORUM,
      group: 'forum',
      teamId: TEAM,
      channelId: FORUM_CHANNEL,
      assignedBy: 'test',
      assignedAt: '2031-01-01T00:00:00.000Z',
    });
    await seedChannel(refs, teams.url, TEAM, FORUM_CHANNEL);
  });
  after(async () => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await teams.stop();
  });

  it('publishes results to 600 owners across a SIGKILL mid-job: the press answers at once with a progress card, the next process takes the job over, every owner is told once and the card ends with the figures', async () => {
    const port = await freePort();
    const env = {
      LOCAL_MODE: '1',
      PORT: String(port),
      PLAYGROUND: '0',
      DEMO_ROUND: '0',
      LOG_LEVEL: 'warn',
      SCHEDULER_TICK_MS: '0',
      RATE_LIMIT_BURST: '0',
      BOOTSTRAP_SECRETARIAT: `${TENANT}:${OFFICER.aadObjectId}`,
      TABLES_CONNECTION_STRING: process.env.TEST_TABLES_CONNECTION_STRING!,
      TABLE_PREFIX: prefix,
      ...FAST_DELIVERY,
      DELIVERY_LEASE_MS: '3000',
      DELIVERY_APP_RATE: '100',
      JOB_POLL_MS: '200',
      JOB_LEASE_MS: '2000',
    };
    const jobs = new JobRuns(tables);
    const jobId = `results:${KEY}`;

    const first = startBot(env);
    running.push(first.child);
    await waitFor(
      'the first bot to answer /healthz',
      async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true,
      30_000,
      50,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; the bot said:\n${first.output()}`);
    });
    const fromOfficer = (activity: Record<string, unknown>) =>
      fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          channelId: 'msteams',
          serviceUrl: teams.url,
          from: { id: `29:${OFFICER.aadObjectId}`, aadObjectId: OFFICER.aadObjectId, name: OFFICER.name },
          recipient: { id: BOT_ID, name: 'Kompetansebot' },
          conversation: { id: personalConversationId(OFFICER.aadObjectId), conversationType: 'personal', tenantId: TENANT },
          channelData: { tenant: { id: TENANT } },
          locale: 'nb-NO',
          ...activity,
        }),
      });
    // The officer has been using the bot (the features load with the first activity).
    assert.equal((await fromOfficer({ type: 'message', id: 'hello', text: 'hjelp', deliveryMode: 'expectReplies' })).status, 200);
    // The officer presses "Publiser" on a card in their personal chat (the card's message: card-1).
    const pressedAt = Date.now();
    const res = await fromOfficer({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: 'press-1',
      replyToId: 'card-1',
      value: { action: { type: 'Action.Execute', verb: 'results.publishConfirm', data: { roundId: ROUND.id, forum: FORUM } }, trigger: 'manual' },
    });
    const answeredMs = Date.now() - pressedAt;
    const answer = (await res.json()) as { value?: unknown };
    const progress = cardText(answer.value);
    assert.match(progress, /Publiserer resultatene for 2031\nSendt \d+ av 600 eiere\. Kortet oppdateres mens arbeidet pågår/, progress);
    // The press waits at most 800 ms for the job; the rest is its checks (a loaded machine adds some).
    assert.ok(answeredMs < 3000, `the press was answered in ${answeredMs} ms`);

    // Killed while the job is under way: some owners queued, not all.
    await waitFor('the job to be under way', async () => ((await jobs.get(jobId))?.done ?? 0) >= 80, 60_000, 10);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = (await jobs.get(jobId))!;
    assert.equal(atKill.status, 'running', 'the job was not finished at the kill');
    assert.ok(atKill.done >= 80 && atKill.done < OWNERS, `killed midway (${atKill.done} of ${OWNERS} owners done)`);

    // A new process (a restart, a deploy) takes the job over once the dead one's lease has run out.
    const second = startBot(env);
    running.push(second.child);
    const finalCard = () => teams.arrivals.filter((a) => a.kind === 'update' && a.activityId === 'card-1').map((a) => cardText(cardOf(a.activity)));
    const told = () =>
      new Set(teams.arrivals.filter((a) => a.kind === 'send' && a.conversation !== personalConversationId(OFFICER.aadObjectId)).map((a) => a.conversation));
    await waitFor(
      () => `every owner told and the card finished (${told().size} told; card: ${finalCard().at(-1) ?? 'not updated'}); the bot said:\n${second.output()}`,
      () => told().size === OWNERS && (finalCard().at(-1) ?? '').includes('sendt til 600 eiere'),
      90_000,
      50,
    );
    await teams.idle();
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.output());

    // Every owner's person exactly once; a send in flight at the kill may have reached Teams
    // unrecorded, and is then sent again and flagged in doubt (the outbox's one exception).
    const outbox = new Outbox(tables);
    const perChat = new Map<string, number>();
    for (const a of teams.arrivals) if (a.kind === 'send') perChat.set(a.conversation, (perChat.get(a.conversation) ?? 0) + 1);
    const twice: string[] = [];
    for (let n = 0; n < OWNERS; n++) {
      const times = perChat.get(personalConversationId(userId(n))) ?? 0;
      if (times === 1) continue;
      const stored = await outbox.get(resultsPersonKey(KEY, { tenantId: TENANT, aadObjectId: userId(n) }));
      assert.ok(times === 2 && stored?.inDoubt, `owner ${n} got ${times} messages (in doubt: ${stored?.inDoubt})`);
      twice.push(String(n));
    }
    assert.ok(twice.length <= 16, `sends in doubt, no more than the worker has in flight: ${twice.length}`);
    const threads = teams.arrivals.filter((a) => a.kind === 'thread' && a.conversation === FORUM_CHANNEL);
    assert.equal(threads.length, 1, 'the forum channel got the results once');

    // The card the officer pressed ends with the figures; the job and the publication say done.
    const cards = finalCard();
    assert.match(cards.at(-1)!, /Resultatene for 2031 er publisert i kanalen til samarbeidsforumet og sendt til 600 eiere\./);
    const job = (await jobs.get(jobId))!;
    assert.deepEqual([job.status, job.done, job.total, job.figures.owners], ['done', OWNERS, OWNERS, OWNERS]);
    const publication = await new RoundResults(tables).publication(KEY);
    assert.deepEqual([publication?.done, publication?.owners], [true, OWNERS]);
    console.log(
      `      (pressed: answered in ${answeredMs} ms; killed at ${atKill.done} of ${OWNERS} owners; card updated ${cards.length} times; sent twice, in doubt: ${twice.length})`,
    );
  });
});
