import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Config } from '../../app/config';
import type { Logger } from '../../app/logger';
import type { WindowLimit } from '../../domain/rateLimit';
import type { ConversationReferences } from '../../storage/conversationReferences';
import { DeliveryLeases } from '../../storage/deliveryLeases';
import { Outbox } from '../../storage/outbox';
import type { Tables } from '../../storage/tables';
import { createDeliver, type Deliver } from './deliver';
import type { Sender, SendPlan } from './sender';
import { DeliveryWorker } from './worker';

export { type Deliver, type DeliveryReceipt, type DeliveryRequest, DeliveryRequestError } from './deliver';

export interface Delivery {
  deliver: Deliver;
  outbox: Outbox;
  worker: DeliveryWorker;
  start(): void;
  stop(): Promise<void>;
}

type DeliveryConfig = Pick<
  Config,
  | 'MicrosoftAppId'
  | 'MicrosoftAppPassword'
  | 'MicrosoftAppType'
  | 'MicrosoftAppTenantId'
  | 'DELIVERY_POLL_MS'
  | 'DELIVERY_APP_RATE'
  | 'DELIVERY_LEASE_MS'
  | 'DELIVERY_TIMEOUT_MS'
  | 'DELIVERY_MAX_ATTEMPTS'
  | 'DELIVERY_BACKOFF_MS'
> & { anonymous: boolean };

/**
 * The outbox, the `deliver` door into it, and the worker that drains it, on an adapter of its own
 * (same credentials as the bot's), so a failed proactive send never reaches the bot's turn-error handler.
 */
export function createDelivery(deps: {
  config: DeliveryConfig;
  tables: Tables;
  references: ConversationReferences;
  logger: Logger;
  /** Tests and the benchmark: other limits or another sender. */
  conversationLimits?: readonly WindowLimit[];
  sender?: Sender;
}): Delivery {
  const { config, logger } = deps;
  const outbox = new Outbox(deps.tables);
  const sender = deps.sender ?? teamsSender(config, logger);
  const worker = new DeliveryWorker(
    { outbox, leases: new DeliveryLeases(deps.tables), references: deps.references, sender, logger },
    {
      instanceId: `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
      pollMs: config.DELIVERY_POLL_MS,
      leaseMs: config.DELIVERY_LEASE_MS,
      maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
      backoffBaseMs: config.DELIVERY_BACKOFF_MS,
      backoffMaxMs: Math.max(config.DELIVERY_BACKOFF_MS, 5 * 60_000),
      appRatePerSecond: config.DELIVERY_APP_RATE,
      maxInFlight: 16,
      conversationLimits: deps.conversationLimits,
    },
  );
  return {
    outbox,
    worker,
    deliver: createDeliver(outbox, () => worker.wake()),
    start: () => worker.start(),
    stop: () => worker.stop(),
  };
}

/**
 * The sender through botbuilder, loaded with the first send: botbuilder is about half of the
 * modules the bot would otherwise load at start (docs/benchmarks.md, `startup`).
 */
function teamsSender(config: DeliveryConfig, logger: Logger): Sender {
  let made: Promise<Sender> | undefined;
  const make = async (): Promise<Sender> => {
    const [{ createAdapter }, { TeamsSender }] = await Promise.all([import('../adapter'), import('./sender')]);
    const adapter = createAdapter(config as Config, async (_context, err) => logger.error('proactive turn failed', { error: err as Error }));
    return new TeamsSender(adapter, config.MicrosoftAppId ?? '', config.DELIVERY_TIMEOUT_MS, (msg) => logger.warn(msg));
  };
  return {
    send: async (plan: SendPlan) =>
      (
        await (made ??= make().catch((err: unknown) => {
          made = undefined; // tried again with the next send
          throw err;
        }))
      ).send(plan),
  };
}
