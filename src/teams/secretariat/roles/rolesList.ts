import type { ActionHandler } from '../../actions/types';
import { requireOfficer } from '../requireOfficer';
import { rolesCard } from './rolesCard';

/** `roles.list` / `roller`: everyone with a role, per group, with the group's channel. */
export const rolesList: ActionHandler = async (turn) => {
  await requireOfficer(turn);
  return { card: await rolesCard(turn) };
};
