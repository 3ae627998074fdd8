import { z } from 'zod';
import { Id } from '../../domain/forum';
import type { ActionHandler } from '../actions/types';
import { requireOfficer } from '../requireOfficer';
import { Refusal } from '../refusals';
import { itemView, loadItem, standingOf, viewerOf } from './ballot';
import { closeVote } from './closing';
import { editorFor } from './meetingShow';
import { forumView } from './view';
import { voteCard } from './voteCard';
import { inStepOf } from './rulesOf';

const CloseRef = z.object({ meetingId: Id, reportId: Id.optional(), page: z.coerce.number().int().min(0).max(100).optional() }).passthrough();

/**
 * `vote.close`: the officer ends the vote. From the editor the answer is the editor; from a
 * voting card in the channel it is that card, frozen with its result.
 */
export const voteClose: ActionHandler = async (turn, data) => {
  const officer = await requireOfficer(turn);
  const ref = CloseRef.safeParse(data);
  if (!ref.success) throw new Refusal('forum.meeting.notFound');
  const { services } = turn;
  const closed = await closeVote(services, ref.data.meetingId, officer.person);
  if (ref.data.reportId && closed.order.includes(ref.data.reportId)) {
    const stored = await loadItem(services, closed, ref.data.reportId);
    const view = await itemView(services, closed, stored);
    const standing = await standingOf(services, officer.person, closed, stored.item);
    return { card: voteCard(forumView(services, turn.locale), view.state, viewerOf(standing, view)) };
  }
  return editorFor(turn, closed, { page: ref.data.page, notice: inStepOf(forumView(services, turn.locale), closed).t('forum.vote.closedNotice') });
};
