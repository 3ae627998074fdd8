import { cardMessage } from '../cards/attach';
import type { Command } from '../commands/types';
import { analysisShow } from './analysisShow';
import { analysisRebuild } from './rebuild';
import { yearSummaryDraft } from './yearSummary';

const REBUILD = ['gjenoppbygg', 'bygg opp att', 'rebuild', 'tell opp', 'recount'];

/** `analyse` / `analysis` (secretariat and forum members), `analyse gjenoppbygg` (officers), `årsoppsummering`. */
export const ANALYTICS_COMMANDS: readonly Command[] = [
  {
    words: ['analyse', 'analysis', 'analysen'],
    handler: async (turn, args) => {
      if (REBUILD.includes(args.trim())) return analysisRebuild(turn);
      const result = await analysisShow(turn, {});
      await turn.context.sendActivity('card' in result ? cardMessage(result.card) : result.message);
    },
  },
  {
    words: ['årsoppsummering', 'aarsoppsummering', 'annual summary', 'year summary'],
    handler: async (turn) => {
      const result = await yearSummaryDraft(turn, {});
      await turn.context.sendActivity('card' in result ? cardMessage(result.card) : result.message);
    },
  },
];
