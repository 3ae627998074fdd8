import type { JobRun } from '../../storage/jobRuns';

/**
 * What handlers may do with jobs (Services.jobs): start one and wait a moment for it. The runner
 * behind it (runner.ts) is built at the composition root with every kind of job.
 */
export interface JobStarter {
  /** Stores the job (or joins the one with its id already running) and starts it on this instance. */
  begin(run: JobRun, opts?: { again?: boolean }): Promise<{ created: boolean; run: JobRun }>;
  /** The job once finished, if it finishes within `ms`; otherwise where it stands then. */
  wait(id: string, ms: number): Promise<JobRun | undefined>;
  get(id: string): Promise<JobRun | undefined>;
  /** How long a press waits for its job before answering with the progress card (JOB_PRESS_WAIT_MS). */
  readonly pressWaitMs: number;
}
