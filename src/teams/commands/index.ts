import type { Turn } from '../turn';
import { helpCommand } from './helpCommand';
import { cardCommand } from './cardCommand';
import { reportNew } from '../actions/reportNew';
import { reportContinue } from '../actions/reportDraft';
import { reportMine } from '../actions/reportMine';
import { deliveryStatusCommand } from './deliveryStatusCommand';
import { SECRETARIAT_COMMANDS } from '../secretariat/commands';
import { showReportCommand } from './showReportCommand';
import { roundCommand } from './roundCommand';
import { roundExport } from '../actions/roundExport';
import { decisionPending } from '../actions/decisionBulk';
import { meetingList, meetingNew } from '../forum/meetingNew';
import { privacyShow } from '../actions/privacyData';
import { roundPurge } from '../actions/roundPurge';

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
  { words: ['mine data', 'dataa mine', 'my data', 'mine personopplysninger', 'mine personopplysningar'], handler: cardCommand(privacyShow) },
  { words: ['leveringsstatus', 'delivery status'], handler: deliveryStatusCommand },
  { words: ['slett gamle runder', 'slett gamle rundar', 'purge old rounds', 'delete old rounds'], handler: cardCommand(roundPurge) },
  ...SECRETARIAT_COMMANDS,
  { words: ['nytt møte', 'new meeting'], handler: cardCommand(meetingNew) },
  { words: ['møter', 'møte', 'meetings', 'meeting'], handler: cardCommand(meetingList) },
  // The secretariat's casework; last, so longer phrases starting with the same word match first.
  { words: ['eksport', 'eksporter', 'export'], handler: roundCommand(roundExport) },
  { words: ['vedtak', 'decisions'], handler: roundCommand(decisionPending) },
  { words: ['vis', 'show'], handler: showReportCommand },
];

export function findCommand(text: string): { handler: CommandHandler; args: string } | undefined {
  for (const c of COMMANDS) {
    for (const w of c.words) {
      if (text === w || text.startsWith(w + ' ')) return { handler: c.handler, args: text.slice(w.length).trim() };
    }
  }
  return undefined;
}
