import type { GroupRecommendation } from '../../domain/forum';
import { tallyText } from '../../domain/forum';
import { formatDate, formatNok } from '../../domain/i18n';
import { statusLabelKey, type AppealChange, type AuditEntry, type DecisionBrief } from '../../domain/report';
import type { Decision, Payment } from '../../domain/decision';
import type { Turn } from '../turn';
import type { Actor } from '../../domain/report';
import type { Translate } from '../../domain/i18n';
import { forumView, groupRecommendationText } from './forumWords';

/** What of the report a history line tells besides the entry itself. */
export interface StoryContext {
  groupRecommendation?: GroupRecommendation;
  decision?: Decision;
  payment?: Payment;
}

/** `meeting:<id>`, `meeting:<id>:<method>`, `meeting:<id>:later · note`: what a vote or an agenda wrote. */
const MEETING_REASON = /^meeting:([A-Za-z0-9-]{1,80})(?::([A-Za-z]+))?(?: · ([\s\S]*))?$/;

export function meetingReason(reason: string | undefined): { meetingId: string; method?: string; note?: string } | undefined {
  const m = reason ? MEETING_REASON.exec(reason) : undefined;
  return m ? { meetingId: m[1], ...(m[2] ? { method: m[2] } : {}), ...(m[3] ? { note: m[3] } : {}) } : undefined;
}

/**
 * One step of a case in words (issue 23 item 4): the group's anbefaling with its tally, the
 * forum's innstilling, the decision and its amount, the payment, the usage report. Undefined for a
 * move with nothing more to tell than "from → to". `reason` is what is left to show of the
 * entry's reason: never a meeting's internal id, a "later" follow-up's note kept.
 */
export function storyLine(turn: Turn, h: AuditEntry, report: StoryContext, who: string): { line?: string; reason?: string } {
  const { t, locale } = turn;
  if (h.change?.field === 'appeal') return { line: appealLine(turn, h.change, who), reason: h.reason };
  const meeting = meetingReason(h.reason);
  const reason = meeting ? meeting.note : h.reason;
  const nok = (n: number) => formatNok(n, locale);
  // With the vote's count (entries written since issue 23), else the method named in the reason.
  const outcomeText = (step: 'group' | 'forum') => {
    const v = h.vote;
    const label = step === 'forum' ? t(statusLabelKey(h.to)) : v?.outcome ? t(`groupStep.outcome.${v.outcome}`) : t(statusLabelKey(h.to));
    if (v) return `${label} (${tallyText(t, v.tally, v.method)})`;
    const method = meeting?.method;
    if (step === 'forum' && (method === 'consensus' || method === 'majority' || method === 'chair') && (h.to === 'prioritised' || h.to === 'not_prioritised'))
      return t(`forum.result.${h.to}.${method}`);
    return label;
  };
  const say = (line: string) => ({ line, reason });
  switch (h.to) {
    case 'submitted':
      if (h.from === 'draft') return say(t('story.filed', { who }));
      if (h.from === 'returned') return say(t('story.resubmitted', { who }));
      return { reason };
    case 'formally_checked':
    case 'recommended_by_group':
      if (h.from === 'submitted') return say(t('story.formally_checked', { who }));
      if (h.from === 'on_agenda' && meeting) {
        if (meeting.method === 'later') return say(t('story.later', { who }));
        if (!meeting.method) return say(t('story.offAgenda', { who }));
        if (h.to === 'recommended_by_group') {
          const g = report.groupRecommendation?.meetingId === meeting.meetingId ? report.groupRecommendation : undefined;
          const text = g ? groupRecommendationText(forumView(turn.services, locale), { groupRecommendation: g }) : undefined;
          return say(t('story.group', { text: text ?? outcomeText('group') }));
        }
      }
      return { reason };
    case 'returned':
      return say(t('story.returned', { who }));
    case 'on_agenda':
      return say(t('story.on_agenda', { who }));
    case 'prioritised':
    case 'not_prioritised':
      return meeting ? say(t('story.forum', { text: outcomeText('forum') })) : { reason };
    case 'granted':
    case 'partly_granted':
    case 'rejected': {
      const outcome = t(statusLabelKey(h.to));
      const d = report.decision?.outcome === h.to ? report.decision : undefined;
      if (h.to === 'rejected' || !d) return say(t('story.decisionRejected', { outcome, who }));
      // This school year's amount: later years are commitments decided again in their rounds (issue 22).
      return say(t('story.decision', { outcome, amount: nok(d.amounts[0] ?? d.total), who }));
    }
    case 'paid': {
      const amount = report.payment?.amount ?? report.decision?.amounts[0];
      return amount === undefined ? { reason } : say(t('story.paid', { amount: nok(amount), who }));
    }
    case 'reported':
      return say(t('story.reported', { who }));
    case 'closed':
      return say(t('story.closed', { who }));
    case 'withdrawn':
      return say(t('story.withdrawn', { who }));
    default:
      return { reason };
  }
}

/**
 * An appeal's step: received (late or not), then upheld, rejected as late, or changed with what the
 * decision was and is now ("Endret fra 200 000 kr til 150 000 kr"; the outcome named when it changed too).
 */
export function appealLine(turn: Pick<Turn, 't' | 'locale'>, c: AppealChange, who: string): string {
  const { t, locale } = turn;
  if (c.step === 'received') return t(c.late ? 'story.appeal.receivedLate' : 'story.appeal.received', { date: formatDate(c.receivedOn, locale), who });
  if (c.step !== 'changed') return t(`story.appeal.${c.step}`, { who });
  if (!c.was || !c.now) return `${t('appeal.outcome.changed')} · ${who}`;
  return t('story.appeal.changed', { ...changedFromTo(turn, c.was, c.now), who });
}

/** "200 000 kr" → "150 000 kr", naming the outcomes only when the outcome changed too. */
export function changedFromTo(turn: Pick<Turn, 't' | 'locale'>, was: DecisionBrief, now: DecisionBrief): { from: string; to: string } {
  const { t, locale } = turn;
  const named = was.outcome !== now.outcome;
  const brief = (d: DecisionBrief) =>
    named ? t('story.appeal.briefOutcome', { amount: formatNok(d.amount, locale), outcome: t(statusLabelKey(d.outcome)) }) : formatNok(d.amount, locale);
  return { from: brief(was), to: brief(now) };
}

/** Who did a step, as the history names them. */
export function actorLabel(t: Translate, actor: Actor | undefined): string {
  const role = t(actor?.role === 'secretariat' ? 'case.actor.secretariat' : actor?.role === 'system' ? 'case.actor.system' : 'case.actor.owner');
  return actor?.name ? t('case.actor.named', { role, name: actor.name }) : role;
}
