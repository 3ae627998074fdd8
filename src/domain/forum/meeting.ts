import { z } from 'zod';
import { PersonSchema } from '../roles';
import { ownRecord } from '../ownKeys';
import { SCHEMES } from '../schemes';
import { MARKS } from './tally';
import { ForumRulesSchema, METHODS } from './rules';
import { GroupRecommendationSchema } from './twoSteps';
import { FollowUpSchema } from './followUp';
import { ContinuationSchema } from '../money/continuation';
import { THEMES } from '../report/themes';
import { TARGET_GROUPS } from '../report/target-groups';
import { MAX_PRIORITY_AREAS, PriorityAreaSchema } from './plan';

/**
 * A meeting of a working group (or of the forum itself) with its agenda: the reports it treats,
 * in order, and the state of its vote. The agenda's items are snapshots taken when a report is
 * put on it; reports on an agenda cannot be edited by their owners any more.
 */

export const Id = z.string().regex(/^[A-Za-z0-9-]{1,80}$/);
/** Most a meeting's agenda may hold; far above a real meeting, low enough to keep rows small. */
export const MAX_AGENDA_ITEMS = 500;
export const MAX_TITLE = 200;
/** How much of the need an agenda item and its voting card show (characters). */
export const NEED_START_CHARS = 280;

export const VoteStateSchema = z.object({
  /** New for every opening: cards of an earlier opening carry another id and are refused. */
  id: Id,
  status: z.enum(['open', 'closing', 'closed']),
  openedAt: z.string(),
  openedBy: PersonSchema,
  /** When the vote closes by itself (the secretariat's scheduler calls closeDueVotes). */
  closesAt: z.string().datetime({ offset: true }).optional(),
  closedAt: z.string().optional(),
  /** The rules the vote is counted by, fixed when it opens (a change of rules meanwhile does not reach it). */
  rules: ForumRulesSchema.optional(),
});
export type VoteState = z.infer<typeof VoteStateSchema>;

export const MeetingSchema = z.object({
  id: Id,
  forum: z.string(),
  /** A working group id, or FORUM_GROUP for a meeting of the forum itself. */
  group: z.string(),
  roundId: z.string(),
  title: z.string().min(1).max(MAX_TITLE),
  /** The meeting day, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Report ids in agenda order. */
  order: z.array(Id).max(MAX_AGENDA_ITEMS),
  /** Raised by every agenda change, so each change gives the posted card a new update. */
  revision: z.number().int().min(0),
  /** Where and how the agenda was posted: its parts' count at the latest revision posted. */
  posted: z.object({ teamId: z.string(), channelId: z.string(), parts: z.number().int().min(1), revision: z.number().int().min(0) }).optional(),
  vote: VoteStateSchema.optional(),
  createdBy: PersonSchema,
  createdAt: z.string(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export type MeetingPhase = 'draft' | 'posted' | 'voting' | 'closed';

export function phaseOf(m: Meeting): MeetingPhase {
  if (m.vote?.status === 'closed') return 'closed';
  if (m.vote) return 'voting';
  return m.posted ? 'posted' : 'draft';
}

/** The agenda can change until the vote opens. */
export const agendaOpen = (m: Meeting) => !m.vote;

/** Votes are taken while open and before the set closing time, whether or not the scheduler ran yet. */
export function acceptsMarks(m: Meeting, now: Date): boolean {
  return m.vote?.status === 'open' && !(m.vote.closesAt && Date.parse(m.vote.closesAt) <= now.getTime());
}

export const AgendaItemSchema = z.object({
  reportId: Id,
  reference: z.string(),
  ownerName: z.string(),
  ownerOrgnr: z.string(),
  networkOrgnrs: z.array(z.string()),
  scheme: z.enum(SCHEMES),
  title: z.string(),
  uhName: z.string(),
  uhOrgnr: z.string().optional(),
  /** Grant requested per school year (first calendar year of the school year). */
  years: z.array(z.object({ schoolYear: z.number().int(), grant: z.number().int().min(0) })),
  /** What the item asks of this round's budget: the grant for the round's school year. */
  roundAmount: z.number().int().min(0),
  /** On a forum's agenda in two steps: the working group's recommendation. */
  groupRecommendation: GroupRecommendationSchema.optional(),
  /** A multi-year measure's later year: which year, and the earlier years' decisions. */
  continuation: ContinuationSchema.optional(),
  // What the voters read of the need (issue 23): small fields only; the whole report is read on a
  // press (vote.need). Optional: items put on agendas before carry none of them.
  theme: z.enum(THEMES).optional(),
  themeOther: z.string().max(200).optional(),
  targetGroups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length).optional(),
  participants: z.number().int().min(0).optional(),
  unitCount: z.number().int().min(0).optional(),
  /** The own contribution for the round's school year. */
  ownContribution: z.object({ schoolYear: z.number().int(), amount: z.number().int().min(0) }).optional(),
  /** The first lines of the need and goal, at most NEED_START_CHARS characters and an ellipsis. */
  needStart: z
    .string()
    .max(NEED_START_CHARS * 2 + 4)
    .optional(),
  /** The forum's priority areas the measure serves, names as the plan had them when put on the agenda. */
  priorityAreas: z.array(PriorityAreaSchema).max(MAX_PRIORITY_AREAS).optional(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const ItemResultSchema = z.object({
  outcome: z.enum(['prioritised', 'not_prioritised', 'undecided']),
  method: z.enum(METHODS),
  /** Electors entitled to vote on the item when it closed (for the quorum shown with the result). */
  electors: z.number().int().min(0).optional(),
  tally: z.object({ prioritise: z.number(), notPrioritise: z.number(), abstain: z.number(), conflict: z.number(), total: z.number() }),
  /** The marks the result counts, by voter key: what a late write is checked against. */
  counted: ownRecord(z.string(), z.enum(MARKS)),
  closedAt: z.string(),
  /** An undecided item's way out, recorded by the secretariat after the meeting (followUp.ts). */
  followUp: FollowUpSchema.optional(),
});
export type ItemResult = z.infer<typeof ItemResultSchema>;
