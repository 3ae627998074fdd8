/**
 * CSV as Norwegian Excel opens it by double-click: semicolon-separated (the comma is the decimal
 * sign here), CRLF line ends, and a UTF-8 byte order mark so æ, ø and å survive.
 */

export const CSV_BOM = '\uFEFF';

function cell(value: string | number): string {
  const text = String(value);
  // Quote when the value could be read as a separator, a line break, a quote, or a formula
  // (a cell starting with = + - @ would run in a spreadsheet).
  const guarded = /^[=+\-@\t\r]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
  return /[";\r\n]/.test(guarded) || guarded !== text ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return CSV_BOM + [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
