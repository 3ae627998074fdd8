import type { ActionHandler } from '../actions/types';
import { claimsConfirm, claimsReject, claimsRejectConfirm } from './claimDecide';
import { claimsList } from './claimsList';

/** Claims to act for an owner (officers only): the list, confirming and rejecting. */
export const CLAIM_ACTIONS = {
  'claims.list': claimsList,
  'claims.confirm': claimsConfirm,
  'claims.reject': claimsReject,
  'claims.rejectConfirm': claimsRejectConfirm,
} satisfies Record<string, ActionHandler>;
