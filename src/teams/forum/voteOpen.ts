import { randomUUID } from 'node:crypto';
import { isCalendarDay, osloInstant } from '../../domain/osloTime';
import type { ActionHandler } from '../actions/types';
import { requireOfficer } from '../requireOfficer';
import { Refusal } from '../refusals';
import { loadMeeting } from './ballot';
import { openElectorRows } from './electorRows';
import { editorFor, MeetingRef } from './meetingShow';
import { postVotingCards, publishAgenda } from './publish';
import { rulesFor } from './rulesOf';

/** The closing time typed on the editor, if any: date and time in Oslo; a date alone means 23:59. */
function closingTime(data: Record<string, unknown>): { at?: string; error?: 'forum.vote.closeTimeInvalid' } {
  const date = typeof data.closeDate === 'string' ? data.closeDate.trim() : '';
  const time = typeof data.closeTime === 'string' ? data.closeTime.trim() : '';
  if (!date && !time) return {};
  if (!date) return { error: 'forum.vote.closeTimeInvalid' };
  const clock = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(time || '23:59');
  if (!isCalendarDay(date) || !clock || Number(clock[1]) > 23 || Number(clock[2]) > 59) return { error: 'forum.vote.closeTimeInvalid' };
  return { at: osloInstant(date, Number(clock[1]), Number(clock[2])).toISOString() };
}

/**
 * `vote.open`: locks the agenda, posts it first if it was not, and posts one voting card per
 * item in its thread. The vote gets a new id that every card carries, so a card of another
 * vote is recognised and refused.
 */
export const voteOpen: ActionHandler = async (turn, data) => {
  const officer = await requireOfficer(turn);
  const ref = MeetingRef.safeParse(data);
  if (!ref.success) throw new Refusal('forum.meeting.notFound');
  const { services } = turn;
  let meeting = await loadMeeting(services, ref.data.meetingId);
  const page = ref.data.page;
  if (meeting.vote) return editorFor(turn, meeting, { page, warning: turn.t('forum.vote.alreadyOpen') });
  if (meeting.order.length === 0) return editorFor(turn, meeting, { page, warning: turn.t('forum.vote.emptyAgenda') });
  const closing = closingTime(data);
  if (closing.error) return editorFor(turn, meeting, { page, warning: turn.t(closing.error) });
  const now = services.now();
  if (closing.at && Date.parse(closing.at) <= now.getTime()) return editorFor(turn, meeting, { page, warning: turn.t('forum.vote.closeTimePast') });

  if (!meeting.posted || meeting.posted.revision !== meeting.revision) meeting = await publishAgenda(services, meeting);
  // The vote is counted by the rules in force now, whatever an officer sets while it runs.
  const rules = await rulesFor(services, meeting.forum, meeting.group);
  const opened = await services.meetings.update(meeting.forum, meeting.id, (m) =>
    m.vote
      ? undefined
      : {
          ...m,
          vote: {
            id: randomUUID().replace(/-/g, ''),
            status: 'open',
            openedAt: now.toISOString(),
            openedBy: officer.person,
            ...(closing.at ? { closesAt: closing.at } : {}),
            rules,
          },
        },
  );
  if (!opened?.vote) throw new Refusal('forum.meeting.notFound');
  // Every elector's row before the cards go out, so a press is one merge on the presser's own row.
  await openElectorRows(services, opened);
  // Both presses of a double click reach here; the cards' keys make the second post nothing.
  await postVotingCards(services, opened);
  return editorFor(turn, opened, { page, notice: turn.t('forum.vote.opened', { count: opened.order.length }) });
};
