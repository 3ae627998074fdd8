import assert from 'node:assert/strict';
import { RoundSchema, usageDueOf } from '../../src/domain/round';
import { checkUsage, draftValues, isLastYear, isLate, reminderDue, usageDeadline, usageDueDay, usageTotals } from '../../src/domain/usage';

const GOOD = {
  usedOwner: '950 000',
  usedUh: '200 000',
  ownContribution: '375 000 kr',
  activities: 'Samlinger',
  participants: '180',
  unitsReached: '9',
  partnership: 'Godt',
  unused: '100 000',
  unusedPlan: 'carryOver',
};

describe('usage report rules', () => {
  it('is due 15 January after the school year, or the round’s own day, the first after 31 July', () => {
    const table: Array<[number, string | undefined, string]> = [
      [2027, undefined, '2029-01-15'],
      [2027, '01-15', '2029-01-15'],
      [2027, '10-01', '2028-10-01'],
      [2027, '07-31', '2029-07-31'],
      [2027, '02-29', '2029-01-15'],
    ];
    for (const [year, day, due] of table) assert.equal(usageDueDay(year, day), due, `${year} ${day}`);
    // 23:59:59.999 Oslo time (UTC+1 in January).
    assert.equal(usageDeadline(2027), '2029-01-15T22:59:59.999Z');
  });

  it('takes the due day from the round, 15 January when it has none, and refuses days not in every year', () => {
    const round = { id: 'r2027', year: 2027, counties: ['oslo'], deadline: '2027-02-01T22:59:00.000Z', status: 'open', budgets: {}, createdAt: 'x' };
    assert.equal(usageDueOf(RoundSchema.parse(round)), '01-15');
    assert.equal(usageDueOf(RoundSchema.parse({ ...round, usageDue: '10-01' })), '10-01');
    assert.equal(RoundSchema.safeParse({ ...round, usageDue: '02-29' }).success, false);
    assert.equal(RoundSchema.safeParse({ ...round, usageDue: '1-15' }).success, false);
  });

  it('reminds 30 and 7 days before at 09:00 Oslo time and the day after, only the latest due, never once sent', () => {
    const due = '2029-01-15';
    const at = (iso: string) => new Date(iso);
    assert.equal(reminderDue(undefined, due, at('2028-12-16T07:59:59Z')), undefined);
    assert.equal(reminderDue(undefined, due, at('2028-12-16T08:00:00Z')), '30d');
    assert.equal(reminderDue('draft', due, at('2029-01-08T08:00:00Z')), '7d');
    assert.equal(reminderDue('returned', due, at('2029-01-15T22:59:00Z')), '7d');
    assert.equal(reminderDue(undefined, due, at('2029-01-16T08:00:00Z')), 'late');
    assert.equal(reminderDue('submitted', due, at('2029-01-16T08:00:00Z')), undefined);
    assert.equal(reminderDue('accepted', due, at('2028-12-20T08:00:00Z')), undefined);
  });

  it('counts a report late after the deadline until it is sent', () => {
    const deadline = usageDeadline(2027);
    assert.equal(isLate(undefined, deadline, new Date('2029-01-15T22:59:59.999Z')), false);
    assert.equal(isLate(undefined, deadline, new Date('2029-01-15T23:00:00Z')), true);
    assert.equal(isLate('returned', deadline, new Date('2029-02-01T00:00:00Z')), true);
    assert.equal(isLate('submitted', deadline, new Date('2029-02-01T00:00:00Z')), false);
  });

  it('accepts whole kroner with spaces and "kr", and a sum that adds up to what was paid', () => {
    const r = checkUsage(GOOD, 1_250_000);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual([r.report.usedOwner, r.report.ownContribution, r.report.unused, r.report.unusedPlan], [950_000, 375_000, 100_000, 'carryOver']);
  });

  it('names each field that is wrong, with its message key', () => {
    const problems = (values: Record<string, unknown>, paid = 1_250_000) => {
      const r = checkUsage({ ...GOOD, ...values }, paid);
      return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.key}`);
    };
    assert.deepEqual(problems({ usedOwner: '950 000,50' }), ['usedOwner:usage.error.amount']);
    assert.deepEqual(problems({ usedUh: '-5' }), ['usedUh:usage.error.amount']);
    assert.deepEqual(problems({ participants: '' }), ['participants:usage.error.required']);
    assert.deepEqual(problems({ activities: '   ' }), ['activities:usage.error.required']);
    assert.deepEqual(problems({ partnership: 'x'.repeat(2001) }), ['partnership:usage.error.tooLong']);
    assert.deepEqual(problems({ unusedPlan: 'keep' }), ['unusedPlan:usage.error.plan']);
    assert.deepEqual(problems({ activities: ['a'] }), ['activities:report.error.wrongType']);
    assert.deepEqual(problems({}, 1_000_000), ['unused:usage.error.sum']);
    assert.deepEqual(problems({ unusedPlan: '' }), ['unusedPlan:usage.error.planRequired']);
    assert.deepEqual(problems({ usedOwner: '1 050 000', unused: '0', unusedPlan: '' }), []);
    const sum = checkUsage({ ...GOOD, unused: '0' }, 1_250_000);
    assert.ok(!sum.ok);
    assert.deepEqual(sum.problems[0]?.params, { paid: 1_250_000, sum: 1_150_000 });
  });

  it('keeps a half-filled draft as typed, but not what no card could send', () => {
    assert.deepEqual(draftValues({ usedOwner: '900 000', activities: '', participants: 12 }), {
      ok: true,
      values: { usedOwner: '900 000', participants: '12' },
    });
    assert.equal(draftValues({ activities: 'x'.repeat(2001) }).ok, false);
    assert.equal(draftValues({ usedOwner: { $gt: 1 } }).ok, false);
  });

  it('totals a round: used against paid, unused funds by what owners ask, late and reported years', () => {
    const deadline = usageDeadline(2027);
    const r = checkUsage(GOOD, 1_250_000);
    assert.ok(r.ok);
    const repay = { ...r.report, unused: 50_000, usedOwner: 1_000_000, unusedPlan: 'repay' as const };
    const totals = usageTotals(
      [
        { paid: 1_250_000, status: 'accepted', deadline, report: r.report },
        { paid: 1_250_000, status: 'submitted', deadline, report: repay },
        { paid: 500_000, status: 'draft', deadline },
        { paid: 300_000, deadline },
      ],
      new Date('2029-02-01T00:00:00Z'),
    );
    assert.deepEqual(totals, {
      years: 4,
      reported: 2,
      accepted: 1,
      late: 2,
      paid: 3_300_000,
      used: 1_150_000 + 1_200_000,
      ownContribution: 750_000,
      unused: 150_000,
      carryOver: 100_000,
      repay: 50_000,
    });
  });

  it('closes a measure at its last school year only', () => {
    assert.equal(isLastYear({ startYear: 2027, years: 2 }, 2027), false);
    assert.equal(isLastYear({ startYear: 2027, years: 2 }, 2028), true);
    assert.equal(isLastYear({ startYear: 2027, years: 1 }, 2027), true);
  });
});
