import assert from 'node:assert/strict';
import { appealLastDay, checkAppealOutcome, checkReceivedOn, isLateAppeal } from '../../src/domain/appeal';
import { checkContinuationAnswer, loweredAmount, mayGoOnAgenda } from '../../src/domain/continuationAnswer';
import { translator } from '../../src/domain/i18n';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import type { Round } from '../../src/domain/round';
import { checkUnusedDecision, checkUsage, unusedByReport, usageIsOpen, usageOpensDay } from '../../src/domain/usage';
import { cardText } from '../support/harness';
import { announcementCard } from '../../src/teams/secretariat/rounds/announcementCard';
import { MENU } from '../../src/teams/secretariat/menu';
import { GOOD_USAGE } from '../support/usage';

// The rules behind the end of a case (issue 23 items 5–8), table by table.

describe('appeals: three weeks from the notice', () => {
  it('counts the last day in Oslo from the day the notice was sent', () => {
    assert.equal(appealLastDay('2027-04-02T08:30:00Z'), '2027-04-23');
    // Sent at 00:30 on 3 April Oslo time (22:30 UTC the day before): the Oslo day counts.
    assert.equal(appealLastDay('2027-04-02T22:30:00Z'), '2027-04-24');
    assert.equal(isLateAppeal('2027-04-23', '2027-04-02T08:30:00Z'), false);
    assert.equal(isLateAppeal('2027-04-24', '2027-04-02T08:30:00Z'), true);
  });

  it('refuses a day received that is not a day, before the notice, or in the future', () => {
    const now = new Date('2027-05-01T10:00:00Z');
    const notice = '2027-04-02T08:30:00Z';
    const key = (raw: unknown) => {
      const c = checkReceivedOn(raw, notice, now);
      return c.ok ? c.receivedOn : c.problem.key;
    };
    assert.deepEqual(['2027-02-30', '20.04.2027', '2027-04-01', '2027-05-02', ' 2027-04-20 '].map(key), [
      'appeal.error.day',
      'appeal.error.day',
      'appeal.error.beforeNotice',
      'appeal.error.future',
      '2027-04-20',
    ]);
  });

  it('rejects as late only a late appeal, and a changed decision needs the new decision in words', () => {
    const notice = '2027-04-02T08:30:00Z';
    const keys = (outcome: string, note: string, receivedOn: string) => {
      const c = checkAppealOutcome({ outcome, note }, { receivedOn }, notice);
      return c.ok ? c.outcome : c.problems.map((p) => p.key).join();
    };
    assert.equal(keys('late', '', '2027-04-20'), 'appeal.error.notLate');
    assert.equal(keys('late', '', '2027-04-26'), 'late');
    assert.equal(keys('changed', ' ', '2027-04-20'), 'appeal.error.noteChanged');
    assert.equal(keys('changed', 'Innvilget 1 250 000 kr.', '2027-04-20'), 'changed');
    assert.equal(keys('upheld', '', '2027-04-26'), 'upheld', 'a late appeal may still be considered');
    assert.equal(keys('maybe', '', '2027-04-20'), 'appeal.error.outcome');
  });
});

describe('usage reports: when they open, the DEKOM own contribution, unused money', () => {
  it('opens when the school year has ended (1 August after it), or when an officer opened it early', () => {
    assert.equal(usageOpensDay(2027), '2028-08-01');
    assert.equal(usageIsOpen(2027, new Date('2028-07-31T12:00:00Z')), false);
    assert.equal(usageIsOpen(2027, new Date('2028-07-31T22:30:00Z')), true, '00:30 on 1 August in Oslo');
    assert.equal(usageIsOpen(2027, new Date('2027-06-01T12:00:00Z'), '2027-06-01T10:00:00Z'), true);
  });

  it('refuses a DEKOM own contribution under 30 % of the grant used, with the numbers; other schemes have no minimum', () => {
    const low = { ...GOOD_USAGE, ownContribution: '344 999' };
    const dekom = checkUsage(low, 1_250_000, 'DEKOM');
    assert.ok(!dekom.ok);
    assert.deepEqual(dekom.problems, [
      { field: 'ownContribution', key: 'usage.error.ownContribution', params: { used: 1_150_000, min: 345_000, own: 344_999 } },
    ]);
    assert.ok(checkUsage({ ...GOOD_USAGE, ownContribution: '345 000' }, 1_250_000, 'DEKOM').ok);
    assert.ok(checkUsage({ ...low, ownContribution: '0' }, 1_250_000, 'REKOM').ok);
  });

  it('checks the decision on unused money and sums it per report for the ledger', () => {
    const now = new Date('2027-08-01T10:00:00Z');
    const keys = (plan: string, amount: string, dueDay: string) => {
      const c = checkUnusedDecision({ plan, amount, dueDay }, 100_000, now);
      return c.ok ? `${c.plan}:${c.amount}:${c.dueDay ?? ''}` : c.problems.map((p) => p.key).join();
    };
    assert.equal(keys('carryOver', '100 000', ''), 'carryOver:100000:');
    assert.equal(keys('carryOver', '100 001', ''), 'unused.error.amount');
    assert.equal(keys('repay', '60 000', ''), 'unused.error.dueDay');
    assert.equal(keys('repay', '60 000', '2027-07-31'), 'unused.error.duePast');
    assert.equal(keys('repay', '60 000 kr', '2027-09-01'), 'repay:60000:2027-09-01');
    assert.equal(keys('', '1', ''), 'unused.error.plan');
    const at = '2027-08-01T10:00:00Z';
    const sums = unusedByReport([
      { reportId: 'a', unusedDecision: { plan: 'carryOver', amount: 100, decidedAt: at, by: 'x' } },
      { reportId: 'a', unusedDecision: { plan: 'repay', amount: 50, dueDay: '2027-09-01', decidedAt: at, by: 'x' } },
      { reportId: 'b', unusedDecision: { plan: 'repay', amount: 70, dueDay: '2027-09-01', decidedAt: at, by: 'x', repaidAt: at } },
      { reportId: 'c' },
    ]);
    assert.deepEqual(Object.fromEntries(sums), { a: { carriedOver: 100, toRepay: 50, repaid: 0 }, b: { carriedOver: 0, toRepay: 0, repaid: 70 } });
  });
});

describe('continuations: the owner confirms, lowers or stops', () => {
  it('lets only confirmed continuations on an agenda', () => {
    const answer = (choice: 'continue' | 'lower' | 'stop') => ({ continuation: { answer: { choice, at: '', by: '' } } });
    assert.deepEqual([{}, { continuation: {} }, answer('continue'), answer('lower'), answer('stop')].map(mayGoOnAgenda), [true, false, true, true, false]);
  });

  it('checks the answer against the commitment and lowers both shares alike', () => {
    const keys = (choice: string, amount: string, reason: string) => {
      const c = checkContinuationAnswer({ choice, amount, reason }, 1_000_000);
      return c.ok ? `${c.choice}:${c.amount ?? ''}:${c.reason ?? ''}` : c.problems.map((p) => p.key).join();
    };
    assert.equal(keys('continue', '', ''), 'continue::');
    assert.equal(keys('lower', '1 000 000', ''), 'continuation.answer.error.amount');
    assert.equal(keys('lower', '600 000', ''), 'lower:600000:');
    assert.equal(keys('stop', '', ''), 'continuation.answer.error.reason');
    assert.equal(keys('stop', '', 'Målet er nådd.'), 'stop::Målet er nådd.');
    assert.deepEqual(loweredAmount({ owner: 800_000, uh: 200_000, ownContribution: 300_000 }, 600_000), {
      owner: 480_000,
      uh: 120_000,
      ownContribution: 300_000,
    });
  });
});

describe('the smaller items', () => {
  it("names the County Governor's office as it has been named since 2024", () => {
    assert.equal(DEFAULT_REGIONS.name.nb, 'Statsforvalteren i Østfold, Buskerud, Oslo og Akershus');
    assert.equal(DEFAULT_REGIONS.name.nn, 'Statsforvaltaren i Østfold, Buskerud, Oslo og Akershus');
  });

  it("gives the secretariat's menu buttons for meetings, decisions, voting rules and forums", () => {
    const t = translator('nb');
    const buttons = MENU.map((m) => m(t));
    for (const [verb, title] of [
      ['meeting.list', 'Møter'],
      ['decision.pending', 'Vedtak'],
      ['rules.list', 'Regler for avstemning'],
      ['forums.list', 'Forum'],
    ])
      assert.ok(
        buttons.some((b) => b.verb === verb && b.title === title),
        `${verb} "${title}"`,
      );
  });

  it('states in the announcement the continuations already bound against each budget', () => {
    const round: Round = {
      id: 'round-2028',
      year: 2028,
      counties: ['oslo'],
      deadline: '2028-02-01T22:59:59.999Z',
      status: 'open',
      budgets: { REKOM: 1_000_000, DEKOM: 5_000_000, KOMPLOFT: 0 },
      createdAt: '2027-11-15T09:00:00Z',
    };
    const text = cardText(announcementCard({ t: translator('nb'), locale: 'nb', regions: DEFAULT_REGIONS }, round, { DEKOM: 800_000 })).replace(
      /[\u00a0\u202f]/g,
      ' ',
    );
    assert.match(
      text,
      /Ramme for skoleåret 2028–2029, Desentralisert ordning \(skole\)\n5 000 000 kr\nHerav bundet av videreføringer, skoleåret 2028–2029, Desentralisert ordning \(skole\)\n800 000 kr/,
    );
    assert.doesNotMatch(text, /Herav bundet av videreføringer, skoleåret 2028–2029, Regional ordning/, 'nothing bound, nothing said');
  });
});
