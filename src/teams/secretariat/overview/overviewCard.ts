import { formatNok, type Locale, type Translate } from '../../../domain/i18n';
import { formatSchoolYear } from '../../../domain/report';
import { OWNER_TYPES, ownerTypeLabelKey, type OwnerType } from '../../../domain/ownerTypes';
import { forumOfReport, forumsOf, localised, type RegionConfig } from '../../../domain/regions';
import { areaNames, type ForumPlan } from '../../../domain/forum/plan';
import { SCHEME_CODES, SHARED_BUDGET, type Round } from '../../../domain/round';
import { schemeName } from '../../../domain/schemes';
import { sumLines, type Ledger } from '../../../domain/money/ledger';
import { ledgerLineText, readLedger, scopeName, shownLines } from '../../money/ledgerRead';
import { computeOverview, type Overview, type OverviewRow } from '../../../domain/secretariat/overview';
import type { ReportSummaries } from '../../../storage/reportSummaries';
import type { Services } from '../../services';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import { action, type CardAction } from '../../cards/action';
import { deadlineText } from '../cards';
import { schemeBars } from '../../cards/schemeBars';

export const WAITING_SHOWN = 20;

/** The round's overview from its summary columns: one partition query, nothing unpacked. */
export async function loadOverview(summaries: ReportSummaries, regions: RegionConfig, round: Round): Promise<Overview> {
  const rows = await summaries.ofRound(round.id);
  return computeOverview(rows, round.budgets, { groups: regions.workingGroups.map((g) => g.id), ownerTypes: OWNER_TYPES }, round.year);
}

/** The budget per scheme as the ledger has it: each forum's own summed when budgets are per forum. */
export function ledgerBudgets(ledger: Ledger): Record<string, number> {
  return Object.fromEntries(SCHEME_CODES.map((s) => [s, ledger.lines.filter((l) => l.scheme === s).reduce((a, l) => a + l.budget, 0)]));
}

/**
 * The overview and the round's ledger together, budgets from the ledger: what `oversikt` and the
 * daily summary both show, so the two cards and the ledger never disagree (issue 22).
 */
export async function loadOverviewAndLedger(
  services: Pick<Services, 'summaries' | 'tables' | 'regions' | 'plans'>,
  round: Round,
): Promise<{ overview: Overview; ledger: Ledger; plans: ReadonlyMap<string, ForumPlan> }> {
  const [rows, { ledger }] = await Promise.all([services.summaries.ofRound(round.id), readLedger(services, round)]);
  const order = { groups: services.regions.workingGroups.map((g) => g.id), ownerTypes: OWNER_TYPES };
  const overview = computeOverview(rows, ledgerBudgets(ledger), order, round.year);
  // The plans name the areas the waiting list is ordered by: one small read per forum, only when a report names one.
  const plans = new Map<string, ForumPlan>();
  if (overview.waiting.some((r) => r.priorityAreas?.length)) {
    for (const f of forumsOf(services.regions)) {
      const plan = await services.plans.get(f.id);
      if (plan) plans.set(f.id, plan);
    }
  }
  return { overview, ledger, plans };
}

/** " · Lesing og skriving": the priority areas a waiting report serves, in its forum's words. */
function areasText(view: OverviewView, plans: ReadonlyMap<string, ForumPlan> | undefined, r: OverviewRow): string {
  if (!plans?.size || !r.priorityAreas?.length) return '';
  const names = areaNames(plans.get(forumOfReport(view.regions, r)), r.priorityAreas, view.locale);
  return names.length ? ` · ${names.join(', ')}` : '';
}

/**
 * The ledger's lines as facts (one per forum, or the shared budget, and scheme with money), and
 * with budgets per forum the County Governor's total per scheme: the same figures as every other card.
 */
function ledgerFacts(view: OverviewView, ledger: Ledger): Array<{ title: string; value: string }> {
  const { t, locale } = view;
  const lines = shownLines(ledger.lines);
  // While reports come in nothing is taken yet: the budgets stand in the totals already.
  if (!lines.some((l) => l.taken > 0 || l.recommendedInGroups > 0 || l.later > 0)) return [];
  const scopes = [...new Set(lines.map((l) => l.scope))];
  const title = (scope: string, scheme: string) =>
    `${t('ledger.title', { schoolYear: formatSchoolYear(ledger.schoolYear), scope: scopeName(t, locale, view, scope) })} · ${schemeName(t, scheme, 'short')}`;
  const facts = lines.map((l) => ({ title: title(l.scope, l.scheme), value: ledgerLineText(t, locale, l) }));
  if (scopes.length > 1) {
    for (const scheme of SCHEME_CODES) {
      const mine = lines.filter((l) => l.scheme === scheme);
      if (mine.length === 0) continue;
      const total = { ...sumLines(mine), scope: SHARED_BUDGET, scheme, schoolYear: ledger.schoolYear };
      facts.push({
        title: `${t('ledger.total', { schoolYear: formatSchoolYear(ledger.schoolYear) })} · ${schemeName(t, scheme, 'short')}`,
        value: ledgerLineText(t, locale, total),
      });
    }
  }
  return facts;
}

export interface OverviewView {
  t: Translate;
  locale: Locale;
  regions: RegionConfig;
}

/**
 * The overview as a card: totals, one bar per scheme (requested against budget: blue within the
 * budget, red beyond it, grey still free; the numbers below say the same in words), tallies per
 * working group and owner type, and the reports waiting for a formal check.
 */
export function overviewCard(
  view: OverviewView,
  round: Round,
  o: Overview,
  opts: { title?: string; actions?: CardAction[]; note?: string; ledger?: Ledger; plans?: ReadonlyMap<string, ForumPlan> } = {},
): AdaptiveCard {
  const { t, locale } = view;
  const nok = (n: number) => formatNok(n, locale);
  const tally = (count: number, requested: number) => t('overview.tally', { count, requested: nok(requested) });
  const groupName = (id: string) => {
    const g = view.regions.workingGroups.find((w) => w.id === id);
    return g ? localised(g.name, locale) : id || t('overview.noGroup');
  };
  const schemes = schemeBars(
    t,
    locale,
    o.schemes.map((s) => ({ ...s, amount: s.requested })),
    { amount: 'requested', noBudget: 'overview.schemeNoBudget', over: 'overview.schemeOver', within: 'overview.schemeLine' },
  )
    .map((s, i) => (o.schemes[i].continuing > 0 ? { ...s, line: `${s.line} ${t('continuation.overviewLine', { amount: nok(o.schemes[i].continuing) })}` } : s))
    .map((s, i) => (o.schemes[i].later > 0 ? { ...s, line: `${s.line} ${t('money.laterLine', { later: nok(o.schemes[i].later) })}` } : s));
  const waiting = o.waiting.slice(0, WAITING_SHOWN).map(
    (r) =>
      t('overview.waitingLine', {
        reference: r.reference,
        owner: r.ownerName,
        title: r.title,
        requested: nok(r.totalRequested),
      }) + areasText(view, opts.plans, r),
  );
  if (o.waiting.length > WAITING_SHOWN) waiting.push(t('overview.more', { count: o.waiting.length - WAITING_SHOWN }));
  if (o.waiting.length === 0) waiting.push(t('overview.waitingNone'));
  return renderCard('overview', {
    title: opts.title ?? t('overview.title', { year: round.year }),
    intro: [t('overview.intro', { status: t(`rounds.status.${round.status}`), deadline: deadlineText(t, locale, round.deadline) }), opts.note]
      .filter(Boolean)
      .join('\n\n'),
    totals: [
      { title: t('overview.count'), value: String(o.count) },
      { title: t('money.requestedYear', { schoolYear: formatSchoolYear(round.year) }), value: nok(o.requested) },
      { title: t('money.later'), value: nok(o.later) },
      { title: t('overview.budget'), value: nok(o.budget) },
      ...(o.withdrawn ? [{ title: t('overview.withdrawn'), value: String(o.withdrawn) }] : []),
      ...(opts.ledger ? ledgerFacts(view, opts.ledger) : []),
    ],
    schemesTitle: t('overview.byScheme'),
    schemes,
    groupsTitle: t('overview.byGroup'),
    groups: o.groups.map((g) => ({ title: groupName(g.key), value: tally(g.count, g.requested) })),
    ownerTypesTitle: t('overview.byOwnerType'),
    ownerTypes: o.ownerTypes.map((g) => ({
      title: (OWNER_TYPES as readonly string[]).includes(g.key) ? t(ownerTypeLabelKey(g.key as OwnerType)) : g.key,
      value: tally(g.count, g.requested),
    })),
    waitingTitle: t('overview.waiting', { count: o.waiting.length }),
    waiting,
    actions: opts.actions ?? [action(t('overview.refresh'), 'overview.show', { roundId: round.id })],
  });
}
