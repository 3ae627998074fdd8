import { cardValues, validateReport, type FieldError, type InputStep } from '../../domain/report';
import type { Round } from '../../domain/round';
import type { Scheme } from '../../domain/schemes';
import type { AdaptiveCard } from '../cards/render';
import type { WizardData, WizardDraft } from '../drafts';
import type { Turn } from '../turn';
import { reviewCard } from './reviewCard';
import { roundOf, WIZARD_STEPS, type WizardStep } from './session';
import { stepCard } from './stepCard';
import type { WizardView } from './view';

// The one place that decides which card a wizard step shows, and with what in it.

export function viewFor(turn: Turn, round: Round, draft?: WizardDraft): WizardView {
  return {
    t: turn.t, locale: turn.locale, regions: turn.services.regions, round,
    editing: draft?.reportId ? { reference: draft.data.reference ?? '' } : undefined,
  };
}

/** Shows a draft at the step it was left on. */
export async function resumeCard(turn: Turn, draft: WizardDraft, notice?: string): Promise<AdaptiveCard> {
  const round = await roundOf(turn, draft);
  const step = WIZARD_STEPS[Math.min(Math.max(draft.step, 1), WIZARD_STEPS.length) - 1];
  return renderStep(turn, viewFor(turn, round, draft), draft, step, notice);
}

export function validationContext(turn: Turn, round: Round) {
  return { roundYear: round.year, regions: turn.services.regions, locale: turn.locale };
}

/** The card for any step of a draft, showing what was typed or saved there. */
export function renderStep(turn: Turn, view: WizardView, draft: { id: string; data: WizardData }, step: WizardStep, notice?: string, returnToReview = false): AdaptiveCard {
  const report = draft.data.report;
  if (step === 'review') {
    const checked = validateReport(report, validationContext(turn, view.round));
    return reviewCard(view, { draftId: draft.id, report, errors: checked.ok ? [] : checked.errors, notice });
  }
  const values = { ...cardValues(step, report), ...(draft.data.raw[step] ?? {}) };
  return stepCard(view, { draftId: draft.id, step, values, scheme: report.scheme, notice, returnToReview });
}

/** A step sent back with its errors, showing exactly what was typed. */
export function invalidStepCard(turn: Turn, round: Round, draft: WizardDraft | undefined, args: { draftId: string; step: InputStep; values: Record<string, string>; errors: readonly FieldError[]; scheme?: Scheme }): AdaptiveCard {
  return stepCard(viewFor(turn, round, draft), args);
}
