import { cardValues, stepOfStoredNumber, validateReport, type ReportDraft } from '../../domain/report';
import type { PriorityArea } from '../../domain/forum/plan';
import { forumOfRegion } from '../../domain/regions';
import type { Round } from '../../domain/round';
import type { AdaptiveCard } from '../cards/render';
import type { WizardData, WizardDraft } from '../drafts';
import type { Turn } from '../turn';
import { reviewCard } from './reviewCard';
import { roundOf, type WizardStep } from './session';
import { stepCard, type StepCardArgs } from './stepCard';
import { typedFor } from './typed';
import type { WizardView } from './view';

// The one place that decides which card a wizard step shows, and with what in it.

export function viewFor(turn: Turn, round: Round, draft?: WizardDraft): WizardView {
  return {
    t: turn.t,
    locale: turn.locale,
    regions: turn.services.regions,
    round,
    editing: draft?.reportId ? { reference: draft.data.reference ?? '' } : undefined,
  };
}

/** Shows a draft at the step it was left on. */
export async function resumeCard(turn: Turn, draft: WizardDraft, notice?: string): Promise<AdaptiveCard> {
  const round = await roundOf(turn, draft);
  const step = stepOfStoredNumber(draft.step, draft.data.layout);
  return renderStep(turn, await wizardView(turn, round, draft), draft, step, notice);
}

export function validationContext(turn: Turn, round: Round, areas: readonly PriorityArea[] = []) {
  return { roundYear: round.year, regions: turn.services.regions, locale: turn.locale, ...(areas.length ? { areaIds: areas.map((a) => a.id) } : {}) };
}

/** The priority areas of the draft's forum (the forum of its region), for the measure card and the checks. */
export async function areasFor(turn: Turn, report: ReportDraft | undefined): Promise<PriorityArea[]> {
  const forum = report?.region ? forumOfRegion(turn.services.regions, report.region) : undefined;
  return forum ? ((await turn.services.plans.get(forum.id))?.areas ?? []) : [];
}

/**
 * The areas as stored now when the cached plan refused the chosen ones (a plan saved on another
 * instance within the cache time); undefined when the areas were not what was refused.
 */
export async function areasBeforeRefusing(
  turn: Turn,
  report: ReportDraft | undefined,
  errors: readonly { field: string }[],
): Promise<PriorityArea[] | undefined> {
  const forum = report?.region ? forumOfRegion(turn.services.regions, report.region) : undefined;
  if (!forum || !errors.some((e) => e.field === 'priorityAreas')) return undefined;
  return (await turn.services.plans.fresh(forum.id))?.areas ?? [];
}

/** viewFor with the forum's priority areas read: what the handlers render steps with. */
export async function wizardView(turn: Turn, round: Round, draft?: WizardDraft): Promise<WizardView> {
  return { ...viewFor(turn, round, draft), areas: await areasFor(turn, draft?.data.report) };
}

/** The card for any step of a draft, showing what was typed or saved there. */
export function renderStep(
  turn: Turn,
  view: WizardView,
  draft: { id: string; data: WizardData },
  step: WizardStep,
  notice?: string,
  returnToReview = false,
): AdaptiveCard {
  const report = draft.data.report;
  if (step === 'review') {
    const checked = validateReport(report, validationContext(turn, view.round, view.areas));
    return reviewCard(view, { draftId: draft.id, report, errors: checked.ok ? [] : checked.errors, notice });
  }
  // The money card asks the years chosen on the period step; without them, that step first.
  if (step === 'money' && (report.years === undefined || report.startYear === undefined))
    return renderStep(turn, view, draft, 'period', notice, returnToReview);
  const values = { ...cardValues(step, report), ...typedFor(draft.data.raw, step) };
  return stepCard(view, {
    draftId: draft.id,
    step,
    values,
    scheme: report.scheme,
    period: { startYear: report.startYear, years: report.years },
    notice,
    returnToReview,
  });
}

/** A step sent back with its errors, showing exactly what was typed. */
export function invalidStepCard(
  turn: Turn,
  round: Round,
  draft: WizardDraft | undefined,
  args: StepCardArgs,
  areas: readonly PriorityArea[] = [],
): AdaptiveCard {
  return stepCard({ ...viewFor(turn, round, draft), areas }, args);
}
