import { strict as assert } from 'node:assert';
import { validateStep, type ReportDraft } from '../../src/domain/report';
import { CONTEXT, GOOD_INPUT } from '../support/reportInput';

const money = (own1: string, extra: Record<string, unknown> = {}) => ({
  startYear: '2027',
  years: '1',
  year1Owner: '700 000',
  year1Uh: '300 000',
  year1OwnContribution: own1,
  ...extra,
});

describe('scheme rules across fields', () => {
  describe('DEKOM own contribution of at least 30 % of the grant, per year', () => {
    // grant 1 000 000 → minimum 300 000
    const cases: Array<[string, string | null]> = [
      ['300 000', null],
      ['299 999', 'report.error.ownContribution.tooLow'],
      ['1 000 000', null],
      ['0', 'report.error.ownContribution.tooLow'],
      ['', 'report.error.ownContribution.required'],
    ];
    for (const [own, key] of cases) {
      it(`${key ? 'refuses' : 'accepts'} an own contribution of ${own || '(empty)'} on a grant of 1 000 000`, () => {
        const r = validateStep('money', money(own), { scheme: 'DEKOM' }, CONTEXT);
        if (!key) assert.equal(r.ok, true, JSON.stringify(!r.ok && r.errors));
        else assert.deepEqual(!r.ok && r.errors.map((e) => [e.field, e.key]), [['year1OwnContribution', key]]);
      });
    }

    it('rounds the minimum up to whole kroner: a grant of 10 needs 3, 11 needs 4', () => {
      const input = {
        startYear: '2027',
        years: '2',
        year1Owner: '10',
        year1Uh: '0',
        year1OwnContribution: '3',
        year2Owner: '11',
        year2Uh: '0',
        year2OwnContribution: '3',
      };
      const r = validateStep('money', input, { scheme: 'DEKOM' }, CONTEXT);
      assert.deepEqual(!r.ok && r.errors.map((e) => [e.field, e.params?.min]), [['year2OwnContribution', '4 kr']]);
    });

    it('shows the computed minimum, the amount given and the grant, formatted for the reader', () => {
      const r = validateStep('money', money('250000'), { scheme: 'DEKOM' }, { ...CONTEXT, locale: 'en' });
      assert.deepEqual(!r.ok && r.errors[0].params, { year: 1, min: 'NOK 300,000', amount: 'NOK 250,000', grant: 'NOK 1,000,000', percent: 30 });
    });

    it('does not ask REKOM or Kompetanseløftet for an own contribution', () => {
      assert.equal(validateStep('money', money(''), { scheme: 'REKOM' }, CONTEXT).ok, true);
      assert.equal(validateStep('money', money(''), { scheme: 'KOMPLOFT' }, CONTEXT).ok, true);
    });
  });

  describe('amounts', () => {
    it('needs more than 0 requested in every year', () => {
      const r = validateStep('money', { startYear: '2027', years: '1', year1Owner: '0', year1Uh: '0' }, { scheme: 'REKOM' }, CONTEXT);
      assert.deepEqual(!r.ok && r.errors, [{ field: 'year1Owner', key: 'report.error.amount.yearZero', params: { year: 1 } }]);
    });

    it('accepts 0 for one party when the other gets something', () => {
      assert.equal(validateStep('money', { startYear: '2027', years: '1', year1Owner: '0', year1Uh: '5' }, { scheme: 'REKOM' }, CONTEXT).ok, true);
    });

    it('points at amounts typed for a year past the chosen period', () => {
      const r = validateStep('money', { ...money('300000'), year2Uh: '10' }, { scheme: 'REKOM' }, CONTEXT);
      assert.deepEqual(!r.ok && r.errors, [{ field: 'year2Uh', key: 'report.error.amount.beyondPeriod', params: { year: 2, count: 1 } }]);
    });

    it('asks for every amount of every chosen year', () => {
      const r = validateStep('money', { ...money('300000'), years: '3' }, { scheme: 'REKOM' }, CONTEXT);
      assert.deepEqual(!r.ok && r.errors.map((e) => e.field), ['year2Owner', 'year2Uh', 'year3Owner', 'year3Uh']);
    });
  });

  describe('Kompetanseløftet', () => {
    for (const [ownerType, ok] of [
      ['kommune', true],
      ['fylkeskommune', true],
      ['privat', false],
    ] as const) {
      it(`${ok ? 'may' : 'may not'} be filed by an owner of type ${ownerType}`, () => {
        const r = validateStep('owner', { ...GOOD_INPUT.owner, scheme: 'KOMPLOFT', ownerType }, {}, CONTEXT);
        if (ok) assert.equal(r.ok, true);
        else assert.deepEqual(!r.ok && r.errors, [{ field: 'scheme', key: 'report.error.schemeOwnerType' }]);
      });
    }

    it('lets a private owner file REKOM and DEKOM', () => {
      for (const scheme of ['REKOM', 'DEKOM']) {
        assert.equal(validateStep('owner', { ...GOOD_INPUT.owner, scheme, ownerType: 'privat' }, {}, CONTEXT).ok, true);
      }
    });

    for (const scheme of ['REKOM', 'DEKOM', 'KOMPLOFT'] as const) {
      it(`${scheme === 'KOMPLOFT' ? 'allows' : 'refuses'} PPT and other services as target groups under ${scheme}`, () => {
        const r = validateStep('targets', { ...GOOD_INPUT.targets, targetGroups: 'laerere,ppt,andre-tjenester' }, { scheme }, CONTEXT);
        if (scheme === 'KOMPLOFT') assert.equal(r.ok, true);
        else assert.deepEqual(!r.ok && r.errors, [{ field: 'targetGroups', key: 'report.error.targetGroupsNeedKomploft' }]);
      });
    }
  });

  describe('owner network', () => {
    it('refuses the reporting owner in its own network, on the line where it was typed', () => {
      const r = validateStep(
        'contact',
        { ...GOOD_INPUT.contact, network: 'Nabo kommune; 123456785\n\nOss selv; 974 760 673' },
        { ownerOrgnr: '974760673' },
        CONTEXT,
      );
      assert.deepEqual(!r.ok && r.errors, [{ field: 'network', key: 'report.error.line.self', params: { line: 3, orgnr: '974760673' } }]);
    });

    it('reports an invalid member, a duplicate and the owner itself all at once', () => {
      const network = 'A; 974683521\nB; 123456785\nC; 123 456 785\nD; 974760673';
      const r = validateStep('contact', { ...GOOD_INPUT.contact, network }, { ownerOrgnr: '974760673' }, CONTEXT);
      assert.deepEqual(!r.ok && r.errors.map((e) => [e.key, e.params?.line]), [
        ['report.error.line.orgnr.checkDigit', 1],
        ['report.error.line.duplicate', 3],
        ['report.error.line.self', 4],
      ]);
    });

    it('may be empty', () => {
      const r = validateStep('contact', { ...GOOD_INPUT.contact, network: '' }, {}, CONTEXT);
      assert.ok(r.ok);
      assert.deepEqual(r.value.network, []);
    });
  });

  describe('the measure and its participants', () => {
    it('asks for the theme in words when "annet" is chosen, and drops it otherwise', () => {
      const missing = validateStep('measure', { ...GOOD_INPUT.measure, theme: 'annet', themeOther: '' }, {}, CONTEXT);
      assert.deepEqual(!missing.ok && missing.errors, [{ field: 'themeOther', key: 'report.error.themeOtherRequired' }]);
      const other = validateStep('measure', { ...GOOD_INPUT.measure, theme: 'annet', themeOther: 'Digital dømmekraft' }, {}, CONTEXT);
      assert.ok(other.ok);
      assert.equal(other.value.themeOther, 'Digital dømmekraft');
      const dropped = validateStep(
        'measure',
        { ...GOOD_INPUT.measure, theme: 'lesing', themeOther: 'glemt igjen' },
        { themeOther: 'old' } as ReportDraft,
        CONTEXT,
      );
      assert.ok(dropped.ok);
      assert.equal('themeOther' in dropped.draft, false);
    });

    it('refuses more named units than the number of units given', () => {
      const r = validateStep('targets', { ...GOOD_INPUT.targets, unitCount: '1' }, {}, CONTEXT);
      assert.deepEqual(!r.ok && r.errors, [{ field: 'unitCount', key: 'report.error.unitsMoreThanCount', params: { count: '2', stated: '1' } }]);
    });

    it('needs at least one participant and one unit, and refuses absurd numbers', () => {
      for (const [field, value, key] of [
        ['participants', '0', 'report.error.number.tooSmall'],
        ['participants', '50 001', 'report.error.number.tooLarge'],
        ['unitCount', '0', 'report.error.number.tooSmall'],
        ['unitCount', '2,5', 'report.error.number.notWhole'],
      ]) {
        const r = validateStep('targets', { ...GOOD_INPUT.targets, [field]: value }, {}, CONTEXT);
        assert.deepEqual(!r.ok && r.errors.map((e) => [e.field, e.key]), [[field, key]], `${field}=${value}`);
      }
    });
  });
});
