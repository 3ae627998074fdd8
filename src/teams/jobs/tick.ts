import type { JobRun } from '../../storage/jobRuns';
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
  const at = new Date().toISOString();
  const run: JobRun = {
    id: job.id,
    kind: kind.kind,
    input: job.input,
    status: 'running',
    done: 0,
    total: 0,
    figures: {},
    by: job.by,
    locale: 'nb',
    createdAt: at,
    updatedAt: at,
    failures: 0,
  };
  await services.jobs.begin(run, opts);
  return services.jobs.wait(job.id, services.jobs.pressWaitMs);
}
