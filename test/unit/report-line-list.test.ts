import { strict as assert } from 'node:assert';
import { formatLineList, parseLineList, type LineListRule } from '../../src/domain/report/line-list';
import { formatsFor } from '../../src/domain/report/problems';

const nb = formatsFor('nb');
const members: LineListRule = { orgnrRequired: true, maxLines: 5, maxChars: 1000, maxNameLength: 30 };
const units: LineListRule = { ...members, orgnrRequired: false };

describe('lists of organisations typed one per line', () => {
  it('reads "name; number", tab-separated, trailing-number and number-first lines', () => {
    const r = parseLineList('Asker kommune; 974 760 673\nBærum kommune\t123456785\nLier kommune 921 605 900\n940192226; Drammen kommune', members, nb);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.entries, [
      { name: 'Asker kommune', orgnr: '974760673' },
      { name: 'Bærum kommune', orgnr: '123456785' },
      { name: 'Lier kommune', orgnr: '921605900' },
      { name: 'Drammen kommune', orgnr: '940192226' },
    ]);
  });

  it('reports each bad line with the line number the person sees, blank lines counted', () => {
    const r = parseLineList('\nAsker kommune; 974683521\n\n; 123456785\nBærum kommune\nLier; 12345\nDrammen; 12a456785', members, nb);
    assert.deepEqual(r.problems, [
      { key: 'report.error.line.orgnr.checkDigit', params: { line: 2, orgnr: '974683521' } },
      { key: 'report.error.line.nameMissing', params: { line: 4 } },
      { key: 'report.error.line.orgnrMissing', params: { line: 5 } },
      { key: 'report.error.line.orgnr.length', params: { line: 6, length: 5 } },
      { key: 'report.error.line.orgnr.notDigits', params: { line: 7 } },
    ]);
  });

  it('reports a number listed twice, naming both lines', () => {
    const r = parseLineList('A; 974760673\nB; 123456785\nC; 974 760 673', members, nb);
    assert.deepEqual(r.problems, [{ key: 'report.error.line.duplicate', params: { line: 3, other: 1, orgnr: '974760673' } }]);
  });

  it('lets units leave the number out', () => {
    const r = parseLineList('Solsiden skole\nBakken skole; 940192226', units, nb);
    assert.deepEqual(r.entries, [{ name: 'Solsiden skole' }, { name: 'Bakken skole', orgnr: '940192226' }]);
  });

  it('keeps markup and template expressions in names as plain text', () => {
    const r = parseLineList('<b>${evil}</b> kommune; 974760673', members, nb);
    assert.deepEqual(r.entries, [{ name: '<b>${evil}</b> kommune', orgnr: '974760673' }]);
  });

  it('refuses too many lines, too long names and too much text', () => {
    assert.equal(parseLineList('a\nb\nc\nd\ne\nf', units, nb).problems[0].key, 'report.error.tooManyLines');
    assert.deepEqual(parseLineList(`${'x'.repeat(31)}; 974760673`, members, nb).problems, [
      { key: 'report.error.line.nameTooLong', params: { line: 1, max: '30' } },
    ]);
    // How fast 80 000 lines are refused: `npm run bench -- --only=input` (input.lineList.80k).
    assert.equal(parseLineList('a; 974760673\n'.repeat(80_000), members, nb).problems[0].key, 'report.error.tooLong');
  });

  it('checks a stored list by the same rules, position as line', () => {
    const r = parseLineList([{ name: 'A', orgnr: '974760673' }, { name: 'B', orgnr: '974683521' }, 'x', { name: 7 }], members, nb);
    assert.deepEqual(r.problems, [
      { key: 'report.error.line.orgnr.checkDigit', params: { line: 2, orgnr: '974683521' } },
      { key: 'report.error.line.wrongType', params: { line: 3 } },
      { key: 'report.error.line.wrongType', params: { line: 4 } },
    ]);
  });

  it('writes a list back as the text it reads', () => {
    const entries = [{ name: 'Asker kommune', orgnr: '974760673' }, { name: 'Bakken skole' }];
    assert.deepEqual(parseLineList(formatLineList(entries), units, nb).entries, entries);
  });
});
