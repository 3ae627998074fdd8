import { meetingMoney } from '../money/ledgerRead';
import { decideByRules, groupOutcomeOf, statusAfterVote, stepOf, type GroupRecommendation, type ItemResult, type Meeting } from '../../domain/forum';
import { transition, type Actor } from '../../domain/report';
import { SECRETARIAT_GROUP, type Person } from '../../domain/roles';
import { pickLocale } from '../../domain/i18n';
import { RefusedError } from '../../storage/reports';
import { voterKey } from '../../storage/votes';
import { cardMessage } from '../cards/attach';
import type { Services } from '../services';
import { Refusal } from '../refusals';
import { inBatches } from './agenda';
import { countMarks, electorate } from './ballot';
import { freezeVotingCards } from './publish';
import { recommendationCard } from './recommendationCard';
import { forumView, officerActor } from './view';
import { rulesOfMeeting } from './rulesOf';

/**
 * Closes a meeting's vote: the meeting goes to "closing" first (a member added from then on gets
 * no row), then each item's mark rows are frozen, so no new mark is taken, counted once and the
 * count written as the result, reports move to prioritised or
 * not_prioritised (undecided ones stay on the agenda for the secretariat), the cards freeze and
 * the recommendation goes to the secretariat. Every step may run again after a crash or on a
 * second instance and finds its work done: results are written once, keys deliver once.
 * `closer` is the officer who pressed, or undefined when the set closing time passed.
 */
export async function closeVote(services: Services, meetingId: string, closer?: Person): Promise<Meeting> {
  const closing = await services.meetings.update(services.regions.id, meetingId, (m) => {
    if (!m.vote) throw new Refusal('forum.vote.notOpen');
    return m.vote.status === 'open' ? { ...m, vote: { ...m.vote, status: 'closing' } } : undefined;
  });
  if (!closing) throw new Refusal('forum.meeting.notFound');
  if (closing.vote?.status === 'closed') return closing;

  const at = services.now();
  const round = await services.rounds.get(closing.roundId);
  if (!round) throw new Refusal('forum.round.missing');
  const electors = await electorate(services, closing.forum, closing.group);
  const rules = await rulesOfMeeting(services, closing);
  // Who the vote's moves are recorded as in each report's audit trail.
  const actor: Actor = closer ? officerActor(closer) : { role: 'secretariat', id: `vote:${closing.id}` };
  const items = await services.meetings.items(closing);
  await inBatches(items, 6, async (stored) => {
    let result = stored.result;
    if (!result) {
      // The item's mark rows are frozen (a press after that finds no row), then counted.
      const count = countMarks(await services.votes.freeze(closing.id, stored.item.reportId), electors, stored.item);
      const decision = decideByRules(count.tally, { electors: count.electors, chairMark: count.chairMark, rules });
      result = await services.meetings.setResult(closing.id, stored.item.reportId, {
        ...decision,
        tally: count.tally,
        counted: count.counted,
        electors: count.electors,
        closedAt: at.toISOString(),
      } satisfies ItemResult);
    }
    if (result.outcome === 'undecided') return;
    // Two steps: a working group's vote is its recommendation; the forum's is the one decided on.
    const step = stepOf(closing.group, rules);
    const to = statusAfterVote(result.outcome, step);
    const groupRecommendation: GroupRecommendation | undefined =
      step === 'group'
        ? {
            meetingId: closing.id,
            group: closing.group,
            outcome: groupOutcomeOf(result.outcome),
            method: result.method,
            tally: { prioritise: result.tally.prioritise, notPrioritise: result.tally.notPrioritise, abstain: result.tally.abstain },
            at: result.closedAt,
          }
        : undefined;
    try {
      await services.reports.setStatus(
        round.id,
        stored.item.reportId,
        (status) => {
          const moved = transition({ status }, to, { actor, at, deadline: new Date(round.deadline), reason: `meeting:${closing.id}:${result!.method}` });
          const vote = {
            outcome: result!.outcome as 'prioritised' | 'not_prioritised',
            method: result!.method,
            tally: { prioritise: result!.tally.prioritise, notPrioritise: result!.tally.notPrioritise, abstain: result!.tally.abstain },
          };
          return moved.ok ? { ...moved.entry, vote } : moved;
        },
        groupRecommendation ? { groupRecommendation } : {},
      );
    } catch (err) {
      // Moved on an earlier run of this close.
      if (!(err instanceof RefusedError)) throw err;
    }
  });

  const closed = (await services.meetings.update(closing.forum, meetingId, (m) =>
    m.vote && m.vote.status !== 'closed' ? { ...m, vote: { ...m.vote, status: 'closed', closedAt: at.toISOString() } } : undefined,
  ))!;
  await freezeVotingCards(services, closed);
  await sendRecommendation(services, closed, closer);
  return closed;
}

/**
 * The recommendation to every officer of the forum in their personal chat: those granted the
 * secretariat role, the officer who opened the vote and the one who closed it.
 */
export async function sendRecommendation(services: Services, meeting: Meeting, closer?: Person): Promise<number> {
  const round = await services.rounds.get(meeting.roundId);
  if (!round) return 0;
  const officers = new Map<string, Person>();
  // Officers are the County Governor's, whichever forum the meeting is in.
  for (const g of await services.roles.inGroup(services.regions.id, SECRETARIAT_GROUP))
    if (g.role === 'secretariat') officers.set(voterKey(g.person), g.person);
  for (const p of [meeting.vote?.openedBy, closer]) if (p) officers.set(voterKey(p), p);
  const items = await services.meetings.items(meeting);
  const money = await meetingMoney(
    services,
    round,
    meeting,
    items.map((i) => i.item.reportId),
  );
  for (const person of officers.values()) {
    const stored = await services.references.personal(person.tenantId, person.aadObjectId).catch(() => undefined);
    const view = forumView(services, pickLocale(stored?.locale ?? stored?.ref.locale));
    await services.deliver({
      kind: 'personal',
      key: `recommendation:${meeting.id}:${voterKey(person)}`,
      tenantId: person.tenantId,
      aadObjectId: person.aadObjectId,
      activity: {
        ...cardMessage(recommendationCard(view, meeting, round, items, { money })),
        summary: view.t('forum.recommendation.title', { title: meeting.title }),
      },
    });
  }
  return officers.size;
}

/**
 * For the secretariat's scheduler: closes every vote whose set closing time has passed. Safe to
 * call as often as wanted, from several instances at once. Returns the meetings it closed.
 */
export async function closeDueVotes(services: Services, now: Date = services.now()): Promise<Meeting[]> {
  const out: Meeting[] = [];
  for (const m of await services.meetings.dueToClose(undefined, now)) {
    try {
      out.push(await closeVote(services, m.id));
    } catch (err) {
      services.logger.error('a due vote could not be closed', { meetingId: m.id, error: err as Error });
    }
  }
  return out;
}
