import type { ActionHandler } from '../actions/types';
import { cardMessage } from '../cards/attach';
import type { CommandHandler } from '../commands/types';

/** A typed command about a round ("eksport 2027"): the words after it pick the round, none the newest. */
export function roundCommand(action: ActionHandler): CommandHandler {
  return async (turn, args) => {
    const result = await action(turn, { which: args });
    await turn.context.sendActivity('card' in result ? cardMessage(result.card) : result.message);
  };
}
