import { z } from 'zod';
import {
  acceptsMarks, disqualificationOf, Id, tally, type AgendaItem, type Disqualification, type Mark, type Meeting, type Tally,
} from '../../domain/forum';
import { isOfficer, votesIn, type Grant, type Person } from '../../domain/roles';
import type { StoredItem } from '../../storage/meetings';
import { voterKey, type StoredMark } from '../../storage/votes';
import type { Services } from '../services';
import { Refusal } from '../wizard/session';
import { MAX_REFRESH_USERS, type VoteCardState, type Viewer } from './voteCard';

/** What a voting card's buttons carry. Strict: a card never sends anything else, so extra fields are forged. */
export const VoteRef = z.object({ verb: z.string().optional(), meetingId: Id, reportId: Id, v: z.string().max(80) }).strict();
export type VoteRef = z.infer<typeof VoteRef>;

/** One person entitled to vote in a group: their grants there merged (a chair may also be a member). */
export interface Elector { key: string; person: Person; chair: boolean; organisations: string[] }

/** The members and chair of a group, one entry per person. */
export async function electorate(services: Services, forum: string, group: string): Promise<Elector[]> {
  const byKey = new Map<string, Elector>();
  for (const g of await services.roles.inGroup(forum, group)) {
    if (g.role !== 'member' && g.role !== 'chair') continue;
    const key = voterKey(g.person);
    const e = byKey.get(key) ?? { key, person: g.person, chair: false, organisations: [] };
    e.chair ||= g.role === 'chair';
    e.organisations = [...new Set([...e.organisations, ...g.organisations])];
    byKey.set(key, e);
  }
  return [...byKey.values()];
}

export interface Count {
  /** The marks that count, by voter key. */
  counted: Record<string, Mark>;
  tally: Tally;
  chairMark?: Mark;
  /** Electors not disqualified by their organisation. */
  voters: number;
  autoDisqualified: number;
}

/**
 * The marks that count on an item: from electors of the group as it is now (someone removed from
 * the group no longer counts), and not from anyone whose organisation disqualifies them. The live
 * tally and the closing result both come from here, so the card never shows what will not count.
 */
export function countMarks(marks: readonly StoredMark[], electors: readonly Elector[], item: AgendaItem): Count {
  const byKey = new Map(electors.map((e) => [e.key, e]));
  const counted: Record<string, Mark> = {};
  let chairMark: Mark | undefined;
  for (const m of marks) {
    const e = byKey.get(m.voterKey);
    if (!e || disqualificationOf(e.organisations, item)) continue;
    counted[m.voterKey] = m.mark;
    if (e.chair) chairMark = m.mark;
  }
  const autoDisqualified = electors.filter((e) => disqualificationOf(e.organisations, item)).length;
  return { counted, tally: tally(Object.values(counted)), chairMark, voters: electors.length - autoDisqualified, autoDisqualified };
}

/**
 * Who Teams refreshes the card for: the group's members by their Teams id when we have seen one
 * (from their marks), otherwise by their Entra object id as an MRI. A group over Teams' limit gets
 * an empty list, which tells Teams to offer a manual refresh (and the card shows "Oppdater").
 */
export function refreshUserIds(electors: readonly Elector[], marks: readonly StoredMark[]): string[] {
  if (electors.length > MAX_REFRESH_USERS) return [];
  const seen = new Map(marks.filter((m) => m.teamsUserId).map((m) => [m.voterKey, m.teamsUserId]));
  return electors.map((e) => seen.get(e.key) ?? `8:orgid:${e.person.aadObjectId}`);
}

export async function loadMeeting(services: Services, meetingId: string): Promise<Meeting> {
  const meeting = await services.meetings.get(services.regions.id, meetingId);
  if (!meeting) throw new Refusal('forum.meeting.notFound');
  return meeting;
}

/** The item if it is on this meeting's agenda; anything else is refused the same way. */
export async function loadItem(services: Services, meeting: Meeting, reportId: string): Promise<StoredItem> {
  const stored = meeting.order.includes(reportId) ? await services.meetings.item(meeting.id, reportId) : undefined;
  if (!stored) throw new Refusal('forum.vote.notOnAgenda');
  return stored;
}

export interface ItemView { state: VoteCardState; marks: StoredMark[]; electors: Elector[]; count: Count }

/** Everything a voting card shows, read fresh: marks are tallied here, on every read. */
export async function itemView(services: Services, meeting: Meeting, stored: StoredItem, electors?: Elector[]): Promise<ItemView> {
  const group = electors ?? await electorate(services, meeting.forum, meeting.group);
  const marks = await services.votes.of(meeting.id, stored.item.reportId);
  const count = countMarks(marks, group, stored.item);
  const closed = meeting.vote?.status === 'closed' && stored.result;
  return {
    marks, electors: group, count,
    state: {
      meeting, item: stored.item, position: meeting.order.indexOf(stored.item.reportId) + 1, of: meeting.order.length,
      count: closed ? stored.result!.tally : count.tally, voters: count.voters, result: closed ? stored.result : undefined,
      accepting: acceptsMarks(meeting, services.now()),
      refreshUserIds: closed ? undefined : refreshUserIds(group, marks),
    },
  };
}

export interface Standing { person: Person; grants: Grant[]; elector?: Elector; disqualified?: Disqualification; officer: boolean }

/** Where the caller stands on an item: elector or not, disqualified or not, officer or not. */
export async function standingOf(services: Services, person: Person, meeting: Meeting, item: AgendaItem): Promise<Standing> {
  const grants = await services.roles.of(person);
  // The caller's own grants decide whether they vote (one partition read by person).
  const theirs = votesIn(grants, meeting.forum, meeting.group)
    ? grants.filter((g) => g.forum === meeting.forum && g.group === meeting.group && (g.role === 'member' || g.role === 'chair'))
    : [];
  const elector: Elector | undefined = theirs.length === 0 ? undefined : {
    key: voterKey(person), person, chair: theirs.some((g) => g.role === 'chair'),
    organisations: [...new Set(theirs.flatMap((g) => g.organisations))],
  };
  return {
    person, grants, elector,
    disqualified: elector ? disqualificationOf(elector.organisations, item) : undefined,
    officer: isOfficer(grants, meeting.forum),
  };
}

export function viewerOf(standing: Standing, view: ItemView, extra: Pick<Viewer, 'notice' | 'warning'> = {}): Viewer {
  const mark = standing.elector ? view.count.counted[standing.elector.key] : undefined;
  const frozen = view.state.result?.counted[voterKey(standing.person)];
  return {
    member: standing.elector !== undefined, officer: standing.officer, disqualified: standing.disqualified,
    mark: view.state.result ? frozen : mark, ...extra,
  };
}
