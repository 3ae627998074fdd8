import { z } from 'zod';
import type { MessageKey, Params } from '../i18n';
import { charCount, cleanText } from '../report/card-input';
import { minOwnContribution } from '../report/money';

/**
 * The usage report (rapportering) for one paid school year of a measure (DOMAIN.md section 5):
 * money used against what was paid, what was done, how the UH partnership worked, and unused
 * funds. This schema is the one source of the rules, the stored type and the card's error keys.
 */

export const USAGE_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type UsageStatus = (typeof USAGE_STATUSES)[number];

/** What the owner asks done with unused funds. */
export const UNUSED_PLANS = ['carryOver', 'repay'] as const;
export type UnusedPlan = (typeof UNUSED_PLANS)[number];

export const USAGE_LIMITS = {
  /** Activities and the partnership: room for a paragraph or two, not an attachment. */
  text: 2000,
  note: 1000,
  amount: 1_000_000_000,
  count: 1_000_000,
} as const;

/** The card's inputs, in the order the card shows them. */
export const USAGE_FIELDS = [
  'usedOwner',
  'usedUh',
  'ownContribution',
  'activities',
  'participants',
  'unitsReached',
  'partnership',
  'unused',
  'unusedPlan',
  'unusedNote',
] as const;
export type UsageField = (typeof USAGE_FIELDS)[number];
export const AMOUNT_FIELDS: readonly UsageField[] = ['usedOwner', 'usedUh', 'ownContribution', 'unused'];
export const COUNT_FIELDS: readonly UsageField[] = ['participants', 'unitsReached'];
export const TEXT_FIELDS: readonly UsageField[] = ['activities', 'partnership', 'unusedNote'];

// Error keys ride in zod's messages, so a field's problem is found where the rule is written.
const REQUIRED: MessageKey = 'usage.error.required';

/** "1 250 000", "1250000 kr", 1250000 → 1250000; "", undefined → undefined; anything else stays as it is and fails. */
function wholeNumber(raw: unknown): unknown {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return raw;
  const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/kr\.?$/i, '');
  if (s === '') return undefined;
  return /^\d{1,13}$/.test(s) ? Number(s) : raw;
}

const whole = (kind: 'amount' | 'count') =>
  z.preprocess(
    wholeNumber,
    z
      .number({ required_error: REQUIRED, invalid_type_error: kind === 'amount' ? 'usage.error.amount' : 'usage.error.count' })
      .int(kind === 'amount' ? 'usage.error.amount' : 'usage.error.count')
      .min(0, kind === 'amount' ? 'usage.error.amount' : 'usage.error.count')
      .max(USAGE_LIMITS[kind], 'usage.error.tooLarge'),
  );

const clean = (max: number) => (raw: unknown) => (typeof raw === 'string' ? cleanText(raw.slice(0, max * 4 + 1024), true) || undefined : raw);
const within = (max: number) => (s: string) => charCount(s) <= max;
const text = (max: number) =>
  z.preprocess(clean(max), z.string({ required_error: REQUIRED, invalid_type_error: 'report.error.wrongType' }).refine(within(max), 'usage.error.tooLong'));
const optionalText = (max: number) =>
  z.preprocess(clean(max), z.string({ invalid_type_error: 'report.error.wrongType' }).refine(within(max), 'usage.error.tooLong').optional());

const plan = z.preprocess((raw) => (raw === '' ? undefined : raw), z.enum(UNUSED_PLANS, { errorMap: () => ({ message: 'usage.error.plan' }) }).optional());

const fields = {
  usedOwner: whole('amount'),
  usedUh: whole('amount'),
  ownContribution: whole('amount'),
  activities: text(USAGE_LIMITS.text),
  participants: whole('count'),
  unitsReached: whole('count'),
  partnership: text(USAGE_LIMITS.text),
  unused: whole('amount'),
  unusedPlan: plan,
  unusedNote: optionalText(USAGE_LIMITS.note),
};

/**
 * The usage report against the amount paid for its school year: used (owner + UH) and unused add up
 * to it. DEKOM: the own contribution is at least 30 % of the state grant used (as when filing).
 */
export function usageSchema(paid: number, scheme?: string) {
  return z.object(fields).superRefine((r, ctx) => {
    if (scheme === 'DEKOM') {
      const used = r.usedOwner + r.usedUh;
      const min = minOwnContribution(used, 'DEKOM');
      if (r.ownContribution < min)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['ownContribution'],
          message: 'usage.error.ownContribution',
          params: { used, min, own: r.ownContribution },
        });
    }
    const sum = r.usedOwner + r.usedUh + r.unused;
    if (sum !== paid) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['unused'], message: 'usage.error.sum', params: { paid, sum } });
    if (r.unused > 0 && !r.unusedPlan) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['unusedPlan'], message: 'usage.error.planRequired' });
  });
}
export type UsageReport = z.infer<ReturnType<typeof usageSchema>>;

export interface UsageProblem {
  field: UsageField;
  key: MessageKey;
  /** Amounts in params are numbers; the card formats them in the reader's language. */
  params?: Params;
}

const LIMIT_OF: Partial<Record<UsageField, number>> = { activities: USAGE_LIMITS.text, partnership: USAGE_LIMITS.text, unusedNote: USAGE_LIMITS.note };

export type CheckedUsage = { ok: true; report: UsageReport } | { ok: false; problems: UsageProblem[] };

/** Checks what the card sent; every problem names its field and a message key. */
export function checkUsage(values: Record<string, unknown>, paid: number, scheme?: string): CheckedUsage {
  const input = Object.fromEntries(USAGE_FIELDS.map((f) => [f, values[f]]));
  const parsed = usageSchema(paid, scheme).safeParse(input);
  if (parsed.success) return { ok: true, report: parsed.data };
  const problems: UsageProblem[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as UsageField;
    if (problems.some((p) => p.field === field)) continue;
    const key = (/^(usage|report)\.error\.\w+$/.test(issue.message) ? issue.message : 'usage.error.invalid') as MessageKey;
    const params = issue.code === z.ZodIssueCode.custom ? (issue.params as Params | undefined) : undefined;
    problems.push({ field, key, ...(key === 'usage.error.tooLong' ? { params: { max: LIMIT_OF[field] ?? 0 } } : params ? { params } : {}) });
  }
  // The sum can only be judged once each amount is a number; one message per field, in card order.
  return { ok: false, problems: problems.sort((a, b) => USAGE_FIELDS.indexOf(a.field) - USAGE_FIELDS.indexOf(b.field)) };
}

/**
 * What "save and close" keeps: the typed strings as they are (a half-filled card is fine), but only
 * strings and within a sane length, so a draft never holds what no card could have sent.
 */
export function draftValues(values: Record<string, unknown>): { ok: true; values: Record<string, string> } | { ok: false; problems: UsageProblem[] } {
  const out: Record<string, string> = {};
  const problems: UsageProblem[] = [];
  for (const f of USAGE_FIELDS) {
    const raw = values[f];
    if (raw === undefined || raw === null || raw === '') continue;
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      problems.push({ field: f, key: 'report.error.wrongType' });
      continue;
    }
    const s = String(raw);
    const max = LIMIT_OF[f] ?? 40;
    if (charCount(s) > max) problems.push({ field: f, key: 'usage.error.tooLong', params: { max } });
    else out[f] = s;
  }
  return problems.length ? { ok: false, problems } : { ok: true, values: out };
}

/** The stored report as card values again (a returned report opens with what was sent). */
export function valuesOf(report: UsageReport): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of USAGE_FIELDS) {
    const v = report[f];
    if (v !== undefined) out[f] = String(v);
  }
  return out;
}
