import type { Actor } from '../../domain/report';
import { startFromTick } from '../jobs/tick';
import { ROUND_OPEN_JOB, roundOpenJobId } from '../secretariat/rounds/roundOpenJob';
import type { JobContext } from './types';

/**
 * The round announcement is the round-open job's (secretariat/rounds/roundOpenJob.ts), started by
 * the officer's press. This finds an open round whose announcement was recorded but neither made
 * nor under way (the instance died between the press's writes, or the job was started by an
 * earlier version) and starts the job; a job already running is left to its runner, which another
 * instance takes over once a dead one's lease has run out.
 */
export async function roundAnnouncements(ctx: JobContext): Promise<void> {
  const { services } = ctx;
  for (const round of ctx.rounds.filter((r) => r.status === 'open')) {
    const record = await services.announcements.get(round.id);
    if (!record || record.done) continue;
    const id = roundOpenJobId(round.id);
    if ((await services.jobs.get(id))?.status === 'running') continue;
    const actor: Actor = { role: 'secretariat', id: record.requestedBy };
    await startFromTick(services, ROUND_OPEN_JOB, { id, input: { roundId: round.id, actor }, by: record.requestedBy }, { again: true });
    ctx.done.announcements.push(id);
  }
}
