import { z } from 'zod';
import type { MessageKey } from './i18n';
import { charCount, cleanText } from './report/card-input';
import { grantForYear } from './report/money';
import type { YearAmount } from './report/fields';

/**
 * A multi-year measure's later year goes on an agenda only when the owner has confirmed it (issue
 * 23 item 7): continue as decided, continue with a lower amount, or stop, with a reason. The
 * answer is stored on the continuation; a stop withdraws it.
 */

export const CONTINUATION_CHOICES = ['continue', 'lower', 'stop'] as const;
export type ContinuationChoice = (typeof CONTINUATION_CHOICES)[number];
export const MAX_STOP_REASON = 2000;

export const ContinuationAnswerSchema = z.object({
  choice: z.enum(CONTINUATION_CHOICES),
  /** Lower: the year's grant now asked for (whole NOK), below the amount decided. */
  amount: z.number().int().min(1).optional(),
  reason: z.string().optional(),
  at: z.string(),
  by: z.string(),
  byName: z.string().optional(),
});
export type ContinuationAnswer = z.infer<typeof ContinuationAnswerSchema>;

/** Whether a report may go on an agenda: a new report always; a continuation once confirmed (not stopped). */
export function mayGoOnAgenda(report: { continuation?: { answer?: ContinuationAnswer } }): boolean {
  const answer = report.continuation?.answer;
  return !report.continuation || answer?.choice === 'continue' || answer?.choice === 'lower';
}

/** Waiting for the owner's answer: a continuation without one, not yet withdrawn. */
export const awaitsAnswer = (report: { status: string; continuation?: { answer?: ContinuationAnswer } }) =>
  !!report.continuation && !report.continuation.answer && report.status === 'formally_checked';

export interface AnswerProblem {
  field: 'choice' | 'amount' | 'reason';
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** Checks the owner's answer against the year's grant as decided. */
export function checkContinuationAnswer(
  input: { choice: unknown; amount: unknown; reason: unknown },
  decided: number,
): { ok: true; choice: ContinuationChoice; amount?: number; reason?: string } | { ok: false; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const choice = (CONTINUATION_CHOICES as readonly unknown[]).includes(input.choice) ? (input.choice as ContinuationChoice) : undefined;
  if (!choice) problems.push({ field: 'choice', key: 'continuation.answer.error.choice' });
  let amount: number | undefined;
  if (choice === 'lower') {
    const raw = typeof input.amount === 'string' ? input.amount.replace(/[\s\u00a0\u202f]/g, '').replace(/kr\.?$/i, '') : '';
    amount = /^\d{1,13}$/.test(raw) ? Number(raw) : undefined;
    if (amount === undefined || amount <= 0 || amount >= decided)
      problems.push({ field: 'amount', key: 'continuation.answer.error.amount', params: { decided } });
  }
  const reason = typeof input.reason === 'string' ? cleanText(input.reason.slice(0, MAX_STOP_REASON * 4), true) : '';
  if (charCount(reason) > MAX_STOP_REASON) problems.push({ field: 'reason', key: 'usage.error.tooLong', params: { max: MAX_STOP_REASON } });
  else if (choice === 'stop' && !reason) problems.push({ field: 'reason', key: 'continuation.answer.error.reason' });
  if (problems.length || !choice) return { ok: false, problems };
  return { ok: true, choice, ...(amount !== undefined ? { amount } : {}), ...(reason ? { reason } : {}) };
}

/** The year's amounts lowered to `grant`: owner and UH shares scaled alike (as a partly granted continuation). */
export function loweredAmount(row: YearAmount, grant: number): YearAmount {
  const before = grantForYear(row);
  const uh = before === 0 ? 0 : Math.floor((row.uh * grant) / before);
  return { ...row, owner: grant - uh, uh };
}
