import { CASEWORK_ACTIONS } from '../teams/casework/actions';
import { CLAIM_ACTIONS } from '../teams/claims/actions';
import { COLLEAGUE_ACTIONS } from '../teams/colleagues/actions';
import { FORUM_ACTIONS } from '../teams/forum/actions';
import { FOLLOW_UP_ACTIONS } from '../teams/forum/followUpActions';
import { HELP_ACTIONS } from '../teams/help/actions';
import { PRIVACY_ACTIONS, RETENTION_ACTIONS } from '../teams/privacy/actions';
import { SECRETARIAT_ACTIONS } from '../teams/secretariat/actions';
import { USAGE_ACTIONS } from '../teams/usage/actions';
import { WIZARD_ACTIONS } from '../teams/wizard/actions';
import { CONTINUATION_ACTIONS } from '../teams/continuation/actions';
import { ANALYTICS_ACTIONS } from '../teams/analytics/actions';
import { ANALYTICS_COMMANDS } from '../teams/analytics/commands';
import { CASEWORK_COMMANDS } from '../teams/casework/commands';
import { CLAIM_COMMANDS } from '../teams/claims/commands';
import { COLLEAGUE_COMMANDS } from '../teams/colleagues/commands';
import { FORUM_COMMANDS } from '../teams/forum/commands';
import { HELP_COMMANDS } from '../teams/help/commands';
import { PRIVACY_COMMANDS, RETENTION_COMMANDS } from '../teams/privacy/commands';
import { SECRETARIAT_COMMANDS } from '../teams/secretariat/commands';
import { USAGE_COMMANDS } from '../teams/usage/commands';
import { WIZARD_COMMANDS } from '../teams/wizard/commands';
import { deliveryStatusCommand } from '../teams/secretariat/deliveryStatusCommand';
import type { ActionHandler } from '../teams/actions/types';
import type { Command, CommandHandler } from '../teams/commands/types';
import type { Registry } from '../teams/registryTypes';
import type { JobKind } from '../teams/jobs/types';
import { RESULTS_JOB } from '../teams/secretariat/rounds/resultsJob';
import { GRANT_ALL_JOB } from '../teams/casework/grantAllJob';
import { ROUND_OPEN_JOB } from '../teams/secretariat/rounds/roundOpenJob';
import { DEADLINE_REMINDERS_JOB } from '../teams/scheduler/reminders';
import { USAGE_REMINDERS_JOB } from '../teams/usage/reminders';
import { ANALYSIS_REBUILD_JOB } from '../teams/analytics/rebuild';
import { ownValue } from '../domain/ownKeys';

/*
 * The composition root's half of the bot: every feature's verbs and commands, assembled here and
 * handed to the endpoint (src/teams/endpoint.ts), so nothing in src/teams imports the features
 * from below them. A new feature adds its table at the END of the list it belongs to.
 */

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
  // Continuations: the owner's people confirm, lower or stop a measure's next year (issue 23).
  ...CONTINUATION_ACTIONS,
  // The analysis across rounds: views, download and the forum's annual summary (secretariat; members their forum).
  ...ANALYTICS_ACTIONS,
} satisfies Record<string, ActionHandler>;

// The verbs on cards are the keys of this table: a misspelled verb does not compile.
declare module '../teams/actions/verbs' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface VerbTable extends Record<keyof typeof ACTIONS, true> {}
}

/**
 * Everything a user can type, in one table: each feature's words in nb, nn and en, and the handler.
 * Matching is on the normalised text (mention removed, lower case); the first match wins.
 */
export const COMMANDS: readonly Command[] = [
  ...HELP_COMMANDS,
  ...WIZARD_COMMANDS,
  ...PRIVACY_COMMANDS,
  ...COLLEAGUE_COMMANDS,
  ...CLAIM_COMMANDS,
  { words: ['leveringsstatus', 'delivery status'], handler: deliveryStatusCommand },
  ...RETENTION_COMMANDS,
  ...SECRETARIAT_COMMANDS,
  ...FORUM_COMMANDS,
  ...USAGE_COMMANDS,
  // Last, so longer phrases starting with the same word match first.
  ...CASEWORK_COMMANDS,
  ...ANALYTICS_COMMANDS,
];

/** The handler of a verb that came back from a client, if the table has it (own keys only). */
export function handlerOf(verb: string): ActionHandler | undefined {
  return ownValue<ActionHandler>(ACTIONS, verb);
}

export function findCommand(text: string): { handler: CommandHandler; args: string } | undefined {
  for (const c of COMMANDS) {
    for (const w of c.words) {
      if (text === w || text.startsWith(w + ' ')) return { handler: c.handler, args: text.slice(w.length).trim() };
    }
  }
  return undefined;
}

/** What the endpoint is given: the lookups over the tables above. */
export const REGISTRY: Registry = { handlerOf, findCommand };

/** Every kind of long work the job runner (src/teams/jobs/runner.ts) can run or take over. */
export const JOBS: readonly JobKind[] = [RESULTS_JOB, GRANT_ALL_JOB, ROUND_OPEN_JOB, DEADLINE_REMINDERS_JOB, USAGE_REMINDERS_JOB, ANALYSIS_REBUILD_JOB];

/** The file behind a recommendation's CSV link (`GET /exports/…`, src/export/meetingCsvRoute.ts). */
export { meetingCsvFile } from '../teams/forum/meetingCsvFile';
