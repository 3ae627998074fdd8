import { STEPS, type Step } from './steps';

/**
 * Drafts store the step they were left on as a number. Before the owner's step was split and the
 * period got its own step, the six steps were these; a draft saved then has no layout mark.
 */
const SIX_STEP_LAYOUT = ['owner', 'measure', 'targets', 'partner', 'money', 'review'] as const satisfies readonly Step[];

/** The layout drafts are saved under now; stored with the draft so old numbers can be told apart. */
export const STEP_LAYOUT = 2;

/** The step a stored number names, under the layout the draft was saved with (none = the old one). */
export function stepOfStoredNumber(n: number, layout: number | undefined): Step {
  const steps: readonly Step[] = layout === STEP_LAYOUT ? STEPS : SIX_STEP_LAYOUT;
  return steps[Math.min(Math.max(Math.trunc(n) || 1, 1), steps.length) - 1];
}
