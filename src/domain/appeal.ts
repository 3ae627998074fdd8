import { z } from 'zod';
import type { MessageKey, Params } from './i18n';
import type { Locale } from './i18n/locale';
import { checkDecision, type Decision } from './decision';
import { charCount, cleanText } from './report/card-input';
import { isCalendarDay, osloDate } from './osloTime';

/**
 * An appeal against a decision (forvaltningsloven §§ 27–29, DOMAIN.md section 5): the owner has
 * three weeks from the notice; the secretariat registers the day it was received and, later, its
 * outcome. "Late" is an outcome the officer picks, and only for an appeal received more than three
 * weeks after the notice was sent (the decision's day: the notice is sent when it is recorded).
 */

export const APPEAL_OUTCOMES = ['upheld', 'changed', 'late'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const APPEAL_WEEKS = 3;
export const MAX_APPEAL_NOTE = 2000;

export const AppealSchema = z.object({
  /** The calendar day the appeal reached Statsforvalteren, YYYY-MM-DD. */
  receivedOn: z.string().refine(isCalendarDay),
  registeredAt: z.string(),
  by: z.string(),
  byName: z.string().optional(),
  outcome: z.enum(APPEAL_OUTCOMES).optional(),
  /** What was decided on the appeal, in words (a changed decision says what it now is). */
  note: z.string().optional(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  decidedByName: z.string().optional(),
  /** When the decision was changed: the day the first decision's notice was sent (the deadline counted from it). */
  noticeSentAt: z.string().optional(),
});
export type Appeal = z.infer<typeof AppealSchema>;

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The last day (Oslo calendar) an appeal is in time: three weeks after the day the notice was sent. */
export function appealLastDay(noticeSentAt: string): string {
  return addDays(osloDate(new Date(noticeSentAt)), APPEAL_WEEKS * 7);
}

/** Received more than three weeks after the notice was sent. */
export const isLateAppeal = (receivedOn: string, noticeSentAt: string) => receivedOn > appealLastDay(noticeSentAt);

export interface AppealProblem {
  /** An input of the form: the day, the outcome, the note, or the new decision's outcome and amounts. */
  field: 'receivedOn' | 'outcome' | 'note' | 'newOutcome' | `grant${number}`;
  key: MessageKey;
  params?: Params;
}

/** The day an appeal was received: a real day, not before the notice was sent, not after today. */
export function checkReceivedOn(raw: unknown, noticeSentAt: string, now: Date): { ok: true; receivedOn: string } | { ok: false; problem: AppealProblem } {
  const day = typeof raw === 'string' ? raw.trim() : '';
  if (!isCalendarDay(day)) return { ok: false, problem: { field: 'receivedOn', key: 'appeal.error.day' } };
  if (day < osloDate(new Date(noticeSentAt))) return { ok: false, problem: { field: 'receivedOn', key: 'appeal.error.beforeNotice' } };
  if (day > osloDate(now)) return { ok: false, problem: { field: 'receivedOn', key: 'appeal.error.future' } };
  return { ok: true, receivedOn: day };
}

/**
 * The outcome of a registered appeal: "rejected as late" only when it was late; a changed decision
 * says in the note what it now is (the owner's people read it).
 */
export function checkAppealOutcome(
  input: { outcome: unknown; note: unknown },
  appeal: Pick<Appeal, 'receivedOn'>,
  noticeSentAt: string,
): { ok: true; outcome: AppealOutcome; note?: string } | { ok: false; problems: AppealProblem[] } {
  const problems: AppealProblem[] = [];
  const outcome = (APPEAL_OUTCOMES as readonly unknown[]).includes(input.outcome) ? (input.outcome as AppealOutcome) : undefined;
  if (!outcome) problems.push({ field: 'outcome', key: 'appeal.error.outcome' });
  if (outcome === 'late' && !isLateAppeal(appeal.receivedOn, noticeSentAt)) {
    problems.push({ field: 'outcome', key: 'appeal.error.notLate', params: { lastDay: appealLastDay(noticeSentAt) } });
  }
  const note = typeof input.note === 'string' ? cleanText(input.note.slice(0, MAX_APPEAL_NOTE * 4), true) : '';
  if (charCount(note) > MAX_APPEAL_NOTE) problems.push({ field: 'note', key: 'usage.error.tooLong', params: { max: MAX_APPEAL_NOTE } });
  else if (outcome === 'changed' && !note) problems.push({ field: 'note', key: 'appeal.error.noteChanged' });
  if (problems.length || !outcome) return { ok: false, problems };
  return { ok: true, outcome, ...(note ? { note } : {}) };
}

/**
 * The new decision of an appeal decided "changed": its outcome and amounts per year, checked as
 * any decision is (nobody gets more than asked; partly granted and rejected need a reason, here
 * the appeal's note), and refused when it is the decision it replaces.
 */
export function checkChangedDecision(
  input: { newOutcome: unknown; amounts: unknown[]; note: string | undefined },
  requested: readonly number[],
  previous: Pick<Decision, 'outcome' | 'amounts'>,
  locale: Locale = 'nb',
): { ok: true; decision: Pick<Decision, 'outcome' | 'amounts' | 'total'> } | { ok: false; problems: AppealProblem[] } {
  const checked = checkDecision({ outcome: input.newOutcome, amounts: input.amounts, reason: input.note }, requested, locale);
  if (!checked.ok) {
    // The note is checked (and required) by the appeal's own rules; its decision errors name the note.
    const problems = checked.problems
      .filter((p) => p.field !== 'reason')
      .map((p): AppealProblem => ({
        field: p.field === 'outcome' ? 'newOutcome' : (p.field as AppealProblem['field']),
        key: p.key,
        ...(p.params ? { params: p.params } : {}),
      }));
    return { ok: false, problems: problems.length ? problems : [{ field: 'note', key: 'appeal.error.noteChanged' }] };
  }
  if (checked.outcome === previous.outcome && checked.amounts.every((a, i) => a === previous.amounts[i])) {
    return { ok: false, problems: [{ field: 'newOutcome', key: 'appeal.error.sameDecision' }] };
  }
  return { ok: true, decision: { outcome: checked.outcome, amounts: checked.amounts, total: checked.total } };
}
