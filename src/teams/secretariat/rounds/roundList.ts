import { pageIn } from '../../cards/paging';
import type { ActionHandler } from '../../actions/types';
import { requireOfficer } from '../../requireOfficer';
import { roundsCard } from './roundsCard';

/** `round.list` / `runder`. */
export const roundList: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  return { card: await roundsCard(turn, { page: pageIn(data) }) };
};
