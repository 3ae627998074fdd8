import { formatNok } from '../../domain/i18n';
import type { NeedsReport } from '../../domain/report';
import { isLate, PAID_STATUSES, usageTotals } from '../../domain/usage';
import type { ActionHandler } from '../actions/types';
import { menuAction } from '../secretariat/cards';
import { renderCard } from '../cards/render';
import { pickRound, requireCaseworker, roundOfData } from '../casework/load';
import { dueText, PLAN_LABEL, schoolYearText, usageStatusText } from './cards';
import { idsOf, usageCaseOf, usageKeyOf, type UsageCase } from './load';
import { pageActions, pageIn, pageLine, pageOf } from '../cards/paging';
import { findForum, forumOfReport, forumsOf, localised } from '../../domain/regions';
import { action } from '../cards/action';

/** Rows per page: the totals stay over the whole round. */
export const USAGE_ROWS_PAGE = 20;

/**
 * `usage.round` (typed: `rapporteringer [år]` / `usage reports [year]`, or the secretariat menu):
 * per round, who has reported and who is late, money used against paid, unused funds and what
 * owners ask done with them; each sent report opens for accepting or returning.
 */
export const usageRound: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const round = typeof data.roundId === 'string' ? await roundOfData(turn, data) : await pickRound(turn, typeof data.which === 'string' ? data.which : '');
  const { t, locale } = turn;
  const nok = (n: number) => formatNok(n, locale);
  const now = turn.services.now();
  // Two partition queries: the round's paid reports and its usage reports, joined here.
  const known = new Map((await turn.services.usage.listRound(round.id)).map((u) => [usageKeyOf(u.reportId, u.schoolYear), u]));
  // With several forums the officer may look at one forum's (`forum`); the totals are then that forum's.
  const { regions } = turn.services;
  const forum = typeof data.forum === 'string' && forumsOf(regions).length > 1 ? findForum(regions, data.forum) : undefined;
  const forumName = (id: string) => localised(findForum(regions, id)?.name ?? regions.name, locale);
  const cases: UsageCase[] = [];
  for await (const report of turn.services.reports.listRound<NeedsReport>(round.id, PAID_STATUSES))
    if (!forum || forumOfReport(regions, report.summary) === forum.id) cases.push(await usageCaseOf(turn, report, undefined, known));
  // Filed ones first, then by due date: what waits for the secretariat is on top.
  const order = (c: UsageCase) => (c.usage?.status === 'submitted' ? 0 : isLate(c.usage?.status, c.deadline, now) ? 1 : 2);
  cases.sort((a, b) => order(a) - order(b) || a.deadline.localeCompare(b.deadline) || a.report.reference.localeCompare(b.report.reference));
  const totals = usageTotals(
    cases.map((c) => ({ paid: c.paid, status: c.usage?.status, deadline: c.deadline, report: c.usage?.report })),
    now,
  );
  const sent = (c: UsageCase) => c.usage && c.usage.status !== 'draft';
  const paged = pageOf(cases, pageIn(data), USAGE_ROWS_PAGE);
  // One button per other forum, and back to all of them.
  const forumFilter = () =>
    forumsOf(regions).length < 2
      ? []
      : [
          ...forumsOf(regions)
            .filter((f) => f.id !== forum?.id)
            .map((f) => action(localised(f.name, locale), 'usage.round', { roundId: round.id, forum: f.id })),
          ...(forum ? [action(t('forums.usage.all'), 'usage.round', { roundId: round.id })] : []),
        ];
  return {
    card: renderCard('usageRound', {
      title: t('usage.round.title', { year: round.year }) + (forum ? ` – ${localised(forum.name, locale)}` : ''),
      counts: t('usage.round.counts', { reported: totals.reported, years: totals.years, accepted: totals.accepted, late: totals.late }),
      money: t('usage.round.money', { paid: nok(totals.paid), used: nok(totals.used), own: nok(totals.ownContribution) }),
      unused: t('usage.round.unused', { unused: nok(totals.unused), carryOver: nok(totals.carryOver), repay: nok(totals.repay) }),
      empty: cases.length ? pageLine(t, paged) : t('usage.round.empty'),
      rows: paged.shown.map((c) => {
        const r = c.usage?.status === 'draft' ? undefined : c.usage?.report;
        return {
          heading: t('usage.round.row', { reference: c.report.reference, owner: c.report.summary.ownerName, title: c.report.summary.title }),
          detail:
            t('usage.list.detail', {
              schoolYear: schoolYearText(c),
              paid: nok(c.paid),
              due: dueText(turn, c),
              status: usageStatusText(turn, c.usage?.status, c.deadline),
            }) + (forumsOf(regions).length > 1 && !forum ? ` · ${forumName(forumOfReport(regions, c.report.summary))}` : ''),
          late: isLate(c.usage?.status, c.deadline, now),
          money: r
            ? t('usage.round.rowMoney', { used: nok(r.usedOwner + r.usedUh), unused: nok(r.unused) }) + (r.unusedPlan ? `: ${t(PLAN_LABEL[r.unusedPlan])}` : '')
            : '',
          openTitle: sent(c) ? t('usage.round.open', { reference: c.report.reference }) : '',
          verb: 'usage.show',
          data: { verb: 'usage.show', ...idsOf(c) },
        };
      }),
      actions: [...pageActions(t, 'usage.round', { roundId: round.id, ...(forum ? { forum: forum.id } : {}) }, paged), ...forumFilter(), menuAction(t)],
    }),
  };
};
