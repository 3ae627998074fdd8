import assert from 'node:assert/strict';
import { deadlineOnDay, isCalendarDay, osloClockTime, osloDate, osloInstant, osloOffsetMinutes } from '../../src/domain/osloTime';
import { reminderTimes, remindersDue } from '../../src/domain/secretariat/reminders';

describe('Oslo time for deadlines', () => {
  const deadlines: Array<[string, string, string]> = [
    ['a winter day', '2027-02-01', '2027-02-01T22:59:59.999Z'],
    ['a summer day', '2027-06-15', '2027-06-15T21:59:59.999Z'],
    ['the day summer time starts', '2027-03-28', '2027-03-28T21:59:59.999Z'],
    ['the day before summer time starts', '2027-03-27', '2027-03-27T22:59:59.999Z'],
    ['the day summer time ends', '2027-10-31', '2027-10-31T22:59:59.999Z'],
    ['the day before summer time ends', '2027-10-30', '2027-10-30T21:59:59.999Z'],
    ["new year's eve", '2026-12-31', '2026-12-31T22:59:59.999Z'],
  ];
  for (const [what, day, instant] of deadlines) {
    it(`puts the deadline at the end of 23:59 Oslo time on ${what}`, () => {
      assert.equal(deadlineOnDay(day), instant);
      assert.equal(osloClockTime(instant), '23:59');
      assert.equal(osloDate(new Date(instant)), day);
    });
  }

  it('knows Oslo is one hour ahead in winter and two in summer', () => {
    assert.equal(osloOffsetMinutes(new Date('2027-01-15T12:00:00Z')), 60);
    assert.equal(osloOffsetMinutes(new Date('2027-07-15T12:00:00Z')), 120);
  });

  it('gives morning hours on both sides of the switch', () => {
    assert.equal(osloInstant('2027-03-28', 9, 0).toISOString(), '2027-03-28T07:00:00.000Z');
    assert.equal(osloInstant('2027-10-31', 9, 0).toISOString(), '2027-10-31T08:00:00.000Z');
  });

  it('reads the calendar day in Oslo, not in UTC', () => {
    assert.equal(osloDate(new Date('2027-01-31T23:30:00Z')), '2027-02-01');
    assert.equal(osloDate(new Date('2027-07-01T22:30:00Z')), '2027-07-02');
  });

  it('accepts only real calendar days', () => {
    assert.ok(isCalendarDay('2028-02-29'));
    for (const bad of ['2027-02-29', '2027-13-01', '1. februar 2027', '2027-2-1', '']) assert.ok(!isCalendarDay(bad), bad);
  });
});

describe('deadline reminders', () => {
  const at = (deadlineDay: string, now: string) => remindersDue({ deadline: deadlineOnDay(deadlineDay) }, new Date(now));

  it("are due at 09:00 Oslo time a week and a day before the deadline's day", () => {
    assert.deepEqual(
      reminderTimes({ deadline: deadlineOnDay('2027-02-01') }).map((r) => [r.label, r.at.toISOString()]),
      [
        ['7d', '2027-01-25T08:00:00.000Z'],
        ['1d', '2027-01-31T08:00:00.000Z'],
      ],
    );
  });

  it("follow Oslo's clock across the switch to summer time", () => {
    // Deadline 1 April: the week-before reminder is still in winter time, the day-before one in summer time.
    assert.deepEqual(
      reminderTimes({ deadline: deadlineOnDay('2027-04-01') }).map((r) => r.at.toISOString()),
      ['2027-03-25T08:00:00.000Z', '2027-03-31T07:00:00.000Z'],
    );
  });

  it('name the stages reached, and none after the deadline', () => {
    assert.deepEqual(at('2027-02-01', '2027-01-25T07:59:59Z'), []);
    assert.deepEqual(at('2027-02-01', '2027-01-25T08:00:00Z'), ['7d']);
    assert.deepEqual(at('2027-02-01', '2027-02-01T22:58:00Z'), ['7d', '1d']);
    assert.deepEqual(at('2027-02-01', '2027-02-01T22:59:59.999Z'), ['7d', '1d']);
    assert.deepEqual(at('2027-02-01', '2027-02-01T23:00:00Z'), []);
  });
});
