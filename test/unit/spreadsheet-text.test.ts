import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from '../../src/domain/exportRows';
import { CSV_BOM, toCsv } from '../../src/export/csv';
import { writeCsv, writeXlsx } from '../../src/export/write';

// Texts a spreadsheet would take for a formula (or a formula's start) if written as they are.
const FORMULA_STARTS = ['=HYPERLINK("http://evil.example";"klikk")', '+47 22 00 00 00', '-1+2', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];

async function* rowsOf(rows: Cell[][]): AsyncGenerator<Cell[]> {
  yield* rows;
}

/** The round's export for rows whose first cell is the text (then a negative number and a date). */
async function exported(format: 'csv' | 'xlsx', texts: readonly string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const rows = texts.map((text): Cell[] => [text, -5, new Date(Date.UTC(2027, 0, 31))]);
  await (format === 'xlsx' ? writeXlsx(out, rowsOf(rows), 'Ark') : writeCsv(out, rowsOf(rows)));
  await new Promise((r) => out.end(r));
  return Buffer.concat(chunks);
}

describe('texts that look like formulas, in every spreadsheet the bot writes', () => {
  it('the forum recommendation CSV: semicolons, UTF-8 BOM, CRLF; separators, quotes and line breaks quoted', () => {
    const csv = toCsv(
      ['Referanse', 'Eier', 'Beløp'],
      [
        ['BM-2027-0001', 'Bærum kommune', 1250000],
        ['Lesing; skriving', 'Det "nye"\ntiltaket', -3],
      ],
    );
    assert.equal(csv, `${CSV_BOM}Referanse;Eier;Beløp\r\nBM-2027-0001;Bærum kommune;1250000\r\n"Lesing; skriving";"Det ""nye""\ntiltaket";-3\r\n`);
  });

  it('the forum recommendation CSV: = + - @ tab and CR at the start get a leading apostrophe', () => {
    const lines = toCsv(
      ['tekst'],
      FORMULA_STARTS.map((t) => [t]),
    )
      .slice(1)
      .split('\r\n');
    assert.deepEqual(lines.slice(1, 5), ['"\'=HYPERLINK(""http://evil.example"";""klikk"")"', "'+47 22 00 00 00", "'-1+2", "'@SUM(A1:A9)"]);
    assert.equal(lines[5], "'\t=1+1");
    // A CR inside a cell is quoted, so the record stays one record.
    assert.equal(lines[6], '"\'\r=1+1"');
    assert.equal(lines.length, 8, 'six records after the header, then the final CRLF');
  });

  it('the round export CSV: the same escaping, numbers (negative too) stay numbers, dates dd.mm.yyyy', async () => {
    const text = (await exported('csv', FORMULA_STARTS)).toString('utf8');
    assert.ok(text.startsWith(CSV_BOM + 'Referanse;Runde;'), 'BOM, then the Norwegian header');
    const records = text.slice(1).split('\r\n').slice(1);
    assert.deepEqual(records.slice(0, 5), [
      '"\'=HYPERLINK(""http://evil.example"";""klikk"")";-5;31.01.2027',
      "'+47 22 00 00 00;-5;31.01.2027",
      "'-1+2;-5;31.01.2027",
      "'@SUM(A1:A9);-5;31.01.2027",
      "'\t=1+1;-5;31.01.2027",
    ]);
    assert.equal(records[5], '"\'\r=1+1";-5;31.01.2027', 'a CR inside a cell is quoted');
    assert.deepEqual(records.slice(6), [''], 'the file ends with CRLF');
  });

  it('the round export XLSX: each such text is a text cell with exactly what was typed, never a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported('xlsx', FORMULA_STARTS)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    FORMULA_STARTS.forEach((typed, i) => {
      const cell = sheet.getRow(i + 2).getCell(1);
      assert.equal(cell.type, ExcelJS.ValueType.String, `row ${i + 2} is text`);
      assert.equal(cell.formula, undefined, `row ${i + 2} has no formula`);
      // No apostrophe: a text cell is text. (XML reads a raw CR back as a line feed.)
      assert.equal(cell.value, typed.replace('\r', '\n'), `row ${i + 2} keeps the text as typed`);
      assert.equal(sheet.getRow(i + 2).getCell(2).value, -5, 'numbers stay numbers');
    });
  });
});
