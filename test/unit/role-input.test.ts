import assert from 'node:assert/strict';
import { parseId, parseOrganisations, parsePersonChoice } from '../../src/domain/secretariat/role-input';

describe('naming a person for a role', () => {
  it('takes AAD object and tenant ids as GUIDs, in lower case', () => {
    assert.deepEqual(parseId(' 2812A501-5704-4CA9-80A6-F231A6A8DE3D '), { ok: true, id: '2812a501-5704-4ca9-80a6-f231a6a8de3d' });
    assert.deepEqual(parseId('Siri Dahl'), { ok: false, problem: { key: 'roles.error.id' } });
    assert.deepEqual(parseId(''), { ok: false, problem: { key: 'report.error.required' } });
  });

  it('reads a team member choice as tenant and object id, and nothing else', () => {
    const t = '6893935a-4e95-432b-bd7a-bdba9c0741b1';
    const a = '2812a501-5704-4ca9-80a6-f231a6a8de3d';
    assert.deepEqual(parsePersonChoice(`${t}|${a}`), { tenantId: t, aadObjectId: a });
    for (const bad of [a, `${t}|${a}|x`, `${t}|Siri`, 42]) assert.equal(parsePersonChoice(bad), undefined);
  });

  it('checks each organisation number with MOD11 and drops repeats', () => {
    assert.deepEqual(parseOrganisations('974 760 673\n974760673, 123456785'), { ok: true, orgnrs: ['974760673', '123456785'] });
    assert.deepEqual(parseOrganisations(''), { ok: true, orgnrs: [] });
    const bad = parseOrganisations('974760673\n123456789');
    assert.ok(!bad.ok);
    assert.equal(bad.problem.key, 'report.error.orgnr.checkDigit');
  });
});
