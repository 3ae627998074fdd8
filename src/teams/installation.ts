import { TeamsInfo, TurnContext, type ChannelInfo } from 'botbuilder';
import type { ConversationRef } from '../storage/conversationReferences';
import type { Services } from './services';
import { tenantOf } from './turn';

type TeamsChannelData = { team?: { id?: string; name?: string }; channel?: { id?: string; name?: string } };

function refOf(context: TurnContext, conversationId?: string): ConversationRef {
  const r = TurnContext.getConversationReference(context.activity);
  const conversation = { ...r.conversation, id: conversationId ?? r.conversation!.id, tenantId: tenantOf(context) };
  // The activity id is of this one message; a stored reference addresses the conversation.
  return { channelId: r.channelId!, serviceUrl: r.serviceUrl!, conversation, bot: r.bot!, user: r.user, locale: r.locale } as ConversationRef;
}

function teamOf(context: TurnContext): { id: string; name?: string } | undefined {
  const team = (context.activity.channelData as TeamsChannelData | undefined)?.team;
  return team?.id ? { id: team.id, name: team.name } : undefined;
}

/**
 * Stores where the bot can later write proactively. Returns true when this conversation was new
 * (first install), so the caller can welcome exactly once even when Teams sends both an
 * installationUpdate and a conversationUpdate for the same install.
 */
export async function captureConversation(context: TurnContext, services: Services): Promise<boolean> {
  const a = context.activity;
  const tenantId = tenantOf(context);
  const team = teamOf(context);
  if (a.conversation?.conversationType === 'personal' || (!team && !a.conversation?.isGroup)) {
    const userId = a.from?.aadObjectId ?? a.from?.id;
    if (!userId) return false;
    return services.references.save({ kind: 'personal', tenantId, id: userId, locale: a.locale, ref: refOf(context) });
  }
  if (!team) return false; // group chats are not a scope of this app
  const isNew = await services.references.save({ kind: 'team', tenantId, id: team.id, name: team.name, locale: a.locale, ref: refOf(context, team.id) });
  await refreshChannels(context, services, team.id);
  return isNew;
}

/** Stores every channel of the team; the General channel's id is the team id. */
export async function refreshChannels(context: TurnContext, services: Services, teamId: string): Promise<void> {
  const tenantId = tenantOf(context);
  let channels: ChannelInfo[];
  try {
    channels = await TeamsInfo.getTeamChannels(context, teamId);
  } catch (err) {
    // Emulators and some tenants do not answer this; the General channel is still reachable.
    services.logger.warn('team channels could not be listed', { teamId, error: err as Error });
    channels = [{ id: teamId, name: 'General' }];
  }
  const known = new Set<string>();
  for (const ch of channels) {
    if (!ch.id) continue;
    known.add(ch.id);
    await services.references.save({
      kind: 'channel',
      tenantId,
      id: ch.id,
      teamId,
      name: ch.name ?? 'General',
      locale: context.activity.locale,
      ref: refOf(context, ch.id),
    });
  }
  for (const stored of await services.references.team(teamId)) {
    if (stored.kind === 'channel' && !known.has(stored.id)) await services.references.remove('channel', tenantId, stored.id, teamId);
  }
}

export async function forgetConversation(context: TurnContext, services: Services): Promise<void> {
  const a = context.activity;
  const team = teamOf(context);
  if (team) await services.references.removeTeam(team.id);
  else await services.references.remove('personal', tenantOf(context), a.from?.aadObjectId ?? a.from?.id ?? '');
}

export async function channelChanged(
  context: TurnContext,
  services: Services,
  channel: ChannelInfo,
  teamId: string,
  change: 'created' | 'renamed' | 'deleted',
): Promise<void> {
  const tenantId = tenantOf(context);
  if (!channel.id) return;
  if (change === 'deleted') return services.references.remove('channel', tenantId, channel.id, teamId);
  await services.references.save({
    kind: 'channel',
    tenantId,
    id: channel.id,
    teamId,
    name: channel.name,
    locale: context.activity.locale,
    ref: refOf(context, channel.id),
  });
}
