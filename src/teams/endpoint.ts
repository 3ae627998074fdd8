import { ActivityTypes, type Activity, type Request, type Response, type TurnContext } from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import { z } from 'zod';
import type { Config } from '../app/config';
import { createAdapter } from './adapter';
import { KompetanseBot, onTurnError } from './bot';
import type { Services } from './services';
import { messageResponse } from './cards/attach';
import { tenantOf, turnOf, turnServices } from './turn';
import { userRateLimitOf, type UserRateLimit } from './userRateLimit';
import { countedAs } from '../storage/callCounter';
import type { Registry } from './registryTypes';

// The envelope every Bot Framework activity has. The SDK checks authentication; this rejects bodies
// that are not activities at all before they reach it.
const ActivityEnvelope = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    serviceUrl: z.string().max(2048).optional(),
    conversation: z
      .object({ id: z.string().max(1024) })
      .passthrough()
      .optional(),
    from: z
      .object({ id: z.string().max(1024) })
      .passthrough()
      .optional(),
  })
  .passthrough();

export interface TeamsEndpoint {
  /** Handles POST /api/messages. Writes the HTTP answer itself. */
  process(req: Request & { body?: unknown }, res: Response): Promise<void>;
  /** The per-person limit on messages and card presses (exposed for tests). */
  rateLimit: UserRateLimit;
}

/**
 * Only Teams is served. Locally also the channels Agents Playground can speak as (`msteams` by
 * default, `emulator`, `webchat`, `directline` with DEFAULT_CHANNEL_ID) and the Bot Framework Emulator's.
 */
const TEAMS_ONLY: ReadonlySet<string> = new Set(['msteams']);
const LOCAL_CHANNELS: ReadonlySet<string> = new Set(['msteams', 'emulator', 'webchat', 'directline']);

export function createTeamsEndpoint(
  config: Config,
  services: Services,
  features: () => Promise<Registry>,
  rateLimit: UserRateLimit = userRateLimitOf(config),
): TeamsEndpoint {
  // The features (every verb and command, ~120 modules) load with the first activity, not at start.
  let ready: Promise<{ bot: KompetanseBot; registry: Registry }> | undefined;
  const loaded = () =>
    (ready ??= features().then(
      (registry) => ({ bot: new KompetanseBot(services, registry), registry }),
      (err: unknown) => {
        ready = undefined; // tried again by the next activity
        throw err;
      },
    ));
  const adapter = createAdapter(config, (context, err) => onTurnError(context, err, services));
  const allowedTenants = new Set(config.ALLOWED_TENANTS.map((t) => t.toLowerCase()));
  const channels = config.anonymous ? LOCAL_CHANNELS : TEAMS_ONLY;
  /** Why an activity is refused before authentication, or undefined to go on. */
  const refusalAtDoor = (body: { channelId?: unknown }): { status: number; error: string; log?: string } | undefined => {
    if (!ActivityEnvelope.safeParse(body).success) return { status: 400, error: 'The body is not a Bot Framework activity.' };
    if (typeof body.channelId !== 'string' || !channels.has(body.channelId)) {
      return { status: 403, error: 'Only Microsoft Teams is served by this bot.', log: 'activity from a channel that is not served' };
    }
    // Only configured tenants are served: anyone else is refused before any handler runs.
    if (allowedTenants.size > 0 && !allowedTenants.has(tenantOfBody(body))) {
      return { status: 403, error: 'This tenant is not served by this bot.', log: 'activity from a tenant that is not served' };
    }
    return undefined;
  };
  return {
    rateLimit,
    async process(req, res) {
      const body = req.body as { type?: string; channelId?: unknown };
      const refusal = refusalAtDoor(body);
      if (refusal) {
        if (refusal.log) services.logger.warn(refusal.log, { type: body.type });
        res.status(refusal.status);
        res.send({ error: refusal.error });
        res.end();
        return;
      }
      // What CloudAdapter.process does, with authentication as a step of its own: a request that is
      // not authenticated gets a one-line 401 and one log line (the SDK answered a forged token with
      // 500 and its internal error text, and printed stack traces that are not JSON lines).
      const activity = validateAndFixActivity(body as Activity);
      const header = req.headers.authorization ?? (req.headers as { Authorization?: string }).Authorization ?? '';
      // Counted only once authenticated, under a label from a fixed set.
      const { bot, registry } = await loaded();
      const outcome = await adapter.serve(activity, typeof header === 'string' ? header : '', (context) =>
        countedAs(labelOf(context.activity, registry), async () => {
          if (await slowedDown(context, rateLimit, services)) return;
          await bot.run(context);
        }),
      );
      if (!outcome.ok) {
        services.logger.warn('request not authenticated', {
          statusCode: 401,
          errorName: outcome.error.name,
          problem: outcome.error.message.split('\n')[0].slice(0, 200),
        });
        res.status(401);
        res.send({ error: 'Unauthorized.' });
        res.end();
        return;
      }
      res.status(outcome.response?.status ?? 200);
      if (outcome.response?.body !== undefined) res.send(outcome.response.body);
      res.end();
    },
  };
}

/** Activity types a turn may be counted under; any other type is counted as 'other'. */
const COUNTED_TYPES: ReadonlySet<string> = new Set(Object.values(ActivityTypes));

/**
 * What a turn's storage calls are counted under: a verb the bot answers, or the activity type.
 * Never text as sent: the label keys the counters, and unknown names would only grow them.
 */
function labelOf(activity: Activity, registry: Registry): string {
  const verb = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  if (activity.type === ActivityTypes.Invoke && typeof verb === 'string') return registry.handlerOf(verb) ? verb : 'invoke.unknown';
  return typeof activity.type === 'string' && COUNTED_TYPES.has(activity.type) ? activity.type : 'other';
}

function tenantOfBody(body: unknown): string {
  const a = body as { conversation?: { tenantId?: string }; channelData?: { tenant?: { id?: string } } };
  return (a.conversation?.tenantId ?? a.channelData?.tenant?.id ?? '').toLowerCase();
}

/**
 * Messages and card presses beyond the person's limit get a short "slow down" in their language
 * instead of an answer; no handler runs, so nothing is read or stored. Installation and channel
 * events are never limited. An invoke gets a message response (200), which leaves the pressed
 * card as it is, so nothing typed is lost.
 */
async function slowedDown(context: TurnContext, rateLimit: UserRateLimit, services: Services): Promise<boolean> {
  const a = context.activity;
  if (a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Invoke) return false;
  const person = a.from?.aadObjectId ?? a.from?.id ?? '';
  if (rateLimit.take(`${tenantOf(context)}|${person}`)) return false;
  turnServices(context, services).logger.debug('request slowed down', { type: a.type });
  const text = turnOf(context, services).t('rateLimit.slowDown');
  if (a.type === ActivityTypes.Invoke) {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: messageResponse(text) } });
  } else {
    await context.sendActivity(text);
  }
  return true;
}
