import type { JobRun } from '../../storage/jobRuns';
import { newJobRun } from './starter';
import type { Services } from '../services';
import type { JobKind } from './types';

/**
 * Starts long work from the scheduler (nobody pressed, so there is no card to update): the job is
 * stored and run on this instance, or joined where it runs already; `again` replaces a finished
 * one. The tick waits for it as a press does (JOB_PRESS_WAIT_MS), so small work is done within the
 * tick, and no longer: the tick's other work (closing rounds and votes) must not wait for a long job.
 */
export async function startFromTick(
  services: Services,
  kind: JobKind,
  job: { id: string; input: Record<string, unknown>; by: string },
  opts: { again?: boolean } = {},
): Promise<JobRun | undefined> {
  const run = newJobRun(kind, job, job.by, 'nb');
  await services.jobs.begin(run, opts);
  return services.jobs.wait(job.id, services.jobs.pressWaitMs);
}
