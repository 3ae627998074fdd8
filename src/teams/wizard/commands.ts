import { cardCommand } from '../commands/cardCommand';
import type { Command } from '../commands/types';
import { reportContinue } from './reportDraft';
import { reportMine } from './reportMine';
import { reportNew } from './reportNew';

/** What owners type to start, resume or list their reports (nb, nn, en), spread into COMMANDS. */
export const WIZARD_COMMANDS: readonly Command[] = [
  { words: ['meld behov', 'ny melding', 'ny behovsmelding', 'new report', 'new needs report'], handler: cardCommand(reportNew) },
  { words: ['fortsett', 'fortset', 'hald fram', 'continue', 'resume'], handler: cardCommand(reportContinue) },
  { words: ['mine meldinger', 'mine meldingar', 'my reports', 'mine rapporter'], handler: cardCommand(reportMine) },
];
