// The framework floor: a botbuilder bot on the same adapter and server as kompetansebot, run as a
// child process by the benchmarks. With TABLES_CONNECTION_STRING it makes the same two storage
// calls per turn as a wizard step (a point read and an ETag write of one row per person); with
// ECHO_CARD it answers every turn with that card (a real one the bot sent, so the same size); with
// ECHO_CALLS=merge too, an invoke makes one merge instead (the echo floor of a vote mark plus its one request).
import fs from 'node:fs';
import restify from 'restify';
import { TableClient } from '@azure/data-tables';
import { ActivityHandler, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';

const card: Record<string, unknown> = process.env.ECHO_CARD
  ? (JSON.parse(fs.readFileSync(process.env.ECHO_CARD, 'utf8')) as Record<string, unknown>)
  : { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'echo' }] };
const table = process.env.TABLES_CONNECTION_STRING
  ? TableClient.fromConnectionString(process.env.TABLES_CONNECTION_STRING, `echo${Date.now() % 1e9}`, { allowInsecureConnection: true })
  : undefined;
let calls = 0;

/** One read and one ETag-guarded write of the person's row, as a wizard step does with its draft. */
async function twoStorageCalls(context: TurnContext): Promise<void> {
  if (!table) return;
  const rowKey = (context.activity.from?.id ?? 'anon').replace(/[/\\#?]/g, '_');
  calls += 2;
  const row = await table.getEntity<{ step: number }>('echo', rowKey).catch(() => undefined);
  if (row) await table.updateEntity({ partitionKey: 'echo', rowKey, step: row.step + 1, card: 'x'.repeat(2000) }, 'Replace', { etag: row.etag });
  else await table.upsertEntity({ partitionKey: 'echo', rowKey, step: 0, card: 'x'.repeat(2000) }, 'Replace');
}

// The merge goes through a client without the tracing and log policies, as the bot's clients are
// (src/storage/tables.ts), so the floor's request costs what the bot's does.
const leanTable =
  table && process.env.ECHO_CALLS === 'merge'
    ? lean(TableClient.fromConnectionString(process.env.TABLES_CONNECTION_STRING!, table.tableName, { allowInsecureConnection: true }))
    : undefined;
function lean(client: TableClient): TableClient {
  for (const name of ['tracingPolicy', 'logPolicy']) client.pipeline.removePolicy({ name });
  return client;
}

/** ECHO_CALLS=merge: one merge with If-Match * on the presser's row, the request a vote mark makes. */
async function oneMerge(context: TurnContext): Promise<void> {
  if (!leanTable) return;
  const rowKey = (context.activity.from?.id ?? 'anon').replace(/[/\\#?]/g, '_');
  calls += 1;
  await leanTable.upsertEntity({ partitionKey: 'echo', rowKey, mark: 'x', at: new Date().toISOString() }, 'Merge');
}

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await twoStorageCalls(context);
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      await next();
    });
  }
  protected override async onAdaptiveCardInvoke(context: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    if (process.env.ECHO_CALLS === 'merge') await oneMerge(context);
    else await twoStorageCalls(context);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }
}

async function main(): Promise<void> {
  await table?.createTable();
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new EchoBot();
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.get('/bench/counters', (_req, res, next) => {
    res.send(200, { total: calls, byLabel: {}, cpu: process.cpuUsage() });
    next();
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

void main();
