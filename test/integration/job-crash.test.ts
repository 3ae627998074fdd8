import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { ANNOUNCE_PAGE } from '../../src/teams/secretariat/rounds/announceStep';
import { freePort } from '../../src/app/childProcess';
import { announcementKey } from '../../src/domain/announcement';
import { DEFAULT_REGIONS, forumIdOfGroup } from '../../src/domain/regions';
import { publicationKey, resultsPersonKey } from '../../src/domain/results';
import type { Round } from '../../src/domain/round';
import { Announcements } from '../../src/storage/announcements';
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
import { TeamsConnector, type Arrival } from '../support/teamsConnector';
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

/** The bot's settings for a child process: fast delivery, short job and delivery leases, no scheduler. */
function botEnv(port: number, prefix: string): Record<string, string> {
  return {
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
}

async function whenHealthy(port: number, bot: ReturnType<typeof startBot>): Promise<void> {
  await waitFor(
    'the bot to answer /healthz',
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true,
    30_000,
    50,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; the bot said:\n${bot.output()}`);
  });
}

/** Posts an activity from the officer's personal chat to the bot at `port`. */
function officerAt(port: number, teams: TeamsConnector): (activity: Record<string, unknown>) => Promise<Response> {
  return (activity) =>
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
}

/**
 * Starts the bot at a free port; the officer says hello (the features load with the first
 * activity) and presses `verb` on the card `card` in their personal chat. The press's answer.
 */
async function pressInNewBot(
  prefix: string,
  teams: TeamsConnector,
  running: ChildProcess[],
  press: { card: string; verb: string; data: Record<string, unknown> },
): Promise<{ env: Record<string, string>; first: ReturnType<typeof startBot>; progress: string; answeredMs: number }> {
  const port = await freePort();
  const env = botEnv(port, prefix);
  const first = startBot(env);
  running.push(first.child);
  await whenHealthy(port, first);
  const fromOfficer = officerAt(port, teams);
  assert.equal((await fromOfficer({ type: 'message', id: 'hello', text: 'hjelp', deliveryMode: 'expectReplies' })).status, 200);
  const pressedAt = Date.now();
  const res = await fromOfficer({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `press-${press.card}`,
    replyToId: press.card,
    value: { action: { type: 'Action.Execute', verb: press.verb, data: press.data }, trigger: 'manual' },
  });
  const answeredMs = Date.now() - pressedAt;
  const progress = cardText(((await res.json()) as { value?: unknown }).value);
  // The press waits at most 800 ms for the job; the rest is its checks (a loaded machine adds some).
  assert.ok(answeredMs < 3000, `the press was answered in ${answeredMs} ms`);
  return { env, first, progress, answeredMs };
}

/** A new process (a restart, a deploy) with `env`, run until `done` holds, then stopped cleanly. */
async function restartUntil(
  env: Record<string, string>,
  running: ChildProcess[],
  teams: TeamsConnector,
  what: () => string,
  done: () => boolean,
): Promise<void> {
  const second = startBot(env);
  running.push(second.child);
  await waitFor(() => `${what()}; the bot said:\n${second.output()}`, done, 90_000, 50);
  await teams.idle();
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0, second.output());
}

/**
 * Checks that each person got exactly one message: a send in flight at the kill may have reached
 * Teams unrecorded, and is then sent again and flagged in doubt (the outbox's one exception).
 * Returns those sent twice.
 */
async function onceEach(tables: Tables, sends: readonly Arrival[], people: Array<{ aadObjectId: string; key: string }>): Promise<string[]> {
  const outbox = new Outbox(tables);
  const perChat = new Map<string, number>();
  for (const a of sends) perChat.set(a.conversation, (perChat.get(a.conversation) ?? 0) + 1);
  const twice: string[] = [];
  for (const { aadObjectId, key } of people) {
    const times = perChat.get(personalConversationId(aadObjectId)) ?? 0;
    if (times === 1) continue;
    const stored = await outbox.get(key);
    assert.ok(times === 2 && stored?.inDoubt, `${aadObjectId} got ${times} messages (in doubt: ${stored?.inDoubt})`);
    twice.push(aadObjectId);
  }
  assert.ok(twice.length <= 16, `sends in doubt, no more than the worker has in flight: ${twice.length}`);
  return twice;
}

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
    const jobs = new JobRuns(tables);
    const jobId = `results:${KEY}`;
    // The officer presses "Publiser" on a card in their personal chat (the card's message: card-1).
    const { env, first, progress, answeredMs } = await pressInNewBot(prefix, teams, running, {
      card: 'card-1',
      verb: 'results.publishConfirm',
      data: { roundId: ROUND.id, forum: FORUM },
    });
    assert.match(progress, /Publiserer resultatene for 2031\nSendt \d+ av 600 eiere\. Kortet oppdateres mens arbeidet pågår/, progress);

    // Killed while the job is under way: some owners queued, not all.
    await waitFor('the job to be under way', async () => ((await jobs.get(jobId))?.done ?? 0) >= 80, 60_000, 10);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = (await jobs.get(jobId))!;
    assert.equal(atKill.status, 'running', 'the job was not finished at the kill');
    assert.ok(atKill.done >= 80 && atKill.done < OWNERS, `killed midway (${atKill.done} of ${OWNERS} owners done)`);

    // A new process (a restart, a deploy) takes the job over once the dead one's lease has run out.
    const finalCard = () => teams.arrivals.filter((a) => a.kind === 'update' && a.activityId === 'card-1').map((a) => cardText(cardOf(a.activity)));
    const toOwners = () => teams.arrivals.filter((a) => a.kind === 'send' && a.conversation !== personalConversationId(OFFICER.aadObjectId));
    const told = () => new Set(toOwners().map((a) => a.conversation));
    await restartUntil(
      env,
      running,
      teams,
      () => `every owner told and the card finished (${told().size} told; card: ${finalCard().at(-1) ?? 'not updated'})`,
      () => told().size === OWNERS && (finalCard().at(-1) ?? '').includes('sendt til 600 eiere'),
    );
    const owners = Array.from({ length: OWNERS }, (_, n) => ({
      aadObjectId: userId(n),
      key: resultsPersonKey(KEY, { tenantId: TENANT, aadObjectId: userId(n) }),
    }));
    const twice = await onceEach(tables, toOwners(), owners);
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

describe('a round announcement across a crash', function () {
  this.timeout(180_000);
  const PEOPLE = 600;
  // Everyone with the app: the 600 and the officer; none has filed anything, so the round concerns all.
  const EVERYONE = PEOPLE + 1;
  const NEXT: Round = { ...ROUND, id: 'r2032', year: 2032, deadline: '2032-02-01T22:59:59.999Z', status: 'planned', createdAt: '2031-10-01T00:00:00.000Z' };
  const teams = new TeamsConnector();
  const prefix = uniquePrefix();
  let tables: Tables;
  const running: ChildProcess[] = [];

  before(async () => {
    await teams.start();
    tables = new Tables(process.env.TEST_TABLES_CONNECTION_STRING!, prefix);
    await tables.ensure();
    const refs = new ConversationReferences(tables);
    await new Rounds(tables).create(NEXT);
    for (let u = 0; u < PEOPLE; u += 25) await Promise.all(Array.from({ length: 25 }, (_, k) => seedUser(refs, teams.url, userId(u + k))));
    await seedUser(refs, teams.url, OFFICER.aadObjectId);
  });
  after(async () => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await teams.stop();
  });

  it('announces an opened round to 601 people across a SIGKILL mid-walk: the press answers at once with a progress card, the next process goes on from the checkpoint, everyone is told once and the card ends with the figures', async () => {
    const jobs = new JobRuns(tables);
    const jobId = `round.open:${NEXT.id}`;
    // The officer presses "Åpne" on the rounds card in their personal chat (the card's message: card-open).
    const { env, first, progress, answeredMs } = await pressInNewBot(prefix, teams, running, {
      card: 'card-open',
      verb: 'round.open',
      data: { roundId: NEXT.id },
    });
    assert.match(
      progress,
      /^Åpner innmeldingsrunden, tar med videreføringene og kunngjør den\n(Finner alle som har appen i personlig chat …|Kunngjøring sendt til [\d ]+\. Gått gjennom [\d ]+ av 601 personer med appen\.) Kortet oppdateres mens arbeidet pågår/,
      progress,
    );

    const isAnnouncement = (a: (typeof teams.arrivals)[number]) =>
      a.kind === 'send' && JSON.stringify(a.activity).includes('Innmeldingsrunden for 2032 er åpnet');
    const told = () => new Set(teams.arrivals.filter(isAnnouncement).map((a) => a.conversation));
    // Killed midway through the walk, with pages still to walk and messages queued but not yet sent
    // (the walk runs ahead of Teams' pace): the next process goes on from the checkpoint, repeating
    // the page under way if the kill came between its enqueues and its checkpoint, and its worker
    // sends what was queued; nobody may be told twice. Frozen first so that the checkpoint read is
    // the one at the kill (it can move on between a read and a kill).
    await waitFor(
      'the announcement to be midway through its walk',
      async () => {
        const done = (await jobs.get(jobId))?.done ?? 0;
        return done >= 80 && done <= EVERYONE - 2 * ANNOUNCE_PAGE;
      },
      60_000,
      5,
    );
    first.child.kill('SIGSTOP');
    await new Promise((r) => setTimeout(r, 200));
    const atKill = (await jobs.get(jobId))!;
    const toldAtKill = told().size;
    first.child.kill('SIGKILL');
    await first.exited;
    assert.equal(atKill.status, 'running', 'the job was not finished at the kill');
    assert.ok(atKill.done >= 80 && atKill.done < EVERYONE, `killed midway (${atKill.done} of ${EVERYONE} people gone through)`);
    assert.ok(toldAtKill < EVERYONE, `people still to tell at the kill (${toldAtKill} told)`);

    const card = () => teams.arrivals.filter((a) => a.kind === 'update' && a.activityId === 'card-open').map((a) => cardText(cardOf(a.activity)));
    await restartUntil(
      env,
      running,
      teams,
      () => `everyone told and the card finished (${told().size} told; card: ${card().at(-1) ?? 'not updated'})`,
      () => told().size === EVERYONE && (card().at(-1) ?? '').includes('sendt til 601 personer'),
    );
    const everyone = [...Array.from({ length: PEOPLE }, (_, n) => userId(n)), OFFICER.aadObjectId].map((aadObjectId) => ({
      aadObjectId,
      key: announcementKey(NEXT.id, { tenantId: TENANT, aadObjectId }),
    }));
    const twice = await onceEach(tables, teams.arrivals.filter(isAnnouncement), everyone);

    // The card the officer pressed ends with the figures; the job and the round's record say done.
    const last = card().at(-1)!;
    assert.match(
      last,
      /Innmeldingsrunde 2032 er åpnet\. Eierne kan melde behov fram til 1\. februar 2032 kl\. 23:59\. Kunngjøringen er sendt til 601 personer med appen i personlig chat/,
      last,
    );
    for (const shown of card().slice(0, -1)) assert.match(shown, /Finner alle|Kunngjøring sendt til [\d ]+\. Gått gjennom [\d ]+ av 601 personer/, shown);
    const job = (await jobs.get(jobId))!;
    assert.deepEqual([job.status, job.done, job.total, job.figures.announced], ['done', EVERYONE, EVERYONE, EVERYONE]);
    const record = await new Announcements(tables).get(NEXT.id);
    assert.deepEqual([record?.done, record?.queued], [true, EVERYONE]);
    console.log(
      `      (pressed: answered in ${answeredMs} ms; killed at ${atKill.done} of ${EVERYONE}, ${toldAtKill} told; card updated ${card().length} times; sent twice, in doubt: ${twice.length})`,
    );
  });
});
