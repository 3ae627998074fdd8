import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { GOOD_INPUT } from '../test/support/reportInput';
import { benchRow, percentile, pool, profiled, round2, startBotProcess, startEcho, usageBetween, usageOf, type BenchRow } from './common';
import { TENANT } from './fixtures';
import { INPUT_STEPS } from '../src/domain/report';

// Every input step of the wizard, as an owner presses Next through them.
const STEPS = INPUT_STEPS;

interface Load {
  latencies: number[];
  seconds: number;
  steps: number;
  references: Set<string>;
  errors: number;
  /** The largest card the bot answered a step with: the framework floor answers with it. */
  card?: object;
}

function activity(user: number, extra: Record<string, unknown>) {
  const aad = `00000000-0000-4000-8000-${String(user).padStart(12, '0')}`;
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    locale: 'nb-NO',
    from: { id: `29:${aad}`, aadObjectId: aad },
    recipient: { id: '28:bench' },
    conversation: { id: `a:${aad}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
}

async function post(url: string, body: object): Promise<{ status: number; json: any; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, ms: performance.now() - t0 };
}

const invoke = (user: number, verb: string, data: object) =>
  activity(user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } } } });

/** `users` people each file `reports` reports through the wizard, all at once. */
export async function wizardLoad(url: string, users: number, reports: number, firstUser: number): Promise<Load> {
  const load: Load = { latencies: [], seconds: 0, steps: 0, references: new Set(), errors: 0 };
  const timed = async (body: object) => {
    const r = await post(url, body);
    const card = r.json?.value;
    if (card?.type === 'AdaptiveCard' && JSON.stringify(card).length > JSON.stringify(load.card ?? {}).length) load.card = card;
    load.latencies.push(r.ms);
    load.steps++;
    if (r.status !== 200) load.errors++;
    return r.json;
  };
  const t0 = performance.now();
  await pool(users, users, async (u) => {
    const user = firstUser + u;
    for (let n = 0; n < reports; n++) {
      const start = await timed(activity(user, { type: 'message', text: 'meld behov', deliveryMode: 'expectReplies' }));
      const card = start?.activities?.[0]?.attachments?.[0]?.content;
      const draftId = JSON.stringify(card ?? {}).match(/"draftId":"([^"]+)"/)?.[1] ?? randomUUID();
      for (const step of STEPS) await timed(invoke(user, 'report.next', { draftId, step, ...GOOD_INPUT[step] }));
      const receipt = await timed(invoke(user, 'report.submit', { draftId, step: 'review' }));
      const ref = JSON.stringify(receipt ?? {}).match(/BM-\d{4}-\d{4}/)?.[0];
      if (ref) load.references.add(ref);
      else load.errors++;
    }
  });
  load.seconds = (performance.now() - t0) / 1000;
  load.latencies.sort((a, b) => a - b);
  return load;
}

/** The same number of steps as raw Table Storage: one entity read and one write each. */
async function storageFloor(connectionString: string, users: number, stepsPerUser: number): Promise<Load> {
  const table = TableClient.fromConnectionString(connectionString, `benchfloor${Date.now()}`, { allowInsecureConnection: true });
  await table.createTable();
  const load: Load = { latencies: [], seconds: 0, steps: 0, references: new Set(), errors: 0 };
  const t0 = performance.now();
  await pool(users, users, async (u) => {
    const pk = `u${u}`;
    await table.upsertEntity({ partitionKey: pk, rowKey: 'draft', step: 0, data: JSON.stringify(GOOD_INPUT) });
    for (let s = 0; s < stepsPerUser; s++) {
      const a = performance.now();
      const e = await table.getEntity<{ step: number }>(pk, 'draft');
      await table.updateEntity({ partitionKey: pk, rowKey: 'draft', step: e.step + 1, data: JSON.stringify(GOOD_INPUT) }, 'Replace', { etag: e.etag });
      load.latencies.push(performance.now() - a);
      load.steps++;
    }
  });
  load.seconds = (performance.now() - t0) / 1000;
  load.latencies.sort((a, b) => a - b);
  await table.deleteTable();
  return load;
}

/** "message 1.2, report.next 1.1, …": storage calls per turn of each kind. */
function perTurn(used: ReturnType<typeof usageBetween>, labels: string[]): string {
  return labels.map((l) => `${l} ${round2(used.of(l).calls / Math.max(1, used.of(l).turns))}`).join(', ');
}

export async function benchSubmit(opts: { connectionString: string; quick: boolean }): Promise<BenchRow[]> {
  const users = 20;
  const reports = opts.quick ? 1 : 5;
  const stepsPerReport = STEPS.length + 2;
  const bot = await startBotProcess({ TABLES_CONNECTION_STRING: opts.connectionString, TABLE_PREFIX: `bs${Date.now() % 1e9}` });
  let load: Load;
  let warm: Load;
  let used: ReturnType<typeof usageBetween>;
  try {
    warm = await wizardLoad(bot.url, 4, 1, 10_000); // warm-up: JIT, connections, tables
    const before = await usageOf(bot.url);
    load = await profiled(bot.url, 'submit', () => wizardLoad(bot.url, users, reports, 0));
    used = usageBetween(before, await usageOf(bot.url));
  } finally {
    await bot.stop();
  }
  const floor = await storageFloor(opts.connectionString, users, reports * stepsPerReport);
  // The framework floor answers every step with the biggest card the bot sent.
  const cardFile = path.join(os.tmpdir(), `bench-card-${process.pid}.json`);
  fs.writeFileSync(cardFile, JSON.stringify(warm.card ?? {}));
  const echoServer = await startEcho({ TABLES_CONNECTION_STRING: opts.connectionString, ECHO_CARD: cardFile });
  let echo: Load;
  let echoUsed: ReturnType<typeof usageBetween>;
  try {
    await wizardLoad(echoServer.url, 4, 1, 10_000);
    const before = await usageOf(echoServer.url);
    echo = await wizardLoad(echoServer.url, users, reports, 0);
    echoUsed = usageBetween(before, await usageOf(echoServer.url));
  } finally {
    await echoServer.stop();
    fs.rmSync(cardFile, { force: true });
  }
  const rate = (l: Load) => l.steps / l.seconds;
  const submitted = users * reports;
  const correct = load.errors === 0 && load.references.size === submitted;
  const note = correct ? undefined : `expected ${submitted} distinct references and no errors, got ${load.references.size} and ${load.errors} errors`;
  const p = (l: Load, q: number) => round2(percentile(l.latencies, q));
  const cpu = used.cpuMs / load.steps;
  const echoCpu = echoUsed.cpuMs / echo.steps;
  const submits = used.of('report.submit');
  const perSubmit = submits.calls / Math.max(1, submits.turns);
  const cardKb = round2(JSON.stringify(warm.card ?? {}).length / 1024);
  // Each row's ok is its own aim; a wrong answer (lost or duplicated reports) is the first row's error.
  return [
    benchRow({
      name: 'submit.throughput',
      value: round2(rate(load)),
      unit: 'steps/s',
      baseline: round2(rate(echo)),
      baselineKind: 'measured',
      n: load.steps,
      aim: { of: 'ratio', atLeast: 0.85 },
      note: `framework floor: restify + botbuilder, two storage calls per step, the bot's own ${cardKb} KB card`,
      error: note,
    }),
    benchRow({
      name: 'submit.throughput.storage',
      value: round2(rate(load)),
      unit: 'steps/s',
      baseline: round2(rate(floor)),
      baselineKind: 'measured',
      n: load.steps,
      aim: null,
      note: 'storage floor: raw @azure/data-tables, one read and one ETag write per step',
    }),
    benchRow({
      name: 'submit.cpu',
      value: round2(cpu),
      unit: 'ms/step',
      baseline: round2(echoCpu),
      baselineKind: 'measured',
      n: load.steps,
      aim: { of: 'ratio', atMost: 1.3 },
      note: 'bot process CPU (user + system) over the load window, per step, vs the framework floor',
    }),
    benchRow({
      name: 'submit.calls',
      value: round2(used.calls / load.steps),
      unit: 'calls/step',
      baseline: 2,
      baselineKind: 'computed',
      n: load.steps,
      aim: { of: 'value', atMost: 2.5 },
      note: `storage requests counted in the bot over whole dialogs (${used.calls} for ${load.steps} steps; per turn: ${perTurn(used, ['message', 'report.next', 'report.submit'])})`,
    }),
    benchRow({
      name: 'submit.calls.submit',
      value: round2(perSubmit),
      unit: 'calls/submit',
      baseline: 8,
      baselineKind: 'computed',
      n: submits.turns,
      aim: { of: 'value', atMost: 8 },
    }),
    benchRow({
      name: 'submit.latency.p50',
      value: p(load, 50),
      unit: 'ms',
      baseline: p(echo, 50),
      baselineKind: 'measured',
      n: load.steps,
      aim: null,
    }),
    benchRow({
      name: 'submit.latency.p99',
      value: p(load, 99),
      unit: 'ms',
      baseline: p(echo, 99),
      baselineKind: 'measured',
      n: load.steps,
      aim: { of: 'value', atMost: 150 },
    }),
  ];
}
