import type { ConversationReferences } from '../../src/storage/conversationReferences';
import type { Outbox, OutboxMessage } from '../../src/storage/outbox';
import { channelConversation, personalConversation } from '../../src/teams/delivery/deliver';
import { TENANT } from './personas';
import type { TeamsConnector } from './teamsConnector';

// The bot's id as the harness uses it (not imported from there, so the benchmark does not load the app).
const BOT_ID = '28:kompetansebot';

/** Short timings for tests: fast polls and backoff, a timeout well inside the lease. */
export const FAST_DELIVERY = {
  DELIVERY_POLL_MS: '100',
  DELIVERY_LEASE_MS: '4000',
  // Far above a fake connector's answer even on a busy CI machine, so no test sees a timeout it did not ask for.
  DELIVERY_TIMEOUT_MS: '1500',
  DELIVERY_BACKOFF_MS: '40',
  DELIVERY_MAX_ATTEMPTS: '6',
  DELIVERY_APP_RATE: '200',
};

export const userId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
export const personalConversationId = (aad: string) => `a:personal-${aad}`;

/** Stores a personal chat reference whose serviceUrl is the fake connector, as an install would. */
export async function seedUser(refs: ConversationReferences, serviceUrl: string, aad: string, tenantId = TENANT): Promise<void> {
  await refs.save({
    kind: 'personal',
    tenantId,
    id: aad,
    locale: 'nb-NO',
    ref: {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: personalConversationId(aad), conversationType: 'personal', tenantId },
      bot: { id: BOT_ID, name: 'Kompetansebot' },
      user: { id: `29:${aad}`, aadObjectId: aad },
    },
  });
}

export async function seedChannel(refs: ConversationReferences, serviceUrl: string, teamId: string, channelId: string, tenantId = TENANT): Promise<void> {
  await refs.save({
    kind: 'channel',
    tenantId,
    id: channelId,
    teamId,
    name: channelId,
    locale: 'nb-NO',
    ref: {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId },
      bot: { id: BOT_ID, name: 'Kompetansebot' },
    },
  });
}

export async function waitFor(what: string | (() => string), cond: () => boolean | Promise<boolean>, timeoutMs = 15_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Waits until the outbox has nothing queued or being sent (in the conversation of `to`, if given):
 * every send the bot had to make has been made and answered, so "nothing more was sent" can be
 * asserted now. Call it after the action whose messages are counted has returned.
 */
export async function waitDrained(outbox: Outbox, to?: { tenantId: string; aadObjectId: string } | { channelId: string }, timeoutMs = 15_000): Promise<void> {
  const conversation = to === undefined ? undefined : 'channelId' in to ? channelConversation(to.channelId) : personalConversation(to.tenantId, to.aadObjectId);
  let left: string[] = [];
  await waitFor(
    () => `the outbox to drain (still pending: ${left.slice(0, 5).join(', ')})`,
    async () => (left = await outbox.pending(conversation)).length === 0,
    timeoutMs,
    50,
  );
}

/** Waits until every tag arrived at least once and the outbox is drained, so a late duplicate would show. */
export async function waitForArrivals(connector: TeamsConnector, outbox: Outbox, tags: string[], timeoutMs = 20_000): Promise<void> {
  await waitFor(
    () => `${tags.length} messages to arrive (missing ${connector.missing(tags).slice(0, 5).join(', ')}…)`,
    () => connector.missing(tags).length === 0,
    timeoutMs,
  );
  await waitDrained(outbox, undefined, timeoutMs);
  await connector.idle();
}

/** Waits until the outbox says the message is done (sent or failed). */
export async function waitSettled(outbox: Outbox, key: string, timeoutMs = 15_000): Promise<OutboxMessage> {
  let m: OutboxMessage | undefined;
  await waitFor(
    `${key} to be sent or failed`,
    async () => {
      m = await outbox.get(key);
      return m?.status === 'sent' || m?.status === 'failed';
    },
    timeoutMs,
    50,
  );
  return m!;
}
