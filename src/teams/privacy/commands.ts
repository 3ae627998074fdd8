import { cardCommand } from '../commands/cardCommand';
import type { Command } from '../commands/types';
import { privacyShow } from './privacyData';
import { roundPurge } from './roundPurge';

/** "My data" for anyone (nb, nn, en), spread into COMMANDS. */
export const PRIVACY_COMMANDS: readonly Command[] = [
  { words: ['mine data', 'dataa mine', 'my data', 'mine personopplysninger', 'mine personopplysningar'], handler: cardCommand(privacyShow) },
];

/** Purging old rounds, for officers. */
export const RETENTION_COMMANDS: readonly Command[] = [
  {
    words: [
      'slett gamle runder',
      'slett gamle rundar',
      'purge old rounds',
      'delete old rounds',
      'slett gamle innmeldingsrunder',
      'slett gamle innmeldingsrundar',
      'delete old filing rounds',
    ],
    handler: cardCommand(roundPurge),
  },
];
