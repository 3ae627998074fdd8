import { CASEWORK_ACTIONS } from '../casework/actions';
import { CLAIM_ACTIONS } from '../claims/actions';
import { COLLEAGUE_ACTIONS } from '../colleagues/actions';
import { FORUM_ACTIONS } from '../forum/actions';
import { FOLLOW_UP_ACTIONS } from '../forum/followUpActions';
import { HELP_ACTIONS } from '../help/actions';
import { PRIVACY_ACTIONS, RETENTION_ACTIONS } from '../privacy/actions';
import { SECRETARIAT_ACTIONS } from '../secretariat/actions';
import { USAGE_ACTIONS } from '../usage/actions';
import { WIZARD_ACTIONS } from '../wizard/actions';
import { ANALYTICS_ACTIONS } from '../analytics/actions';
import type { ActionHandler } from './types';
import { ownValue } from '../../domain/ownKeys';

export type { ActionHandler, ActionResult } from './types';
export type { Verb } from './verbs';

/** Every Action.Execute verb the bot answers: each feature's table, merged. */
export const ACTIONS = {
  ...HELP_ACTIONS,
  // The owner's report dialog, their reports and drafts.
  ...WIZARD_ACTIONS,
  // "My data": what is stored about the caller, and deleting their own drafts.
  ...PRIVACY_ACTIONS,
  // Colleagues: who may act for an owner (its people; officers for any owner).
  ...COLLEAGUE_ACTIONS,
  // Claims to act for an owner: the secretariat confirms or rejects them (officers only).
  ...CLAIM_ACTIONS,
  // The secretariat's round: menu, roles and channels, rounds, overview (officers only).
  ...SECRETARIAT_ACTIONS,
  // The secretariat's casework (officers only): one report, its check, decision and payment.
  ...CASEWORK_ACTIONS,
  // Purging rounds past ROUND_RETENTION_YEARS (officers only, after a confirmation).
  ...RETENTION_ACTIONS,
  // Forum meetings (officers build agendas and run votes; members vote in the channel).
  ...FORUM_ACTIONS,
  // Undecided items' follow-up and the voting rules per forum and working group (officers only).
  ...FOLLOW_UP_ACTIONS,
  // Usage reports: owners file one per paid school year; the secretariat accepts or returns them.
  ...USAGE_ACTIONS,
  // The analysis across rounds: views, download and the forum's annual summary (secretariat; members their forum).
  ...ANALYTICS_ACTIONS,
} satisfies Record<string, ActionHandler>;

// The verbs on cards are the keys of this table: a misspelled verb does not compile.
declare module './verbs' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface VerbTable extends Record<keyof typeof ACTIONS, true> {}
}

/** The handler of a verb that came back from a client, if the table has it (own keys only). */
export function handlerOf(verb: string): ActionHandler | undefined {
  return ownValue<ActionHandler>(ACTIONS, verb);
}
