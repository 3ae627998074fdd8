/**
 * Voting benchmark: 200 members of one working group press a mark on the same agenda item at the
 * same moment, over HTTP against the real bot (its own process) on Azurite. Reports p50/p99
 * latency of the presses and the marks stored afterwards, which must be exactly 200, one per
 * member. As a floor, the same 200 writes straight to Table Storage (one upsert each).
 *
 *   node dist/bench/vote.js [--quick]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { agendaItemOf, type Mark, type Meeting } from '../src/domain/forum';
import { DEFAULT_REGIONS } from '../src/domain/regions';
import { Meetings } from '../src/storage/meetings';
import { Roles } from '../src/storage/roles';
import { Rounds } from '../src/storage/rounds';
import { Tables } from '../src/storage/tables';
import { Votes } from '../src/storage/votes';
import { needsReport, ROUND } from '../test/support/forum';
import { benchRow, percentile, pool, profiled, round2, startBotProcess, startEcho, usageBetween, usageOf, type BenchRow, standalone } from './common';
import { TENANT } from './fixtures';

const CHANNEL = '19:bench-vest@thread.tacv2';
const MARKS: Mark[] = ['prioritise', 'not_prioritise', 'abstain'];
const aadOf = (n: number) => `00000000-0000-4000-b000-${String(n).padStart(12, '0')}`;

export interface VoteBenchOptions {
  connectionString: string;
  quick: boolean;
  members?: number;
}

interface Wave {
  latencies: number[];
  seconds: number;
  errors: number;
  refused: number;
  card?: object;
}

function press(url: string, n: number, data: Record<string, unknown>): Promise<{ ok: boolean; saved: boolean; ms: number; card?: object }> {
  const aad = aadOf(n);
  const body = {
    id: randomUUID(),
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    locale: 'nb-NO',
    from: { id: `29:${aad}`, aadObjectId: aad },
    recipient: { id: '28:bench' },
    conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', tenantId: TENANT, isGroup: true },
    channelData: { team: { id: '19:bench-team@thread.tacv2' }, channel: { id: CHANNEL }, tenant: { id: TENANT } },
    value: { action: { type: 'Action.Execute', verb: 'vote.mark', data: { verb: 'vote.mark', ...data } }, trigger: 'manual' },
  };
  const t0 = performance.now();
  return fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (res) => {
    const text = await res.text();
    const card = res.status === 200 && text ? (JSON.parse(text) as { value?: object }).value : undefined;
    return { ok: res.status === 200, saved: text.includes('Markeringen din er lagret'), ms: performance.now() - t0, card };
  });
}

/** Every member presses at once (all requests started before any answer is awaited). */
async function wave(url: string, members: number, data: (n: number) => Record<string, unknown>): Promise<Wave> {
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: members }, (_, n) => press(url, n, data(n))));
  return {
    latencies: results.map((r) => r.ms).sort((a, b) => a - b),
    seconds: (performance.now() - t0) / 1000,
    errors: results.filter((r) => !r.ok).length,
    refused: results.filter((r) => r.ok && !r.saved).length,
    card: results.find((r) => r.card)?.card,
  };
}

/** The floor: the same number of one-row writes straight to Table Storage, all at once. */
async function storageFloor(connectionString: string, members: number): Promise<number[]> {
  const table = TableClient.fromConnectionString(connectionString, `benchvotefloor${Date.now() % 1e9}`, { allowInsecureConnection: true });
  await table.createTable();
  const latencies = await Promise.all(
    Array.from({ length: members }, async (_, n) => {
      const t0 = performance.now();
      await table.upsertEntity({ partitionKey: 'item', rowKey: aadOf(n), mark: MARKS[n % 3] }, 'Replace');
      return performance.now() - t0;
    }),
  );
  await table.deleteTable();
  return latencies.sort((a, b) => a - b);
}

export async function benchVote(opts: VoteBenchOptions): Promise<BenchRow[]> {
  const members = opts.members ?? 200;
  const prefix = `bv${Date.now() % 1e9}`;
  const tables = new Tables(opts.connectionString, prefix);
  await tables.ensure();
  const forum = DEFAULT_REGIONS.id;

  // A round, a meeting of group "vest" with two items (one to warm up on) and an open vote, and
  // 200 members: written straight to storage, as the officer's cards would leave them.
  await new Rounds(tables).create(ROUND);
  const roles = new Roles(tables, forum);
  await pool(members, 20, async (n) =>
    roles.grant({
      person: { tenantId: TENANT, aadObjectId: aadOf(n) },
      forum,
      role: n === 0 ? 'chair' : 'member',
      group: 'vest',
      organisations: [],
      grantedBy: 'bench',
      grantedAt: new Date().toISOString(),
    }),
  );
  const meetings = new Meetings(tables);
  const items = ['bench-warmup', 'bench-item'].map((id, i) => agendaItemOf({ id, reference: `BM-2027-${String(9000 + i)}`, data: needsReport(i) }, ROUND.year));
  const meeting: Meeting = {
    id: `${Date.now()}-bench`,
    forum,
    group: 'vest',
    roundId: ROUND.id,
    title: 'Benchmark',
    date: '2027-03-12',
    order: items.map((i) => i.reportId),
    revision: 0,
    posted: { teamId: '19:bench-team@thread.tacv2', channelId: CHANNEL, parts: 1, revision: 0 },
    vote: { id: 'benchvote', status: 'open', openedAt: new Date().toISOString(), openedBy: { tenantId: TENANT, aadObjectId: aadOf(999) } },
    createdBy: { tenantId: TENANT, aadObjectId: aadOf(999) },
    createdAt: new Date().toISOString(),
  };
  await meetings.create(meeting);
  for (const item of items) await meetings.putItem(meeting.id, item);
  // As opening the vote leaves it: an unmarked row per member on each item (see electorRows.ts).
  const electors = Array.from({ length: members }, (_, n) => ({
    voter: { tenantId: TENANT, aadObjectId: aadOf(n) },
    role: n === 0 ? ('chair' as const) : ('member' as const),
  }));
  for (const item of items) await new Votes(tables).openRows(meeting.id, item.reportId, electors);

  const bot = await startBotProcess({ TABLES_CONNECTION_STRING: opts.connectionString, TABLE_PREFIX: prefix, DEMO_ROUND: '0' });
  const ref = (reportId: string) => ({ meetingId: meeting.id, reportId, v: 'benchvote' });
  const waves: Wave[] = [];
  let warm: Wave;
  let used: ReturnType<typeof usageBetween>;
  try {
    // Warm-up on the other item: JIT, connections, the tables' first requests.
    warm = await wave(bot.url, Math.min(20, members), () => ({ ...ref('bench-warmup'), mark: 'abstain' }));
    const rounds = opts.quick ? 1 : 3;
    const before = await usageOf(bot.url);
    await profiled(bot.url, 'vote', async () => {
      for (let r = 0; r < rounds; r++) {
        // Later waves: everyone changes their mind at once.
        waves.push(await wave(bot.url, members, (n) => ({ ...ref('bench-item'), mark: MARKS[(n + r) % 3] })));
      }
    });
    used = usageBetween(before, await usageOf(bot.url));
  } finally {
    await bot.stop();
  }

  // The echo floor: a bare botbuilder bot answering the same 200 simultaneous invokes with the
  // voting card; then the same with the one storage request a mark makes (a merge on the presser's row).
  const cardFile = path.join(os.tmpdir(), `bench-vote-card-${process.pid}.json`);
  fs.writeFileSync(cardFile, JSON.stringify(warm.card ?? {}));
  let echoWave: Wave;
  let echoUsed: ReturnType<typeof usageBetween>;
  let mergeUsed: ReturnType<typeof usageBetween>;
  try {
    const echoRun = async (env: Record<string, string>) => {
      const echo = await startEcho({ ECHO_CARD: cardFile, ...env });
      try {
        await wave(echo.url, Math.min(20, members), () => ({ ...ref('bench-warmup'), mark: 'abstain' }));
        const before = await usageOf(echo.url);
        const w = await wave(echo.url, members, (n) => ({ ...ref('bench-item'), mark: MARKS[n % 3] }));
        return { wave: w, used: usageBetween(before, await usageOf(echo.url)) };
      } finally {
        await echo.stop();
      }
    };
    ({ wave: echoWave, used: echoUsed } = await echoRun({}));
    ({ used: mergeUsed } = await echoRun({ ECHO_CALLS: 'merge', TABLES_CONNECTION_STRING: opts.connectionString }));
  } finally {
    fs.rmSync(cardFile, { force: true });
  }

  const stored = await new Votes(tables).of(meeting.id, 'bench-item');
  const lastRound = waves.length - 1;
  const wrong = stored.filter((m) => m.mark !== MARKS[(Number(m.voter.aadObjectId.slice(-12)) + lastRound) % 3]).length;
  const distinct = new Set(stored.map((m) => m.voterKey)).size;
  const floor = await storageFloor(opts.connectionString, members);
  await tables.dropAll().catch(() => undefined);

  const first = waves[0];
  const all = waves.flatMap((w) => w.latencies).sort((a, b) => a - b);
  const errors = waves.reduce((a, w) => a + w.errors + w.refused, 0);
  const correct = stored.length === members && distinct === members && wrong === 0 && errors === 0;
  const note = correct
    ? undefined
    : `stored ${stored.length} marks (${distinct} voters, ${wrong} wrong) for ${members} members; ${errors} presses failed or were refused`;
  const p = (xs: number[], q: number) => round2(percentile(xs, q));
  const presses = waves.length * members;
  const marks = used.of('vote.mark');
  const cpu = used.cpuMs / presses;
  const echoCpu = echoUsed.cpuMs / members;
  // Each row's ok is its own aim; a lost, doubled or wrong mark is vote.stored's error.
  return [
    benchRow({
      name: 'vote.echo.p99',
      value: p(first.latencies, 99),
      unit: 'ms',
      baseline: p(echoWave.latencies, 99),
      baselineKind: 'measured',
      n: members,
      aim: { of: 'ratio', atMost: 2 },
      note: `echo floor: restify + botbuilder answering ${members} simultaneous invokes with the voting card, no storage`,
    }),
    benchRow({
      name: 'vote.cpu',
      value: round2(cpu),
      unit: 'ms/mark',
      baseline: round2(echoCpu),
      baselineKind: 'measured',
      n: presses,
      aim: { of: 'ratio', atMost: 1.5 },
      note: 'bot process CPU per mark over the waves, vs the echo floor per invoke',
    }),
    benchRow({
      name: 'vote.cpu.storage',
      value: round2(cpu),
      unit: 'ms/mark',
      baseline: round2(mergeUsed.cpuMs / members),
      baselineKind: 'measured',
      n: presses,
      aim: null,
      note: 'bot process CPU per mark vs the echo floor making the one storage request of a mark (a merge) per invoke: what is left above it is our own work',
    }),
    benchRow({
      name: 'vote.calls',
      value: round2(marks.calls / Math.max(1, marks.turns)),
      unit: 'calls/mark',
      baseline: 1,
      baselineKind: 'computed',
      n: marks.turns,
      aim: { of: 'value', atMost: 1.1 },
      note: `storage requests counted in the bot per press, one merge on the presser's own row (${used.calls} in all during the waves, ${round2(used.calls / presses)} per press, the tally's shared reads included)`,
    }),
    benchRow({
      name: 'vote.stored',
      value: stored.length,
      unit: 'marks',
      baseline: members,
      baselineKind: 'computed',
      n: members,
      aim: { of: 'ratio', atLeast: 1, atMost: 1 },
      note,
      error: note,
    }),
    benchRow({
      name: 'vote.latency.p50',
      value: p(first.latencies, 50),
      unit: 'ms',
      baseline: p(floor, 50),
      baselineKind: 'measured',
      n: members,
      aim: null,
    }),
    benchRow({
      name: 'vote.latency.p99',
      value: p(first.latencies, 99),
      unit: 'ms',
      baseline: p(floor, 99),
      baselineKind: 'measured',
      n: members,
      aim: { of: 'value', atMost: 15_000, strict: true },
    }),
    benchRow({
      name: 'vote.wave',
      value: round2(first.seconds * 1000),
      unit: 'ms',
      baseline: null,
      baselineKind: null,
      n: members,
      aim: null,
      note: `all ${members} presses answered`,
    }),
    ...(waves.length > 1
      ? [
          benchRow({
            name: 'vote.latency.p99.changes',
            value: p(all, 99),
            unit: 'ms',
            baseline: null,
            baselineKind: null,
            n: all.length,
            aim: null,
            note: `${waves.length} waves, everyone changing their mark each time`,
          }),
        ]
      : []),
  ];
}

standalone(module, benchVote);
