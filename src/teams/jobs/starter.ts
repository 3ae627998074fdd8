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

/** A new job's row, before its first step: `by` (tenant:aad, or `scheduler`) started it, `locale` is its card's language. */
export function newJobRun(
  kind: { kind: string },
  job: { id: string; input: Record<string, unknown>; total?: number; figures?: Record<string, number> },
  by: string,
  locale: string,
): JobRun {
  // The job's own clock (its card's keys, updatedAt) is real time, whatever clock handlers see in tests.
  const at = new Date().toISOString();
  return {
    id: job.id,
    kind: kind.kind,
    input: job.input,
    status: 'running',
    done: 0,
    total: job.total ?? 0,
    figures: job.figures ?? {},
    by,
    locale,
    createdAt: at,
    updatedAt: at,
    failures: 0,
  };
}
