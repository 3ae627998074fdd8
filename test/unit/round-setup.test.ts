import assert from 'node:assert/strict';
import { budgetOf, budgetScopeOf, demoRound, type Round } from '../../src/domain/round';
import { withDemoForumBudgets } from '../../src/domain/demoBudgets';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import { MAX_BUDGET, closeRound, dueForClosing, openRound, parseRoundSetup } from '../../src/domain/secretariat/round-setup';

const COUNTIES = ['oslo', 'akershus', 'ostfold', 'buskerud'];
const NOW = new Date('2026-11-10T10:00:00Z');
const GOOD = { year: '2027', deadline: '2027-02-01', counties: 'oslo,akershus', budgetREKOM: '40 000 000', budgetDEKOM: '90000000', budgetKOMPLOFT: '0' };
const parse = (over: Record<string, unknown> = {}, existing: Round[] = []) => parseRoundSetup({ ...GOOD, ...over }, { now: NOW, counties: COUNTIES, existing });
const errorsOf = (r: ReturnType<typeof parse>) => (r.ok ? {} : Object.fromEntries(Object.entries(r.errors).map(([k, p]) => [k, p!.key])));

describe('creating a round', () => {
  it('makes a planned round with the deadline at the end of 23:59 Oslo time and budgets in whole kroner', () => {
    const r = parse();
    assert.ok(r.ok);
    assert.deepEqual(r.round, {
      id: 'round-2027',
      year: 2027,
      counties: ['oslo', 'akershus'],
      deadline: '2027-02-01T22:59:59.999Z',
      status: 'planned',
      budgets: { REKOM: 40_000_000, DEKOM: 90_000_000, KOMPLOFT: 0 },
      createdAt: NOW.toISOString(),
    });
  });

  it('handles a deadline in summer time', () => {
    const r = parse({ deadline: '2027-04-10' });
    assert.ok(r.ok);
    assert.equal(r.round.deadline, '2027-04-10T21:59:59.999Z');
  });

  const refused: Array<[string, Record<string, unknown>, Record<string, string>]> = [
    ['a deadline in the past', { deadline: '2026-11-09' }, { deadline: 'round.error.deadlinePast' }],
    ['a deadline earlier today (23:59 yesterday)', { deadline: '2026-11-09' }, { deadline: 'round.error.deadlinePast' }],
    ['a deadline years away', { deadline: '2072-02-01' }, { deadline: 'round.error.deadlineFar' }],
    ['no deadline', { deadline: '' }, { deadline: 'report.error.required' }],
    ['a date that does not exist', { deadline: '2027-02-30' }, { deadline: 'round.error.deadlineFormat' }],
    ['a negative budget', { budgetDEKOM: '-5' }, { budgetDEKOM: 'report.error.amount.negative' }],
    ['an absurd budget', { budgetREKOM: '5 000 000 000' }, { budgetREKOM: 'report.error.amount.tooLarge' }],
    ['a budget with øre', { budgetREKOM: '1000,50' }, { budgetREKOM: 'report.error.amount.notWhole' }],
    ['no money at all', { budgetREKOM: '0', budgetDEKOM: '0', budgetKOMPLOFT: '0' }, { budgetREKOM: 'round.error.budgetZero' }],
    ['no counties', { counties: '' }, { counties: 'round.error.counties' }],
    ['an unknown county', { counties: 'oslo,narnia' }, { counties: 'report.error.unknownChoice' }],
    ['a year long gone', { year: '2019' }, { year: 'round.error.year' }],
    ['a year that is not a number', { year: 'neste år' }, { year: 'report.error.number.notNumber' }],
  ];
  for (const [what, input, want] of refused) {
    it(`refuses ${what}, naming the field`, () => assert.deepEqual(errorsOf(parse(input)), want));
  }

  it('reports every wrong field at once', () => {
    assert.deepEqual(Object.keys(errorsOf(parse({ deadline: '2020-01-01', budgetDEKOM: '-1', counties: '' }))).sort(), ['budgetDEKOM', 'counties', 'deadline']);
  });

  it('allows the largest sensible budget', () => assert.ok(parse({ budgetDEKOM: String(MAX_BUDGET) }).ok));

  it('refuses a second round for the same year and counties, also while the local demo round is open', () => {
    const demo = demoRound(NOW, COUNTIES);
    const r = parse({}, [demo]);
    assert.ok(!r.ok);
    assert.equal(r.errors.form?.key, 'round.error.duplicate');
    assert.equal(r.errors.form?.params?.round, 'demo-2027');
    assert.ok(parse({}, [{ ...demo, status: 'closed' }]).ok, 'a closed demo round does not block');
    const first = parse();
    assert.ok(first.ok);
    assert.equal(errorsOf(parse({}, [{ ...first.round, status: 'closed' }])).form, 'round.error.duplicate', 'our own id is taken for good');
  });
});

describe('opening and closing a round', () => {
  const planned = (parse() as { ok: true; round: Round }).round;

  it('opens a planned round before its deadline, not after', () => {
    assert.equal((openRound(planned, [planned], NOW) as { round: Round }).round.status, 'open');
    assert.deepEqual(openRound(planned, [planned], new Date('2027-02-02T00:00:00Z')), { ok: false, key: 'round.error.openAfterDeadline' });
  });

  it('refuses to open while another open round covers the same counties', () => {
    const demo = demoRound(NOW, ['oslo']);
    const r = openRound(planned, [planned, demo], NOW);
    assert.deepEqual(r, { ok: false, key: 'round.error.overlapOpen', params: { round: demo.id } });
  });

  it('closes only an open round', () => {
    assert.equal((closeRound({ ...planned, status: 'open' }, NOW) as { round: Round }).round.status, 'closed');
    assert.deepEqual(closeRound(planned, NOW), { ok: false, key: 'round.error.notOpen' });
  });

  it('finds open rounds at or past their deadline', () => {
    const open = { ...planned, status: 'open' as const };
    assert.deepEqual(dueForClosing([open], new Date('2027-02-01T22:59:59.999Z')), [], 'the whole minute 23:59 is still open');
    assert.deepEqual(
      dueForClosing([open], new Date('2027-02-01T23:00:00Z')).map((r) => r.id),
      ['round-2027'],
    );
    assert.deepEqual(dueForClosing([planned], new Date('2027-03-01T00:00:00Z')), [], 'a round never opened stays as it is');
  });
});

describe('creating a round with budgets per forum', () => {
  const FORUMS = ['oslo', 'viken'];
  const PER_FORUM = {
    budgetSplit: 'perForum',
    budgetREKOM_oslo: '10 000 000',
    budgetDEKOM_oslo: '30 000 000',
    budgetKOMPLOFT_oslo: '0',
    budgetREKOM_viken: '30 000 000',
    budgetDEKOM_viken: '60000000',
    budgetKOMPLOFT_viken: '30 000 000',
  };
  const parseForums = (over: Record<string, unknown> = {}) =>
    parseRoundSetup({ ...GOOD, ...over }, { now: NOW, counties: COUNTIES, existing: [], forums: FORUMS });

  it("keeps each forum's budget and makes the round's budget their sum", () => {
    const r = parseForums(PER_FORUM);
    assert.ok(r.ok);
    assert.equal(r.round.budgetSplit, 'perForum');
    assert.deepEqual(r.round.forumBudgets, {
      oslo: { REKOM: 10_000_000, DEKOM: 30_000_000, KOMPLOFT: 0 },
      viken: { REKOM: 30_000_000, DEKOM: 60_000_000, KOMPLOFT: 30_000_000 },
    });
    assert.deepEqual(r.round.budgets, { REKOM: 40_000_000, DEKOM: 90_000_000, KOMPLOFT: 30_000_000 });
    assert.equal(budgetOf(r.round, budgetScopeOf(r.round, 'oslo'), 'DEKOM'), 30_000_000);
  });

  it('keeps one shared budget when that is chosen (or nothing is), reading no forum fields', () => {
    for (const split of ['shared', undefined]) {
      const r = parseForums({ ...PER_FORUM, budgetSplit: split, budgetREKOM_oslo: 'tull' });
      assert.ok(r.ok);
      assert.equal(r.round.budgetSplit, undefined);
      assert.equal(r.round.forumBudgets, undefined);
      assert.deepEqual(r.round.budgets, { REKOM: 40_000_000, DEKOM: 90_000_000, KOMPLOFT: 0 });
    }
  });

  it("puts each problem on the forum's own field: a wrong amount, a forum with 0 everywhere, an unknown split", () => {
    assert.deepEqual(errorsOf(parseForums({ ...PER_FORUM, budgetDEKOM_viken: '-5', budgetREKOM_oslo: '1000,50' })), {
      budgetDEKOM_viken: 'report.error.amount.negative',
      budgetREKOM_oslo: 'report.error.amount.notWhole',
    });
    assert.deepEqual(errorsOf(parseForums({ ...PER_FORUM, budgetREKOM_oslo: '', budgetDEKOM_oslo: '' })), {
      budgetREKOM_oslo: 'forums.round.error.forumZero',
    });
    assert.deepEqual(errorsOf(parseForums({ ...PER_FORUM, budgetSplit: 'half' })), { budgetSplit: 'report.error.unknownChoice' });
  });

  it('ignores a split with only one forum', () => {
    const r = parseRoundSetup({ ...GOOD, ...PER_FORUM }, { now: NOW, counties: COUNTIES, existing: [], forums: ['oslo-viken'] });
    assert.ok(r.ok);
    assert.equal(r.round.budgetSplit, undefined);
  });
});

describe('the local demo round with two forums', () => {
  it("gives each forum a budget of its own by its share of the working groups, the forums' sum the round's budget", () => {
    const round = withDemoForumBudgets(demoRound(NOW, COUNTIES), DEFAULT_REGIONS);
    assert.equal(round.budgetSplit, 'perForum');
    assert.deepEqual(round.forumBudgets?.oslo, { REKOM: 6_700_000, DEKOM: 15_000_000, KOMPLOFT: 5_000_000 });
    const per = round.forumBudgets ?? {};
    for (const s of ['REKOM', 'DEKOM', 'KOMPLOFT'] as const) assert.equal((per.oslo?.[s] ?? 0) + (per.viken?.[s] ?? 0), round.budgets[s]);
  });
});
