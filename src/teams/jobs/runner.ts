import { pickLocale, translator } from '../../domain/i18n';
import { JobLost, type HeldRun, type JobRun, type JobRuns } from '../../storage/jobRuns';
import { isStorageUnavailable } from '../../storage/tables';
import { cardMessage } from '../cards/attach';
import type { Services } from '../services';
import type { JobStarter } from './starter';
import type { JobKind } from './types';

export interface RunnerOptions {
  instanceId: string;
  /** How often unfinished jobs are looked for (a job whose instance died is taken over then). */
  pollMs: number;
  /** A job's lease: renewed at every checkpoint; another instance takes over after it runs out. */
  leaseMs: number;
  /**
   * The least time between two updates of a job's card. Each update is a send in the officer's
   * conversation: every 2 s stays well inside Teams' 8 per 2 s and 60 per 30 s there.
   */
  cardEveryMs: number;
  /** How long a press waits for its job: small jobs answer with their figures at once. */
  pressWaitMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The outbox key of the card a press answered with (adopted, see press.ts), and of its updates. */
export const jobCardKey = (run: Pick<JobRun, 'id' | 'createdAt'>) => `job:${run.id}:${Date.parse(run.createdAt)}`;

/**
 * Runs jobs step by step, each step followed by a checkpoint under the job row's ETag that also
 * renews this instance's lease. One instance runs a job at a time (the lease); when an instance
 * dies, another takes the job over from its last checkpoint once the lease runs out, and the
 * step it repeats queues nothing twice (deterministic outbox keys). The officer's card is
 * replaced through the outbox, at most every `cardEveryMs`, and once more with the final figures.
 */
export class JobRunner implements JobStarter {
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private readonly running = new Map<string, Promise<JobRun | undefined>>();
  /** Jobs whose card was adopted (seen once; a card is never un-adopted). */
  private readonly cards = new Set<string>();

  constructor(
    /** The handlers' services (a function: they hold this runner as `jobs`, so are built after it). */
    private readonly servicesOf: () => Services,
    private readonly store: JobRuns,
    /** Every kind of job, loaded with the features (src/app/registry.ts) when first needed. */
    private readonly kinds: () => Promise<readonly JobKind[]>,
    private readonly opts: RunnerOptions,
  ) {}

  get pressWaitMs(): number {
    return this.opts.pressWaitMs;
  }

  private get services(): Services {
    return this.servicesOf();
  }

  start(): void {
    if (this.timer || this.opts.pollMs <= 0) return;
    this.stopping = false;
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs);
    this.timer.unref();
    void this.poll();
  }

  /** Stops after the steps under way; their jobs' leases are let go, so another instance goes on at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.running.values()]);
  }

  async begin(run: JobRun, opts: { again?: boolean } = {}): Promise<{ created: boolean; run: JobRun }> {
    const started = await this.store.start(run, opts.again);
    if (started.run.status === 'running') this.take(started.run.id);
    return started;
  }

  async wait(id: string, ms: number): Promise<JobRun | undefined> {
    const running = this.running.get(id);
    if (running) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([running.catch(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
      clearTimeout(timer);
    }
    return this.store.get(id);
  }

  get(id: string): Promise<JobRun | undefined> {
    return this.store.get(id);
  }

  /** Looks for jobs nobody runs (a dead instance's, or one that failed and waited its turn). */
  async poll(): Promise<void> {
    if (this.stopping) return;
    try {
      const now = Date.now();
      for (const run of await this.store.unfinished()) {
        const free = !run.leaseOwner || (run.leaseUntil ?? 0) <= now || run.leaseOwner === this.opts.instanceId;
        if (free && !this.running.has(run.id)) this.take(run.id);
      }
    } catch (err) {
      this.services.logger.warn('jobs could not be read', { storage: isStorageUnavailable(err), error: err as Error });
    }
  }

  private take(id: string): void {
    if (this.running.has(id) || this.stopping) return;
    const task = this.drive(id)
      .catch((err) => {
        this.services.logger.error('job stopped', { job: id, storage: isStorageUnavailable(err), error: err as Error });
        return undefined;
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, task);
  }

  private async drive(id: string): Promise<JobRun | undefined> {
    const { logger } = this.services;
    let held: HeldRun | undefined = await this.store.claim(id, this.opts.instanceId, this.opts.leaseMs);
    if (!held) return undefined;
    const kind = (await this.kinds()).find((k) => k.kind === held!.run.kind);
    if (!kind) {
      logger.error('job of an unknown kind', { job: id, kind: held.run.kind });
      return undefined;
    }
    if (held.run.failures > 0) await sleep(Math.min(this.opts.leaseMs / 2, 500 * 2 ** Math.min(held.run.failures, 6)));
    const memo = new Map<string, unknown>();
    let lastCard = 0;
    try {
      while (!this.stopping) {
        let result;
        try {
          result = await kind.step({ services: this.services, run: held.run, memo });
        } catch (err) {
          // The step is tried again (here after a pause, or by another instance) from the last checkpoint.
          logger.warn('job step failed', { job: id, failures: held.run.failures + 1, storage: isStorageUnavailable(err), error: err as Error });
          held = await this.store.save(held, { failures: held.run.failures + 1, leaseOwner: '', leaseUntil: 0 });
          return held.run;
        }
        held = await this.store.save(held, {
          cursor: result.cursor,
          done: result.done,
          total: result.total ?? held.run.total,
          figures: result.figures ?? held.run.figures,
          failures: 0,
          ...(result.finished ? { status: 'done' as const, leaseOwner: '', leaseUntil: 0 } : { leaseUntil: Date.now() + this.opts.leaseMs }),
        });
        if (result.finished) {
          logger.info('job done', { job: id, kind: kind.kind, done: held.run.done, total: held.run.total });
          await this.updateCard(kind, held.run, 'done');
          return held.run;
        }
        if (Date.now() - lastCard >= this.opts.cardEveryMs) {
          lastCard = Date.now();
          await this.updateCard(kind, held.run, String(held.run.done));
        }
      }
      // Stopping: let the job go, so another instance need not wait for the lease to run out.
      held = await this.store.save(held, { leaseOwner: '', leaseUntil: 0 });
      return held.run;
    } catch (err) {
      if (err instanceof JobLost) {
        logger.warn('job taken over by another instance', { job: id });
        return undefined;
      }
      throw err;
    }
  }

  /**
   * Replaces the officer's card, if the press handed one out to be updated. Each update has its
   * own key (the figure, or `done`), so a step repeated after a takeover queues no second update.
   */
  private async updateCard(kind: JobKind, run: JobRun, tag: string): Promise<void> {
    try {
      await sendJobCard(this.services, kind, run, tag, this.cards);
    } catch (err) {
      // The card is only a view of the job: its failure must not stop the work.
      this.services.logger.warn('job card not updated', { job: run.id, error: err as Error });
    }
  }
}

/** Queues the card's update (`tag`: the figure, or `done` for the final card) when the press's card was adopted. */
export async function sendJobCard(services: Services, kind: JobKind, run: JobRun, tag: string, known?: Set<string>): Promise<void> {
  const of = jobCardKey(run);
  if (!known?.has(of)) {
    if (!(await services.outbox.get(of))) return;
    known?.add(of);
  }
  const locale = pickLocale(run.locale);
  const view = { t: translator(locale), locale, services };
  const card = tag === 'done' ? await kind.doneCard(view, run) : kind.progressCard(view, run);
  await services.deliver({ kind: 'update', key: `${of}:${tag}`, of, activity: cardMessage(card) });
}
