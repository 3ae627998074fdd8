import { recommendedOf } from '../../domain/deviation';
import { MAX_DECISION_REASON, OUTCOMES, decisionAmountId, type DecisionProblem } from '../../domain/decision';
import { formatNok } from '../../domain/i18n';
import { findRegion, localised, workingGroupFor } from '../../domain/regions';
import { MAX_REASON_LENGTH, formatSchoolYear, statusLabelKey, yearSummaries } from '../../domain/report';
import type { AdaptiveCard } from '../cards/render';
import { renderForm } from '../cards/formCard';
import type { Turn } from '../turn';
import { action } from '../cards/action';
import { groupName } from './caseCard';
import type { Case } from './load';

const BLANK = { id: '', label: '', value: '', placeholder: '', maxLength: 100, required: false, style: 'text', hint: '', error: '', choices: [] as object[] };

function formCard(args: { title: string; intro: string; errorSummary?: string; fields: object[]; actions: object[]; required: string }): AdaptiveCard {
  return renderForm({
    progress: '',
    notice: '',
    errorSummary: args.errorSummary ?? '',
    title: args.title,
    intro: args.intro,
    fields: args.fields,
    actions: args.actions,
    required: args.required,
  });
}

const idsOf = (c: Case) => ({ roundId: c.round.id, reportId: c.report.id });

/** Asks for the comment the owner gets with a returned report. */
export function returnForm(turn: Turn, c: Case, typed = '', error = ''): AdaptiveCard {
  const { t } = turn;
  return formCard({
    required: turn.t('form.required'),
    title: t('case.return.title', { reference: c.report.reference }),
    intro: t('case.return.intro'),
    fields: [{ ...BLANK, kind: 'textarea', id: 'comment', label: t('case.return.comment'), value: typed, maxLength: MAX_REASON_LENGTH, required: true, error }],
    actions: [
      action(t('case.return.send'), 'report.returnConfirm', idsOf(c), { inputs: 'auto', style: 'destructive' }),
      action(t('case.cancel'), 'report.check', idsOf(c)),
    ],
  });
}

export function groupForm(turn: Turn, c: Case, error = ''): AdaptiveCard {
  const { t, locale } = turn;
  const regions = turn.services.regions;
  const region = findRegion(regions, c.report.data.region);
  return formCard({
    required: turn.t('form.required'),
    title: t('case.group.title', { reference: c.report.reference }),
    intro: t('case.group.intro', {
      group: groupName(regions, c.report.summary.workingGroup, locale),
      region: region ? localised(region.name, locale) : c.report.data.region,
      default: groupName(regions, workingGroupFor(regions, c.report.data.region)?.id ?? '', locale),
    }),
    fields: [
      {
        ...BLANK,
        kind: 'choice',
        id: 'workingGroup',
        label: t('case.group.label'),
        value: c.report.summary.workingGroup,
        required: true,
        placeholder: t('wizard.choose'),
        error,
        choices: regions.workingGroups.map((g) => ({ title: localised(g.name, locale), value: g.id })),
      },
    ],
    actions: [
      action(t('case.group.save'), 'report.moveGroupConfirm', idsOf(c), { inputs: 'auto', style: 'positive' }),
      action(t('case.cancel'), 'report.check', idsOf(c)),
    ],
  });
}

/**
 * The decision: outcome, the amount granted per school year (prefilled with what was requested,
 * so "granted" is one press), and the reason. Typed values and errors come back in place.
 */
export function decisionForm(
  turn: Turn,
  c: Case,
  typed: Record<string, string> = {},
  problems: readonly DecisionProblem[] = [],
  /** The ledger's line for the report's forum and scheme, in words (decisionMoney.ts). */
  money: readonly string[] = [],
): AdaptiveCard {
  const { t, locale } = turn;
  const nok = (n: number) => formatNok(n, locale);
  const errorOf = (field: string) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => t(p.key, p.params))
      .join('\n');
  const years = yearSummaries(c.report.data);
  const fields: object[] = [
    {
      ...BLANK,
      kind: 'choice',
      id: 'outcome',
      label: t('decision.form.outcome'),
      required: true,
      placeholder: t('wizard.choose'),
      value: typed.outcome ?? (c.report.status === 'prioritised' ? 'granted' : ''),
      error: errorOf('outcome'),
      choices: OUTCOMES.map((o) => ({ title: t(statusLabelKey(o)), value: o })),
    },
    ...money.map((value) => ({ ...BLANK, kind: 'info', value })),
    { ...BLANK, kind: 'info', value: t('decision.form.amountHint') },
    ...years.map((y) => ({
      ...BLANK,
      kind: 'text',
      id: decisionAmountId(y.year),
      maxLength: 15,
      error: errorOf(decisionAmountId(y.year)),
      label: t('decision.form.amount', { schoolYear: y.schoolYear ? formatSchoolYear(y.schoolYear) : String(y.year), requested: nok(y.grant) }),
      value: typed[decisionAmountId(y.year)] ?? String(y.grant),
    })),
    ...(recommendedOf(c.report.status)
      ? [{ ...BLANK, kind: 'info', value: t('decision.deviation.formHint', { recommended: t(statusLabelKey(c.report.status)) }) }]
      : []),
    {
      ...BLANK,
      kind: 'textarea',
      id: 'reason',
      label: t('decision.form.reason'),
      hint: t('decision.form.reasonHint'),
      maxLength: MAX_DECISION_REASON,
      value: typed.reason ?? '',
      error: errorOf('reason'),
    },
  ];
  return formCard({
    required: turn.t('form.required'),
    title: t('decision.form.title', { reference: c.report.reference }),
    intro: t('decision.form.intro', { status: t(statusLabelKey(c.report.status)), amount: nok(c.report.summary.totalRequested) }),
    errorSummary: problems.length ? t('decision.form.errors') : '',
    fields,
    actions: [
      action(t('decision.form.save'), 'decision.record', idsOf(c), { inputs: 'auto', style: 'positive' }),
      action(t('case.cancel'), 'report.check', idsOf(c)),
    ],
  });
}
