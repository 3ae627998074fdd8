import { cardMessage } from '../cards/attach';
import type { Command, CommandHandler } from '../commands/types';
import { claimsList } from './claimsList';

/** `krav` / `eierkrav` / `claims`: the claims waiting for the secretariat (officers only). */
const claimsCommand: CommandHandler = async (turn) => {
  const result = await claimsList(turn, {});
  await turn.context.sendActivity('card' in result ? cardMessage(result.card) : result.message);
};

export const CLAIM_COMMANDS: readonly Command[] = [{ words: ['krav', 'eierkrav', 'eigarkrav', 'claims', 'owner claims'], handler: claimsCommand }];
