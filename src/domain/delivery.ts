/**
 * What a proactive message goes through, and what to do after each try. Pure: no I/O.
 */

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_KINDS = ['personal', 'thread', 'reply', 'update'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** Why a message ended as failed; each has a text in the delivery catalog. */
export const FAILURE_REASONS = [
  'blocked', // 403: the user blocked the bot, or it was removed from the team
  'gone', // 404: the conversation, thread or message no longer exists
  'too-large', // 413
  'rejected', // another 4xx: Teams will never take this message as it is
  'gave-up', // retryable faults until the attempts ran out
  'no-reference', // nowhere to send: the app was never installed there
  'stale', // the reference was marked stale by an earlier 403/404
  'parent-failed', // a reply or update whose original could not be sent
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** How one try ended, as far as the sender could tell. */
export interface AttemptFailure {
  /** HTTP status from Teams, when it answered. */
  status?: number;
  /** No answer: timed out, or the connection broke (reset) or never opened (refused). */
  network?: 'timeout' | 'reset' | 'refused' | 'other';
  retryAfterMs?: number;
}

export type Verdict = { action: 'retry'; inDoubt: boolean } | { action: 'fail'; reason: FailureReason; markStale: boolean };

/**
 * Retry on 408, 412, 429, 5xx and on no answer; 403 and 404 are final (and the stored
 * reference goes stale); other 4xx are final. After `maxAttempts` tries a retryable fault is final
 * too. `inDoubt` says Teams may have posted the message although the try looked failed.
 */
export function judgeFailure(f: AttemptFailure, attempts: number, maxAttempts: number, kind: DeliveryKind): Verdict {
  const s = f.status;
  if (s === 403) return { action: 'fail', reason: 'blocked', markStale: true };
  // A 404 on a reply or an update means the thread or the card was deleted, not the chat.
  if (s === 404) return { action: 'fail', reason: 'gone', markStale: kind === 'personal' || kind === 'thread' };
  if (s === 413) return { action: 'fail', reason: 'too-large', markStale: false };
  const retryable = s === undefined || s === 408 || s === 412 || s === 429 || s >= 500;
  if (!retryable) return { action: 'fail', reason: 'rejected', markStale: false };
  if (attempts >= maxAttempts) return { action: 'fail', reason: 'gave-up', markStale: false };
  // Bot Framework's "send" takes no idempotency key, and Teams can post a message and still fail
  // the answer (a gateway timeout, a 500), so after those a resend may show twice.
  const ambiguous = s === undefined ? f.network === 'timeout' || f.network === 'reset' : s === 408 || s === 500 || s === 502 || s === 504;
  return { action: 'retry', inDoubt: ambiguous };
}

/** A short, body-free description for the log and the status card. */
export function describeFailure(f: AttemptFailure): string {
  if (f.status !== undefined) return `HTTP ${f.status}`;
  return f.network === 'timeout' ? 'timeout' : f.network === 'refused' ? 'connection refused' : f.network === 'reset' ? 'connection dropped' : 'network error';
}
