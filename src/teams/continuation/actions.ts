import type { ActionHandler } from '../actions/types';
import { continuationAnswer } from './answer';

/** Continuations: the owner's people confirm, lower or stop a measure's next year. */
export const CONTINUATION_ACTIONS = {
  'continuation.answer': continuationAnswer,
} satisfies Record<string, ActionHandler>;
