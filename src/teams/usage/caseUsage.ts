import { formatNok } from '../../domain/i18n';
import type { NeedsReport } from '../../domain/report';
import type { Round } from '../../domain/round';
import { PAID_STATUSES, paidYearOf, usageIsOpen, usageOpensDay } from '../../domain/usage';
import { formatDate } from '../../domain/i18n';
import type { ReportRecord } from '../../storage/reports';
import type { UsageRecord } from '../../storage/usageReports';
import type { Turn } from '../turn';
import { dueText, schoolYearText, usageStatusText } from './cards';
import { idsOf, usageCaseOf, usageKeyOf, type UsageCase } from './load';

/**
 * Each paid school year of a measure with its usage report, for the secretariat's case card: the
 * year paid now, and earlier years of the measure that have a usage report. Point reads, one a
 * year (three at most).
 */
export async function paidUsageYears(turn: Turn, report: ReportRecord<NeedsReport>, round: Round): Promise<UsageCase[]> {
  if (!PAID_STATUSES.includes(report.status)) return [];
  const paidYear = paidYearOf(report, round.year);
  const years: number[] = [];
  for (let y = Math.min(report.data.startYear, paidYear); y <= paidYear; y++) years.push(y);
  const stored = await Promise.all(years.map((schoolYear) => turn.services.usage.get({ roundId: round.id, reportId: report.id, schoolYear })));
  const known = new Map<string, UsageRecord>();
  stored.forEach((u) => u && known.set(usageKeyOf(u.reportId, u.schoolYear), u));
  const filed = years.filter((y) => y === paidYear || known.has(usageKeyOf(report.id, y)));
  return Promise.all(filed.map((y) => usageCaseOf(turn, report, y, known)));
}

/**
 * One section a paid school year: not filed, draft, sent, returned or accepted (late when past
 * due), with a button to the report once sent, else to the round's usage reports.
 */
export function usageCaseSections(turn: Turn, cases: readonly UsageCase[]) {
  const { t, locale } = turn;
  return cases.map((c) => {
    const sent = c.usage && c.usage.status !== 'draft';
    // Not open before the school year has ended: the officer may open it early for this case.
    const closed = !sent && !usageIsOpen(c.schoolYear, turn.services.now(), c.usage?.openedEarlyAt);
    return {
      title: t('usage.case.section', { schoolYear: schoolYearText(c) }),
      facts: [
        { title: t('usage.case.status'), value: usageStatusText(turn, c.usage?.status, c.deadline) },
        { title: t('usage.case.paid'), value: formatNok(c.paid, locale) },
        ...(c.carriedIn ? [{ title: t('unused.carriedIn'), value: formatNok(c.carriedIn, locale) }] : []),
        ...(closed ? [{ title: t('usage.case.opens'), value: formatDate(usageOpensDay(c.schoolYear), locale) }] : []),
        { title: t('usage.case.due'), value: dueText(turn, c) },
      ],
      text: '',
      editVerb: sent ? 'usage.show' : closed ? 'usage.openEarly' : 'usage.round',
      editTitle: t(sent ? 'usage.case.open' : closed ? 'usage.early.button' : 'usage.case.round'),
      editData: sent ? { verb: 'usage.show', ...idsOf(c) } : closed ? { verb: 'usage.openEarly', ...idsOf(c) } : { verb: 'usage.round', roundId: c.round.id },
      errors: [] as string[],
    };
  });
}
