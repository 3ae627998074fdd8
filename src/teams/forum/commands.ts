import { cardCommand } from '../commands/cardCommand';
import type { Command } from '../commands/types';
import { meetingList, meetingNew } from './meetingNew';
import { rulesList } from './rulesEdit';
import { planForm } from './planEdit';

/** What officers type for meetings (nb, nn, en), spread into COMMANDS. */
export const FORUM_COMMANDS: readonly Command[] = [
  { words: ['nytt møte', 'new meeting'], handler: cardCommand(meetingNew) },
  { words: ['møter', 'møte', 'meetings', 'meeting'], handler: cardCommand(meetingList) },
  { words: ['regler', 'reglar', 'rules', 'voting rules'], handler: cardCommand(rulesList) },
  { words: ['prioriteringsområder', 'prioriteringsområde', 'plan', 'priority areas'], handler: cardCommand(planForm) },
];
