import type { Turn } from '../turn';
import { helpCommand } from './helpCommand';

export type CommandHandler = (turn: Turn, args: string) => Promise<void>;

/**
 * Everything a user can type, in one table: the words in nb, nn and en, and the handler.
 * Matching is on the normalised text (mention removed, lower case).
 */
export const COMMANDS: ReadonlyArray<{ words: readonly string[]; handler: CommandHandler }> = [
  { words: ['hjelp', 'help', '?', 'meny', 'menu'], handler: helpCommand },
];

export function findCommand(text: string): { handler: CommandHandler; args: string } | undefined {
  for (const c of COMMANDS) {
    for (const w of c.words) {
      if (text === w || text.startsWith(w + ' ')) return { handler: c.handler, args: text.slice(w.length).trim() };
    }
  }
  return undefined;
}
