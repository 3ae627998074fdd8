import { phaseOf } from '../../domain/forum';
import type { ActionHandler } from '../actions/types';
import { requireOfficer } from '../requireOfficer';
import { Refusal } from '../refusals';
import { loadMeeting } from './ballot';
import { MeetingRef } from './meetingShow';
import { recommendationCard } from './recommendationCard';
import { inStepOf } from './rulesOf';
import { personOf } from '../caller';
import { action } from '../cards/action';
import { renderCard } from '../cards/render';
import { formatTime } from '../../domain/i18n';
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
 * `meeting.csv`: a download link for the recommendation as CSV (every item with its result and
 * tally), signed for this officer and short-lived like the round's export; the file is made when
 * the link is opened (src/teams/forum/meetingCsvFile.ts), never put on the card as text.
 */
export const meetingCsv: ActionHandler = async (turn, data) => {
  const { meeting, items, view } = await closedMeeting(turn, data);
  const { t, locale, services } = turn;
  const link = services.exportLinks.sign({ roundId: meeting.roundId, format: 'csv', ...personOf(turn), meeting: meeting.id, locale });
  const step = inStepOf(view, meeting);
  return {
    card: renderCard('download', {
      title: step.t('forum.recommendation.title', { title: meeting.title }),
      text: t('forum.recommendation.csvTitle', {
        count: items.length,
        time: formatTime(link.expiresAt.toISOString(), locale),
        minutes: Math.round(services.exportLinks.ttlMs / 60_000),
      }),
      links: [{ title: t('export.csv'), url: link.url }],
      actions: [
        action(t('export.again'), 'meeting.csv', { meetingId: meeting.id }),
        action(step.t('forum.recommendation.title', { title: meeting.title }), 'meeting.recommendation', { meetingId: meeting.id }),
      ],
    }),
  };
};
