import type { Turn } from '../turn';

export type CommandHandler = (turn: Turn, args: string) => Promise<void>;

/** A row of a command table: the words in nb, nn and en, and the handler. */
export interface Command {
  words: readonly string[];
  handler: CommandHandler;
}
