import { formatDate, formatNok, type Locale, type Translate } from '../../domain/i18n';
import { localised } from '../../domain/regions';
import { formatSchoolYear, statusLabelKey, type NeedsReport } from '../../domain/report';
import { paidSchoolYear, yearIndex } from '../../domain/money/schoolYear';
import { usageDueOf, type Round } from '../../domain/round';
import { usageDeadline } from '../../domain/usage';
import type { ReportRecord } from '../../storage/reports';
import { action } from '../cards/action';
import { factsSection } from '../cards/factsSection';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { Services } from '../services';

/** This school year's amount and the later years' (commitments, decided again each round). */
export function noticeYears(report: ReportRecord<NeedsReport>, roundYear: number) {
  const d = report.data;
  const amounts = report.decision?.amounts ?? [];
  const schoolYear = paidSchoolYear(d.startYear, d.years, roundYear);
  const index = Math.max(0, yearIndex(d.startYear, d.years, schoolYear));
  const later = amounts.slice(index + 1).map((amount, i) => ({ schoolYear: schoolYear + i + 1, amount }));
  return { schoolYear, amount: amounts[index] ?? 0, later: later.filter((y) => y.amount > 0) };
}

/**
 * The decision notice as the owner's people read it (DOMAIN.md section 5): the decision, this school
 * year's amount and later years as commitments, the reason (and that it departs from the forum's
 * recommendation), the conditions of the grant and the right to appeal (forvaltningsloven §§ 27–29).
 */
export function decisionNoticeCard(services: Services, to: { locale: Locale; t: Translate }, report: ReportRecord<NeedsReport>, round: Round): AdaptiveCard {
  const { locale, t } = to;
  const decision = report.decision!;
  const nok = (n: number) => formatNok(n, locale);
  const years = noticeYears(report, round.year);
  const granted = decision.outcome !== 'rejected';
  const office = localised(services.regions.name, locale);

  const facts = [{ title: t('notice.outcome'), value: t(statusLabelKey(decision.outcome)) }];
  if (granted) {
    facts.push({ title: t('money.fact.thisYear', { schoolYear: formatSchoolYear(years.schoolYear) }), value: nok(years.amount) });
    for (const y of years.later) facts.push({ title: t('money.fact.commitment', { schoolYear: formatSchoolYear(y.schoolYear) }), value: nok(y.amount) });
  }
  // The case card's words: one wording for a departure from the forum.
  if (decision.deviatesFrom)
    facts.push({ title: t('decision.deviation.fact'), value: t('decision.deviation.value', { recommended: t(statusLabelKey(decision.deviatesFrom)) }) });
  if (decision.reason) facts.push({ title: t('notice.reason'), value: decision.reason });
  facts.push({ title: t('notice.decidedAt'), value: formatDate(decision.at, locale) });

  const conditions = granted
    ? [
        t('notice.condition.use', { partner: report.data.uhName }),
        ...(report.data.scheme === 'DEKOM' ? [t('notice.condition.ownContribution')] : []),
        t('notice.condition.report', {
          schoolYear: formatSchoolYear(years.schoolYear),
          due: formatDate(usageDeadline(years.schoolYear, usageDueOf(round)), locale),
        }),
        t('notice.condition.unused'),
      ]
    : [];
  return renderCard('summary', {
    progress: '',
    errorSummary: '',
    notice: '',
    title: t('notice.title', { reference: report.reference, outcome: t(statusLabelKey(decision.outcome)) }),
    intro: t('notice.intro', { office, title: report.summary.title, owner: report.summary.ownerName }),
    sections: [
      factsSection(t('notice.section.decision'), facts, years.later.length && granted ? t('notice.laterText') : ''),
      ...(granted ? [factsSection(t('notice.section.conditions'), [], conditions.join('\n\n'))] : []),
      factsSection(t('notice.section.appeal'), [], t('notice.appeal', { office, reference: report.reference })),
    ],
    actions: [action(t('notify.show'), 'report.open', { reportId: report.id })],
  });
}
