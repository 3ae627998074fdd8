import type { Logger } from '../app/logger';
import type { Tables } from '../storage/tables';
import type { ConversationReferences } from '../storage/conversationReferences';
import type { Drafts } from '../storage/drafts';
import type { Reports } from '../storage/reports';
import type { OwnerPeople } from '../storage/ownerPeople';
import type { Rounds } from '../storage/rounds';
import type { RoundPurge } from '../storage/roundPurge';
import type { Roles } from '../storage/roles';
import type { Person } from '../domain/roles';
import type { Groups } from '../storage/groups';
import type { Meetings } from '../storage/meetings';
import type { Votes } from '../storage/votes';
import type { RegionConfig } from '../domain/regions';
import type { ForumRules } from '../domain/forum/rules';
import type { Outbox } from '../storage/outbox';
import type { ForumRulesStore } from '../storage/forumRules';
import type { ForumPlanStore } from '../storage/forumPlans';
import type { Deliver } from './delivery/deliver';
import type { ReportSummaries } from '../storage/reportSummaries';
import type { ExportLinks } from '../export/links';
import type { Announcements } from '../storage/announcements';
import type { RoundResults } from '../storage/roundResults';
import type { UsageReports } from '../storage/usageReports';
import type { JobStarter } from './jobs/starter';
import type { Aggregates } from '../storage/aggregates';

/** What handlers may use. Built once by the wiring; handlers never construct storage themselves. */
export interface Services {
  tables: Tables;
  references: ConversationReferences;
  drafts: Drafts;
  reports: Reports;
  /** Who is linked to which owner organisation (colleagues), with the audit trail; `access` is the one check. */
  ownerPeople: OwnerPeople;
  rounds: Rounds;
  roles: Roles;
  groups: Groups;
  /** Forum meetings and their agendas; marks on agenda items. */
  meetings: Meetings;
  votes: Votes;
  regions: RegionConfig;
  /** How the forum counts votes and whether working groups only recommend (FORUM_RULES; defaults when absent). */
  forumRules?: ForumRules;
  /** Rules an officer set in Teams for the forum or a working group; they replace FORUM_RULES there (see forum/rulesOf.ts). */
  rulesStore: ForumRulesStore;
  /** Each forum's plan and priority areas, set by the secretariat (forum/planEdit.ts). */
  plans: ForumPlanStore;
  /** The one door for proactive messages (personal chat, channel thread, reply, card update). */
  deliver: Deliver;
  /** Read side of delivery: a message's state by key, counts for the status command. */
  outbox: Outbox;
  /** BOOTSTRAP_SECRETARIAT (tenant + AAD object id each): secretariat officers by configuration. */
  bootstrapSecretariat: readonly Person[];
  /** A round's reports as summary columns only (overview, digests). */
  summaries: ReportSummaries;
  /** Usage reports (rapportering), one per paid school year, drafts included. */
  usage: UsageReports;
  /** Signed, short-lived download links for the secretariat's exports (served at /exports/<token>). */
  exportLinks: ExportLinks;
  /** Years after a round's deadline before the secretariat may purge it (ROUND_RETENTION_YEARS; default 10). */
  roundRetentionYears?: number;
  /** Deletes a round past retention, everything in it included (officers only, after a confirmation). */
  roundPurge: RoundPurge;
  /** Round announcements: the job an opened round starts, walked page by page by the scheduler. */
  announcements: Announcements;
  /** A round's decisions as result rows, and whether its results were published. */
  results: RoundResults;
  logger: Logger;
  now: () => Date;
  /** Long work started by a press (results, bulk grant), run step by step off the press (jobs/runner.ts). */
  jobs: JobStarter;
  /** The analytics' tallies per forum, round and scheme, kept as reports change (issue 24). */
  aggregates: Aggregates;
}
