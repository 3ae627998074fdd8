import { z } from 'zod';
import type { Locale } from '../i18n/locale';
import { OWNER_TYPES } from '../ownerTypes';
import { SCHEMES } from '../schemes';
import { coerceChoice, coerceChoices, coerceEmail, coerceInteger, coerceOrgnr, coercePhone, coerceText } from './card-input';
import { coerceAmounts, coerceRegion, coerceStartYear, coerceYears, mustBeTrue, required, zField } from './fields';
import { LIMITS } from './limits';
import { parseLineList, type ListedOrg, type LineListRule } from './line-list';
import { good, formatsFor, type Coerced, type Formats } from './problems';
import { ANY_START_YEAR } from './school-year';
import { TARGET_GROUPS } from './target-groups';
import { THEMES } from './themes';
import { AREA_IDS, type AreaId } from '../forum/plan';

/**
 * The fields of a needs report (behovsmelding), DOMAIN.md section 3. `reportShape` holds one zod
 * schema per field; step schemas are picks of it, and `NeedsReport` (needs-report.ts) is all of it
 * plus the rules that span fields. Each field schema accepts raw card input as well as its own output.
 */

export interface ShapeContext {
  /** Language of numbers formatted into messages (the texts themselves are looked up later). */
  locale?: Locale;
  /** Configured region ids; without them any well-formed id passes (e.g. reading storage). */
  regionIds?: readonly string[];
  /** Allowed first school years (see school-year.ts); without it, a broad sanity range. */
  startYear?: { min: number; max: number };
  /** The priority areas of the report's forum (plan.ts): then at least one must be chosen. Without them, any stored ids pass. */
  areaIds?: readonly AreaId[];
}

export interface NetworkMember {
  name: string;
  orgnr: string;
}

export const NETWORK_RULE: LineListRule = { orgnrRequired: true, ...LIMITS.network, maxNameLength: LIMITS.orgName };
export const UNITS_RULE: LineListRule = { orgnrRequired: false, ...LIMITS.units, maxNameLength: LIMITS.orgName };

function lineList<T extends ListedOrg>(raw: unknown, rule: LineListRule, f: Formats): Coerced<T[]> {
  const parsed = parseLineList(raw, rule, f);
  return parsed.problems.length > 0 ? { ok: false, problems: parsed.problems } : good(parsed.entries as T[]);
}

export function reportShape(ctx: ShapeContext = {}) {
  const f = formatsFor(ctx.locale);
  const text =
    (max: number, multiline = false) =>
    (raw: unknown) =>
      coerceText(raw, { max, multiline }, f);
  const requiredText =
    (max: number, multiline = false) =>
    (raw: unknown) =>
      required(text(max, multiline)(raw));
  const count = (limits: { min: number; max: number }) => (raw: unknown) => required(coerceInteger(raw, { ...limits, kind: 'count' }, f));

  return {
    // Step 1: owner and scheme (and who to contact about the report).
    ownerName: zField(requiredText(LIMITS.ownerName)),
    ownerOrgnr: zField((raw) => required(coerceOrgnr(raw))),
    ownerType: zField((raw) => required(coerceChoice(raw, OWNER_TYPES), 'report.error.chooseOne')),
    network: zField((raw) => lineList<NetworkMember>(raw, NETWORK_RULE, f)),
    region: zField((raw) => required(coerceRegion(raw, ctx.regionIds), 'report.error.chooseOne')),
    scheme: zField((raw) => required(coerceChoice(raw, SCHEMES), 'report.error.chooseOne')),
    contactName: zField(requiredText(LIMITS.contactName)),
    contactEmail: zField((raw) => required(coerceEmail(raw, f))),
    contactPhone: zField((raw) => required(coercePhone(raw, f))),
    // Step 2: the measure.
    title: zField(requiredText(LIMITS.title)),
    needAndGoal: zField(requiredText(LIMITS.needAndGoal, true)),
    theme: zField((raw) => required(coerceChoice(raw, THEMES), 'report.error.chooseOne')),
    themeOther: zField(text(LIMITS.themeOther)),
    priorityAreas: zField((raw) =>
      ctx.areaIds?.length ? required(coerceChoices(raw, ctx.areaIds), 'report.error.priorityArea') : coerceChoices(raw, AREA_IDS),
    ),
    // Step 3: target groups and participants.
    targetGroups: zField((raw) => required(coerceChoices(raw, TARGET_GROUPS), 'report.error.chooseAtLeastOne')),
    unitCount: zField(count(LIMITS.unitCount)),
    units: zField((raw) => lineList<ListedOrg>(raw, UNITS_RULE, f)),
    participants: zField(count(LIMITS.participants)),
    // Step 4: university partner and confirmations.
    uhName: zField(requiredText(LIMITS.uhName)),
    uhOrgnr: zField((raw) => coerceOrgnr(raw)),
    uhContact: zField(requiredText(LIMITS.uhContact)),
    uhDialogueConfirmed: zField((raw) => mustBeTrue(raw, 'report.error.mustConfirm.uhDialogue')),
    staffInvolved: zField((raw) => mustBeTrue(raw, 'report.error.mustConfirm.staff')),
    // Step 5: period and money.
    startYear: zField((raw) => required(coerceStartYear(raw, ctx.startYear ?? ANY_START_YEAR), 'report.error.schoolYear.format')),
    years: zField((raw) => coerceYears(raw, f)),
    amounts: zField((raw) => coerceAmounts(raw, f)),
  };
}

export type ReportShape = ReturnType<typeof reportShape>;
export type ReportField = keyof ReportShape;
export const REPORT_FIELDS = Object.keys(reportShape()) as ReportField[];

export const ReportFields = z.object(reportShape());

/** A complete needs report, as stored and submitted. */
export type NeedsReport = z.output<typeof ReportFields>;

/** A report being filled in: whatever steps are done so far. */
export type ReportDraft = Partial<NeedsReport>;

/** Reads a stored draft: fields present must be valid, missing ones are fine. */
export const ReportDraftSchema: z.ZodType<ReportDraft, z.ZodTypeDef, unknown> = ReportFields.partial();
