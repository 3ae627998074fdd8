import type { ActionHandler } from '../actions/types';
import { helpAction } from './helpAction';

export const HELP_ACTIONS = {
  'help.show': helpAction,
} satisfies Record<string, ActionHandler>;
