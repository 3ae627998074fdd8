import { statusLabelKey, transition, type NeedsReport } from '../../domain/report';
import { RefusedError } from '../../storage/reports';
import { caseCard } from './caseCard';
import { returnForm } from './forms';
import { claimOf, loadCase, officerActor, requireCaseworker, type Case } from './load';
import { actorOf } from '../ownerAccess';
import { tellClaimDecided } from '../claims/notify';
import { tellReturned } from './notify';
import type { Turn } from '../turn';
import { Refusal } from '../refusals';
import type { ActionHandler } from '../actions/types';
import { fullTextCard, fullTextIn } from '../cards/fullTextCard';

/** `report.check`: the secretariat's card of one report (by ids, or by `reference` as typed); with `text`, that text whole. */
export const reportCheck: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  const text = fullTextIn(data);
  if (text) return { card: fullTextCard(turn, c.report, text, 'report.check', { roundId: c.round.id, reportId: c.report.id }, data) };
  return { card: caseCard(turn, c) };
};

/** Moves the report for an officer; a move the lifecycle does not allow now is refused by `key`. */
async function move(turn: Turn, c: Case, to: 'formally_checked' | 'returned', refusedKey: 'case.checkNotAllowed' | 'case.returnNotAllowed', reason?: string) {
  const actor = officerActor(turn);
  const at = turn.services.now();
  try {
    return await turn.services.reports.setStatus<NeedsReport>(c.round.id, c.report.id, (status) => {
      const moved = transition({ status }, to, { actor, at, deadline: new Date(c.round.deadline), reason, locale: turn.locale });
      if (moved.ok) return moved.entry;
      return moved.reason === 'notAllowed'
        ? { ...moved, key: refusedKey, params: { reference: c.report.reference, status: turn.t(statusLabelKey(status)) } }
        : moved;
    });
  } catch (err) {
    if (err instanceof RefusedError) throw new Refusal(err.refusal.key, err.refusal.params);
    throw err;
  }
}

/** `report.checkPass`: formally checked. A second press finds it checked and says so. */
export const reportCheckPass: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  const report = c.report.status === 'formally_checked' ? c.report : await move(turn, c, 'formally_checked', 'case.checkNotAllowed');
  // Rule (c) of the owner-claim rule: the owner's first and only claim is confirmed by this acceptance (again on a
  // second press, in case the first stopped between the two writes).
  if (await turn.services.ownerPeople.confirmOnAccept(report.summary.ownerOrgnr, report.createdBy, actorOf(turn, true), report.reference)) {
    await tellClaimDecided(turn, report.summary.ownerOrgnr, report.createdBy, 'confirmed');
    turn.services.logger.info('owner claim confirmed by acceptance');
  }
  const claim = await claimOf(turn, report);
  return { card: caseCard(turn, { report, round: c.round, ...(claim ? { claim } : {}) }, turn.t('case.checked', { reference: report.reference })) };
};

/** `report.return`: asks for the comment first. */
export const reportReturn: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  if (c.report.status !== 'submitted' && c.report.status !== 'formally_checked') {
    throw new Refusal('case.returnNotAllowed', { reference: c.report.reference, status: turn.t(statusLabelKey(c.report.status)) });
  }
  return { card: returnForm(turn, c) };
};

/** `report.returnConfirm`: back to the owner with the comment; the owner is told in Teams. */
export const reportReturnConfirm: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  const comment = typeof data.comment === 'string' ? data.comment : '';
  // A double press finds the report returned already: the same answer, no second message.
  if (c.report.status === 'returned') return { card: caseCard(turn, c, turn.t('case.returned', { reference: c.report.reference })) };
  let report;
  try {
    report = await move(turn, c, 'returned', 'case.returnNotAllowed', comment);
  } catch (err) {
    if (err instanceof Refusal && (err.key === 'report.lifecycle.reasonRequired' || err.key === 'report.error.tooLong')) {
      return { card: returnForm(turn, c, comment, turn.t(err.key, err.params)) };
    }
    throw err;
  }
  await tellReturned(turn.services, report, report.history[report.history.length - 1].reason ?? comment);
  return { card: caseCard(turn, { report, round: c.round }, turn.t('case.returned', { reference: report.reference })) };
};
