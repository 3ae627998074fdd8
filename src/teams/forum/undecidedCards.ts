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

/** The results the secretariat can record for an undecided item (the form's other choices). */
export const RECORDED_OUTCOMES = ['prioritised', 'not_prioritised'] as const;

export interface FormValues {
  /** The way out chosen: NEXT_MEETING, a later meeting's id, or one of RECORDED_OUTCOMES. */
  way?: string;
  note?: string;
  error?: string;
}

/**
 * One undecided item's way out, as one form with one submit: put it on a later meeting (the next
 * one made for the group, or one of its meetings whose agenda is open) or record the result the
 * meeting reached, with a note (required for a result).
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
    wayIntro: t('forum.undecided.wayIntro'),
    error: values.error ?? '',
    wayLabel: t('forum.undecided.way'),
    wayError: t('forum.undecided.wayRequired'),
    way: values.way ?? '',
    // Every choice a real way out, each with a value of its own: no dropdown of one.
    ways: [
      { title: t('forum.undecided.wayLater', { meeting: t('forum.undecided.movedNext') }), value: NEXT_MEETING },
      ...later.map((m) => ({ title: t('forum.undecided.wayLater', { meeting: `${m.title} (${meetingDate(view, m.date)})` }), value: m.id })),
      ...RECORDED_OUTCOMES.map((o) => ({ title: t('forum.undecided.wayRecord', { outcome: t(`forum.undecided.outcome.${o}`) }), value: o })),
    ],
    noteLabel: t('forum.undecided.noteBoth'),
    note: values.note ?? '',
    actions: [
      action(t('forum.undecided.save'), 'undecided.save', ids, { inputs: 'auto', style: 'positive' }),
      action(t('forum.undecided.cancel'), 'undecided.list', { meetingId: meeting.id }),
    ],
  });
}
