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

// Labels name kinds of turn chosen by the caller (see teams/endpoint.ts): a Map, so no label can
// reach Object.prototype ("__proto__" as a key of a plain object once poisoned every z.record parse).
let total = 0;
const byLabel = new Map<string, { turns: number; calls: number }>();
const current = new AsyncLocalStorage<{ calls: number; turns: number }>();

export const countingPolicy: PipelinePolicy = {
  name: 'kompetansebotCallCounter',
  sendRequest(request, next) {
    total++;
    const label = current.getStore();
    if (label) label.calls++;
    return next(request);
  },
};

/** Runs `work` with its storage requests counted under `label` (a verb, or 'message'). */
export function countedAs<T>(label: string, work: () => Promise<T>): Promise<T> {
  let entry = byLabel.get(label);
  if (!entry) byLabel.set(label, (entry = { turns: 0, calls: 0 }));
  entry.turns++;
  return current.run(entry, work);
}

/** A copy of the counts so far. */
export function callCounts(): CallCounts {
  // fromEntries defines own properties (never the __proto__ setter); the reader gets plain JSON.
  return { total, byLabel: Object.fromEntries([...byLabel].map(([k, v]) => [k, { ...v }])) };
}

/** Runs `work` outside any turn's count: background work a turn only set off (still in `total`). */
export function uncounted<T>(work: () => T): T {
  return current.exit(work);
}
