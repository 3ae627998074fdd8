import assert from 'node:assert/strict';
import { MAX_TYPED_TEXT, normaliseCommandText } from '../../src/domain/commandText';
import { checkDecision } from '../../src/domain/decision';
import { checkOrgnr } from '../../src/domain/orgnr';
import { isCalendarDay } from '../../src/domain/osloTime';
import { retryAfterMs } from '../../src/domain/rateLimit';
import {
  cleanText,
  coerceChoices,
  coerceEmail,
  coerceInteger,
  coerceOrgnr,
  coercePhone,
  coerceText,
  isEmailAddress,
  isPhoneNumber,
} from '../../src/domain/report/card-input';
import { NETWORK_RULE, UNITS_RULE } from '../../src/domain/report/needs-report';
import { parseLineList } from '../../src/domain/report/line-list';
import { formatsFor } from '../../src/domain/report/problems';
import { normaliseReference, parseReference } from '../../src/domain/report/reference';
import { parseSchoolYear } from '../../src/domain/report/school-year';
import { CARD_INPUTS, INPUT_STEPS } from '../../src/domain/report/steps';
import { validateStep } from '../../src/domain/report/validate';
import { parseRoundSetup, ROUND_INPUTS } from '../../src/domain/secretariat/round-setup';
import { parseId, parseOrganisations, parsePersonChoice } from '../../src/domain/secretariat/role-input';
import { findCommand } from '../../src/app/registry';

const N = 100_000;
const fill = (unit: string, tail = '') => unit.repeat(Math.ceil((N - tail.length) / unit.length)).slice(0, N - tail.length) + tail;

/**
 * Inputs that make a backtracking expression go quadratic or worse: long runs of what a pattern
 * repeats, ending in what makes it fail at the last character.
 */
const ADVERSARIAL: Record<string, string> = {
  letters: fill('a'),
  openAngles: fill('<'),
  openTags: fill('<a'),
  mentions: fill('<at>'),
  unclosedMention: `<at>${fill('a')}`,
  dotsThenLetter: fill('.', 'x'),
  punctuationThenLetter: fill('!?.', 'x'),
  spacesThenLetter: fill(' ', 'x'),
  mixedWhitespace: fill(' \t\n\r\u00a0\u2028', 'x'),
  digits: fill('9'),
  digitsThenLetter: fill('1', 'x'),
  spacedDigits: fill('1 ', 'x'),
  orgnrGroups: fill('974 760 ', 'x'),
  orgnrLines: fill('Skole 974760673\n'),
  referenceDashes: `BM${fill('-', 'x')}`.slice(0, N),
  referenceSpaces: `bm 2027 ${fill('1 ', 'x')}`.slice(0, N),
  referenceDigits: `BM-2027-${fill('1', ' x')}`.slice(0, N),
  yearThenSpaces: `2027${fill(' ', '-x')}`.slice(0, N),
  emailDots: `a@${fill('a.')}`.slice(0, N),
  emailDashes: `${'a'.repeat(64)}@${fill('a-', '!')}`.slice(0, N),
  emailAts: fill('a@'),
  phonePlus: `+${fill('1 ', 'x')}`.slice(0, N),
  amountGroups: fill('1 000 ', 'kr x'),
  separators: fill(',;\n\r'),
  guidish: fill('0000-', 'z'),
  zeroWidth: fill('\u200b'),
  bidi: fill('\u202e\u2066'),
  combining: fill('e\u0301'),
  emoji: fill('👩‍👩‍👧‍👦'),
  loneSurrogates: fill('\ud800'),
  templates: fill('${$root}'),
  html: fill('<b>x</b>&nbsp;'),
  formulas: fill('=SUM(A1)+'),
};

/** CPU time of one call, best of three (so a busy machine does not make it look slow). */
function cpuMs(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

const f = formatsFor('nb');
const NOW = new Date('2026-11-01T09:00:00Z');

/** Every function of the domain that reads what a person typed or pasted, with its input slot. */
const PARSERS: Record<string, (s: string) => unknown> = {
  normaliseCommandText: (s) => normaliseCommandText(s, [s.slice(0, 50)]),
  findCommand: (s) => findCommand(normaliseCommandText(s)),
  'findCommand on raw text': (s) => findCommand(s),
  parseReference,
  normaliseReference,
  parseSchoolYear,
  checkOrgnr,
  isCalendarDay,
  'cleanText single-line': (s) => cleanText(s, false),
  'cleanText multi-line': (s) => cleanText(s, true),
  coerceText: (s) => coerceText(s, { max: 4000, multiline: true }, f),
  'coerceInteger amount': (s) => coerceInteger(s, { min: 0, max: 1e9, kind: 'amount' }, f),
  'coerceInteger count': (s) => coerceInteger(s, { min: 0, max: 1e6, kind: 'count' }, f),
  coerceOrgnr,
  isEmailAddress,
  isPhoneNumber,
  coerceEmail: (s) => coerceEmail(s, f),
  coercePhone: (s) => coercePhone(s, f),
  coerceChoices: (s) => coerceChoices(s, ['a', 'b', 'c']),
  'parseLineList network': (s) => parseLineList(s, NETWORK_RULE, f),
  'parseLineList units': (s) => parseLineList(s, UNITS_RULE, f),
  parseId,
  parsePersonChoice,
  parseOrganisations,
  retryAfterMs: (s) => retryAfterMs(s, 0),
  parseRoundSetup: (s) => {
    try {
      return parseRoundSetup(Object.fromEntries(ROUND_INPUTS.map((k) => [k, s])), { now: NOW, counties: ['46'], existing: [] });
    } catch {
      return undefined;
    }
  },
  checkDecision: (s) => checkDecision({ outcome: s, amounts: [s, s, s], reason: s }, [100_000, 100_000, 100_000]),
  ...Object.fromEntries(
    INPUT_STEPS.map((step) => [
      `validateStep ${step} (every input)`,
      (s: string) => validateStep(step, Object.fromEntries(CARD_INPUTS[step].map((id) => [id, s]))),
    ]),
  ),
};

describe('linear-time text handling', () => {
  it('caps typed text before any expression reads it', () => {
    assert.equal(normaliseCommandText(`Hjelp!${' x'.repeat(N)}`).length <= MAX_TYPED_TEXT, true);
    assert.equal(normaliseCommandText('<at>Kompetansebot</at>  Hjelp!!'), 'hjelp');
    assert.equal(normaliseCommandText('@Kompetansebot vis BM-2027-0042.', ['@Kompetansebot']), 'vis bm-2027-0042');
    assert.equal(normaliseCommandText('meld&nbsp;<b>behov</b>?'), 'meld behov');
    assert.equal(normaliseCommandText(42), '');
  });

  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name} reads each 100 000-character adversarial string in under 50 ms`, () => {
      const slow: string[] = [];
      for (const [kind, input] of Object.entries(ADVERSARIAL)) {
        assert.ok(input.length >= N - 10 && input.length <= N + 10, `${kind} is ${input.length} characters`);
        const ms = cpuMs(() => parse(input));
        if (ms >= 50) slow.push(`${kind}: ${ms.toFixed(1)} ms`);
      }
      assert.deepEqual(slow, []);
    });
  }
});
