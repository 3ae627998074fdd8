import { strict as assert } from 'node:assert';
import { DEFAULT_REGIONS, parseRegionConfig, regionChoices, workingGroupFor } from '../../src/domain/regions';

describe('counties, regions and working groups', () => {
  it('sorts every default region to one of six working groups', () => {
    assert.equal(DEFAULT_REGIONS.workingGroups.length, 6);
    for (const region of DEFAULT_REGIONS.regions) assert.ok(workingGroupFor(DEFAULT_REGIONS, region.id), region.id);
    assert.equal(workingGroupFor(DEFAULT_REGIONS, 'ostfold')?.name.nn, 'Arbeidsgruppe Aust');
    assert.deepEqual(parseRegionConfig(DEFAULT_REGIONS), DEFAULT_REGIONS, 'the default passes its own validation');
  });

  it("offers the regions as choices in the reader's language, falling back to bokmål", () => {
    const en = regionChoices(DEFAULT_REGIONS, 'en');
    assert.deepEqual(
      en.find((c) => c.value === 'drammen-kongsberg'),
      { title: 'Buskerud – Drammen region and Kongsberg', value: 'drammen-kongsberg' },
    );
    assert.deepEqual(
      en.find((c) => c.value === 'oslo'),
      { title: 'Oslo', value: 'oslo' },
    );
  });

  it("reads another county's configuration", () => {
    const config = parseRegionConfig({
      name: { nb: 'Statsforvalteren i Nordland' },
      workingGroups: [
        { id: 'salten', name: { nb: 'Salten' } },
        { id: 'helgeland', name: { nb: 'Helgeland' } },
      ],
      regions: [{ id: 'bodo', county: 'nordland', name: { nb: 'Bodø' }, workingGroup: 'salten' }],
    });
    assert.equal(workingGroupFor(config, 'bodo')?.id, 'salten');
  });

  it('refuses a configuration with unknown working groups, repeated or non-ASCII ids', () => {
    const base = { name: { nb: 'X' }, workingGroups: [{ id: 'a', name: { nb: 'A' } }] };
    assert.throws(() => parseRegionConfig({ ...base, regions: [{ id: 'r', county: 'c', name: { nb: 'R' }, workingGroup: 'b' }] }), /unknown working group "b"/);
    assert.throws(
      () =>
        parseRegionConfig({
          ...base,
          regions: [
            { id: 'r', county: 'c', name: { nb: 'R' }, workingGroup: 'a' },
            { id: 'r', county: 'c', name: { nb: 'R2' }, workingGroup: 'a' },
          ],
        }),
      /duplicate region id/,
    );
    assert.throws(() => parseRegionConfig({ ...base, regions: [{ id: 'østfold', county: 'c', name: { nb: 'R' }, workingGroup: 'a' }] }), /regions\.0\.id/);
  });
});
