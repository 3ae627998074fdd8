import type { Activity } from 'botbuilder';
import type { DeliveryStatus } from '../../domain/delivery';
import type { Outbox, OutboxTarget } from '../../storage/outbox';
import { MAX_ACTIVITY_BYTES, jsonBytes } from '../cards/budget';

/**
 * Every proactive message goes through here. `key` is the caller's idempotency key, e.g.
 * `agenda:<meetingId>:<channelId>`: delivering the same key again sends nothing new and returns
 * the first message's state.
 */
export type DeliveryRequest =
  /** A message in a user's personal chat with the bot (the app must be installed for them). */
  | { kind: 'personal'; key: string; tenantId: string; aadObjectId: string; activity: Partial<Activity> }
  /** A new thread (top-level post) in a channel; the General channel's id is the team id. */
  | { kind: 'thread'; key: string; teamId: string; channelId: string; activity: Partial<Activity> }
  /** A reply in the thread started by the message with key `threadKey`. */
  | { kind: 'reply'; key: string; threadKey: string; activity: Partial<Activity> }
  /** Replaces the card of the message with key `of` (e.g. a live tally). */
  | { kind: 'update'; key: string; of: string; activity: Partial<Activity> };

export interface DeliveryReceipt {
  key: string;
  /** False when the key was delivered before: nothing new is sent. */
  created: boolean;
  status: DeliveryStatus;
  activityId?: string;
}

export type Deliver = (request: DeliveryRequest) => Promise<DeliveryReceipt>;

export { MAX_ACTIVITY_BYTES } from '../cards/budget';
const MAX_KEY_LENGTH = 200;

export class DeliveryRequestError extends Error {}

function checkKey(key: string, what: string): void {
  if (typeof key !== 'string' || !key || key.length > MAX_KEY_LENGTH || /[\u0000-\u001f\u007f]/.test(key)) {
    throw new DeliveryRequestError(`${what} must be 1–${MAX_KEY_LENGTH} printable characters`);
  }
}

/** Only what Teams should see: a plain JSON copy, within the size Teams takes. */
function plainActivity(activity: Partial<Activity>): Partial<Activity> {
  const json = JSON.stringify({ type: 'message', ...activity });
  const bytes = jsonBytes(json);
  if (bytes > MAX_ACTIVITY_BYTES) {
    throw new DeliveryRequestError(`the message is ${bytes} bytes as UTF-16, over the ${MAX_ACTIVITY_BYTES} Teams takes`);
  }
  return JSON.parse(json) as Partial<Activity>;
}

export const personalConversation = (tenantId: string, aadObjectId: string) => `u:${tenantId}:${aadObjectId}`;
export const channelConversation = (channelId: string) => `c:${channelId}`;

/** Writes the message to the outbox (nothing is sent here) and nudges the worker. */
export function createDeliver(outbox: Outbox, onQueued: () => void): Deliver {
  return async (request) => {
    checkKey(request.key, 'the idempotency key');
    const activity = plainActivity(request.activity);
    let target: OutboxTarget;
    let conversation: string;
    let parentKey: string | undefined;
    switch (request.kind) {
      case 'personal':
        target = { kind: 'personal', tenantId: request.tenantId, aadObjectId: request.aadObjectId };
        conversation = personalConversation(request.tenantId, request.aadObjectId);
        break;
      case 'thread':
        target = { kind: 'channel', teamId: request.teamId, channelId: request.channelId };
        conversation = channelConversation(request.channelId);
        break;
      case 'reply':
      case 'update': {
        const ref = request.kind === 'reply' ? request.threadKey : request.of;
        checkKey(ref, request.kind === 'reply' ? 'threadKey' : 'of');
        const parent = await outbox.get(ref);
        if (!parent)
          throw new DeliveryRequestError(
            `no message with key ${ref} was delivered, so there is nothing to ${request.kind === 'reply' ? 'reply to' : 'update'}`,
          );
        if (request.kind === 'reply' && parent.kind !== 'thread') throw new DeliveryRequestError(`message ${ref} did not start a channel thread`);
        // An update of an update replaces the same card: point at the card's first message.
        parentKey = parent.kind === 'update' && parent.parentKey ? parent.parentKey : parent.key;
        target = parent.target;
        conversation = parent.conversation;
        break;
      }
    }
    const { created, message } = await outbox.enqueue({ key: request.key, kind: request.kind, target, conversation, parentKey, activity });
    if (created) onQueued();
    return { key: message.key, created, status: message.status, activityId: message.activityId };
  };
}
