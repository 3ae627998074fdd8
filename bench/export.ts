import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_REGIONS } from '../src/domain/regions';
import { reportTotals } from '../src/domain/report';
import type { Round } from '../src/domain/round';
import type { Cell } from '../src/domain/exportRows';
import { roundRows } from '../src/export/roundExport';
import { writeCsv, writeXlsx } from '../src/export/write';
import type { ExportFormat } from '../src/export/links';
import { Reports } from '../src/storage/reports';
import { Tables } from '../src/storage/tables';
import { pool, round2, standalone, type BenchRow } from './common';
import { REPORT, TENANT } from './fixtures';

/**
 * Peak memory of building a round's export: N reports are stored through the Reports repository,
 * then the workbook (and the CSV) is written to a sink that reads like a network socket, slowly
 * and in 64 KB gulps, while RSS is sampled every 5 ms. The number that matters is the peak above
 * the idle RSS before the export: a streaming export keeps it flat whatever N is.
 */

// An aim, not a measurement: a streaming export of any size should stay well inside this.
const AIM_PEAK_DELTA_MB = 150;

const mb = (bytes: number) => bytes / 2 ** 20;

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** A reader as slow as a download: takes 64 KB at a time, one per tick. */
function socketLikeSink(): Writable & { bytes: number } {
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      sink.bytes += chunk.length;
      setImmediate(done);
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

export async function seed(reports: Reports, roundId: string, n: number): Promise<number> {
  const started = performance.now();
  const summary = {
    ownerName: REPORT.ownerName,
    ownerOrgnr: REPORT.ownerOrgnr,
    ownerType: REPORT.ownerType,
    scheme: REPORT.scheme,
    region: REPORT.region,
    workingGroup: 'vest',
    title: REPORT.title,
    totalRequested: reportTotals(REPORT).grant,
  };
  // Seeding is setup, not what is measured: 100 rows to a transaction, a few at a time. References
  // come straight from the index number: the counter's contention is the submit bench's subject.
  const inputs = Array.from({ length: n }, (_, i) => ({
    draftId: `bench-${String(i).padStart(6, '0')}`,
    reference: `BM-2027-${String(i + 1).padStart(4, '0')}`,
    by: { tenantId: TENANT, aadObjectId: `00000000-0000-4000-8000-${String(i % 500).padStart(12, '0')}` },
    summary,
    data: { ...REPORT, title: `${REPORT.title} ${i + 1}` },
  }));
  const chunks = Array.from({ length: Math.ceil(n / 1000) }, (_, c) => inputs.slice(c * 1000, (c + 1) * 1000));
  await pool(chunks.length, 4, (c) => reports.importSubmitted(roundId, chunks[c]));
  return (performance.now() - started) / 1000;
}

interface Measured {
  rows: number;
  bytes: number;
  seconds: number;
  idleMb: number;
  peakMb: number;
  peakHeapMb: number;
  peakBuffersMb: number;
  rssAtQuarters: number[];
}

async function measure(format: ExportFormat, reports: Reports, round: Round, expectedRows: number): Promise<Measured> {
  collectGarbage();
  const idle = process.memoryUsage();
  let peak = idle.rss;
  let peakHeap = idle.heapUsed;
  let peakBuffers = idle.arrayBuffers;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
    return m.rss;
  };
  // RSS when a quarter, half, three quarters and all of the rows are written: flat means streaming.
  const rssAtQuarters: number[] = [];
  let written = 0;
  async function* counted(): AsyncGenerator<Cell[]> {
    for await (const row of roundRows(reports, round, DEFAULT_REGIONS)) {
      yield row;
      written++;
      if (written % Math.ceil(expectedRows / 4) === 0) rssAtQuarters.push(mb(sample()));
    }
  }
  const sampler = setInterval(sample, 5);
  const sink = socketLikeSink();
  const started = performance.now();
  try {
    const rows = format === 'xlsx' ? await writeXlsx(sink, counted(), 'Behovsmeldinger') : await writeCsv(sink, counted());
    sample();
    return {
      rows,
      bytes: sink.bytes,
      seconds: (performance.now() - started) / 1000,
      idleMb: mb(idle.rss),
      peakMb: mb(peak),
      peakHeapMb: mb(peakHeap - idle.heapUsed),
      peakBuffersMb: mb(peakBuffers - idle.arrayBuffers),
      rssAtQuarters,
    };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * A second pass that collects garbage at each quarter and records what is still held (heap and
 * buffers): RSS above includes garbage V8 has not collected yet; this is what the export keeps.
 */
async function retainedAtQuarters(format: ExportFormat, reports: Reports, round: Round, expectedRows: number): Promise<number[]> {
  collectGarbage();
  const held = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = held();
  const out: number[] = [];
  let written = 0;
  async function* counted(): AsyncGenerator<Cell[]> {
    for await (const row of roundRows(reports, round, DEFAULT_REGIONS)) {
      yield row;
      if (++written % Math.ceil(expectedRows / 4) === 0) {
        collectGarbage();
        out.push(mb(held() - base));
      }
    }
  }
  const sink = socketLikeSink();
  if (format === 'xlsx') await writeXlsx(sink, counted(), 'Behovsmeldinger');
  else await writeCsv(sink, counted());
  return out;
}

/** Seeds `n` reports (10 000, or 1 000 with `quick`) and measures both exports. */
export async function benchExport(opts: { connectionString: string; quick: boolean; n?: number }): Promise<BenchRow[]> {
  const n = opts.n ?? (opts.quick ? 1_000 : 10_000);
  const tables = new Tables(opts.connectionString, `bx${Date.now().toString(36)}`);
  await tables.ensure();
  try {
    const reports = new Reports(tables, () => new Date('2027-01-15T10:00:00Z'));
    const round: Round = {
      id: 'bench-2027',
      year: 2027,
      counties: ['akershus'],
      deadline: '2027-02-01T22:59:00.000Z',
      status: 'open',
      budgets: { REKOM: 40_000_000, DEKOM: 90_000_000, KOMPLOFT: 30_000_000 },
      createdAt: '2026-11-01T00:00:00.000Z',
    };
    const seedSeconds = await seed(reports, round.id, n);
    const rows: BenchRow[] = [];
    for (const format of ['xlsx', 'csv'] as const) {
      const expectedRows = n * REPORT.years;
      const m = await measure(format, reports, round, expectedRows);
      const retained = await retainedAtQuarters(format, reports, round, expectedRows);
      const delta = m.peakMb - m.idleMb;
      const note =
        `${n} reports (${m.rows} rows, ${round2(mb(m.bytes))} MB ${format}) in ${round2(m.seconds)} s; idle RSS ${round2(m.idleMb)} MB, peak ${round2(m.peakMb)} MB ` +
        `(heap +${round2(m.peakHeapMb)} MB, buffers +${round2(m.peakBuffersMb)} MB); RSS at 25/50/75/100 % of rows: ${m.rssAtQuarters.map(round2).join(' / ')} MB; ` +
        `held after a full GC at 25/50/75/100 %: ${retained.map(round2).join(' / ')} MB; seeding took ${round2(seedSeconds)} s`;
      const right = m.rows === expectedRows && m.bytes > 0;
      rows.push({
        name: `export.memory.${format}`,
        value: round2(m.peakMb),
        unit: 'MB',
        baseline: round2(m.idleMb),
        ratio: round2(m.peakMb / m.idleMb),
        n,
        ok: right && delta < AIM_PEAK_DELTA_MB,
        note,
        error: right ? undefined : `wrote ${m.rows} rows, expected ${expectedRows}`,
      });
      rows.push({ name: `export.time.${format}`, value: round2(m.seconds), unit: 's', baseline: null, ratio: null, n, ok: right });
    }
    return rows;
  } finally {
    await tables.dropAll();
  }
}

standalone(module, benchExport);
