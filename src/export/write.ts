import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, type Cell } from '../domain/exportRows';
import { csvLines } from './csv';

/**
 * Writers for a round's export. Both stream: rows are written as they come from storage and the
 * writer waits whenever the reader (an HTTP download) is slower, so memory stays flat however
 * many reports a round holds.
 */

// exceljs takes most of a second to load: loaded with the first workbook, not at start.
let excel: Promise<typeof ExcelJS> | undefined;
const loadExcel = () => (excel ??= import('exceljs').then((m) => m.default));

/** Waits until the reader took what was written; gives up when the reader went away. */
async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the reader went away'));
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', done);
  });
}

/** Waits while more than `limit` bytes wait in `stream`'s intake; gives up when it is closed. */
async function caughtUp(stream: Writable, limit: number): Promise<void> {
  // exceljs's zip library brings its own (older) streams, which lack the `writableLength` getter.
  const queued = () => stream.writableLength ?? (stream as unknown as { _writableState?: { length?: number } })._writableState?.length ?? 0;
  while (queued() > limit && !stream.destroyed) {
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        stream.off('drain', onDrain);
        stream.off('close', onClose);
        stream.off('error', done);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new Error('the stream closed'));
      stream.on('drain', onDrain);
      stream.on('close', onClose);
      stream.on('error', done);
    });
  }
}

// exceljs's streaming writer pushes each sheet's XML into the zip without heeding backpressure
// (its internal stream's write() always says yes), so a slow download would pile the whole
// uncompressed sheet up in memory. The zip's intake (the compressor the sheet is piped into)
// does know how much waits; the writer holds the rows back while more than this is queued there.
const ZIP_BACKLOG_BYTES = 1024 * 1024;
type SheetInternals = { stream?: { pipes?: Writable[] } };

/** An Excel workbook: Norwegian headings, amounts as numbers, dates as dates, a filter row. */
export async function writeXlsx(out: Writable, rows: AsyncIterable<Cell[]>, sheetName: string): Promise<number> {
  const { stream } = await loadExcel();
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Kompetansebot';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: c.kind === 'number' ? { numFmt: '#,##0' } : c.kind === 'date' ? { numFmt: 'dd.mm.yyyy' } : {},
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const row of rows) {
    sheet.addRow(row).commit();
    count++;
    if (count % 100 === 0) {
      const intake = (sheet as unknown as SheetInternals).stream?.pipes?.[0];
      if (intake) await caughtUp(intake, ZIP_BACKLOG_BYTES);
      await drained(out);
    }
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

const CSV_BATCH_ROWS = 50;

/** The round as CSV in the house format (./csv.ts), one line written per row as the reader takes it. */
export async function writeCsv(out: Writable, rows: AsyncIterable<Cell[]>): Promise<number> {
  const write = async (line: string) => {
    out.write(line, 'utf8');
    await drained(out);
  };
  await write(csvLines([EXPORT_COLUMNS.map((c) => c.header)], { bom: true }));
  // Rows go to the CSV writer in small batches: one call per row costs more than the rows.
  let count = 0;
  let batch: Cell[][] = [];
  for await (const row of rows) {
    batch.push(row);
    count++;
    if (batch.length === CSV_BATCH_ROWS) {
      await write(csvLines(batch));
      batch = [];
    }
  }
  if (batch.length > 0) await write(csvLines(batch));
  out.end();
  await finished(out);
  return count;
}
