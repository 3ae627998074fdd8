import type { TableClient } from '@azure/data-tables';
import { odataString } from './keys';
import { createIfAbsent, getOrUndefined, propertiesOf, safeKey, statusOf, type Tables } from './tables';

/*
 * Long work started by a press (results published, a round opened, a bulk grant): one row per job
 * in the Jobs table, partition `run`, row key the job's id. The row is the job's whole state:
 * where it stands (`cursor`, the kind's own checkpoint), its figures, and which instance runs it
 * now (`leaseOwner` until `leaseUntil`). Every change is a Merge under the row's ETag, so a
 * checkpoint written by an instance whose lease was taken over fails (412) instead of moving the
 * job back; the partition holds only jobs (a handful a round), so finding unfinished ones is one
 * small partition query.
 */
const PK = 'run';

export type JobStatus = 'running' | 'done';

export interface JobRun {
  id: string;
  kind: string;
  /** What the press asked for (round id, actor…): the kind reads it. */
  input: Record<string, unknown>;
  status: JobStatus;
  /** The kind's checkpoint: where the next step starts. Undefined before the first step. */
  cursor?: unknown;
  /** Items done of `total` (people told, reports granted): what the progress card shows. */
  done: number;
  total: number;
  /** The kind's own counts, for the final card (owners told, kroner granted…). */
  figures: Record<string, number>;
  /** The officer who pressed (tenant:aad) and the language of their card. */
  by: string;
  locale: string;
  createdAt: string;
  updatedAt: string;
  leaseOwner?: string;
  leaseUntil?: number;
  /** Steps that failed in a row; the runner waits longer after each. */
  failures: number;
}

type Row = Omit<JobRun, 'input' | 'cursor' | 'figures'> & { input: string; cursor: string; figures: string };

function toRow(run: JobRun): Row {
  return {
    ...run,
    input: JSON.stringify(run.input),
    cursor: run.cursor === undefined ? '' : JSON.stringify(run.cursor),
    figures: JSON.stringify(run.figures),
    leaseOwner: run.leaseOwner ?? '',
    leaseUntil: run.leaseUntil ?? 0,
  };
}

function toRun(row: Row): JobRun {
  return {
    id: row.id,
    kind: row.kind,
    input: JSON.parse(row.input) as Record<string, unknown>,
    status: row.status,
    cursor: row.cursor ? (JSON.parse(row.cursor) as unknown) : undefined,
    done: Number(row.done ?? 0),
    total: Number(row.total ?? 0),
    figures: row.figures ? (JSON.parse(row.figures) as Record<string, number>) : {},
    by: row.by,
    locale: row.locale,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    leaseOwner: row.leaseOwner || undefined,
    leaseUntil: row.leaseUntil ? Number(row.leaseUntil) : undefined,
    failures: Number(row.failures ?? 0),
  };
}

/** A job as read, with the ETag its next write must match. */
export interface HeldRun {
  run: JobRun;
  readonly etag: string;
}

/** Another instance changed the job since it was read (took it over, or finished it). */
export class JobLost extends Error {}

export class JobRuns {
  constructor(
    private readonly tables: Tables,
    private readonly now: () => number = Date.now,
  ) {}

  private get table(): TableClient {
    return this.tables.client('Jobs');
  }

  /**
   * Stores a new job unless one with its id runs already: `created` false hands back that one, so
   * a second press joins the first. A finished job with the id is replaced (the same work asked
   * for again later, e.g. a second bulk grant in a round) only when `again` is set.
   */
  async start(run: JobRun, again = false): Promise<{ created: boolean; run: JobRun }> {
    for (let i = 0; i < 4; i++) {
      if (await createIfAbsent<Row>(this.table, { partitionKey: PK, rowKey: safeKey(run.id), ...toRow(run) })) return { created: true, run };
      const stored = await getOrUndefined<Row>(this.table, PK, safeKey(run.id));
      if (!stored) continue;
      const existing = toRun(propertiesOf(stored));
      if (existing.status === 'running' || !again) return { created: false, run: existing };
      try {
        await this.table.updateEntity({ partitionKey: PK, rowKey: safeKey(run.id), ...toRow(run) }, 'Replace', { etag: stored.etag });
        return { created: true, run };
      } catch (err) {
        if (statusOf(err) !== 412 && statusOf(err) !== 404) throw err;
      }
    }
    throw new JobLost(`job ${run.id} kept changing while being started`);
  }

  async get(id: string): Promise<JobRun | undefined> {
    const stored = await getOrUndefined<Row>(this.table, PK, safeKey(id));
    return stored ? toRun(propertiesOf(stored)) : undefined;
  }

  /** Jobs not finished, whoever runs them (one query of the small `run` partition). */
  async unfinished(): Promise<JobRun[]> {
    const out: JobRun[] = [];
    const filter = `PartitionKey eq ${odataString(PK)} and status eq 'running'`;
    for await (const e of this.table.listEntities<Row>({ queryOptions: { filter } })) out.push(toRun(e as unknown as Row));
    return out;
  }

  /**
   * Takes the job for `owner` until now + `leaseMs`, unless another instance's lease is still
   * running or the job is finished. The ETag makes one of two instances claiming at once win.
   */
  async claim(id: string, owner: string, leaseMs: number): Promise<HeldRun | undefined> {
    const stored = await getOrUndefined<Row>(this.table, PK, safeKey(id));
    if (!stored) return undefined;
    const run = toRun(propertiesOf(stored));
    if (run.status !== 'running') return undefined;
    if (run.leaseOwner && run.leaseOwner !== owner && (run.leaseUntil ?? 0) > this.now()) return undefined;
    try {
      return await this.save({ run, etag: stored.etag! }, { leaseOwner: owner, leaseUntil: this.now() + leaseMs });
    } catch (err) {
      if (err instanceof JobLost) return undefined;
      throw err;
    }
  }

  /** Writes `changes` under the held ETag; throws JobLost when the row moved meanwhile. */
  async save(held: HeldRun, changes: Partial<JobRun>): Promise<HeldRun> {
    const run: JobRun = { ...held.run, ...changes, updatedAt: new Date(this.now()).toISOString() };
    const row = toRow(run);
    const changed = Object.fromEntries(Object.entries(row).filter(([k, v]) => v !== undefined && k !== 'id' && k !== 'createdAt'));
    try {
      const res = await this.table.updateEntity({ partitionKey: PK, rowKey: safeKey(run.id), ...changed }, 'Merge', { etag: held.etag });
      return { run, etag: res.etag ?? '' };
    } catch (err) {
      if (statusOf(err) === 412 || statusOf(err) === 404) throw new JobLost(`job ${run.id} changed meanwhile`);
      throw err;
    }
  }
}
