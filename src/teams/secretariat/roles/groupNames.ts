import { forumIdOfGroup } from '../../../domain/regions';
import { placeChoices, placeName, placeOf, placesOf, type Place } from '../../../domain/forumPlaces';
import { FORUM_GROUP, SECRETARIAT_GROUP, type MemberCategory, type Role } from '../../../domain/roles';
import type { Turn } from '../../turn';

/** The places people vote in, forum by forum: the forum itself, then its working groups in configured order. */
export function votingPlaces(turn: Turn): Place[] {
  return placesOf(turn.services.regions);
}

/**
 * A group's name; with several forums the forum itself is named by its own name, and `forum`
 * says which (absent: a working group's own forum).
 */
export function groupName(turn: Turn, group: string, forum?: string, withForum = false): string {
  if (group === SECRETARIAT_GROUP) return turn.t('roles.group.secretariat');
  const regions = turn.services.regions;
  const place = { forum: forum ?? (group === FORUM_GROUP ? regions.id : forumIdOfGroup(regions, group)), group };
  return placeName(regions, place, turn.locale, turn.t('roles.group.forum'), withForum);
}

export function roleName(turn: Turn, role: Role): string {
  return turn.t(`roles.role.${role}`);
}

/** One choice per place (see domain/forumPlaces.ts for the values). */
export function groupChoices(turn: Turn): Array<{ title: string; value: string }> {
  return placeChoices(turn.services.regions, turn.locale, turn.t('roles.group.forum'));
}

/** The place a form's `group` value names, or undefined. */
export function placeOfChoice(turn: Turn, value: string): Place | undefined {
  return placeOf(turn.services.regions, value);
}

export function categoryName(turn: Turn, category: MemberCategory): string {
  return turn.t(`roles.category.${category}`);
}
