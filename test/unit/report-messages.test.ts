import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOCALES, translator, type MessageKey } from '../../src/domain/i18n';
import { reportMessages } from '../../src/domain/i18n/messages/report';
import { OWNER_TYPES, ownerTypeLabelKey } from '../../src/domain/ownerTypes';
import { SCHEMES, schemeLabelKey, schemeName, schemeShortKey } from '../../src/domain/schemes';
import {
  CARD_INPUTS,
  INPUT_STEPS,
  REPORT_STATUSES,
  STEPS,
  TARGET_GROUPS,
  THEMES,
  inputLabel,
  schemeChoices,
  statusLabelKey,
  stepTitleKey,
  targetGroupChoices,
  targetGroupLabelKey,
  themeLabelKey,
  validateStep,
} from '../../src/domain/report';
import { CONTEXT, GOOD_INPUT, MEGABYTE } from '../support/reportInput';

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('needs report texts', () => {
  const keys = Object.keys(reportMessages.nb) as Array<keyof typeof reportMessages.nb>;

  it('has every key in bokmål, nynorsk and English, none of them blank', () => {
    for (const locale of LOCALES) {
      assert.deepEqual(Object.keys(reportMessages[locale]).sort(), [...keys].sort(), locale);
      for (const k of keys) assert.ok(reportMessages[locale][k].trim().length > 0, `${locale} ${k}`);
    }
  });

  it('uses the same placeholders in every language', () => {
    for (const k of keys) {
      assert.deepEqual(placeholders(reportMessages.nn[k]), placeholders(reportMessages.nb[k]), `nn ${k}`);
      assert.deepEqual(placeholders(reportMessages.en[k]), placeholders(reportMessages.nb[k]), `en ${k}`);
    }
  });

  it('is really translated: nynorsk and English are not copies of bokmål', () => {
    const differ = (locale: 'nn' | 'en') => keys.filter((k) => reportMessages[locale][k] !== reportMessages.nb[k]).length / keys.length;
    assert.ok(differ('nn') > 0.6, `only ${Math.round(differ('nn') * 100)} % of nynorsk differs`);
    assert.ok(differ('en') > 0.9, `only ${Math.round(differ('en') * 100)} % of English differs`);
  });

  it('has a text for every report key the domain code names', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(repoRoot(), 'src', 'domain'))) {
      if (file.includes(`${path.sep}i18n${path.sep}`)) continue;
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/'(report\.[a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
    }
    assert.ok(used.size > 40, 'the scan found the keys');
    // Against all registered catalogs: other areas may name report.* keys of their own.
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const key of used) {
        const text: unknown = t(key as MessageKey);
        assert.ok(typeof text === 'string' && text.length > 0, `${locale}: missing text for ${key}`);
      }
    }
  });

  it('has a label for every scheme, owner type, theme, target group, status, step and card input', () => {
    const wanted: MessageKey[] = [
      ...SCHEMES.map(schemeLabelKey),
      ...SCHEMES.map(schemeShortKey),
      ...OWNER_TYPES.map(ownerTypeLabelKey),
      ...THEMES.map(themeLabelKey),
      ...TARGET_GROUPS.map(targetGroupLabelKey),
      ...REPORT_STATUSES.map(statusLabelKey),
      ...STEPS.map(stepTitleKey),
      ...INPUT_STEPS.flatMap((s) => CARD_INPUTS[s].map((id) => inputLabel(id).key)),
    ];
    for (const key of wanted) assert.ok(key in reportMessages.nb, `missing label ${key}`);
    assert.equal(translator('nn')(inputLabel('year2Uh').key, inputLabel('year2Uh').params), 'År 2: søkt tilskot til UH-partnar (kr)');
  });

  it('names a scheme in words, in full or short, in each language; a stored value that is no scheme stays as it is', () => {
    assert.equal(schemeName(translator('nb'), 'DEKOM'), 'Desentralisert ordning for kompetanseutvikling i grunnskole og videregående opplæring');
    assert.equal(schemeName(translator('nn'), 'DEKOM', 'short'), 'Desentralisert ordning (skule)');
    assert.equal(schemeName(translator('en'), 'REKOM', 'short'), 'Regional scheme (kindergartens)');
    assert.equal(schemeName(translator('en'), 'OTHER'), 'OTHER');
    for (const locale of LOCALES) {
      const names = SCHEMES.flatMap((s) => [schemeName(translator(locale), s), schemeName(translator(locale), s, 'short')]);
      assert.equal(new Set(names).size, names.length, `${locale}: every name is one scheme's`);
      for (const n of names) assert.doesNotMatch(n, /\b(REKOM|DEKOM|KOMPLOFT)\b/);
    }
  });

  it('offers choices as stable codes with translated titles, PPT only under Kompetanseløftet', () => {
    assert.deepEqual(
      schemeChoices(translator('en')).map((c) => c.value),
      ['REKOM', 'DEKOM', 'KOMPLOFT'],
    );
    assert.equal(targetGroupChoices(translator('nn'), 'KOMPLOFT').find((c) => c.value === 'ppt')?.title, 'PP-tenesta (PPT)');
    assert.deepEqual(
      targetGroupChoices(translator('nb'), 'DEKOM').map((c) => c.value),
      ['ledere', 'laerere', 'assistenter'],
    );
  });

  it('fills every placeholder of every message the wizard can show', () => {
    const attempts: Array<[(typeof INPUT_STEPS)[number], Record<string, unknown>, Record<string, unknown>?]> = [];
    for (const step of INPUT_STEPS) {
      for (const id of CARD_INPUTS[step]) {
        for (const bad of ['', MEGABYTE, '<b>${x}</b>', '-5', '1,5', '0', '974683521', { x: 1 }, '12345', '9'.repeat(30)]) {
          attempts.push([step, { ...GOOD_INPUT[step], [id]: bad }]);
        }
      }
    }
    attempts.push(['contact', { ...GOOD_INPUT.contact, network: 'A; 974683521\nB\n; 123456785\nC; 12\nD; 123456785\nE; 974760673\nF; x' }]);
    attempts.push(['owner', { ...GOOD_INPUT.owner, scheme: 'KOMPLOFT', ownerType: 'privat' }]);
    attempts.push(['targets', { ...GOOD_INPUT.targets, unitCount: '1', targetGroups: 'ppt' }, { scheme: 'REKOM' }]);
    attempts.push(['money', { ...GOOD_INPUT.money, year1OwnContribution: '1', year2OwnContribution: '', year3Uh: '4' }, { scheme: 'DEKOM', years: 2 }]);
    const seen = new Set<string>();
    for (const [step, input, draft] of attempts) {
      for (const locale of LOCALES) {
        const r = validateStep(step, input, draft ?? { scheme: 'DEKOM', ownerOrgnr: '974760673' }, { ...CONTEXT, locale });
        if (r.ok) continue;
        const t = translator(locale);
        for (const e of r.errors) {
          seen.add(e.key);
          const text = t(e.key, e.params);
          assert.ok(!/\{\w+\}/.test(text), `${locale} ${e.key}: "${text}" has an unfilled placeholder`);
        }
      }
    }
    assert.ok(seen.size >= 30, `exercised ${seen.size} distinct messages`);
  });
});
