import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { DeliveryKind, DeliveryStatus, FailureReason } from '../domain/delivery';
import { packJson, unpackJson } from './json';
import { odataString } from './keys';
import { deleteIfPresent, getOrUndefined, propertiesOf, safeKey, statusOf, type Stored, type Tables } from './tables';

/*
 * Layout of the Outbox table.
 *
 * Every message lives in one of OUTBOX_SHARDS partitions ("s0".."s7", chosen by a hash of its
 * idempotency key) as two rows:
 *   m_<key>                the message: status, attempts, lease, result, the activity itself
 *   d_<dueMs>_<key>        a due-index row, present while the message still needs a worker:
 *                          queued (due when first/next try may start) or sending (due when the
 *                          lease expires, so a crashed instance's claim becomes visible again)
 * Both rows change together in one entity-group transaction with the message row's ETag, so the
 * index never disagrees with the message, and only one claimer can win.
 *
 * Why this shape: a worker's poll is one range query per shard over the d_ rows up to "now", in
 * due order, which touches only unfinished messages (sent and failed ones have no d_ row); a
 * table scan would grow with history. A fixed handful of shards keeps polls few while spreading
 * writes, and a point read by key (idempotent enqueue, "update the card of message X") knows its
 * partition from the key alone.
 */
export const OUTBOX_SHARDS = 8;

/** Where a message goes: resolved to a stored conversation reference when it is sent. */
export type OutboxTarget = { kind: 'personal'; tenantId: string; aadObjectId: string } | { kind: 'channel'; teamId: string; channelId: string };

export interface NewOutboxMessage {
  key: string;
  kind: DeliveryKind;
  target: OutboxTarget;
  /** The conversation whose rate limits this send counts against (user's chat or channel). */
  conversation: string;
  /** reply: the thread's first message; update: the message whose card is replaced. */
  parentKey?: string;
  activity: unknown;
}

export interface OutboxMessage {
  key: string;
  kind: DeliveryKind;
  target: OutboxTarget;
  conversation: string;
  parentKey?: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  seq: number;
  /** When a worker may next pick it up (queued) or when the current lease ends (sending). */
  dueAt?: number;
  leaseId?: string;
  leaseUntil?: number;
  /** An earlier try may have reached Teams without us hearing back: a resend may show twice. */
  inDoubt: boolean;
  lastError?: string;
  lastStatus?: number;
  reason?: FailureReason;
  /** Teams' id of the sent activity, for later updates and deletes. */
  activityId?: string;
  /** The conversation it landed in (for a new channel thread: "<channel>;messageid=<id>"). */
  conversationId?: string;
  sentAt?: string;
  sentBy?: string;
  failedAt?: string;
}

export interface DueEntry {
  key: string;
  conversation: string;
  kind: DeliveryKind;
  target: OutboxTarget;
  seq: number;
  dueAt: number;
  parentKey?: string;
}

export interface Claim {
  message: OutboxMessage;
  activity: unknown;
  leaseId: string;
  /** The row as claimed and its ETag, so recording the outcome needs no read first. */
  readonly stored: unknown;
}

export type ClaimResult = { claim: Claim; why?: undefined } | { claim?: undefined; why: 'done' | 'taken' };

export interface StatusSummary {
  counts: Record<DeliveryStatus, number>;
  inDoubt: number;
  failures: Array<{ key: string; reason?: FailureReason; lastError?: string; at?: string }>;
}

type Row = Record<string, unknown> & {
  key: string;
  kind: DeliveryKind;
  target: string;
  conversation: string;
  parentKey?: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  seq: number;
  dueAt?: number;
  leaseId?: string;
  leaseUntil?: number;
  inDoubt?: boolean;
  lastError?: string;
  lastStatus?: number;
  reason?: FailureReason;
  activityId?: string;
  conversationId?: string;
  sentAt?: string;
  sentBy?: string;
  failedAt?: string;
};

const ACTIVITY = 'a'; // prefix of the packed activity properties
const isActivityProperty = (name: string) => /^a(n|\d+)$/.test(name);
// Properties a transition may clear. A Merge cannot remove a property, so cleared means '' or 0.
const CLEARABLE = ['dueAt', 'leaseId', 'leaseUntil'] as const;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const shardOf = (key: string) => `s${fnv1a(key) % OUTBOX_SHARDS}`;
const messageRow = (key: string) => `m_${safeKey(key)}`;
const pad = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(15, '0');
const dueRow = (dueAt: number, key: string) => `d_${pad(dueAt)}_${safeKey(key)}`;

function withoutUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function toMessage(row: Row): OutboxMessage {
  return {
    key: row.key,
    kind: row.kind,
    target: JSON.parse(row.target) as OutboxTarget,
    conversation: row.conversation,
    parentKey: row.parentKey,
    status: row.status,
    attempts: Number(row.attempts ?? 0),
    createdAt: row.createdAt,
    seq: Number(row.seq),
    dueAt: row.dueAt ? Number(row.dueAt) : undefined,
    leaseId: row.leaseId || undefined,
    leaseUntil: row.leaseUntil ? Number(row.leaseUntil) : undefined,
    inDoubt: Boolean(row.inDoubt),
    lastError: row.lastError,
    lastStatus: row.lastStatus,
    reason: row.reason,
    activityId: row.activityId,
    conversationId: row.conversationId,
    sentAt: row.sentAt,
    sentBy: row.sentBy,
    failedAt: row.failedAt,
  };
}

/** The outbox: the durable queue of proactive messages. Every state change is one ETag-checked transaction. */
export class Outbox {
  constructor(
    private readonly tables: Tables,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get table(): TableClient {
    return this.tables.client('Outbox');
  }

  /**
   * Stores the message unless its key is already there. Returns the stored message either way:
   * `created` false means an earlier enqueue with this key wins and nothing new will be sent.
   */
  async enqueue(input: NewOutboxMessage): Promise<{ created: boolean; message: OutboxMessage }> {
    const pk = shardOf(input.key);
    const at = this.now();
    const row: Row = withoutUndefined({
      key: input.key,
      kind: input.kind,
      target: JSON.stringify(input.target),
      conversation: input.conversation,
      parentKey: input.parentKey,
      status: 'queued' as const,
      attempts: 0,
      createdAt: at.toISOString(),
      seq: at.getTime(),
      dueAt: at.getTime(),
      inDoubt: false,
      ...packJson(input.activity, ACTIVITY),
    });
    try {
      await this.table.submitTransaction([
        ['create', { partitionKey: pk, rowKey: messageRow(input.key), ...row }],
        ['create', this.dueEntity(pk, row, at.getTime())],
      ]);
      return { created: true, message: toMessage(row) };
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
      const existing = await this.get(input.key);
      if (!existing) throw err;
      return { created: false, message: existing };
    }
  }

  async get(key: string): Promise<OutboxMessage | undefined> {
    const stored = await this.read(key);
    return stored ? toMessage(propertiesOf(stored)) : undefined;
  }

  /** Messages a worker may pick up before `until` (ms), oldest due first, at most `perShard` per shard. */
  async due(until: number, perShard = 100): Promise<DueEntry[]> {
    const shards = Array.from({ length: OUTBOX_SHARDS }, (_, i) => `s${i}`);
    const pages = await Promise.all(
      shards.map(async (pk) => {
        const filter = `PartitionKey eq ${odataString(pk)} and RowKey ge 'd_' and RowKey lt ${odataString(`d_${pad(until + 1)}`)}`;
        const iterator = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: perShard });
        const first = await iterator.next();
        return first.done ? [] : first.value;
      }),
    );
    const out: DueEntry[] = [];
    for (const page of pages) {
      for (const e of page) {
        out.push({
          key: String(e.key),
          conversation: String(e.conversation),
          kind: e.kind as DeliveryKind,
          target: JSON.parse(String(e.target)) as OutboxTarget,
          seq: Number(e.seq),
          dueAt: Number(e.dueAt),
          parentKey: e.parentKey as string | undefined,
        });
      }
    }
    return out.sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
  }

  /**
   * Takes the message for one try: status sending, attempts + 1, a lease until `now + leaseMs`
   * (its due row moves there, so it reappears if we die). Otherwise says why not: `done` (sent or
   * failed already) or `taken` (leased by a live claim, not due yet, or another worker won the race).
   */
  async claim(entry: Pick<DueEntry, 'key' | 'dueAt'>, opts: { leaseId: string; leaseMs: number }): Promise<ClaimResult> {
    const { key } = entry;
    const stored = await this.read(key);
    if (!stored) return { why: 'done' };
    const row = propertiesOf(stored);
    const now = this.now().getTime();
    if (row.status === 'sent' || row.status === 'failed') {
      // A due row left behind by a crash right after markSent: tidy it away.
      await deleteIfPresent(this.table, stored.partitionKey!, dueRow(entry.dueAt, key));
      return { why: 'done' };
    }
    if (row.dueAt && Number(row.dueAt) > now) return { why: 'taken' };
    const leaseUntil = now + opts.leaseMs;
    const next: Row = {
      ...row,
      status: 'sending',
      attempts: Number(row.attempts ?? 0) + 1,
      leaseId: opts.leaseId,
      leaseUntil,
      dueAt: leaseUntil,
      // A claim that expired while sending: that try may have reached Teams.
      inDoubt: Boolean(row.inDoubt) || row.status === 'sending',
    };
    try {
      const etag = await this.write(stored, next);
      const claimed: Stored<Row> = { ...next, partitionKey: stored.partitionKey, rowKey: stored.rowKey, etag };
      return { claim: { message: toMessage(next), activity: unpackJson(row, ACTIVITY), leaseId: opts.leaseId, stored: claimed } };
    } catch (err) {
      if (statusOf(err) === 412 || statusOf(err) === 409 || statusOf(err) === 404) return { why: 'taken' };
      throw err;
    }
  }

  /**
   * Teams took it. This write is what stands between a crash and a resend, so it is the cheapest
   * there is: one ETag-checked Merge of the message row. The due row goes after (a crash in between
   * leaves it for the next claim to remove). Recorded even if our lease ran out meanwhile and
   * someone else claimed the message: the send happened.
   */
  async markSent(claim: Claim, result: { activityId?: string; conversationId?: string; by: string }): Promise<void> {
    const stored = claim.stored as Stored<Row>;
    const sentAt = this.now().toISOString();
    const sent = { status: 'sent' as const, activityId: result.activityId, conversationId: result.conversationId, sentAt, sentBy: result.by };
    try {
      await this.table.updateEntity(
        withoutUndefined({ partitionKey: stored.partitionKey!, rowKey: stored.rowKey!, ...sent, dueAt: 0, leaseId: '', leaseUntil: 0 }),
        'Merge',
        { etag: stored.etag },
      );
    } catch (err) {
      if (statusOf(err) !== 412 && statusOf(err) !== 404) throw err;
      await this.settle(
        claim,
        (row) => (row.status === 'sent' ? undefined : { ...row, ...sent, dueAt: undefined, leaseId: undefined, leaseUntil: undefined }),
        true,
      );
      return;
    }
    if (stored.dueAt) await deleteIfPresent(this.table, stored.partitionKey!, dueRow(Number(stored.dueAt), claim.message.key));
  }

  /**
   * Drops the stored card of every message that was sent or given up before `before`: the card
   * holds names, titles and amounts, and nothing reads it after the send. The row itself stays (its
   * key keeps a repeated enqueue from sending twice; its Teams ids let a later update find the
   * message). A Replace under the row's ETag, so a row that changed meanwhile is left for the next
   * run. Returns how many rows were cleared.
   */
  async forgetSentCards(before: Date): Promise<number> {
    let cleared = 0;
    const shards = Array.from({ length: OUTBOX_SHARDS }, (_, i) => `s${i}`);
    await Promise.all(
      shards.map(async (pk) => {
        const filter =
          `PartitionKey eq ${odataString(pk)} and RowKey ge 'm_' and RowKey lt 'm\u0060'` +
          ` and (status eq 'sent' or status eq 'failed') and createdAt lt ${odataString(before.toISOString())} and ${ACTIVITY}n ge 1`;
        for await (const e of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
          const kept = Object.fromEntries(
            Object.entries(e).filter(([name]) => !isActivityProperty(name) && !name.startsWith('odata') && name !== 'etag' && name !== 'timestamp'),
          );
          try {
            await this.table.updateEntity({ ...kept, partitionKey: pk, rowKey: String(e.rowKey) }, 'Replace', { etag: String(e.etag) });
            cleared++;
          } catch (err) {
            if (statusOf(err) !== 412 && statusOf(err) !== 404) throw err;
          }
        }
      }),
    );
    return cleared;
  }

  /** Another try later (no earlier than `at`, ms). Dropped when someone else owns the message by now. */
  async retryAt(claim: Claim, at: number, error: { lastError: string; lastStatus?: number; inDoubt?: boolean }): Promise<void> {
    await this.settle(
      claim,
      (row) => ({
        ...row,
        status: 'queued',
        dueAt: at,
        leaseId: undefined,
        leaseUntil: undefined,
        lastError: error.lastError,
        lastStatus: error.lastStatus,
        inDoubt: Boolean(row.inDoubt) || Boolean(error.inDoubt),
      }),
      false,
    );
  }

  /** Not tried after all (it waits for its original to be sent): back in the queue, the attempt not counted. */
  async postpone(claim: Claim, at: number): Promise<void> {
    await this.settle(
      claim,
      (row) => ({
        ...row,
        status: 'queued',
        dueAt: at,
        leaseId: undefined,
        leaseUntil: undefined,
        attempts: Math.max(0, Number(row.attempts) - 1),
      }),
      false,
    );
  }

  async markFailed(claim: Claim, reason: FailureReason, error?: { lastError?: string; lastStatus?: number }): Promise<void> {
    await this.settle(
      claim,
      (row) => ({
        ...row,
        status: 'failed',
        reason,
        failedAt: this.now().toISOString(),
        dueAt: undefined,
        leaseId: undefined,
        leaseUntil: undefined,
        lastError: error?.lastError ?? row.lastError,
        lastStatus: error?.lastStatus ?? row.lastStatus,
      }),
      false,
    );
  }

  /** Counts by status of messages created since `since`, and the latest failures (no bodies). */
  async summary(since: Date, failuresShown = 5): Promise<StatusSummary> {
    const counts: Record<DeliveryStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
    let inDoubt = 0;
    const failures: StatusSummary['failures'] = [];
    const select = ['key', 'status', 'inDoubt', 'reason', 'lastError', 'failedAt'];
    await Promise.all(
      Array.from({ length: OUTBOX_SHARDS }, async (_, i) => {
        const filter = `PartitionKey eq 's${i}' and RowKey ge 'm_' and RowKey lt 'm\`' and createdAt ge ${odataString(since.toISOString())}`;
        for await (const e of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter, select } })) {
          const status = e.status as DeliveryStatus;
          if (Object.hasOwn(counts, status)) counts[status]++;
          if (e.inDoubt) inDoubt++;
          if (status === 'failed')
            failures.push({
              key: String(e.key),
              reason: e.reason as FailureReason,
              lastError: e.lastError as string | undefined,
              at: e.failedAt as string | undefined,
            });
        }
      }),
    );
    failures.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
    return { counts, inDoubt, failures: failures.slice(0, failuresShown) };
  }

  /** Keys of messages still queued or being sent (in `conversation`, if given): what a worker has yet to finish. */
  async pending(conversation?: string): Promise<string[]> {
    const keys: string[] = [];
    const unfinished = `(status eq 'queued' or status eq 'sending')${conversation === undefined ? '' : ` and conversation eq ${odataString(conversation)}`}`;
    await Promise.all(
      Array.from({ length: OUTBOX_SHARDS }, async (_, i) => {
        const filter = `PartitionKey eq 's${i}' and RowKey ge 'm_' and RowKey lt 'm\`' and ${unfinished}`;
        for await (const e of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['key'] } })) keys.push(String(e.key));
      }),
    );
    return keys.sort();
  }

  /**
   * Records a message the bot did not send through the outbox (the card a press answered with,
   * which Teams shows in place of the pressed one) as sent, so `update` requests can replace it
   * later. Create-if-absent: adopting the same key again changes nothing. No due row: nothing to send.
   */
  async adopt(input: { key: string; target: OutboxTarget; conversation: string; activityId: string; conversationId: string }): Promise<void> {
    const at = this.now();
    const row: Row = {
      key: input.key,
      kind: input.target.kind === 'personal' ? 'personal' : 'thread',
      target: JSON.stringify(input.target),
      conversation: input.conversation,
      status: 'sent',
      attempts: 0,
      createdAt: at.toISOString(),
      seq: at.getTime(),
      inDoubt: false,
      activityId: input.activityId,
      conversationId: input.conversationId,
      sentAt: at.toISOString(),
      sentBy: 'adopted',
    };
    try {
      await this.table.createEntity({ partitionKey: shardOf(input.key), rowKey: messageRow(input.key), ...row });
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
  }

  private async read(key: string): Promise<Stored<Row> | undefined> {
    return getOrUndefined<Row>(this.table, shardOf(key), messageRow(key));
  }

  private dueEntity(pk: string, row: Row, dueAt: number) {
    return withoutUndefined({
      partitionKey: pk,
      rowKey: dueRow(dueAt, row.key),
      key: row.key,
      conversation: row.conversation,
      kind: row.kind,
      target: row.target,
      seq: row.seq,
      dueAt,
      parentKey: row.parentKey,
    });
  }

  /**
   * Changes the message row (ETag-checked) and moves its due row, in one transaction. Only changed
   * properties are sent (a Merge): the activity, up to 80 KB, is written once at enqueue, not on
   * every try. Returns the new ETag.
   */
  private async write(stored: Stored<Row>, next: Row): Promise<string> {
    const pk = stored.partitionKey!;
    const before = stored.dueAt ? Number(stored.dueAt) : undefined;
    const after = next.dueAt ? Number(next.dueAt) : undefined;
    const changes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(next)) {
      if (value !== undefined && !isActivityProperty(name) && value !== (stored as Record<string, unknown>)[name]) changes[name] = value;
    }
    for (const name of CLEARABLE) {
      const old = stored[name];
      if (next[name] === undefined && old !== undefined && old !== '' && old !== 0) changes[name] = typeof old === 'number' ? 0 : '';
    }
    const actions: TransactionAction[] = [['update', { ...changes, partitionKey: pk, rowKey: stored.rowKey! }, 'Merge', { etag: stored.etag }]];
    if (before !== after) {
      if (before !== undefined) actions.push(['delete', { partitionKey: pk, rowKey: dueRow(before, next.key) }]);
      if (after !== undefined) actions.push(['create', this.dueEntity(pk, next, after)]);
    }
    const res = await this.table.submitTransaction(actions);
    return res.subResponses[0]?.etag ?? '';
  }

  /**
   * Writes the outcome of a try with the claim's ETag. If the row changed meanwhile (our lease ran
   * out and another worker claimed it), a sent outcome is still recorded on the current row
   * (`force`), since the send happened; any other outcome is left to the new owner.
   */
  private async settle(claim: Claim, change: (row: Row) => Row | undefined, force: boolean): Promise<void> {
    // First try with the claimed row and ETag: one round trip, the shortest time between Teams
    // taking a message and the outbox knowing it.
    let stored: Stored<Row> | undefined = claim.stored as Stored<Row>;
    for (let i = 0; i < 8 && stored; i++) {
      const row = propertiesOf(stored);
      if (row.leaseId !== claim.leaseId && !force) return;
      const next = change(row);
      if (!next) return;
      try {
        await this.write(stored, next);
        return;
      } catch (err) {
        if (statusOf(err) !== 412 && statusOf(err) !== 409 && statusOf(err) !== 404) throw err;
      }
      stored = await this.read(claim.message.key);
    }
  }
}
