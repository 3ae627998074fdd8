import { formatDate, formatDateTime } from '../../domain/i18n';
import { INPUT_STEPS, canEdit, statusLabelKey, stepTitleKey, type AuditEntry, type NeedsReport } from '../../domain/report';
import type { Round } from '../../domain/round';
import type { ReportRecord } from '../../storage/reports';
import type { Turn } from '../turn';
import { action } from './action';
import { renderCard, type AdaptiveCard } from './render';
import { cutFieldOf, moneyFacts, stepFacts } from './reportFacts';
import { HISTORY_SHOWN, decisionFacts } from './decisionFacts';
import { actorLabel, storyLine } from './storyLine';
import { factsSection } from './factsSection';
import { filingRefusal } from '../filingGuard';
import { CUT_CHARS, cutText, isLong } from './longText';
import { showAllAction } from './fullTextCard';

/** Whether the owner may still edit or withdraw, and if not, why (shown instead of buttons). */
export function ownerMayChange(turn: Turn, report: ReportRecord<unknown>, round: Round): { ok: true } | { ok: false; why: string } {
  const allowed = canEdit(report, turn.services.now(), new Date(round.deadline), turn.locale);
  if (!allowed.ok) {
    const deadline = formatDate(round.deadline, turn.locale);
    return allowed.reason === 'afterDeadline'
      ? { ok: false, why: turn.t('report.detail.locked', { deadline }) }
      : { ok: false, why: turn.t('report.detail.notEditable', { status: turn.t(statusLabelKey(report.status)) }) };
  }
  // A round closed by hand (or not open yet) locks the report before its deadline, too.
  const closed = filingRefusal(turn, round, report.status);
  return closed ? { ok: false, why: turn.t(closed.key, closed.params) } : { ok: true };
}

/**
 * A submitted report as its owner sees it: every field, the money, the history of changes.
 * `readOnly`: why the caller may not change it whatever its status (a rejected claim), shown instead of the buttons.
 */
/** One step of the owner's history: in words where the step has more to tell than "from → to" (storyLine). */
function ownerHistoryLine(turn: Turn, h: AuditEntry, report: ReportRecord<NeedsReport>): string {
  const { t } = turn;
  if (h.from === h.to && /^v\d+$/.test(h.reason ?? '')) return t('report.detail.edited', { version: (h.reason ?? '').slice(1) });
  const story = storyLine(turn, h, report, actorLabel(t, h.actor));
  const line = story.line ?? `${t(statusLabelKey(h.from))} → ${t(statusLabelKey(h.to))}`;
  return `${line}${story.reason ? ` (${cutText(turn, story.reason, { max: 300 })})` : ''}`;
}

export function reportDetailCard(turn: Turn, report: ReportRecord<NeedsReport>, round: Round, notice = '', readOnly?: string): AdaptiveCard {
  const { t, locale } = turn;
  const ctx = { t, locale, regions: turn.services.regions };
  const may = readOnly ? { ok: false as const, why: readOnly } : ownerMayChange(turn, report, round);
  const ids = { reportId: report.id };
  const sections = INPUT_STEPS.map((step) => {
    const cut = cutFieldOf(ctx, report.data, step);
    return factsSection(
      t(stepTitleKey(step)),
      step === 'money' ? [...stepFacts(ctx, report.data, step), ...moneyFacts(ctx, report.data)] : stepFacts(ctx, report.data, step, 'more'),
      '',
      cut ? showAllAction(turn, 'report.open', ids, cut) : undefined,
    );
  });
  sections.unshift(
    factsSection(
      t(statusLabelKey(report.status)),
      [
        ...(report.version > 1 ? [{ title: t('report.detail.version'), value: String(report.version) }] : []),
        { title: t('report.detail.submitted'), value: formatDateTime(report.submittedAt, locale) },
      ],
      // A withdrawn report needs no explanation of why it cannot be changed.
      may.ok || report.status === 'withdrawn' ? '' : may.why,
    ),
  );
  // The County Governor's decision, per school year, once recorded: the owner's own copy of the decision card.
  if (report.decision) {
    const long = isLong(report.decision.reason ?? '', CUT_CHARS);
    sections.splice(
      1,
      0,
      factsSection(
        t('decision.section'),
        decisionFacts(turn, report, report.decision, report.payment, true),
        '',
        long ? showAllAction(turn, 'report.open', ids, 'decisionReason') : undefined,
      ),
    );
  }
  // Sorting to a working group is the secretariat's housekeeping, not a step of the owner's report; an appeal is.
  const history = report.history.filter((h) => !h.change || h.change.field === 'appeal');
  const earlier = Math.max(0, history.length - HISTORY_SHOWN);
  sections.push(
    factsSection(
      t('report.detail.history'),
      history.slice(earlier).map((h) => ({
        title: formatDateTime(h.at, locale),
        value: ownerHistoryLine(turn, h, report),
      })),
      earlier ? t('history.earlier', { count: earlier }) : '',
    ),
  );
  return renderCard('summary', {
    progress: '',
    errorSummary: '',
    notice,
    intro: '',
    // A result (withdrawn, refused) also stands at the bottom, next to the buttons just pressed.
    footerNotice: notice,
    title: t('report.detail.title', { reference: report.reference, title: report.summary.title }),
    // The state (and the decision) first, the buttons next, the report's fields and history behind one toggle.
    sections: sections.slice(0, report.decision ? 2 : 1),
    details: sections.slice(report.decision ? 2 : 1),
    detailsTitle: t('card.details'),
    actions: [],
    topActions: may.ok
      ? [
          action(t('report.detail.edit'), 'report.edit', { reportId: report.id }),
          action(t('report.detail.withdraw'), 'report.withdraw', { reportId: report.id }, { style: 'destructive' }),
        ]
      : [action(t('receipt.myReports'), 'report.mine', {})],
  });
}
