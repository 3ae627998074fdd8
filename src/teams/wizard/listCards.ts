import { formatDate, formatNok } from '../../domain/i18n';
import { STEPS, statusLabelKey, stepNumber, stepOfStoredNumber } from '../../domain/report';
import { schemeLabelKey, type Scheme } from '../../domain/schemes';
import { PAID_STATUSES } from '../../domain/usage';
import type { ReportRecord } from '../../storage/reports';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { Turn } from '../turn';
import type { WizardDraft } from '../drafts';
import { action, verbData } from '../cards/action';

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
  return {
    heading: t('reports.reportHeading', { reference: r.reference, title: r.summary.title }),
    detail: t('reports.reportDetail', {
      status: t(statusLabelKey(r.status)),
      amount: formatNok(r.summary.totalRequested, turn.locale),
      scheme: t(schemeLabelKey(r.summary.scheme as Scheme)),
    }),
    openTitle: t('reports.openReport', { reference: r.reference, title: r.summary.title }),
    ...verbData('report.open', { reportId: r.id }),
  };
}

export function draftsListCard(turn: Turn, drafts: WizardDraft[]): AdaptiveCard {
  return myReportsCard(turn, drafts, []);
}

/** Drafts first (they need the person's attention), then reports, newest first. */
export function myReportsCard(turn: Turn, drafts: WizardDraft[], reports: Array<ReportRecord<unknown>>): AdaptiveCard {
  const { t } = turn;
  const items = [
    ...drafts.map((d) => draftItem(turn, d)),
    ...[...reports].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt)).map((r) => reportItem(turn, r)),
  ];
  return renderCard('list', {
    title: t('reports.title'),
    intro: items.length === 0 ? t('reports.empty') : '',
    items,
    actions: [
      action(t('reports.new'), 'report.new', {}),
      // Paid measures owe a usage report: the way to it from the list of one's reports.
      ...(reports.some((r) => PAID_STATUSES.includes(r.status)) ? [action(t('usage.button'), 'usage.list', {})] : []),
    ],
  });
}
