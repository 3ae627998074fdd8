import type { NeedsReport } from '../../domain/report';
import { usageIsOpen } from '../../domain/usage';
import type { ActionHandler } from '../actions/types';
import { caseCard } from '../casework/caseCard';
import { loadCase, officerActor, requireCaseworker } from '../casework/load';
import { Refusal } from '../refusals';
import type { Turn } from '../turn';
import { schoolYearText } from './cards';
import { paidUsageYears } from './caseUsage';
import { idsOf, usageCaseOf } from './load';
import { tellUsageOpenedEarly } from './notify';
import { baseOf } from './owner';

/**
 * `usage.openEarly`: an officer lets the owner's people send a usage report before its school year
 * has ended (a measure finished early), for this case only. Stored on the usage report's row.
 */
export const usageOpenEarly: ActionHandler = async (turn: Turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  const schoolYear = Number(data.schoolYear);
  const uc = await usageCaseOf(turn, c.report as typeof c.report & { data: NeedsReport }, Number.isInteger(schoolYear) ? schoolYear : undefined);
  const now = turn.services.now();
  if (!usageIsOpen(uc.schoolYear, now, uc.usage?.openedEarlyAt)) {
    const at = now.toISOString();
    const by = officerActor(turn).id;
    await turn.services.usage.change(idsOf(uc), (cur) =>
      cur?.openedEarlyAt ? undefined : { ...(cur ?? baseOf(uc, at)), openedEarlyAt: at, ...(by ? { openedEarlyBy: by } : {}) },
    );
    await tellUsageOpenedEarly(turn.services, uc);
  } else if (!uc.usage?.openedEarlyAt && !usageIsOpen(uc.schoolYear, now)) {
    throw new Refusal('usage.notFound');
  }
  const usage = await paidUsageYears(turn, c.report, c.round);
  return { card: caseCard(turn, { ...c, usage }, turn.t('usage.early.done', { reference: c.report.reference, schoolYear: schoolYearText(uc) })) };
};
