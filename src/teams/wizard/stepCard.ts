import { formatNok } from '../../domain/i18n';
import {
  CARD_INPUTS,
  INPUT_STEPS,
  MAX_YEARS,
  STEPS,
  amountInputId,
  formatSchoolYear,
  stepNumber,
  stepTitleKey,
  type FieldError,
  type InputStep,
} from '../../domain/report';
import { SCHEME_RULES, type Scheme } from '../../domain/schemes';
import type { AdaptiveCard } from '../cards/render';
import { renderForm } from '../cards/formCard';
import { clientCheck, isFirstAmountOfYear, viewOf } from './inputs';
import { labelOf } from '../cards/reportFacts';
import { action } from '../cards/action';
import type { WizardView } from './view';

export interface StepCardArgs {
  draftId: string;
  step: InputStep;
  /** What each input shows: what the person typed, or the saved draft as text. */
  values: Record<string, string>;
  errors?: readonly FieldError[];
  notice?: string;
  /** The scheme chosen in step 1: the money card asks the own contribution only where it applies. */
  scheme?: Scheme;
  /** Opened from the review card: Next returns there. */
  returnToReview?: boolean;
  /** The period chosen on the step before: the money card asks exactly these school years. */
  period?: { startYear?: number; years?: number };
}

export function progressText(view: WizardView, step: (typeof STEPS)[number]): string {
  return view.t('report.step.progress', { step: stepNumber(step), total: STEPS.length });
}

export function wizardTitle(view: WizardView, step: (typeof STEPS)[number]): string {
  const base = view.editing ? view.t('wizard.editTitle', { reference: view.editing.reference }) : view.t('wizard.title');
  return `${base}: ${view.t(stepTitleKey(step))}`;
}

/** One step of the needs-report form, with every error next to its field and every value kept. */
export function stepCard(view: WizardView, args: StepCardArgs): AdaptiveCard {
  const { t } = view;
  const errors = new Map<string, string[]>();
  for (const e of args.errors ?? []) errors.set(e.field, [...(errors.get(e.field) ?? []), t(e.key, e.params)]);
  const asksOwnContribution = args.scheme !== undefined && SCHEME_RULES[args.scheme].ownContributionPercent > 0;
  const ctx = { t, locale: view.locale, regions: view.regions, roundYear: view.round.year, scheme: args.scheme, areas: view.areas };

  const fields: object[] = [];
  const blank = { id: '', value: '', placeholder: '', maxLength: 100, required: false, style: 'text', hint: '', error: '', choices: [] as object[] };
  if (args.step === 'money') {
    fields.push({ ...blank, kind: 'info', value: t('report.hint.amounts') });
    if (asksOwnContribution)
      fields.push({ ...blank, kind: 'info', value: t('report.hint.ownContributionDekom', { percent: SCHEME_RULES[args.scheme!].ownContributionPercent }) });
  }
  const shown = new Set<string>();
  for (const id of CARD_INPUTS[args.step]) {
    if (/OwnContribution$/.test(id) && !asksOwnContribution) continue;
    if (args.step === 'money' && yearOfInput(id) > (args.period?.years ?? MAX_YEARS)) continue;
    const year = isFirstAmountOfYear(id);
    if (year !== undefined) {
      const start = args.period?.startYear ?? view.round.year;
      fields.push({ ...blank, kind: 'heading', label: t('report.money.year', { year, schoolYear: formatSchoolYear(start + year - 1) }) });
    }
    const v = viewOf(id);
    // A forum without priority areas asks none.
    if (id === 'priorityAreas' && !view.areas?.length) continue;
    shown.add(id);
    fields.push({
      ...blank,
      id,
      kind: v.kind,
      label: labelOf(t, id),
      value: args.values[id] ?? '',
      placeholder: v.kind === 'toggle' && v.toggleTitle ? t(v.toggleTitle) : v.kind === 'choice' ? t('wizard.choose') : '',
      maxLength: v.maxLength ?? 100,
      style: v.style ?? 'text',
      // Formats only, never emptiness (`required` stays false from `blank`): an empty required field
      // must not hold Back or Save and close, which send what was typed. The server names it on Next.
      ...clientCheck(t, v),
      hint: v.hint ? t(v.hint, { max: v.maxLength ?? '' }) : minimumHint(view, args, id),
      error: (errors.get(id) ?? []).join('\n'),
      choices: v.choices ? v.choices(ctx) : [],
    });
  }
  // Errors for inputs this card does not show (e.g. a year past the period) still need a place.
  const orphans = [...errors].filter(([id]) => !shown.has(id)).flatMap(([, m]) => m);
  // Named again right above the buttons, where the owner is looking after pressing Next.
  const toFix = [...errors.keys()].filter((id) => shown.has(id)).map((id) => labelOf(t, id));

  const index = INPUT_STEPS.indexOf(args.step);
  const data = { draftId: args.draftId, step: args.step };
  const actions = [
    // Back and Save and close send what was typed too (nothing typed is lost); the client holds
    // them only for a malformed value, which it names. Cancel sends nothing.
    ...(index > 0 ? [action(t('wizard.back'), 'report.back', data, { inputs: 'auto' })] : []),
    action(args.returnToReview ? t('wizard.toReview') : t('wizard.next'), 'report.next', args.returnToReview ? { ...data, returnTo: 'review' } : data, {
      inputs: 'auto',
      style: 'positive',
    }),
    action(t('wizard.saveClose'), 'report.close', data, { inputs: 'auto' }),
    action(t('wizard.cancel'), 'report.cancel', data),
  ];
  return renderForm({
    progress: progressText(view, args.step),
    title: wizardTitle(view, args.step),
    intro: '',
    notice: args.notice ?? '',
    errorSummary: errors.size > 0 ? [t('wizard.errorSummary'), ...orphans].join('\n') : '',
    errorFooter:
      errors.size === 0 ? '' : [toFix.length ? t('wizard.fixFields', { fields: toFix.join(', ') }) : t('wizard.errorSummary'), ...orphans].join('\n'),
    fields,
    actions,
  });
}

/** 2 for "year2Uh"; 0 for inputs of no year. */
function yearOfInput(id: string): number {
  const m = /^year(\d)/.exec(id);
  return m ? Number(m[1]) : 0;
}

/** DEKOM's own contribution: show the minimum computed from what was typed for that year. */
function minimumHint(view: WizardView, args: StepCardArgs, inputId: string): string {
  const m = /^year(\d)OwnContribution$/.exec(inputId);
  if (!m || !args.scheme) return '';
  const year = Number(m[1]);
  const num = (id: string) => Number((args.values[id] ?? '').replace(/[\s\u00a0]/g, ''));
  const grant = num(amountInputId(year, 'owner')) + num(amountInputId(year, 'uh'));
  if (!Number.isFinite(grant) || grant <= 0) return '';
  const percent = SCHEME_RULES[args.scheme].ownContributionPercent;
  return view.t('report.hint.minOwnContribution', { min: formatNok(Math.floor((grant * percent + 99) / 100), view.locale) });
}
