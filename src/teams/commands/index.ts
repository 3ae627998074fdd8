import { CASEWORK_COMMANDS } from '../casework/commands';
import { CLAIM_COMMANDS } from '../claims/commands';
import { COLLEAGUE_COMMANDS } from '../colleagues/commands';
import { FORUM_COMMANDS } from '../forum/commands';
import { HELP_COMMANDS } from '../help/commands';
import { PRIVACY_COMMANDS, RETENTION_COMMANDS } from '../privacy/commands';
import { SECRETARIAT_COMMANDS } from '../secretariat/commands';
import { USAGE_COMMANDS } from '../usage/commands';
import { WIZARD_COMMANDS } from '../wizard/commands';
import { ANALYTICS_COMMANDS } from '../analytics/commands';
import { deliveryStatusCommand } from './deliveryStatusCommand';
import type { Command, CommandHandler } from './types';

export type { Command, CommandHandler } from './types';

/**
 * Everything a user can type, in one table: each feature's words in nb, nn and en, and the handler.
 * Matching is on the normalised text (mention removed, lower case); the first match wins.
 */
export const COMMANDS: readonly Command[] = [
  ...HELP_COMMANDS,
  ...WIZARD_COMMANDS,
  ...PRIVACY_COMMANDS,
  ...COLLEAGUE_COMMANDS,
  ...CLAIM_COMMANDS,
  { words: ['leveringsstatus', 'delivery status'], handler: deliveryStatusCommand },
  ...RETENTION_COMMANDS,
  ...SECRETARIAT_COMMANDS,
  ...FORUM_COMMANDS,
  ...USAGE_COMMANDS,
  // Last, so longer phrases starting with the same word match first.
  ...CASEWORK_COMMANDS,
  ...ANALYTICS_COMMANDS,
];

export function findCommand(text: string): { handler: CommandHandler; args: string } | undefined {
  for (const c of COMMANDS) {
    for (const w of c.words) {
      if (text === w || text.startsWith(w + ' ')) return { handler: c.handler, args: text.slice(w.length).trim() };
    }
  }
  return undefined;
}
