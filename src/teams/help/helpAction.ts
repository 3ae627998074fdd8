import { helpCard } from '../cards/helpCard';
import { isCallerOfficer } from './helpCommand';
import type { ActionHandler } from '../actions/types';

export const helpAction: ActionHandler = async (turn) => ({ card: helpCard(turn.t, { officer: await isCallerOfficer(turn) }) });
