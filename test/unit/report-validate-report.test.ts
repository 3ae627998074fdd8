import { strict as assert } from 'node:assert';
import {
  INPUT_STEPS,
  NeedsReport,
  REPORT_FIELDS,
  STEP_FIELDS,
  stepSchema,
  type MoneyStep,
  ReportDraftSchema,
  cardValues,
  mergeStep,
  validateReport,
  validateStep,
  type NeedsReport as Report,
  type ReportDraft,
} from '../../src/domain/report';
import { CONTEXT, GOOD_INPUT } from '../support/reportInput';

function completeDraft(): ReportDraft {
  let draft: ReportDraft = {};
  for (const step of INPUT_STEPS) {
    const r = validateStep(step, GOOD_INPUT[step], draft, CONTEXT);
    assert.ok(r.ok, `${step}: ${JSON.stringify(!r.ok && r.errors)}`);
    draft = r.draft;
  }
  return draft;
}

describe('the whole report at review and submission', () => {
  it('asks every field of the report on exactly one step', () => {
    const asked = INPUT_STEPS.flatMap((s) => [...STEP_FIELDS[s]]);
    assert.deepEqual([...asked].sort(), [...REPORT_FIELDS].sort());
  });

  it('accepts a complete report and gives it back typed', () => {
    const r = validateReport(completeDraft(), CONTEXT);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.equal(r.report.ownerOrgnr, '974760673');
    assert.equal(r.report.amounts.length, 2);
  });

  it('sends the owner back to the first step with a problem, listing every missing field by step', () => {
    const draft = completeDraft();
    delete draft.title;
    delete draft.participants;
    const r = validateReport(draft, CONTEXT);
    assert.ok(!r.ok);
    assert.equal(r.firstStep, 'measure');
    assert.deepEqual(r.errors, [
      { field: 'title', key: 'report.error.required', step: 'measure' },
      { field: 'participants', key: 'report.error.required', step: 'targets' },
    ]);
  });

  it('catches rules broken by going back and changing an earlier step', () => {
    // PPT chosen under Kompetanseløftet, then the owner goes back and switches to REKOM.
    const draft = mergeStep(completeDraft(), 'owner', { ...completeDraft(), scheme: 'REKOM' });
    const r = validateReport({ ...draft, targetGroups: ['ppt'] }, CONTEXT);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => [e.step, e.field, e.key]),
      [['targets', 'targetGroups', 'report.error.targetGroupsNeedKomploft']],
    );

    const dekom = validateReport(
      {
        ...completeDraft(),
        amounts: [
          { owner: 100, uh: 0 },
          { owner: 100, uh: 0, ownContribution: 30 },
        ],
      },
      CONTEXT,
    );
    assert.ok(!dekom.ok);
    assert.deepEqual(
      dekom.errors.map((e) => [e.step, e.field, e.key]),
      [['money', 'year1OwnContribution', 'report.error.ownContribution.required']],
    );
  });

  it('checks the period against the round it is submitted to', () => {
    const r = validateReport(completeDraft(), { roundYear: 2029 });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => [e.step, e.field, e.key]),
      [['period', 'startYear', 'report.error.schoolYear.roundOnly']],
    );
  });

  it('refuses stored data that was tampered with, field by field', () => {
    const draft = { ...completeDraft(), network: [{ name: 'X', orgnr: '974683521' }], participants: -1, amounts: 'lots' } as unknown;
    const r = validateReport(draft, CONTEXT);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => [e.field, e.key]),
      [
        ['network', 'report.error.line.orgnr.checkDigit'],
        ['participants', 'report.error.number.negative'],
        ['year1Owner', 'report.error.wrongType'],
      ],
    );
  });

  it('has a zod schema for storage that agrees with the wizard', () => {
    const draft = completeDraft();
    const parsed = NeedsReport.safeParse(draft);
    assert.ok(parsed.success);
    const report: Report = parsed.data;
    assert.deepEqual(report, validateReport(draft, CONTEXT).ok && (validateReport(draft, CONTEXT) as { report: Report }).report);
    const bad = NeedsReport.safeParse({ ...draft, scheme: 'KOMPLOFT', ownerType: 'privat' });
    assert.ok(!bad.success);
    assert.deepEqual(
      bad.error.issues.map((i) => [i.path.join('.'), (i as { params?: { key?: string } }).params?.key]),
      [['scheme', 'report.error.schemeOwnerType']],
    );
    assert.equal(ReportDraftSchema.safeParse({ title: 'Bare tittel' }).success, true);
    assert.equal(ReportDraftSchema.safeParse({ ownerOrgnr: '123' }).success, false);
  });

  it("has a zod schema per step, typed by z.infer, for the step's stored values", () => {
    const money = stepSchema('money').safeParse({ amounts: [{ owner: '1 000', uh: 0 }] });
    assert.ok(money.success);
    const value: MoneyStep = money.data;
    assert.deepEqual(value, { amounts: [{ owner: 1000, uh: 0 }] });
    const period = stepSchema('period').safeParse({ startYear: 2027, years: '1' });
    assert.ok(period.success);
    assert.deepEqual(period.data, { startYear: 2027, years: 1 });
    const owner = stepSchema('owner').safeParse({ ...GOOD_INPUT.owner, ownerOrgnr: '974683521' });
    assert.ok(!owner.success);
    assert.deepEqual(
      owner.error.issues.map((i) => i.path.join('.')),
      ['ownerOrgnr'],
    );
  });

  describe('card values for resuming and editing', () => {
    for (const step of INPUT_STEPS) {
      it(`prefills the "${step}" card so that submitting it unchanged gives the same draft`, () => {
        const draft = completeDraft();
        const values = cardValues(step, draft);
        const r = validateStep(step, values, draft, CONTEXT);
        assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
        assert.deepEqual(r.draft, draft);
      });
    }

    it('gives every input a string, empty when the draft has nothing', () => {
      const values = cardValues('money', {});
      assert.equal(
        Object.values(values).every((v) => v === ''),
        true,
      );
      assert.equal(Object.keys(values).length, 9);
    });

    it('writes amounts with spaces between thousands', () => {
      assert.equal(cardValues('money', completeDraft()).year1Owner, '1 000 000');
    });
  });
});
