import type { ActionHandler } from '../../actions/types';
import { requireOfficer } from '../../requireOfficer';
import { rolesCard } from './rolesCard';
import { pageIn } from '../../cards/paging';

/** `roles.list` / `roller`: everyone with a role, per group, with the group's channel. */
export const rolesList: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  return { card: await rolesCard(turn, { page: pageIn(data) }) };
};
