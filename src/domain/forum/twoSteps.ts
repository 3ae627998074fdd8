import { z } from 'zod';
import { FORUM_GROUP } from '../roles';
import type { ReportStatus } from '../report/lifecycle';
import { DEFAULT_FORUM_RULES, METHODS, type ForumRules, type Outcome } from './rules';

/**
 * Two steps (DOMAIN.md section 5): working groups recommend, the forum prioritises. A working
 * group's vote gives each report the group's recommendation (status recommended_by_group); the
 * forum's meeting takes up every such report and its vote is the recommendation the secretariat
 * decides on. A forum configured with one step lets every meeting's vote be the forum's.
 */

export const GroupRecommendationSchema = z.object({
  meetingId: z.string(),
  group: z.string(),
  outcome: z.enum(['recommended', 'not_recommended']),
  method: z.enum(METHODS),
  tally: z.object({ prioritise: z.number().int(), notPrioritise: z.number().int(), abstain: z.number().int() }),
  at: z.string(),
});
export type GroupRecommendation = z.infer<typeof GroupRecommendationSchema>;

export type Step = 'group' | 'forum';

/** A working group's meeting is the first step, unless the forum votes in one step. */
export function stepOf(meetingGroup: string, rules: ForumRules = DEFAULT_FORUM_RULES): Step {
  return rules.steps === 'two' && meetingGroup !== FORUM_GROUP ? 'group' : 'forum';
}

/** Where a decided item goes after the vote: the group's recommendation, or the forum's. */
export function statusAfterVote(outcome: Exclude<Outcome, 'undecided'>, step: Step): ReportStatus {
  if (step === 'group') return 'recommended_by_group';
  return outcome;
}

export function groupOutcomeOf(outcome: Exclude<Outcome, 'undecided'>): GroupRecommendation['outcome'] {
  return outcome === 'prioritised' ? 'recommended' : 'not_recommended';
}

/** The statuses a meeting's default agenda (and its picker) draws from. */
export function agendaSource(meetingGroup: string, rules: ForumRules = DEFAULT_FORUM_RULES): ReportStatus {
  return rules.steps === 'two' && meetingGroup === FORUM_GROUP ? 'recommended_by_group' : 'formally_checked';
}

/** Where an item taken off an agenda goes back to: the group's recommendation it had, or the check. */
export function statusOffAgenda(hadGroupRecommendation: boolean): ReportStatus {
  return hadGroupRecommendation ? 'recommended_by_group' : 'formally_checked';
}
