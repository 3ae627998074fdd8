import assert from 'node:assert/strict';
import { allCatalogs } from '../support/catalogs';

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('every catalog in nb, nn and en', () => {
  const catalogs = allCatalogs();

  it('finds the catalogs', () => assert.ok(catalogs.length >= 12, `only ${catalogs.length} catalogs found`));

  for (const { name, catalog } of catalogs) {
    const keys = Object.keys(catalog.nb).sort();

    it(`${name}: has the same keys in all three languages`, () => {
      assert.deepEqual(Object.keys(catalog.nn).sort(), keys, 'nn');
      assert.deepEqual(Object.keys(catalog.en).sort(), keys, 'en');
    });

    it(`${name}: has the same {placeholders} per key in all three languages`, () => {
      const differ = keys.flatMap((k) =>
        (['nn', 'en'] as const)
          .filter((l) => placeholders(catalog[l][k] ?? '').join() !== placeholders(catalog.nb[k]).join())
          .map((l) => `${l} ${k}: ${placeholders(catalog[l][k] ?? '').join() || '–'} vs nb ${placeholders(catalog.nb[k]).join() || '–'}`),
      );
      assert.deepEqual(differ, []);
    });

    it(`${name}: gives every counted text both forms, each with its {count}`, () => {
      const bases = new Set(keys.filter((k) => /\.(one|other)$/.test(k)).map((k) => k.replace(/\.(one|other)$/, '')));
      const broken = [...bases].filter((b) => !(`${b}.one` in catalog.nb && `${b}.other` in catalog.nb) || !catalog.nb[`${b}.other`].includes('{count}'));
      assert.deepEqual(broken, []);
    });
  }
});
