import { DEFAULT_FORUM_RULES, type ForumRules, type ItemResult } from '../../domain/forum';
import type { MessageKey } from '../../domain/i18n';
import type { ForumView } from './view';

/** The forum's rules in one sentence, for the voting card and the recommendation. */
export function rulesSummary(view: ForumView): string {
  const { t } = view;
  const rules: ForumRules = view.rules ?? DEFAULT_FORUM_RULES;
  return t('forum.rules.summary', {
    quorum: rules.quorumPercent > 0 ? t('forum.rules.quorum', { percent: rules.quorumPercent }) : t('forum.rules.noQuorum'),
    consensus: t(rules.consensus === 'unanimous' ? 'forum.rules.consensus.unanimous' : 'forum.rules.consensus.noObjection'),
    tie: t(rules.tieBreak === 'chair' ? 'forum.rules.tie.chair' : 'forum.rules.tie.undecided'),
  });
}

const RULE: Record<ItemResult['method'], MessageKey> = {
  consensus: 'forum.rules.rule.consensus',
  majority: 'forum.rules.rule.majority',
  chair: 'forum.rules.rule.chair',
  tie: 'forum.rules.rule.tie',
  noVotes: 'forum.rules.rule.noVotes',
  notQuorate: 'forum.rules.rule.notQuorate',
  recorded: 'forum.rules.rule.recorded',
};

/** Which rule decided a closed item, with the figures it looked at. */
export function ruleText(view: ForumView, r: Pick<ItemResult, 'method' | 'tally'>): string {
  const rules = view.rules ?? DEFAULT_FORUM_RULES;
  const key = r.method === 'consensus' && rules.consensus === 'noObjection' && r.tally.abstain > 0 ? 'forum.rules.rule.consensusNoObjection' : RULE[r.method];
  return view.t(key, { for: r.tally.prioritise, against: r.tally.notPrioritise, quorum: rules.quorumPercent });
}
