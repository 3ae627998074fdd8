import { DEFAULT_FORUM_RULES, effectiveRules, stepOf, type ForumRules, type Meeting } from '../../domain/forum';
import { FORUM_GROUP } from '../../domain/roles';
import type { MessageKey, Params } from '../../domain/i18n';
import type { Services } from '../services';
import type { ForumView } from './view';
import { ownValue } from '../../domain/ownKeys';

/** The rules a group's votes are counted by now: its own, else the forum's, else FORUM_RULES. */
export async function rulesFor(services: Pick<Services, 'rulesStore' | 'forumRules'>, forum: string, group: string): Promise<ForumRules> {
  const [forumStored, groupStored] = await Promise.all([
    services.rulesStore.get(forum, FORUM_GROUP),
    group === FORUM_GROUP ? Promise.resolve(undefined) : services.rulesStore.get(forum, group),
  ]);
  return effectiveRules(services.forumRules ?? DEFAULT_FORUM_RULES, forumStored?.rules, groupStored?.rules, group);
}

/** A meeting's rules: those fixed when its vote opened, else the group's as they are now. */
export async function rulesOfMeeting(services: Pick<Services, 'rulesStore' | 'forumRules'>, meeting: Meeting): Promise<ForumRules> {
  return meeting.vote?.rules ?? rulesFor(services, meeting.forum, meeting.group);
}

// A working group in two steps recommends; only the forum prioritises. Its cards say so.
const GROUP_WORDS: Partial<Record<MessageKey, MessageKey>> = {
  'forum.mark.prioritise': 'groupStep.mark.prioritise',
  'forum.mark.not_prioritise': 'groupStep.mark.not_prioritise',
  'forum.result.prioritised.consensus': 'groupStep.result.prioritised.consensus',
  'forum.result.prioritised.majority': 'groupStep.result.prioritised.majority',
  'forum.result.prioritised.chair': 'groupStep.result.prioritised.chair',
  'forum.result.prioritised.recorded': 'groupStep.result.prioritised.recorded',
  'forum.result.not_prioritised.consensus': 'groupStep.result.not_prioritised.consensus',
  'forum.result.not_prioritised.majority': 'groupStep.result.not_prioritised.majority',
  'forum.result.not_prioritised.chair': 'groupStep.result.not_prioritised.chair',
  'forum.result.not_prioritised.recorded': 'groupStep.result.not_prioritised.recorded',
  'forum.recommendation.title': 'groupStep.recommendation.title',
  'forum.recommendation.budgetTitle': 'groupStep.recommendation.budgetTitle',
  'forum.recommendation.overBudget': 'groupStep.recommendation.overBudget',
  'forum.recommendation.prioritised': 'groupStep.recommendation.prioritised',
  'forum.recommendation.notPrioritised': 'groupStep.recommendation.notPrioritised',
  'forum.rules.summary': 'groupStep.rules.summary',
  'forum.undecided.outcome.prioritised': 'groupStep.outcome.prioritised',
  'forum.undecided.outcome.not_prioritised': 'groupStep.outcome.not_prioritised',
  // The group's outcome is its anbefaling, never an innstilling (issue 23 item 4).
  'forum.vote.closedNotice': 'groupStep.vote.closedNotice',
  'forum.editor.recommendation': 'groupStep.editor.recommendation',
};

/**
 * The view for one meeting's cards: the rules its vote is counted by (fixed at opening, else the
 * view's) and, for a working group's meeting in two steps, "Anbefalt" where the forum says "Prioritert".
 */
export function inStepOf(view: ForumView, meeting: Pick<Meeting, 'group' | 'vote'>, rules?: ForumRules): ForumView {
  const r = meeting.vote?.rules ?? rules ?? view.rules ?? DEFAULT_FORUM_RULES;
  if (stepOf(meeting.group, r) !== 'group') return { ...view, rules: r };
  const t = view.t;
  return { ...view, rules: r, t: (key: MessageKey, params?: Params) => t(ownValue(GROUP_WORDS, key) ?? key, params) };
}
