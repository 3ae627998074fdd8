import { TableClient, TableServiceClient, RestError, type TableEntity, type TableEntityResult } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import { countingPolicy } from './callCounter';

/** Every table the bot uses; the prefix lets several environments (or test runs) share an account. */
export const TABLES = [
  'Conversations',
  'Rounds',
  'Drafts',
  'Reports',
  'ReportIndex',
  'Counters',
  'Events',
  'Roles',
  'Groups',
  'Outbox',
  'Jobs',
  'Meetings',
  'Votes',
  'Stamps',
  'UsageReports',
  'Aggregates',
] as const;
export type TableName = (typeof TABLES)[number];

// Fail fast: a user waiting on a click is better told "try again" than held for the SDK's default
// back-off. Transient faults still get two quick retries.
// Every request is counted (per retry: what storage sees), for the benchmark's calls per turn.
const CLIENT_OPTIONS = {
  retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
  additionalPolicies: [{ policy: countingPolicy, position: 'perRetry' as const }],
};

/**
 * Work every request would do for nothing here: tracing spans (no tracer is configured) and the
 * log policy, which sanitises and formats every request and response for a logger that is off.
 */
const UNUSED_POLICIES = ['tracingPolicy', 'logPolicy'];

function lean<C extends { pipeline: { removePolicy(options: { name: string }): unknown } }>(client: C): C {
  for (const name of UNUSED_POLICIES) client.pipeline.removePolicy({ name });
  return client;
}

/**
 * Where the tables are: a connection string (an account key, or Azurite), or an account URL
 * reached with a token credential (a managed identity; no secret in the configuration).
 */
export type TablesTarget = string | { accountUrl: string; credential: TokenCredential };

export class Tables {
  private readonly clients = new Map<string, TableClient>();
  private readonly service: TableServiceClient;

  constructor(
    private readonly target: TablesTarget,
    private readonly prefix: string,
  ) {
    this.service = lean(
      typeof target === 'string'
        ? TableServiceClient.fromConnectionString(target, this.options())
        : new TableServiceClient(target.accountUrl, target.credential, this.options()),
    );
  }

  private options() {
    const insecure = typeof this.target === 'string' && /TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true/i.test(this.target);
    return { ...CLIENT_OPTIONS, allowInsecureConnection: insecure };
  }

  /** One client per table per process, made on first use (a new table is one line in TABLES). */
  client(name: TableName | string): TableClient {
    let c = this.clients.get(name);
    if (!c) {
      const t = this.target;
      c = lean(
        typeof t === 'string'
          ? TableClient.fromConnectionString(t, this.prefix + name, this.options())
          : new TableClient(t.accountUrl, this.prefix + name, t.credential, this.options()),
      );
      this.clients.set(name, c);
    }
    return c;
  }

  /** Creates every table that does not exist yet; safe to run on every start. */
  async ensure(names: readonly string[] = TABLES): Promise<void> {
    // At once, not one after another: at start every round trip delays /healthz.
    await Promise.all(names.map((name) => this.service.createTable(this.prefix + name)));
  }

  /** True when storage answers within the timeout. Used by /healthz. */
  async ping(timeoutMs = 2000): Promise<boolean> {
    try {
      await this.client('Conversations').getAccessPolicy({ abortSignal: AbortSignal.timeout(timeoutMs) });
      return true;
    } catch {
      return false;
    }
  }

  /** Deletes every table with this prefix (tests and purges only). */
  async dropAll(): Promise<void> {
    for await (const t of this.service.listTables()) {
      if (t.name?.startsWith(this.prefix)) await this.service.deleteTable(t.name);
    }
  }
}

export function statusOf(err: unknown): number | undefined {
  return err instanceof RestError ? err.statusCode : (err as { statusCode?: number } | null)?.statusCode;
}

/** Storage could not be reached at all (as opposed to answering with a 4xx about our request). */
export function isStorageUnavailable(err: unknown): boolean {
  const status = statusOf(err);
  if (status !== undefined) return status >= 500 || status === 408;
  const code = (err as { code?: string } | null)?.code;
  return (
    err instanceof RestError ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'REQUEST_SEND_ERROR'].includes(code ?? '') ||
    (err as Error | null)?.name === 'AbortError'
  );
}

// Row and partition keys may not hold / \ # ? or control characters; Teams ids hold ':' and '@'
// which are fine, so only the forbidden characters are escaped.
export function safeKey(value: string): string {
  return value.replace(/[/\\#?%\u0000-\u001f\u007f-\u009f]/g, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

export type Entity<T extends object> = TableEntity<T>;
export type Stored<T extends object> = TableEntityResult<T>;

/** Inserts when absent. Returns false when the key exists: the idempotency primitive. */
export async function createIfAbsent<T extends object>(client: TableClient, entity: TableEntity<T>): Promise<boolean> {
  try {
    await client.createEntity(entity);
    return true;
  } catch (err) {
    if (statusOf(err) === 409) return false;
    throw err;
  }
}

export async function getOrUndefined<T extends object>(client: TableClient, pk: string, rk: string): Promise<TableEntityResult<T> | undefined> {
  try {
    return await client.getEntity<T>(pk, rk);
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

export class ConcurrencyError extends Error {
  constructor(what: string) {
    super(`${what} was changed by someone else at the same time; try again`);
  }
}

/** The entity's own properties, without the keys and Table Storage's metadata. */
export function propertiesOf<T extends object>(entity: TableEntityResult<T>): T {
  const { partitionKey: _pk, rowKey: _rk, etag: _etag, timestamp: _ts, ...rest } = entity as TableEntityResult<T> & Record<string, unknown>;
  for (const k of Object.keys(rest)) if (k.startsWith('odata.')) delete (rest as Record<string, unknown>)[k];
  return rest as unknown as T;
}

/**
 * Read–change–write with the ETag, retried when another writer got there first. `change` gets the
 * current properties (undefined when absent) and returns the new ones, or undefined to leave the
 * row as it is. Never overwrites a concurrent change silently: after `attempts` lost races it throws.
 */
export async function mutateEntity<T extends object>(
  client: TableClient,
  pk: string,
  rk: string,
  change: (current: T | undefined) => T | undefined,
  attempts = 8,
): Promise<T | undefined> {
  for (let i = 0; i < attempts; i++) {
    const stored = await getOrUndefined<T>(client, pk, rk);
    const current = stored ? propertiesOf(stored) : undefined;
    const next = change(current);
    if (!next) return current;
    try {
      const entity = { ...next, partitionKey: pk, rowKey: rk } as TableEntity<T>;
      if (stored) await client.updateEntity(entity, 'Replace', { etag: stored.etag });
      else await client.createEntity(entity);
      return next;
    } catch (err) {
      const status = statusOf(err);
      if (status !== 412 && status !== 409) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * (i + 1)));
    }
  }
  throw new ConcurrencyError(`${pk}/${rk}`);
}

export async function deleteIfPresent(client: TableClient, pk: string, rk: string): Promise<void> {
  try {
    await client.deleteEntity(pk, rk);
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
}
