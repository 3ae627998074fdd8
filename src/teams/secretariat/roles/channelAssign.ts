import type { ActionHandler } from '../../actions/types';
import type { Turn } from '../../turn';
import { Refusal } from '../../refusals';
import { action } from '../../cards/action';
import { formCard } from '../cards';
import { actorId, requireOfficer } from '../../requireOfficer';
import { placeValue } from '../../../domain/forumPlaces';
import { groupChoices, groupName, placeOfChoice } from './groupNames';
import { rolesCard } from './rolesCard';
import { teamOf } from './teamContext';

/** The team's channels the bot knows (stored when it was installed), the current one included. */
async function channelsOf(turn: Turn): Promise<{ teamId: string; current: string; channels: Array<{ id: string; name: string }> }> {
  const here = teamOf(turn);
  if (!here) throw new Refusal('channel.error.notInTeam');
  const nameOf = (id: string, name?: string) => name || (id === here.teamId ? turn.t('channel.general') : id);
  const stored = (await turn.services.references.team(here.teamId)).filter((r) => r.kind === 'channel' && !r.stale);
  // Teams names the current channel on the activity, more freshly than the stored reference.
  const channels = stored.map((r) => ({ id: r.id, name: r.id === here.channelId && here.channelName ? here.channelName : nameOf(r.id, r.name) }));
  if (!channels.some((c) => c.id === here.channelId)) channels.push({ id: here.channelId, name: nameOf(here.channelId, here.channelName) });
  return { teamId: here.teamId, current: here.channelId, channels };
}

/** `channel.form` / `kanal`: which group meets in which channel of this team. */
export const channelForm: ActionHandler = async (turn) => {
  await requireOfficer(turn);
  const { current, channels } = await channelsOf(turn);
  const assigned = await turn.services.groups.groupOfChannel(current);
  const group = assigned ? placeValue(turn.services.regions, assigned) : '';
  return { card: form(turn, channels, { group, channel: current }) };
};

function form(
  turn: Turn,
  channels: Array<{ id: string; name: string }>,
  values: { group: string; channel: string },
  errors: { group?: string; channel?: string; summary?: string } = {},
) {
  const { t } = turn;
  return formCard({
    required: turn.t('form.required'),
    title: t('channel.title'),
    intro: t('channel.intro'),
    errorSummary: errors.summary ?? (errors.group || errors.channel ? t('secretariat.errorSummary') : ''),
    fields: [
      {
        id: 'group',
        kind: 'choice',
        label: t('channel.field.group'),
        required: true,
        value: values.group,
        placeholder: t('wizard.choose'),
        choices: groupChoices(turn),
        error: errors.group,
      },
      {
        id: 'channel',
        kind: 'choice',
        label: t('channel.field.channel'),
        required: true,
        value: values.channel,
        choices: channels.map((c) => ({ title: c.name, value: c.id })),
        error: errors.channel,
      },
    ],
    actions: [action(t('channel.assign'), 'channel.assign', {}, { inputs: 'auto', style: 'positive' }), action(t('secretariat.cancel'), 'roles.list', {})],
  });
}

/** `channel.assign`: stores the group's channel (Groups.assign replaces its earlier one). */
export const channelAssign: ActionHandler = async (turn, data) => {
  const officer = await requireOfficer(turn);
  const { t, services } = turn;
  const { teamId, channels } = await channelsOf(turn);
  const values = { group: typeof data.group === 'string' ? data.group : '', channel: typeof data.channel === 'string' ? data.channel : '' };
  const channel = channels.find((c) => c.id === values.channel);
  const errors: { group?: string; channel?: string } = {};
  const place = placeOfChoice(turn, values.group);
  if (!place) errors.group = t(values.group ? 'report.error.unknownChoice' : 'report.error.chooseOne');
  if (!channel) errors.channel = t('channel.error.unknown');
  // A choice shows only a value it offers: an unknown one (whatever its length) is not echoed back.
  if (errors.group || errors.channel || !channel || !place)
    return { card: form(turn, channels, { group: errors.group ? '' : values.group, channel: channel?.id ?? '' }, errors) };
  const holder = await services.groups.groupOfChannel(channel.id);
  const { forum, group } = place;
  // Another place's channel stays theirs; one of a place no longer configured (a forum renamed) may be taken.
  const held = holder && placeOfChoice(turn, placeValue(services.regions, holder))?.forum === holder.forum;
  if (holder && held && (holder.forum !== forum || holder.group !== group)) {
    return {
      card: form(turn, channels, values, { summary: t('channel.error.taken', { channel: channel.name, group: groupName(turn, holder.group, holder.forum) }) }),
    };
  }
  await services.groups.assign({
    forum,
    group,
    teamId,
    channelId: channel.id,
    channelName: channel.name,
    assignedBy: actorId(officer),
    assignedAt: services.now().toISOString(),
  });
  services.logger.info('channel assigned', { forum, group });
  return { card: await rolesCard(turn, { notice: t('channel.assigned', { channel: channel.name, group: groupName(turn, group, forum) }) }) };
};
