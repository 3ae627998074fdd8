import { formatDate, formatNok, type Translate } from '../../domain/i18n';
import { formatSchoolYear } from '../../domain/report';
import type { UnusedDecision } from '../../domain/usage';
import type { UsageRecord } from '../../storage/usageReports';
import { action } from '../cards/action';
import type { Section } from '../secretariat/cards';
import type { Turn } from '../turn';
import { idsOf, type UsageCase } from './load';

/** The secretariat's decision on unused money on the officer's usage card: facts and the next button (handlers in unused.ts). */

type Sent = UsageCase & { usage: UsageRecord };

export const unusedOf = (c: Sent) => c.usage.report?.unused ?? 0;

/** The decision as facts (a section of the officer's usage card). */
export function unusedFacts(t: Translate, locale: Turn['locale'], d: UnusedDecision, schoolYear: number) {
  const nok = (n: number) => formatNok(n, locale);
  return d.plan === 'carryOver'
    ? [{ title: t('unused.fact.decision'), value: t('unused.carriedOver', { amount: nok(d.amount), schoolYear: formatSchoolYear(schoolYear + 1) }) }]
    : [
        { title: t('unused.fact.decision'), value: t('unused.repay', { amount: nok(d.amount), due: formatDate(d.dueDay!, locale) }) },
        { title: t('unused.fact.repaid'), value: d.repaidAt ? formatDate(d.repaidAt, locale) : t('unused.fact.notRepaid') },
      ];
}

export function unusedSections(turn: Turn, c: Sent): Section[] {
  const d = c.usage.unusedDecision;
  if (!d && !(c.usage.status === 'accepted' && unusedOf(c) > 0)) return [];
  return [
    {
      title: turn.t('unused.section'),
      facts: d ? unusedFacts(turn.t, turn.locale, d, c.schoolYear) : [{ title: turn.t('unused.fact.decision'), value: turn.t('unused.fact.open') }],
    },
  ];
}

export function unusedActions(turn: Turn, c: Sent) {
  const d = c.usage.unusedDecision;
  if (!d && c.usage.status === 'accepted' && unusedOf(c) > 0) return [action(turn.t('unused.button.decide'), 'usage.unused', idsOf(c), { style: 'positive' })];
  if (d?.plan === 'repay' && !d.repaidAt) return [action(turn.t('unused.button.repaid'), 'usage.repaid', idsOf(c))];
  return [];
}
