import { awaitsFollowUp, type Meeting } from '../../domain/forum';
import type { StoredItem } from '../../storage/meetings';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { action, type CardAction } from '../cards/action';
import { groupName, itemFacts, meetingDate, nok, type ForumView } from './view';
import { resultText } from './voteCard';
import { pageActions, pageLine, pageOf } from '../cards/paging';

/** Undecided items per page of their list. */
export const UNDECIDED_PAGE = 20;

/** On the recommendation: the way to the undecided items still to follow up, if any. */
export function followUpActions(view: ForumView, meeting: Meeting, items: readonly StoredItem[]): CardAction[] {
  const open = items.filter((i) => awaitsFollowUp(i.result)).length;
  return open > 0 ? [action(view.t('forum.undecided.open', { count: open }), 'undecided.list', { meetingId: meeting.id }, { style: 'positive' })] : [];
}

/** The meeting's undecided items, each with its result (or its follow-up) and a way to follow it up. */
export function undecidedListCard(view: ForumView, meeting: Meeting, items: readonly StoredItem[], notice = '', page = 0): AdaptiveCard {
  const { t } = view;
  const undecided = items.filter((i) => i.result?.outcome === 'undecided' || i.result?.followUp);
  const open = undecided.filter((i) => awaitsFollowUp(i.result));
  const paged = pageOf(undecided, page, UNDECIDED_PAGE);
  return renderCard('undecidedList', {
    title: t('forum.undecided.listTitle', { title: meeting.title }),
    subtitle: `${groupName(view, meeting.group, meeting.forum)} · ${meetingDate(view, meeting.date)}`,
    intro: [open.length > 0 ? t('forum.undecided.listIntro') : t('forum.undecided.none'), pageLine(t, paged)].filter(Boolean).join(' '),
    notice,
    items: paged.shown.map((i) => ({
      heading: `${i.item.reference} – ${i.item.title}`,
      result: i.result ? resultText(view, i.result) : '',
      actions: awaitsFollowUp(i.result)
        ? [action(t('forum.undecided.followUp'), 'undecided.form', { meetingId: meeting.id, reportId: i.item.reportId }, { style: 'positive' })]
        : [],
    })),
    actions: [
      ...pageActions(t, 'undecided.list', { meetingId: meeting.id }, paged),
      action(t('forum.recommendation.title', { title: meeting.title }), 'meeting.recommendation', { meetingId: meeting.id }),
    ],
  });
}

/** The follow-up form's choice "the next meeting made for the group". */
export const NEXT_MEETING = 'next';

export interface FormValues {
  toMeeting?: string;
  laterNote?: string;
  outcome?: string;
  note?: string;
  laterError?: string;
  recordError?: string;
}

/**
 * One undecided item's way out, as a form: put it on a later meeting (one of the group's meetings
 * whose agenda is open, or the next one made), or record the result the meeting reached with a note.
 */
export function undecidedFormCard(view: ForumView, meeting: Meeting, stored: StoredItem, later: readonly Meeting[], values: FormValues = {}): AdaptiveCard {
  const { t } = view;
  const ids = { meetingId: meeting.id, reportId: stored.item.reportId };
  return renderCard('undecidedForm', {
    title: t('forum.undecided.formTitle', { reference: stored.item.reference, title: stored.item.title }),
    inMeeting: t('forum.undecided.inMeeting', {
      title: meeting.title,
      date: meetingDate(view, meeting.date),
      result: stored.result ? resultText(view, stored.result) : '',
    }),
    facts: [...itemFacts(view, stored.item), { title: t('forum.item.roundAmount'), value: nok(view, stored.item.roundAmount) }],
    notice: '',
    laterTitle: t('forum.undecided.laterTitle'),
    laterIntro: t('forum.undecided.laterIntro'),
    laterError: values.laterError ?? '',
    toMeetingLabel: t('forum.undecided.toMeeting'),
    toMeeting: values.toMeeting || NEXT_MEETING,
    meetings: [
      // A choice needs a value of its own (an empty one is no choice to the client).
      { title: t('forum.undecided.nextMeeting'), value: NEXT_MEETING },
      ...later.map((m) => ({ title: `${m.title} · ${meetingDate(view, m.date)}`, value: m.id })),
    ],
    laterNoteLabel: t('forum.undecided.laterNote'),
    laterNote: values.laterNote ?? '',
    laterActions: [action(t('forum.undecided.later'), 'undecided.later', ids, { inputs: 'auto' })],
    recordTitle: t('forum.undecided.recordTitle'),
    recordIntro: t('forum.undecided.recordIntro'),
    recordError: values.recordError ?? '',
    outcomeLabel: t('forum.undecided.outcome'),
    outcome: values.outcome ?? '',
    outcomes: (['prioritised', 'not_prioritised'] as const).map((o) => ({ title: t(`forum.undecided.outcome.${o}`), value: o })),
    noteLabel: t('forum.undecided.note'),
    note: values.note ?? '',
    recordActions: [action(t('forum.undecided.record'), 'undecided.record', ids, { inputs: 'auto', style: 'positive' })],
    actions: [action(t('forum.undecided.listTitle', { title: meeting.title }), 'undecided.list', { meetingId: meeting.id })],
  });
}
