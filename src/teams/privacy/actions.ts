import type { ActionHandler } from '../actions/types';
import { privacyDeleteDrafts, privacyDeleteDraftsConfirm, privacyShow } from './privacyData';
import { roundPurge, roundPurgeConfirm } from './roundPurge';

/** "My data": what is stored about the caller, and deleting their own drafts. */
export const PRIVACY_ACTIONS = {
  'privacy.show': privacyShow,
  'privacy.deleteDrafts': privacyDeleteDrafts,
  'privacy.deleteDraftsConfirm': privacyDeleteDraftsConfirm,
} satisfies Record<string, ActionHandler>;

/** Purging rounds past ROUND_RETENTION_YEARS (officers only, after a confirmation). */
export const RETENTION_ACTIONS = {
  'round.purge': roundPurge,
  'round.purgeConfirm': roundPurgeConfirm,
} satisfies Record<string, ActionHandler>;
