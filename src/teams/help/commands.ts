import type { Command } from '../commands/types';
import { helpCommand } from './helpCommand';

export const HELP_COMMANDS: readonly Command[] = [{ words: ['hjelp', 'help', '?', 'meny', 'menu'], handler: helpCommand }];
