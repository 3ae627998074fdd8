import type { MessageKey, Params } from './i18n';
import { charCount, cleanText, coerceInteger } from './report/card-input';
import { LIMITS } from './report/limits';
import { formatsFor } from './report/problems';
import type { ReportStatus } from './report/lifecycle';
import type { Locale } from './i18n/locale';

/**
 * The County Governor's decision (vedtak) on a report, after the forum's recommendation
 * (DOMAIN.md sections 1 and 4). Amounts are per year of the measure, so an export can show the
 * granted sum next to the requested one year by year.
 */
export const OUTCOMES = ['granted', 'partly_granted', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Decision {
  outcome: Outcome;
  /** Granted per year of the measure, whole NOK; zeros when rejected. */
  amounts: number[];
  total: number;
  reason?: string;
  /** ISO instant. */
  at: string;
  /** "tenantId:aadObjectId" of the officer. */
  by: string;
  byName?: string;
  /** Recorded by "grant all prioritised as requested". */
  bulk?: boolean;
  /** The forum's recommendation the decision departs from (a reason is then required). */
  deviatesFrom?: 'prioritised' | 'not_prioritised';
}

/** A payment pays one school year: the amount granted for it (absent on payments recorded before). */
export interface Payment {
  at: string;
  by: string;
  byName?: string;
  schoolYear?: number;
  amount?: number;
  /** Unused money of an earlier school year of the measure carried into this one (not paid again). */
  carriedOver?: number;
}

/** The forum has spoken on these; a decision needs one of them (lifecycle.ts has the moves). */
export const DECIDABLE: readonly ReportStatus[] = ['prioritised', 'not_prioritised'];
export const DECIDED: readonly ReportStatus[] = ['granted', 'partly_granted', 'rejected', 'paid', 'reported', 'closed'];

export const MAX_DECISION_REASON = 2000;

export interface DecisionProblem {
  field: string;
  key: MessageKey;
  params?: Params;
}

export type CheckedDecision = { ok: true; outcome: Outcome; amounts: number[]; total: number; reason?: string } | { ok: false; problems: DecisionProblem[] };

/** Card input id of the granted amount for year `year` (1-based). */
export const decisionAmountId = (year: number) => `grant${year}`;

/**
 * Checks what an officer typed against what was requested (grant per year). Granted means the
 * requested amount every year; less is "partly granted", which needs a reason, as does a
 * rejection. Nobody is granted more than they asked for.
 */
export function checkDecision(
  input: { outcome: unknown; amounts: unknown[]; reason: unknown },
  requested: readonly number[],
  locale: Locale = 'nb',
): CheckedDecision {
  const f = formatsFor(locale);
  const problems: DecisionProblem[] = [];
  const outcome = typeof input.outcome === 'string' && (OUTCOMES as readonly string[]).includes(input.outcome) ? (input.outcome as Outcome) : undefined;
  if (!outcome) problems.push({ field: 'outcome', key: 'decision.error.outcome' });

  let reason: string | undefined;
  if (input.reason !== undefined && input.reason !== null && typeof input.reason !== 'string') {
    problems.push({ field: 'reason', key: 'report.error.wrongType' });
  } else if (typeof input.reason === 'string') {
    const text = cleanText(input.reason.slice(0, MAX_DECISION_REASON * 4), true);
    if (charCount(text) > MAX_DECISION_REASON) {
      problems.push({ field: 'reason', key: 'report.error.tooLong', params: { max: f.count(MAX_DECISION_REASON), length: f.count(charCount(text)) } });
    } else if (text) reason = text;
  }
  if ((outcome === 'partly_granted' || outcome === 'rejected') && !reason && !problems.some((p) => p.field === 'reason')) {
    problems.push({ field: 'reason', key: outcome === 'rejected' ? 'decision.error.reasonRejected' : 'decision.error.reasonPartly' });
  }

  const amounts: number[] = [];
  if (outcome === 'rejected') {
    amounts.push(...requested.map(() => 0));
  } else if (outcome) {
    requested.forEach((asked, i) => {
      const year = i + 1;
      const raw = input.amounts[i];
      const c = coerceInteger(raw, { ...LIMITS.amount, max: LIMITS.amount.max * 2, kind: 'amount' }, f);
      // Granted as requested needs no typing: an empty field means the requested amount.
      const value = c.ok ? (c.value ?? (outcome === 'granted' ? asked : undefined)) : undefined;
      if (!c.ok) problems.push({ field: decisionAmountId(year), key: c.problems[0].key, params: { ...(c.problems[0].params ?? {}), year } });
      else if (value === undefined) problems.push({ field: decisionAmountId(year), key: 'decision.error.amountRequired', params: { year } });
      else if (value > asked)
        problems.push({ field: decisionAmountId(year), key: 'decision.error.moreThanRequested', params: { year, requested: f.nok(asked) } });
      else if (outcome === 'granted' && value !== asked)
        problems.push({ field: decisionAmountId(year), key: 'decision.error.grantedIsRequested', params: { year, requested: f.nok(asked) } });
      if (value !== undefined) amounts.push(value);
    });
    const total = amounts.reduce((a, b) => a + b, 0);
    const asked = requested.reduce((a, b) => a + b, 0);
    if (outcome === 'partly_granted' && problems.length === 0 && amounts.length === requested.length) {
      if (total === 0) problems.push({ field: decisionAmountId(1), key: 'decision.error.partlyZero' });
      else if (total >= asked) problems.push({ field: decisionAmountId(1), key: 'decision.error.partlyIsAll', params: { requested: f.nok(asked) } });
    }
  }
  if (problems.length > 0 || !outcome) return { ok: false, problems };
  return { ok: true, outcome, amounts, total: amounts.reduce((a, b) => a + b, 0), ...(reason ? { reason } : {}) };
}

/** Why a decision cannot be recorded on a report in this status, or undefined when it can. */
export function decisionRefusalKey(status: ReportStatus): MessageKey | undefined {
  if (DECIDABLE.includes(status)) return undefined;
  if (DECIDED.includes(status)) return 'decision.already';
  return 'decision.notYet';
}

/**
 * The same decision again (a double click or a Teams retry), so it is answered, not refused. The
 * same officer in two windows with another reason is a second decision: refused with the first.
 */
export function sameDecision(a: Pick<Decision, 'outcome' | 'amounts' | 'by' | 'reason'>, b: Pick<Decision, 'outcome' | 'amounts' | 'by' | 'reason'>): boolean {
  return (
    a.outcome === b.outcome &&
    a.by === b.by &&
    (a.reason ?? '') === (b.reason ?? '') &&
    a.amounts.length === b.amounts.length &&
    a.amounts.every((x, i) => x === b.amounts[i])
  );
}
