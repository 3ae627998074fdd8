import { formatCount } from '../../domain/i18n';
import type { JobRun } from '../../storage/jobRuns';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { CardView } from './types';

/**
 * The card a running job shows: its title, how far it is, and that it goes on without the officer.
 * `unit` counts the run's done of total, or is the kind's own line (`{ line }`).
 */
export function progressCard(view: CardView, run: JobRun, title: string, unit: 'people' | 'reports' | 'none' | { line: string }): AdaptiveCard {
  const { t, locale } = view;
  // `count` picks the plural form and is shown formatted ("6 000").
  const figures = { count: run.total, done: formatCount(run.done, locale) };
  const counted =
    typeof unit === 'object' ? unit.line : unit === 'people' ? t('job.progress.people', figures) : unit === 'reports' ? t('job.progress.reports', figures) : '';
  return renderCard('message', {
    title,
    text: [counted, t('job.progress.note')].filter(Boolean).join(' '),
    color: 'Default',
    actions: [],
  });
}
