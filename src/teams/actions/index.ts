import type { AdaptiveCard } from '../cards/render';
import type { Turn } from '../turn';
import { helpAction } from './helpAction';

/** What a card action answers: a card that replaces the pressed one, or a short text. */
export type ActionResult = { card: AdaptiveCard } | { message: string };
export type ActionHandler = (turn: Turn, data: Record<string, unknown>) => Promise<ActionResult>;

/** Every Action.Execute verb the bot answers, in one table. */
export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  'help.show': helpAction,
};
