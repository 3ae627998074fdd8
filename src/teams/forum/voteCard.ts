import type { AgendaItem, Disqualification, ItemResult, Mark, Meeting, Tally } from '../../domain/forum';
import type { MessageKey } from '../../domain/i18n';
import { formatOrgnr } from '../../domain/orgnr';
import type { AdaptiveCard } from '../cards/render';
import { voteCardBody } from './voteCardBody';
import { action, verbData } from '../cards/action';
import { ruleText, rulesSummary } from './ruleText';
import { groupName, instant, itemFacts, nok, type ForumView } from './view';
import { inStepOf } from './rulesOf';

/** Teams refreshes a card by itself for at most 60 listed users; larger groups press "Oppdater". */
export const MAX_REFRESH_USERS = 60;

export const MARK_LABEL: Record<Mark, MessageKey> = {
  prioritise: 'forum.mark.prioritise',
  not_prioritise: 'forum.mark.not_prioritise',
  abstain: 'forum.mark.abstain',
  conflict: 'forum.mark.conflict',
};

const REASON_TEXT: Record<Disqualification['reason'], MessageKey> = {
  owner: 'forum.disqualified.owner',
  network: 'forum.disqualified.network',
  uh: 'forum.disqualified.uh',
};

export interface VoteCardState {
  meeting: Meeting;
  item: AgendaItem;
  /** 1-based place on the agenda, and the agenda's length. */
  position: number;
  of: number;
  /** Live: the eligible marks now; closed: the frozen result's. */
  count: Tally;
  /** Members and chair of the group who may vote on this item. */
  voters: number;
  result?: ItemResult;
  /** Marks are taken now (open, and its closing time not passed). */
  accepting: boolean;
  /** Who Teams refreshes the card for; omitted on a frozen card. */
  refreshUserIds?: string[];
}

/** The person looking at the card, when the card is made for one person. */
export interface Viewer {
  mark?: Mark;
  /** The group's members (and chair) vote; everyone else sees the tally only. */
  member: boolean;
  disqualified?: Disqualification;
  officer: boolean;
  notice?: string;
  warning?: string;
}

export function disqualificationText(view: ForumView, d: Disqualification): string {
  return view.t(REASON_TEXT[d.reason], { orgnr: formatOrgnr(d.orgnr) });
}

const RESULT_TEXT: Record<string, MessageKey> = {
  'prioritised.consensus': 'forum.result.prioritised.consensus',
  'prioritised.majority': 'forum.result.prioritised.majority',
  'prioritised.chair': 'forum.result.prioritised.chair',
  'not_prioritised.consensus': 'forum.result.not_prioritised.consensus',
  'not_prioritised.majority': 'forum.result.not_prioritised.majority',
  'not_prioritised.chair': 'forum.result.not_prioritised.chair',
  'undecided.tie': 'forum.result.undecided.tie',
  'undecided.noVotes': 'forum.result.undecided.noVotes',
  'undecided.notQuorate': 'forum.result.undecided.notQuorate',
  'prioritised.recorded': 'forum.result.prioritised.recorded',
  'not_prioritised.recorded': 'forum.result.not_prioritised.recorded',
};

export function resultText(view: ForumView, r: Pick<ItemResult, 'outcome' | 'method'> & Partial<Pick<ItemResult, 'tally' | 'electors' | 'followUp'>>): string {
  const marked = r.tally ? r.tally.prioritise + r.tally.notPrioritise + r.tally.abstain : 0;
  // An undecided item the secretariat put on a later meeting says where it went.
  const key = r.outcome === 'undecided' && r.followUp?.kind === 'later' ? 'forum.result.undecided.later' : RESULT_TEXT[`${r.outcome}.${r.method}`];
  return view.t(key ?? 'forum.result.undecided.tie', { marked, count: r.electors ?? '?', note: r.followUp?.note ?? '' });
}

const refData = (s: VoteCardState) => ({ meetingId: s.meeting.id, reportId: s.item.reportId, v: s.meeting.vote?.id ?? '' });

/**
 * One agenda item's voting card. Without a viewer it is the card everyone sees in the channel;
 * with one it is that person's view: their own mark, why they may not vote, or the officer's
 * close button. A closed vote's card has no buttons and no refresh: it is frozen.
 */
export function voteCard(forumView: ForumView, s: VoteCardState, viewer?: Viewer): AdaptiveCard {
  const view = inStepOf(forumView, s.meeting);
  const { t } = view;
  const closed = s.meeting.vote?.status === 'closed' && s.result !== undefined;
  const open = s.accepting;
  const c = s.count;
  const canMark = open && (!viewer || (viewer.member && !viewer.disqualified));
  const manualRefresh = !closed && s.refreshUserIds !== undefined && s.refreshUserIds.length === 0;

  const actions = [];
  if (canMark) {
    for (const mark of ['prioritise', 'not_prioritise', 'abstain', 'conflict'] as const) {
      const chosen = viewer?.mark === mark;
      actions.push(
        action(
          chosen ? t('forum.mark.chosen', { label: t(MARK_LABEL[mark]) }) : t(MARK_LABEL[mark]),
          'vote.mark',
          { ...refData(s), mark },
          {
            style: chosen ? 'positive' : 'default',
          },
        ),
      );
    }
  }
  // The whole report, read-only: the press checks that the presser is an elector or an officer.
  if (!closed) actions.push(action(t('need.show'), 'vote.need', refData(s)));
  if (!closed && (manualRefresh || (viewer && !canMark))) actions.push(action(t('forum.vote.refresh'), 'vote.refresh', refData(s)));
  if (!closed && viewer?.officer && s.meeting.vote)
    actions.push(action(t('forum.vote.close'), 'vote.close', { meetingId: s.meeting.id, reportId: s.item.reportId }, { style: 'destructive' }));

  let yourMark = '';
  if (viewer?.disqualified) yourMark = disqualificationText(view, viewer.disqualified);
  // Right after a press the saved notice names the mark: one confirmation, not two.
  else if (viewer?.mark && !viewer.notice) yourMark = t('forum.vote.yourMark', { label: t(MARK_LABEL[viewer.mark]) });
  else if (viewer?.member && open) yourMark = t('forum.vote.noMarkYet');

  const card = voteCardBody({
    progress: t('forum.vote.progress', { n: s.position, of: s.of, group: groupName(view, s.meeting.group, s.meeting.forum), title: s.meeting.title }),
    heading: t('forum.vote.heading', { reference: s.item.reference, title: s.item.title }),
    facts: [...itemFacts(view, s.item), { title: t('forum.item.roundAmount'), value: nok(view, s.item.roundAmount) }],
    tallyTitle: closed ? t('forum.vote.resultTitle') : t('forum.vote.tallyTitle'),
    tallyStyle: closed ? (s.result!.outcome === 'prioritised' ? 'good' : s.result!.outcome === 'not_prioritised' ? 'attention' : 'warning') : 'emphasis',
    tally: [
      { title: t('forum.mark.prioritise'), value: String(c.prioritise) },
      { title: t('forum.mark.not_prioritise'), value: String(c.notPrioritise) },
      { title: t('forum.mark.abstain'), value: String(c.abstain) },
      { title: t('forum.mark.conflict'), value: String(c.conflict) },
    ],
    result: closed ? resultText(view, s.result!) : !s.meeting.vote ? t('forum.vote.notOpen') : '',
    resultColor: closed ? (s.result!.outcome === 'prioritised' ? 'Good' : s.result!.outcome === 'not_prioritised' ? 'Attention' : 'Warning') : 'Default',
    turnout: s.voters > 0 ? t('forum.vote.turnout', { marked: c.total, count: s.voters }) : '',
    rules: closed ? ruleText(view, s.result!) : rulesSummary(view),
    yourMark,
    notice: viewer?.notice ?? '',
    warning: viewer?.warning ?? '',
    closes: open && s.meeting.vote?.closesAt ? t('forum.vote.closesAt', { at: instant(view, s.meeting.vote.closesAt) }) : '',
    actions,
  });
  if (!closed && s.refreshUserIds !== undefined) {
    card.refresh = {
      action: { type: 'Action.Execute', title: t('forum.vote.refresh'), ...verbData('vote.refresh', refData(s)) },
      userIds: s.refreshUserIds,
    };
  }
  return card;
}
