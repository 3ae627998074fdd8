import { getOrUndefined, mutateEntity, safeKey, type Tables } from './tables';

/**
 * Small state rows of the scheduler's jobs ("digest of round X sent up to T"), one per job and
 * subject. Every change is an ETag-guarded read–change–write, so when several bot instances tick
 * at once exactly one moves a watermark and the others see it moved.
 */
export class JobState {
  constructor(private readonly tables: Tables) {}
  private get table() {
    return this.tables.client('Jobs');
  }

  async get<T extends object>(job: string, subject: string): Promise<T | undefined> {
    const row = await getOrUndefined<{ json: string }>(this.table, safeKey(job), safeKey(subject));
    return row ? (JSON.parse(row.json) as T) : undefined;
  }

  /**
   * `change` sees the current state (undefined when none) and returns the next, or undefined to
   * leave it. Returns the state after the call: the caller's own write, or what another won with.
   */
  async update<T extends object>(job: string, subject: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    const after = await mutateEntity<{ json: string }>(this.table, safeKey(job), safeKey(subject), (cur) => {
      const next = change(cur ? (JSON.parse(cur.json) as T) : undefined);
      return next ? { json: JSON.stringify(next) } : undefined;
    });
    return after ? (JSON.parse(after.json) as T) : undefined;
  }
}
