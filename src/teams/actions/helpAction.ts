import { helpCard } from '../cards/helpCard';
import type { ActionHandler } from './index';

export const helpAction: ActionHandler = async (turn) => ({ card: helpCard(turn.t) });
