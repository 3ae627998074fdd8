import { z } from 'zod';
import type { MessageKey, Params } from '../i18n';
import { coerceChoices, coerceInteger } from '../report/card-input';
import { formatsFor, type Problem } from '../report/problems';
import type { Locale } from '../i18n/locale';
import { isPastDeadline } from '../deadline';
import { deadlineOnDay, isCalendarDay, osloWallClock } from '../osloTime';
import { RoundSchema, SCHEME_CODES, type Round } from '../round';

/**
 * What an officer fills in to create a round, and the rules it must meet. Budgets are per
 * scheme in whole NOK; the largest county round so far was 178.4 MNOK for all schemes together,
 * so a billion per scheme is far past anything real and catches a typed extra zero or three.
 */
export const MAX_BUDGET = 1_000_000_000;
/** A deadline further ahead than this is a typo (2072 for 2027), not a plan. */
export const MAX_DEADLINE_AHEAD_DAYS = 2 * 366;

export const ROUND_INPUTS = ['year', 'deadline', 'counties', ...SCHEME_CODES.map((s) => `budget${s}` as const), 'usageDue'] as const;
export type RoundInput = (typeof ROUND_INPUTS)[number];
export const budgetInput = (scheme: (typeof SCHEME_CODES)[number]) => `budget${scheme}` as const;
type Scheme = (typeof SCHEME_CODES)[number];
/** With several forums: whether the money is one budget per scheme ('shared') or each forum's own ('perForum'). */
export const BUDGET_SPLIT_INPUT = 'budgetSplit';
/** A forum's budget for one scheme, when budgets are per forum ("budgetREKOM_oslo"). */
export const forumBudgetInput = (forum: string, scheme: Scheme) => `budget${scheme}_${forum}` as const;
export type RoundField = RoundInput | typeof BUDGET_SPLIT_INPUT | ReturnType<typeof forumBudgetInput>;

export interface RoundSetupContext {
  now: Date;
  /** Counties of the region configuration: the only ones a round may cover. */
  counties: readonly string[];
  /** Rounds already stored, for the duplicate check. */
  existing: readonly Round[];
  locale?: Locale;
  /** The County Governor's forum ids; with two or more the form may split the budget per forum. */
  forums?: readonly string[];
}

export type RoundSetup = { ok: true; round: Round } | { ok: false; errors: Partial<Record<RoundField | 'form', Problem>> };

export const roundIdFor = (year: number) => `round-${year}`;

/** The clean values of the form, checked together; each issue carries a message key and its parameters. */
export function roundSetupSchema(ctx: RoundSetupContext) {
  const thisYear = osloWallClock(ctx.now).year;
  const f = formatsFor(ctx.locale);
  return z
    .object({
      year: z.number().int(),
      deadline: z.string(),
      counties: z.array(z.string()),
      budgets: z.object(Object.fromEntries(SCHEME_CODES.map((s) => [s, z.number().int()])) as Record<(typeof SCHEME_CODES)[number], z.ZodNumber>),
      usageDue: z.string().optional(),
    })
    .superRefine((v, c) => {
      const add = (path: Array<string | number>, key: MessageKey, params?: Params) =>
        c.addIssue({ code: z.ZodIssueCode.custom, path, message: key, params: { key, params } });
      if (v.year < thisYear || v.year > thisYear + 3) add(['year'], 'round.error.year', { min: thisYear, max: thisYear + 3 });
      if (!isCalendarDay(v.deadline)) add(['deadline'], 'round.error.deadlineFormat');
      else {
        const at = Date.parse(deadlineOnDay(v.deadline));
        if (at <= ctx.now.getTime()) add(['deadline'], 'round.error.deadlinePast');
        else if (at - ctx.now.getTime() > MAX_DEADLINE_AHEAD_DAYS * 86_400_000) add(['deadline'], 'round.error.deadlineFar');
      }
      if (v.counties.length === 0) add(['counties'], 'round.error.counties');
      else if (!v.counties.every((county) => ctx.counties.includes(county))) add(['counties'], 'report.error.unknownChoice');
      for (const s of SCHEME_CODES) {
        if (v.budgets[s] < 0) add(['budgets', s], 'report.error.amount.negative');
        else if (v.budgets[s] > MAX_BUDGET) add(['budgets', s], 'report.error.amount.tooLarge', { max: f.nok(MAX_BUDGET) });
      }
      if (SCHEME_CODES.every((s) => v.budgets[s] === 0)) add(['budgets', 'REKOM'], 'round.error.budgetZero');
      // The stored round's own rule for the day, so the form and storage never disagree.
      if (v.usageDue !== undefined && !RoundSchema.shape.usageDue.safeParse(v.usageDue).success) add(['usageDue'], 'round.error.usageDue');
    });
}

function problemOf(i: z.ZodIssue): Problem {
  if (i.code === z.ZodIssueCode.custom && i.params?.key)
    return { key: i.params.key as MessageKey, ...(i.params.params ? { params: i.params.params as Params } : {}) };
  // zod's own type errors never reach a person in English: they mean the card sent nonsense.
  return { key: 'report.error.wrongType' };
}

/**
 * Reads the card's inputs (strings as Teams sends them) into a new round, status "planned".
 * Every field's problem is reported at once; nothing is created unless all is well.
 */
export function parseRoundSetup(raw: Record<string, unknown>, ctx: RoundSetupContext): RoundSetup {
  const f = formatsFor(ctx.locale);
  const errors: Partial<Record<RoundField | 'form', Problem>> = {};
  const forums = ctx.forums ?? [];
  const perForum = forums.length > 1 && raw[BUDGET_SPLIT_INPUT] === 'perForum';
  // Absent or empty is the form's default, one shared budget; anything else is not a choice it offers.
  const split = raw[BUDGET_SPLIT_INPUT] ?? '';
  if (forums.length > 1 && !['', 'shared', 'perForum'].includes(String(split))) errors[BUDGET_SPLIT_INPUT] = { key: 'report.error.unknownChoice' };
  const year = coerceInteger(raw.year, { min: 0, max: 9999, kind: 'count' }, f);
  if (!year.ok) errors.year = year.problems[0];
  else if (year.value === undefined) errors.year = { key: 'report.error.required' };
  const deadline = typeof raw.deadline === 'string' ? raw.deadline.trim() : '';
  if (!deadline) errors.deadline = { key: 'report.error.required' };
  const counties = coerceChoices(raw.counties ?? '', ctx.counties);
  const usageDue = typeof raw.usageDue === 'string' ? raw.usageDue.trim() : '';
  if (!counties.ok) errors.counties = counties.problems[0];
  const amount = (field: RoundField) => {
    const b = coerceInteger(raw[field], { min: 0, max: MAX_BUDGET, kind: 'amount' }, f);
    if (!b.ok) errors[field] = b.problems[0];
    // A field already wrong is checked as 0 below, so the other fields' problems show too.
    return b.ok ? (b.value ?? 0) : 0;
  };
  const budgets: Record<string, number> = {};
  // Per forum: each forum's own fields (the shared ones are not read); the round's budget is their sum.
  const forumBudgets = perForum ? forumBudgetsOf(forums, amount, errors) : undefined;
  for (const s of SCHEME_CODES) budgets[s] = forumBudgets ? forums.reduce((sum, forum) => sum + forumBudgets[forum][s], 0) : amount(budgetInput(s));
  const candidate = {
    year: year.ok && year.value !== undefined ? year.value : osloWallClock(ctx.now).year,
    deadline,
    counties: counties.ok ? (counties.value ?? []) : [],
    budgets,
    // Empty means the default day; the round then stores none.
    ...(usageDue ? { usageDue } : {}),
  };
  const checked = roundSetupSchema(ctx).safeParse(candidate);
  if (!checked.success) {
    for (const i of checked.error.issues) {
      const scheme = (i.path[1] ?? 'REKOM') as Scheme;
      // The sum of forum budgets over the limit, or all of them 0, is said on the first forum's field.
      const budgetField = forumBudgets ? forumBudgetInput(forums[0], scheme) : budgetInput(scheme);
      const field = (i.path[0] === 'budgets' ? budgetField : i.path[0]) as RoundField;
      errors[field] ??= problemOf(i);
    }
  }
  if (Object.keys(errors).length > 0 || !checked.success) return { ok: false, errors };
  const v = checked.data;
  const duplicate = duplicateOf(v.year, v.counties, ctx.existing);
  if (duplicate) return { ok: false, errors: { form: { key: 'round.error.duplicate', params: { year: v.year, round: duplicate.id } } } };
  return {
    ok: true,
    round: {
      id: roundIdFor(v.year),
      year: v.year,
      counties: v.counties,
      deadline: deadlineOnDay(v.deadline),
      status: 'planned',
      budgets: v.budgets,
      ...(forumBudgets ? { budgetSplit: 'perForum' as const, forumBudgets } : {}),
      ...(v.usageDue ? { usageDue: v.usageDue } : {}),
      createdAt: ctx.now.toISOString(),
    },
  };
}

/** Each forum's budget per scheme from its own fields; problems go on the field they belong to. */
function forumBudgetsOf(
  forums: readonly string[],
  amount: (field: RoundField) => number,
  errors: Partial<Record<RoundField | 'form', Problem>>,
): Record<string, Record<Scheme, number>> {
  const out: Record<string, Record<Scheme, number>> = {};
  for (const forum of forums) out[forum] = Object.fromEntries(SCHEME_CODES.map((s) => [s, amount(forumBudgetInput(forum, s))])) as Record<Scheme, number>;
  // A forum whose budget is 0 in every scheme has nothing to prioritise: most likely a field left empty.
  for (const forum of forums) {
    if (SCHEME_CODES.every((s) => out[forum][s] === 0) && !SCHEME_CODES.some((s) => errors[forumBudgetInput(forum, s)])) {
      errors[forumBudgetInput(forum, 'REKOM')] = { key: 'forums.round.error.forumZero' };
    }
  }
  return out;
}

/**
 * A round for the same year already exists (under our id), or one that is not closed covers one
 * of the same counties that year (the local demo round, say): owners would not know where to file.
 */
export function duplicateOf(year: number, counties: readonly string[], existing: readonly Round[]): Round | undefined {
  return (
    existing.find((r) => r.id === roundIdFor(year)) ??
    existing.find((r) => r.year === year && r.status !== 'closed' && r.counties.some((c) => counties.includes(c)))
  );
}

/** Opening is refused while another open round covers one of the same counties. */
export function openConflict(round: Round, existing: readonly Round[]): Round | undefined {
  return existing.find((r) => r.id !== round.id && r.status === 'open' && r.counties.some((c) => round.counties.includes(c)));
}

export type RoundMove = { ok: true; round: Round } | { ok: false; key: MessageKey; params?: Params };

export function openRound(round: Round, existing: readonly Round[], now: Date): RoundMove {
  if (round.status === 'open') return { ok: false, key: 'round.error.alreadyOpen' };
  if (Date.parse(round.deadline) <= now.getTime()) return { ok: false, key: 'round.error.openAfterDeadline' };
  const conflict = openConflict(round, existing);
  if (conflict) return { ok: false, key: 'round.error.overlapOpen', params: { round: conflict.id } };
  const { closedAt: _reopened, ...rest } = round;
  return { ok: true, round: { ...rest, status: 'open' } };
}

/** Closes by hand; the time is kept, since owners are told when it closed (filingWindow.ts). */
export function closeRound(round: Round, now: Date): RoundMove {
  if (round.status !== 'open') return { ok: false, key: 'round.error.notOpen' };
  return { ok: true, round: { ...round, status: 'closed', closedAt: now.toISOString() } };
}

/** Open rounds whose deadline has passed: the scheduler closes them. */
export function dueForClosing(rounds: readonly Round[], now: Date): Round[] {
  return rounds.filter((r) => r.status === 'open' && isPastDeadline(now, r.deadline));
}
