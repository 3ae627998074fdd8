import { AsyncLocalStorage } from 'node:async_hooks';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/*
 * Storage calls counted where they leave the process: a pipeline policy on every Table client
 * counts each HTTP request (a retry is a request, a transaction is one). Each turn runs under a
 * label (its verb), so the benchmark reads calls per kind of turn instead of estimating them.
 */

export interface CallCounts {
  /** Every request since the process started. */
  total: number;
  /** Per label: how many turns ran under it and the requests they made. */
  byLabel: Record<string, { turns: number; calls: number }>;
}

const counts: CallCounts = { total: 0, byLabel: {} };
const current = new AsyncLocalStorage<{ calls: number; turns: number }>();

export const countingPolicy: PipelinePolicy = {
  name: 'kompetansebotCallCounter',
  sendRequest(request, next) {
    counts.total++;
    const label = current.getStore();
    if (label) label.calls++;
    return next(request);
  },
};

/** Runs `work` with its storage requests counted under `label` (a verb, or 'message'). */
export function countedAs<T>(label: string, work: () => Promise<T>): Promise<T> {
  const entry = (counts.byLabel[label] ??= { turns: 0, calls: 0 });
  entry.turns++;
  return current.run(entry, work);
}

/** A copy of the counts so far. */
export function callCounts(): CallCounts {
  return { total: counts.total, byLabel: Object.fromEntries(Object.entries(counts.byLabel).map(([k, v]) => [k, { ...v }])) };
}

/** Runs `work` outside any turn's count: background work a turn only set off (still in `total`). */
export function uncounted<T>(work: () => T): T {
  return current.exit(work);
}
