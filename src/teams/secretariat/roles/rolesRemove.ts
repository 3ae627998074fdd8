import { z } from 'zod';
import { Guidish, isBootstrapOfficer, ROLES, SECRETARIAT_GROUP, samePerson, type Grant } from '../../../domain/roles';
import { placeOf } from '../../../domain/forumPlaces';
import type { ActionHandler } from '../../actions/types';
import type { Turn } from '../../turn';
import { action } from '../../cards/action';
import { messageCard } from '../cards';
import { requireOfficer } from '../../requireOfficer';
import { groupName, roleName } from './groupNames';
import { rolesCard } from './rolesCard';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);
// `forum` absent (a button from before forums): the group's own forum, or the County Governor's for officers.
const Target = z.object({ tenantId: Guidish, aadObjectId: Guidish, role: z.enum(ROLES), group: Id, forum: Id.optional() });

type Checked = { ok: true; grant: Grant } | { ok: false; card: Awaited<ReturnType<typeof rolesCard>> };

/** The grant to remove, if it exists and may be removed by this officer. */
async function removable(turn: Turn, data: Record<string, unknown>): Promise<Checked> {
  const officer = await requireOfficer(turn);
  const parsed = Target.safeParse(data);
  const { regions } = turn.services;
  const forum = parsed.success
    ? (parsed.data.forum ?? (parsed.data.group === SECRETARIAT_GROUP ? regions.id : (placeOf(regions, parsed.data.group)?.forum ?? regions.id)))
    : regions.id;
  const grant = parsed.success
    ? (await turn.services.roles.inGroup(forum, parsed.data.group)).find((g) => g.role === parsed.data.role && samePerson(g.person, parsed.data))
    : undefined;
  if (!grant) return { ok: false, card: await rolesCard(turn, { error: turn.t('roles.error.notFound') }) };
  const name = grant.displayName ?? grant.person.aadObjectId;
  if (grant.role === 'secretariat' && isBootstrapOfficer(turn.services.bootstrapSecretariat, grant.person)) {
    return { ok: false, card: await rolesCard(turn, { error: turn.t('roles.error.bootstrap', { name }) }) };
  }
  // Nobody locks themselves (and perhaps everyone) out of the secretariat.
  if (grant.role === 'secretariat' && samePerson(grant.person, officer.person)) {
    return { ok: false, card: await rolesCard(turn, { error: turn.t('roles.error.removeSelf') }) };
  }
  return { ok: true, grant };
}

const paramsOf = (turn: Turn, g: Grant) => ({
  name: g.displayName ?? g.person.aadObjectId,
  role: roleName(turn, g.role),
  group: groupName(turn, g.group, g.forum),
});
const dataOf = (g: Grant) => ({ tenantId: g.person.tenantId, aadObjectId: g.person.aadObjectId, role: g.role, group: g.group, forum: g.forum });

/** `roles.remove`: asks first. */
export const rolesRemove: ActionHandler = async (turn, data) => {
  const checked = await removable(turn, data);
  if (!checked.ok) return { card: checked.card };
  const { t } = turn;
  const params = paramsOf(turn, checked.grant);
  return {
    card: messageCard({
      title: t('roles.removeConfirm.title', params),
      text: t('roles.removeConfirm.text', params),
      color: 'Warning',
      actions: [action(t('roles.removeConfirm.yes'), 'roles.removeConfirm', dataOf(checked.grant)), action(t('secretariat.cancel'), 'roles.list', {})],
    }),
  };
};

/** `roles.removeConfirm`: removes the grant; pressing it again finds nothing to remove. */
export const rolesRemoveConfirm: ActionHandler = async (turn, data) => {
  const checked = await removable(turn, data);
  if (!checked.ok) return { card: checked.card };
  const g = checked.grant;
  await turn.services.roles.revoke(g.person, g.forum, g.role, g.group);
  turn.services.logger.info('role revoked', { forum: g.forum, role: g.role, group: g.group });
  return { card: await rolesCard(turn, { notice: turn.t('roles.removed', paramsOf(turn, g)) }) };
};
