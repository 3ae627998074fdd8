import { z } from 'zod';
import { newAnnouncementJob } from '../../../domain/announcement';
import type { Turn } from '../../turn';
import { officerActor } from '../../casework/load';

const RoundRef = z.object({ roundId: z.string().regex(/^[a-z0-9-]{1,40}$/) });

/**
 * Records that a round being opened is to be announced (the scheduler walks the job; nothing is
 * sent on the click). Written before the round moves to open: if the move is refused the job
 * waits, unwalked, until the round is open; an already open round (the local demo round, a
 * second press) gets no job of its own, and a job already there is kept as it is.
 */
export async function requestAnnouncement(turn: Turn, data: Record<string, unknown>): Promise<void> {
  const ref = RoundRef.safeParse(data);
  if (!ref.success) return;
  const round = await turn.services.rounds.get(ref.data.roundId);
  if (!round || round.status === 'open') return;
  await turn.services.announcements.request(newAnnouncementJob(round.id, officerActor(turn).id!, turn.services.now()));
}
