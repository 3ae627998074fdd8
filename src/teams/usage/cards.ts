import { pageActions, pageLine, pageOf } from '../cards/paging';
import { formatCount, formatDate, formatDateTime, formatNok, type MessageKey, type Params } from '../../domain/i18n';
import { formatSchoolYear } from '../../domain/report';
import {
  AMOUNT_FIELDS,
  COUNT_FIELDS,
  UNUSED_PLANS,
  USAGE_LIMITS,
  isLate,
  type UnusedPlan,
  type UsageField,
  type UsageProblem,
  type UsageReport,
  type UsageStatus,
} from '../../domain/usage';
import { action } from '../cards/action';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { renderForm } from '../cards/formCard';
import { summaryCard } from '../secretariat/cards';
import type { Turn } from '../turn';
import { idsOf, type UsageCase } from './load';

const BLANK = { id: '', label: '', value: '', placeholder: '', maxLength: 100, required: false, style: 'text', hint: '', error: '', choices: [] as object[] };
// The renderer checks formats only, never emptiness: a half-filled card can always be saved.
const WHOLE_NUMBER = '^\\s*(\\d[\\d\\s\\u00a0]*(kr\\.?)?\\s*)?$';

const LABEL: Record<UsageField, MessageKey> = {
  usedOwner: 'usage.form.usedOwner',
  usedUh: 'usage.form.usedUh',
  ownContribution: 'usage.form.ownContribution',
  activities: 'usage.form.activities',
  participants: 'usage.form.participants',
  unitsReached: 'usage.form.unitsReached',
  partnership: 'usage.form.partnership',
  unused: 'usage.form.unused',
  unusedPlan: 'usage.form.unusedPlan',
  unusedNote: 'usage.form.unusedNote',
};
export const PLAN_LABEL: Record<UnusedPlan, MessageKey> = { carryOver: 'usage.plan.carryOver', repay: 'usage.plan.repay' };

/** A problem's text in the reader's language: amounts as money, limits as counts. */
export function problemText(turn: Turn, p: { key: MessageKey; params?: Params }): string {
  const params: Params = { ...(p.params ?? {}) };
  for (const k of ['paid', 'sum', 'used', 'min', 'own', 'unused'] as const) if (typeof params[k] === 'number') params[k] = formatNok(params[k], turn.locale);
  if (typeof params.max === 'number') params.max = formatCount(params.max, turn.locale);
  return turn.t(p.key, params);
}

export const schoolYearText = (c: UsageCase) => formatSchoolYear(c.schoolYear);
export const dueText = (turn: Turn, c: UsageCase) => formatDate(c.deadline, turn.locale);

/** "Sendt inn", "Utkast · For sent". */
export function usageStatusText(turn: Turn, status: UsageStatus | undefined, deadline: string): string {
  const own = turn.t(`usage.status.${status ?? 'none'}` as MessageKey);
  return isLate(status, deadline, turn.services.now()) ? `${own} · ${turn.t('usage.status.late')}` : own;
}

/** The usage report dialog: one card, the values typed kept, each problem at its field. */
export function usageForm(turn: Turn, c: UsageCase, values: Record<string, string>, problems: readonly UsageProblem[] = []): AdaptiveCard {
  const { t, locale } = turn;
  const errorOf = (f: UsageField) =>
    problems
      .filter((p) => p.field === f)
      .map((p) => problemText(turn, p))
      .join('\n');
  const input = (f: UsageField, extra: object = {}) => {
    const isAmount = AMOUNT_FIELDS.includes(f);
    const isCount = COUNT_FIELDS.includes(f);
    const long = f === 'activities' || f === 'partnership';
    return {
      ...BLANK,
      kind: long || f === 'unusedNote' ? 'textarea' : 'text',
      id: f,
      label: t(LABEL[f]),
      value: values[f] ?? '',
      maxLength: long ? USAGE_LIMITS.text : f === 'unusedNote' ? USAGE_LIMITS.note : 20,
      // Emptiness is the server's to judge: a required input would stop "save and close" in the client.
      required: false,
      error: errorOf(f),
      ...(isAmount || isCount ? { regex: WHOLE_NUMBER, errorMessage: t(isAmount ? 'usage.form.amountFormat' : 'usage.form.countFormat') } : {}),
      ...extra,
    };
  };
  const heading = (key: MessageKey) => ({ ...BLANK, kind: 'heading', label: t(key) });
  const returned = c.usage?.status === 'returned' ? [...c.usage.history].reverse().find((e) => e.to === 'returned')?.comment : undefined;
  const fields = [
    heading('usage.form.moneyHeading'),
    input('usedOwner'),
    input('usedUh'),
    input('ownContribution', { hint: t('usage.form.ownContributionHint') }),
    heading('usage.form.doneHeading'),
    input('activities'),
    input('participants'),
    input('unitsReached'),
    heading('usage.form.partnershipHeading'),
    input('partnership'),
    heading('usage.form.unusedHeading'),
    input('unused', { hint: t('usage.form.unusedHint', { paid: formatNok(c.paid, locale) }) }),
    {
      ...input('unusedPlan'),
      kind: 'choice',
      placeholder: t('usage.form.choose'),
      choices: UNUSED_PLANS.map((p) => ({ title: t(PLAN_LABEL[p]), value: p })),
    },
    input('unusedNote'),
  ];
  const ids = idsOf(c);
  return renderForm({
    progress: '',
    title: t('usage.form.title', { reference: c.report.reference, title: c.report.summary.title }),
    intro: t('usage.form.intro', { schoolYear: schoolYearText(c), paid: formatNok(c.paid, locale), due: dueText(turn, c) }),
    notice: returned ? t('usage.form.returned', { comment: returned }) : '',
    errorSummary: problems.length ? t('usage.form.errors') : '',
    errorFooter: problems.length ? t('usage.form.errors') : '',
    fields,
    actions: [
      action(t('usage.form.submit'), 'usage.submit', ids, { inputs: 'auto', style: 'positive' }),
      action(t('usage.form.save'), 'usage.save', ids, { inputs: 'auto' }),
      action(t('usage.form.cancel'), 'usage.list', {}),
    ],
  });
}

/** What was sent, as facts: the receipt, the officer's card and the owner's view of a sent report share it. */
export function usageFacts(turn: Turn, c: UsageCase, r: UsageReport): Array<{ title: string; value: string }> {
  const { t, locale } = turn;
  const nok = (n: number) => formatNok(n, locale);
  return [
    { title: t('usage.fact.paid'), value: `${nok(c.paid)} (${schoolYearText(c)})` },
    { title: t('usage.fact.used'), value: nok(r.usedOwner + r.usedUh) },
    { title: t('usage.form.usedOwner'), value: nok(r.usedOwner) },
    { title: t('usage.form.usedUh'), value: nok(r.usedUh) },
    { title: t('usage.form.ownContribution'), value: nok(r.ownContribution) },
    { title: t('usage.form.activities'), value: r.activities },
    { title: t('usage.form.participants'), value: formatCount(r.participants, locale) },
    { title: t('usage.form.unitsReached'), value: formatCount(r.unitsReached, locale) },
    { title: t('usage.form.partnership'), value: r.partnership },
    { title: t('usage.fact.unused'), value: r.unusedPlan ? `${nok(r.unused)}: ${t(PLAN_LABEL[r.unusedPlan])}` : nok(r.unused) },
    ...(r.unusedNote ? [{ title: t('usage.form.unusedNote'), value: r.unusedNote }] : []),
    { title: t('usage.fact.status'), value: usageStatusText(turn, c.usage?.status, c.deadline) },
  ];
}

/** The owner's receipt: what was sent and when. */
export function receiptCard(turn: Turn, c: UsageCase): AdaptiveCard {
  const { t } = turn;
  const u = c.usage!;
  return summaryCard({
    title: t('usage.receipt.title', { reference: c.report.reference }),
    intro: t('usage.receipt.intro', { schoolYear: schoolYearText(c), at: formatDateTime(u.submittedAt ?? u.updatedAt, turn.locale) }),
    sections: [{ title: c.report.summary.title, facts: u.report ? usageFacts(turn, c, u.report) : [] }],
    actions: [action(t('usage.list.title'), 'usage.list', {})],
  });
}

/** Paid school years per page of the owner's list. */
export const USAGE_LIST_PAGE = 20;

/** The owner's paid school years, each with its usage report's state and a button named for it. */
export function usageListCard(turn: Turn, cases: readonly UsageCase[], notice = '', page = 0): AdaptiveCard {
  const { t, locale } = turn;
  const paged = pageOf(cases, page, USAGE_LIST_PAGE);
  return renderCard('list', {
    title: t('usage.list.title'),
    intro: [notice, cases.length ? t('usage.list.intro') : t('usage.list.empty'), pageLine(t, paged)].filter(Boolean).join('\n\n'),
    items: paged.shown.map((c) => ({
      heading: t('usage.list.heading', { reference: c.report.reference, title: c.report.summary.title }),
      detail: t('usage.list.detail', {
        schoolYear: schoolYearText(c),
        paid: formatNok(c.paid, locale),
        due: dueText(turn, c),
        status: usageStatusText(turn, c.usage?.status, c.deadline),
      }),
      openTitle: t('usage.list.open', { reference: c.report.reference, schoolYear: schoolYearText(c) }),
      verb: 'usage.open',
      data: { verb: 'usage.open', ...idsOf(c) },
    })),
    actions: [...pageActions(t, 'usage.list', {}, paged), action(t('reports.title'), 'report.mine', {})],
  });
}
