import assert from 'node:assert/strict';
import { SECRETARIAT_GROUP } from '../../src/domain/roles';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import type { Persona } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { inputsOf, press, startReport } from '../support/wizard';

// Issue 21, item 5: tenant and AAD object ids are GUIDs, which Teams sends in lower case. Whatever
// case one arrives in (typed, pasted, configured, or sent by a client), it is stored and compared
// in lower case: the same person never becomes a second grant, draft or chat.

const TENANT_X = 'aaaabbbb-cccc-4ddd-8eee-ffff00001111';
const person = (name: string, aadObjectId: string): Persona => ({ name, aadObjectId, tenantId: TENANT_X });
const OFFICER_X = person('Siri Statsforvalter', 'abcdef01-2345-4678-9abc-def012345678');
const PERSON_X = person('Per Hansen', 'fedcba98-7654-4321-8fed-cba987654321');
const OWNER_X = person('Kari Nordmann', 'c0ffee00-1234-4abc-8def-0123456789ab');
const upper = (p: Persona): Persona => ({ ...p, aadObjectId: p.aadObjectId.toUpperCase(), tenantId: p.tenantId.toUpperCase() });
const lower = (p: Persona) => ({ tenantId: p.tenantId, aadObjectId: p.aadObjectId });

describe('ids in any case are one person', () => {
  let h: Harness;
  before(async () => {
    // The configured officer in upper case, as someone might paste it from the Entra portal.
    h = await startHarness({ BOOTSTRAP_SECRETARIAT: `${TENANT_X.toUpperCase()}:${OFFICER_X.aadObjectId.toUpperCase()}` });
  });
  after(async () => {
    await h?.stop();
  });

  it('knows the configured officer whichever case the configuration and Teams use', async () => {
    for (const who of [OFFICER_X, upper(OFFICER_X)]) {
      const [reply] = await h.send(who, 'oversikt');
      assert.match(cardText(cardOf(reply)), /Oversikt: innmeldingsrunde \d{4}/, who.aadObjectId);
    }
  });

  it('stores an officer granted in upper case once, in lower case, and knows them in either case', async () => {
    const form = (await h.invoke(OFFICER_X, 'roles.addForm', { mode: 'secretariat' })).body.value;
    const added = await press(h, upper(OFFICER_X), form, 'roles.add', {
      aadObjectId: PERSON_X.aadObjectId.toUpperCase(),
      tenantId: TENANT_X.toUpperCase(),
      displayName: 'Per Hansen',
    });
    assert.match(cardText(added), /Per Hansen er lagt til som sekretariatsmedarbeider/);
    // The same grant again through storage, once in upper and once in lower case.
    const stored = (await h.app.services.roles.inGroup(h.app.services.regions.id, SECRETARIAT_GROUP)).find(
      (g) => g.person.aadObjectId === PERSON_X.aadObjectId,
    )!;
    assert.ok(stored, 'stored in lower case');
    await h.app.services.roles.grant({ ...stored, person: { tenantId: TENANT_X.toUpperCase(), aadObjectId: PERSON_X.aadObjectId.toUpperCase() } });
    await h.app.services.roles.grant({ ...stored, person: lower(PERSON_X) });
    const grants = (await h.app.services.roles.inGroup(h.app.services.regions.id, SECRETARIAT_GROUP)).filter(
      (g) => g.person.aadObjectId.toLowerCase() === PERSON_X.aadObjectId,
    );
    assert.deepEqual(
      grants.map((g) => g.person),
      [lower(PERSON_X)],
      'one grant, stored in lower case',
    );
    assert.equal((await h.app.services.roles.of({ tenantId: TENANT_X.toUpperCase(), aadObjectId: PERSON_X.aadObjectId.toUpperCase() })).length, 1);
    for (const who of [PERSON_X, upper(PERSON_X)]) {
      const [reply] = await h.send(who, 'sekretariat');
      assert.match(cardText(cardOf(reply)), /Hva vil du gjøre/, `recognised as ${who.aadObjectId}`);
    }
    // Removing by the ids in upper case removes that one grant.
    const remove = await h.invoke(OFFICER_X, 'roles.remove', {
      tenantId: TENANT_X.toUpperCase(),
      aadObjectId: PERSON_X.aadObjectId.toUpperCase(),
      role: 'secretariat',
      group: SECRETARIAT_GROUP,
    });
    assert.match(cardText(remove.body.value), /Fjerne Per Hansen\?/);
    assert.match(cardText(await press(h, OFFICER_X, remove.body.value, 'roles.removeConfirm')), /Per Hansen er fjernet/);
    assert.deepEqual(await h.app.services.roles.of(lower(PERSON_X)), []);
  });

  it("continues an owner's draft when the next press carries their ids in upper case", async () => {
    const first = await startReport(h, OWNER_X);
    const contact = await press(h, OWNER_X, first, 'report.next', GOOD_INPUT.owner);
    assert.ok(inputsOf(contact).contactName, cardText(contact).slice(0, 300));
    const next = await press(h, upper(OWNER_X), contact, 'report.next', GOOD_INPUT.contact);
    assert.ok(inputsOf(next).title, `the measure step follows: ${cardText(next).slice(0, 300)}`);
    const drafts = await h.app.services.drafts.list(lower(OWNER_X));
    assert.equal(drafts.length, 1, 'one draft, found in either case');
  });

  it('stores a personal chat opened with upper-case ids where the lower-case ids find it', async () => {
    const res = await h.post({ ...h.personalActivity(upper(OWNER_X)), type: 'installationUpdate', action: 'add' });
    assert.equal(res.status, 200);
    assert.ok(await h.app.services.references.personal(TENANT_X, OWNER_X.aadObjectId), 'found by the lower-case ids');
  });
});
