import { pageIn } from '../cards/paging';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MAX_TITLE, type Meeting } from '../../domain/forum';
import { isCalendarDay } from '../../domain/osloTime';
import { cleanText } from '../../domain/report';
import { FORUM_GROUP } from '../../domain/roles';
import { findForum, forumIdOfGroup, forumOfGroup, forumsOf, hasForums, localised } from '../../domain/regions';
import type { Services } from '../services';
import { newestFirst } from '../../storage/keys';
import type { ActionHandler } from '../actions/types';
import { requireOfficer } from '../requireOfficer';
import { Refusal } from '../refusals';
import { candidates, putOnAgenda } from './agenda';
import { editorFor } from './meetingShow';
import { meetingsListCard, newMeetingCard } from './meetingCards';
import { forumView, groupName, officerActor } from './view';
import type { Locale } from '../../domain/i18n';

// The form's nonce becomes the meeting's id: it sorts newest first, and a double press of the
// same form finds the meeting it already made.
const Nonce = z.string().regex(/^\d{16}-[a-f0-9]{8}$/);
const newNonce = (now: Date) => `${newestFirst(now)}-${randomUUID().slice(0, 8)}`;

/** `meeting.new` / `nytt møte` {forum?}: the form for a new meeting (with a forum: that forum's groups only). */
export const meetingNew: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const rounds = await turn.services.rounds.list();
  if (rounds.length === 0) throw new Refusal('forum.round.missing');
  const forum = typeof data.forum === 'string' ? data.forum : undefined;
  return { card: newMeetingCard(forumView(turn.services, turn.locale), rounds, { forum }, newNonce(turn.services.now())) };
};

/** `meeting.list` / `møter`: the forum's meetings. */
export const meetingList: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const meetings = await turn.services.meetings.list(undefined);
  return { card: meetingsListCard(forumView(turn.services, turn.locale), meetings, pageIn(data)) };
};

const CreateInput = z.object({
  nonce: Nonce,
  /** The form asks only with several forums; a working group names its own. */
  forum: z.string().max(40).optional(),
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
  const place = meetingForum(services, input.forum || undefined, input.group);
  const problem = !groups.includes(input.group)
    ? 'forum.new.error.group'
    : typeof place === 'string'
      ? place
      : !round
        ? 'forum.new.error.round'
        : title === '' || title.length > MAX_TITLE
          ? 'forum.new.error.title'
          : !isCalendarDay(input.date)
            ? 'forum.new.error.date'
            : undefined;
  if (problem || !round || typeof place === 'string') {
    const params = { max: MAX_TITLE, ...placeParams(services, turn.locale, input.forum, input.group) };
    return { card: newMeetingCard(view, rounds, { ...input, title }, input.nonce, turn.t(problem ?? 'forum.new.error.round', params)) };
  }

  const meeting: Meeting = {
    id: input.nonce,
    forum: place.forum,
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

/** The meeting's forum from the form: the chosen one, or a working group's own; a message key when they do not fit. */
function meetingForum(
  services: Services,
  forum: string | undefined,
  group: string,
): { forum: string } | 'forums.new.error.forum' | 'forums.new.error.chooseForum' | 'forums.new.error.groupElsewhere' {
  if (forum !== undefined && !(hasForums(services.regions) ? findForum(services.regions, forum) : forum === forumsOf(services.regions)[0].id))
    return 'forums.new.error.forum';
  if (group === FORUM_GROUP) {
    if (forum) return { forum };
    return hasForums(services.regions) ? 'forums.new.error.chooseForum' : { forum: forumsOf(services.regions)[0].id };
  }
  const own = forumIdOfGroup(services.regions, group);
  return forum && forum !== own ? 'forums.new.error.groupElsewhere' : { forum: own };
}

/** Names for the form's messages: the chosen group and forum, and the forum the group belongs to. */
function placeParams(services: Services, locale: Locale, forum: string | undefined, group: string): Record<string, string> {
  const view = forumView(services, locale);
  const named = (id: string | undefined) => (id && findForum(services.regions, id) ? localised(findForum(services.regions, id)!.name, locale) : '');
  return { group: groupName(view, group), forum: named(forum), groupForum: named(forumOfGroup(services.regions, group)?.id) };
}
