import { canEdit, transition, validateReport, type NeedsReport } from '../../domain/report';
import { actorOf } from '../../storage/reports';
import { receiptCard } from './receiptCard';
import { personOf } from '../caller';
import { filingCheckAtWrite, filingCheckOf } from '../filingGuard';
import { missingDraft, reportFor } from '../ownerAccess';
import { roundOf } from './session';
import { areasBeforeRefusing, renderStep, validationContext, wizardView } from './stepView';
import type { WizardData } from '../drafts';
import { summaryOf } from './summaryOf';
import type { ActionHandler } from '../actions/types';
import { refOf } from './reportStep';

/**
 * `report.submit`: the whole report is checked once more, then stored with its reference. A double
 * click or a Teams retry finds the same draft (or the report it became) and gives the same receipt.
 */
export const reportSubmit: ActionHandler = async (turn, data) => {
  const { draftId } = refOf(data);
  const person = personOf(turn);
  const { drafts, reports } = turn.services;
  const draft = await drafts.get<WizardData>(person, draftId);
  if (!draft) {
    // Already submitted by an earlier press: a new report's id is its draft's id.
    const done = await reports.getVisible<NeedsReport>(person, draftId);
    if (done) return { card: receiptCard(turn, done, (await turn.services.rounds.get(done.roundId))!, false) };
    throw await missingDraft(turn, draftId);
  }
  // Refused here, before anything else, when the round is not open for this draft (filingGuard.ts):
  // the round as stored, so a close pressed on another instance within its cache time wins.
  const round = await roundOf(turn, draft, { fresh: true });
  let view = await wizardView(turn, round, draft);
  let checked = validateReport(draft.data.report, validationContext(turn, round, view.areas));
  const freshAreas = checked.ok ? undefined : await areasBeforeRefusing(turn, draft.data.report, checked.errors);
  if (freshAreas) {
    view = { ...view, areas: freshAreas };
    checked = validateReport(draft.data.report, validationContext(turn, round, view.areas));
  }
  if (!checked.ok) return { card: renderStep(turn, view, draft, 'review') };
  const summary = summaryOf(checked.report, turn.services.regions);
  const now = turn.services.now();
  const deadline = new Date(round.deadline);

  if (draft.reportId) {
    // A colleague removed from the owner since opening the edit is refused here, at the latest.
    const existing = await reportFor<NeedsReport>(turn, draft.reportId, 'change');
    const closed = existing.roundId === round.id ? filingCheckOf(turn, round) : await filingCheckAtWrite(turn, existing.roundId);
    const report = await reports.applyEdit({
      draftId,
      roundId: existing.roundId,
      reportId: existing.id,
      summary,
      data: checked.report,
      decide: (status) => {
        const refused = closed(status);
        if (refused) return refused;
        const allowed = canEdit({ status }, now, deadline, turn.locale);
        if (!allowed.ok) return allowed;
        if (status === 'submitted') return { from: status, to: 'submitted', at: now.toISOString(), actor: actorOf(person) };
        const moved = transition({ status }, 'submitted', { actor: actorOf(person), at: now, deadline, locale: turn.locale });
        return moved.ok ? moved.entry : moved;
      },
    });
    await drafts.remove(person, draftId);
    return { card: receiptCard(turn, report, round, true) };
  }

  const reference = await reports.nextReference(round.id, round.year);
  const byName = turn.context.activity.from?.name?.trim().slice(0, 200);
  const { report, link } = await reports.submitNew({
    draftId,
    roundId: round.id,
    reference,
    by: person,
    ...(byName ? { byName } : {}),
    summary,
    data: checked.report,
  });
  await drafts.remove(person, draftId);
  // The filer learns at once where they stand with the owner (the link as the submit's claim left
  // it): a claim not yet confirmed shows only their own reports.
  const claim = link?.status === 'pending' ? turn.t('claims.receipt.pending') : link?.status === 'rejected' ? turn.t('claims.readOnly') : '';
  return { card: receiptCard(turn, report, round, false, claim) };
};
