import type { MessageKey, Params } from '../i18n';
import { MAX_YEARS } from './limits';
import type { ReportField } from './report-fields';

/**
 * The wizard's steps, which report fields each one fills, and the card input ids it shows.
 * Moving a field to another step is a change to these two tables only.
 */

// Short cards that start where the work is: a card taller than the chat window opens scrolled to
// its bottom, so the owner's nine fields are two steps, and the period comes before the money so
// the money card asks exactly the chosen years. Drafts saved under the older six-step layout are
// read through `stepOfStoredNumber`.
export const STEPS = ['owner', 'contact', 'measure', 'targets', 'partner', 'period', 'money', 'review'] as const;
export type Step = (typeof STEPS)[number];
export type InputStep = Exclude<Step, 'review'>;
export const INPUT_STEPS = STEPS.filter((s): s is InputStep => s !== 'review');

export const STEP_FIELDS = {
  owner: ['ownerName', 'ownerOrgnr', 'ownerType', 'region', 'scheme'],
  contact: ['network', 'contactName', 'contactEmail', 'contactPhone'],
  measure: ['title', 'needAndGoal', 'theme', 'themeOther', 'priorityAreas'],
  targets: ['targetGroups', 'unitCount', 'units', 'participants'],
  partner: ['uhName', 'uhOrgnr', 'uhContact', 'uhDialogueConfirmed', 'staffInvolved'],
  period: ['startYear', 'years'],
  money: ['amounts'],
} as const satisfies Record<InputStep, readonly ReportField[]>;

export type StepField<S extends InputStep> = (typeof STEP_FIELDS)[S][number];

const AMOUNT_PARTS = ['owner', 'uh', 'ownContribution'] as const;
export type AmountPart = (typeof AMOUNT_PARTS)[number];

/** Card input id of one amount: year 2's UH share is "year2Uh". */
export function amountInputId(year: number, part: AmountPart): string {
  return `year${year}${part[0].toUpperCase()}${part.slice(1)}`;
}

const AMOUNT_INPUTS: string[] = [];
for (let year = 1; year <= MAX_YEARS; year++) for (const part of AMOUNT_PARTS) AMOUNT_INPUTS.push(amountInputId(year, part));

/** Input ids of each step's card, in the order the card shows them. */
export const CARD_INPUTS: Record<InputStep, readonly string[]> = {
  owner: STEP_FIELDS.owner,
  contact: STEP_FIELDS.contact,
  measure: STEP_FIELDS.measure,
  targets: STEP_FIELDS.targets,
  partner: STEP_FIELDS.partner,
  period: STEP_FIELDS.period,
  money: AMOUNT_INPUTS,
};

const STEP_OF_INPUT = new Map<string, InputStep>();
for (const step of INPUT_STEPS) for (const id of CARD_INPUTS[step]) STEP_OF_INPUT.set(id, step);

/** The step whose card shows this input id. */
export function stepOfInput(inputId: string): InputStep | undefined {
  return STEP_OF_INPUT.get(inputId);
}

/**
 * Where a problem belongs on a card: a field and a path inside it become the input id, e.g.
 * ('amounts', [1, 'uh']) → "year2Uh". A problem with no row (or a row past the last year the
 * card has) sits at the number of years.
 */
export function inputIdOf(field: ReportField, path: ReadonlyArray<string | number> = []): string {
  if (field !== 'amounts') return field;
  const [row, part] = path;
  if (typeof row !== 'number' || row >= MAX_YEARS) return 'years';
  return amountInputId(row + 1, (AMOUNT_PARTS as readonly unknown[]).includes(part) ? (part as AmountPart) : 'owner');
}

export function stepNumber(step: Step): number {
  return STEPS.indexOf(step) + 1;
}

export function stepTitleKey(step: Step) {
  return `report.step.${step}` as const;
}

/** The label of a card input, e.g. year 2's UH share → 'report.field.yearUh' with {year: 2}. */
export function inputLabel(inputId: string): { key: MessageKey; params?: Params } {
  const m = /^year(\d)(Owner|Uh|OwnContribution)$/.exec(inputId);
  if (m) return { key: `report.field.year${m[2] as 'Owner' | 'Uh' | 'OwnContribution'}`, params: { year: Number(m[1]) } };
  return { key: `report.field.${inputId}` as MessageKey };
}
