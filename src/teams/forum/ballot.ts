import { z } from 'zod';
import { acceptsMarks, disqualificationOf, Id, tally, type AgendaItem, type Disqualification, type Mark, type Meeting, type Tally } from '../../domain/forum';
import { isOfficer, votesIn, type Grant, type Person } from '../../domain/roles';
import type { StoredItem } from '../../storage/meetings';
import { voterKey, type StoredMark } from '../../storage/votes';
import type { Services } from '../services';
import type { Turn } from '../turn';
import { Refusal } from '../refusals';
import { electorate, type Elector } from './electors';
import { cardElectorate, itemWhileOpen, marksAfterWrite } from './hotReads';
import { MAX_REFRESH_USERS, type VoteCardState, type Viewer } from './voteCard';
import { ownValue } from '../../domain/ownKeys';

export { electorate, type Elector };

/** What a voting card's buttons carry. Strict: a card never sends anything else, so extra fields are forged. */
export const VoteRef = z.object({ verb: z.string().optional(), meetingId: Id, reportId: Id, v: z.string().max(80) }).strict();
export type VoteRef = z.infer<typeof VoteRef>;

/** The channel the press came from: a voting card only counts, and only shows, in its own meeting's channel. */
export function channelOf(turn: Turn): string | undefined {
  const a = turn.context.activity;
  // Only a channel conversation counts, and its id names the channel ("19:…@thread.tacv2;messageid=…"):
  // channelData alone is what a personal chat's activity can also claim.
  if (a.conversation?.conversationType !== 'channel' || typeof a.conversation.id !== 'string') return undefined;
  const channel = a.conversation.id.split(';')[0];
  const fromData = (a.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
  return fromData === undefined || fromData === channel ? channel : undefined;
}

/** Why a press on a voting card is not from the meeting's channel, or undefined when it is. */
export function wrongChannel(turn: Turn, meeting: Pick<Meeting, 'posted'>): 'forum.vote.channelOnly' | 'forum.vote.forged' | undefined {
  if (turn.context.activity.conversation?.conversationType !== 'channel') return 'forum.vote.channelOnly';
  return meeting.posted && channelOf(turn) === meeting.posted.channelId ? undefined : 'forum.vote.forged';
}

export interface Count {
  /** The marks that count, by voter key. */
  counted: Record<string, Mark>;
  tally: Tally;
  chairMark?: Mark;
  /** Electors entitled to vote on this item (not disqualified by their organisations): the quorum's base. */
  electors: number;
}

/**
 * The marks a closing counts: from electors of the group as it is then (someone removed from the
 * group meanwhile no longer counts), and not from anyone whose organisation disqualifies them.
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
  const entitled = electors.filter((e) => !disqualificationOf(e.organisations, item)).length;
  return { counted, tally: tally(Object.values(counted)), chairMark, electors: entitled };
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
  const stored = await itemWhileOpen(services, meeting, reportId);
  if (!stored) throw new Refusal('forum.vote.notOnAgenda');
  return stored;
}

export interface ItemView {
  state: VoteCardState;
  marks: StoredMark[];
}

// An electorate is one array while it is cached (hotReads.ts): its count of voters per item is
// taken once, not per press (each count checks every elector's organisations against the item).
const voterCounts = new WeakMap<readonly Elector[], Map<string, number>>();
function votersOn(group: readonly Elector[], item: AgendaItem): number {
  let counts = voterCounts.get(group);
  if (!counts) voterCounts.set(group, (counts = new Map()));
  const parties = JSON.stringify([item.ownerOrgnr, item.networkOrgnrs, item.uhOrgnr ?? '']);
  let n = counts.get(parties);
  if (n === undefined) counts.set(parties, (n = group.filter((e) => !disqualificationOf(e.organisations, item)).length));
  return n;
}

/**
 * Everything a voting card shows, with the marks read fresh and tallied here, on every read. The
 * live tally counts every stored mark (only someone allowed to vote can store one); closing
 * checks each mark again against the group as it is then (see countMarks).
 */
export async function itemView(
  services: Services,
  meeting: Meeting,
  stored: StoredItem,
  read: { electors?: Elector[]; marks?: StoredMark[] } = {},
): Promise<ItemView> {
  const [group, marks] = await Promise.all([
    read.electors ?? cardElectorate(services, meeting.forum, meeting.group),
    read.marks ?? marksAfterWrite(services, meeting.id, stored.item.reportId).then((r) => r.marks),
  ]);
  const closed = meeting.vote?.status === 'closed' && stored.result;
  const voters = votersOn(group, stored.item);
  return {
    marks,
    state: {
      meeting,
      item: stored.item,
      position: meeting.order.indexOf(stored.item.reportId) + 1,
      of: meeting.order.length,
      count: closed ? stored.result!.tally : tally(marks.map((m) => m.mark)),
      voters,
      result: closed ? stored.result : undefined,
      accepting: acceptsMarks(meeting, services.now()),
      refreshUserIds: closed ? undefined : refreshUserIds(group, marks),
    },
  };
}

export interface Standing {
  person: Person;
  grants: Grant[];
  elector?: Elector;
  disqualified?: Disqualification;
  officer: boolean;
}

/** Where the caller stands on an item: elector or not, disqualified or not, officer or not. */
export async function standingOf(services: Services, person: Person, meeting: Meeting, item: AgendaItem): Promise<Standing> {
  const grants = await services.roles.of(person);
  // The caller's own grants decide whether they vote (one partition read by person).
  const theirs = votesIn(grants, meeting.forum, meeting.group)
    ? grants.filter((g) => g.forum === meeting.forum && g.group === meeting.group && (g.role === 'member' || g.role === 'chair'))
    : [];
  const elector: Elector | undefined =
    theirs.length === 0
      ? undefined
      : {
          key: voterKey(person),
          person,
          chair: theirs.some((g) => g.role === 'chair'),
          organisations: [...new Set(theirs.flatMap((g) => g.organisations))],
        };
  return {
    person,
    grants,
    elector,
    disqualified: elector ? disqualificationOf(elector.organisations, item) : undefined,
    officer: isOfficer(grants, services.regions.id),
  };
}

export function viewerOf(standing: Standing, view: ItemView, extra: Pick<Viewer, 'notice' | 'warning'> = {}): Viewer {
  const key = voterKey(standing.person);
  const mark = view.state.result ? ownValue(view.state.result.counted, key) : view.marks.find((m) => m.voterKey === key)?.mark;
  return { member: standing.elector !== undefined, officer: standing.officer, disqualified: standing.disqualified, mark, ...extra };
}
