import type { TableClient } from '@azure/data-tables';
import { createIfAbsent, getOrUndefined, safeKey, statusOf, type Tables } from './tables';

interface LeaseRow {
  owner: string;
  until: number;
}

/*
 * Coordination between bot instances draining one outbox, in the Outbox table:
 *   lease/<conversation>   which instance sends to a conversation now. Teams' per-conversation
 *                          limits and the order of messages hold only if one instance at a time
 *                          sends there; an instance that dies lets its leases run out.
 *   instance/<id>          a heartbeat per live instance, so each takes its share of the app's
 *                          overall rate limit.
 */
export class DeliveryLeases {
  constructor(
    private readonly tables: Tables,
    private readonly now: () => number = Date.now,
  ) {}

  private get table(): TableClient {
    return this.tables.client('Outbox');
  }

  /** Takes or renews the conversation for `owner`. When another live instance has it, says until when. */
  async hold(conversation: string, owner: string, ms: number): Promise<{ ok: boolean; until: number }> {
    const rowKey = safeKey(conversation);
    for (let i = 0; i < 4; i++) {
      const until = this.now() + ms;
      if (await createIfAbsent<LeaseRow>(this.table, { partitionKey: 'lease', rowKey, owner, until })) return { ok: true, until };
      const stored = await getOrUndefined<LeaseRow>(this.table, 'lease', rowKey);
      if (!stored) continue;
      if (stored.owner !== owner && Number(stored.until) > this.now()) return { ok: false, until: Number(stored.until) };
      try {
        await this.table.updateEntity({ partitionKey: 'lease', rowKey, owner, until }, 'Replace', { etag: stored.etag });
        return { ok: true, until };
      } catch (err) {
        if (statusOf(err) !== 412 && statusOf(err) !== 404) throw err;
      }
    }
    return { ok: false, until: this.now() + 1000 };
  }

  /** Lets go of conversations at shutdown, so another instance need not wait for them to run out. */
  async release(conversations: Iterable<string>, owner: string): Promise<void> {
    await Promise.all(
      [...conversations].map(async (conversation) => {
        const stored = await getOrUndefined<LeaseRow>(this.table, 'lease', safeKey(conversation));
        if (stored?.owner !== owner) return;
        try {
          await this.table.deleteEntity('lease', safeKey(conversation), { etag: stored.etag });
        } catch (err) {
          if (statusOf(err) !== 412 && statusOf(err) !== 404) throw err;
        }
      }),
    );
  }

  /** Records that `owner` is alive for `ms` more and returns how many instances are alive now (at least 1). */
  async beat(owner: string, ms: number): Promise<number> {
    const now = this.now();
    await this.table.upsertEntity<LeaseRow>({ partitionKey: 'instance', rowKey: safeKey(owner), owner, until: now + ms }, 'Replace');
    let live = 0;
    for await (const e of this.table.listEntities<LeaseRow>({ queryOptions: { filter: `PartitionKey eq 'instance'` } })) {
      if (Number(e.until) > now) live++;
      else if (Number(e.until) < now - 10 * ms) {
        // Long dead: tidy up so the partition stays small.
        await this.table.deleteEntity('instance', e.rowKey!, { etag: e.etag }).catch(() => undefined);
      }
    }
    return Math.max(1, live);
  }

  async leave(owner: string): Promise<void> {
    await this.table.deleteEntity('instance', safeKey(owner)).catch((err) => {
      if (statusOf(err) !== 404) throw err;
    });
  }
}
