import assert from 'node:assert/strict';
import {
  barWidths,
  decide,
  disqualificationOf,
  recommendationOf,
  runningSums,
  splitIntoParts,
  tally,
  ItemTooLargeError,
  decideByRules,
  parseForumRules,
  DEFAULT_FORUM_RULES,
  type ForumRules,
  type Mark,
} from '../../src/domain/forum';
import { agendaItem } from '../support/forum';

const marks = (p: number, n = 0, a = 0, c = 0): Mark[] => [
  ...Array<Mark>(p).fill('prioritise'),
  ...Array<Mark>(n).fill('not_prioritise'),
  ...Array<Mark>(a).fill('abstain'),
  ...Array<Mark>(c).fill('conflict'),
];

describe('forum votes: tally and result', () => {
  it('counts each kind of mark once and all of them in the total', () => {
    assert.deepEqual(tally(marks(3, 2, 1, 1)), { prioritise: 3, notPrioritise: 2, abstain: 1, conflict: 1, total: 7 });
    assert.deepEqual(tally([]), { prioritise: 0, notPrioritise: 0, abstain: 0, conflict: 0, total: 0 });
  });

  const cases: Array<[string, Mark[], Mark | undefined, string, string]> = [
    ['every mark "prioriter" is consensus', marks(4), undefined, 'prioritised', 'consensus'],
    ['"prioriter" with abstentions is a majority, not consensus (an abstention is a different mark)', marks(4, 0, 2), undefined, 'prioritised', 'majority'],
    ['a single "prioriter" among abstentions is a majority, not consensus', marks(1, 0, 5), undefined, 'prioritised', 'majority'],
    ['more "prioriter" than "ikke prioriter" is a majority', marks(5, 2), undefined, 'prioritised', 'majority'],
    ['more "ikke prioriter" is a majority against', marks(2, 5), undefined, 'not_prioritised', 'majority'],
    ['every mark "ikke prioriter" is consensus against', marks(0, 3), undefined, 'not_prioritised', 'consensus'],
    ['a tie goes to the chair who prioritised', marks(3, 3), 'prioritise', 'prioritised', 'chair'],
    ['a tie goes to the chair who did not', marks(3, 3), 'not_prioritise', 'not_prioritised', 'chair'],
    ['a tie stays open when the chair abstained', marks(2, 2, 1), 'abstain', 'undecided', 'tie'],
    ['a tie stays open when the chair was disqualified', marks(2, 2, 0, 1), 'conflict', 'undecided', 'tie'],
    ["a tie stays open without a chair's mark", marks(1, 1), undefined, 'undecided', 'tie'],
    ['nobody for or against stays open', marks(0, 0, 3, 1), undefined, 'undecided', 'noVotes'],
    ['no marks at all stays open', [], undefined, 'undecided', 'noVotes'],
  ];
  for (const [name, ms, chair, outcome, method] of cases) {
    it(name, () => assert.deepEqual(decide(tally(ms), chair), { outcome, method }));
  }
});

describe('forum votes: disqualification (inhabilitet)', () => {
  const item = { ownerOrgnr: '974760673', networkOrgnrs: ['123456785', '921605900'], uhOrgnr: '983765238' };
  it("disqualifies the owner's own people", () => assert.deepEqual(disqualificationOf(['974760673'], item), { reason: 'owner', orgnr: '974760673' }));
  it('disqualifies a network member', () => assert.deepEqual(disqualificationOf(['111111111', '921605900'], item), { reason: 'network', orgnr: '921605900' }));
  it('disqualifies the university partner', () => assert.deepEqual(disqualificationOf(['983765238'], item), { reason: 'uh', orgnr: '983765238' }));
  it('names the owner first when a member is tied in two ways', () => assert.equal(disqualificationOf(['983765238', '974760673'], item)?.reason, 'owner'));
  it('lets everyone else vote', () => {
    assert.equal(disqualificationOf(['999999999'], item), undefined);
    assert.equal(disqualificationOf([], item), undefined);
    assert.equal(disqualificationOf(['983765238'], { ...item, uhOrgnr: undefined }), undefined);
  });
});

describe('forum agendas: splitting into parts', () => {
  it('keeps whole items in order and each part within the budget', () => {
    const sizes = [30, 30, 30, 50, 10, 90, 5];
    const parts = splitIntoParts(sizes, (s) => s, 100);
    assert.deepEqual(parts, [
      [30, 30, 30],
      [50, 10],
      [90, 5],
    ]);
    for (const p of parts) assert.ok(p.reduce((a, b) => a + b, 0) <= 100);
  });
  it('gives one empty part for an empty agenda', () =>
    assert.deepEqual(
      splitIntoParts([], () => 1, 10),
      [[]],
    ));
  it('refuses an item that could never fit rather than cutting it', () => {
    assert.throws(() => splitIntoParts([5, 500], (s) => s, 100), ItemTooLargeError);
  });
});

describe('forum recommendation: budget bars and sums', () => {
  const bars: Array<[number, number, { used: number; free: number; over: number }]> = [
    [0, 1000, { used: 0, free: 100, over: 0 }],
    [250, 1000, { used: 25, free: 75, over: 0 }],
    [1, 1_000_000, { used: 1, free: 99, over: 0 }],
    [999_999, 1_000_000, { used: 99, free: 1, over: 0 }],
    [1000, 1000, { used: 100, free: 0, over: 0 }],
    [2000, 1000, { used: 50, free: 0, over: 50 }],
    [1250, 1000, { used: 80, free: 0, over: 20 }],
    [500, 0, { used: 0, free: 0, over: 100 }],
  ];
  for (const [sum, budget, widths] of bars) {
    it(`draws ${sum} against a budget of ${budget} as ${JSON.stringify(widths)}`, () => {
      const w = barWidths(sum, budget);
      assert.deepEqual(w, widths);
      assert.equal(w.used + w.free + w.over, 100);
    });
  }

  it('sums prioritised items per scheme against the budget and flags the scheme over it', () => {
    const items = [
      { item: agendaItem(1, { scheme: 'DEKOM', roundAmount: 600 }), result: result('prioritised') },
      { item: agendaItem(2, { scheme: 'DEKOM', roundAmount: 500 }), result: result('prioritised') },
      { item: agendaItem(3, { scheme: 'REKOM', roundAmount: 100 }), result: result('prioritised') },
      { item: agendaItem(4, { scheme: 'REKOM', roundAmount: 900 }), result: result('not_prioritised') },
      { item: agendaItem(5, { scheme: 'KOMPLOFT', roundAmount: 50 }), result: result('undecided') },
      { item: agendaItem(6, { scheme: 'KOMPLOFT', roundAmount: 50 }) },
    ];
    const rec = recommendationOf(items, { REKOM: 1000, DEKOM: 1000, KOMPLOFT: 1000 });
    assert.deepEqual(
      rec.prioritised.map((i) => i.reportId),
      ['report-1', 'report-2', 'report-3'],
    );
    assert.deepEqual(
      rec.undecided.map((i) => i.reportId),
      ['report-5', 'report-6'],
    );
    const dekom = rec.schemes.find((s) => s.scheme === 'DEKOM')!;
    assert.deepEqual([dekom.sum, dekom.reports, dekom.over], [1100, 2, true]);
    assert.deepEqual(rec.schemes.find((s) => s.scheme === 'REKOM')!.sum, 100);
    assert.equal(rec.overBudget, true);
  });

  it('keeps a running sum per scheme in agenda order', () => {
    const items = [
      agendaItem(1, { scheme: 'DEKOM', roundAmount: 10 }),
      agendaItem(2, { scheme: 'REKOM', roundAmount: 5 }),
      agendaItem(3, { scheme: 'DEKOM', roundAmount: 7 }),
    ];
    assert.deepEqual(runningSums(items), [10, 5, 17]);
  });
});

function result(outcome: 'prioritised' | 'not_prioritised' | 'undecided') {
  return {
    outcome,
    method: outcome === 'undecided' ? ('tie' as const) : ('majority' as const),
    tally: tally([]),
    counted: {},
    closedAt: '2027-03-12T12:00:00.000Z',
  };
}

describe("forum votes: quorum and consensus as the forum's rules", () => {
  const rules = (r: Partial<ForumRules> = {}): ForumRules => ({ ...DEFAULT_FORUM_RULES, ...r });
  // name, marks, electors, rules, chair's mark, outcome, method
  const cases: Array<[string, Mark[], number, ForumRules, Mark | undefined, string, string]> = [
    ['half of the electors is not a quorum', marks(3), 6, rules(), undefined, 'undecided', 'notQuorate'],
    ['more than half is a quorum', marks(4), 6, rules(), undefined, 'prioritised', 'consensus'],
    ['abstentions count towards the quorum', marks(2, 0, 2), 7, rules(), undefined, 'prioritised', 'majority'],
    ["a declared conflict leaves the electorate, not the quorum's marks", marks(2, 0, 0, 2), 5, rules(), undefined, 'prioritised', 'consensus'],
    ['one "prioriter" of ten electors is not quorate, not consensus', marks(1), 10, rules(), undefined, 'undecided', 'notQuorate'],
    ['quorum 0 takes any number of marks', marks(1), 10, rules({ quorumPercent: 0 }), undefined, 'prioritised', 'consensus'],
    ['a two-thirds quorum needs more than two thirds', marks(4), 6, rules({ quorumPercent: 66 }), undefined, 'prioritised', 'consensus'],
    ['a two-thirds quorum refuses two thirds less one', marks(3), 6, rules({ quorumPercent: 66 }), undefined, 'undecided', 'notQuorate'],
    ['unanimous "ikke prioriter" is consensus against', marks(0, 5), 6, rules(), undefined, 'not_prioritised', 'consensus'],
    ['"no objection" consensus lets abstentions through', marks(3, 0, 2), 6, rules({ consensus: 'noObjection' }), undefined, 'prioritised', 'consensus'],
    [
      '"no objection" consensus against lets abstentions through',
      marks(0, 3, 2),
      6,
      rules({ consensus: 'noObjection' }),
      undefined,
      'not_prioritised',
      'consensus',
    ],
    ['a tie goes to the chair by default', marks(2, 2), 4, rules(), 'prioritise', 'prioritised', 'chair'],
    [
      'a tie stays undecided when the forum does not let the chair break it',
      marks(2, 2),
      4,
      rules({ tieBreak: 'undecided' }),
      'prioritise',
      'undecided',
      'tie',
    ],
  ];
  for (const [name, ms, electors, r, chair, outcome, method] of cases) {
    it(name, () => assert.deepEqual(decideByRules(tally(ms), { electors, rules: r, chairMark: chair }), { outcome, method }));
  }

  it('defaults to two steps, a quorum of more than half, unanimous consensus and the chair on a tie', () => {
    assert.deepEqual(DEFAULT_FORUM_RULES, { steps: 'two', quorumPercent: 50, consensus: 'unanimous', tieBreak: 'chair' });
  });

  it('reads the rules from configuration and names a bad field', () => {
    assert.deepEqual(parseForumRules({ steps: 'one', quorumPercent: 0 }), { steps: 'one', quorumPercent: 0, consensus: 'unanimous', tieBreak: 'chair' });
    assert.throws(() => parseForumRules({ quorumPercent: 150 }), /quorumPercent/);
    assert.throws(() => parseForumRules({ steps: 'three' }), /steps/);
    assert.throws(() => parseForumRules({ quorum: 50 }), /Unrecognized key/);
  });
});
