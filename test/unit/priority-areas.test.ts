import assert from 'node:assert/strict';
import { compareFirstArea, planFromForm } from '../../src/domain/forum';
import { translator } from '../../src/domain/i18n';
import { validateStep } from '../../src/domain/report';
import { announcementCard } from '../../src/teams/secretariat/rounds/announcementCard';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import { CONTEXT, draftBefore, GOOD_INPUT } from '../support/reportInput';
import { cardText } from '../support/harness';

describe("a forum's plan and priority areas", () => {
  it('reads the form: an https link, areas by position with bokmål first', () => {
    assert.deepEqual(planFromForm({ planUrl: ' https://sf.example/plan.pdf ', area1Nb: 'Lesing', area3Nb: 'Inkludering', area3En: 'Inclusion' }), {
      ok: true,
      planUrl: 'https://sf.example/plan.pdf',
      areas: [
        { id: 'a1', name: { nb: 'Lesing' } },
        { id: 'a3', name: { nb: 'Inkludering', en: 'Inclusion' } },
      ],
    });
    assert.deepEqual(planFromForm({ planUrl: 'http://sf.example/plan', area2Nn: 'Lesing', area4Nb: 'x'.repeat(121) }), {
      ok: false,
      errors: { planUrl: 'plan.error.url', area2Nb: 'plan.error.nbFirst', area4Nb: 'plan.error.tooLong' },
    });
  });

  it('requires at least one of the forum’s areas on the measure step when the forum has any, and only those', () => {
    const check = (priorityAreas: unknown, areaIds?: Array<'a1' | 'a2'>) => {
      const r = validateStep('measure', { ...GOOD_INPUT.measure, priorityAreas }, draftBefore('measure'), { ...CONTEXT, ...(areaIds ? { areaIds } : {}) });
      return r.ok ? r.value.priorityAreas : r.errors.map((e) => e.key);
    };
    assert.deepEqual(check('', ['a1', 'a2']), ['report.error.priorityArea']);
    assert.deepEqual(check('a2', ['a1', 'a2']), ['a2']);
    assert.deepEqual(check('a3', ['a1', 'a2']), ['report.error.unknownChoice']);
    assert.equal(check(''), undefined, 'a forum without areas asks none');
  });

  it('shows the plan and the areas on the round announcement', () => {
    const round = {
      id: 'r2027',
      year: 2027,
      counties: ['oslo'],
      deadline: '2027-02-01T22:59:00.000Z',
      status: 'open' as const,
      budgets: { REKOM: 1, DEKOM: 1, KOMPLOFT: 1 },
      createdAt: '2026-11-01T00:00:00.000Z',
    };
    const plan = { planUrl: 'https://sf.example/plan.pdf', areas: [{ id: 'a1' as const, name: { nb: 'Lesing', en: 'Reading' } }] };
    const text = (locale: 'nb' | 'en') => cardText(announcementCard({ t: translator(locale), locale, regions: DEFAULT_REGIONS }, round, {}, [plan]));
    assert.ok(text('nb').includes('Overordnet plan\nhttps://sf.example/plan.pdf\nPrioriteringsområder\nLesing'), text('nb'));
    assert.ok(text('en').includes('Priority areas\nReading'), text('en'));
  });
});

describe('ordering by priority area', () => {
  it("puts the plan's first area first and reports naming none last, whatever the collation", () => {
    const lists: Array<string[] | undefined> = [undefined, ['a2'], ['a3', 'a1'], [], ['a2', 'a6']];
    const order = [...lists.keys()].sort((i, j) => compareFirstArea(lists[i], lists[j]) || i - j);
    assert.deepEqual(order, [2, 1, 4, 0, 3]);
  });
});
