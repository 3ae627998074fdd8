import type { ActionHandler } from './actions/types';
import type { CommandHandler } from './commands/types';

export type { ActionHandler, ActionResult } from './actions/types';
export type { Command, CommandHandler } from './commands/types';

/**
 * The verbs and commands the bot answers, as lookups. Assembled at the composition root
 * (src/app/registry.ts) from every feature's tables and handed to the endpoint, so src/teams
 * never imports its features from below them.
 */
export interface Registry {
  handlerOf(verb: string): ActionHandler | undefined;
  findCommand(text: string): { handler: CommandHandler; args: string } | undefined;
}
