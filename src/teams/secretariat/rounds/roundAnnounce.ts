import { z } from 'zod';
import { newAnnouncementJob } from '../../../domain/announcement';
import { openRound } from '../../../domain/secretariat/round-setup';
import type { Round } from '../../../domain/round';
import type { Turn } from '../../turn';
import { officerActor } from '../../casework/load';

const RoundRef = z.object({ roundId: z.string().regex(/^[a-z0-9-]{1,40}$/) });

/**
 * Records that a round being opened is to be announced (the round-open job walks the people with
 * the app; roundOpenJob.ts). Written before the round moves to open, so a crash in between still
 * announces, and only when the move would be allowed now: a refused press writes nothing. (If
 * another officer's change refuses the move after all, the job waits, unwalked, until the round
 * is open.) A job already there is kept as it is, so a round is announced once.
 */
export async function requestAnnouncement(turn: Turn, data: Record<string, unknown>, all: Round[]): Promise<boolean> {
  const ref = RoundRef.safeParse(data);
  if (!ref.success) return false;
  const { services } = turn;
  const round = all.find((r) => r.id === ref.data.roundId);
  if (!round || !openRound(round, all, services.now()).ok) return false;
  return (await services.announcements.request(newAnnouncementJob(round.id, officerActor(turn).id!, services.now()))).created;
}
