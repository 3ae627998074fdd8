import { INPUT_STEPS, LIMITS, validateStep, type InputStep, type ReportDraft } from '../../src/domain/report';
import { checkOrgnr } from '../../src/domain/orgnr';
import { GOOD_INPUT } from './reportInput';

/**
 * Text as long as a field accepts, made of what takes most room on a card: Norwegian letters,
 * quotes and Markdown characters (escaped twice: for Markdown, then for JSON) and an emoji (one
 * character as a person counts, two UTF-16 units).
 */
const PATTERN = 'Æøå «sitat» "q" *viktig* _x_ [lenke] 😀 ';

/** `n` characters (as charCount counts them) of PATTERN, ending in a letter. */
export function maxText(n: number, pattern = PATTERN): string {
  const chars = Array.from(pattern);
  let out = '';
  for (let i = 0; i < n - 1; i++) out += chars[i % chars.length];
  return out + 'Z';
}

/** For limits counted in UTF-16 units (`.length`, zod's max): the same without the emoji. */
export const maxPlainText = (n: number) => maxText(n, 'Æøå «sitat» "q" *viktig* _x_ [lenke] ');

/** Lines "name; orgnr" (or names alone) to the list's line and character limits. */
function maxLines(limit: { maxLines: number; maxChars: number }, orgnrs: readonly string[]): string {
  const suffix = (i: number) => (orgnrs.length ? `; ${orgnrs[i % orgnrs.length]}` : '');
  // Each line gets an equal share of the characters, newline included.
  const per = Math.floor((limit.maxChars + 1) / limit.maxLines) - 1;
  return Array.from({ length: limit.maxLines }, (_, i) => maxText(Math.min(LIMITS.orgName, per - suffix(i).length)) + suffix(i)).join('\n');
}

/** Distinct valid org. numbers (MOD11), none of them the owner's. */
export function validOrgnrs(n: number): string[] {
  const out: string[] = [];
  for (let base = 91000000; out.length < n; base++) {
    const candidate = Array.from({ length: 10 }, (_, d) => `${base}${d}`).find((c) => checkOrgnr(c).ok);
    if (candidate && candidate !== GOOD_INPUT.owner.ownerOrgnr) out.push(candidate);
  }
  return out;
}

/** Card input for every step of a report with every free-text field at its accepted maximum. */
export const MAX_INPUT: Record<InputStep, Record<string, unknown>> = {
  ...GOOD_INPUT,
  owner: { ...GOOD_INPUT.owner, ownerName: maxText(LIMITS.ownerName) },
  contact: {
    ...GOOD_INPUT.contact,
    network: maxLines(LIMITS.network, validOrgnrs(LIMITS.network.maxLines)),
    contactName: maxText(LIMITS.contactName),
    // 254 characters, the most an address may have.
    contactEmail: `${'k'.repeat(64)}@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(58)}.no`,
    contactPhone: '+47 22 00 00 00 00 00 0',
  },
  measure: {
    title: maxText(LIMITS.title),
    needAndGoal: maxText(LIMITS.needAndGoal, `${PATTERN}\n`),
    theme: 'annet',
    themeOther: maxText(LIMITS.themeOther),
  },
  targets: { ...GOOD_INPUT.targets, targetGroups: 'ledere,laerere,assistenter', units: maxLines(LIMITS.units, []), unitCount: '2000' },
  partner: { ...GOOD_INPUT.partner, uhName: maxText(LIMITS.uhName), uhContact: maxText(LIMITS.uhContact) },
  period: { startYear: '2027', years: '3' },
  money: {
    year1Owner: '1 000 000',
    year1Uh: '250 000',
    year1OwnContribution: '375 000',
    year2Owner: '1 000 000',
    year2Uh: '250 000',
    year2OwnContribution: '375 000',
    year3Owner: '1 000 000',
    year3Uh: '250 000',
    year3OwnContribution: '375 000',
  },
};

/** The stored report MAX_INPUT makes, or an error naming the step the fixture got wrong. */
export function maxDraft(): ReportDraft {
  let draft: ReportDraft = {};
  for (const s of INPUT_STEPS) {
    const r = validateStep(s, MAX_INPUT[s], draft, { roundYear: 2027 });
    if (!r.ok) throw new Error(`max fixture step ${s} is refused: ${JSON.stringify(r.errors)}`);
    draft = r.draft;
  }
  return draft;
}
