import { strict as assert } from 'node:assert';
import { CARD_INPUTS, INPUT_STEPS, validateStep, type FieldError, type InputStep, type ReportDraft } from '../../src/domain/report';
import { CONTEXT, draftBefore, GOOD_INPUT, MEGABYTE } from '../support/reportInput';

function errorsOf(step: InputStep, field: string, value: unknown): FieldError[] {
  const r = validateStep(step, { ...GOOD_INPUT[step], [field]: value }, draftBefore(step), CONTEXT);
  return r.ok ? [] : r.errors;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

const HOSTILE_TEXT = '<script>alert(1)</script> ${user.token} {{x}}\u0000\u001b[31m';

// For each card input: what leaving it empty gives (null = allowed), and what a hostile value
// gives (null = kept as data).
type Row = { step: InputStep; field: string; empty: string | null; hostile: string | null; hostileValue?: unknown; with?: Record<string, unknown> };
const TABLE: Row[] = [
  { step: 'owner', field: 'ownerName', empty: 'report.error.required', hostile: null },
  { step: 'owner', field: 'ownerOrgnr', empty: 'report.error.required', hostile: 'report.error.orgnr.notDigits' },
  { step: 'owner', field: 'ownerType', empty: 'report.error.chooseOne', hostile: 'report.error.unknownChoice' },
  { step: 'contact', field: 'network', empty: null, hostile: null, hostileValue: `${HOSTILE_TEXT} kommune; 123456785` },
  { step: 'owner', field: 'region', empty: 'report.error.chooseOne', hostile: 'report.error.unknownChoice' },
  { step: 'owner', field: 'scheme', empty: 'report.error.chooseOne', hostile: 'report.error.unknownChoice' },
  { step: 'contact', field: 'contactName', empty: 'report.error.required', hostile: null },
  { step: 'contact', field: 'contactEmail', empty: 'report.error.required', hostile: 'report.error.email' },
  { step: 'contact', field: 'contactPhone', empty: 'report.error.required', hostile: 'report.error.phone' },
  { step: 'measure', field: 'title', empty: 'report.error.required', hostile: null },
  { step: 'measure', field: 'needAndGoal', empty: 'report.error.required', hostile: null },
  { step: 'measure', field: 'theme', empty: 'report.error.chooseOne', hostile: 'report.error.unknownChoice' },
  { step: 'measure', field: 'themeOther', empty: null, hostile: null, with: { theme: 'annet' } },
  // Required only where the report's forum has priority areas (priority-areas.test.ts).
  { step: 'measure', field: 'priorityAreas', empty: null, hostile: 'report.error.unknownChoice' },
  { step: 'targets', field: 'targetGroups', empty: 'report.error.chooseAtLeastOne', hostile: 'report.error.unknownChoice' },
  { step: 'targets', field: 'unitCount', empty: 'report.error.required', hostile: 'report.error.number.notNumber' },
  { step: 'targets', field: 'units', empty: null, hostile: null, hostileValue: `${HOSTILE_TEXT} skole` },
  { step: 'targets', field: 'participants', empty: 'report.error.required', hostile: 'report.error.number.notNumber' },
  { step: 'partner', field: 'uhName', empty: 'report.error.required', hostile: null },
  { step: 'partner', field: 'uhOrgnr', empty: null, hostile: 'report.error.orgnr.notDigits' },
  { step: 'partner', field: 'uhContact', empty: 'report.error.required', hostile: null },
  { step: 'partner', field: 'uhDialogueConfirmed', empty: 'report.error.mustConfirm.uhDialogue', hostile: 'report.error.wrongType' },
  { step: 'partner', field: 'staffInvolved', empty: 'report.error.mustConfirm.staff', hostile: 'report.error.wrongType' },
  { step: 'period', field: 'startYear', empty: 'report.error.schoolYear.format', hostile: 'report.error.schoolYear.format' },
  { step: 'period', field: 'years', empty: 'report.error.years', hostile: 'report.error.years' },
  { step: 'money', field: 'year1Owner', empty: 'report.error.amount.required', hostile: 'report.error.amount.notNumber' },
  { step: 'money', field: 'year1Uh', empty: 'report.error.amount.required', hostile: 'report.error.amount.notNumber' },
  { step: 'money', field: 'year1OwnContribution', empty: 'report.error.ownContribution.required', hostile: 'report.error.amount.notNumber' },
  { step: 'money', field: 'year2Owner', empty: 'report.error.amount.required', hostile: 'report.error.amount.notNumber' },
  { step: 'money', field: 'year2Uh', empty: 'report.error.amount.required', hostile: 'report.error.amount.notNumber' },
  { step: 'money', field: 'year2OwnContribution', empty: 'report.error.ownContribution.required', hostile: 'report.error.amount.notNumber' },
  { step: 'money', field: 'year3Owner', empty: null, hostile: 'report.error.amount.beyondPeriod' },
  { step: 'money', field: 'year3Uh', empty: null, hostile: 'report.error.amount.beyondPeriod' },
  { step: 'money', field: 'year3OwnContribution', empty: null, hostile: 'report.error.amount.beyondPeriod' },
];

describe('the wizard steps, field by field', () => {
  it('has a row in this table for every input of every step', () => {
    const covered = TABLE.map((r) => `${r.step}.${r.field}`).sort();
    const all = (Object.keys(CARD_INPUTS) as InputStep[]).flatMap((s) => CARD_INPUTS[s].map((f) => `${s}.${f}`)).sort();
    assert.deepEqual(covered, all);
  });

  for (const step of INPUT_STEPS) {
    it(`accepts a well-filled "${step}" card`, () => {
      const r = validateStep(step, GOOD_INPUT[step], draftBefore(step), CONTEXT);
      assert.equal(r.ok, true, JSON.stringify(!r.ok && r.errors));
    });
  }

  for (const row of TABLE) {
    const { step, field } = row;
    describe(`${step} → ${field}`, () => {
      it(row.empty ? `says "${row.empty}" when left empty` : 'may be left empty', () => {
        for (const empty of ['', '   ', undefined]) {
          const errors = errorsOf(step, field, empty);
          if (row.empty)
            assert.deepEqual(
              errors.map((e) => [e.field, e.key]),
              [[field, row.empty]],
              `value ${JSON.stringify(empty)}`,
            );
          else assert.deepEqual(errors, [], `value ${JSON.stringify(empty)}`);
        }
      });

      it('gives a message next to the field, not a crash, for a wrong-typed value', () => {
        for (const wrong of [{ a: 1 }, 12.5, ['x', 3]]) {
          const errors = errorsOf(step, field, wrong).filter((e) => e.field === field);
          if (field === 'targetGroups' && Array.isArray(wrong)) continue; // arrays are a valid form there
          if (typeof wrong === 'number' && ['unitCount', 'participants', 'years', 'startYear'].includes(field)) {
            assert.ok(errors.length > 0);
            continue;
          }
          assert.ok(errors.length > 0, `${JSON.stringify(wrong)} should be refused`);
        }
      });

      // How fast: `npm run bench -- --only=input` (input.step.1mb).
      it('refuses a pasted megabyte, and echoes back a bounded amount of it', () => {
        const r = validateStep(step, { ...GOOD_INPUT[step], [field]: MEGABYTE }, draftBefore(step), CONTEXT);
        assert.equal(r.ok, false);
        if (!r.ok) {
          assert.ok(
            r.errors.some((e) => e.field === field),
            JSON.stringify(r.errors),
          );
          assert.ok(JSON.stringify(r.raw).length < 40_000, 'raw echo must stay well under the 100 KB card limit');
          assert.ok(r.raw[field].length < 40_000);
        }
      });

      it(row.hostile ? `refuses markup and template expressions with "${row.hostile}"` : 'keeps markup and template expressions as data', () => {
        const value = row.hostileValue ?? HOSTILE_TEXT;
        const r = validateStep(step, { ...GOOD_INPUT[step], ...row.with, [field]: value }, draftBefore(step), CONTEXT);
        if (row.hostile) {
          assert.equal(r.ok, false);
          assert.deepEqual(!r.ok && r.errors.map((e) => [e.field, e.key]), [[field, row.hostile]]);
          assert.equal(!r.ok && r.raw[field], value, 'what the person typed comes back unchanged');
        } else {
          assert.equal(r.ok, true, JSON.stringify(!r.ok && r.errors));
          const stored = JSON.stringify(r.ok && r.draft);
          assert.ok(stored.includes('${user.token}'), 'template expression kept verbatim');
          assert.ok(stored.includes('<script>'), 'markup kept verbatim');
          assert.ok(!stored.includes('\\u0000') && !stored.includes('\\u001b'), 'control characters stripped');
        }
      });
    });
  }
});

describe('a wizard step', () => {
  it('gives the normalised values and the updated draft', () => {
    const r = validateStep('owner', GOOD_INPUT.owner, {}, CONTEXT);
    assert.ok(r.ok);
    assert.equal(r.value.ownerOrgnr, '974760673');
    assert.equal(r.draft.scheme, 'DEKOM');
    const contact = validateStep('contact', GOOD_INPUT.contact, r.draft, CONTEXT);
    assert.ok(contact.ok);
    assert.deepEqual(contact.value.network, [
      { name: 'Nabo kommune', orgnr: '123456785' },
      { name: 'Tredje kommune', orgnr: '921605900' },
    ]);
    assert.equal(r.draft.scheme, 'DEKOM');
  });

  it('reads the money card into one row per year of the period chosen on the step before', () => {
    const r = validateStep('money', GOOD_INPUT.money, draftBefore('money'), CONTEXT);
    assert.ok(r.ok);
    assert.equal(r.draft.years, 2);
    assert.deepEqual(r.value, {
      amounts: [
        { owner: 1_000_000, uh: 250_000, ownContribution: 375_000 },
        { owner: 800_000, uh: 200_000, ownContribution: 300_000 },
      ],
    });
  });

  it('accepts Input.Number values that arrive as numbers, and school years typed out', () => {
    const p = validateStep('period', { startYear: '2027–2028', years: 2 }, draftBefore('period'), CONTEXT);
    assert.ok(p.ok, JSON.stringify(!p.ok && p.errors));
    assert.equal(p.value.startYear, 2027);
    const r = validateStep('money', { ...GOOD_INPUT.money, year1Owner: 1_000_000 }, p.draft, CONTEXT);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.equal(r.value.amounts[0].owner, 1_000_000);
  });

  it("keeps a new measure's first school year to the round's, earlier or later (issue 22: every krone in one school year)", () => {
    for (const year of ['2026', '2028'])
      assert.deepEqual(errorsOf('period', 'startYear', year), [{ field: 'startYear', key: 'report.error.schoolYear.roundOnly', params: { min: '2027–2028' } }]);
  });

  it('replaces what the step owns in the draft and leaves the rest alone', () => {
    const before = deepFreeze({ ...draftBefore('partner'), uhOrgnr: '983765238' } as ReportDraft);
    const r = validateStep('partner', { ...GOOD_INPUT.partner, uhOrgnr: '' }, before, CONTEXT);
    assert.ok(r.ok);
    assert.equal('uhOrgnr' in r.draft, false, 'an emptied optional field is removed');
    assert.equal(r.draft.title, before.title);
  });

  it('leaves the draft untouched and returns every raw value when a step fails', () => {
    const before = deepFreeze(draftBefore('targets'));
    const copy = JSON.parse(JSON.stringify(before));
    const r = validateStep('targets', { ...GOOD_INPUT.targets, participants: '-3', unitCount: 'mange' }, before, CONTEXT);
    assert.equal(r.ok, false);
    assert.deepEqual(before, copy);
    assert.ok(!r.ok);
    assert.deepEqual(r.raw, { targetGroups: 'ledere,laerere', unitCount: 'mange', units: GOOD_INPUT.targets.units, participants: '-3' });
    assert.deepEqual(
      r.errors.map((e) => e.field),
      ['unitCount', 'participants'],
      'in card order',
    );
  });

  it('does not trip over a stale or tampered draft from storage', () => {
    const draft = { scheme: 42, network: 'garbage', ownerOrgnr: ['x'], amounts: {} } as unknown as ReportDraft;
    for (const step of INPUT_STEPS) {
      assert.doesNotThrow(() => validateStep(step, GOOD_INPUT[step], draft, CONTEXT), step);
    }
    assert.equal(
      validateStep('targets', { ...GOOD_INPUT.targets, targetGroups: 'ppt' }, draft, CONTEXT).ok,
      true,
      'an unreadable scheme is checked at review, not here',
    );
  });

  it('treats input that is not an object as an empty card', () => {
    for (const raw of [null, 'ownerName=x', 42, [1, 2]]) {
      const r = validateStep('measure', raw, {}, CONTEXT);
      assert.equal(r.ok, false);
      assert.deepEqual(!r.ok && r.errors.map((e) => e.field), ['title', 'needAndGoal', 'theme']);
    }
  });

  it('ignores inputs that belong to no field, such as the action verb', () => {
    const r = validateStep('measure', { ...GOOD_INPUT.measure, verb: 'report.next', __proto__x: 1 }, {}, CONTEXT);
    assert.ok(r.ok);
    assert.equal('verb' in r.draft, false);
  });

  it('lists at most 20 problems per field and says how many more there are', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `Kommune ${i}; 974683521`).join('\n');
    const r = validateStep('contact', { ...GOOD_INPUT.contact, network: lines }, {}, CONTEXT);
    assert.ok(!r.ok);
    const network = r.errors.filter((e) => e.field === 'network');
    assert.equal(network.length, 21);
    assert.deepEqual(network[20], { field: 'network', key: 'report.error.moreProblems', params: { count: 10 } });
  });

  it('only offers the configured regions', () => {
    const regions = {
      id: 'nordland',
      name: { nb: 'Nordland' },
      workingGroups: [{ id: 'salten', name: { nb: 'Salten' } }],
      regions: [{ id: 'bodo', county: 'nordland', name: { nb: 'Bodø' }, workingGroup: 'salten' }],
    };
    assert.equal(validateStep('owner', { ...GOOD_INPUT.owner, region: 'bodo' }, {}, { regions }).ok, true);
    const r = validateStep('owner', GOOD_INPUT.owner, {}, { regions });
    assert.deepEqual(!r.ok && r.errors, [{ field: 'region', key: 'report.error.unknownChoice' }]);
  });
});
