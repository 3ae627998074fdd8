import { stringify, type Options } from 'csv-stringify/sync';
import type { Cell } from '../domain/exportRows';

/**
 * The one CSV format the bot writes (the round's export and the forum's recommendation): as
 * Norwegian Excel opens it by double-click. Semicolons (the comma is the decimal sign here), CRLF,
 * a UTF-8 byte order mark so æ, ø and å survive, and formula escaping: a text starting with
 * = + - @ tab or CR gets a leading apostrophe, so owners' texts never run in a spreadsheet
 * (OWASP's advice on CSV injection). Numbers stay numbers, also negative ones.
 */
export const CSV_BOM = '\uFEFF';

const pad = (n: number) => String(n).padStart(2, '0');

const OPTIONS: Options = {
  delimiter: ';',
  record_delimiter: 'windows',
  // With a record delimiter set, csv-stringify leaves a lone CR or LF inside a cell unquoted by
  // default, which would split a multi-line text (needs and goals) into two records.
  quote_record_delimiter: true,
  escape_formulas: true,
  // Dates as Norwegian Excel reads them (dd.mm.yyyy); rows hold UTC midnights.
  cast: { date: (d) => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}` },
};

/** Records as CSV lines, each ending in CRLF; `bom` puts the byte order mark first (a file's start). */
export function csvLines(records: ReadonlyArray<ReadonlyArray<Cell>>, opts: { bom?: boolean } = {}): string {
  return stringify(records as Cell[][], { ...OPTIONS, bom: opts.bom ?? false });
}

/** A whole CSV file as text: byte order mark, header, rows. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  return csvLines([header, ...rows], { bom: true });
}
