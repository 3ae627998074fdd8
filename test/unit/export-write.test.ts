import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { exportRows, type Cell } from '../../src/domain/exportRows';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import { writeCsv, writeXlsx } from '../../src/export/write';
import { SAMPLE_REPORT } from '../support/sampleReport';

const TOTAL = 8_000;

/** Rows of many reports, counting how many the writer has asked for. */
function source() {
  const counter = { pulled: 0 };
  async function* rows(): AsyncGenerator<Cell[]> {
    for (let i = 0; i < TOTAL / 2; i++) {
      for (const row of exportRows(
        {
          reference: `BM-2027-${i}`,
          roundYear: 2027,
          status: 'submitted',
          workingGroup: 'vest',
          version: 1,
          submittedAt: '2027-01-10T10:00:00Z',
          updatedAt: '2027-01-10T10:00:00Z',
          data: { ...SAMPLE_REPORT, title: `Tiltak ${i}` },
        },
        DEFAULT_REGIONS,
      )) {
        counter.pulled++;
        yield row;
      }
    }
  }
  return { rows: rows(), counter };
}

/** A download that stalls until `release()`, then reads everything. */
function stalledReader() {
  const chunks: Buffer[] = [];
  const held: Array<() => void> = [];
  let flowing = false;
  const out = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      if (flowing) setImmediate(done);
      else held.push(done);
    },
  });
  return {
    out,
    stalled: () => held.length > 0,
    bytes: () => Buffer.concat(chunks),
    release: () => {
      flowing = true;
      held.splice(0).forEach((d) => d());
    },
  };
}

describe('streaming the export', function () {
  this.timeout(60_000);
  for (const format of ['xlsx', 'csv'] as const) {
    it(`stops building the ${format} while the download stalls, then finishes it whole`, async () => {
      const { rows, counter } = source();
      const reader = stalledReader();
      const writing = format === 'xlsx' ? writeXlsx(reader.out, rows, 'Behovsmeldinger') : writeCsv(reader.out, rows);
      // Until the download has refused a chunk and the writer has stopped asking for rows.
      let seen = -1;
      for (let quiet = 0; quiet < 5;) {
        await new Promise((r) => setTimeout(r, 10));
        quiet = reader.stalled() && counter.pulled === seen ? quiet + 1 : 0;
        seen = counter.pulled;
      }
      assert.ok(counter.pulled < TOTAL / 4, `only a bounded part is built ahead of the reader (${counter.pulled} of ${TOTAL} rows)`);
      reader.release();
      assert.equal(await writing, TOTAL);
      if (format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(reader.bytes() as unknown as ArrayBuffer);
        assert.equal(wb.worksheets[0].rowCount, TOTAL + 1);
      } else {
        assert.equal(reader.bytes().toString('utf8').split('\r\n').filter(Boolean).length, TOTAL + 1);
      }
    });
  }
});
