import { strict as assert } from 'node:assert';
import { checkOrgnr, formatOrgnr, isValidOrgnr, orgnrCheckDigit } from '../../src/domain/orgnr';

describe('organisation numbers (MOD11)', () => {
  const valid = [
    ['123456785', 'the example from DOMAIN.md'],
    ['974760673', 'r = 8, check digit 3'],
    ['921605900', 'r = 0, check digit 0'],
    ['940192226', 'an ordinary number'],
    ['974 760 673', 'grouped with spaces as Enhetsregisteret prints it'],
    ['974\u00a0760\u00a0673', 'grouped with non-breaking spaces, as copied from a web page'],
    [' 974760673 ', 'with spaces around it'],
  ] as const;
  for (const [input, why] of valid) {
    it(`accepts ${JSON.stringify(input)} (${why}) and gives 9 digits`, () => {
      const r = checkOrgnr(input);
      assert.equal(r.ok, true);
      assert.match(r.ok ? r.orgnr : '', /^\d{9}$/);
    });
  }

  const invalid = [
    ['974683521', 'checkDigit', 'wrong check digit'],
    ['123456789', 'checkDigit', 'wrong check digit'],
    ['970000020', 'checkDigit', 'r = 1: no check digit can make it valid'],
    ['12345678', 'length', 'eight digits'],
    ['1234567850', 'length', 'ten digits'],
    ['', 'length', 'nothing'],
    ['97476067A', 'notDigits', 'a letter'],
    ['974-760-673', 'notDigits', 'dashes'],
    ['NO974760673MVA', 'notDigits', 'VAT number form'],
  ] as const;
  for (const [input, reason, why] of invalid) {
    it(`refuses ${JSON.stringify(input)} (${why})`, () => {
      const r = checkOrgnr(input);
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.reason, reason);
    });
  }

  it('says which number has the wrong check digit, normalised', () => {
    assert.deepEqual(checkOrgnr('974 683 521'), { ok: false, reason: 'checkDigit', orgnr: '974683521' });
  });

  it('says how many digits a wrong-length number has', () => {
    assert.deepEqual(checkOrgnr('1234 5678'), { ok: false, reason: 'length', length: 8 });
  });

  it('computes the check digit, and null when r = 1', () => {
    assert.equal(orgnrCheckDigit('12345678'), 5);
    assert.equal(orgnrCheckDigit('92160590'), 0);
    assert.equal(orgnrCheckDigit('97000002'), null);
  });

  // How fast: `npm run bench -- --only=input` (input.orgnr.1mb).
  it('refuses a megabyte of digits', () => {
    assert.equal(isValidOrgnr('9'.repeat(1024 * 1024)), false);
  });

  it('prints numbers in groups of three', () => {
    assert.equal(formatOrgnr('974760673'), '974 760 673');
  });
});
