import type { Turn } from '../turn';
import { helpCommand } from './helpCommand';
import { cardCommand } from './cardCommand';
import { reportNew } from '../actions/reportNew';
import { reportContinue } from '../actions/reportDraft';
import { reportMine } from '../actions/reportMine';
import { deliveryStatusCommand } from './deliveryStatusCommand';

export type CommandHandler = (turn: Turn, args: string) => Promise<void>;

/**
 * Everything a user can type, in one table: the words in nb, nn and en, and the handler.
 * Matching is on the normalised text (mention removed, lower case).
 */
export const COMMANDS: ReadonlyArray<{ words: readonly string[]; handler: CommandHandler }> = [
  { words: ['hjelp', 'help', '?', 'meny', 'menu'], handler: helpCommand },
  { words: ['meld behov', 'ny melding', 'ny behovsmelding', 'new report', 'new needs report'], handler: cardCommand(reportNew) },
  { words: ['fortsett', 'fortset', 'hald fram', 'continue', 'resume'], handler: cardCommand(reportContinue) },
  { words: ['mine meldinger', 'mine meldingar', 'my reports', 'mine rapporter'], handler: cardCommand(reportMine) },
  { words: ['leveringsstatus', 'delivery status'], handler: deliveryStatusCommand },
];

export function findCommand(text: string): { handler: CommandHandler; args: string } | undefined {
  for (const c of COMMANDS) {
    for (const w of c.words) {
      if (text === w || text.startsWith(w + ' ')) return { handler: c.handler, args: text.slice(w.length).trim() };
    }
  }
  return undefined;
}
