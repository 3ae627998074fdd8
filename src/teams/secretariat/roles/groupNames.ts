import { localised } from '../../../domain/regions';
import { FORUM_GROUP, SECRETARIAT_GROUP, type MemberCategory, type Role } from '../../../domain/roles';
import type { Turn } from '../../turn';

/** The groups people vote in: the forum itself, then the working groups in configured order. */
export function votingGroups(turn: Turn): string[] {
  return [FORUM_GROUP, ...turn.services.regions.workingGroups.map((g) => g.id)];
}

export function groupName(turn: Turn, group: string): string {
  if (group === FORUM_GROUP) return turn.t('roles.group.forum');
  if (group === SECRETARIAT_GROUP) return turn.t('roles.group.secretariat');
  const wg = turn.services.regions.workingGroups.find((g) => g.id === group);
  return wg ? localised(wg.name, turn.locale) : group;
}

export function roleName(turn: Turn, role: Role): string {
  return turn.t(`roles.role.${role}`);
}

export function groupChoices(turn: Turn): Array<{ title: string; value: string }> {
  return votingGroups(turn).map((g) => ({ title: groupName(turn, g), value: g }));
}

export function categoryName(turn: Turn, category: MemberCategory): string {
  return turn.t(`roles.category.${category}`);
}
