import { strict as assert } from 'node:assert';
import {
  countiesOfForum,
  DEFAULT_REGIONS,
  forumOfRegion,
  forumOfReport,
  forumsOf,
  hasForums,
  parseRegionConfig,
  regionChoices,
  workingGroupFor,
} from '../../src/domain/regions';
import { placeChoices, placeOf, placesOf, placeValue } from '../../src/domain/forumPlaces';

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

describe('forums of one County Governor', () => {
  const base = {
    id: 'nordland',
    name: { nb: 'Statsforvalteren i Nordland' },
    workingGroups: [
      { id: 'salten', name: { nb: 'Salten' } },
      { id: 'helgeland', name: { nb: 'Helgeland' } },
      { id: 'lofoten', name: { nb: 'Lofoten' } },
    ],
    regions: [
      { id: 'bodo', county: 'nordland', name: { nb: 'Bodø' }, workingGroup: 'salten' },
      { id: 'mo', county: 'nordland', name: { nb: 'Mo i Rana' }, workingGroup: 'helgeland' },
      { id: 'svolvaer', county: 'lofoten-fylke', name: { nb: 'Svolvær' }, workingGroup: 'lofoten' },
    ],
  };
  const forum = (id: string, workingGroups: string[]) => ({ id, name: { nb: `Forum ${id}` }, workingGroups });

  it('has two forums and six working groups in the default, Oslo with its group and Viken with the other five', () => {
    assert.deepEqual(
      forumsOf(DEFAULT_REGIONS).map((f) => [f.id, f.workingGroups]),
      [
        ['oslo', ['oslo']],
        ['viken', ['nord', 'sor', 'ost', 'vest', 'nordvest']],
      ],
    );
    assert.deepEqual(countiesOfForum(DEFAULT_REGIONS, 'viken'), ['akershus', 'ostfold', 'buskerud']);
    assert.equal(forumOfRegion(DEFAULT_REGIONS, 'asker-baerum')?.id, 'viken');
    assert.equal(forumOfReport(DEFAULT_REGIONS, { workingGroup: 'oslo' }), 'oslo');
  });

  it('reads a configuration without forums as one forum under the County Governor, so stored grants and meetings still fit', () => {
    const config = parseRegionConfig(base);
    assert.deepEqual(forumsOf(config), [{ id: 'nordland', name: base.name, workingGroups: ['salten', 'helgeland', 'lofoten'] }]);
    assert.equal(forumOfReport(config, { workingGroup: 'lofoten' }), 'nordland');
    assert.equal(hasForums(config), false);
  });

  it('refuses a working group in two forums, one in none, and a forum naming an unknown group', () => {
    assert.throws(
      () => parseRegionConfig({ ...base, forums: [forum('a', ['salten', 'helgeland']), forum('b', ['helgeland', 'lofoten'])] }),
      /forums\.1\.workingGroups\.0: working group "helgeland" is already in forum "a"/,
    );
    assert.throws(() => parseRegionConfig({ ...base, forums: [forum('a', ['salten', 'helgeland'])] }), /forums: working group "lofoten" is in no forum/);
    assert.throws(
      () => parseRegionConfig({ ...base, forums: [forum('a', ['salten', 'helgeland', 'lofoten', 'vesteralen'])] }),
      /forums\.0\.workingGroups\.3: unknown working group "vesteralen"/,
    );
    assert.throws(() => parseRegionConfig({ ...base, forums: [forum('a', ['salten']), forum('a', ['helgeland', 'lofoten'])] }), /duplicate forum id "a"/);
    assert.ok(parseRegionConfig({ ...base, forums: [forum('nord', ['salten', 'helgeland']), forum('lofoten', ['lofoten'])] }));
  });

  it('names each place by one choice value: a working group by its id, a forum itself as forum:<id>', () => {
    assert.deepEqual(placeOf(DEFAULT_REGIONS, 'vest'), { forum: 'viken', group: 'vest' });
    assert.deepEqual(placeOf(DEFAULT_REGIONS, 'forum:oslo'), { forum: 'oslo', group: 'forum' });
    assert.equal(placeOf(DEFAULT_REGIONS, 'forum'), undefined, 'which forum is not said');
    assert.equal(placeOf(DEFAULT_REGIONS, 'forum:bergen'), undefined);
    assert.deepEqual(placeOf(parseRegionConfig(base), 'forum'), { forum: 'nordland', group: 'forum' }, 'with one forum, as before');
    for (const p of placesOf(DEFAULT_REGIONS)) assert.deepEqual(placeOf(DEFAULT_REGIONS, placeValue(DEFAULT_REGIONS, p)), p);
    assert.deepEqual(
      placeChoices(DEFAULT_REGIONS, 'nb', 'Samarbeidsforumet')
        .slice(0, 3)
        .map((c) => c.title),
      ['Samarbeidsforum Oslo', 'Arbeidsgruppe Oslo (Samarbeidsforum Oslo)', 'Samarbeidsforum Viken'],
    );
  });
});
