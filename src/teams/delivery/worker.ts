import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Logger } from '../../app/logger';
import { describeFailure, judgeFailure, type FailureReason } from '../../domain/delivery';
import { appLimits, backoffMs, RateLimiter, TEAMS_CONVERSATION_LIMITS, type Permit, type WindowLimit } from '../../domain/rateLimit';
import type { ConversationReferences, StoredTarget } from '../../storage/conversationReferences';
import type { DeliveryLeases } from '../../storage/deliveryLeases';
import type { Claim, DueEntry, Outbox, OutboxMessage, OutboxTarget } from '../../storage/outbox';
import { isStorageUnavailable } from '../../storage/tables';
import type { Sender, SendPlan } from './sender';

export interface WorkerOptions {
  instanceId: string;
  /** How often the outbox is read when nothing wakes the worker earlier. */
  pollMs: number;
  /** Claim on a message and on a conversation; a dead instance's work is taken over after this. */
  leaseMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** The app's overall limit (sends per second), shared among live instances. */
  appRatePerSecond: number;
  maxInFlight: number;
  conversationLimits?: readonly WindowLimit[];
}

export interface WorkerDeps {
  outbox: Outbox;
  leases: DeliveryLeases;
  references: ConversationReferences;
  sender: Sender;
  logger: Logger;
}

type Plan = { send: SendPlan } | { wait: number } | { fail: FailureReason };
interface Lookup {
  target?: StoredTarget;
  original?: OutboxMessage;
}
/**
 * The tries under way in one conversation. `broken`: an earlier one could not be sent in its turn
 * (another instance had it, or it waits for its original), so the later ones step back too rather
 * than overtake it.
 */
interface Lane {
  active: number;
  answered: Promise<void>;
  broken: boolean;
}

const PAGE = 100;
// A send is booked this long before its token is back, so the claim (two storage round trips) is
// done by then and the send goes out on time. (A message claimed but not yet sent when the process
// dies is later flagged in doubt although it was never sent: harmless, it is then sent once.)
const BOOK_AHEAD_MS = 100;
// Tries under way per conversation, as many as Teams takes in a burst (8 in 2 s): their storage
// work runs side by side, their sends one after another.
const PIPELINE = 8;
// The heartbeat: at most this far apart, and each one counts for this many beats.
const MAX_BEAT_MS = 5000;
const BEAT_LIVES = 2;
// A candidate going within this long counts as work in hand (see `ready`).
const READY_MS = 250;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Drains the outbox. One loop reads what is due and starts a try whenever the rate limiter has a
 * token for both the app and the message's conversation. Each try: hold the conversation's lease,
 * claim the message (ETag), send through botbuilder, then record the outcome at once. Within a
 * conversation, sends go one after another in queue order (a retry may fall behind later messages).
 */
export class DeliveryWorker {
  private running = false;
  private loopDone?: Promise<void>;
  private wakeUp?: () => void;
  private signalled = false;
  private pollRequested = true;
  /** Something was queued here since the last poll. */
  private queued = false;
  /** Candidates the last dispatch left to go within READY_MS (a token, their due time), not waiting for a poll. */
  private ready = 0;
  private candidates: DueEntry[] = [];
  private lastPoll = 0;
  private lastPollFull = false;
  private storageFailures = 0;
  private lastBeat = 0;
  private stopDeadline = 0;
  private readonly inflight = new Map<string, Promise<void>>();
  /** Per conversation: tries under way, and the answer the next send there must wait for. */
  private readonly lanes = new Map<string, Lane>();
  private readonly held = new Map<string, number>();
  private readonly foreign = new Map<string, number>();
  private readonly holding = new Map<string, Promise<boolean>>();
  /** Conversations to leave alone until a poll that started after this time (ms). */
  private readonly repoll = new Map<string, number>();
  private readonly limiter: RateLimiter;

  constructor(
    private readonly deps: WorkerDeps,
    private readonly opts: WorkerOptions,
  ) {
    this.limiter = new RateLimiter({ conversation: opts.conversationLimits ?? TEAMS_CONVERSATION_LIMITS, app: appLimits(opts.appRatePerSecond) });
  }

  get instanceId(): string {
    return this.opts.instanceId;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop().catch((err) => this.deps.logger.error('delivery worker stopped unexpectedly', { error: err as Error }));
  }

  /** Something was queued: look at the outbox soon instead of at the next poll. */
  wake(): void {
    this.queued = true;
    this.signal();
  }

  /** Stops taking work, lets sends in flight finish and be recorded (up to `graceMs`), releases leases. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopDeadline = Date.now() + graceMs;
    this.signal();
    await this.loopDone;
    // The grace timer is cleared once the sends are done, so a stopped worker holds the process no longer.
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inflight.values()]),
      new Promise<void>((r) => {
        grace = setTimeout(r, graceMs);
      }),
    ]);
    clearTimeout(grace);
    try {
      await this.deps.leases.release(this.held.keys(), this.opts.instanceId);
      await this.deps.leases.leave(this.opts.instanceId);
    } catch {
      // Storage is down: the leases run out by themselves.
    }
  }

  private signal(): void {
    this.signalled = true;
    this.wakeUp?.();
  }

  private wait(ms: number): Promise<void> {
    if (this.signalled || ms <= 0) {
      this.signalled = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.signalled = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      await this.heartbeat();
      const now = Date.now();
      const minGap = Math.min(100, this.opts.pollMs);
      const since = now - this.lastPoll;
      // A message queued here is looked for at once only when what the last poll found runs short:
      // while a backlog drains at the app's rate, each poll (a query per shard) would find it anyway.
      const short = this.queued && this.ready < this.opts.maxInFlight;
      if (since >= this.opts.pollMs || (since >= minGap && (this.pollRequested || short || (this.lastPollFull && this.candidates.length === 0)))) {
        await this.poll();
      }
      const next = this.dispatch(Date.now());
      const soon = this.pollRequested || (this.queued && this.ready < this.opts.maxInFlight);
      const nextPoll = this.lastPoll + (soon ? minGap : this.opts.pollMs);
      await this.wait(Math.min(next, nextPoll) - Date.now());
    }
  }

  private async poll(): Promise<void> {
    this.pollRequested = false;
    this.queued = false;
    const now = Date.now();
    try {
      // Look a poll ahead, so a retry due before the next poll starts on time.
      this.candidates = await this.deps.outbox.due(now + this.opts.pollMs, PAGE);
      this.lastPollFull = this.candidates.length >= PAGE;
      this.lastPoll = now;
      for (const [conversation, since] of this.repoll) if (since < now) this.repoll.delete(conversation);
      if (this.storageFailures) this.deps.logger.info('delivery resumed: storage answers again', { after: this.storageFailures });
      this.storageFailures = 0;
    } catch (err) {
      this.candidates = [];
      if (!this.storageFailures)
        this.deps.logger.warn('delivery paused: the outbox cannot be read', { storage: isStorageUnavailable(err), error: err as Error });
      this.storageFailures++;
      // Back off while storage is away; the next poll is due at lastPoll + pollMs.
      this.lastPoll = now - this.opts.pollMs + Math.min(5000, 200 * 2 ** Math.min(5, this.storageFailures));
    }
  }

  /** Starts every send the limits allow now; returns when to look again. */
  private dispatch(now: number): number {
    let next = Infinity;
    const started = new Set<DueEntry>();
    const blocked = new Set<string>();
    let ready = 0;
    for (const c of this.candidates) {
      if (this.inflight.size >= this.opts.maxInFlight || !this.running) {
        // Full: the rest wait for a try to finish, not for a poll.
        ready = this.candidates.length;
        break;
      }
      // A conversation's messages go in order: once one of them cannot go yet, the later ones wait too.
      if (blocked.has(c.conversation) || this.inflight.has(c.key)) continue;
      const lane = this.lanes.get(c.conversation);
      let wait: number | undefined;
      if ((lane?.active ?? 0) >= PIPELINE || lane?.broken || this.repoll.has(c.conversation)) wait = Infinity;
      else if (c.dueAt > now) wait = c.dueAt;
      else if ((this.foreign.get(c.conversation) ?? 0) > now) wait = Infinity;
      else {
        const free = this.limiter.freeAt(c.conversation, now);
        if (free > now + BOOK_AHEAD_MS) wait = free - BOOK_AHEAD_MS;
      }
      const permit = wait === undefined ? this.limiter.tryTake(c.conversation, now, BOOK_AHEAD_MS) : undefined;
      if (!permit) {
        blocked.add(c.conversation);
        if (wait !== undefined && Number.isFinite(wait)) next = Math.min(next, wait);
        // Ready: goes within a moment (a conversation held back for seconds keeps no one busy).
        if (wait === undefined || wait - now <= READY_MS) ready++;
        continue;
      }
      started.add(c);
      this.launch(c, permit);
    }
    if (started.size) this.candidates = this.candidates.filter((c) => !started.has(c));
    this.ready = ready;
    return next;
  }

  private launch(c: DueEntry, permit: Permit): void {
    const lane = this.lanes.get(c.conversation) ?? { active: 0, answered: Promise.resolve(), broken: false };
    let answered!: () => void;
    const previous = lane.answered;
    lane.answered = new Promise<void>((r) => {
      answered = r;
    });
    lane.active++;
    this.lanes.set(c.conversation, lane);
    const task = this.process(c, permit, lane, previous, answered)
      .catch((err) => {
        permit.refund();
        const storage = isStorageUnavailable(err);
        if (storage) this.pollRequested = true;
        this.deps.logger.warn('delivery try did not complete', { key: c.key, storage, error: err as Error });
      })
      .finally(() => {
        answered();
        this.inflight.delete(c.key);
        if (--lane.active === 0 && this.lanes.get(c.conversation) === lane) this.lanes.delete(c.conversation);
        this.signal();
      });
    this.inflight.set(c.key, task);
  }

  /**
   * One try. The storage work (lease, claim, where to send) overlaps the conversation's previous
   * send; the send itself starts only after the previous one was answered, so order holds.
   */
  private async process(c: DueEntry, permit: Permit, lane: Lane, previous: Promise<void>, answered: () => void): Promise<void> {
    const { outbox, logger } = this.deps;
    // Assigned once below, but read by stepBack, which is defined before it.
    // eslint-disable-next-line prefer-const
    let claim: Claim | undefined;
    // Not sent in its turn: the conversation's later messages must not overtake it, so this lane
    // stops and the conversation waits for a fresh look at the outbox. A claimed message goes back
    // to its old place in the queue (`at`), or later after a fault.
    const stepBack = async (at: number) => {
      lane.broken = true;
      permit.refund();
      try {
        if (claim) await this.record(() => outbox.postpone(claim!, at));
      } finally {
        this.repoll.set(c.conversation, Date.now());
        this.pollRequested = true;
      }
    };
    // The lease first: an instance that does not send to this conversation never claims its
    // messages, so it cannot get in the way of the one that does.
    let held: boolean;
    try {
      held = await this.holdConversation(c.conversation);
    } catch (err) {
      await stepBack(c.dueAt);
      throw err;
    }
    if (!held) return stepBack(c.dueAt);
    // The claim and the look-ups are independent: one round of waiting.
    const [claimed, found] = await Promise.allSettled([
      outbox.claim(c, { leaseId: `${this.opts.instanceId}:${randomUUID()}`, leaseMs: this.opts.leaseMs }),
      this.lookup(c),
    ]);
    if (claimed.status === 'rejected') {
      await stepBack(c.dueAt);
      throw claimed.reason;
    }
    // Already sent or failed (a poll that raced with an earlier try saw it still due): nothing to keep in order.
    if (claimed.value.why === 'done') return permit.refund();
    claim = claimed.value.claim;
    if (!claim) return stepBack(c.dueAt);
    const m = claim.message;
    if (found.status === 'rejected') {
      await stepBack(Date.now() + 1000);
      throw found.reason;
    }

    const plan = this.plan(claim, found.value);
    if ('wait' in plan) return stepBack(Date.now() + plan.wait);
    if ('fail' in plan) {
      permit.refund();
      logger.warn('delivery failed', { key: m.key, kind: m.kind, failure: plan.fail, attempts: m.attempts });
      return this.record(() => outbox.markFailed(claim, plan.fail));
    }

    await previous;
    if (lane.broken) return stepBack(c.dueAt);
    const early = permit.notBefore - Date.now();
    if (early > 0) await sleep(early);
    const result = await this.deps.sender.send(plan.send);
    permit.finish(Date.now());
    answered();
    if (result.ok) {
      await this.record(() => outbox.markSent(claim, { activityId: result.activityId, conversationId: result.conversationId, by: this.opts.instanceId }));
      logger.debug('delivered', { key: m.key, kind: m.kind, attempts: m.attempts, inDoubt: m.inDoubt || undefined });
      return;
    }

    const verdict = judgeFailure(result.failure, m.attempts, this.opts.maxAttempts, m.kind);
    const lastError = result.detail || describeFailure(result.failure);
    if (verdict.action === 'retry') {
      const delay = result.failure.retryAfterMs ?? backoffMs(m.attempts, { baseMs: this.opts.backoffBaseMs, maxMs: this.opts.backoffMaxMs });
      // A 429 throttles the whole conversation, not just this message.
      if (result.failure.status === 429) this.limiter.blockUntil(c.conversation, Date.now() + delay);
      logger.info('delivery will be retried', { key: m.key, kind: m.kind, error: lastError, attempts: m.attempts, inMs: delay });
      await this.record(() => outbox.retryAt(claim, Date.now() + delay, { lastError, lastStatus: result.failure.status, inDoubt: verdict.inDoubt }));
      return;
    }
    logger.warn('delivery failed', { key: m.key, kind: m.kind, failure: verdict.reason, error: lastError, attempts: m.attempts });
    // Stale first: whoever sees the failure also sees that the conversation is not to be used.
    if (verdict.markStale) {
      await this.markStale(m.target).catch((err) => logger.warn('could not mark the conversation stale', { key: m.key, error: err as Error }));
    }
    await this.record(() => outbox.markFailed(claim, verdict.reason, { lastError, lastStatus: result.failure.status }));
  }

  /** Where the message goes, and for replies and updates the original's state. */
  private async lookup(c: DueEntry): Promise<Lookup> {
    const [target, original] = await Promise.all([this.resolve(c.target), c.parentKey ? this.deps.outbox.get(c.parentKey) : Promise.resolve(undefined)]);
    return { target, original };
  }

  /** How to send; replies and updates wait until their original was sent. */
  private plan(claim: Claim, found: Lookup): Plan {
    const m = claim.message;
    let conversationId: string | undefined;
    let activityId: string | undefined;
    if (m.kind === 'reply' || m.kind === 'update') {
      const original = found.original;
      if (!original || original.status === 'failed') return { fail: 'parent-failed' };
      if (original.status !== 'sent') return { wait: Math.max(200, Math.min(this.opts.pollMs, 2000)) };
      conversationId = original.conversationId;
      activityId = original.activityId;
    }
    if (!found.target) return { fail: 'no-reference' };
    if (found.target.stale) return { fail: 'stale' };
    return {
      send: {
        kind: m.kind,
        ref: found.target.ref,
        activity: claim.activity as Partial<Activity>,
        channelId: m.target.kind === 'channel' ? m.target.channelId : undefined,
        conversationId,
        activityId,
      },
    };
  }

  private async resolve(t: OutboxTarget): Promise<StoredTarget | undefined> {
    const refs = this.deps.references;
    if (t.kind === 'personal') return refs.personal(t.tenantId, t.aadObjectId);
    return (await refs.get('channel', '', t.channelId, t.teamId)) ?? (t.channelId === t.teamId ? refs.get('team', '', t.teamId, t.teamId) : undefined);
  }

  private async markStale(t: OutboxTarget): Promise<void> {
    if (t.kind === 'personal') return this.deps.references.markStale('personal', t.tenantId, t.aadObjectId);
    await this.deps.references.markStale('channel', '', t.channelId, t.teamId);
    if (t.channelId === t.teamId) await this.deps.references.markStale('team', '', t.teamId, t.teamId);
  }

  /** One instance at a time sends to a conversation, so its limits and order hold across instances. */
  private holdConversation(conversation: string): Promise<boolean> {
    const until = this.held.get(conversation);
    if (until !== undefined && until - Date.now() > this.opts.leaseMs / 2) return Promise.resolve(true);
    // Tries in the same conversation share one storage round trip.
    let pending = this.holding.get(conversation);
    if (!pending) {
      pending = this.takeLease(conversation).finally(() => this.holding.delete(conversation));
      this.holding.set(conversation, pending);
    }
    return pending;
  }

  private async takeLease(conversation: string): Promise<boolean> {
    const lease = await this.deps.leases.hold(conversation, this.opts.instanceId, this.opts.leaseMs);
    if (lease.ok) {
      this.held.set(conversation, lease.until);
      this.foreign.delete(conversation);
      return true;
    }
    this.held.delete(conversation);
    this.foreign.set(conversation, lease.until);
    return false;
  }

  /**
   * Writes an outcome that must not be lost: above all "sent", since forgetting it means sending
   * again. While storage is away it keeps trying; at
   * shutdown it gives up after the grace period.
   */
  private async record(write: () => Promise<void>): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        return await write();
      } catch (err) {
        if (!isStorageUnavailable(err) && i >= 2) throw err;
        if (!this.running && Date.now() > this.stopDeadline) {
          this.deps.logger.error('the outcome of a send could not be recorded before shutdown; the message may be sent again', { error: err as Error });
          throw err;
        }
        await sleep(Math.min(2000, 100 * 2 ** Math.min(i, 5)));
      }
    }
  }

  /**
   * How often this instance says it is alive. Shorter than the lease: a dead instance's share of
   * the app's rate comes back to the others within BEAT_LIVES beats (plus a loop's wait), not a
   * whole lease (a minute by default).
   */
  private get beatMs(): number {
    return Math.min(this.opts.leaseMs / 4, MAX_BEAT_MS);
  }

  private async heartbeat(): Promise<void> {
    const now = Date.now();
    if (now - this.lastBeat < this.beatMs) return;
    this.lastBeat = now;
    this.limiter.prune(now);
    for (const [conv, until] of this.held) if (until < now) this.held.delete(conv);
    for (const [conv, until] of this.foreign) if (until < now) this.foreign.delete(conv);
    try {
      // A beat is late by up to a loop's wait (pollMs) on a busy instance: counted alive meanwhile.
      const live = await this.deps.leases.beat(this.opts.instanceId, Math.min(this.opts.leaseMs, BEAT_LIVES * this.beatMs + this.opts.pollMs));
      this.limiter.setAppShare(appLimits(this.opts.appRatePerSecond / live));
    } catch {
      // Storage away: the poll reports it; keep the last share.
    }
  }
}
