import { z } from 'zod';
import { DEFAULT_FORUM_RULES, effectiveRules, rulesFromForm } from '../../domain/forum';
import { StaleRulesError } from '../../storage/forumRules';
import type { ActionHandler } from '../actions/types';
import { requireOfficer } from '../requireOfficer';
import type { Turn } from '../turn';
import { Refusal } from '../refusals';
import { rulesFormCard, rulesListCard, type GroupRules } from './rulesCards';
import { forumView, groupName } from './view';
import { placeOf, placesOfForum, type Place } from '../../domain/forumPlaces';
import { forumsOf } from '../../domain/regions';
import { FORUM_GROUP } from '../../domain/roles';

/**
 * Officers set the voting rules of the forum or of one working group in Teams (issue 12 item 5).
 * Stored with a revision under the row's ETag; every save keeps the earlier version with who and
 * when. A vote takes the rules in force when it opens.
 */

const GroupRef = z.object({ group: z.string().max(40) }).passthrough();
const SaveRef = GroupRef.extend({ revision: z.coerce.number().int().min(0) }).passthrough();

/** Every place's rules, forum by forum (each forum's own first: its groups inherit from it). */
async function allRules(turn: Turn): Promise<GroupRules[]> {
  const { services } = turn;
  const env = services.forumRules ?? DEFAULT_FORUM_RULES;
  const perForum = await Promise.all(
    forumsOf(services.regions).map(async (f) => {
      const stored = new Map((await services.rulesStore.list(f.id)).map((s) => [s.group, s]));
      const forumStored = stored.get(FORUM_GROUP);
      return placesOfForum(services.regions, f.id).map(({ forum, group }) => {
        const own = stored.get(group);
        return { forum, group, rules: effectiveRules(env, forumStored?.rules, own?.rules, group), ...(own ? { stored: own } : {}) };
      });
    }),
  );
  return perForum.flat();
}

function groupOf(turn: Turn, data: Record<string, unknown>): Place {
  const ref = GroupRef.safeParse(data);
  const place = ref.success ? placeOf(turn.services.regions, ref.data.group) : undefined;
  if (!place) throw new Refusal('forum.rulesCard.unknownGroup');
  return place;
}

const samePlace = (a: Place) => (b: Place) => a.forum === b.forum && a.group === b.group;

/** `rules.list` (and `regler` / `rules`): every group's rules. */
export const rulesList: ActionHandler = async (turn) => {
  await requireOfficer(turn);
  return { card: rulesListCard(forumView(turn.services, turn.locale), await allRules(turn)) };
};

/** `rules.form`: one group's rules as a form. */
export const rulesForm: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const place = groupOf(turn, data);
  const g = (await allRules(turn)).find(samePlace(place))!;
  return { card: rulesFormCard(forumView(turn.services, turn.locale), g) };
};

/** `rules.save`: stores the group's rules over the revision the form showed; a stale form is shown again as things are now. */
export const rulesSave: ActionHandler = async (turn, data) => {
  const officer = await requireOfficer(turn);
  const place = groupOf(turn, data);
  const ref = SaveRef.safeParse(data);
  if (!ref.success) throw new Refusal('forum.rulesCard.unknownGroup');
  const { services } = turn;
  const view = forumView(services, turn.locale);
  const current = (await allRules(turn)).find(samePlace(place))!;
  const rules = rulesFromForm(data, current.rules);
  if (!rules) return { card: rulesFormCard(view, current, turn.t('forum.rulesCard.invalid')) };
  try {
    const name = turn.context.activity.from?.name?.trim().slice(0, 120);
    await services.rulesStore.save(place.forum, place.group, rules, ref.data.revision, officer.person, name || undefined, services.now());
  } catch (err) {
    if (!(err instanceof StaleRulesError)) throw err;
    const now = (await allRules(turn)).find(samePlace(place))!;
    return { card: rulesFormCard(view, now, turn.t('forum.rulesCard.stale')) };
  }
  const name = groupName(view, place.group, place.forum);
  return { card: rulesListCard(view, await allRules(turn), { notice: turn.t('forum.rulesCard.saved', { group: name }) }) };
};
