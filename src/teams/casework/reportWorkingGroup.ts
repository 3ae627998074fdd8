import type { NeedsReport } from '../../domain/report';
import { caseCard, groupName } from './caseCard';
import { groupForm } from './forms';
import { loadCase, officerActor, requireCaseworker } from './load';
import { Refusal } from '../refusals';
import type { ActionHandler } from '../actions/types';

/** `report.moveGroup`: which working group the report is sorted to. */
export const reportMoveGroup: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  if (c.report.status === 'withdrawn' || c.report.status === 'closed') throw new Refusal('report.lifecycle.notEditable');
  return { card: groupForm(turn, c) };
};

/** `report.moveGroupConfirm`: stores the officer's choice, which an owner's later edit keeps. */
export const reportMoveGroupConfirm: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  const chosen = typeof data.workingGroup === 'string' ? data.workingGroup : '';
  if (!turn.services.regions.workingGroups.some((g) => g.id === chosen)) return { card: groupForm(turn, c, turn.t('case.group.unknown')) };
  const name = groupName(turn.services.regions, chosen, turn.locale);
  if (c.report.summary.workingGroup === chosen) return { card: caseCard(turn, c, turn.t('case.groupSame', { reference: c.report.reference, group: name })) };
  const actor = officerActor(turn);
  const at = turn.services.now().toISOString();
  const report = await turn.services.reports.setWorkingGroup<NeedsReport>(c.round.id, c.report.id, chosen, (cur) => ({
    from: cur.status,
    to: cur.status,
    at,
    actor,
    change: { field: 'workingGroup', from: cur.workingGroup, to: chosen },
  }));
  return { card: caseCard(turn, { ...c, report }, turn.t('case.groupChanged', { reference: report.reference, group: name })) };
};
