import { TeamsActivityHandler, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type InvokeResponse, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isStorageUnavailable } from '../storage/tables';
import { ownRecord } from '../domain/ownKeys';
import { cardMessage, cardResponse, messageResponse } from './cards/attach';
import { errorCard, helpCard } from './cards/helpCard';
import { captureConversation, channelChanged, forgetConversation } from './installation';
import type { Registry } from './registryTypes';
import type { Services } from './services';
import { commandText, tenantOf, turnOf, turnServices } from './turn';
import { refusalOf } from './refusals';
import { keepWithinBudget } from './sizeGuard';

// The invoke body is untrusted input: verb and data are checked before any handler sees them.
const ExecuteSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    // Own properties only: card data is read by field name, never through Object.prototype.
    data: ownRecord(z.string(), z.unknown()).optional(),
  }),
});

export class KompetanseBot extends TeamsActivityHandler {
  constructor(
    private readonly services: Services,
    /** The verbs and commands, assembled at the composition root (src/app/registry.ts). */
    private readonly registry: Registry,
  ) {
    super();
    const own = (context: TurnContext) => turnServices(context, services);
    this.onMessage(async (context, next) => {
      await this.onText(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.installed(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await forgetConversation(context, own(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id)) await this.installed(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      if (context.activity.membersRemoved?.some((m) => m.id === context.activity.recipient.id)) await forgetConversation(context, own(context));
      await next();
    });
    this.onTeamsChannelCreatedEvent(async (ch, team, context, next) => {
      await channelChanged(context, own(context), ch, team.id!, 'created');
      await next();
    });
    this.onTeamsChannelRestoredEvent(async (ch, team, context, next) => {
      await channelChanged(context, own(context), ch, team.id!, 'created');
      await next();
    });
    this.onTeamsChannelRenamedEvent(async (ch, team, context, next) => {
      await channelChanged(context, own(context), ch, team.id!, 'renamed');
      await next();
    });
    this.onTeamsChannelDeletedEvent(async (ch, team, context, next) => {
      await channelChanged(context, own(context), ch, team.id!, 'deleted');
      await next();
    });
    this.onTeamsTeamRenamedEvent(async (team, context, next) => {
      if (team.id && team.name) await own(context).references.rename('team', tenantOf(context), team.id, team.name, team.id);
      await next();
    });
    this.onTeamsTeamDeletedEvent(async (team, context, next) => {
      if (team.id) await own(context).references.removeTeam(team.id);
      await next();
    });
  }

  // Every reply and invoke response of the turn is held to the card size budget (sizeGuard.ts).
  override async run(context: TurnContext): Promise<void> {
    keepWithinBudget(context, this.services);
    await super.run(context);
  }

  private async installed(context: TurnContext): Promise<void> {
    if (await captureConversation(context, turnServices(context, this.services))) {
      const turn = turnOf(context, this.services);
      const personal = context.activity.conversation?.conversationType === 'personal';
      await context.sendActivity(cardMessage(helpCard(turn.t, { welcome: true, personal })));
    }
  }

  private async onText(context: TurnContext): Promise<void> {
    const turn = turnOf(context, this.services);
    const text = commandText(context);
    const command = text ? this.registry.findCommand(text) : undefined;
    if (!command) {
      await context.sendActivity(turn.t('fallback.text'));
      return;
    }
    try {
      await command.handler(turn, command.args);
    } catch (err) {
      const refusal = refusalOf(turn, err);
      if (!refusal) throw err;
      await context.sendActivity(cardMessage(refusal));
    }
  }

  // The SDK answers a malformed card action (no action, wrong type) with 400/501 before the check
  // below runs; every adaptiveCard/action comes here instead, so a broken or hostile client gets the
  // same clear message as an unknown verb.
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      return { status: 200, body: await this.onAdaptiveCardInvoke(context, context.activity.value as AdaptiveCardInvokeValue) };
    }
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const turn = turnOf(context, this.services);
    const parsed = ExecuteSchema.safeParse(invokeValue);
    const handler = parsed.success ? this.registry.handlerOf(parsed.data.action.verb) : undefined;
    if (!parsed.success || !handler) {
      return messageResponse(turn.t('fallback.text'));
    }
    try {
      const result = await handler(turn, parsed.data.action.data ?? {});
      return 'card' in result ? cardResponse(result.card) : messageResponse(result.message);
    } catch (err) {
      const refusal = refusalOf(turn, err);
      if (refusal) return cardResponse(refusal);
      // The pressed card stays as it is (a text answer does not replace it), so nothing typed is lost.
      const storage = isStorageUnavailable(err);
      turn.services.logger.error('card action failed', { verb: parsed.data.action.verb, storage, error: err as Error });
      return messageResponse(storage ? turn.t('error.storage.text') : turn.t('error.generic'));
    }
  }
}

/** Last resort for message turns: log without the activity, tell the user in their language. */
export async function onTurnError(context: TurnContext, err: unknown, shared: Services): Promise<void> {
  const services = turnServices(context, shared);
  const storage = isStorageUnavailable(err);
  services.logger.error('turn failed', { type: context.activity.type, storage, error: err as Error });
  if (context.activity.type === 'invoke') return;
  const turn = turnOf(context, services);
  try {
    await context.sendActivity(cardMessage(errorCard(turn.t, storage ? 'storage' : 'generic')));
  } catch (sendErr) {
    services.logger.error('could not tell the user about the failure', { error: sendErr as Error });
  }
}
