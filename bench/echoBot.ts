// A bare botbuilder bot on the same adapter and server as kompetansebot, without storage: the
// baseline for what the framework alone costs per request. Run as a child process by submit.ts.
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type AdaptiveCardInvokeResponse } from 'botbuilder';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text}`);
      await next();
    });
  }
  protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'echo' }] },
    };
  }
}

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
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
