import { z } from 'zod';
import { acceptsMarks, disqualificationOf, MARKS, type Mark, type Meeting } from '../../domain/forum';
import type { ActionHandler } from '../actions/types';
import type { Turn } from '../turn';
import { personOf } from '../caller';
import { Refusal } from '../refusals';
import { itemView, loadItem, loadMeeting, standingOf, viewerOf, VoteRef, wrongChannel } from './ballot';
import { groupName, forumView } from './view';
import { disqualificationText, MARK_LABEL, voteCard } from './voteCard';
import { inStepOf } from './rulesOf';
import type { StoredItem } from '../../storage/meetings';
import { voterKey, type StoredMark } from '../../storage/votes';
import type { AdaptiveCard } from '../cards/render';
import { itemWhileOpen, marksAfterWrite } from './hotReads';
import { liveMarks, noteMark } from './tallyCache';
import { stampUnchanged, voteSnapshot } from './voteCache';
import { ownValue } from '../../domain/ownKeys';

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
  return (await markFromSnapshot(turn, parsed.data)) ?? markAfresh(turn, parsed.data);
};

/**
 * The common press, one write and one point read: a member of the group presses on an open vote
 * that this instance already holds (see voteCache). Undefined when anything is out of the
 * ordinary (a refusal to explain, a changed stamp before the write): then it is decided afresh.
 */
async function markFromSnapshot(turn: Turn, d: z.infer<typeof MarkData>): Promise<{ card: AdaptiveCard } | undefined> {
  const { meetingId, reportId, v, mark } = d;
  const { services } = turn;
  const person = personOf(turn);
  const snapshot = await voteSnapshot(services);
  const meeting = await snapshot.openMeeting(meetingId);
  if (!meeting?.vote || meeting.vote.id !== v || wrongChannel(turn, meeting)) return undefined;
  if (!acceptsMarks(meeting, services.now())) return undefined;
  const stored = await itemWhileOpen(services, meeting, reportId);
  if (!stored || stored.result) return undefined;
  const electors = await snapshot.electors(meeting.group);
  const elector = electors.get(voterKey(person));
  if (!elector || disqualificationOf(elector.organisations, stored.item)) return undefined;

  const written: Omit<StoredMark, 'voterKey'> = {
    voter: person,
    teamsUserId: turn.caller.botUserId,
    role: elector.chair ? 'chair' : 'member',
    mark,
    at: services.now().toISOString(),
  };
  const etag = await services.votes.put(meeting.id, reportId, written);
  // Unchanged stamp: the vote was open and the presser a member when the mark was stored (a close
  // bumps the stamp before it counts, a removal after its rows are gone), so the mark stands.
  if (!(await stampUnchanged(services, snapshot))) return markAfresh(turn, d, etag);
  noteMark(services, meeting.id, reportId, elector.key, { ...written, voterKey: elector.key });
  const [marks, officers] = await Promise.all([liveMarks(services, meeting.id, reportId), snapshot.officers()]);
  const view = forumView(services, turn.locale);
  const iv = await itemView(services, meeting, stored, { marks, electors: [...electors.values()] });
  const standing = { person, grants: [], elector, officer: officers.has(elector.key) };
  return {
    card: voteCard(view, iv.state, viewerOf(standing, iv, { notice: turn.t('forum.vote.saved', { label: inStepOf(view, meeting).t(MARK_LABEL[mark]) }) })),
  };
}

/** The careful press: everything read from storage. `prior` is the ETag of a mark this press already wrote from the snapshot. */
async function markAfresh(turn: Turn, d: z.infer<typeof MarkData>, prior?: string): Promise<{ card: AdaptiveCard }> {
  const { meetingId, reportId, v, mark } = d;
  const { services } = turn;
  const person = personOf(turn);
  const meeting = await loadMeeting(services, meetingId);
  // A card of another opening, or from another channel, is not this vote's card.
  const elsewhere = wrongChannel(turn, meeting);
  if (!meeting.vote || meeting.vote.id !== v || elsewhere) {
    if (prior) await takeBack(turn, d, prior);
    throw new Refusal(elsewhere ?? 'forum.vote.stale');
  }
  const stored = await loadItem(services, meeting, reportId);
  const view = forumView(services, turn.locale);

  // The card comes back for the presser only: the tally read after any write, their own mark, and why if refused.
  const standing = await standingOf(services, person, meeting, stored.item);
  const answer = async (m: Meeting, s: StoredItem, extra: { notice?: string; warning?: string }, marks?: StoredMark[]) => {
    const iv = await itemView(services, m, s, { marks });
    return { card: voteCard(view, iv.state, viewerOf(standing, iv, extra)) };
  };

  // A mark already written while the vote was closing is settled by the close, below.
  const closingSince = prior && !acceptsMarks(meeting, services.now());
  if (!closingSince) {
    const refusal = !acceptsMarks(meeting, services.now())
      ? turn.t('forum.vote.closed')
      : !standing.elector
        ? turn.t(standing.officer ? 'forum.vote.refused.secretariat' : 'forum.vote.refused.notMember', { group: groupName(view, meeting.group) })
        : standing.disqualified
          ? disqualificationText(view, standing.disqualified)
          : undefined;
    if (refusal) {
      if (prior) await takeBack(turn, d, prior);
      return answer(meeting, stored, { warning: refusal });
    }
  }

  const etag =
    prior ??
    (await services.votes.put(meeting.id, reportId, {
      voter: person,
      teamsUserId: turn.caller.botUserId,
      role: standing.elector!.chair ? 'chair' : 'member',
      mark,
      at: services.now().toISOString(),
    }));

  // The vote may have started closing between the check above and the write. Closing marks each
  // item before counting it, and this read comes after the write: without the mark the count
  // included us. With it, the close decides: a mark its result counted stands; any other is taken
  // back (or put back to what was counted), so nothing is stored that the result does not hold.
  const after = await marksAfterWrite(services, meeting.id, reportId);
  if (after.closing || closingSince) {
    const settled = await settledAfterClose(turn, meeting, reportId);
    const counted = ownValue(settled?.result?.counted, voterKey(person));
    if (counted === mark) {
      return answer(settled!.meeting, settled!.stored, {
        notice: turn.t('forum.vote.savedJustInTime', { label: inStepOf(view, meeting).t(MARK_LABEL[mark]) }),
      });
    }
    await services.votes.retract(meeting.id, reportId, person, etag, counted);
    return answer(settled?.meeting ?? meeting, settled?.stored ?? stored, { warning: turn.t('forum.vote.closed') });
  }
  const mine = after.marks.find((m) => m.voterKey === voterKey(person));
  if (mine) noteMark(services, meeting.id, reportId, mine.voterKey, mine);
  return answer(meeting, stored, { notice: turn.t('forum.vote.saved', { label: inStepOf(view, meeting).t(MARK_LABEL[mark as Mark]) }) }, after.marks);
}

/** Takes back a mark this press wrote from the snapshot (only if it is still the one written). */
async function takeBack(turn: Turn, d: z.infer<typeof MarkData>, etag: string): Promise<void> {
  const person = personOf(turn);
  if (await turn.services.votes.retract(d.meetingId, d.reportId, person, etag)) noteMark(turn.services, d.meetingId, d.reportId, voterKey(person), undefined);
}

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
