import { pageIn } from '../cards/paging';
import { z } from 'zod';
import { awaitsFollowUp, checkNote, Id, phaseOf, type Meeting } from '../../domain/forum';
import { formatDateTime } from '../../domain/i18n';
import type { StoredItem } from '../../storage/meetings';
import type { ActionHandler } from '../actions/types';
import { actorLabel } from '../casework/caseCard';
import { officerActor, requireCaseworker } from '../casework/load';
import { personOf } from '../caller';
import type { Turn } from '../turn';
import { Refusal } from '../refusals';
import { loadMeeting } from './ballot';
import { NEXT_MEETING, RECORDED_OUTCOMES, undecidedFormCard, undecidedListCard } from './undecidedCards';
import { laterMeetings, putOnLaterMeeting, recordMeetingResult, type Officer } from './undecidedSettle';
import { inStepOf } from './rulesOf';
import { forumView } from './view';
import { resultText as resultLine } from './voteCard';

/**
 * The secretariat's follow-up of a meeting's undecided items (officers, in personal chat): the
 * list from the recommendation, one item's form (also from the case card), and its two ways out.
 */

const MeetingRef = z.object({ meetingId: Id }).passthrough();
const ItemRef = z.object({ meetingId: Id, reportId: Id }).passthrough();
const text = (v: unknown) => (typeof v === 'string' ? v : '');

async function closedMeeting(turn: Turn, data: Record<string, unknown>) {
  await requireCaseworker(turn);
  const ref = MeetingRef.safeParse(data);
  if (!ref.success) throw new Refusal('forum.meeting.notFound');
  const meeting = await loadMeeting(turn.services, ref.data.meetingId);
  if (phaseOf(meeting) !== 'closed') throw new Refusal('forum.undecided.noMeeting');
  return { meeting, view: inStepOf(forumView(turn.services, turn.locale), meeting) };
}

/** The item, if it is undecided at the meeting and not yet followed up; otherwise why not. */
async function undecidedItem(turn: Turn, meeting: Meeting, data: Record<string, unknown>): Promise<StoredItem> {
  const ref = ItemRef.safeParse(data);
  if (!ref.success || !meeting.order.includes(ref.data.reportId)) throw new Refusal('forum.vote.notOnAgenda');
  const stored = await turn.services.meetings.item(meeting.id, ref.data.reportId);
  if (!stored) throw new Refusal('forum.vote.notOnAgenda');
  const f = stored.result?.followUp;
  if (f) {
    throw new Refusal('forum.undecided.already', {
      reference: stored.item.reference,
      what: turn.t(f.kind === 'later' ? 'forum.undecided.alreadyLater' : 'forum.undecided.alreadyRecorded'),
      who: actorLabel(turn.t, { role: 'secretariat', ...(f.byName ? { name: f.byName } : {}) }),
      at: formatDateTime(f.at, turn.locale),
    });
  }
  if (!awaitsFollowUp(stored.result)) throw new Refusal('forum.undecided.notUndecided', { reference: stored.item.reference, title: meeting.title });
  return stored;
}

function officerOf(turn: Turn): Officer {
  const actor = officerActor(turn);
  return { person: personOf(turn), actor, ...(actor.name ? { name: actor.name } : {}) };
}

async function roundOf(turn: Turn, meeting: Meeting) {
  const round = await turn.services.rounds.get(meeting.roundId);
  if (!round) throw new Refusal('forum.round.missing');
  return round;
}

/** `undecided.list`: the meeting's undecided items and what became of them. */
export const undecidedList: ActionHandler = async (turn, data) => {
  const { meeting, view } = await closedMeeting(turn, data);
  return { card: undecidedListCard(view, meeting, await turn.services.meetings.items(meeting), '', pageIn(data)) };
};

/** `undecided.form`: one item's two ways out. */
export const undecidedForm: ActionHandler = async (turn, data) => {
  const { meeting, view } = await closedMeeting(turn, data);
  const stored = await undecidedItem(turn, meeting, data);
  return { card: undecidedFormCard(view, meeting, stored, await laterMeetings(turn.services, meeting)) };
};

/** `undecided.later`: puts the item on a later meeting (the chosen one, or the next one made). */
export const undecidedLater: ActionHandler = async (turn, data) => {
  const { meeting, view } = await closedMeeting(turn, data);
  const stored = await undecidedItem(turn, meeting, data);
  const { services } = turn;
  const later = await laterMeetings(services, meeting);
  const note = checkNote(data.laterNote, false);
  const chosen = text(data.toMeeting);
  const toId = chosen === NEXT_MEETING ? '' : chosen;
  const target = toId ? later.find((m) => m.id === toId) : undefined;
  if (!note.ok || (toId && !target)) {
    const error = turn.t(!note.ok ? note.key : 'forum.undecided.badMeeting');
    return { card: undecidedFormCard(view, meeting, stored, later, { way: chosen || NEXT_MEETING, note: text(data.laterNote), error }) };
  }
  await putOnLaterMeeting(services, meeting, await roundOf(turn, meeting), stored, target, note.note, officerOf(turn));
  const where = target ? target.title : turn.t('forum.undecided.movedNext');
  const notice = turn.t('forum.undecided.movedLater', { reference: stored.item.reference, where });
  return { card: undecidedListCard(view, meeting, await services.meetings.items(meeting), notice) };
};

/** `undecided.record`: records the meeting's result with a required note; without one the form comes back as filled in. */
export const undecidedRecord: ActionHandler = async (turn, data) => {
  const { meeting, view } = await closedMeeting(turn, data);
  const stored = await undecidedItem(turn, meeting, data);
  const { services } = turn;
  const outcome = text(data.outcome);
  const note = checkNote(data.note, true);
  if (!note.ok || (outcome !== 'prioritised' && outcome !== 'not_prioritised')) {
    const error = turn.t(!note.ok ? note.key : 'forum.undecided.outcomeRequired');
    return { card: undecidedFormCard(view, meeting, stored, await laterMeetings(services, meeting), { way: outcome, note: text(data.note), error }) };
  }
  await recordMeetingResult(services, meeting, await roundOf(turn, meeting), stored, outcome, note.note, officerOf(turn));
  const items = await services.meetings.items(meeting);
  const settled = items.find((i) => i.item.reportId === stored.item.reportId)?.result;
  const notice = turn.t('forum.undecided.recorded', { reference: stored.item.reference, result: settled ? resultLine(view, settled) : outcome });
  return { card: undecidedListCard(view, meeting, items, notice) };
};

/**
 * `undecided.save`: the form's one submit. The chosen way decides: a result is recorded
 * (`undecided.record`, note required), anything else puts the item on that later meeting
 * (`undecided.later`). Nothing chosen: the form comes back as filled in, with the error.
 */
export const undecidedSave: ActionHandler = async (turn, data) => {
  const way = text(data.way);
  if ((RECORDED_OUTCOMES as readonly string[]).includes(way)) return undecidedRecord(turn, { ...data, outcome: way });
  if (way) return undecidedLater(turn, { ...data, toMeeting: way, laterNote: data.note });
  const { meeting, view } = await closedMeeting(turn, data);
  const stored = await undecidedItem(turn, meeting, data);
  const error = turn.t('forum.undecided.wayRequired');
  return { card: undecidedFormCard(view, meeting, stored, await laterMeetings(turn.services, meeting), { note: text(data.note), error }) };
};
