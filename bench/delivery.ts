/**
 * Delivery benchmark: cards to channels and personal messages through the real outbox, worker
 * and botbuilder sender, against a fake Teams connector that enforces Teams' limits (answering 429
 * past them) and records every arrival. Reports the time against the least time those limits
 * allow, and lost and duplicated messages.
 *
 *   node dist/bench/delivery.js [--quick] [--app-rate N]
 */
import { startAzurite } from '../src/app/azurite';
import { freePort } from '../src/app/childProcess';
import { loadConfig } from '../src/app/config';
import { createLogger } from '../src/app/logger';
import { appLimits, floorMs, TEAMS_CONVERSATION_LIMITS } from '../src/domain/rateLimit';
import { ConversationReferences } from '../src/storage/conversationReferences';
import { Tables } from '../src/storage/tables';
import { createDelivery } from '../src/teams/delivery';
import type { DeliveryRequest } from '../src/teams/delivery/deliver';
import { seedChannel, seedUser, userId } from '../test/support/delivery';
import { TENANT } from '../test/support/personas';
import { TeamsConnector } from '../test/support/teamsConnector';

export interface DeliveryBenchOptions {
  quick?: boolean;
  /** The app's limit, sends per second: the bot paces itself by it and the fake Teams enforces it. */
  appRate?: number;
  log?: (line: string) => void;
}

export interface DeliveryBenchResult {
  name: 'delivery';
  channels: number;
  cardsPerChannel: number;
  personal: number;
  messages: number;
  appRate: number;
  /** From the first deliver() call to the last arrival. */
  totalMs: number;
  /** From the first arrival to the last. */
  spanMs: number;
  /** The least time from first to last send that Teams' limits allow. */
  floorMs: number;
  ratio: number;
  lost: number;
  duplicates: number;
  /** 429s the fake Teams had to answer because a limit was exceeded. */
  throttled: number;
}

export async function runDeliveryBench(opts: DeliveryBenchOptions = {}): Promise<DeliveryBenchResult> {
  const log = opts.log ?? (() => undefined);
  const channels = opts.quick ? 2 : 6;
  const cardsPerChannel = 20;
  const personal = opts.quick ? 60 : 300;
  const appRate = opts.appRate ?? 30;
  const messages = channels * cardsPerChannel + personal;
  const floor = Math.max(floorMs(messages, appLimits(appRate)), floorMs(cardsPerChannel, TEAMS_CONVERSATION_LIMITS));

  const azurite = await startAzurite({ port: await freePort() });
  const teams = new TeamsConnector();
  teams.limits = { conversation: TEAMS_CONVERSATION_LIMITS, app: appLimits(appRate) };
  await teams.start();
  const tables = new Tables(azurite.connectionString, 'bench');
  let delivery: ReturnType<typeof createDelivery> | undefined;
  try {
    await tables.ensure();
    const references = new ConversationReferences(tables);
    const team = '19:bench-team@thread.tacv2';
    const channelIds = Array.from({ length: channels }, (_, i) => `19:bench-${i}@thread.tacv2`);
    for (const c of channelIds) await seedChannel(references, teams.url, team, c);
    for (let u = 0; u < personal; u += 25)
      await Promise.all(Array.from({ length: Math.min(25, personal - u) }, (_, i) => seedUser(references, teams.url, userId(u + i))));

    const config = loadConfig({
      LOCAL_MODE: '1',
      DELIVERY_APP_RATE: String(appRate),
      DELIVERY_POLL_MS: '500',
      DELIVERY_LEASE_MS: '60000',
      DELIVERY_TIMEOUT_MS: '15000',
    });
    delivery = createDelivery({ config, tables, references, logger: createLogger('warn', log) });
    delivery.start();

    // Cards to channels interleaved with personal messages, as an agenda and its reminders would be.
    const requests: DeliveryRequest[] = [];
    for (let i = 0; i < cardsPerChannel; i++) {
      for (const [c, channelId] of channelIds.entries()) {
        requests.push({
          kind: 'thread',
          key: `bench:card:${c}:${i}`,
          teamId: team,
          channelId,
          activity: { text: `card ${c}/${i}`, attachments: [cardAttachment(i)] },
        });
      }
    }
    for (let u = 0; u < personal; u++) {
      requests.push({ kind: 'personal', key: `bench:dm:${u}`, tenantId: TENANT, aadObjectId: userId(u), activity: { text: `dm ${u}` } });
    }
    const tags = requests.map((r) => String(r.activity.text));

    log(
      `delivering ${messages} messages (${channels} channels × ${cardsPerChannel} cards + ${personal} personal) at ${appRate}/s; floor ${(floor / 1000).toFixed(2)} s`,
    );
    const started = Date.now();
    for (let i = 0; i < requests.length; i += 20) await Promise.all(requests.slice(i, i + 20).map((r) => delivery!.deliver(r)));
    const deadline = started + floor * 3 + 30_000;
    while (teams.missing(tags).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const last = Math.max(...teams.arrivals.map((a) => a.at));
    await new Promise((r) => setTimeout(r, 500)); // a late duplicate would show now
    const first = Math.min(...teams.arrivals.map((a) => a.at));
    const totalMs = last - started;
    return {
      name: 'delivery',
      channels,
      cardsPerChannel,
      personal,
      messages,
      appRate,
      totalMs,
      spanMs: last - first,
      floorMs: floor,
      ratio: Number((totalMs / floor).toFixed(3)),
      lost: teams.missing(tags).length,
      duplicates: teams.duplicates().length,
      throttled: teams.throttled,
    };
  } finally {
    await delivery?.stop();
    await teams.stop();
    await azurite.stop();
  }
}

function cardAttachment(item: number) {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: `Sak ${item + 1}`, weight: 'Bolder' },
        { type: 'TextBlock', text: 'Stem for eller mot.', wrap: true },
      ],
      actions: [{ type: 'Action.Execute', title: 'For', verb: 'vote', data: { item, choice: 'for' } }],
    },
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const rateArg = args.indexOf('--app-rate');
  runDeliveryBench({
    quick: args.includes('--quick'),
    appRate: rateArg >= 0 ? Number(args[rateArg + 1]) : undefined,
    log: (l) => process.stderr.write(`${l}\n`),
  })
    .then((r) => {
      process.stdout.write(
        [
          `delivery: ${r.messages} messages (${r.channels} channels × ${r.cardsPerChannel} cards + ${r.personal} personal), app limit ${r.appRate}/s`,
          `  total ${(r.totalMs / 1000).toFixed(2)} s (first to last arrival ${(r.spanMs / 1000).toFixed(2)} s), floor ${(r.floorMs / 1000).toFixed(2)} s, ratio ${r.ratio}`,
          `  lost ${r.lost}, duplicates ${r.duplicates}, 429s ${r.throttled}`,
          JSON.stringify(r),
        ].join('\n') + '\n',
      );
      process.exit(r.lost || r.duplicates ? 1 : 0);
    })
    .catch((err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    });
}
