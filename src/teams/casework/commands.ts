import type { Command } from '../commands/types';
import { decisionPending } from './decisionBulk';
import { roundCommand } from './roundCommand';
import { roundExport } from './roundExport';
import { showReportCommand } from './showReportCommand';

/** The secretariat's casework; last in COMMANDS, so longer phrases starting with the same word match first. */
export const CASEWORK_COMMANDS: readonly Command[] = [
  { words: ['eksport', 'eksporter', 'export'], handler: roundCommand(roundExport) },
  { words: ['vedtak', 'decisions'], handler: roundCommand(decisionPending) },
  { words: ['vis', 'show'], handler: showReportCommand },
];
