import { formatNok, type Translate, type Locale } from '../../domain/i18n';
import { formatOrgnr } from '../../domain/orgnr';
import { ownerTypeLabelKey } from '../../domain/ownerTypes';
import { findRegion, localised, type RegionConfig } from '../../domain/regions';
import {
  STEP_FIELDS,
  formatSchoolYear,
  inputLabel,
  reportTotals,
  yearSummaries,
  targetGroupLabelKey,
  themeLabelKey,
  type InputStep,
  type ReportDraft,
  type ReportField,
} from '../../domain/report';
import { schemeName } from '../../domain/schemes';
import { AREA_IDS, areaName, type PriorityArea } from '../../domain/forum/plan';
import { cutText, isLong } from './longText';

export interface DisplayContext {
  t: Translate;
  locale: Locale;
  regions: RegionConfig;
  /** The forum's priority areas, to name the ones a report chose (without them: "Prioriteringsområde 2"). */
  areas?: readonly PriorityArea[];
}

/** A field of a report as a person reads it on the review and detail cards. */
export function displayValue(ctx: DisplayContext, report: ReportDraft, field: ReportField): string {
  const { t } = ctx;
  const none = t('wizard.none');
  switch (field) {
    case 'ownerOrgnr':
    case 'uhOrgnr':
      return report[field] ? formatOrgnr(report[field]!) : none;
    case 'ownerType':
      return report.ownerType ? t(ownerTypeLabelKey(report.ownerType)) : none;
    case 'scheme':
      return report.scheme ? schemeName(t, report.scheme) : none;
    case 'region': {
      const region = report.region ? findRegion(ctx.regions, report.region) : undefined;
      return region ? localised(region.name, ctx.locale) : (report.region ?? none);
    }
    case 'theme':
      return report.theme ? t(themeLabelKey(report.theme)) : none;
    case 'priorityAreas':
      return report.priorityAreas?.length
        ? report.priorityAreas
            .map((id) => {
              const area = ctx.areas?.find((a) => a.id === id);
              return area ? areaName(area, ctx.locale) : t('plan.area', { n: AREA_IDS.indexOf(id) + 1 });
            })
            .join(', ')
        : none;
    case 'targetGroups':
      return report.targetGroups?.length ? report.targetGroups.map((g) => t(targetGroupLabelKey(g))).join(', ') : none;
    case 'network':
    case 'units':
      return report[field]?.length ? asLines(report[field]!.map((e) => (e.orgnr ? `${e.name} (${formatOrgnr(e.orgnr)})` : e.name))) : none;
    case 'uhDialogueConfirmed':
    case 'staffInvolved':
      return report[field] === undefined ? none : report[field] ? t('wizard.yes') : t('wizard.no');
    case 'startYear':
      return report.startYear ? formatSchoolYear(report.startYear) : none;
    case 'amounts':
      return report.amounts?.length ? report.amounts.map((a) => formatNok(a.owner + a.uh, ctx.locale)).join(' / ') : none;
    case 'needAndGoal': {
      const lines = (report.needAndGoal ?? '').split(/\r?\n/).filter((l) => l.trim() !== '');
      return lines.length ? asLines(lines) : none;
    }
    default: {
      const v = report[field];
      return v === undefined || v === '' ? none : String(v);
    }
  }
}

/**
 * Lines a card shows one under the other. Fact values are markdown in Teams, where a single line
 * break reads as a space ("Nabo kommune (…) Tredje kommune (…)"); a blank line keeps them apart.
 */
function asLines(lines: string[]): string {
  return lines.join('\n\n');
}

/** The free-text fields that can be long: cards show them cut (cards/longText.ts), the whole text a press away. */
export const LONG_FIELDS = ['network', 'needAndGoal', 'units'] as const satisfies readonly ReportField[];
export type LongField = (typeof LONG_FIELDS)[number];
const isLongField = (f: ReportField): f is LongField => (LONG_FIELDS as readonly ReportField[]).includes(f);

/**
 * The facts of one step: every field except the money rows, which get their own section. Long
 * texts are cut: `cut: 'more'` where the card has a button for the whole text, `'review'` where
 * the step's Change button shows it.
 */
export function stepFacts(ctx: DisplayContext, report: ReportDraft, step: InputStep, cut?: 'more' | 'review'): Array<{ title: string; value: string }> {
  return (STEP_FIELDS[step] as readonly ReportField[])
    .filter((f) => f !== 'amounts' && !(f === 'themeOther' && !report.themeOther) && !(f === 'priorityAreas' && !report.priorityAreas?.length))
    .map((f) => {
      const value = displayValue(ctx, report, f);
      return { title: labelOf(ctx.t, f), value: cut && isLongField(f) ? cutText(ctx, value, { review: cut === 'review' }) : value };
    });
}

/** The long field of this step that a card shows cut, if any (each step has at most one). */
export function cutFieldOf(ctx: DisplayContext, report: ReportDraft, step: InputStep): LongField | undefined {
  return (STEP_FIELDS[step] as readonly ReportField[]).filter(isLongField).find((f) => isLong(displayValue(ctx, report, f)));
}

/** The money of a report, year by year, with the own contribution against its minimum. */
export function moneyFacts(ctx: DisplayContext, report: ReportDraft): Array<{ title: string; value: string }> {
  const nok = (n: number) => formatNok(n, ctx.locale);
  const dekom = report.scheme === 'DEKOM';
  const facts = yearSummaries(report).map((y) => ({
    title: y.schoolYear ? formatSchoolYear(y.schoolYear) : String(y.year),
    value:
      ctx.t('wizard.review.yearLine', { grant: nok(y.grant), owner: nok(y.owner), uh: nok(y.uh) }) +
      (dekom ? `; ${ctx.t('wizard.review.ownContributionLine', { own: nok(y.ownContribution), min: nok(y.minOwnContribution) })}` : ''),
  }));
  if (facts.length > 0) {
    const totals = reportTotals(report);
    facts.push({ title: ctx.t('wizard.review.total'), value: nok(totals.grant) });
    if (dekom) facts.push({ title: ctx.t('wizard.review.totalOwn'), value: nok(totals.ownContribution) });
  }
  return facts;
}

/** The whole report before submission: each part with a button to change it, and its problems. */

/** The label of a card input in the person's language. */
export function labelOf(t: Translate, inputId: string): string {
  const { key, params } = inputLabel(inputId);
  return t(key, params);
}
