import { disqualificationOf, type AgendaItem, type Meeting } from '../../domain/forum';
import type { Person } from '../../domain/roles';
import { voterKey } from '../../storage/votes';
import type { Services } from '../services';
import { inBatches } from './agenda';
import { electorate, type Elector } from './electors';

/*
 * An open vote has one row per elector and item (see storage/votes.ts): a press is one merge on
 * the presser's own row. These write the rows when the vote opens and keep them in step with the
 * grants while it is open. Someone disqualified on an item (inhabil) gets no row on it.
 */

const rowOf = (e: Elector) => ({ voter: e.person, role: e.chair ? ('chair' as const) : ('member' as const) });
const entitled = (e: Elector, item: AgendaItem) => !disqualificationOf(e.organisations, item);

/** Every elector's rows on every item of a meeting whose vote was just opened. Safe to run again. */
export async function openElectorRows(services: Services, meeting: Meeting): Promise<void> {
  const [electors, items] = await Promise.all([electorate(services, meeting.forum, meeting.group), services.meetings.items(meeting)]);
  await inBatches(items, 4, (stored) => services.votes.openRows(meeting.id, stored.item.reportId, electors.filter((e) => entitled(e, stored.item)).map(rowOf)));
}

/**
 * One elector's row on one item of an open vote, written late (added while the vote was open, or
 * the vote opened before its rows were written). True when the row stands: a close that began
 * before it was written might not have seen it, so then it is taken back and false returned.
 */
export async function lateElectorRow(services: Services, meeting: Meeting, reportId: string, elector: Elector): Promise<boolean> {
  await services.votes.openRows(meeting.id, reportId, [rowOf(elector)]);
  const now = await services.meetings.get(meeting.forum, meeting.id);
  if (now?.vote?.status === 'open' && now.vote.id === meeting.vote?.id) return true;
  await services.votes.removeRow(meeting.id, reportId, elector.person);
  return false;
}

/**
 * After a person's grant in a group was stored or revoked: on each open vote of the group they
 * get a row on every item they may vote on, and lose the rows they may no longer vote on (a mark
 * on one stays in their own data and counts nowhere).
 */
export async function followGrants(services: Services, person: Person, forum: string, group: string): Promise<void> {
  const open = (await services.meetings.openVotes(forum)).filter((m) => m.group === group && m.vote?.status === 'open');
  if (open.length === 0) return;
  const elector = (await electorate(services, forum, group)).find((e) => e.key === voterKey(person));
  for (const meeting of open) {
    await inBatches(await services.meetings.items(meeting), 4, async (stored) => {
      if (elector && entitled(elector, stored.item)) await lateElectorRow(services, meeting, stored.item.reportId, elector);
      else await services.votes.removeRow(meeting.id, stored.item.reportId, person);
    });
  }
}
