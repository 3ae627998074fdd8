import { formatDate, formatDateTime, formatNok } from '../../domain/i18n';
import { INPUT_STEPS, canEdit, statusLabelKey, stepTitleKey, type NeedsReport } from '../../domain/report';
import type { Round } from '../../domain/round';
import { schemeLabelKey, type Scheme } from '../../domain/schemes';
import type { ReportRecord } from '../../storage/reports';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { Turn } from '../turn';
import { stepFacts } from './display';
import { moneyFacts } from './reviewCard';
import { viewFor } from './session';
import { action } from './view';

/** Whether the owner may still edit or withdraw, and if not, why (shown instead of buttons). */
export function ownerMayChange(turn: Turn, report: ReportRecord<unknown>, round: Round): { ok: true } | { ok: false; why: string } {
  const allowed = canEdit(report, turn.services.now(), new Date(round.deadline), turn.locale);
  if (allowed.ok) return allowed;
  const deadline = formatDate(round.deadline, turn.locale);
  return allowed.reason === 'afterDeadline'
    ? { ok: false, why: turn.t('report.detail.locked', { deadline }) }
    : { ok: false, why: turn.t('report.detail.notEditable', { status: turn.t(statusLabelKey(report.status)) }) };
}

export function receiptCard(turn: Turn, report: ReportRecord<NeedsReport>, round: Round, edited: boolean): AdaptiveCard {
  const { t } = turn;
  const deadline = formatDate(round.deadline, turn.locale);
  return renderCard('summary', {
    progress: '', errorSummary: '', notice: '',
    // The result again beside the buttons, where the owner pressed.
    footerNotice: edited ? t('receipt.editText', { reference: report.reference, version: report.version, deadline }) : '',
    title: edited ? t('receipt.editTitle') : t('receipt.title'),
    intro: edited ? t('receipt.editText', { reference: report.reference, version: report.version, deadline }) : t('receipt.text', { reference: report.reference, deadline }),
    sections: [{
      title: report.summary.title, editVerb: '', editTitle: '', editData: {}, errors: [], text: '',
      facts: [
        { title: t('report.detail.status'), value: t(statusLabelKey(report.status)) },
        { title: t('report.field.scheme'), value: t(schemeLabelKey(report.summary.scheme as Scheme)) },
        { title: t('wizard.review.total'), value: formatNok(report.summary.totalRequested, turn.locale) },
      ],
    }],
    actions: [action(t('receipt.myReports'), 'report.mine', {}), action(t('reports.openReport', { reference: report.reference, title: report.summary.title }), 'report.open', { reportId: report.id })],
  });
}

/** A submitted report as its owner sees it: every field, the money, the history of changes. */
export function reportDetailCard(turn: Turn, report: ReportRecord<NeedsReport>, round: Round, notice = ''): AdaptiveCard {
  const { t, locale } = turn;
  const view = viewFor(turn, round);
  const ctx = { t, locale, regions: turn.services.regions };
  const may = ownerMayChange(turn, report, round);
  const sections = INPUT_STEPS.map((step) => ({
    title: t(stepTitleKey(step)), editVerb: '', editTitle: '', editData: {}, errors: [], text: '',
    facts: step === 'money' ? [...stepFacts(ctx, report.data, step), ...moneyFacts(view, report.data)] : stepFacts(ctx, report.data, step),
  }));
  sections.unshift({
    title: t(statusLabelKey(report.status)), editVerb: '', editTitle: '', editData: {}, errors: [],
    // A withdrawn report needs no explanation of why it cannot be changed.
    text: may.ok || report.status === 'withdrawn' ? '' : may.why,
    facts: [
      { title: t('report.detail.version'), value: String(report.version) },
      { title: t('report.detail.submitted'), value: formatDateTime(report.submittedAt, locale) },
    ],
  });
  sections.push({
    title: t('report.detail.history'), editVerb: '', editTitle: '', editData: {}, errors: [], text: '',
    // Sorting to a working group is the secretariat's housekeeping, not a step of the owner's report.
    facts: report.history.filter((h) => !h.change).map((h) => ({
      title: formatDateTime(h.at, locale),
      value: h.from === h.to && /^v\d+$/.test(h.reason ?? '')
        ? t('report.detail.edited', { version: (h.reason ?? '').slice(1) })
        : `${t(statusLabelKey(h.from))} → ${t(statusLabelKey(h.to))}${h.reason ? ` (${h.reason})` : ''}`,
    })),
  });
  return renderCard('summary', {
    progress: '', errorSummary: '', notice, intro: '',
    // A result (withdrawn, refused) also stands at the bottom, next to the buttons just pressed.
    footerNotice: notice,
    title: t('report.detail.title', { reference: report.reference, title: report.summary.title }),
    sections,
    actions: may.ok
      ? [action(t('report.detail.edit'), 'report.edit', { reportId: report.id }), action(t('report.detail.withdraw'), 'report.withdraw', { reportId: report.id }, { style: 'destructive' })]
      : [action(t('receipt.myReports'), 'report.mine', {})],
  });
}
