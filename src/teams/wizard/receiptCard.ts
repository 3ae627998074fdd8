import { formatDate, formatNok } from '../../domain/i18n';
import { statusLabelKey, type NeedsReport } from '../../domain/report';
import type { Round } from '../../domain/round';
import { schemeName } from '../../domain/schemes';
import type { ReportRecord } from '../../storage/reports';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { Turn } from '../turn';
import { action } from '../cards/action';
import { factsSection } from '../cards/factsSection';
import { filingRefusal } from '../filingGuard';

/** `claim`: what the filer is told about their claim on the owner (not confirmed yet), if anything. */
export function receiptCard(turn: Turn, report: ReportRecord<NeedsReport>, round: Round, edited: boolean, claim = ''): AdaptiveCard {
  const { t } = turn;
  const deadline = formatDate(round.deadline, turn.locale);
  // A returned report resubmitted after the round closed cannot be changed again: no promise of "until the deadline".
  const locked = filingRefusal(turn, round, report.status) !== undefined;
  const editText = t(locked ? 'receipt.editTextLocked' : 'receipt.editText', { reference: report.reference, version: report.version, deadline });
  return renderCard('summary', {
    progress: '',
    errorSummary: '',
    notice: claim,
    // The result again beside the buttons, where the owner pressed.
    footerNotice: edited ? editText : '',
    title: edited ? t('receipt.editTitle') : t('receipt.title'),
    intro: edited ? editText : t('receipt.text', { reference: report.reference, deadline }),
    sections: [
      factsSection(report.summary.title, [
        { title: t('report.detail.status'), value: t(statusLabelKey(report.status)) },
        { title: t('report.field.scheme'), value: schemeName(t, report.summary.scheme) },
        { title: t('wizard.review.total'), value: formatNok(report.summary.totalRequested, turn.locale) },
      ]),
    ],
    actions: [
      action(t('receipt.myReports'), 'report.mine', {}),
      action(t('reports.openReport', { reference: report.reference, title: report.summary.title }), 'report.open', { reportId: report.id }),
    ],
  });
}
