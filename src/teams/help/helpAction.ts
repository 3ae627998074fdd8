import { helpCard } from '../cards/helpCard';
import { isCallerOfficer } from '../commands/helpCommand';
import type { ActionHandler } from './index';

export const helpAction: ActionHandler = async (turn) => ({ card: helpCard(turn.t, { officer: await isCallerOfficer(turn) }) });
