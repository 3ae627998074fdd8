import { TurnContext } from 'botbuilder';
import { pickLocale, translator, type Locale, type Translate } from '../domain/i18n';
import type { Services } from './services';

/** Who pressed or typed: tenant + AAD object id, never a display name. */
export interface Caller { tenantId: string; aadObjectId?: string; botUserId: string }

export interface Turn {
  context: TurnContext;
  locale: Locale;
  t: Translate;
  caller: Caller;
  services: Services;
}

export function tenantOf(context: TurnContext): string {
  const a = context.activity;
  return a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? 'unknown';
}

export function turnOf(context: TurnContext, services: Services): Turn {
  const locale = pickLocale(context.activity.locale);
  return {
    context, locale, t: translator(locale), services,
    caller: { tenantId: tenantOf(context), aadObjectId: context.activity.from?.aadObjectId, botUserId: context.activity.from?.id ?? '' },
  };
}

/** "@Kompetansebot  Hjelp!" → "hjelp"; a lone "?" stays "?" (a help word of its own). */
export function commandText(context: TurnContext): string {
  const withoutMention = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  const text = withoutMention.replace(/<at>[^<]*<\/at>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ').trim().toLowerCase();
  return text.replace(/[.!?]+$/, '') || text;
}
