import { formatDate, formatNok } from '../../domain/i18n';
import { STEPS, formatSchoolYear, statusLabelKey, stepNumber, stepOfStoredNumber } from '../../domain/report';
import { decodeYears } from '../../domain/money/schoolYear';
import { schemeName } from '../../domain/schemes';
import { PAID_STATUSES } from '../../domain/usage';
import type { ReportRecord } from '../../storage/reports';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { Turn } from '../turn';
import type { WizardDraft } from '../drafts';
import { action, verbData } from '../cards/action';
import { pageActions, pageLine, pageOf } from '../cards/paging';

/** Rows per page of "mine meldinger" (drafts and reports): about 110 px each, within the card gallery's 1 500 px. */
export const MY_REPORTS_PAGE = 10;

function draftItem(turn: Turn, d: WizardDraft) {
  const { t } = turn;
  const title = d.data.report.title ?? (d.data.reference ? d.data.reference : t('wizard.untitled'));
  return {
    heading: t('reports.draftHeading', { title }),
    detail: t('reports.draftDetail', {
      step: stepNumber(stepOfStoredNumber(d.step, d.data.layout)),
      total: STEPS.length,
      updated: formatDate(d.updatedAt, turn.locale),
    }),
    // One button per row, named for the row: a screen reader's list of buttons says which is which.
    openTitle: t('reports.openDraft', { title }),
    ...verbData('report.resume', { draftId: d.id }),
  };
}

function reportItem(turn: Turn, r: ReportRecord<unknown>) {
  const { t } = turn;
  const decision = decisionLine(turn, r);
  return {
    heading: t('reports.reportHeading', { reference: r.reference, title: r.summary.title }),
    detail:
      t('reports.reportDetail', {
        status: t(statusLabelKey(r.status)),
        amount: formatNok(r.summary.totalRequested, turn.locale),
        scheme: schemeName(t, r.summary.scheme, 'short'),
      }) + (decision ? `\n${decision}` : ''),
    openTitle: t('reports.openReport', { reference: r.reference, title: r.summary.title }),
    ...verbData('report.open', { reportId: r.id }),
  };
}

/** "Vedtak: Innvilget, 1 250 000 kr (2027–2028). Tilsagn for senere år: 1 000 000 kr. …": this year's money, later years as commitments. */
function decisionLine(turn: Turn, r: ReportRecord<unknown>): string | undefined {
  const d = r.decision;
  if (!d) return undefined;
  const { t, locale } = turn;
  const outcome = t(statusLabelKey(d.outcome));
  if (d.outcome === 'rejected') return t('reports.decisionRejected', { outcome });
  const years = decodeYears(r.summary.requestedPerYear);
  if (!years) return t('reports.decisionLine', { outcome, amounts: formatNok(d.total, locale) });
  // The first year is the decision's money; later years are commitments decided again (issue 22 item 3).
  const line = t('reports.decisionLine', { outcome, amounts: `${formatNok(d.amounts[0] ?? 0, locale)} (${formatSchoolYear(years[0].schoolYear)})` });
  const later = d.amounts.slice(1).reduce((a, b) => a + b, 0);
  return later > 0 ? `${line}. ${t('money.commitments', { later: formatNok(later, locale) })}` : line;
}

export function draftsListCard(turn: Turn, drafts: WizardDraft[]): AdaptiveCard {
  return myReportsCard(turn, drafts, []);
}

/** Drafts first (they need the person's attention), then reports, newest first; a page at a time. */
export function myReportsCard(turn: Turn, drafts: WizardDraft[], reports: Array<ReportRecord<unknown>>, page = 0): AdaptiveCard {
  const { t } = turn;
  const rows: Array<{ draft: WizardDraft } | { report: ReportRecord<unknown> }> = [
    ...drafts.map((draft) => ({ draft })),
    ...[...reports].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt)).map((report) => ({ report })),
  ];
  const paged = pageOf(rows, page, MY_REPORTS_PAGE);
  return renderCard('list', {
    title: t('reports.title'),
    intro: rows.length === 0 ? t('reports.empty') : pageLine(t, paged),
    items: paged.shown.map((row) => ('draft' in row ? draftItem(turn, row.draft) : reportItem(turn, row.report))),
    actions: [
      ...pageActions(t, 'report.mine', {}, paged),
      action(t('reports.new'), 'report.new', {}),
      // Paid measures owe a usage report: the way to it from the list of one's reports.
      ...(reports.some((r) => PAID_STATUSES.includes(r.status)) ? [action(t('usage.button'), 'usage.list', {})] : []),
      // Whoever has reports can see who else may act for their owners.
      ...(reports.length ? [action(t('colleagues.button'), 'colleagues.mine', {})] : []),
    ],
  });
}
