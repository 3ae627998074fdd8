import assert from 'node:assert/strict';
import { decide, needStart, tally, tallyText, NEED_START_CHARS, type Mark } from '../../src/domain/forum';
import { translator } from '../../src/domain/i18n';

const marks = (p: number, n: number, a = 0): Mark[] => [
  ...Array<Mark>(p).fill('prioritise'),
  ...Array<Mark>(n).fill('not_prioritise'),
  ...Array<Mark>(a).fill('abstain'),
];

describe("the tally in words says when the chair's mark decided a tie", () => {
  // [marks for, against, abstaining, the chair's mark] → the words, per language
  const cases: Array<[number, number, number, Mark | undefined, { nb: string; nn: string; en: string }]> = [
    [
      2,
      2,
      0,
      'prioritise',
      {
        nb: '2 for, 2 imot, 0 avstår; stemmelikhet, lederens stemme avgjorde',
        nn: '2 for, 2 imot, 0 avstår; røystelikskap, leiaren si røyst avgjorde',
        en: "2 for, 2 against, 0 abstaining; a tie, decided by the chair's vote",
      },
    ],
    [
      1,
      1,
      1,
      'not_prioritise',
      {
        nb: '1 for, 1 imot, 1 avstår; stemmelikhet, lederens stemme avgjorde',
        nn: '1 for, 1 imot, 1 avstår; røystelikskap, leiaren si røyst avgjorde',
        en: "1 for, 1 against, 1 abstaining; a tie, decided by the chair's vote",
      },
    ],
    // A majority the chair was part of is an ordinary majority.
    [3, 1, 0, 'prioritise', { nb: '3 for, 1 imot, 0 avstår', nn: '3 for, 1 imot, 0 avstår', en: '3 for, 1 against, 0 abstaining' }],
    // A tie without the chair's mark stays undecided, and says nothing of the chair.
    [2, 2, 0, 'abstain', { nb: '2 for, 2 imot, 0 avstår', nn: '2 for, 2 imot, 0 avstår', en: '2 for, 2 against, 0 abstaining' }],
  ];
  for (const [p, n, a, chair, want] of cases) {
    it(`${p} for, ${n} against, ${a} abstaining, the chair ${chair}: «${want.nb}»`, () => {
      const count = tally(marks(p, n, a));
      const { method } = decide(count, chair);
      for (const locale of ['nb', 'nn', 'en'] as const) assert.equal(tallyText(translator(locale), count, method), want[locale], locale);
    });
  }
});

describe('the start of the need an agenda item carries', () => {
  it('keeps a short need whole, on one line', () => {
    assert.equal(needStart('Behov for lesing.\n\nMål: bedre lesing.'), 'Behov for lesing. Mål: bedre lesing.');
  });
  it('cuts a long need at a space before the limit and marks the cut', () => {
    const start = needStart('ord '.repeat(200));
    assert.ok(start.endsWith(' …'), start);
    assert.ok([...start].length <= NEED_START_CHARS + 2, String([...start].length));
    assert.ok(!start.includes('or …'), 'never in the middle of a word');
  });
});
