import { TeamsInfo, type TeamsChannelAccount } from 'botbuilder';
import type { Turn } from '../../turn';

type TeamsChannelData = { team?: { id?: string; name?: string }; channel?: { id?: string; name?: string } };

/** The team and channel a turn came from, when it came from a team's channel. */
export function teamOf(turn: Turn): { teamId: string; channelId: string; channelName?: string } | undefined {
  const a = turn.context.activity;
  const data = a.channelData as TeamsChannelData | undefined;
  const teamId = data?.team?.id;
  if (!teamId) return undefined;
  // A post in a channel thread is "<channel id>;messageid=<n>".
  const channelId = data?.channel?.id ?? a.conversation?.id?.split(';')[0] ?? teamId;
  return { teamId, channelId, channelName: data?.channel?.name };
}

export interface TeamMember {
  name: string;
  tenantId: string;
  aadObjectId: string;
}

// An Input.ChoiceSet of more people than this makes the card too large for Teams.
export const MAX_MEMBERS_SHOWN = 300;

/**
 * The team's members as Teams knows them (tenant + AAD object id + name), or undefined when this
 * is not a team or Teams does not answer: the form then asks for ids instead.
 */
export async function teamMembers(turn: Turn): Promise<TeamMember[] | undefined> {
  if (!teamOf(turn)) return undefined;
  try {
    const out: TeamMember[] = [];
    let token: string | undefined;
    do {
      const page = await TeamsInfo.getPagedMembers(turn.context, 500, token);
      for (const m of (page.members ?? []) as TeamsChannelAccount[]) {
        if (m.aadObjectId) out.push({ name: m.name ?? m.aadObjectId, tenantId: m.tenantId ?? turn.caller.tenantId, aadObjectId: m.aadObjectId });
      }
      token = page.continuationToken || undefined;
    } while (token && out.length < 5000);
    return out.sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  } catch (err) {
    turn.services.logger.warn('team members could not be listed', { error: err as Error });
    return undefined;
  }
}

export const memberValue = (m: Pick<TeamMember, 'tenantId' | 'aadObjectId'>) => `${m.tenantId}|${m.aadObjectId}`;
