import type { Round } from '../../domain/round';
import type { JobState } from '../../storage/jobState';
import type { Services } from '../services';

export interface SchedulerOptions {
  /** How often to tick; 0 = never by itself (tests call tick()). */
  tickMs: number;
  /** Intake digests batch what arrived in windows of this many minutes. */
  digestMinutes: number;
  /** The daily summary goes out at or after this hour, Oslo time. */
  summaryHour: number;
}

export interface JobContext {
  services: Services;
  jobs: JobState;
  opts: SchedulerOptions;
  /** The clock for this whole tick, read once. */
  now: Date;
  rounds: Round[];
  /** What the tick did, for the log and for tests. */
  done: TickReport;
}

export interface TickReport {
  closed: string[];
  reminders: string[];
  digests: string[];
  summaries: string[];
  /** Round-open jobs started to announce a round a crash left unannounced (job ids). */
  announcements: string[];
  failed: string[];
}
