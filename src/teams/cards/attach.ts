import type { Activity, AdaptiveCardInvokeResponse } from 'botbuilder';
import type { AdaptiveCard } from './render';

/**
 * A message with the card: what botbuilder's MessageFactory.attachment(CardFactory.adaptiveCard(card))
 * makes, written out so that the scheduler and the jobs, which only build messages, do not load
 * botbuilder at start (docs/benchmarks.md, `startup`).
 */
export function cardMessage(card: AdaptiveCard): Partial<Activity> {
  return {
    type: 'message',
    attachmentLayout: 'list',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    inputHint: 'acceptingInput',
  };
}

/** The invoke answer that replaces the pressed card in place (Universal Actions). */
export function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> };
}
