import { pageIn } from '../cards/paging';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MAX_TITLE, type Meeting } from '../../domain/forum';
import { isCalendarDay } from '../../domain/osloTime';
import { cleanText } from '../../domain/report';
import { FORUM_GROUP } from '../../domain/roles';
import { newestFirst } from '../../storage/keys';
import type { ActionHandler } from '../actions/types';
import { requireOfficer } from '../requireOfficer';
import { Refusal } from '../refusals';
import { candidates, putOnAgenda } from './agenda';
import { editorFor } from './meetingShow';
import { meetingsListCard, newMeetingCard } from './meetingCards';
import { forumView, officerActor } from './view';

// The form's nonce becomes the meeting's id: it sorts newest first, and a double press of the
// same form finds the meeting it already made.
const Nonce = z.string().regex(/^\d{16}-[a-f0-9]{8}$/);
const newNonce = (now: Date) => `${newestFirst(now)}-${randomUUID().slice(0, 8)}`;

/** `meeting.new` / `nytt møte`: the form for a new meeting. */
export const meetingNew: ActionHandler = async (turn) => {
  await requireOfficer(turn);
  const rounds = await turn.services.rounds.list();
  if (rounds.length === 0) throw new Refusal('forum.round.missing');
  return { card: newMeetingCard(forumView(turn.services, turn.locale), rounds, {}, newNonce(turn.services.now())) };
};

/** `meeting.list` / `møter`: the forum's meetings. */
export const meetingList: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const meetings = await turn.services.meetings.list(turn.services.regions.id);
  return { card: meetingsListCard(forumView(turn.services, turn.locale), meetings, pageIn(data)) };
};

const CreateInput = z.object({
  nonce: Nonce,
  group: z.string().max(40),
  roundId: z.string().max(40),
  title: z.string().max(MAX_TITLE * 4),
  date: z.string().max(20),
});

/**
 * `meeting.create`: the meeting with its default agenda (every formally checked report of the
 * group, by reference), which moves those reports to on_agenda. Wrong input comes back on the
 * form with what was typed; nothing is stored until it is right.
 */
export const meetingCreate: ActionHandler = async (turn, data) => {
  const officer = await requireOfficer(turn);
  const { services } = turn;
  const view = forumView(services, turn.locale);
  const parsed = CreateInput.safeParse(data);
  if (!parsed.success) throw new Refusal('forum.new.invalid');
  const input = parsed.data;
  const rounds = await services.rounds.list();
  const round = rounds.find((r) => r.id === input.roundId);
  const title = cleanText(input.title, false);
  const groups = [...services.regions.workingGroups.map((g) => g.id), FORUM_GROUP];
  const problem = !groups.includes(input.group)
    ? 'forum.new.error.group'
    : !round
      ? 'forum.new.error.round'
      : title === '' || title.length > MAX_TITLE
        ? 'forum.new.error.title'
        : !isCalendarDay(input.date)
          ? 'forum.new.error.date'
          : undefined;
  if (problem || !round) {
    return { card: newMeetingCard(view, rounds, { ...input, title }, input.nonce, turn.t(problem ?? 'forum.new.error.round', { max: MAX_TITLE })) };
  }

  const meeting: Meeting = {
    id: input.nonce,
    forum: services.regions.id,
    group: input.group,
    roundId: round.id,
    title,
    date: input.date,
    order: [],
    revision: 0,
    createdBy: officer.person,
    createdAt: services.now().toISOString(),
  };
  const { meeting: stored, created } = await services.meetings.create(meeting);
  if (stored.vote || stored.posted) return editorFor(turn, stored, {});
  const { meeting: withAgenda, refused } = await putOnAgenda(services, stored, round, await candidates(services, stored), officerActor(officer.person));
  const notice = turn.t(created ? 'forum.new.created' : 'forum.new.again', { count: withAgenda.order.length });
  return editorFor(turn, withAgenda, { notice, warning: refused.length ? turn.t('forum.agenda.someMoved', { count: refused.length }) : undefined });
};
