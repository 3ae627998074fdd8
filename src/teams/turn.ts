import type { TurnContext } from 'botbuilder';
import { normaliseCommandText } from '../domain/commandText';
import { pickLocale, translator, type Locale, type Translate } from '../domain/i18n';
import type { Services } from './services';

/** Who pressed or typed: tenant + AAD object id, never a display name. */
export interface Caller {
  tenantId: string;
  aadObjectId?: string;
  botUserId: string;
}

export interface Turn {
  context: TurnContext;
  locale: Locale;
  t: Translate;
  caller: Caller;
  services: Services;
}

export function tenantOf(context: TurnContext): string {
  const a = context.activity;
  // Lower case at the boundary: ids are stored and compared as Teams normally sends them.
  return (a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? 'unknown').toLowerCase();
}

const TURN_SERVICES = Symbol('turnServices');

/**
 * The services as one turn sees them: the same, with a logger whose every line names the activity
 * and the conversation, so a turn's lines can be found together. Made once per turn.
 */
export function turnServices(context: TurnContext, services: Services): Services {
  let own = context.turnState.get(TURN_SERVICES) as Services | undefined;
  if (!own) {
    const a = context.activity;
    own = { ...services, logger: services.logger.child({ activityId: a.id, conversationId: a.conversation?.id }) };
    context.turnState.set(TURN_SERVICES, own);
  }
  return own;
}

export function turnOf(context: TurnContext, services: Services): Turn {
  const locale = pickLocale(context.activity.locale);
  return {
    context,
    locale,
    t: translator(locale),
    services: turnServices(context, services),
    caller: { tenantId: tenantOf(context), aadObjectId: context.activity.from?.aadObjectId?.toLowerCase(), botUserId: context.activity.from?.id ?? '' },
  };
}

/** "@Kompetansebot  Hjelp!" → "hjelp": the bot's own mention removed, capped before any parsing; a lone "?" stays. */
export function commandText(context: TurnContext): string {
  const a = context.activity;
  const botId = a.recipient?.id;
  // Read by hand: the SDK's getMentions throws on an entity without a type.
  const mention = (Array.isArray(a.entities) ? a.entities : []).find(
    (e) =>
      typeof e?.type === 'string' &&
      e.type.toLowerCase() === 'mention' &&
      botId !== undefined &&
      (e as { mentioned?: { id?: unknown } }).mentioned?.id === botId &&
      typeof (e as { text?: unknown }).text === 'string',
  );
  return normaliseCommandText(a.text, mention ? [(mention as unknown as { text: string }).text] : []);
}
