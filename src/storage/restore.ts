import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { TableEntity, TransactionAction } from '@azure/data-tables';
import type { Tables } from './tables';
import { BackupError, BackupLineSchema, ManifestSchema, manifestPathOf, type BackupLine, type Manifest } from './backupFormat';

// A transaction holds at most 100 entities of one partition and 4 MB; a report's entity can be
// close to 1 MB, so batches are also cut by size (the line's length is close to what is sent).
const MAX_BATCH_ROWS = 100;
const MAX_BATCH_BYTES = 2 * 1024 * 1024;
const IN_FLIGHT = 8;

/** The manifest beside `file`, checked. */
export function readManifest(file: string): { manifest: Manifest; manifestFile: string; dataFile: string } {
  const manifestFile = manifestPathOf(file);
  if (!fs.existsSync(manifestFile))
    throw new BackupError(`No manifest ${manifestFile} beside the backup: a backup is its .jsonl.gz file and its .manifest.json.`);
  let parsed;
  try {
    parsed = ManifestSchema.safeParse(JSON.parse(fs.readFileSync(manifestFile, 'utf8')));
  } catch (err) {
    throw new BackupError(`The manifest ${manifestFile} is not JSON (${(err as Error).message}).`);
  }
  if (!parsed.success)
    throw new BackupError(
      `The manifest ${manifestFile} is not a kompetansebot backup manifest (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}).`,
    );
  const dataFile = path.join(path.dirname(manifestFile), parsed.data.file);
  if (!fs.existsSync(dataFile)) throw new BackupError(`The data file ${dataFile} named by the manifest is missing.`);
  return { manifest: parsed.data, manifestFile, dataFile };
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The data file's entities, one at a time, checked line by line. */
async function* linesOf(dataFile: string): AsyncGenerator<{ line: BackupLine; bytes: number }> {
  const input = readline.createInterface({ input: fs.createReadStream(dataFile).pipe(createGunzip()), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of input) {
      n++;
      if (!text) continue;
      let parsed;
      try {
        parsed = BackupLineSchema.safeParse(JSON.parse(text));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) throw new BackupError(`Line ${n} of ${dataFile} is not a backup entity; the file is damaged. Nothing was written.`);
      yield { line: parsed.data, bytes: text.length };
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${dataFile} cannot be read as gzip (${(err as Error).message}); the file is damaged. Nothing was written.`);
  }
}

/**
 * Everything that can be known before writing: the checksum, and that the data file holds exactly
 * the rows the manifest lists per table (a second reading, so no row is held in memory).
 */
export async function verifyBackup(file: string): Promise<{ manifest: Manifest; dataFile: string }> {
  const { manifest, dataFile } = readManifest(file);
  const actual = await sha256Of(dataFile);
  if (actual !== manifest.sha256) {
    throw new BackupError(
      `Checksum mismatch: ${path.basename(dataFile)} has sha256 ${actual}, the manifest says ${manifest.sha256}. ` +
        'The file is damaged or is not the one this manifest describes. Nothing was written; take the pair from another copy or an earlier night.',
    );
  }
  const expected = new Map(manifest.tables.map((t) => [t.name, t.rows]));
  const counted = new Map<string, number>();
  for await (const { line } of linesOf(dataFile)) {
    if (!expected.has(line.table))
      throw new BackupError(`${dataFile} holds rows of table ${line.table}, which its manifest does not list. Nothing was written.`);
    counted.set(line.table, (counted.get(line.table) ?? 0) + 1);
  }
  const wrong = manifest.tables.filter((t) => (counted.get(t.name) ?? 0) !== t.rows);
  if (wrong.length) {
    const list = wrong.map((t) => `${t.name}: manifest ${t.rows}, file ${counted.get(t.name) ?? 0}`).join('; ');
    throw new BackupError(`Row counts differ from the manifest (${list}). Nothing was written.`);
  }
  return { manifest, dataFile };
}

/** The tables among `names` that hold at least one row. */
export async function nonEmptyTables(tables: Tables, names: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) {
    const first = await tables
      .client(name)
      .listEntities({ queryOptions: { select: ['RowKey'] } })
      .byPage({ maxPageSize: 1 })
      .next();
    if (!first.done && first.value.length > 0) out.push(name);
  }
  return out;
}

export interface RestoreResult {
  manifest: Manifest;
  rows: number;
  batches: number;
  seconds: number;
}

/**
 * Loads a verified backup into the tables of `tables` (its prefix is the target deployment).
 * Refuses when any of the backup's tables already holds rows, unless `force`: then the backup's
 * rows replace rows with the same keys, and rows the backup does not have stay.
 */
export async function restoreBackup(tables: Tables, file: string, opts: { force?: boolean; prefix: string }): Promise<RestoreResult> {
  const started = performance.now();
  const { manifest, dataFile } = await verifyBackup(file);
  const names = manifest.tables.map((t) => t.name);
  await tables.ensure(names);
  const busy = await nonEmptyTables(tables, names);
  if (busy.length && !opts.force) {
    throw new BackupError(
      `The target is not empty: ${busy.map((n) => opts.prefix + n).join(', ')} already hold rows. Nothing was written. ` +
        'Restore into a new storage account or a new TABLE_PREFIX; or run again with --force to write the backup over what is there ' +
        '(rows with the same keys are replaced, rows the backup does not have are kept).',
    );
  }

  let rows = 0;
  let batches = 0;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const send = (table: string, batch: BackupLine[]) => {
    const actions = batch.map((l): TransactionAction => {
      const entity = { ...l.properties, partitionKey: l.partitionKey, rowKey: l.rowKey } as TableEntity;
      return opts.force ? ['upsert', entity, 'Replace'] : ['create', entity];
    });
    const p = tables
      .client(table)
      .submitTransaction(actions)
      .then(() => {
        rows += batch.length;
        batches++;
      })
      .catch((err: unknown) => {
        failure ??= err;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  let batch: BackupLine[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    send(batch[0].table, batch);
    batch = [];
    batchBytes = 0;
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    if (failure) throw failure;
  };
  for await (const { line, bytes } of linesOf(dataFile)) {
    const head = batch[0];
    if (
      head &&
      (head.table !== line.table || head.partitionKey !== line.partitionKey || batch.length >= MAX_BATCH_ROWS || batchBytes + bytes > MAX_BATCH_BYTES)
    ) {
      await flush();
    }
    batch.push(line);
    batchBytes += bytes;
  }
  await flush();
  await Promise.all(inFlight);
  if (failure) throw failure;
  return { manifest, rows, batches, seconds: (performance.now() - started) / 1000 };
}
