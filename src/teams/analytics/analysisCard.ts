import type { Analysis, AnalysisView } from '../../domain/analytics/views';
import { PRIVACY_MIN_OWNERS } from '../../domain/analytics/views';
import { localised } from '../../domain/regions';
import type { Round } from '../../domain/round';
import { schemeName } from '../../domain/schemes';
import { schemeChoices } from '../../domain/report/choices';
import { action, type CardAction } from '../cards/action';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { columnLabel, formatValue, rowLabel, type Labeller } from '../../domain/analytics/labels';
import { ALL, LAST_N, type AnalysisChoice, type AnalysisScope } from './scope';

/**
 * The `analyse` card: the choice (rounds, forum, scheme) and one block per view, each a Teams
 * chart (Chart.VerticalBar, HorizontalBar, Donut or Line) whose `fallback` draws the same rows as
 * bars with the figures in words, for every client that draws no charts (the Playground, mobile,
 * screen readers).
 */

const BAR_SCALE = 100;

function chartData(l: Labeller, v: AnalysisView): unknown[] {
  const labels = v.rows.map((r) => rowLabel(l, r));
  if (v.id === 'money') {
    // One bar per figure (requested, prioritised, granted, paid), summed over schemes and years.
    return v.columns.map((c, i) => ({ x: columnLabel(l, c), y: v.rows.reduce((a, r) => a + r.values[i], 0) }));
  }
  if (v.chart === 'Chart.Line') {
    return v.columns
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c !== 'reports')
      .map(({ c, i }) => ({ legend: columnLabel(l, c), values: v.rows.map((r, j) => ({ x: labels[j], y: r.values[i] })) }));
  }
  if (v.chart === 'Chart.Donut') return v.rows.map((r, j) => ({ legend: labels[j], value: r.values[v.chartColumn] }));
  return v.rows.map((r, j) => ({ x: labels[j], y: r.values[v.chartColumn] }));
}

/** The fallback's rows: a bar against the largest (or against 100 % for shares) and the figures in words. */
function fallbackRows(l: Labeller, v: AnalysisView) {
  const col = v.columns[v.chartColumn];
  const top = col === 'prioritisedShare' || col === 'grantedShare' ? 100 : Math.max(1, ...v.rows.map((r) => r.values[v.chartColumn]));
  return v.rows.map((r) => {
    const bar = Math.round((r.values[v.chartColumn] * BAR_SCALE) / top);
    return {
      label: rowLabel(l, r),
      bar,
      rest: BAR_SCALE - bar,
      words: v.columns.map((c, i) => `${columnLabel(l, c)}: ${formatValue(l, c, r.values[i])}`).join(' · '),
    };
  });
}

export function roundsText(l: Labeller, chosen: readonly Round[]): string {
  if (chosen.length === 1) return l.t('analysis.rounds.single', { year: chosen[0].year });
  return l.t('analysis.rounds.span', { from: chosen[0]?.year ?? '', to: chosen[chosen.length - 1]?.year ?? '' });
}

export function scopeName(l: Labeller, forumId: string): string {
  if (forumId === ALL) return l.t('analysis.scope.all');
  const forum = l.regions.forums?.find((f) => f.id === forumId);
  return forum ? localised(forum.name, l.locale) : localised(l.regions.name, l.locale);
}

export function analysisCard(
  l: Labeller,
  input: { choice: AnalysisChoice; scope: AnalysisScope; rounds: readonly Round[]; chosen: readonly Round[]; analysis: Analysis },
): AdaptiveCard {
  const { t } = l;
  const { choice, scope, analysis } = input;
  const data = { rounds: choice.rounds, forum: choice.forum, scheme: choice.scheme };
  const actions: CardAction[] = [
    action(t('analysis.show'), 'analysis.show', {}, { inputs: 'auto' }),
    action(t('analysis.download'), 'analysis.export', {}, { inputs: 'auto' }),
    ...(scope.officer ? [action(t('analysis.summaryButton'), 'analysis.summary', {}, { inputs: 'auto' })] : []),
  ];
  const message = analysis.withheld ? t('analysis.withheld', { min: PRIVACY_MIN_OWNERS }) : analysis.reports === 0 ? t('analysis.empty') : '';
  return renderCard('analysis', {
    title: t('analysis.title', { scope: scopeName(l, choice.forum) }),
    intro: t('analysis.intro', {
      reports: analysis.withheld ? '–' : analysis.reports,
      owners: analysis.withheld ? '–' : analysis.owners,
      rounds: roundsText(l, input.chosen),
      scheme: choice.scheme === ALL ? t('analysis.scheme.all') : schemeName(t, choice.scheme),
    }),
    privacy: t('analysis.privacy', { min: PRIVACY_MIN_OWNERS }),
    roundsLabel: t('analysis.rounds'),
    ...data,
    roundChoices: [
      ...LAST_N.map((n) => ({ title: t('analysis.rounds.last', { count: n }), value: `last${n}` })),
      ...input.rounds.map((r) => ({ title: t('analysis.rounds.single', { year: r.year }), value: r.id })),
    ],
    forumLabel: t('analysis.forum'),
    forumChoices: [
      ...(scope.officer && scope.forums.length > 1 ? [{ title: t('analysis.forum.all'), value: ALL }] : []),
      ...scope.forums.map((f) => ({ title: localised(f.name, l.locale), value: f.id })),
    ],
    schemeLabel: t('analysis.scheme'),
    schemeChoices: [{ title: t('analysis.scheme.allChoice'), value: ALL }, ...schemeChoices(t)],
    message,
    views: analysis.views.map((v) => ({
      title: t(`analysis.view.${v.id}`),
      short: t(`analysis.sheet.${v.id}`),
      chart: v.chart,
      chartData: chartData(l, v),
      rows: fallbackRows(l, v),
      hiddenNote: v.hidden > 0 ? t('analysis.hidden', { count: v.hidden, min: PRIVACY_MIN_OWNERS }) : '',
    })),
    actions,
  });
}
