import assert from 'node:assert/strict';
import { LinkRef, mayRemove, parseAdd } from '../../src/domain/colleagues';

const TENANT = '11111111-1111-4111-8111-111111111111';
const AAD = '00000000-0000-4000-8000-000000000002';
const values = (v: Partial<Record<'person' | 'aadObjectId' | 'tenantId' | 'displayName', string>>) => ({
  person: '',
  aadObjectId: '',
  tenantId: '',
  displayName: '',
  ...v,
});

describe('colleagues: who may act for an owner', () => {
  it('takes a person picked in Teams in the caller’s own tenant', () => {
    assert.deepEqual(parseAdd(values({ person: AAD.toUpperCase() }), TENANT), { ok: true, person: { tenantId: TENANT, aadObjectId: AAD } });
  });

  it('takes pasted ids in any case and with spaces around, and a name as a label', () => {
    assert.deepEqual(parseAdd(values({ aadObjectId: ` ${AAD.toUpperCase()} `, tenantId: TENANT, displayName: '  Ola   Nordmann ' }), TENANT), {
      ok: true,
      person: { tenantId: TENANT, aadObjectId: AAD },
      displayName: 'Ola Nordmann',
    });
  });

  const refused: Array<[string, Parameters<typeof values>[0], Record<string, string>]> = [
    ['nothing chosen or pasted', {}, { aadObjectId: 'colleagues.error.nobody', tenantId: 'colleagues.error.tenantMissing' }],
    ['an e-mail address for the id', { aadObjectId: 'ola@eksempel.no', tenantId: TENANT }, { aadObjectId: 'colleagues.error.aadObjectId' }],
    ['a short tenant id', { aadObjectId: AAD, tenantId: '1234' }, { tenantId: 'colleagues.error.tenantId' }],
    ['a GUID with a character too many', { aadObjectId: `${AAD}0`, tenantId: TENANT }, { aadObjectId: 'colleagues.error.aadObjectId' }],
    ['a picked value that is no id', { person: 'Ola Nordmann' }, { aadObjectId: 'colleagues.error.picked' }],
    ['a name longer than 200 characters', { aadObjectId: AAD, tenantId: TENANT, displayName: 'x'.repeat(201) }, { displayName: 'colleagues.error.nameLong' }],
  ];
  for (const [what, input, errors] of refused) {
    it(`refuses ${what}, naming the field`, () => {
      assert.deepEqual(parseAdd(values(input), TENANT), { ok: false, errors });
    });
  }

  it('keeps an owner with someone: only an officer removes the last person', () => {
    assert.deepEqual(mayRemove({ manager: 'linked', linkedCount: 1 }), { ok: false, key: 'colleagues.error.last' });
    assert.deepEqual(mayRemove({ manager: 'linked', linkedCount: 2 }), { ok: true });
    assert.deepEqual(mayRemove({ manager: 'officer', linkedCount: 1 }), { ok: true });
  });

  it('names an owner on a Remove button only with a valid org. number and GUIDs', () => {
    assert.equal(LinkRef.safeParse({ orgnr: '974 760 673', tenantId: TENANT, aadObjectId: AAD }).data?.orgnr, '974760673');
    assert.equal(LinkRef.safeParse({ orgnr: '974760674', tenantId: TENANT, aadObjectId: AAD }).success, false, 'check digit');
    assert.equal(LinkRef.safeParse({ orgnr: '974760673', tenantId: TENANT, aadObjectId: 'x' }).success, false);
  });
});
