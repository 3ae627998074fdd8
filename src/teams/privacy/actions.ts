import type { ActionHandler } from '../actions/types';
import { privacyDeleteDrafts, privacyDeleteDraftsConfirm, privacyShow } from './privacyData';
import { roundPurge, roundPurgeConfirm } from './roundPurge';

/** "My data" (what is stored about the caller, deleting their drafts) and purging old rounds (officers). */
export const PRIVACY_ACTIONS = {
  'privacy.show': privacyShow,
  'privacy.deleteDrafts': privacyDeleteDrafts,
  'privacy.deleteDraftsConfirm': privacyDeleteDraftsConfirm,
  // Purging rounds past ROUND_RETENTION_YEARS (officers only, after a confirmation).
  'round.purge': roundPurge,
  'round.purgeConfirm': roundPurgeConfirm,
} satisfies Record<string, ActionHandler>;
