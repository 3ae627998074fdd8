import assert from 'node:assert/strict';
import { OwnerPeople } from '../../src/storage/ownerPeople';
import { Tables } from '../../src/storage/tables';

// The results job asks once per owner for everyone to tell (audienceOf), not once per filer: the
// answer must be what asking per filer and joining gave.
describe("an owner's audience for several filers, from one read", () => {
  const ORGNR = '940000123';
  const officer = { id: 'officer', asOfficer: true };
  const person = (id: string) => ({ tenantId: 't1', aadObjectId: id });
  const [confirmed, claimant, removed, oldFiler] = ['confirmed', 'claimant', 'removed', 'old-filer'].map(person);
  let tables: Tables;
  let people: OwnerPeople;
  before(async () => {
    tables = new Tables(process.env.TEST_TABLES_CONNECTION_STRING!, `aud${Date.now().toString(36)}`);
    await tables.ensure(['ReportIndex']);
    people = new OwnerPeople(tables, () => new Date('2026-12-07T04:00:00Z'));
    await people.add(ORGNR, confirmed, officer);
    await people.claim(ORGNR, claimant);
    await people.add(ORGNR, removed, officer);
    await people.remove(ORGNR, removed, officer);
  });
  after(() => tables.dropAll().catch(() => undefined));

  const ids = (xs: Array<{ aadObjectId: string }>) => xs.map((x) => x.aadObjectId).sort();

  it('tells the confirmed people, each claimant filer about their own, a filer from before links, never a removed one, each once', async () => {
    const filers = [claimant, removed, oldFiler, claimant];
    const joined = new Set<string>();
    for (const f of filers) for (const p of await people.audience(ORGNR, f)) joined.add(p.aadObjectId);
    assert.deepEqual(ids(await people.audienceOf(ORGNR, filers)), ['claimant', 'confirmed', 'old-filer']);
    assert.deepEqual(ids(await people.audienceOf(ORGNR, filers)), [...joined].sort());
    // A claimant is not told about a colleague's report.
    assert.deepEqual(ids(await people.audienceOf(ORGNR, [confirmed])), ['confirmed']);
  });
});
