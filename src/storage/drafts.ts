import { randomUUID } from 'node:crypto';
import { personKey, odataString, type PersonKey } from './keys';
import { packJson, unpackJson } from './json';
import { createIfAbsent, deleteIfPresent, getOrUndefined, mutateEntity, propertiesOf, safeKey, type Tables } from './tables';

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
}

type Row = { roundId: string; step: number; reportId?: string; createdAt: string; updatedAt: string; tenantId: string; aadObjectId: string } & Record<string, unknown>;

// One partition per person: "my drafts" is one partition query, a step save one point write.
const pkOf = (owner: PersonKey) => `u_${personKey(owner)}`;

function fromRow<T>(id: string, row: Row): Draft<T> {
  return {
    id, roundId: row.roundId, step: row.step, reportId: row.reportId || undefined, createdAt: row.createdAt, updatedAt: row.updatedAt,
    owner: { tenantId: row.tenantId, aadObjectId: row.aadObjectId }, data: unpackJson<T>(row) ?? ({} as T),
  };
}

export class Drafts {
  constructor(private readonly tables: Tables, private readonly now: () => Date) {}
  private get table() { return this.tables.client('Drafts'); }

  /**
   * Creates a draft under an id the card chose (so a double click creates one draft), or returns
   * the one already there.
   */
  async create<T>(owner: PersonKey, roundId: string, data: T, opts: { id?: string; reportId?: string; step?: number } = {}): Promise<Draft<T>> {
    const at = this.now().toISOString();
    const draft: Draft<T> = { id: opts.id ?? randomUUID(), owner, roundId, step: opts.step ?? 1, data, reportId: opts.reportId, createdAt: at, updatedAt: at };
    if (await createIfAbsent(this.table, { partitionKey: pkOf(owner), rowKey: safeKey(draft.id), ...this.toRow(draft) })) return draft;
    return (await this.get<T>(owner, draft.id))!;
  }

  private toRow<T>(d: Draft<T>): Row {
    return {
      roundId: d.roundId, step: d.step, reportId: d.reportId ?? '', createdAt: d.createdAt, updatedAt: d.updatedAt,
      tenantId: d.owner.tenantId, aadObjectId: d.owner.aadObjectId, ...packJson(d.data),
    };
  }

  /** Only the owner's own partition is read, so another person's draft id finds nothing. */
  async get<T>(owner: PersonKey, id: string): Promise<Draft<T> | undefined> {
    const row = await getOrUndefined<Row>(this.table, pkOf(owner), safeKey(id));
    return row ? fromRow<T>(id, propertiesOf(row)) : undefined;
  }

  async list<T>(owner: PersonKey): Promise<Array<Draft<T>>> {
    const out: Array<Draft<T>> = [];
    const filter = `PartitionKey eq ${odataString(pkOf(owner))}`;
    for await (const row of this.table.listEntities<Row>({ queryOptions: { filter } })) out.push(fromRow<T>(row.rowKey!, propertiesOf(row)));
    return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** Saves a completed step (ETag-checked); returns undefined when the draft is gone. */
  async save<T>(owner: PersonKey, id: string, change: (d: Draft<T>) => Draft<T>): Promise<Draft<T> | undefined> {
    let saved: Draft<T> | undefined;
    await mutateEntity<Row>(this.table, pkOf(owner), safeKey(id), (cur) => {
      if (!cur) return undefined;
      saved = { ...change(fromRow<T>(id, cur)), updatedAt: this.now().toISOString() };
      return this.toRow(saved);
    });
    return saved;
  }

  async remove(owner: PersonKey, id: string): Promise<void> {
    await deleteIfPresent(this.table, pkOf(owner), safeKey(id));
  }
}
