import { getOrUndefined, safeKey, type Tables } from './tables';

/**
 * One row per forum whose ETag changes whenever a meeting or a grant of that forum changes. An
 * instance that keeps meetings and members in memory while a vote is open checks this row (one
 * point read) instead of re-reading them: an unchanged ETag means nothing it holds has changed.
 * Writers bump it after their own write, so a reader that sees the old ETag read after that
 * write began and is ordered before it.
 */
export class ForumStamps {
  constructor(private readonly tables: Tables) {}
  private get table() {
    return this.tables.client('Stamps');
  }

  async bump(forum: string): Promise<void> {
    await this.table.upsertEntity({ partitionKey: 'forum', rowKey: safeKey(forum), at: new Date().toISOString() }, 'Replace');
  }

  /** The forum's current stamp ('none' before its first change). */
  async read(forum: string): Promise<string> {
    return (await getOrUndefined(this.table, 'forum', safeKey(forum)))?.etag ?? 'none';
  }
}
