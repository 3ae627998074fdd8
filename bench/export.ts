import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_REGIONS } from '../src/domain/regions';
import type { Round } from '../src/domain/round';
import { EXPORT_COLUMNS, type Cell } from '../src/domain/exportRows';
import { roundRows } from '../src/export/roundExport';
import { writeCsv, writeXlsx } from '../src/export/write';
import type { ExportFormat } from '../src/export/links';
import { Reports } from '../src/storage/reports';
import { Tables } from '../src/storage/tables';
import { benchRow, round2, standalone, type BenchRow } from './common';
import { parseCsv } from '../test/support/parseCsv';
import { benchReports, grantsOf, storeReports, type BenchReport } from './seedReports';

/**
 * Peak memory of building a round's export: N reports are stored through the Reports repository,
 * then the workbook (and the CSV) is written to a sink that reads like a network socket, slowly
 * and in 64 KB gulps, while RSS is sampled every 5 ms. The number that matters is the peak above
 * the idle RSS before the export (the growth): a streaming export keeps it flat whatever N is.
 * Then each file is written once more to disk, parsed (exceljs's reader, the CSV by ./parseCsv)
 * and every row compared with the reports the bench stored: a missing, extra or wrong row is an error.
 */

// Aims, not measurements. RSS growth includes garbage V8 has not collected yet (about 95 MB at
// 10 000 reports on the reference machine); a writer that buffered the file would pass it by far.
// What the export still holds after a full collection is the streaming check proper.
const AIM_GROWTH_MB = 128;
const AIM_HELD_MB = 16;

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

/** A parsed row by its column headings (text as text, numbers as numbers). */
type ParsedRow = Record<string, unknown>;

async function parsedXlsx(file: string): Promise<{ header: string[]; rows: ParsedRow[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore' });
  let header: string[] = [];
  const rows: ParsedRow[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row.values as unknown[]).slice(1);
      if (row.number === 1) header = values.map(String);
      else rows.push(Object.fromEntries(header.map((h, i) => [h, values[i]])));
    }
  }
  return { header, rows };
}

function parsedCsvFile(file: string): { header: string[]; rows: ParsedRow[] } {
  const [header, ...records] = parseCsv(fs.readFileSync(file, 'utf8'));
  const numeric = new Set(EXPORT_COLUMNS.filter((c) => c.kind === 'number').map((c) => c.header));
  const cell = (h: string, v: string) => (numeric.has(h) && v !== '' ? Number(v) : v);
  return { header, rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, cell(h, r[i] ?? '')]))) };
}

/**
 * Where the parsed file differs from the reports the bench stored: the headings, one row per year
 * of each measure, and on each row the reference, scheme, owner, year number, the owner's share,
 * the year's grant and the whole period's grant.
 */
function exportMismatches(parsed: { header: string[]; rows: ParsedRow[] }, inputs: BenchReport[]): string[] {
  const wrong: string[] = [];
  const headings = EXPORT_COLUMNS.map((c) => c.header);
  if (parsed.header.join('|') !== headings.join('|'))
    wrong.push(`headings ${parsed.header.slice(0, 3).join(', ')}…, expected ${headings.slice(0, 3).join(', ')}…`);
  const expected = new Map<string, Record<string, unknown>>();
  for (const r of inputs) {
    const grants = grantsOf(r);
    grants.forEach((grant, y) =>
      expected.set(`${r.reference}#${y + 1}`, {
        Ordning: r.data.scheme,
        Eier: r.data.ownerName,
        'Eierens del (kr)': r.data.amounts[y].owner,
        'Søkt tilskudd (kr)': grant,
        'Søkt tilskudd hele perioden (kr)': grants.reduce((a, b) => a + b, 0),
      }),
    );
  }
  if (parsed.rows.length !== expected.size) wrong.push(`${parsed.rows.length} rows, expected ${expected.size}`);
  const seen = new Set<string>();
  for (const row of parsed.rows) {
    const key = `${String(row['Referanse'])}#${String(row['År nr.'])}`;
    const want = expected.get(key);
    if (!want) wrong.push(`unexpected row ${key}`);
    else if (seen.has(key)) wrong.push(`row ${key} twice`);
    else {
      for (const [h, v] of Object.entries(want)) if (row[h] !== v) wrong.push(`${key} ${h}: ${String(row[h])}, expected ${String(v)}`);
    }
    seen.add(key);
    if (wrong.length >= 5) break;
  }
  return wrong;
}

/** Writes the export to a file the way the download does, parses it and compares it with the stored reports. */
async function verify(format: ExportFormat, reports: Reports, round: Round, inputs: BenchReport[]): Promise<string[]> {
  const file = path.join(os.tmpdir(), `bench-export-${process.pid}.${format}`);
  try {
    const out = fs.createWriteStream(file);
    const rows = roundRows(reports, round, DEFAULT_REGIONS);
    if (format === 'xlsx') await writeXlsx(out, rows, 'Behovsmeldinger');
    else await writeCsv(out, rows);
    await finished(out);
    return exportMismatches(format === 'xlsx' ? await parsedXlsx(file) : parsedCsvFile(file), inputs);
  } finally {
    fs.rmSync(file, { force: true });
  }
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
    const inputs = benchReports(n, round.year);
    const seedSeconds = await storeReports(reports, round.id, inputs);
    const expectedRows = inputs.reduce((a, r) => a + r.data.years, 0);
    const rows: BenchRow[] = [];
    for (const format of ['xlsx', 'csv'] as const) {
      const m = await measure(format, reports, round, expectedRows);
      const retained = await retainedAtQuarters(format, reports, round, expectedRows);
      const growth = round2(m.peakMb - m.idleMb);
      const note =
        `${n} reports (${m.rows} rows, ${round2(mb(m.bytes))} MB ${format}) in ${round2(m.seconds)} s; idle RSS ${round2(m.idleMb)} MB, peak ${round2(m.peakMb)} MB ` +
        `(heap +${round2(m.peakHeapMb)} MB, buffers +${round2(m.peakBuffersMb)} MB); RSS at 25/50/75/100 % of rows: ${m.rssAtQuarters.map(round2).join(' / ')} MB; ` +
        `held after a full GC at 25/50/75/100 %: ${retained.map(round2).join(' / ')} MB; seeding took ${round2(seedSeconds)} s`;
      rows.push(
        benchRow({
          name: `export.memory.${format}`,
          value: growth,
          unit: 'MB',
          baseline: null,
          baselineKind: null,
          n,
          aim: { of: 'value', atMost: AIM_GROWTH_MB },
          note,
        }),
        benchRow({
          name: `export.held.${format}`,
          value: round2(Math.max(...retained)),
          unit: 'MB',
          baseline: null,
          baselineKind: null,
          n,
          aim: { of: 'value', atMost: AIM_HELD_MB },
          note: 'the most held (heap + buffers above idle) after a full GC at a quarter, half, three quarters and all of the rows',
        }),
        benchRow({ name: `export.time.${format}`, value: round2(m.seconds), unit: 's', baseline: null, baselineKind: null, n, aim: null }),
      );
    }
    // After both measurements, so parsing does not sit in either's memory figures.
    for (const format of ['xlsx', 'csv'] as const) {
      const wrong = await verify(format, reports, round, inputs);
      const row = rows.find((r) => r.name === `export.memory.${format}`)!;
      if (wrong.length) row.error = `the parsed ${format} differs from the stored reports: ${wrong.join('; ')}`;
      else row.note = `${row.note}; parsed back: ${expectedRows} rows match the stored reports`;
    }
    return rows;
  } finally {
    await tables.dropAll();
  }
}

standalone(module, benchExport);
