import type { AdaptiveCard } from '../cards/render';
import type { Turn } from '../turn';

/** What a card action answers: a card that replaces the pressed one, or a short text. */
export type ActionResult = { card: AdaptiveCard } | { message: string };
export type ActionHandler = (turn: Turn, data: Record<string, unknown>) => Promise<ActionResult>;
