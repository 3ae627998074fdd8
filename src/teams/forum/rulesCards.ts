import { DEFAULT_FORUM_RULES, type ForumRules, type StoredRules } from '../../domain/forum';
import { formatDateTime } from '../../domain/i18n';
import { FORUM_GROUP } from '../../domain/roles';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { action } from '../cards/action';
import { actorLabel } from '../casework/caseCard';
import { rulesSummary } from './ruleText';
import { inStepOf } from './rulesOf';
import { groupName, type ForumView } from './view';
import { placeValue } from '../../domain/forumPlaces';

export interface GroupRules {
  forum: string;
  group: string;
  rules: ForumRules;
  stored?: StoredRules;
}

function summaryOf(view: ForumView, g: GroupRules): string {
  // Each group's summary in its own words: a working group in two steps recommends.
  const own = inStepOf({ ...view, rules: g.rules }, { group: g.group });
  const steps = g.group === FORUM_GROUP ? `${view.t(g.rules.steps === 'two' ? 'forum.rulesCard.stepsTwo' : 'forum.rulesCard.stepsOne')}. ` : '';
  return steps + rulesSummary(own);
}

/** Every group's rules, forum by forum (each forum first, so its groups need not name it), where they come from, and a button to change them. */
export function rulesListCard(view: ForumView, groups: readonly GroupRules[], opts: { notice?: string; warning?: string } = {}): AdaptiveCard {
  const { t } = view;
  return renderCard('forumRules', {
    title: t('forum.rulesCard.title'),
    intro: t('forum.rulesCard.intro'),
    notice: opts.notice ?? '',
    warning: opts.warning ?? '',
    groups: groups.map((g) => ({
      name: groupName(view, g.group, g.forum),
      summary: summaryOf(view, g),
      source: g.stored
        ? t('forum.rulesCard.own', {
            at: formatDateTime(g.stored.updatedAt, view.locale),
            who: actorLabel(t, { role: 'secretariat', ...(g.stored.updatedByName ? { name: g.stored.updatedByName } : {}) }),
          })
        : t(g.group === FORUM_GROUP ? 'forum.rulesCard.default' : 'forum.rulesCard.inherited'),
      actions: [action(t('forum.rulesCard.change', { group: groupName(view, g.group, g.forum) }), 'rules.form', { group: placeValue(view.regions, g) })],
    })),
  });
}

/** The form for one group's rules; `steps` only for the forum, whose alone it is. */
export function rulesFormCard(view: ForumView, g: GroupRules, warning = '', values?: Partial<Record<keyof ForumRules, string | number>>): AdaptiveCard {
  const { t } = view;
  const name = groupName(view, g.group, g.forum);
  const r = { ...DEFAULT_FORUM_RULES, ...g.rules, ...(values ?? {}) };
  return renderCard('forumRulesForm', {
    title: t('forum.rulesCard.formTitle', { group: name }),
    summary: summaryOf(view, g),
    warning,
    showSteps: g.group === FORUM_GROUP,
    stepsLabel: t('forum.rulesCard.steps'),
    steps: r.steps,
    stepChoices: [
      { title: t('forum.rulesCard.stepsTwo'), value: 'two' },
      { title: t('forum.rulesCard.stepsOne'), value: 'one' },
    ],
    quorumLabel: t('forum.rulesCard.quorum'),
    quorumPercent: String(r.quorumPercent),
    consensusLabel: t('forum.rulesCard.consensus'),
    consensus: r.consensus,
    consensusChoices: (['unanimous', 'noObjection'] as const).map((v) => ({ title: t(`forum.rulesCard.consensus.${v}`), value: v })),
    tieLabel: t('forum.rulesCard.tie'),
    tieBreak: r.tieBreak,
    tieChoices: (['chair', 'undecided'] as const).map((v) => ({ title: t(`forum.rulesCard.tie.${v}`), value: v })),
    actions: [
      {
        ...action(t('forum.rulesCard.save'), 'rules.save', { group: placeValue(view.regions, g), revision: g.stored?.revision ?? 0 }, { style: 'positive' }),
        inputs: 'auto',
      },
      action(t('forum.rulesCard.back'), 'rules.list', {}),
    ],
  });
}
