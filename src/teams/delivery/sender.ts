import { TurnContext, type Activity, type CloudAdapter, type ConversationParameters, type ConversationReference } from 'botbuilder';
import { retryAfterMs } from '../../domain/rateLimit';
import type { AttemptFailure, DeliveryKind } from '../../domain/delivery';
import type { ConversationRef } from '../../storage/conversationReferences';

/** One send, fully resolved: the stored reference to authenticate and address with, and what to do. */
export interface SendPlan {
  kind: DeliveryKind;
  /** The personal chat's or the channel's stored reference (serviceUrl, bot, tenant). */
  ref: ConversationRef;
  activity: Partial<Activity>;
  /** thread: the channel to start it in. */
  channelId?: string;
  /** reply: the thread's conversation id; update: where the original landed. */
  conversationId?: string;
  /** update: Teams' id of the original. */
  activityId?: string;
}

export type SendResult = { ok: true; activityId?: string; conversationId?: string } | { ok: false; failure: AttemptFailure; detail: string };

export interface Sender {
  send(plan: SendPlan): Promise<SendResult>;
}

// The part of botframework-connector's ConnectorClient used here (its type is not re-exported by botbuilder).
interface RequestOptions {
  abortSignal?: AbortSignal;
}
interface Connector {
  conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>, options?: RequestOptions): Promise<{ id?: string }>;
    createConversation(parameters: ConversationParameters, options?: RequestOptions): Promise<{ id?: string; activityId?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>, options?: RequestOptions): Promise<{ id?: string }>;
  };
}

/**
 * The ConnectorClient's HTTP pipeline retries 429, 5xx and dropped connections by itself (three
 * times, with its own waits). Those hidden retries would bypass our rate limiter, our attempt count
 * and our record of which tries may have reached Teams, so the worker does all retrying and the
 * SDK's policy is removed. Returns false if the SDK's internals changed shape.
 */
function disableSdkRetries(connector: unknown): boolean {
  const pipeline = (connector as { client?: { pipeline?: { removePolicy(o: { name: string }): unknown[] } } }).client?.pipeline;
  if (!pipeline?.removePolicy) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  return true;
}

/** Reads what a failed connector call tells: HTTP status and Retry-After, or what kind of network fault. */
export function failureOf(err: unknown, now = Date.now()): SendResult {
  const e = err as {
    statusCode?: number;
    code?: string;
    name?: string;
    message?: string;
    response?: { headers?: { get?(name: string): string | undefined } };
  } | null;
  if (typeof e?.statusCode === 'number' && e.statusCode > 0) {
    const retryAfter = retryAfterMs(e.response?.headers?.get?.('retry-after'), now);
    return {
      ok: false,
      failure: { status: e.statusCode, retryAfterMs: retryAfter },
      detail: `HTTP ${e.statusCode}${e.code && !/^\d+$/.test(e.code) ? ` ${e.code}` : ''}`,
    };
  }
  const code = e?.code ?? '';
  let network: AttemptFailure['network'] = 'other';
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError' || code === 'ETIMEDOUT') network = 'timeout';
  else if (code === 'ECONNREFUSED') network = 'refused';
  else if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(e?.message ?? '')) network = 'reset';
  // Only names and codes: an error message could quote the request.
  return { ok: false, failure: { network }, detail: network === 'other' ? `${e?.name ?? 'Error'}${code ? ` ${code}` : ''}` : network };
}

/**
 * Sends through botbuilder: CloudAdapter.continueConversationAsync authenticates as the bot (an app
 * id gets a token as usual; none means local anonymous mode) and hands over the ConnectorClient for
 * the reference's serviceUrl, which is then called directly so each request gets a timeout.
 */
export class TeamsSender implements Sender {
  private warnedNoRetryControl = false;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly timeoutMs: number,
    private readonly onWarning: (msg: string) => void = () => undefined,
  ) {}

  async send(plan: SendPlan): Promise<SendResult> {
    let result: SendResult | undefined;
    try {
      await this.adapter.continueConversationAsync(this.appId, plan.ref as Partial<ConversationReference>, async (context) => {
        // Errors are caught here, not left to the adapter, whose onTurnError would write to the user.
        try {
          result = await this.inTurn(context, plan);
        } catch (err) {
          result = failureOf(err);
        }
      });
    } catch (err) {
      result = failureOf(err); // e.g. the bot's token could not be fetched
    }
    return result ?? { ok: false, failure: { network: 'other' }, detail: 'no result' };
  }

  private async inTurn(context: TurnContext, plan: SendPlan): Promise<SendResult> {
    const connector = context.turnState.get(this.adapter.ConnectorClientKey) as Connector | undefined;
    if (!connector) throw new Error('no ConnectorClient on the proactive turn');
    if (!disableSdkRetries(connector) && !this.warnedNoRetryControl) {
      this.warnedNoRetryControl = true;
      this.onWarning("could not switch off the Bot Framework SDK's own retries; sends may be retried twice over");
    }
    const options: RequestOptions = { abortSignal: AbortSignal.timeout(this.timeoutMs) };
    const ref = plan.ref as Partial<ConversationReference>;
    switch (plan.kind) {
      case 'personal': {
        const activity = TurnContext.applyConversationReference({ ...plan.activity }, ref);
        const res = await connector.conversations.sendToConversation(ref.conversation!.id, activity, options);
        return { ok: true, activityId: res.id, conversationId: ref.conversation!.id };
      }
      case 'thread': {
        const tenantId = ref.conversation?.tenantId;
        const res = await connector.conversations.createConversation(
          {
            isGroup: true,
            bot: ref.bot!,
            tenantId,
            channelData: { channel: { id: plan.channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
            activity: { ...plan.activity } as Activity,
          },
          options,
        );
        // Teams answers { id: "<channel>;messageid=<activity id>", activityId }.
        const activityId = res.activityId || /;messageid=(.+)$/.exec(res.id ?? '')?.[1];
        return { ok: true, activityId, conversationId: res.id };
      }
      case 'reply':
      case 'update': {
        if (!plan.conversationId) throw new Error(`${plan.kind} without the original's conversation`);
        const inThread = { ...ref, conversation: { ...ref.conversation!, id: plan.conversationId } };
        const activity = TurnContext.applyConversationReference({ ...plan.activity }, inThread);
        if (plan.kind === 'reply') {
          const res = await connector.conversations.sendToConversation(plan.conversationId, activity, options);
          return { ok: true, activityId: res.id, conversationId: plan.conversationId };
        }
        if (!plan.activityId) throw new Error("update without the original's activity id");
        await connector.conversations.updateActivity(plan.conversationId, plan.activityId, { ...activity, id: plan.activityId }, options);
        return { ok: true, activityId: plan.activityId, conversationId: plan.conversationId };
      }
    }
  }
}
