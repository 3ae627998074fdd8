/**
 * Pacing for proactive sends, pure: every function takes the time as a number of milliseconds,
 * so tests drive it with a fake clock.
 *
 * Teams counts sends per conversation in sliding windows (7 per 1 s, 8 per 2 s, 60 per 30 s,
 * 1800 per hour) and per app. A classic token bucket refilling at max/window can let through up to
 * twice `max` inside one window, so each limit here is a bucket of `max` tokens in which a spent
 * token comes back exactly one window after Teams *answered* the send it paid for. Teams received
 * that send at or before the answer, so the next send through the same token reaches Teams at least
 * one full window later: the limit holds whatever the network latency.
 */

export interface WindowLimit {
  max: number;
  windowMs: number;
}

export const TEAMS_CONVERSATION_LIMITS: readonly WindowLimit[] = [
  { max: 7, windowMs: 1_000 },
  { max: 8, windowMs: 2_000 },
  { max: 60, windowMs: 30_000 },
  { max: 1800, windowMs: 3_600_000 },
];

export const appLimits = (perSecond: number): WindowLimit[] => [{ max: Math.max(1, Math.floor(perSecond)), windowMs: 1_000 }];

/** One bucket: `max` tokens, each returning `windowMs` after the send it paid for was answered. */
export class RollingBucket {
  private returnsAt: number[] = []; // ascending
  private inFlight = 0;

  constructor(
    public max: number,
    readonly windowMs: number,
  ) {}

  private prune(now: number): void {
    let i = 0;
    while (i < this.returnsAt.length && this.returnsAt[i] <= now) i++;
    if (i) this.returnsAt.splice(0, i);
  }

  /** The earliest time a token is free: `now`, a later time, or Infinity while only answers pending would free one. */
  freeAt(now: number): number {
    this.prune(now);
    const used = this.returnsAt.length + this.inFlight;
    if (used < this.max) return now;
    const mustReturn = used - this.max + 1;
    return mustReturn > this.returnsAt.length ? Infinity : this.returnsAt[mustReturn - 1];
  }

  take(): void {
    this.inFlight++;
  }

  /** The send was answered (whatever the answer): the token comes back one window from now. */
  finish(answeredAt: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const at = answeredAt + this.windowMs;
    let i = this.returnsAt.length;
    while (i > 0 && this.returnsAt[i - 1] > at) i--;
    this.returnsAt.splice(i, 0, at);
  }

  /** The send never left (the claim was lost, the message had to wait): the token was not used. */
  refund(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  idle(now: number): boolean {
    this.prune(now);
    return this.returnsAt.length === 0 && this.inFlight === 0;
  }
}

export interface Permit {
  /** The send must not start before this time (ms); later than "now" when booked ahead. */
  notBefore: number;
  /** Call once Teams answered (any answer, also an error or a timeout). */
  finish(answeredAt: number): void;
  /** Call when nothing was sent after all. */
  refund(): void;
}

interface ConversationState {
  buckets: RollingBucket[];
  blockedUntil: number;
}

/** Per-conversation and per-app limits together; a send needs a token from every bucket. */
export class RateLimiter {
  private readonly conversations = new Map<string, ConversationState>();
  private readonly app: RollingBucket[];

  constructor(private readonly limits: { conversation: readonly WindowLimit[]; app: readonly WindowLimit[] }) {
    this.app = limits.app.map((l) => new RollingBucket(l.max, l.windowMs));
  }

  private state(conversation: string): ConversationState {
    let s = this.conversations.get(conversation);
    if (!s) {
      s = { buckets: this.limits.conversation.map((l) => new RollingBucket(l.max, l.windowMs)), blockedUntil: 0 };
      this.conversations.set(conversation, s);
    }
    return s;
  }

  /** When a send to this conversation may start (Infinity: when an answer comes back). */
  freeAt(conversation: string, now: number): number {
    const s = this.conversations.get(conversation);
    let at = s ? Math.max(now, s.blockedUntil) : now;
    for (const b of [...this.app, ...(s?.buckets ?? [])]) at = Math.max(at, b.freeAt(now));
    return at;
  }

  /**
   * Takes a token from every bucket, or undefined when one is not free by `now + aheadMs`. Booking
   * a little ahead lets the caller do its storage work (claim the message) while the token is
   * still on its way back, and send the moment it is free. Until then the booked token is counted
   * twice (as returning and as taken), which only ever makes the limiter stricter.
   */
  tryTake(conversation: string, now: number, aheadMs = 0): Permit | undefined {
    const notBefore = this.freeAt(conversation, now);
    if (notBefore > now + aheadMs) return undefined;
    const buckets = [...this.app, ...this.state(conversation).buckets];
    for (const b of buckets) b.take();
    let done = false;
    return {
      notBefore,
      finish: (at) => {
        if (!done) {
          done = true;
          for (const b of buckets) b.finish(at);
        }
      },
      refund: () => {
        if (!done) {
          done = true;
          for (const b of buckets) b.refund();
        }
      },
    };
  }

  /** Teams said 429 with Retry-After: nothing more to this conversation until then. */
  blockUntil(conversation: string, until: number): void {
    const s = this.state(conversation);
    s.blockedUntil = Math.max(s.blockedUntil, until);
  }

  /** Several instances share the app's limit; each takes its share. */
  setAppShare(limits: readonly WindowLimit[]): void {
    limits.forEach((l, i) => {
      if (this.app[i]) this.app[i].max = Math.max(1, l.max);
    });
  }

  /** Forgets conversations with nothing outstanding, so memory follows activity, not history. */
  prune(now: number): void {
    for (const [key, s] of this.conversations) {
      if (s.blockedUntil <= now && s.buckets.every((b) => b.idle(now))) this.conversations.delete(key);
    }
  }

  get size(): number {
    return this.conversations.size;
  }
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries from
 * many messages spread out but none comes back at once. `attempt` counts from 1.
 */
export function backoffMs(attempt: number, opts: { baseMs: number; maxMs: number }, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. Capped at `maxMs`. */
export function retryAfterMs(header: string | null | undefined, now: number, maxMs = 10 * 60_000): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(maxMs, Math.max(0, Math.round(ms)));
}

/**
 * The least time (ms, from the first send to the last) in which `sends` sends can reach Teams
 * under sliding-window limits, when nothing else limits them: a lower bound used by the benchmark.
 */
export function floorMs(sends: number, limits: readonly WindowLimit[]): number {
  if (sends <= 1) return 0;
  // Greedy earliest sends under every window is optimal for a single stream.
  const times: number[] = [];
  let t = 0;
  for (let i = 0; i < sends; i++) {
    for (const l of limits) {
      if (times.length >= l.max) t = Math.max(t, times[times.length - l.max] + l.windowMs);
    }
    times.push(t);
  }
  return times[times.length - 1];
}
