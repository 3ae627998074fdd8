import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { MAX_ACTIVITY_BYTES, activityBytes } from './cards/budget';
import { messageResponse } from './cards/attach';
import type { Services } from './services';
import { turnOf, turnServices } from './turn';

/**
 * The last check on what a turn answers (replies, and the invoke response of a card press): an
 * activity over the budget is replaced by a short message in the person's language and logged
 * (size and kind, never the content), instead of a card Teams would refuse with nothing shown.
 * Cards page and cut long texts so this does not happen; this keeps a missed case visible.
 */
export function keepWithinBudget(context: TurnContext, services: Services): void {
  context.onSendActivities(async (ctx, activities, next) => {
    for (let i = 0; i < activities.length; i++) activities[i] = withinBudget(ctx, services, activities[i]);
    return next();
  });
}

function withinBudget(context: TurnContext, services: Services, activity: Partial<Activity>): Partial<Activity> {
  const invoke = activity.type === ActivityTypes.InvokeResponse;
  // An invoke response reaches Teams as its body alone.
  const bytes = activityBytes(invoke ? (activity.value as { body?: unknown } | undefined)?.body : activity);
  if (bytes <= MAX_ACTIVITY_BYTES) return activity;
  const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  turnServices(context, services).logger.error('answer over the card size budget replaced by a message', {
    bytes,
    max: MAX_ACTIVITY_BYTES,
    type: activity.type,
    verb: typeof verb === 'string' ? verb.slice(0, 64) : undefined,
  });
  const text = turnOf(context, services).t('card.tooLarge');
  if (invoke) return { ...activity, value: { status: 200, body: messageResponse(text) } };
  return { ...activity, text, attachments: undefined, attachmentLayout: undefined };
}
