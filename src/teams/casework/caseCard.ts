import { formatDateTime, formatNok, type Locale } from '../../domain/i18n';
import { findRegion, localised, type RegionConfig } from '../../domain/regions';
import { forumFacts } from './forumFacts';
import { INPUT_STEPS, formatSchoolYear, statusLabelKey, stepTitleKey, type AuditEntry, type NeedsReport } from '../../domain/report';
import type { ReportRecord } from '../../storage/reports';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { Turn } from '../turn';
import { moneyFacts, stepFacts } from '../cards/reportFacts';
import { action } from '../cards/action';
import type { Case } from './load';
import { continuationFacts } from '../forum/continuationText';
import { usageCaseSections } from '../usage/caseUsage';
import { factsSection } from '../cards/factsSection';
import { cutFieldOf } from '../cards/reportFacts';
import { CUT_CHARS, cutText, isLong } from '../cards/longText';
import { showAllAction } from '../cards/fullTextCard';
import { claimSections, templateSection } from '../claims/claimSections';
import { appealAction, appealFacts } from './appealFacts';
import { HISTORY_SHOWN, decisionFacts } from '../cards/decisionFacts';
import { actorLabel, storyLine, type StoryContext } from '../cards/storyLine';

export { actorLabel };
import { forumView, groupRecommendationText } from '../forum/view';

export { formatDateTime, formatTime } from '../../domain/i18n';
// Shared with the owner's report card (cards/), which must not reach into casework/.
export { HISTORY_SHOWN, decisionFacts } from '../cards/decisionFacts';

export function groupName(regions: RegionConfig, id: string, locale: Locale): string {
  const g = regions.workingGroups.find((w) => w.id === id);
  return g ? localised(g.name, locale) : id || '–';
}

/** The meeting a report was last put on the agenda of (audit reason `meeting:<id>`). */
export function meetingOfHistory(history: readonly AuditEntry[]): string | undefined {
  const entry = [...history].reverse().find((h) => h.to === 'on_agenda');
  return entry?.reason ? /^meeting:([A-Za-z0-9-]{1,80})/.exec(entry.reason)?.[1] : undefined;
}

/** How long a reason in the audit trail may be on a card. */
const HISTORY_REASON_CHARS = 300;

/** One line per entry of the audit trail (the most recent HISTORY_SHOWN): when, from → to, who, and why. */
export function historyFacts(turn: Turn, history: readonly AuditEntry[], report: StoryContext = {}): Array<{ title: string; value: string }> {
  const { t, locale } = turn;
  const earlier = Math.max(0, history.length - HISTORY_SHOWN);
  const facts = history.slice(earlier).map((h) => {
    const who = actorLabel(t, h.actor);
    const c = h.change?.field === 'continuation' ? h.change : undefined;
    // An appeal's steps are the case's story too; other changes (group, continuation) are told below.
    const story = h.change && h.change.field !== 'appeal' ? { reason: h.reason } : storyLine(turn, h, report, who);
    const line = c
      ? t(h.from === h.to ? 'continuation.historyTo' : 'continuation.historyFrom', {
          reference: h.from === h.to ? c.to : c.from,
          year: c.year,
          of: c.of,
          schoolYear: formatSchoolYear(c.schoolYear),
          who,
        })
      : h.change?.field === 'workingGroup'
        ? t('case.history.group', {
            from: groupName(turn.services.regions, h.change.from, locale),
            to: groupName(turn.services.regions, h.change.to, locale),
            who,
          })
        : (story.line ?? t('case.history.move', { from: t(statusLabelKey(h.from)), to: t(statusLabelKey(h.to)), who }));
    // Edits carry their version ("v2") as reason: worth showing, but not in quotes.
    const shown = story.reason;
    const reason = shown
      ? /^v\d+$/.test(shown)
        ? ` · ${shown}`
        : `\n${t('case.history.reason', { reason: cutText(turn, shown, { max: HISTORY_REASON_CHARS }) })}`
      : '';
    return { title: formatDateTime(h.at, locale), value: line + reason };
  });
  return earlier ? [{ title: '', value: t('history.earlier', { count: earlier }) }, ...facts] : facts;
}

/**
 * A report as the secretariat sees it: the case facts, every field with the money per year, the
 * decision, the whole audit trail, and the buttons for what can be done in its status.
 */
/** On an original report: each later year of the measure, its continuation and where it stands. */
function yearsFacts(turn: Turn, report: ReportRecord<NeedsReport>, later: Case['later']): Array<{ title: string; value: string }> {
  const { t, locale } = turn;
  return (report.continuedIn ?? []).map((c) => {
    const now = later?.find((l) => l.id === c.reportId);
    const parts = [t('continuation.marker', { year: c.year, of: report.data.years }), c.reference];
    if (now) parts.push(t(statusLabelKey(now.status)));
    if (now?.decision) parts.push(`${t(statusLabelKey(now.decision.outcome))} ${formatNok(now.decision.total, locale)}`);
    if (now?.payment) parts.push(t('continuation.paid', { amount: formatNok(now.payment.amount ?? now.decision?.total ?? 0, locale) }));
    return { title: formatSchoolYear(c.schoolYear), value: parts.join(' · ') };
  });
}

export function caseCard(turn: Turn, { report, round, later, usage, claim, areas }: Case, notice = ''): AdaptiveCard {
  const { t, locale } = turn;
  const regions = turn.services.regions;
  const ctx = { t, locale, regions, areas };
  const region = findRegion(regions, report.data.region);
  const ids = { roundId: round.id, reportId: report.id };
  const sections = [
    factsSection(t('case.section'), [
      { title: t('case.status'), value: t(statusLabelKey(report.status)) },
      // After the working group: its anbefaling with the tally, not only "Behandlet i arbeidsgruppen".
      ...(report.groupRecommendation
        ? [{ title: t('forum.group.recommendation'), value: groupRecommendationText(forumView(turn.services, locale), report) ?? '' }]
        : []),
      { title: t('case.round'), value: String(round.year) },
      { title: t('case.owner'), value: report.summary.ownerName },
      {
        title: t('case.workingGroup'),
        value: groupName(regions, report.summary.workingGroup, locale) + (region ? ` (${localised(region.name, locale)})` : ''),
      },
      ...forumFacts(turn, report),
      { title: t('case.requested'), value: formatNok(report.summary.totalRequested, locale) },
      { title: t('case.submitted'), value: formatDateTime(report.submittedAt, locale) },
      // A first version says nothing; a changed one is worth knowing.
      ...(report.version > 1 ? [{ title: t('case.version'), value: String(report.version) }] : []),
    ]),
    // The filer is not (yet) one of the owner's confirmed people: the officer confirms or rejects them here.
    ...(claim ? claimSections(turn, claim, t('claims.case.title'), { roundId: round.id, reportId: report.id }).map(templateSection) : []),
    ...(report.continuation ? [factsSection(t('continuation.section'), continuationFacts(t, locale, report.continuation))] : []),
    ...(report.continuedIn?.length ? [factsSection(t('continuation.years'), yearsFacts(turn, report, later))] : []),
    ...(report.decision
      ? [
          factsSection(
            t('decision.section'),
            decisionFacts(turn, report, report.decision, report.payment, true),
            '',
            isLong(report.decision.reason ?? '', CUT_CHARS) ? showAllAction(turn, 'report.check', ids, 'decisionReason') : undefined,
          ),
        ]
      : []),
    ...(report.appeal ? [factsSection(t('appeal.section'), appealFacts(t, locale, report))] : []),
    ...usageCaseSections(turn, usage ?? []),
  ];
  // The report's fields and the history are behind one toggle, so the buttons and the state come first.
  const details = [
    ...INPUT_STEPS.map((step) => {
      const cut = cutFieldOf(ctx, report.data, step);
      return factsSection(
        t(stepTitleKey(step)),
        step === 'money' ? [...stepFacts(ctx, report.data, step), ...moneyFacts(ctx, report.data)] : stepFacts(ctx, report.data, step, 'more'),
        '',
        cut ? showAllAction(turn, 'report.check', ids, cut) : undefined,
      );
    }),
    factsSection(t('case.history'), historyFacts(turn, report.history, report)),
  ];
  const actions = [];
  if (report.status === 'submitted') actions.push(action(t('case.action.pass'), 'report.checkPass', ids, { style: 'positive' }));
  if (report.status === 'submitted' || report.status === 'formally_checked') actions.push(action(t('case.action.return'), 'report.return', ids));
  if (report.status === 'prioritised' || report.status === 'not_prioritised')
    actions.push(action(t('case.action.decide'), 'decision.form', ids, { style: 'positive' }));
  if (report.status === 'granted' || report.status === 'partly_granted') actions.push(action(t('case.action.paid'), 'decision.paid', ids));
  const appeal = appealAction(t, { report, round });
  if (appeal) actions.push(appeal);
  // An item left undecided at its meeting: the follow-up form (it says so when the vote is not closed yet).
  const meetingId = report.status === 'on_agenda' ? meetingOfHistory(report.history) : undefined;
  if (meetingId) actions.push(action(t('forum.undecided.fromCase'), 'undecided.form', { meetingId, reportId: report.id }));
  // The group matters until the forum has prioritised; after a decision it changes nothing.
  if (['submitted', 'formally_checked', 'on_agenda'].includes(report.status)) actions.push(action(t('case.action.group'), 'report.moveGroup', ids));
  actions.push(action(t('colleagues.caseButton'), 'colleagues.list', { orgnr: report.summary.ownerOrgnr }));
  return renderCard('summary', {
    progress: '',
    errorSummary: '',
    intro: '',
    notice,
    title: t('case.title', { reference: report.reference, title: report.summary.title }),
    sections,
    topActions: actions,
    actions: [],
    details,
    detailsTitle: t('card.details'),
  });
}
