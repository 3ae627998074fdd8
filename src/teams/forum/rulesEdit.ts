import { z } from 'zod';
import { DEFAULT_FORUM_RULES, effectiveRules, rulesFromForm } from '../../domain/forum';
import { FORUM_GROUP } from '../../domain/roles';
import { StaleRulesError } from '../../storage/forumRules';
import type { ActionHandler } from '../actions/types';
import { requireOfficer } from '../requireOfficer';
import type { Turn } from '../turn';
import { Refusal } from '../refusals';
import { rulesFormCard, rulesListCard, type GroupRules } from './rulesCards';
import { forumView, groupChoices } from './view';

/**
 * Officers set the voting rules of the forum or of one working group in Teams (issue 12 item 5).
 * Stored with a revision under the row's ETag; every save keeps the earlier version with who and
 * when. A vote takes the rules in force when it opens.
 */

const GroupRef = z.object({ group: z.string().max(40) }).passthrough();
const SaveRef = GroupRef.extend({ revision: z.coerce.number().int().min(0) }).passthrough();

async function allRules(turn: Turn): Promise<GroupRules[]> {
  const { services } = turn;
  const forum = services.regions.id;
  const stored = new Map((await services.rulesStore.list(forum)).map((s) => [s.group, s]));
  const env = services.forumRules ?? DEFAULT_FORUM_RULES;
  const forumStored = stored.get(FORUM_GROUP);
  const groups = [FORUM_GROUP, ...services.regions.workingGroups.map((g) => g.id)];
  return groups.map((group) => {
    const own = stored.get(group);
    return { group, rules: effectiveRules(env, forumStored?.rules, own?.rules, group), ...(own ? { stored: own } : {}) };
  });
}

function groupOf(turn: Turn, data: Record<string, unknown>): string {
  const ref = GroupRef.safeParse(data);
  const view = forumView(turn.services, turn.locale);
  if (!ref.success || !groupChoices(view).some((c) => c.value === ref.data.group)) throw new Refusal('forum.rulesCard.unknownGroup');
  return ref.data.group;
}

/** `rules.list` (and `regler` / `rules`): every group's rules. */
export const rulesList: ActionHandler = async (turn) => {
  await requireOfficer(turn);
  return { card: rulesListCard(forumView(turn.services, turn.locale), await allRules(turn)) };
};

/** `rules.form`: one group's rules as a form. */
export const rulesForm: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const group = groupOf(turn, data);
  const g = (await allRules(turn)).find((r) => r.group === group)!;
  return { card: rulesFormCard(forumView(turn.services, turn.locale), g) };
};

/** `rules.save`: stores the group's rules over the revision the form showed; a stale form is shown again as things are now. */
export const rulesSave: ActionHandler = async (turn, data) => {
  const officer = await requireOfficer(turn);
  const group = groupOf(turn, data);
  const ref = SaveRef.safeParse(data);
  if (!ref.success) throw new Refusal('forum.rulesCard.unknownGroup');
  const { services } = turn;
  const view = forumView(services, turn.locale);
  const current = (await allRules(turn)).find((r) => r.group === group)!;
  const rules = rulesFromForm(data, current.rules);
  if (!rules) return { card: rulesFormCard(view, current, turn.t('forum.rulesCard.invalid')) };
  try {
    const name = turn.context.activity.from?.name?.trim().slice(0, 120);
    await services.rulesStore.save(services.regions.id, group, rules, ref.data.revision, officer.person, name || undefined, services.now());
  } catch (err) {
    if (!(err instanceof StaleRulesError)) throw err;
    const now = (await allRules(turn)).find((r) => r.group === group)!;
    return { card: rulesFormCard(view, now, turn.t('forum.rulesCard.stale')) };
  }
  const name = groupChoices(view).find((c) => c.value === group)?.title ?? group;
  return { card: rulesListCard(view, await allRules(turn), { notice: turn.t('forum.rulesCard.saved', { group: name }) }) };
};
