import { cardCommand } from '../commands/cardCommand';
import type { Command } from '../commands/types';
import { roundCommand } from '../casework/roundCommand';
import { usageList } from './owner';
import { usageRound } from './roundView';

/** The owner's `rapporter`, and the secretariat's view of a round's usage reports. */
export const USAGE_COMMANDS: readonly Command[] = [
  { words: ['rapporter', 'usage report', 'report usage'], handler: cardCommand(usageList) },
  { words: ['rapporteringer', 'rapporteringar', 'usage reports'], handler: roundCommand(usageRound) },
];
