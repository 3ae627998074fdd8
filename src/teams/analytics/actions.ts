import type { ActionHandler } from '../actions/types';
import { analysisExport } from './analysisExport';
import { analysisShow } from './analysisShow';
import { yearSummaryDraft, yearSummaryPost } from './yearSummary';

/** The analysis across rounds (issue 24): the views, their download, and the forum's annual summary. */
export const ANALYTICS_ACTIONS = {
  'analysis.show': analysisShow,
  'analysis.export': analysisExport,
  'analysis.summary': yearSummaryDraft,
  'analysis.summaryPost': yearSummaryPost,
} satisfies Record<string, ActionHandler>;
