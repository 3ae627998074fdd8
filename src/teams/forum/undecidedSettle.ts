import {
  agendaOpen,
  groupOutcomeOf,
  statusAfterVote,
  statusOffAgenda,
  stepOf,
  type FollowUp,
  type GroupRecommendation,
  type Meeting,
} from '../../domain/forum';
import { transition, type Actor, type NeedsReport, type ReportStatus } from '../../domain/report';
import type { Round } from '../../domain/round';
import type { Person } from '../../domain/roles';
import { RefusedError } from '../../storage/reports';
import type { StoredItem } from '../../storage/meetings';
import type { Services } from '../services';
import { Refusal } from '../refusals';
import { putOnAgenda } from './agenda';
import { rulesOfMeeting } from './rulesOf';

/**
 * The two ways out of an undecided item (issue 12 item 4). Each records the follow-up on the
 * meeting's item once (who, when, note), then moves the report under its ETag with the same note
 * in its audit trail. A second press finds the follow-up and the move done and changes nothing.
 */

export interface Officer {
  person: Person;
  name?: string;
  actor: Actor;
}

/** Meetings of the same group and round that may still take the item: their agendas are open. */
export async function laterMeetings(services: Services, meeting: Meeting): Promise<Meeting[]> {
  return (await services.meetings.list(meeting.forum)).filter(
    (m) => m.id !== meeting.id && m.group === meeting.group && m.roundId === meeting.roundId && agendaOpen(m) && m.date >= meeting.date,
  );
}

async function follow(services: Services, meeting: Meeting, stored: StoredItem, followUp: FollowUp): Promise<FollowUp> {
  const kept = await services.meetings.setFollowUp(meeting.id, stored.item.reportId, followUp);
  const same = kept.kind === followUp.kind && kept.outcome === followUp.outcome && kept.note === followUp.note && kept.toMeetingId === followUp.toMeetingId;
  if (!same) throw new Refusal('forum.undecided.notUndecided', { reference: stored.item.reference, title: meeting.title });
  return kept;
}

async function move(
  services: Services,
  round: Round,
  reportId: string,
  to: ReportStatus,
  actor: Actor,
  reason: string,
  extra: { groupRecommendation?: GroupRecommendation } = {},
) {
  try {
    await services.reports.setStatus(
      round.id,
      reportId,
      (status) => {
        const moved = transition({ status }, to, { actor, at: services.now(), deadline: new Date(round.deadline), reason });
        return moved.ok ? moved.entry : moved;
      },
      extra,
    );
  } catch (err) {
    // Moved by an earlier press of the same follow-up.
    if (!(err instanceof RefusedError)) throw err;
  }
}

/**
 * Puts the item on a later meeting: the report goes back where meetings take it from (checked, or
 * the group's recommendation), and onto `target`'s agenda when one is chosen; else the next meeting
 * made for the group takes it up by default.
 */
export async function putOnLaterMeeting(
  services: Services,
  meeting: Meeting,
  round: Round,
  stored: StoredItem,
  target: Meeting | undefined,
  note: string,
  officer: Officer,
): Promise<void> {
  if (target && !(await laterMeetings(services, meeting)).some((m) => m.id === target.id)) throw new Refusal('forum.undecided.badMeeting');
  await follow(services, meeting, stored, {
    kind: 'later',
    note,
    by: officer.person,
    ...(officer.name ? { byName: officer.name } : {}),
    at: services.now().toISOString(),
    ...(target ? { toMeetingId: target.id } : {}),
  });
  const back = statusOffAgenda(stored.item.groupRecommendation !== undefined);
  await move(services, round, stored.item.reportId, back, officer.actor, note ? `meeting:${meeting.id}:later · ${note}` : `meeting:${meeting.id}:later`);
  if (!target) return;
  const report = await services.reports.get<NeedsReport>(round.id, stored.item.reportId);
  if (report?.status === back) await putOnAgenda(services, target, round, [report], officer.actor);
}

/**
 * Records the result the meeting reached (e.g. agreed orally): the report moves as the vote would
 * have moved it (the group's recommendation in two steps, else the forum's), with the note.
 */
export async function recordMeetingResult(
  services: Services,
  meeting: Meeting,
  round: Round,
  stored: StoredItem,
  outcome: 'prioritised' | 'not_prioritised',
  note: string,
  officer: Officer,
): Promise<void> {
  const at = services.now().toISOString();
  await follow(services, meeting, stored, { kind: 'recorded', outcome, note, by: officer.person, ...(officer.name ? { byName: officer.name } : {}), at });
  const step = stepOf(meeting.group, await rulesOfMeeting(services, meeting));
  const tally = stored.result?.tally ?? { prioritise: 0, notPrioritise: 0, abstain: 0 };
  const groupRecommendation: GroupRecommendation | undefined =
    step === 'group'
      ? {
          meetingId: meeting.id,
          group: meeting.group,
          outcome: groupOutcomeOf(outcome),
          method: 'recorded',
          tally: { prioritise: tally.prioritise, notPrioritise: tally.notPrioritise, abstain: tally.abstain },
          at,
        }
      : undefined;
  // The meeting named as a vote names it, so the case's history tells the step in words (storyLine.ts).
  const reason = `meeting:${meeting.id}:recorded · ${note}`;
  await move(services, round, stored.item.reportId, statusAfterVote(outcome, step), officer.actor, reason, groupRecommendation ? { groupRecommendation } : {});
}
