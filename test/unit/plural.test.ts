import assert from 'node:assert/strict';
import { LOCALES, pluralCategory, translator, type Locale } from '../../src/domain/i18n';

describe('singular and plural', () => {
  const categories: Array<[number, 'one' | 'other']> = [
    [0, 'other'],
    [1, 'one'],
    [2, 'other'],
  ];
  for (const locale of LOCALES)
    for (const [n, want] of categories) it(`${locale}: ${n} takes the ${want} form`, () => assert.equal(pluralCategory(locale, n), want));

  const items: Record<Locale, [string, string, string]> = {
    nb: ['0 saker', '1 sak', '2 saker'],
    nn: ['0 saker', '1 sak', '2 saker'],
    en: ['0 items', '1 item', '2 items'],
  };
  for (const locale of LOCALES)
    it(`${locale}: a counted text reads ${items[locale].join(', ')}`, () => {
      const t = translator(locale);
      assert.deepEqual(
        [0, 1, 2].map((count) => t('forum.list.items', { count })),
        items[locale],
      );
    });

  it('reads a count the domain already formatted, and writes large counts the reader’s way', () => {
    assert.equal(translator('nb')('report.error.unitsMoreThanCount', { count: '1', stated: '0' }).startsWith('Du har listet 1 enhet,'), true);
    assert.equal(translator('nb')('forum.list.items', { count: 12000 }).replace(/\s/g, ' '), '12 000 saker');
    assert.equal(translator('en')('forum.list.items', { count: '12 000' }).replace(/\s/g, ' '), '12,000 items');
  });

  it('falls back to the plural form when no count is given', () => assert.equal(translator('en')('forum.list.items'), '{count} items'));
});
