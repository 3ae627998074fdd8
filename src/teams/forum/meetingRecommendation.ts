import { phaseOf } from '../../domain/forum';
import type { ActionHandler } from '../actions/types';
import { requireOfficer } from '../requireOfficer';
import { Refusal } from '../refusals';
import { loadMeeting } from './ballot';
import { MeetingRef } from './meetingShow';
import { recommendationCard, recommendationCsv } from './recommendationCard';
import { forumView } from './view';
import { meetingMoney } from '../money/ledgerRead';

async function closedMeeting(turn: Parameters<ActionHandler>[0], data: Record<string, unknown>) {
  await requireOfficer(turn);
  const ref = MeetingRef.safeParse(data);
  if (!ref.success) throw new Refusal('forum.meeting.notFound');
  const meeting = await loadMeeting(turn.services, ref.data.meetingId);
  if (phaseOf(meeting) !== 'closed') throw new Refusal('forum.recommendation.notYet');
  const round = await turn.services.rounds.get(meeting.roundId);
  if (!round) throw new Refusal('forum.round.missing');
  const items = await turn.services.meetings.items(meeting);
  const money = await meetingMoney(
    turn.services,
    round,
    meeting,
    items.map((i) => i.item.reportId),
  );
  return { meeting, round, items, money, view: forumView(turn.services, turn.locale) };
}

/** `meeting.recommendation`: the summary card again, on demand. */
export const meetingRecommendation: ActionHandler = async (turn, data) => {
  const { meeting, round, items, view, money } = await closedMeeting(turn, data);
  return { card: recommendationCard(view, meeting, round, items, { money }) };
};

/**
 * `meeting.csv`: the recommendation as CSV, shown on the card to copy into a spreadsheet.
 * A downloadable file (signed link) belongs to the secretariat's export; this gives the same rows.
 */
export const meetingCsv: ActionHandler = async (turn, data) => {
  const { meeting, round, items, view, money } = await closedMeeting(turn, data);
  const csv = recommendationCsv(view, meeting, round, items);
  return { card: recommendationCard(view, meeting, round, items, { csv, money }) };
};
