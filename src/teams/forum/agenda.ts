import { agendaItemOf, agendaSource, MAX_AGENDA_ITEMS, statusOffAgenda, type Meeting } from '../../domain/forum';
import { FORUM_GROUP } from '../../domain/roles';
import { forumOfReport } from '../../domain/regions';
import { transition, type Actor, type NeedsReport } from '../../domain/report';
import type { Round } from '../../domain/round';
import { compareFirstArea } from '../../domain/forum/plan';
import { RefusedError, type ReportRecord } from '../../storage/reports';
import type { Services } from '../services';
import { Refusal } from '../refusals';
import { rulesFor } from './rulesOf';
import { mayGoOnAgenda } from '../../domain/continuationAnswer';

/** Runs `work` over `items` with at most `limit` at a time (storage round trips, not CPU). */
export async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]);
      }
    }),
  );
  return out;
}

/**
 * Reports that may go on this meeting's agenda: formally checked reports of the round sorted to
 * the meeting's working group, or for a forum meeting every checked report of the round in that
 * forum's groups (never another forum's); by priority area, then by reference.
 */
export async function candidates(services: Services, meeting: Meeting): Promise<Array<ReportRecord<NeedsReport>>> {
  const out: Array<ReportRecord<NeedsReport>> = [];
  // In two steps the forum takes up what its working groups have recommended, group by group.
  const source = agendaSource(meeting.group, await rulesFor(services, meeting.forum, FORUM_GROUP));
  for await (const r of services.reports.listRound<NeedsReport>(meeting.roundId, [source])) {
    // A continuation waits for its owner's confirmation.
    if (!mayGoOnAgenda(r)) continue;
    const ours = meeting.group === FORUM_GROUP ? forumOfReport(services.regions, r.summary) === meeting.forum : r.summary.workingGroup === meeting.group;
    if (ours) out.push(r);
  }
  const byGroup = source === 'recommended_by_group';
  // Continuations lead: their money is counted first against the year's budget.
  const first = (r: ReportRecord<NeedsReport>) => (r.continuation ? 0 : 1);
  // Then by the first priority area of the forum's plan the measure serves (a1 before a2; none last).
  return out.sort(
    (a, b) =>
      first(a) - first(b) ||
      (byGroup ? a.summary.workingGroup.localeCompare(b.summary.workingGroup) : 0) ||
      compareFirstArea(a.data.priorityAreas, b.data.priorityAreas) ||
      a.reference.localeCompare(b.reference),
  );
}

/**
 * Puts reports on the agenda: each moves formally_checked → on_agenda (audited, ETag-checked, so a
 * report never lands on two agendas), gets its snapshot row, and joins the end of the order. A
 * report that is already this meeting's item counts as added (a double press); one that moved
 * meanwhile is left out and reported back.
 */
export async function putOnAgenda(
  services: Services,
  meeting: Meeting,
  round: Round,
  reports: ReadonlyArray<ReportRecord<NeedsReport>>,
  actor: Actor,
): Promise<{ meeting: Meeting; added: string[]; refused: string[] }> {
  if (meeting.vote) throw new Refusal('forum.agenda.locked');
  const room = MAX_AGENDA_ITEMS - meeting.order.length;
  if (reports.length > room) throw new Refusal('forum.agenda.full', { max: MAX_AGENDA_ITEMS });
  const at = services.now();
  const areas = (await services.plans.get(meeting.forum))?.areas ?? [];
  const outcomes = await inBatches(reports, 6, async (report) => {
    if (await services.meetings.item(meeting.id, report.id)) return true;
    if (!mayGoOnAgenda(report)) return false;
    try {
      await services.reports.setStatus(round.id, report.id, (status) => {
        const moved = transition({ status }, 'on_agenda', { actor, at, deadline: new Date(round.deadline), reason: `meeting:${meeting.id}` });
        return moved.ok ? moved.entry : moved;
      });
    } catch (err) {
      if (err instanceof RefusedError) return false;
      throw err;
    }
    await services.meetings.putItem(meeting.id, agendaItemOf(report, round.year, areas));
    return true;
  });
  const added = reports.filter((_, i) => outcomes[i]).map((r) => r.id);
  const refused = reports.filter((_, i) => !outcomes[i]).map((r) => r.id);
  const updated = await services.meetings.update(meeting.forum, meeting.id, (m) => {
    const fresh = added.filter((id) => !m.order.includes(id));
    if (fresh.length === 0) return undefined;
    if (m.vote) throw new Refusal('forum.agenda.locked');
    return { ...m, order: [...m.order, ...fresh], revision: m.revision + 1 };
  });
  return { meeting: updated ?? meeting, added, refused };
}

/** Takes a report off the agenda and back where it came from (checked, or the group's recommendation), so another meeting may treat it. */
export async function takeOffAgenda(services: Services, meeting: Meeting, round: Round, reportId: string, actor: Actor): Promise<Meeting> {
  const updated = await services.meetings.update(meeting.forum, meeting.id, (m) => {
    if (m.vote) throw new Refusal('forum.agenda.locked');
    if (!m.order.includes(reportId)) return undefined;
    return { ...m, order: m.order.filter((id) => id !== reportId), revision: m.revision + 1 };
  });
  const item = await services.meetings.item(meeting.id, reportId);
  await services.meetings.removeItem(meeting.id, reportId);
  const at = services.now();
  const back = statusOffAgenda(item?.item.groupRecommendation !== undefined);
  try {
    await services.reports.setStatus(round.id, reportId, (status) => {
      const moved = transition({ status }, back, { actor, at, deadline: new Date(round.deadline), reason: `meeting:${meeting.id}` });
      return moved.ok ? moved.entry : moved;
    });
  } catch (err) {
    // Already back (a second press): nothing more to do.
    if (!(err instanceof RefusedError)) throw err;
  }
  return updated ?? meeting;
}

/** Moves an item one place up or down. */
export async function moveOnAgenda(services: Services, meeting: Meeting, reportId: string, direction: 'up' | 'down'): Promise<Meeting> {
  const updated = await services.meetings.update(meeting.forum, meeting.id, (m) => {
    if (m.vote) throw new Refusal('forum.agenda.locked');
    const i = m.order.indexOf(reportId);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= m.order.length) return undefined;
    const order = [...m.order];
    [order[i], order[j]] = [order[j], order[i]];
    return { ...m, order, revision: m.revision + 1 };
  });
  return updated ?? meeting;
}
