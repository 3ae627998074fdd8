import { z } from 'zod';
import { acceptsMarks, MARKS, type Mark } from '../../domain/forum';
import { guestIn } from '../../domain/roles';
import type { ActionHandler } from '../actions/types';
import type { Turn } from '../turn';
import { personOf } from '../caller';
import { Refusal } from '../refusals';
import { itemView, loadItem, loadMeeting, standingOf, viewerOf, VoteRef, wrongChannel } from './ballot';
import { groupName, forumView } from './view';
import { disqualificationText, MARK_LABEL, voteCard } from './voteCard';
import { inStepOf } from './rulesOf';
import { voterKey, type StoredMark } from '../../storage/votes';
import type { AdaptiveCard } from '../cards/render';
import { cardElectorate, itemWhileOpen } from './hotReads';
import { lateElectorRow } from './electorRows';
import { liveMarks, noteMark } from './tallyCache';
import { voteSnapshot } from './voteCache';

const MarkData = VoteRef.extend({ mark: z.enum(MARKS) }).strict();

/**
 * `vote.mark`: a member's prioriter / ikke prioriter / avstår on one item. Who votes comes from
 * the activity alone; the card's data only says which item and which button. The mark is one
 * merge on the presser's own row (storage/votes.ts), which exists only for an elector of an open
 * vote who is not disqualified on the item: anyone else, or a press after the close, finds no row
 * and gets the card back with the reason, for their eyes only, and nothing is stored.
 */
export const voteMark: ActionHandler = async (turn, data) => {
  const parsed = MarkData.safeParse(data);
  if (!parsed.success) throw new Refusal('forum.vote.forged');
  return (await markFromSnapshot(turn, parsed.data)) ?? markAfresh(turn, parsed.data);
};

/**
 * The common press, one storage call: an open vote this instance already holds (see voteCache),
 * the mark merged into the presser's row. Undefined when the row is not there (closed, not an
 * elector, disqualified, or added late) or anything else is out of the ordinary: then it is
 * decided afresh. The card shows the presser's own mark and the item's tally as this instance
 * last read it (at most 300 ms old, see tallyCache) with the marks it stored since.
 */
async function markFromSnapshot(turn: Turn, d: z.infer<typeof MarkData>): Promise<{ card: AdaptiveCard } | undefined> {
  const { meetingId, reportId, v, mark } = d;
  const { services } = turn;
  const person = personOf(turn);
  const snapshot = voteSnapshot(services);
  const meeting = await snapshot.openMeeting(meetingId);
  if (!meeting?.vote || meeting.vote.id !== v || wrongChannel(turn, meeting)) return undefined;
  if (!acceptsMarks(meeting, services.now())) return undefined;
  const stored = await itemWhileOpen(services, meeting, reportId);
  if (!stored || stored.result) return undefined;

  const at = services.now().toISOString();
  if (!(await services.votes.press(meeting.id, reportId, person, { mark, teamsUserId: turn.caller.botUserId, at }))) return undefined;

  const [electors, officers] = await Promise.all([cardElectorate(services, meeting.forum, meeting.group), snapshot.officers()]);
  const key = voterKey(person);
  const elector = electors.find((e) => e.key === key) ?? { key, person, chair: false, organisations: [] };
  noteMark(services, meeting.id, reportId, key, {
    voterKey: key,
    voter: person,
    teamsUserId: turn.caller.botUserId,
    role: elector.chair ? 'chair' : 'member',
    mark,
    at,
  });
  const marks = await liveMarks(services, meeting.id, reportId);
  const view = forumView(services, turn.locale);
  const iv = await itemView(services, meeting, stored, { marks, electors });
  const standing = { person, grants: [], elector, officer: officers.has(key) };
  return {
    card: voteCard(view, iv.state, viewerOf(standing, iv, { notice: turn.t('forum.vote.saved', { label: inStepOf(view, meeting).t(MARK_LABEL[mark]) }) })),
  };
}

/** The careful press: everything read from storage, the refusal explained, a missing row of an elector written. */
async function markAfresh(turn: Turn, d: z.infer<typeof MarkData>): Promise<{ card: AdaptiveCard }> {
  const { meetingId, reportId, v, mark } = d;
  const { services } = turn;
  const person = personOf(turn);
  const meeting = await loadMeeting(services, meetingId);
  // A card of another opening, or from another channel, is not this vote's card.
  const elsewhere = wrongChannel(turn, meeting);
  if (!meeting.vote || meeting.vote.id !== v || elsewhere) throw new Refusal(elsewhere ?? 'forum.vote.stale');
  const stored = await loadItem(services, meeting, reportId);
  const view = forumView(services, turn.locale);

  // The card comes back for the presser only: the tally read after any write, their own mark, and why if refused.
  const standing = await standingOf(services, person, meeting, stored.item);
  const answer = async (extra: { notice?: string; warning?: string }, marks?: StoredMark[]) => {
    const m = await loadMeeting(services, meetingId);
    const s = await loadItem(services, m, reportId);
    const iv = await itemView(services, m, s, { marks });
    return { card: voteCard(view, iv.state, viewerOf(standing, iv, extra)) };
  };
  const closed = () => answer({ warning: turn.t('forum.vote.closed') });

  if (!acceptsMarks(meeting, services.now())) return closed();
  const refusal = !standing.elector
    ? turn.t(
        standing.officer
          ? 'forum.vote.refused.secretariat'
          : guestIn(standing.grants, meeting.forum, meeting.group)
            ? 'forum.vote.refused.guest'
            : 'forum.vote.refused.notMember',
        { group: groupName(view, meeting.group, meeting.forum) },
      )
    : standing.disqualified
      ? disqualificationText(view, standing.disqualified)
      : undefined;
  if (refusal) return answer({ warning: refusal });

  const written = { mark, teamsUserId: turn.caller.botUserId, at: services.now().toISOString() };
  let saved = await services.votes.press(meeting.id, reportId, person, written);
  // An elector without a row (added as the vote opened): the row is written, then the mark.
  if (!saved && (await lateElectorRow(services, meeting, reportId, standing.elector!)))
    saved = await services.votes.press(meeting.id, reportId, person, written);
  if (!saved) return closed();
  const key = voterKey(person);
  noteMark(services, meeting.id, reportId, key, { voterKey: key, voter: person, role: standing.elector!.chair ? 'chair' : 'member', ...written });
  return answer({ notice: turn.t('forum.vote.saved', { label: inStepOf(view, meeting).t(MARK_LABEL[mark as Mark]) }) });
}
