import type { Round } from '../../domain/round';
import type { JobState } from '../../storage/jobState';
import type { Services } from '../services';
import { autoClose } from './autoClose';
import { dailySummary } from './dailySummary';
import { intakeDigests } from './digests';
import { deadlineReminders } from './reminders';
import { roundAnnouncements } from './announcements';
import { closeDueVotes } from '../forum/closing';
import { usageReminders } from '../usage/reminders';
import { forgetSentCards } from './sentCards';
import type { JobContext, SchedulerOptions, TickReport } from './types';

// The job types live in a leaf file so the jobs can name them without importing the scheduler.
export type { JobContext, SchedulerOptions, TickReport } from './types';

type Job = { name: string; run: (ctx: JobContext) => Promise<void> };
const JOBS: readonly Job[] = [
  { name: 'autoClose', run: autoClose },
  // An opened round is announced by its round-open job; this starts the job where a crash left none.
  { name: 'announcements', run: roundAnnouncements },
  { name: 'reminders', run: deadlineReminders },
  { name: 'digests', run: intakeDigests },
  { name: 'dailySummary', run: dailySummary },
  { name: 'usageReminders', run: usageReminders },
  // Votes with a closing time close by themselves; until this runs a late mark is already refused.
  { name: 'votes', run: (ctx) => closeDueVotes(ctx.services, ctx.now).then(() => undefined) },
  { name: 'sentCards', run: forgetSentCards },
];

/**
 * Timed work, safe with any number of bot instances: nothing is kept in memory between ticks.
 * Each tick reads the clock (`services.now()`), the rounds and small watermark rows; each job
 * is idempotent: its messages have deterministic outbox keys (the same key twice is sent once)
 * and its watermarks move under ETags, so instances ticking at once do the work once.
 */
export class Scheduler {
  private timer?: NodeJS.Timeout;
  private chain: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(
    private readonly services: Services,
    private readonly jobs: JobState,
    private readonly opts: SchedulerOptions,
  ) {}

  start(): void {
    if (this.opts.tickMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (!this.busy) void this.tick();
    }, this.opts.tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.chain.catch(() => undefined);
  }

  /** Runs every job once, after any tick still running on this instance. Never throws. */
  tick(): Promise<TickReport> {
    const next = this.chain.catch(() => undefined).then(() => this.runOnce());
    this.chain = next;
    return next;
  }

  private async runOnce(): Promise<TickReport> {
    this.busy = true;
    const done: TickReport = { closed: [], reminders: [], digests: [], summaries: [], announcements: [], failed: [] };
    try {
      const now = this.services.now();
      let rounds: Round[];
      try {
        rounds = await this.services.rounds.list();
      } catch (err) {
        this.services.logger.warn('scheduler could not read rounds', { error: err as Error });
        done.failed.push('rounds');
        return done;
      }
      for (const job of JOBS) {
        try {
          await job.run({ services: this.services, jobs: this.jobs, opts: this.opts, now, rounds, done });
        } catch (err) {
          // One job's trouble (storage hiccup, a bad row) must not stop the others; the next tick retries.
          done.failed.push(job.name);
          this.services.logger.error('scheduled job failed', { job: job.name, error: err as Error });
        }
      }
      if (done.closed.length || done.reminders.length || done.digests.length || done.summaries.length || done.announcements.length) {
        this.services.logger.info('scheduler tick', {
          closed: done.closed.length,
          reminders: done.reminders.length,
          digests: done.digests.length,
          summaries: done.summaries.length,
          announcements: done.announcements.length,
        });
      }
      return done;
    } finally {
      this.busy = false;
    }
  }
}
