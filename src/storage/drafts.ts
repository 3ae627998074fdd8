import { randomUUID } from 'node:crypto';
import { personKey, odataString, type PersonKey } from './keys';
import { packJson, unpackJson } from './json';
import { deleteIfPresent, getOrUndefined, mutateEntity, propertiesOf, safeKey, statusOf, type Tables } from './tables';

/** A report being written (or an edit of a submitted one), owned by one person. */
export interface Draft<T = Record<string, unknown>> {
  id: string;
  owner: PersonKey;
  roundId: string;
  step: number;
  data: T;
  /** Set when the draft edits an already submitted report. */
  reportId?: string;
  createdAt: string;
  updatedAt: string;
  /** The version read; a save with it writes at once unless someone saved in between. */
  etag?: string;
}

type Row = { roundId: string; step: number; reportId?: string; createdAt: string; updatedAt: string; tenantId: string; aadObjectId: string } & Record<
  string,
  unknown
>;

// One partition per person: "my drafts" is one partition query, a step save one point write.
const pkOf = (owner: PersonKey) => `u_${personKey(owner)}`;
// Per round, one pointer row per draft: who to remind before the deadline.
const roundIndexPk = (roundId: string) => `round_${safeKey(roundId)}`;

function fromRow<T>(id: string, row: Row): Draft<T> {
  return {
    id,
    roundId: row.roundId,
    step: row.step,
    reportId: row.reportId || undefined,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    owner: { tenantId: row.tenantId, aadObjectId: row.aadObjectId },
    data: unpackJson<T>(row) ?? ({} as T),
  };
}

/** How many drafts an instance remembers as it last wrote them (a few KB each). */
const MAX_REMEMBERED = 2_000;

export class Drafts {
  /**
   * Each draft as this instance last wrote or read it, with its ETag: the next step's save starts
   * from it instead of reading. A save is guarded by the ETag, so when another instance saved in
   * between the write is refused and the step is applied to the draft read afresh (see save).
   */
  private readonly remembered = new Map<string, Draft<unknown>>();

  constructor(
    private readonly tables: Tables,
    private readonly now: () => Date,
  ) {}
  private get table() {
    return this.tables.client('Drafts');
  }

  /**
   * Creates a draft under an id the card chose (so a double click creates one draft), or returns
   * the one already there.
   */
  async create<T>(owner: PersonKey, roundId: string, data: T, opts: { id?: string; reportId?: string; step?: number } = {}): Promise<Draft<T>> {
    const at = this.now().toISOString();
    const draft: Draft<T> = { id: opts.id ?? randomUUID(), owner, roundId, step: opts.step ?? 1, data, reportId: opts.reportId, createdAt: at, updatedAt: at };
    // The round's index first: a crash after it leaves a pointer to nothing, which readers skip.
    await this.table.upsertEntity(
      {
        partitionKey: roundIndexPk(roundId),
        rowKey: `${personKey(owner)}_${safeKey(draft.id)}`,
        tenantId: owner.tenantId,
        aadObjectId: owner.aadObjectId,
        draftId: draft.id,
      },
      'Replace',
    );
    try {
      const res = await this.table.createEntity({ partitionKey: pkOf(owner), rowKey: safeKey(draft.id), ...this.toRow(draft) });
      return this.remember(owner, { ...draft, etag: res.etag });
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
    return (await this.get<T>(owner, draft.id))!;
  }

  private remember<T>(owner: PersonKey, d: Draft<T>): Draft<T> {
    const key = `${personKey(owner)}/${d.id}`;
    this.remembered.delete(key);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(key, d as Draft<unknown>);
    return d;
  }

  private forget(owner: PersonKey, id?: string): void {
    if (id !== undefined) this.remembered.delete(`${personKey(owner)}/${id}`);
    else for (const key of this.remembered.keys()) if (key.startsWith(`${personKey(owner)}/`)) this.remembered.delete(key);
  }

  /**
   * The draft to apply a step to and save with `save(…, known)`: as this instance last saw it when
   * it has it (no read), else read. Possibly stale, which the save's ETag catches; anything that
   * must see the stored draft (a submit) uses `get`.
   */
  async getForSave<T>(owner: PersonKey, id: string): Promise<Draft<T> | undefined> {
    return (this.remembered.get(`${personKey(owner)}/${id}`) as Draft<T> | undefined) ?? this.get<T>(owner, id);
  }

  private toRow<T>(d: Draft<T>): Row {
    return {
      roundId: d.roundId,
      step: d.step,
      reportId: d.reportId ?? '',
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      tenantId: d.owner.tenantId,
      aadObjectId: d.owner.aadObjectId,
      ...packJson(d.data),
    };
  }

  /**
   * Who holds drafts of new reports in a round (deadline reminders), from the round's index
   * partition rather than a scan of everyone's drafts. Each pointer is checked against the draft
   * itself (one point read of two columns): drafts that were submitted, deleted or moved to
   * another round are dropped from the index on the way.
   */
  async ownersWithDrafts(roundId: string): Promise<Array<{ owner: PersonKey; drafts: number }>> {
    const owners = new Map<string, { owner: PersonKey; drafts: number }>();
    const filter = `PartitionKey eq ${odataString(roundIndexPk(roundId))}`;
    for await (const ix of this.table.listEntities<{ tenantId: string; aadObjectId: string; draftId: string }>({ queryOptions: { filter } })) {
      const owner = { tenantId: ix.tenantId, aadObjectId: ix.aadObjectId };
      const draft = await this.table
        .getEntity<{ roundId: string; reportId?: string }>(pkOf(owner), safeKey(ix.draftId), { queryOptions: { select: ['roundId', 'reportId'] } })
        .catch((err) => {
          if (statusOf(err) === 404) return undefined;
          throw err;
        });
      if (!draft || draft.roundId !== roundId) {
        await deleteIfPresent(this.table, roundIndexPk(roundId), ix.rowKey!);
        continue;
      }
      if (draft.reportId) continue; // an edit of a submitted report, not an unsent one
      const k = personKey(owner);
      owners.set(k, { owner, drafts: (owners.get(k)?.drafts ?? 0) + 1 });
    }
    return [...owners.values()];
  }

  /** Only the owner's own partition is read, so another person's draft id finds nothing. */
  async get<T>(owner: PersonKey, id: string): Promise<Draft<T> | undefined> {
    const row = await getOrUndefined<Row>(this.table, pkOf(owner), safeKey(id));
    if (!row) {
      this.forget(owner, id);
      return undefined;
    }
    return this.remember(owner, { ...fromRow<T>(id, propertiesOf(row)), etag: row.etag });
  }

  async list<T>(owner: PersonKey): Promise<Array<Draft<T>>> {
    const out: Array<Draft<T>> = [];
    const filter = `PartitionKey eq ${odataString(pkOf(owner))}`;
    for await (const row of this.table.listEntities<Row>({ queryOptions: { filter } })) out.push(fromRow<T>(row.rowKey!, propertiesOf(row)));
    return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /**
   * Saves a step. With `known` (the draft as just read) it is one write guarded by that read's
   * ETag; if someone saved in between, it re-reads and applies `change` again. Returns undefined
   * when the draft is gone.
   */
  async save<T>(owner: PersonKey, id: string, change: (d: Draft<T>) => Draft<T>, known?: Draft<T>): Promise<Draft<T> | undefined> {
    if (known?.etag) {
      const saved = { ...change(known), updatedAt: this.now().toISOString() };
      try {
        const res = await this.table.updateEntity({ partitionKey: pkOf(owner), rowKey: safeKey(id), ...this.toRow(saved) }, 'Replace', { etag: known.etag });
        return this.remember(owner, { ...saved, etag: res.etag });
      } catch (err) {
        this.forget(owner, id);
        if (statusOf(err) !== 412 && statusOf(err) !== 404) throw err;
      }
    }
    let saved: Draft<T> | undefined;
    await mutateEntity<Row>(this.table, pkOf(owner), safeKey(id), (cur) => {
      if (!cur) return undefined;
      saved = { ...change(fromRow<T>(id, cur)), updatedAt: this.now().toISOString() };
      return this.toRow(saved);
    });
    // The ETag of that write is not returned by mutateEntity: the next step reads once.
    return saved;
  }

  async remove(owner: PersonKey, id: string): Promise<void> {
    this.forget(owner, id);
    await deleteIfPresent(this.table, pkOf(owner), safeKey(id));
  }

  /**
   * Deletes every draft of this person ("my data"): their own partition only, and each draft's
   * pointer in its round's reminder index, so no row naming them is left behind. Safe to repeat.
   */
  async removeAll(owner: PersonKey): Promise<number> {
    this.forget(owner);
    const drafts = await this.list(owner);
    for (const d of drafts) {
      await deleteIfPresent(this.table, roundIndexPk(d.roundId), `${personKey(owner)}_${safeKey(d.id)}`);
      await deleteIfPresent(this.table, pkOf(owner), safeKey(d.id));
    }
    return drafts.length;
  }
}
