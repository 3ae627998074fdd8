import type { Locale, Translate } from '../../domain/i18n';
import type { JobRun } from '../../storage/jobRuns';
import type { AdaptiveCard } from '../cards/render';
import type { Services } from '../services';

export interface StepContext {
  services: Services;
  run: JobRun;
  /** Kept while one instance runs the job (rows read once, not per step); lost on a takeover. */
  memo: Map<string, unknown>;
}

/** What a step did: the checkpoint the next step starts from, and the figures so far. */
export interface StepResult {
  cursor: unknown;
  done: number;
  total?: number;
  figures?: Record<string, number>;
  finished: boolean;
}

export interface CardView {
  t: Translate;
  locale: Locale;
  services: Services;
}

/**
 * A kind of long work. A step does a bounded piece (a page of owners, a few reports) and must be
 * safe to run again from the same cursor: a crash after a step's writes and before its checkpoint
 * repeats it, so every message it queues has a deterministic outbox key and every write is
 * create-if-absent or ETag-guarded.
 */
export interface JobKind {
  kind: string;
  step(ctx: StepContext): Promise<StepResult>;
  /** The card while it runs ("Sendt 1 200 av 6 000 eiere"). */
  progressCard(view: CardView, run: JobRun): AdaptiveCard;
  /** The card when it is done, with its figures. */
  doneCard(view: CardView, run: JobRun): Promise<AdaptiveCard>;
}
