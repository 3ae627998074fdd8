import { STEP_LAYOUT, validateStep, type InputStep } from '../../domain/report';
import type { Round } from '../../domain/round';
import type { Turn } from '../turn';
import { atStep, openRounds, openRoundsFresh, roundForRegion, roundOf, stepIndex, type WizardStep } from './session';
import { sentInputsOf, withoutStep } from './typed';
import { personOf } from '../caller';
import { Refusal } from '../refusals';
import { missingDraft } from '../ownerAccess';
import { areasBeforeRefusing, areasFor, invalidStepCard, validationContext } from './stepView';
import type { WizardData, WizardDraft } from '../drafts';
import type { AdaptiveCard } from '../cards/render';

export type Absorbed = { ok: true; draft: WizardDraft; round: Round } | { ok: false; card: AdaptiveCard };

/**
 * Takes what the pressed card sent for `step` into the draft. A valid step is saved as clean
 * values. An invalid one: with `strict` (Next) nothing is saved and the same card comes back with
 * the errors and everything typed; without it (Back, Save and close) the typed text is kept on
 * the draft for that step, so leaving never loses it.
 */
export async function absorbStep(
  turn: Turn,
  args: { draftId: string; step: WizardStep; inputs: Record<string, unknown>; strict: boolean; goTo: WizardStep },
): Promise<Absorbed> {
  const { draftId, step, inputs, strict } = args;
  const goTo = stepIndex(args.goTo) + 1;
  const person = personOf(turn);
  const { drafts } = turn.services;
  // As this instance last saved it, when it did: the save below is guarded by its ETag.
  let draft = await drafts.getForSave<WizardData>(person, draftId);
  // The first step of a new report has no draft yet: its id came with the card.
  // An edit draft is never made here: one that is gone (a removed colleague's) is refused, and why.
  if (!draft && (step !== 'owner' || draftId.startsWith('edit-'))) throw await missingDraft(turn, draftId);
  const open = draft ? [] : await openRounds(turn);
  let round = draft ? await roundOf(turn, draft) : open[0];
  if (!round) throw new Refusal('round.none');
  // The review sends no inputs; nor do Back and Save and close (so the client's checks never
  // hold the owner on a card): the draft only moves.
  if (step === 'review' || (draft && !sentInputsOf(inputs, step))) {
    draft = await turn.services.drafts.save<WizardData>(person, draftId, (d) => atStep(d, args.goTo), draft);
    if (!draft) throw new Refusal('draft.notFound');
    return { ok: true, draft, round };
  }

  const report = draft?.data.report ?? {};
  let areas = step === 'measure' ? await areasFor(turn, report) : [];
  let result = validateStep(step as InputStep, inputs, report, validationContext(turn, round, areas));
  const freshAreas = step === 'measure' && !result.ok ? await areasBeforeRefusing(turn, report, result.errors) : undefined;
  if (freshAreas) {
    areas = freshAreas;
    result = validateStep(step as InputStep, inputs, report, validationContext(turn, round, areas));
  }
  let errors = result.ok ? [] : result.errors;
  if (result.ok && step === 'owner') {
    // The region decides the county, and so the round the report is filed in. An edit stays in
    // its report's round, open or not: a returned report may be fixed after the deadline.
    const rounds = draft?.reportId ? [round] : open.length ? open : await openRounds(turn);
    // The region's round may have opened on another instance within the cache time: read before refusing.
    const forRegion =
      roundForRegion(turn, rounds, result.draft.region) ??
      (draft?.reportId ? undefined : roundForRegion(turn, await openRoundsFresh(turn), result.draft.region));
    if (forRegion) round = forRegion;
    else errors = [{ field: 'region', key: 'round.noneForRegion' }];
  }
  if (errors.length > 0 && strict) {
    const raw = result.ok ? (Object.fromEntries(Object.entries(inputs).filter(([, v]) => typeof v === 'string')) as Record<string, string>) : result.raw;
    const scheme = step === 'owner' ? ((result.ok ? result.draft.scheme : undefined) ?? report.scheme) : report.scheme;
    const period = { startYear: report.startYear, years: report.years };
    return { ok: false, card: invalidStepCard(turn, round, draft, { draftId, step: step as InputStep, values: raw, errors, scheme, period }, areas) };
  }

  const next = (data: WizardData): WizardData => {
    const raw = withoutStep(data.raw, step as InputStep);
    if (errors.length === 0 && result.ok) return { ...data, layout: STEP_LAYOUT, report: result.draft, raw };
    raw[step as InputStep] = result.ok ? stringsOf(inputs) : result.raw;
    return { ...data, layout: STEP_LAYOUT, raw };
  };
  if (!draft) {
    draft = await drafts.create<WizardData>(person, round.id, next({ report: {}, raw: {} }), { id: draftId, step: goTo });
  } else {
    const roundId = round.id;
    const saved = await drafts.save<WizardData>(person, draftId, (d) => ({ ...d, roundId, step: goTo, data: next(d.data) }), draft);
    if (!saved) throw new Refusal('draft.notFound');
    draft = saved;
  }
  return { ok: true, draft, round };
}

function stringsOf(inputs: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs)
      .filter(([k, v]) => typeof v === 'string' && k !== 'verb' && k !== 'draftId' && k !== 'step')
      .map(([k, v]) => [k, (v as string).slice(0, 5000)]),
  );
}
