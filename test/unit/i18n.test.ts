import assert from 'node:assert/strict';
import { formatDate, formatNok, pickLocale } from '../../src/domain/i18n';
import { interpolate } from '../../src/domain/i18n/catalog';

describe('language and formats', () => {
  const cases: Array<[string | undefined, string]> = [
    ['nb-NO', 'nb'],
    ['nb-no', 'nb'],
    ['no', 'nb'],
    ['nn-NO', 'nn'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['de-DE', 'nb'],
    [undefined, 'nb'],
    ['', 'nb'],
  ];
  for (const [tag, want] of cases) it(`picks ${want} for Teams locale ${tag}`, () => assert.equal(pickLocale(tag), want));

  it('writes amounts the Norwegian way', () => {
    assert.equal(formatNok(1250000).replace(/\s/g, ' '), '1 250 000 kr');
    assert.equal(formatNok(0).replace(/\s/g, ' '), '0 kr');
  });

  it('writes dates the Norwegian way, in Oslo time', () => {
    assert.equal(formatDate('2027-02-01T12:00:00Z'), '1. februar 2027');
    assert.equal(formatDate('2027-01-31T23:30:00Z', 'nn'), '1. februar 2027');
    assert.equal(formatDate('2027-02-01T12:00:00Z', 'en'), '1 February 2027');
  });

  it('inserts parameters as plain text and leaves unknown placeholders alone', () => {
    assert.equal(interpolate('Hei {name}, {missing}', { name: '{missing}' }), 'Hei {missing}, {missing}');
  });
});
