import type { ActionHandler } from '../actions/types';
import { cardMessage } from '../cards/attach';
import type { Turn } from '../turn';
import type { CommandHandler } from './types';

/** A typed command that answers with what the same card button would show, as a new message. */
export function cardCommand(action: ActionHandler): CommandHandler {
  return async (turn: Turn) => {
    const result = await action(turn, {});
    await turn.context.sendActivity('card' in result ? cardMessage(result.card) : result.message);
  };
}
