import { cardMessage } from '../cards/attach';
import type { Command, CommandHandler } from '../commands/types';
import { colleaguesList, colleaguesMine } from './colleaguesShow';

/** `kolleger`: the caller's owners; `kolleger 974760673`: that owner's people (its people and officers only). */
const colleaguesCommand: CommandHandler = async (turn, args) => {
  const result = args ? await colleaguesList(turn, { orgnr: args }) : await colleaguesMine(turn, {});
  await turn.context.sendActivity('card' in result ? cardMessage(result.card) : result.message);
};

export const COLLEAGUE_COMMANDS: readonly Command[] = [{ words: ['kolleger', 'kollegaer', 'kollegar', 'colleagues'], handler: colleaguesCommand }];
