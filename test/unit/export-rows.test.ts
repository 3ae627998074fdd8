import { strict as assert } from 'node:assert';
import { EXPORT_COLUMNS, exportRows, type ExportableReport } from '../../src/domain/exportRows';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import { SAMPLE_REPORT } from '../support/sampleReport';

const report = (over: Partial<ExportableReport> = {}): ExportableReport => ({
  reference: 'BM-2027-0042',
  roundYear: 2027,
  status: 'partly_granted',
  workingGroup: 'nord',
  version: 2,
  submittedAt: '2027-01-31T23:30:00Z',
  updatedAt: '2027-04-02T10:00:00Z',
  data: SAMPLE_REPORT,
  decision: { outcome: 'partly_granted', amounts: [900_000, 500_000], total: 1_400_000, reason: 'Budsjett', at: '2027-04-02T10:00:00Z', by: 't:u' },
  ...over,
});

const col = (header: string) => EXPORT_COLUMNS.findIndex((c) => c.header === header);

describe('export rows of a round', () => {
  it("give one row per year of the measure, with that year's money and decision", () => {
    const rows = exportRows(report(), DEFAULT_REGIONS);
    assert.equal(rows.length, 2);
    assert.deepEqual(
      rows.map((r) => r[col('År nr.')]),
      [1, 2],
    );
    assert.deepEqual(
      rows.map((r) => r[col('Barnehage-/skoleår')]),
      ['2027–2028', '2028–2029'],
    );
    assert.deepEqual(
      rows.map((r) => r[col('Søkt tilskudd (kr)')]),
      [1_250_000, 1_000_000],
    );
    assert.deepEqual(
      rows.map((r) => r[col('Vedtatt beløp (kr)')]),
      [900_000, 500_000],
    );
    assert.deepEqual(
      rows.map((r) => r[col('Søkt tilskudd hele perioden (kr)')]),
      [2_250_000, 2_250_000],
    );
    assert.equal(rows[0][col('Vedtak')], 'Delvis innvilget');
    assert.equal(rows[0][col('Arbeidsgruppe')], 'Arbeidsgruppe Nord', "the officer's working group, not the region's");
    assert.equal(rows[0][col('Fylke / Region')], 'Akershus – Asker og Bærum');
  });

  it('have a cell for every column, numbers as numbers', () => {
    for (const row of exportRows(report(), DEFAULT_REGIONS)) {
      assert.equal(row.length, EXPORT_COLUMNS.length);
      EXPORT_COLUMNS.forEach((c, i) => {
        if (c.kind === 'number' && row[i] !== null) assert.equal(typeof row[i], 'number', c.header);
        if (c.kind === 'date' && row[i] !== null) assert.ok(row[i] instanceof Date, c.header);
      });
    }
  });

  it('date a report by the day in Oslo, not in UTC', () => {
    const [row] = exportRows(report(), DEFAULT_REGIONS);
    assert.equal((row[col('Sendt inn')] as Date).toISOString(), '2027-02-01T00:00:00.000Z', '00:30 on 1 February in Oslo');
  });

  it('leave decision cells empty before a decision', () => {
    const [row] = exportRows(report({ status: 'submitted', decision: undefined }), DEFAULT_REGIONS);
    assert.equal(row[col('Vedtak')], '');
    assert.equal(row[col('Vedtatt beløp (kr)')], null);
    assert.equal(row[col('Vedtaksdato')], null);
  });

  it('have Norwegian headings, each once', () => {
    const headers = EXPORT_COLUMNS.map((c) => c.header);
    assert.equal(new Set(headers).size, headers.length);
    for (const h of ['Referanse', 'Eier', 'Organisasjonsnummer', 'Ordning', 'Status', 'Søkt tilskudd (kr)', 'Vedtak', 'Begrunnelse for vedtaket'])
      assert.ok(headers.includes(h), h);
  });
});
