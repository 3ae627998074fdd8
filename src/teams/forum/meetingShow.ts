import { z } from 'zod';
import { mayGoOnAgenda } from '../../domain/continuationAnswer';
import { forumOfReport } from '../../domain/regions';
import { agendaOpen, Id, type Meeting } from '../../domain/forum';
import type { NeedsReport } from '../../domain/report';
import type { ActionHandler, ActionResult } from '../actions/types';
import { requireOfficer } from '../requireOfficer';
import type { Turn } from '../turn';
import { Refusal } from '../refusals';
import { candidates, moveOnAgenda, putOnAgenda, takeOffAgenda } from './agenda';
import { loadMeeting } from './ballot';
import { meetingEditorCard } from './meetingCards';
import { followPosted, publishAgenda } from './publish';
import { forumView, officerActor } from './view';
import { inStepOf } from './rulesOf';
import { meetingMoney } from '../money/ledgerRead';

/** What the editor's buttons carry; inputs of the card (the report to add, a closing time) come along. */
export const MeetingRef = z
  .object({
    meetingId: Id,
    page: z.coerce.number().int().min(0).max(100).optional(),
  })
  .passthrough();

export async function editorFor(turn: Turn, meeting: Meeting, extra: { notice?: string; warning?: string; page?: number }): Promise<ActionResult> {
  const { services } = turn;
  const round = await services.rounds.get(meeting.roundId);
  if (!round) throw new Refusal('forum.round.missing');
  const items = await services.meetings.items(meeting);
  const [open, money] = await Promise.all([
    agendaOpen(meeting) ? candidates(services, meeting) : [],
    meetingMoney(
      services,
      round,
      meeting,
      items.map((i) => i.item.reportId),
    ),
  ]);
  return { card: meetingEditorCard(inStepOf(forumView(services, turn.locale), meeting), { meeting, round, items, candidates: open, money, ...extra }) };
}

async function officerAndMeeting(turn: Turn, data: Record<string, unknown>) {
  const officer = await requireOfficer(turn);
  const ref = MeetingRef.safeParse(data);
  if (!ref.success) throw new Refusal('forum.meeting.notFound');
  const meeting = await loadMeeting(turn.services, ref.data.meetingId);
  return { officer, meeting, page: ref.data.page };
}

/** `meeting.show`: the editor, at a page. */
export const meetingShow: ActionHandler = async (turn, data) => {
  const { meeting, page } = await officerAndMeeting(turn, data);
  return editorFor(turn, meeting, { page });
};

/** `meeting.add`: a formally checked report chosen on the editor joins the end of the agenda. */
export const meetingAdd: ActionHandler = async (turn, data) => {
  const { officer, meeting, page } = await officerAndMeeting(turn, data);
  const reportId = Id.safeParse(data.addReportId);
  if (!reportId.success) return editorFor(turn, meeting, { page, warning: turn.t('forum.editor.chooseReport') });
  const round = await turn.services.rounds.get(meeting.roundId);
  const report = round ? await turn.services.reports.get<NeedsReport>(round.id, reportId.data) : undefined;
  if (!round || !report) return editorFor(turn, meeting, { page, warning: turn.t('forum.editor.notCandidate') });
  // Another forum's report never joins this forum's agenda.
  const elsewhere = forumOfReport(turn.services.regions, report.summary) !== meeting.forum;
  if (elsewhere || (report.status !== 'formally_checked' && !meeting.order.includes(report.id))) {
    return editorFor(turn, meeting, { page, warning: turn.t('forum.editor.notCandidate') });
  }
  if (!mayGoOnAgenda(report)) return editorFor(turn, meeting, { page, warning: turn.t('continuation.notConfirmed', { reference: report.reference }) });
  const { meeting: after, added } = await putOnAgenda(turn.services, meeting, round, [report], officerActor(officer.person));
  const shown = await followPosted(turn.services, after);
  return added.length
    ? editorFor(turn, shown, { page, notice: turn.t('forum.editor.added', { reference: report.reference }) })
    : editorFor(turn, shown, { page, warning: turn.t('forum.editor.notCandidate') });
};

const ItemRef = z.object({ reportId: Id }).passthrough();

/** `meeting.remove`: off the agenda, back to formally checked. */
export const meetingRemove: ActionHandler = async (turn, data) => {
  const { officer, meeting, page } = await officerAndMeeting(turn, data);
  const item = ItemRef.safeParse(data);
  if (!item.success || !meeting.order.includes(item.data.reportId)) return editorFor(turn, meeting, { page });
  const round = await turn.services.rounds.get(meeting.roundId);
  if (!round) throw new Refusal('forum.round.missing');
  const stored = await turn.services.meetings.item(meeting.id, item.data.reportId);
  const after = await followPosted(turn.services, await takeOffAgenda(turn.services, meeting, round, item.data.reportId, officerActor(officer.person)));
  return editorFor(turn, after, { page, notice: turn.t('forum.editor.removed', { reference: stored?.item.reference ?? '' }) });
};

const MoveRef = z.object({ reportId: Id, to: z.enum(['up', 'down']) }).passthrough();

/** `meeting.move`: one place up or down. */
export const meetingMove: ActionHandler = async (turn, data) => {
  const { meeting, page } = await officerAndMeeting(turn, data);
  const move = MoveRef.safeParse(data);
  if (!move.success) return editorFor(turn, meeting, { page });
  const after = await followPosted(turn.services, await moveOnAgenda(turn.services, meeting, move.data.reportId, move.data.to));
  return editorFor(turn, after, { page });
};

/** `meeting.post`: the agenda into the group's channel, or the posted one brought up to date. */
export const meetingPost: ActionHandler = async (turn, data) => {
  const { meeting, page } = await officerAndMeeting(turn, data);
  const first = !meeting.posted;
  const after = await publishAgenda(turn.services, meeting);
  return editorFor(turn, after, { page, notice: turn.t(first ? 'forum.editor.posted' : 'forum.editor.reposted', { count: after.posted?.parts ?? 1 }) });
};
