import { strict as assert } from 'node:assert';
import { cleanText, coerceChoice, coerceChoices, coerceEmail, coerceInteger, coercePhone, coerceText, coerceToggle } from '../../src/domain/report/card-input';
import { formatsFor } from '../../src/domain/report/problems';

const nb = formatsFor('nb');
const amount = { min: 0, max: 50_000_000, kind: 'amount' as const };

describe('reading raw card values', () => {
  describe('text', () => {
    it('trims, and treats empty or blank text as not filled in', () => {
      assert.deepEqual(coerceText('  Asker  ', { max: 10 }, nb), { ok: true, value: 'Asker' });
      assert.deepEqual(coerceText('   ', { max: 10 }, nb), { ok: true, value: undefined });
      assert.deepEqual(coerceText(undefined, { max: 10 }, nb), { ok: true, value: undefined });
    });

    it('keeps markup and template expressions as plain data', () => {
      const hostile = '<script>alert(1)</script> ${user.secret} {{x}} **bold** [link](http://x)';
      assert.deepEqual(coerceText(hostile, { max: 200 }, nb), { ok: true, value: hostile });
    });

    it('strips control characters and bidi overrides, keeping newlines only in multi-line text', () => {
      assert.equal(cleanText('a\u0000b\u0007c\u001bd\u202Ee\u200Bf', false), 'abcdef');
      assert.equal(cleanText('one\r\ntwo\rthree\u2028four', true), 'one\ntwo\nthree\nfour');
      assert.equal(cleanText('one\r\ntwo\tthree', false), 'one two three');
    });

    it('counts characters as a person does (å and emoji are one each)', () => {
      assert.equal(coerceText('a\u030a'.repeat(5), { max: 5 }, nb).ok, true); // å decomposed → NFC
      assert.equal(coerceText('😀'.repeat(5), { max: 5 }, nb).ok, true);
      assert.equal(coerceText('😀'.repeat(6), { max: 5 }, nb).ok, false);
    });

    it('says how long the text is and what the limit is', () => {
      assert.deepEqual(coerceText('x'.repeat(121), { max: 120 }, nb), {
        ok: false,
        problems: [{ key: 'report.error.tooLong', params: { max: '120', length: '121' } }],
      });
    });

    // How fast: `npm run bench -- --only=input` (input.text.1mb).
    it('refuses a megabyte with "too long"', () => {
      const r = coerceText(' \u0000'.repeat(512 * 1024), { max: 4000, multiline: true }, nb);
      assert.equal(!r.ok && r.problems[0].key, 'report.error.tooLong');
    });

    it('refuses non-text values', () => {
      for (const v of [42, true, {}, ['a'], () => 1]) {
        const r = coerceText(v, { max: 10 }, nb);
        assert.equal(!r.ok && r.problems[0].key, 'report.error.wrongType');
      }
    });
  });

  describe('whole numbers and amounts', () => {
    const good: Array<[unknown, number]> = [
      ['1 250 000', 1_250_000],
      ['1\u00a0250\u00a0000', 1_250_000],
      ['1\u202f250\u202f000', 1_250_000],
      ['0', 0],
      [' 42 ', 42],
      [1_250_000, 1_250_000],
      ['50 000 000', 50_000_000],
    ];
    for (const [raw, value] of good) {
      it(`reads ${JSON.stringify(raw)} as ${value}`, () => {
        assert.deepEqual(coerceInteger(raw, amount, nb), { ok: true, value });
      });
    }
    const bad: Array<[unknown, string]> = [
      ['1250,50', 'report.error.amount.notWhole'],
      ['1250.5', 'report.error.amount.notWhole'],
      ['1.250.000', 'report.error.amount.notWhole'],
      [12.5, 'report.error.amount.notWhole'],
      ['-100', 'report.error.amount.negative'],
      ['\u2212100', 'report.error.amount.negative'],
      [-1, 'report.error.amount.negative'],
      ['1e6', 'report.error.amount.notNumber'],
      ['kr 100', 'report.error.amount.notNumber'],
      ['tusen', 'report.error.amount.notNumber'],
      ['${amount}', 'report.error.amount.notNumber'],
      [Number.NaN, 'report.error.amount.notNumber'],
      [Number.POSITIVE_INFINITY, 'report.error.amount.notNumber'],
      ['50 000 001', 'report.error.amount.tooLarge'],
      ['9'.repeat(1024 * 1024), 'report.error.amount.tooLarge'],
      [true, 'report.error.wrongType'],
      [{ value: 1 }, 'report.error.wrongType'],
    ];
    for (const [raw, key] of bad) {
      it(`refuses ${JSON.stringify(raw).slice(0, 30)} with ${key}`, () => {
        const r = coerceInteger(raw, amount, nb);
        assert.equal(!r.ok && r.problems[0].key, key);
      });
    }

    it("states the largest amount in the reader's format", () => {
      const r = coerceInteger('60000000', amount, formatsFor('en'));
      assert.deepEqual(!r.ok && r.problems[0].params, { max: 'NOK 50,000,000' });
      const nbr = coerceInteger('60000000', amount, nb);
      assert.equal(!nbr.ok && String(nbr.problems[0].params?.max).replace(/\s/g, ' '), '50 000 000 kr');
    });

    it('uses number messages, not kroner, for counts', () => {
      const r = coerceInteger('0', { min: 1, max: 10, kind: 'count' }, nb);
      assert.deepEqual(r, { ok: false, problems: [{ key: 'report.error.number.tooSmall', params: { min: '1' } }] });
    });
  });

  describe('toggles', () => {
    it('reads "true" and "false", and an untouched toggle as false', () => {
      assert.deepEqual(coerceToggle('true'), { ok: true, value: true });
      assert.deepEqual(coerceToggle('false'), { ok: true, value: false });
      assert.deepEqual(coerceToggle(undefined), { ok: true, value: false });
      assert.equal(coerceToggle('yes').ok, false);
    });
  });

  describe('choices', () => {
    it("accepts a listed value in any case and keeps the list's spelling", () => {
      assert.deepEqual(coerceChoice('dekom', ['REKOM', 'DEKOM']), { ok: true, value: 'DEKOM' });
      assert.equal(coerceChoice('<b>DEKOM</b>', ['REKOM', 'DEKOM']).ok, false);
    });

    it('reads a multi-select as a comma-separated list, in list order, without repeats', () => {
      assert.deepEqual(coerceChoices('c, a,,a', ['a', 'b', 'c']), { ok: true, value: ['a', 'c'] });
      assert.deepEqual(coerceChoices(['c', 'a'], ['a', 'b', 'c']), { ok: true, value: ['a', 'c'] });
      assert.deepEqual(coerceChoices(' , ', ['a']), { ok: true, value: undefined });
      assert.equal(coerceChoices('a,zzz', ['a']).ok, false);
      assert.equal(coerceChoices(7, ['a']).ok, false);
    });
  });

  describe('e-mail and phone', () => {
    for (const email of ['kari@asker.kommune.no', 'k.nordmann+bm@oslomet.no', 'øyvind@bærum.kommune.no']) {
      it(`accepts ${email}`, () => assert.equal(coerceEmail(email, nb).ok, true));
    }
    for (const email of [
      'kari',
      'kari@',
      '@asker.no',
      'kari@asker',
      'ka ri@asker.no',
      'a@b@c.no',
      'kari@asker..no',
      'kari@-asker.no',
      '.kari@asker.no',
      'kari@asker.n0',
      `${'a'.repeat(65)}@x.no`,
    ]) {
      it(`refuses the e-mail ${email.slice(0, 30)}`, () => {
        const r = coerceEmail(email, nb);
        assert.equal(!r.ok && r.problems[0].key, 'report.error.email');
      });
    }
    for (const phone of ['22 00 00 00', '22000000', '+47 22 00 00 00', '+46 8 123 456 78', '0046812345678']) {
      it(`accepts the phone number ${phone}`, () => assert.equal(coercePhone(phone, nb).ok, true));
    }
    for (const phone of ['2200000', '220000000', '+47 22-00-00-00', 'ring meg', '+1234', '+1234567890123456', '22 00 00 0x']) {
      it(`refuses the phone number ${phone}`, () => {
        const r = coercePhone(phone, nb);
        assert.equal(!r.ok && r.problems[0].key, 'report.error.phone');
      });
    }
  });
});
