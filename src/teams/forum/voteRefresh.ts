import type { ActionHandler } from '../actions/types';
import { personOf } from '../caller';
import { Refusal } from '../refusals';
import { itemView, loadItem, loadMeeting, standingOf, viewerOf, VoteRef, wrongChannel } from './ballot';
import { forumView } from './view';
import { voteCard } from './voteCard';

/**
 * `vote.refresh`: the card as this person should see it now, with the live tally and their own
 * mark. Teams calls it by itself (trigger "automatic") for the users listed in the card's refresh,
 * and when someone presses "Oppdater". Reading never changes anything. Like a mark, it is only
 * answered in the meeting's own channel: the card lives there, and anywhere else the ids alone
 * would show the item to whoever holds them.
 */
export const voteRefresh: ActionHandler = async (turn, data) => {
  const parsed = VoteRef.safeParse(data);
  if (!parsed.success) throw new Refusal('forum.vote.forged');
  const { services } = turn;
  const meeting = await loadMeeting(services, parsed.data.meetingId);
  const elsewhere = wrongChannel(turn, meeting);
  if (elsewhere) throw new Refusal(elsewhere);
  const stored = await loadItem(services, meeting, parsed.data.reportId);
  const view = await itemView(services, meeting, stored);
  const standing = await standingOf(services, personOf(turn), meeting, stored.item);
  return { card: voteCard(forumView(services, turn.locale), view.state, viewerOf(standing, view)) };
};
