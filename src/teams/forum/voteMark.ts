import { z } from 'zod';
import { acceptsMarks, MARKS, type Mark, type Meeting } from '../../domain/forum';
import type { ActionHandler } from '../actions/types';
import type { Turn } from '../turn';
import { personOf } from '../caller';
import { Refusal } from '../refusals';
import { channelOf, itemView, loadItem, loadMeeting, standingOf, viewerOf, VoteRef } from './ballot';
import { groupName, forumView } from './view';
import { disqualificationText, MARK_LABEL, voteCard } from './voteCard';
import { inStepOf } from './rulesOf';
import type { StoredItem } from '../../storage/meetings';
import type { StoredMark } from '../../storage/votes';
import { marksAfterWrite } from './hotReads';

const MarkData = VoteRef.extend({ mark: z.enum(MARKS) }).strict();

/** How long a mark written in the instant the vote closed waits for the close to finish. */
const CLOSE_WAIT_MS = 5_000;

/**
 * `vote.mark`: a member's prioriter / ikke prioriter / avstår / inhabil on one item. Who votes
 * comes from the activity alone; the card's data only says which item and which button. Anyone
 * who may not vote gets the card back with the reason, for their eyes only, and nothing is stored.
 */
export const voteMark: ActionHandler = async (turn, data) => {
  const parsed = MarkData.safeParse(data);
  if (!parsed.success) throw new Refusal('forum.vote.forged');
  const { meetingId, reportId, v, mark } = parsed.data;
  const { services } = turn;
  const person = personOf(turn);
  const meeting = await loadMeeting(services, meetingId);
  // A card of another opening, or from another channel, is not this vote's card.
  if (!meeting.vote || meeting.vote.id !== v) throw new Refusal('forum.vote.stale');
  if (!meeting.posted || channelOf(turn) !== meeting.posted.channelId) throw new Refusal('forum.vote.forged');
  const stored = await loadItem(services, meeting, reportId);
  const view = forumView(services, turn.locale);

  // The card comes back for the presser only: the tally read after any write, their own mark, and why if refused.
  const standing = await standingOf(services, person, meeting, stored.item);
  const answer = async (m: Meeting, s: StoredItem, extra: { notice?: string; warning?: string }, marks?: StoredMark[]) => {
    const iv = await itemView(services, m, s, { marks });
    return { card: voteCard(view, iv.state, viewerOf(standing, iv, extra)) };
  };

  if (!acceptsMarks(meeting, services.now())) return answer(meeting, stored, { warning: turn.t('forum.vote.closed') });
  if (!standing.elector) {
    const key = standing.officer ? 'forum.vote.refused.secretariat' : 'forum.vote.refused.notMember';
    return answer(meeting, stored, { warning: turn.t(key, { group: groupName(view, meeting.group) }) });
  }
  if (standing.disqualified) return answer(meeting, stored, { warning: disqualificationText(view, standing.disqualified) });

  const etag = await services.votes.put(meeting.id, reportId, {
    voter: person,
    teamsUserId: turn.caller.botUserId,
    role: standing.elector.chair ? 'chair' : 'member',
    mark,
    at: services.now().toISOString(),
  });

  // The vote may have started closing between the check above and the write. Closing marks each
  // item before counting it, and this read comes after the write: without the mark the count
  // included us. With it, the close decides: a mark its result counted stands; any other is taken
  // back (or put back to what was counted), so nothing is stored that the result does not hold.
  const after = await marksAfterWrite(services, meeting.id, reportId);
  if (after.closing) {
    const settled = await settledAfterClose(turn, meeting, reportId);
    const counted = settled?.result?.counted[standing.elector.key];
    if (counted === mark) {
      return answer(settled!.meeting, settled!.stored, {
        notice: turn.t('forum.vote.savedJustInTime', { label: inStepOf(view, meeting).t(MARK_LABEL[mark]) }),
      });
    }
    await services.votes.retract(meeting.id, reportId, person, etag, counted);
    return answer(settled?.meeting ?? meeting, settled?.stored ?? stored, { warning: turn.t('forum.vote.closed') });
  }
  return answer(meeting, stored, { notice: turn.t('forum.vote.saved', { label: inStepOf(view, meeting).t(MARK_LABEL[mark as Mark]) }) }, after.marks);
};

/** Waits briefly for a closing vote to finish; undefined when it has not (the mark is then taken back). */
async function settledAfterClose(
  turn: Turn,
  meeting: Meeting,
  reportId: string,
): Promise<{ meeting: Meeting; stored: StoredItem; result?: StoredItem['result'] } | undefined> {
  const { services } = turn;
  const deadline = Date.now() + CLOSE_WAIT_MS;
  let m = await loadMeeting(services, meeting.id);
  while (m.vote?.status !== 'closed') {
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 100));
    m = await loadMeeting(services, meeting.id);
  }
  const stored = await loadItem(services, m, reportId);
  return { meeting: m, stored, result: stored.result };
}
