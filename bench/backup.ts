import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBackup } from '../src/storage/backup';
import { restoreBackup } from '../src/storage/restore';
import { Reports } from '../src/storage/reports';
import { TABLES, Tables } from '../src/storage/tables';
import { round2, standalone, type BenchOptions, type BenchRow } from './common';
import { seed } from './export';

const mb = (bytes: number) => round2(bytes / 2 ** 20);

/**
 * `npm run backup` and `npm run restore` of a deployment holding N submitted reports (10 000, or
 * 1 000 with `quick`; each report is its row, its index rows and its events): seconds, rows and
 * bytes. Right means the restore wrote every row the backup counted, table by table.
 */
export async function benchBackup(opts: BenchOptions): Promise<BenchRow[]> {
  const n = opts.n ?? (opts.quick ? 1_000 : 10_000);
  const stamp = Date.now().toString(36);
  const source = new Tables(opts.connectionString, `bb${stamp}`);
  const target = new Tables(opts.connectionString, `br${stamp}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-bench-backup-'));
  await source.ensure();
  try {
    await seed(new Reports(source, () => new Date('2027-01-15T10:00:00Z')), 'bench-2027', n);
    const peak = { rss: process.memoryUsage().rss };
    const idle = peak.rss;
    const sampler = setInterval(() => (peak.rss = Math.max(peak.rss, process.memoryUsage().rss)), 5);
    const b = await writeBackup(source, { dir, prefix: `bb${stamp}`, appVersion: 'bench' });
    const r = await restoreBackup(target, b.dataFile, { prefix: `br${stamp}` });
    clearInterval(sampler);
    let restoredRows = 0;
    for (const name of TABLES) for await (const _ of target.client(name).listEntities({ queryOptions: { select: ['RowKey'] } })) restoredRows++;
    const m = b.manifest;
    const right = r.rows === m.rows && restoredRows === m.rows;
    const error = right ? undefined : `backed up ${m.rows} rows, restored ${r.rows}, found ${restoredRows}`;
    const what = `${n} reports: ${m.rows} rows (${m.tables
      .filter((t) => t.rows)
      .map((t) => `${t.name} ${t.rows}`)
      .join(', ')}), ${mb(m.bytes.compressed)} MB gzip of ${mb(m.bytes.raw)} MB`;
    return [
      { name: 'backup.time', value: round2(b.seconds), unit: 's', baseline: null, ratio: null, n: m.rows, ok: right, note: what, error },
      {
        name: 'restore.time',
        value: round2(r.seconds),
        unit: 's',
        baseline: null,
        ratio: null,
        n: r.rows,
        ok: right,
        note: `${r.batches} transactions, the checksum and counts verified first; peak RSS +${mb(peak.rss - idle)} MB over both`,
        error,
      },
    ];
  } finally {
    await source.dropAll();
    await target.dropAll();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

standalone(module, benchBackup);
