import type { Config } from '../app/config';

/**
 * A token bucket per person (tenant + AAD object id), held in this instance's memory.
 *
 * In memory, per instance, on purpose: the limit protects this process's CPU and the storage it
 * writes to from one person's flood, and checking a shared counter in Table Storage would cost a
 * storage round trip per request, the very load it is meant to shed. With N instances behind one
 * endpoint a person gets at most N times the rate, which is still bounded.
 *
 * Memory is bounded twice: a bucket idle long enough to be full again is dropped (it would behave
 * exactly like a new one), and beyond `maxUsers` the least recently seen person is dropped first.
 */
export interface UserRateLimitOptions {
  /** Requests a person may send at once before being slowed down. 0 turns the limit off. */
  burst: number;
  /** Tokens given back per second: the sustained rate a person is answered at. */
  perSecond: number;
  /** Most people tracked at once. */
  maxUsers: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class UserRateLimit {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(private readonly opts: UserRateLimitOptions) {
    this.now = opts.now ?? (() => Date.now());
  }

  get enabled(): boolean {
    return this.opts.burst > 0;
  }

  /** How many people are tracked now (for tests and health). */
  get size(): number {
    return this.buckets.size;
  }

  /** True when the person may be answered now; takes one token. */
  take(key: string): boolean {
    if (!this.enabled) return true;
    const now = this.now();
    this.sweep(now);
    const old = this.buckets.get(key);
    const tokens = old ? Math.min(this.opts.burst, old.tokens + ((now - old.at) / 1000) * this.opts.perSecond) : this.opts.burst;
    // Delete and set again, so the Map's insertion order is least recently seen first.
    if (old) this.buckets.delete(key);
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    if (this.buckets.size > this.opts.maxUsers) this.evictOldest();
    return allowed;
  }

  // A tenth at a time: finding the oldest key walks past the holes earlier deletes left in the Map,
  // so one at a time would cost a walk per request under a flood of new ids.
  private evictOldest(): void {
    let drop = this.buckets.size - this.opts.maxUsers + Math.ceil(this.opts.maxUsers / 10);
    for (const key of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(key);
    }
  }

  // At most once per refill time, drop the buckets that are full again; oldest first, so it stops early.
  private sweep(now: number): void {
    const refillMs = (this.opts.burst / this.opts.perSecond) * 1000;
    if (now - this.lastSweep < refillMs) return;
    this.lastSweep = now;
    for (const [key, b] of this.buckets) {
      if (now - b.at < refillMs) break;
      this.buckets.delete(key);
    }
  }
}

/** The limit as configured (RATE_LIMIT_*): one per instance, made at start. */
export function userRateLimitOf(config: Pick<Config, 'RATE_LIMIT_BURST' | 'RATE_LIMIT_PER_SECOND' | 'RATE_LIMIT_MAX_USERS'>): UserRateLimit {
  return new UserRateLimit({ burst: config.RATE_LIMIT_BURST, perSecond: config.RATE_LIMIT_PER_SECOND, maxUsers: config.RATE_LIMIT_MAX_USERS });
}
