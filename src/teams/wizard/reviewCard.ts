import { formatDate, formatNok } from '../../domain/i18n';
import {
  INPUT_STEPS, formatSchoolYear, reportTotals, stepTitleKey, yearSummaries, type InputStep, type ReportDraft, type ReportFieldError,
} from '../../domain/report';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { stepFacts } from './display';
import { progressText, wizardTitle } from './stepCard';
import { action, type WizardView } from './view';

/** The money of a report, year by year, with the own contribution against its minimum. */
export function moneyFacts(view: WizardView, report: ReportDraft): Array<{ title: string; value: string }> {
  const nok = (n: number) => formatNok(n, view.locale);
  const dekom = report.scheme === 'DEKOM';
  const facts = yearSummaries(report).map((y) => ({
    title: y.schoolYear ? formatSchoolYear(y.schoolYear) : String(y.year),
    value: view.t('wizard.review.yearLine', { grant: nok(y.grant), owner: nok(y.owner), uh: nok(y.uh) })
      + (dekom ? `; ${view.t('wizard.review.ownContributionLine', { own: nok(y.ownContribution), min: nok(y.minOwnContribution) })}` : ''),
  }));
  if (facts.length > 0) {
    const totals = reportTotals(report);
    facts.push({ title: view.t('wizard.review.total'), value: nok(totals.grant) });
    if (dekom) facts.push({ title: view.t('wizard.review.totalOwn'), value: nok(totals.ownContribution) });
  }
  return facts;
}

/** The whole report before submission: each part with a button to change it, and its problems. */
export function reviewCard(view: WizardView, args: { draftId: string; report: ReportDraft; errors?: readonly ReportFieldError[]; notice?: string }): AdaptiveCard {
  const { t } = view;
  const ctx = { t, locale: view.locale, regions: view.regions };
  const errorsOf = (step: InputStep) => (args.errors ?? []).filter((e) => e.step === step).map((e) => t(e.key, e.params));
  const sections = INPUT_STEPS.map((step) => ({
    title: t(stepTitleKey(step)),
    editTitle: t(`wizard.change.${step}`), editVerb: 'report.goto', editData: { verb: 'report.goto', draftId: args.draftId, step },
    facts: step === 'money' ? [...stepFacts(ctx, args.report, step), ...moneyFacts(view, args.report)] : stepFacts(ctx, args.report, step),
    errors: errorsOf(step),
    text: '',
  }));
  const data = { draftId: args.draftId, step: 'review' };
  return renderCard('summary', {
    progress: progressText(view, 'review'),
    title: wizardTitle(view, 'review'),
    intro: `${t('wizard.review.intro')} ${t('wizard.review.deadline', { deadline: formatDate(view.round.deadline, view.locale) })}`,
    notice: args.notice ?? '',
    errorSummary: args.errors?.length ? t('wizard.reviewErrors') : '',
    errorFooter: args.errors?.length ? t('wizard.fixSections', { sections: sections.filter((x) => x.errors.length > 0).map((x) => x.title).join(', ') }) : '',
    sections,
    actions: [
      action(t('wizard.back'), 'report.back', data),
      action(view.editing ? t('wizard.submitEdit') : t('wizard.submit'), 'report.submit', data, { style: 'positive' }),
      action(t('wizard.saveClose'), 'report.close', data),
      action(t('wizard.cancel'), 'report.cancel', data),
    ],
  });
}
