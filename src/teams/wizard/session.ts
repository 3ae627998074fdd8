import { z } from 'zod';
import { findRegion } from '../../domain/regions';
import { STEPS, STEP_LAYOUT } from '../../domain/report';
import { coversCounty, isOpenForFiling, type Round } from '../../domain/round';
import type { Turn } from '../turn';
import { personOf } from '../caller';
import { Refusal } from '../refusals';
import { missingDraft, reportFor } from '../ownerAccess';
import { filingRefusal, requireFilingOpen } from '../filingGuard';
import type { WizardData, WizardDraft } from '../drafts';

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

/**
 * The rounds open for filing now. From the cache, but never empty because of it: a round opened on
 * another instance within the cache time is read from storage before an owner is told there is none.
 */
export async function openRounds(turn: Turn): Promise<Round[]> {
  const now = turn.services.now();
  const open = (await turn.services.rounds.list()).filter((r) => isOpenForFiling(r, now));
  return open.length ? open : openRoundsFresh(turn);
}

/** The open rounds read from storage: for a refusal that the cached ones would give (roundForRegion finding none). */
export async function openRoundsFresh(turn: Turn): Promise<Round[]> {
  const now = turn.services.now();
  return (await turn.services.rounds.listFresh()).filter((r) => isOpenForFiling(r, now));
}

/** The open round an owner in this region files in, if any. */
export function roundForRegion(turn: Turn, rounds: Round[], regionId: string | undefined): Round | undefined {
  const county = regionId ? findRegion(turn.services.regions, regionId)?.county : undefined;
  return county ? rounds.find((r) => coversCounty(r, county)) : undefined;
}

/**
 * The round of a draft the owner works on (a step, resuming, submitting), refused with why and
 * since when unless they may write in it now: every wizard press on a draft passes here. An edit
 * draft is judged by its report's status (a returned report may be fixed in a closed round).
 */
export async function roundOf(turn: Turn, draft: WizardDraft, opts: { fresh?: boolean } = {}): Promise<Round> {
  const { rounds } = turn.services;
  let round = opts.fresh ? await rounds.fresh(draft.roundId) : await rounds.get(draft.roundId);
  if (!round) throw new Refusal('round.none');
  const status = draft.reportId ? (await reportFor(turn, draft.reportId)).status : undefined;
  // A refusal never rests on the cache: the round as stored decides (reopened or its deadline moved elsewhere).
  if (!opts.fresh && filingRefusal(turn, round, status)) round = (await rounds.fresh(draft.roundId)) ?? round;
  requireFilingOpen(turn, round, status);
  return round;
}

export async function loadDraft(turn: Turn, draftId: string): Promise<WizardDraft> {
  const draft = await turn.services.drafts.get<WizardData>(personOf(turn), draftId);
  if (!draft) throw await missingDraft(turn, draftId);
  return draft;
}

export function stepIndex(step: WizardStep): number {
  return WIZARD_STEPS.indexOf(step);
}

/** A draft moved to `step`, its number counted in today's layout (and marked so). */
export function atStep(d: WizardDraft, step: WizardStep): WizardDraft {
  return { ...d, step: stepIndex(step) + 1, data: { ...d.data, layout: STEP_LAYOUT } };
}
