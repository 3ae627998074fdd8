import type { MoneyFrame } from '../money/ledgerRead';
import { schemeName } from '../../domain/schemes';
import { agendaCutLine, agendaOpen, phaseOf, type Meeting } from '../../domain/forum';
import { formatSchoolYear, type NeedsReport } from '../../domain/report';
import type { Round } from '../../domain/round';
import type { StoredItem } from '../../storage/meetings';
import type { ReportRecord } from '../../storage/reports';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { Verb } from '../actions/verbs';
import { action, verbData } from '../cards/action';
import { forumChoices, groupChoices, groupRecommendationText, instant, meetingDate, meetingPlace, nok, type ForumView } from './view';
import { placesOfForum } from '../../domain/forumPlaces';
import { forumsOf, localised } from '../../domain/regions';
import { totalsLines } from './moneyLines';
import { resultText } from './voteCard';
import { cutLines, cutText } from './cutLineText';
import { continuationMarker } from './continuationText';
import { pageActions, pageLine, pageOf } from '../cards/paging';

/** Items per page of the editor: each has three buttons, and a card must stay well under 80 KB. */
export const EDITOR_PAGE = 20;
/** Meetings per page of the list. */
export const MEETINGS_PAGE = 25;

export function newMeetingCard(
  view: ForumView,
  rounds: readonly Round[],
  values: { forum?: string; group?: string; roundId?: string; title?: string; date?: string },
  nonce: string,
  error = '',
): AdaptiveCard {
  const { t } = view;
  const forums = forumChoices(view);
  // With a forum chosen (its button on the list), only its groups and itself; otherwise every group with its forum.
  const chosen = forums.some((f) => f.value === values.forum) ? values.forum : undefined;
  const groups = chosen ? placesOfForum(view.regions, chosen).map((p) => ({ title: meetingPlace(view, p), value: p.group })) : groupChoices(view);
  return renderCard('agendaNew', {
    title: t('forum.new.title'),
    intro: t('forum.new.intro'),
    error,
    askForum: forums.length > 0,
    forumLabel: t('forums.new.forum'),
    forumPlaceholder: t('wizard.choose'),
    forum: chosen ?? '',
    forums,
    groupLabel: t('forum.new.group'),
    group: values.group ?? groups[0]?.value ?? '',
    groups,
    roundLabel: t('forum.new.round'),
    roundId: values.roundId ?? rounds[0]?.id ?? '',
    rounds: rounds.map((r) => ({ title: t('forum.new.roundChoice', { year: r.year, id: r.id }), value: r.id })),
    titleLabel: t('forum.new.meetingTitle'),
    meetingTitle: values.title ?? '',
    dateLabel: t('forum.new.date'),
    date: values.date ?? '',
    required: t('form.required'),
    actions: [
      { ...action(t('forum.new.create'), 'meeting.create', { nonce }, { style: 'positive' }), inputs: 'auto' },
      action(t('forum.list.title'), 'meeting.list', {}),
    ],
  });
}

function phaseText(view: ForumView, m: Meeting): string {
  const { t } = view;
  switch (phaseOf(m)) {
    case 'draft':
      return t('forum.phase.draft');
    case 'posted':
      return m.posted && m.posted.revision !== m.revision ? t('forum.phase.postedStale') : t('forum.phase.posted');
    case 'voting':
      return m.vote?.status === 'closing'
        ? t('forum.phase.closing')
        : m.vote?.closesAt
          ? t('forum.phase.votingUntil', { at: instant(view, m.vote.closesAt) })
          : t('forum.phase.voting');
    case 'closed':
      return t('forum.phase.closed', { at: instant(view, m.vote!.closedAt!) });
  }
}

export interface EditorArgs {
  meeting: Meeting;
  round: Round;
  items: readonly StoredItem[];
  candidates: ReadonlyArray<ReportRecord<NeedsReport>>;
  page?: number;
  notice?: string;
  warning?: string;
  /** The ledger's frame for this meeting (budgets of its forum, what the round took before it). */
  money?: MoneyFrame;
}

/** The officer's view of a meeting: the agenda with buttons to reorder and remove, and the next steps. */
export function meetingEditorCard(view: ForumView, a: EditorArgs): AdaptiveCard {
  const { t } = view;
  const m = a.meeting;
  const editable = agendaOpen(m);
  const pages = Math.max(1, Math.ceil(a.items.length / EDITOR_PAGE));
  const page = Math.min(Math.max(0, a.page ?? 0), pages - 1);
  const shown = a.items.slice(page * EDITOR_PAGE, (page + 1) * EDITOR_PAGE);
  const ref = (extra: Record<string, unknown> = {}) => ({ meetingId: m.id, page, ...extra });

  // The cut line over the whole agenda (not just this page), recomputed on every render: a move shows it moved.
  const cut = agendaCutLine(
    a.items.map((s) => s.item),
    a.money?.budgets ?? a.round.budgets,
    a.money?.taken,
  );
  const items = shown.map(({ item, result }, i) => {
    const n = page * EDITOR_PAGE + i + 1;
    const place = cutText(view, cut.items[page * EDITOR_PAGE + i]);
    return {
      heading: t('forum.agenda.itemHeading', { n, reference: item.reference, title: item.title }),
      cut: place.text,
      cutColor: place.color,
      detail: [
        ...(item.continuation ? [continuationMarker(t, item.continuation)] : []),
        item.ownerName,
        schemeName(t, item.scheme, 'short'),
        nok(view, item.roundAmount),
        ...(item.groupRecommendation ? [groupRecommendationText(view, item)!] : []),
        ...(result ? [resultText(view, result)] : []),
      ].join(' · '),
      buttons: editable
        ? [
            ...(n > 1 ? [action('↑', 'meeting.move', ref({ reportId: item.reportId, to: 'up' }))] : []),
            ...(n < a.items.length ? [action('↓', 'meeting.move', ref({ reportId: item.reportId, to: 'down' }))] : []),
            action('✕', 'meeting.remove', ref({ reportId: item.reportId })),
          ]
        : [],
    };
  });
  const pager =
    pages > 1
      ? [
          ...(page > 0 ? [action(t('forum.editor.previous'), 'meeting.show', { meetingId: m.id, page: page - 1 })] : []),
          ...(page < pages - 1 ? [action(t('forum.editor.next'), 'meeting.show', { meetingId: m.id, page: page + 1 })] : []),
        ]
      : [];

  const actions = [];
  const phase = phaseOf(m);
  if (phase === 'draft') actions.push(action(t('forum.editor.post'), 'meeting.post', ref(), { style: 'positive' }));
  if (phase === 'posted' && m.posted!.revision !== m.revision) actions.push(action(t('forum.editor.repost'), 'meeting.post', ref(), { style: 'positive' }));
  if (phase === 'draft' || phase === 'posted') actions.push({ ...action(t('forum.editor.openVote'), 'vote.open', ref()), inputs: 'auto' as const });
  if (phase === 'voting') actions.push(action(t('forum.vote.close'), 'vote.close', ref(), { style: 'destructive' }));
  if (phase === 'closed') actions.push(action(t('forum.editor.recommendation'), 'meeting.recommendation', ref()));
  actions.push(action(t('forum.editor.refresh'), 'meeting.show', ref()));
  actions.push(action(t('forum.list.title'), 'meeting.list', {}));

  return renderCard('agendaEditor', {
    title: m.title,
    subtitle: `${meetingPlace(view, m)} · ${meetingDate(view, m.date)} · ${t('forum.editor.round', { year: a.round.year })}`,
    phase: phaseText(view, m),
    notice: a.notice ?? '',
    warning: a.warning ?? '',
    totalsTitle: t('forum.agenda.totalsCount', { count: a.items.length }),
    totals: totalsLines(
      view,
      a.items.map((s) => s.item),
      a.round,
      a.money,
    ),
    cutTitle: cut.schemes.length > 0 ? t('cut.title', { schoolYear: formatSchoolYear(a.round.year) }) : '',
    cutLines: cutLines(view, cut),
    pageText: pages > 1 ? t('forum.editor.page', { page: page + 1, pages }) : a.items.length === 0 ? t('forum.agenda.empty') : '',
    items,
    pager,
    candidates: editable ? a.candidates.slice(0, 200).map((r) => ({ title: `${r.reference} · ${r.summary.title} · ${r.summary.ownerName}`, value: r.id })) : [],
    addLabel: t('forum.editor.addLabel'),
    addPlaceholder: t('forum.editor.addPlaceholder'),
    addTitle: t('forum.editor.add'),
    addVerb: 'meeting.add' satisfies Verb,
    addData: { verb: 'meeting.add' satisfies Verb, ...ref() },
    closeInputs: phase === 'draft' || phase === 'posted',
    closeLabel: t('forum.editor.closeLabel'),
    closeHint: t('forum.editor.closeHint'),
    closeDateLabel: t('forum.editor.closeDate'),
    closeTimeLabel: t('forum.editor.closeTime'),
    actions,
  });
}

/** A forum's meetings, newest first, each opening its editor. */
export function meetingsListCard(view: ForumView, meetings: readonly Meeting[], page = 0): AdaptiveCard {
  const { t } = view;
  const paged = pageOf(meetings, page, MEETINGS_PAGE);
  return renderCard('list', {
    title: t('forum.list.title'),
    intro: meetings.length === 0 ? t('forum.list.empty') : pageLine(t, paged),
    items: paged.shown.map((m) => ({
      heading: `${m.title} · ${meetingPlace(view, m)}`,
      detail: `${meetingDate(view, m.date)} · ${phaseText(view, m)} · ${t('forum.list.items', { count: m.order.length })}`,
      openTitle: t('forum.list.open'),
      ...verbData('meeting.show', { meetingId: m.id }),
    })),
    actions: [...pageActions(t, 'meeting.list', {}, paged), ...newMeetingActions(view)],
  });
}

/** "Nytt møte", or with several forums one button per forum (its form offers that forum's groups). */
function newMeetingActions(view: ForumView) {
  const forums = forumsOf(view.regions);
  if (forums.length < 2) return [action(view.t('forum.new.title'), 'meeting.new', {})];
  return forums.map((f) => action(view.t('forums.new.inForum', { forum: localised(f.name, view.locale) }), 'meeting.new', { forum: f.id }));
}
