import { meetingMoney } from '../money/ledgerRead';
import type { Meeting } from '../../domain/forum';
import type { Round } from '../../domain/round';
import { cardMessage } from '../cards/attach';
import type { Services } from '../services';
import { Refusal } from '../refusals';
import { agendaCards, retiredPartCard } from './agendaCard';
import { electorate, itemView } from './ballot';
import { inBatches } from './agenda';
import { channelLocale, forumView } from './view';
import { voteCard } from './voteCard';

/*
 * Everything the forum posts goes through services.deliver with keys that say what it is:
 *   agenda:<meeting>:p<n>            part n of the agenda (part 1 starts the thread, later parts reply in it)
 *   agenda:<meeting>:p<n>:r<rev>     the update of part n to agenda revision rev
 *   vote:<meeting>:<report>          an item's voting card, a reply in the agenda's thread
 *   vote:<meeting>:<report>:closed   its frozen result
 * Delivering a key twice sends once, so a double press or a retry after a crash posts nothing twice.
 */
export const agendaPartKey = (meetingId: string, n: number) => `agenda:${meetingId}:p${n}`;
export const voteCardKey = (meetingId: string, reportId: string) => `vote:${meetingId}:${reportId}`;

async function roundOf(services: Services, meeting: Meeting): Promise<Round> {
  const round = await services.rounds.get(meeting.roundId);
  if (!round) throw new Refusal('forum.round.missing');
  return round;
}

/**
 * Posts the agenda into the group's channel, or brings the posted parts up to the meeting's
 * current revision in place. A longer agenda adds parts as replies; parts a shorter agenda no
 * longer needs say so instead of vanishing.
 */
export async function publishAgenda(services: Services, meeting: Meeting): Promise<Meeting> {
  const channel = meeting.posted ?? (await services.groups.channelOf(meeting.forum, meeting.group));
  if (!channel) throw new Refusal('forum.channel.missing');
  // Without the app in that team nothing could be posted; say so now rather than fail quietly later.
  if (
    !meeting.posted &&
    !(await services.references.get('channel', '', channel.channelId, channel.teamId)) &&
    !(channel.channelId === channel.teamId && (await services.references.get('team', '', channel.teamId, channel.teamId)))
  ) {
    throw new Refusal('forum.channel.notInstalled');
  }
  const round = await roundOf(services, meeting);
  const items = (await services.meetings.items(meeting)).map((s) => s.item);
  const view = forumView(services, await channelLocale(services, channel.teamId, channel.channelId));
  const money = await meetingMoney(
    services,
    round,
    meeting,
    items.map((i) => i.reportId),
  );
  const cards = agendaCards(view, meeting, items, round, money);
  const before = meeting.posted?.parts ?? 0;
  const first = agendaPartKey(meeting.id, 1);
  const total = Math.max(before, cards.length);

  for (let n = 1; n <= total; n++) {
    const key = agendaPartKey(meeting.id, n);
    const card = n <= cards.length ? cards[n - 1] : retiredPartCard(view, meeting, round, cards.length);
    const activity = { ...cardMessage(card), summary: view.t('forum.agenda.summary', { title: meeting.title, n, of: cards.length }) };
    if (n > before) {
      await services.deliver(
        n === 1 ? { kind: 'thread', key, teamId: channel.teamId, channelId: channel.channelId, activity } : { kind: 'reply', key, threadKey: first, activity },
      );
    } else if (meeting.posted && meeting.posted.revision !== meeting.revision) {
      await services.deliver({ kind: 'update', key: `${key}:r${meeting.revision}`, of: key, activity });
    }
  }
  const posted = { teamId: channel.teamId, channelId: channel.channelId, parts: total, revision: meeting.revision };
  return (
    (await services.meetings.update(meeting.forum, meeting.id, (m) => {
      // Another change since this one was read: keep the newer revision recorded as not yet posted.
      const next = m.revision !== meeting.revision ? { ...posted, revision: m.posted?.revision ?? -1 } : posted;
      // Recorded already (a second press, or presses at once): nothing to write, so presses at once do not
      // fight over the row and fail after their deliveries were queued (the queue is idempotent by key).
      if (m.posted && (['teamId', 'channelId', 'parts', 'revision'] as const).every((k) => m.posted![k] === next[k])) return undefined;
      return { ...m, posted: next };
    })) ?? meeting
  );
}

/** One voting card per agenda item, as replies in the agenda's thread. */
export async function postVotingCards(services: Services, meeting: Meeting): Promise<void> {
  if (!meeting.posted) throw new Refusal('forum.agenda.notPosted');
  const view = forumView(services, await channelLocale(services, meeting.posted.teamId, meeting.posted.channelId));
  const electors = await electorate(services, meeting.forum, meeting.group);
  const items = await services.meetings.items(meeting);
  // In agenda order: the outbox sends a conversation's messages in the order they were queued.
  for (const stored of items) {
    const { state } = await itemView(services, meeting, stored, { electors });
    await services.deliver({
      kind: 'reply',
      key: voteCardKey(meeting.id, stored.item.reportId),
      threadKey: agendaPartKey(meeting.id, 1),
      activity: { ...cardMessage(voteCard(view, state)), summary: view.t('forum.vote.summary', { reference: stored.item.reference }) },
    });
  }
}

/** After closing: every voting card shows its result, without buttons or refresh. */
export async function freezeVotingCards(services: Services, meeting: Meeting): Promise<void> {
  if (!meeting.posted) return;
  const view = forumView(services, await channelLocale(services, meeting.posted.teamId, meeting.posted.channelId));
  const electors = await electorate(services, meeting.forum, meeting.group);
  const items = await services.meetings.items(meeting);
  await inBatches(items, 4, async (stored) => {
    const key = voteCardKey(meeting.id, stored.item.reportId);
    if (!(await services.outbox.get(key))) return; // never posted (closed before the cards went out)
    const { state } = await itemView(services, meeting, stored, { electors });
    await services.deliver({
      kind: 'update',
      key: `${key}:closed`,
      of: key,
      activity: { ...cardMessage(voteCard(view, state)), summary: view.t('forum.vote.summary', { reference: stored.item.reference }) },
    });
  });
}

/** After an agenda change: a posted agenda follows in place; a draft one waits to be posted. */
export async function followPosted(services: Services, meeting: Meeting): Promise<Meeting> {
  return meeting.posted && meeting.posted.revision !== meeting.revision ? publishAgenda(services, meeting) : meeting;
}
