import { SCHEME_RULES } from '../schemes';
import { minOwnContribution } from './money';
import type { ReportDraft, ReportField } from './report-fields';
import type { Formats, Problem } from './problems';
import { WIDER_TARGET_GROUPS } from './target-groups';
import { OTHER_THEME } from './themes';

/**
 * Rules that need more than one field. Each rule stays silent while a field it needs is missing,
 * so the same list serves a half-filled draft (step by step) and a finished report.
 *
 * A problem inside a list also names its entry (1-based): `params.line` is the entry's position,
 * which is the line only if the list was typed without blank lines; a caller that has the typed
 * text puts the real line number in.
 */

export interface FieldProblem extends Problem {
  field: ReportField;
  entry?: number;
}

type Rule = (r: ReportDraft, f: Formats) => FieldProblem[];

const komploftOwnerType: Rule = (r) => {
  if (!r.scheme || !r.ownerType) return [];
  return SCHEME_RULES[r.scheme].ownerTypes.includes(r.ownerType) ? [] : [{ field: 'scheme', key: 'report.error.schemeOwnerType' }];
};

const networkWithoutReportingOwner: Rule = (r) => {
  if (!r.network || !r.ownerOrgnr) return [];
  const out: FieldProblem[] = [];
  r.network.forEach((m, i) => {
    if (m.orgnr === r.ownerOrgnr) out.push({ field: 'network', key: 'report.error.line.self', params: { line: i + 1, orgnr: m.orgnr }, entry: i + 1 });
  });
  return out;
};

const otherThemeNamed: Rule = (r) => (r.theme === OTHER_THEME && !r.themeOther ? [{ field: 'themeOther', key: 'report.error.themeOtherRequired' }] : []);

const targetGroupsFitScheme: Rule = (r) => {
  if (!r.scheme || !r.targetGroups || SCHEME_RULES[r.scheme].widerTargetGroups) return [];
  return r.targetGroups.some((g) => WIDER_TARGET_GROUPS.includes(g)) ? [{ field: 'targetGroups', key: 'report.error.targetGroupsNeedKomploft' }] : [];
};

const listedUnitsWithinCount: Rule = (r, f) => {
  if (!r.units || r.unitCount === undefined || r.units.length <= r.unitCount) return [];
  return [{ field: 'unitCount', key: 'report.error.unitsMoreThanCount', params: { count: f.count(r.units.length), stated: f.count(r.unitCount) } }];
};

const amountsMatchPeriod: Rule = (r) => {
  if (!r.amounts || r.years === undefined) return [];
  const out: FieldProblem[] = [];
  r.amounts.forEach((_row, i) => {
    if (i >= r.years!) {
      out.push({ field: 'amounts', key: 'report.error.amount.beyondPeriod', params: { year: i + 1, count: r.years! }, path: [i, 'owner'] });
    }
  });
  for (let i = r.amounts.length; i < r.years; i++) {
    out.push({ field: 'amounts', key: 'report.error.amount.required', params: { year: i + 1 }, path: [i, 'owner'] });
  }
  return out;
};

const ownContributionAtLeastShare: Rule = (r, f) => {
  if (!r.scheme || !r.amounts) return [];
  const percent = SCHEME_RULES[r.scheme].ownContributionPercent;
  if (percent === 0) return [];
  const out: FieldProblem[] = [];
  r.amounts.slice(0, r.years ?? r.amounts.length).forEach((row, i) => {
    const grant = row.owner + row.uh;
    const min = minOwnContribution(grant, r.scheme!);
    const year = i + 1;
    const path = [i, 'ownContribution'];
    if (row.ownContribution === undefined) {
      out.push({ field: 'amounts', key: 'report.error.ownContribution.required', params: { year, min: f.nok(min), percent }, path });
    } else if (row.ownContribution < min) {
      out.push({
        field: 'amounts',
        key: 'report.error.ownContribution.tooLow',
        path,
        params: { year, min: f.nok(min), amount: f.nok(row.ownContribution), grant: f.nok(grant), percent },
      });
    }
  });
  return out;
};

const RULES: readonly Rule[] = [
  komploftOwnerType,
  networkWithoutReportingOwner,
  otherThemeNamed,
  targetGroupsFitScheme,
  listedUnitsWithinCount,
  amountsMatchPeriod,
  ownContributionAtLeastShare,
];

export function crossFieldProblems(report: ReportDraft, f: Formats): FieldProblem[] {
  return RULES.flatMap((rule) => rule(report, f));
}

/** A free-text theme only belongs with "annet"; drop it when another theme was chosen. */
export function normaliseReport<T extends ReportDraft>(report: T): T {
  if (report.theme !== undefined && report.theme !== OTHER_THEME && report.themeOther !== undefined) {
    const { themeOther: _dropped, ...rest } = report;
    return rest as T;
  }
  return report;
}
