import { absorbStep } from './absorb';
import { atStep, DraftRef, loadDraft, roundOf, stepIndex, WIZARD_STEPS } from './session';
import { personOf } from '../caller';
import { Refusal } from '../refusals';
import { renderStep, wizardView } from './stepView';
import type { WizardData } from '../drafts';
import type { ActionHandler } from '../actions/types';

/** The draft, step and return point a wizard button carries, checked (shared by every report.* verb). */
export function refOf(data: Record<string, unknown>) {
  const ref = DraftRef.safeParse(data);
  if (!ref.success) throw new Refusal('draft.notFound');
  return { draftId: ref.data.draftId, step: ref.data.step ?? 'owner', returnTo: ref.data.returnTo };
}

/** `report.next`: checks the step; the next card only when it is right, else the errors in place. */
export const reportNext: ActionHandler = async (turn, data) => {
  const { draftId, step, returnTo } = refOf(data);
  const goTo = returnTo ?? WIZARD_STEPS[Math.min(stepIndex(step) + 1, WIZARD_STEPS.length - 1)];
  const r = await absorbStep(turn, { draftId, step, inputs: data, strict: true, goTo });
  if (!r.ok) return { card: r.card };
  return { card: renderStep(turn, await wizardView(turn, r.round, r.draft), r.draft, goTo) };
};

/** `report.back`: keeps what was typed (valid or not) and shows the previous step. */
export const reportBack: ActionHandler = async (turn, data) => {
  const { draftId, step } = refOf(data);
  const goTo = WIZARD_STEPS[Math.max(stepIndex(step) - 1, 0)];
  const r = await absorbStep(turn, { draftId, step, inputs: data, strict: false, goTo });
  if (!r.ok) return { card: r.card };
  return { card: renderStep(turn, await wizardView(turn, r.round, r.draft), r.draft, goTo) };
};

/** `report.goto`: from the review card straight to the step to change. */
export const reportGoto: ActionHandler = async (turn, data) => {
  const { draftId, step } = refOf(data);
  const draft = await loadDraft(turn, draftId);
  const round = await roundOf(turn, draft);
  const saved = await turn.services.drafts.save<WizardData>(personOf(turn), draftId, (d) => atStep(d, step), draft);
  return { card: renderStep(turn, await wizardView(turn, round, saved ?? draft), saved ?? draft, step, undefined, step !== 'review') };
};
