import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { statusOf, TABLES, type Tables } from './tables';
import { BACKUP_FORMAT, DATA_SUFFIX, MANIFEST_SUFFIX, typedFromSdk, type BackupLine, type Manifest, type TypedValue } from './backupFormat';

// What the service adds to every entity; a restore gets new ones.
const SERVICE_FIELDS = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp']);
const PAGE = 1000;

/** An entity as listed with `disableTypeConversion`, as one backup line. */
export function backupLineOf(table: string, entity: Record<string, unknown>): BackupLine {
  // No prototype: a property named `__proto__` (a legal name in Table Storage) is kept like any other.
  const properties = Object.create(null) as Record<string, TypedValue>;
  for (const [key, raw] of Object.entries(entity)) {
    if (SERVICE_FIELDS.has(key) || key.startsWith('odata.')) continue;
    properties[key] = typedFromSdk(raw);
  }
  return { table, partitionKey: String(entity.partitionKey), rowKey: String(entity.rowKey), properties };
}

/** Every entity of the given tables, a page at a time (never a whole table in memory). */
export async function* entitiesOf(tables: Tables, names: readonly string[], rows: Map<string, number>): AsyncGenerator<BackupLine> {
  for (const name of names) {
    rows.set(name, 0);
    const pages = tables.client(name).listEntities<Record<string, unknown>>({ disableTypeConversion: true }).byPage({ maxPageSize: PAGE });
    try {
      for await (const page of pages) {
        for (const entity of page) {
          yield backupLineOf(name, entity);
          rows.set(name, rows.get(name)! + 1);
        }
      }
    } catch (err) {
      // A table the bot has not created yet (a newer version's) holds nothing to back up.
      if (statusOf(err) !== 404 || rows.get(name)) throw err;
    }
  }
}

/** `kompetansebot-<prefix>-2027-03-01T021500Z`: sorts by date, and says which deployment. */
export function backupName(prefix: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '');
  return `kompetansebot-${prefix}-${stamp}`;
}

export interface BackupResult {
  dataFile: string;
  manifestFile: string;
  manifest: Manifest;
  seconds: number;
}

/**
 * Writes every table of the deployment (the app's list, `TABLES`: listing the account by prefix
 * would also take another deployment's tables whose prefix starts with this one) to a gzip
 * JSON-lines file in `dir`, then its manifest. The file is written under a temporary name and
 * renamed when complete, so a backup cut short never looks like one.
 */
export async function writeBackup(
  tables: Tables,
  opts: { dir: string; prefix: string; appVersion: string; now?: Date; names?: readonly string[] },
): Promise<BackupResult> {
  const started = performance.now();
  const at = opts.now ?? new Date();
  const names = opts.names ?? TABLES;
  fs.mkdirSync(opts.dir, { recursive: true });
  const name = backupName(opts.prefix, at);
  const dataFile = path.join(opts.dir, name + DATA_SUFFIX);
  const manifestFile = path.join(opts.dir, name + MANIFEST_SUFFIX);
  const partial = `${dataFile}.partial`;

  const rows = new Map<string, number>();
  const hash = createHash('sha256');
  let raw = 0;
  let compressed = 0;
  async function* lines(): AsyncGenerator<Buffer> {
    for await (const line of entitiesOf(tables, names, rows)) {
      const bytes = Buffer.from(JSON.stringify(line) + '\n', 'utf8');
      raw += bytes.length;
      yield bytes;
    }
  }
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      compressed += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(lines()), createGzip(), tap, fs.createWriteStream(partial));
    fs.renameSync(partial, dataFile);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  const perTable = names.map((n) => ({ name: n, rows: rows.get(n) ?? 0 }));
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    createdAt: at.toISOString(),
    appVersion: opts.appVersion,
    tablePrefix: opts.prefix,
    file: path.basename(dataFile),
    tables: perTable,
    rows: perTable.reduce((sum, t) => sum + t.rows, 0),
    bytes: { raw, compressed },
    sha256: hash.digest('hex'),
  };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  return { dataFile, manifestFile, manifest, seconds: (performance.now() - started) / 1000 };
}
