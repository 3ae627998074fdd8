import { z } from 'zod';
import { findRegion } from '../../domain/regions';
import { STEPS, STEP_LAYOUT, cardValues, stepOfStoredNumber, validateReport, type InputStep, type ReportDraft } from '../../domain/report';
import { coversCounty, isOpenForFiling, type Round } from '../../domain/round';
import type { Draft } from '../../storage/drafts';
import type { PersonKey } from '../../storage/keys';
import type { AdaptiveCard } from '../cards/render';
import type { Turn } from '../turn';
import { Refusal } from '../refusals';

// Refusals belong to the whole Teams layer; re-exported here for the wizard's callers.
export { Refusal, refusalCard } from '../refusals';
import { reviewCard } from './reviewCard';
import { stepCard } from './stepCard';
import { typedFor } from './typed';
import type { WizardView } from './view';

/** What a draft holds: the clean report so far, and what was typed on steps left unfinished. */
export interface WizardData {
  report: ReportDraft;
  raw: Partial<Record<InputStep, Record<string, string>>>;
  /** The reference of the report this draft edits, for the card titles. */
  reference?: string;
  /** The step layout `step` counts in; absent on drafts saved under the old six steps. */
  layout?: number;
}
export type WizardDraft = Draft<WizardData>;

export const WIZARD_STEPS = STEPS;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** Ids and step names in card data come back from the client: checked before use. */
export const DraftRef = z.object({
  draftId: z.string().regex(/^[A-Za-z0-9-]{1,80}$/),
  step: z.enum(WIZARD_STEPS).optional(),
  /** Set on a step opened from the review card: Next goes straight back to the review. */
  returnTo: z.literal('review').optional(),
});
export const ReportRef = z.object({ reportId: z.string().regex(/^[A-Za-z0-9-]{1,80}$/) });

export function personOf(turn: Turn): PersonKey {
  if (!turn.caller.aadObjectId) throw new Refusal('identity.missing');
  return { tenantId: turn.caller.tenantId, aadObjectId: turn.caller.aadObjectId };
}

/** Reports are filed in the personal chat; a channel gets a pointer there instead. */
export function requirePersonal(turn: Turn): void {
  const type = turn.context.activity.conversation?.conversationType;
  if (type && type !== 'personal') throw new Refusal('personalOnly');
}

export async function openRounds(turn: Turn): Promise<Round[]> {
  const now = turn.services.now();
  return (await turn.services.rounds.list()).filter((r) => isOpenForFiling(r, now));
}

/** The open round an owner in this region files in, if any. */
export function roundForRegion(turn: Turn, rounds: Round[], regionId: string | undefined): Round | undefined {
  const county = regionId ? findRegion(turn.services.regions, regionId)?.county : undefined;
  return county ? rounds.find((r) => coversCounty(r, county)) : undefined;
}

export async function roundOf(turn: Turn, draft: WizardDraft): Promise<Round> {
  const round = await turn.services.rounds.get(draft.roundId);
  if (!round) throw new Refusal('round.none');
  return round;
}

export async function loadDraft(turn: Turn, draftId: string): Promise<WizardDraft> {
  const draft = await turn.services.drafts.get<WizardData>(personOf(turn), draftId);
  if (!draft) throw new Refusal('draft.notFound');
  return draft;
}

export function viewFor(turn: Turn, round: Round, draft?: WizardDraft): WizardView {
  return {
    t: turn.t, locale: turn.locale, regions: turn.services.regions, round,
    editing: draft?.reportId ? { reference: draft.data.reference ?? '' } : undefined,
  };
}

/** Shows a draft at the step it was left on. */
export async function resumeCard(turn: Turn, draft: WizardDraft, notice?: string): Promise<AdaptiveCard> {
  const round = await roundOf(turn, draft);
  const step = stepOfStoredNumber(draft.step, draft.data.layout);
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
  // The money card asks the years chosen on the period step; without them, that step first.
  if (step === 'money' && (report.years === undefined || report.startYear === undefined)) return renderStep(turn, view, draft, 'period', notice, returnToReview);
  const values = { ...cardValues(step, report), ...typedFor(draft.data.raw, step) };
  return stepCard(view, { draftId: draft.id, step, values, scheme: report.scheme, period: { startYear: report.startYear, years: report.years }, notice, returnToReview });
}

export function stepIndex(step: WizardStep): number {
  return WIZARD_STEPS.indexOf(step);
}

/** A draft moved to `step`, its number counted in today's layout (and marked so). */
export function atStep(d: WizardDraft, step: WizardStep): WizardDraft {
  return { ...d, step: stepIndex(step) + 1, data: { ...d.data, layout: STEP_LAYOUT } };
}
