import type { Locale, MessageKey, Translate } from '../../domain/i18n';
import { regionChoices, type RegionConfig } from '../../domain/regions';
import { INPUT_PATTERNS, LIMITS, MAX_YEARS, amountInputId, schoolYearChoices, type InputStep, type PatternName } from '../../domain/report';
import { ownerTypeChoices, schemeChoices, targetGroupChoices, themeChoices } from '../../domain/report/choices';
import type { Scheme } from '../../domain/schemes';
import { areaName, type PriorityArea } from '../../domain/forum/plan';
import { ownValue } from '../../domain/ownKeys';

/** How one card input looks. The schema decides what is valid; this decides how it is asked. */
export interface InputView {
  kind: 'text' | 'textarea' | 'choice' | 'multichoice' | 'toggle' | 'heading' | 'info';
  style?: 'text' | 'email' | 'tel';
  maxLength?: number;
  required?: boolean;
  hint?: MessageKey;
  toggleTitle?: MessageKey;
  /** Checked by the client before sending (Adaptive Cards `regex`); the server checks again. */
  pattern?: PatternName;
  choices?: (ctx: InputContext) => Array<{ title: string; value: string }>;
}

export interface InputContext {
  t: Translate;
  locale: Locale;
  regions: RegionConfig;
  roundYear: number;
  scheme?: Scheme;
  /** The priority areas of the report's forum; none: the input is not shown. */
  areas?: readonly PriorityArea[];
}

const VIEWS: Record<string, InputView> = {
  ownerName: { kind: 'text', maxLength: LIMITS.ownerName, required: true },
  ownerOrgnr: { kind: 'text', maxLength: 20, required: true, hint: 'report.hint.orgnr', pattern: 'orgnr' },
  ownerType: { kind: 'choice', required: true, choices: (ctx) => ownerTypeChoices(ctx.t) },
  network: { kind: 'textarea', maxLength: LIMITS.network.maxChars, hint: 'report.hint.network' },
  region: { kind: 'choice', required: true, choices: (ctx) => regionChoices(ctx.regions, ctx.locale) },
  scheme: { kind: 'choice', required: true, choices: (ctx) => schemeChoices(ctx.t) },
  contactName: { kind: 'text', maxLength: LIMITS.contactName, required: true },
  contactEmail: { kind: 'text', style: 'email', maxLength: 254, required: true, pattern: 'email' },
  contactPhone: { kind: 'text', style: 'tel', maxLength: 30, required: true, hint: 'report.hint.phone', pattern: 'phone' },
  title: { kind: 'text', maxLength: LIMITS.title, required: true },
  needAndGoal: { kind: 'textarea', maxLength: LIMITS.needAndGoal, required: true, hint: 'report.hint.needAndGoal' },
  theme: { kind: 'choice', required: true, choices: (ctx) => themeChoices(ctx.t) },
  themeOther: { kind: 'text', maxLength: LIMITS.themeOther, hint: 'report.hint.themeOther' },
  priorityAreas: {
    kind: 'multichoice',
    required: true,
    hint: 'report.hint.priorityAreas',
    choices: (ctx) => (ctx.areas ?? []).map((a) => ({ title: areaName(a, ctx.locale), value: a.id })),
  },
  targetGroups: { kind: 'multichoice', required: true, hint: 'report.hint.targetGroupsKomploft', choices: (ctx) => targetGroupChoices(ctx.t, ctx.scheme) },
  unitCount: { kind: 'text', maxLength: 10, required: true },
  units: { kind: 'textarea', maxLength: LIMITS.units.maxChars, hint: 'report.hint.units' },
  participants: { kind: 'text', maxLength: 10, required: true },
  uhName: { kind: 'text', maxLength: LIMITS.uhName, required: true },
  uhOrgnr: { kind: 'text', maxLength: 20, hint: 'report.hint.optional', pattern: 'orgnr' },
  uhContact: { kind: 'text', maxLength: LIMITS.uhContact, required: true },
  uhDialogueConfirmed: { kind: 'toggle', required: true, hint: 'report.hint.uhDialogue', toggleTitle: 'wizard.confirm.uhDialogue' },
  staffInvolved: { kind: 'toggle', required: true, hint: 'report.hint.staffInvolved', toggleTitle: 'wizard.confirm.staff' },
  startYear: { kind: 'choice', required: true, choices: (ctx) => schoolYearChoices(ctx.roundYear) },
  years: { kind: 'choice', required: true, choices: () => Array.from({ length: MAX_YEARS }, (_, i) => ({ title: String(i + 1), value: String(i + 1) })) },
};

export function viewOf(inputId: string): InputView {
  return ownValue(VIEWS, inputId) ?? { kind: 'text', maxLength: 15 };
}

/** Headings and notes the money card shows between its inputs. */
export function isFirstAmountOfYear(inputId: string): number | undefined {
  for (let year = 1; year <= MAX_YEARS; year++) if (inputId === amountInputId(year, 'owner')) return year;
  return undefined;
}

/** The client's check of an input and what it says when the check fails. */
export function clientCheck(t: Translate, v: InputView): { regex: string; errorMessage: string } {
  return v.pattern ? { regex: INPUT_PATTERNS[v.pattern].regex, errorMessage: t(INPUT_PATTERNS[v.pattern].message) } : { regex: '', errorMessage: '' };
}

export type { InputStep };
