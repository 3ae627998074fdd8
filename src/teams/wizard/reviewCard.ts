import { formatDate } from '../../domain/i18n';
import { INPUT_STEPS, stepTitleKey, type InputStep, type ReportDraft, type ReportFieldError } from '../../domain/report';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { moneyFacts, stepFacts } from '../cards/reportFacts';
import { progressText, wizardTitle } from './stepCard';
import type { Verb } from '../actions/verbs';
import { action } from '../cards/action';
import type { WizardView } from './view';

export function reviewCard(
  view: WizardView,
  args: { draftId: string; report: ReportDraft; errors?: readonly ReportFieldError[]; notice?: string },
): AdaptiveCard {
  const { t } = view;
  const ctx = { t, locale: view.locale, regions: view.regions, areas: view.areas };
  const errorsOf = (step: InputStep) => (args.errors ?? []).filter((e) => e.step === step).map((e) => t(e.key, e.params));
  const sections = INPUT_STEPS.map((step) => ({
    title: t(stepTitleKey(step)),
    editTitle: t(`wizard.change.${step}`),
    editVerb: 'report.goto' satisfies Verb,
    editData: { verb: 'report.goto' satisfies Verb, draftId: args.draftId, step },
    // Label and value side by side: the whole report stays readable on one screen before it is sent.
    facts: [],
    factRows: step === 'money' ? [...stepFacts(ctx, args.report, step), ...moneyFacts(view, args.report)] : stepFacts(ctx, args.report, step, 'review'),
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
    errorFooter: args.errors?.length
      ? t('wizard.fixSections', {
          sections: sections
            .filter((x) => x.errors.length > 0)
            .map((x) => x.title)
            .join(', '),
        })
      : '',
    sections,
    actions: [
      action(t('wizard.back'), 'report.back', data),
      action(view.editing ? t('wizard.submitEdit') : t('wizard.submit'), 'report.submit', data, { style: 'positive' }),
      action(t('wizard.saveClose'), 'report.close', data),
      action(t('wizard.cancel'), 'report.cancel', data),
    ],
  });
}
