import { z } from 'zod';
import type { Locale, MessageKey } from '../i18n';
import { PersonSchema } from '../roles';

/**
 * A forum's regional plan (*overordnet plan for lokal kompetanseutvikling*, DOMAIN.md section 5):
 * a link to it and its priority areas, set by the secretariat. A needs report names the areas its
 * measure serves (at least one when its forum has any); agendas, the overview and the export show them.
 */

export const MAX_PRIORITY_AREAS = 6;
/** Areas are kept by position: renaming an area keeps the reports that named it. */
export const AREA_IDS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'] as const;
export type AreaId = (typeof AREA_IDS)[number];
export const MAX_AREA_NAME = 120;
export const MAX_PLAN_URL = 500;

const Name = z.string().trim().min(1).max(MAX_AREA_NAME);
export const PriorityAreaSchema = z.object({ id: z.enum(AREA_IDS), name: z.object({ nb: Name, nn: Name.optional(), en: Name.optional() }) });
export type PriorityArea = z.infer<typeof PriorityAreaSchema>;

export const ForumPlanSchema = z.object({
  forum: z.string(),
  planUrl: z.string().url().max(MAX_PLAN_URL).optional(),
  areas: z.array(PriorityAreaSchema).max(MAX_PRIORITY_AREAS),
  updatedBy: PersonSchema,
  updatedByName: z.string().max(200).optional(),
  updatedAt: z.string(),
});
export type ForumPlan = z.infer<typeof ForumPlanSchema>;

export const areaName = (area: Pick<PriorityArea, 'name'>, locale: Locale) => area.name[locale] ?? area.name.nb;

/**
 * Orders reports by the first of their forum plan's priority areas they serve ("a1", the plan's
 * first area, before "a2"); reports naming none come last. Plain code-unit order: ICU's collation
 * would put a "none" marker such as "~" before the letters.
 */
export function compareFirstArea(a: readonly string[] | undefined, b: readonly string[] | undefined): number {
  const first = (ids: readonly string[] | undefined) => [...(ids ?? [])].sort()[0];
  const x = first(a);
  const y = first(b);
  if (x === y) return 0;
  if (x === undefined) return 1;
  if (y === undefined) return -1;
  return x < y ? -1 : 1;
}

/** The names of the areas a report names, in the plan's order; ids the plan no longer has are left out. */
export function areaNames(plan: Pick<ForumPlan, 'areas'> | undefined, ids: readonly string[] | undefined, locale: Locale): string[] {
  if (!plan || !ids?.length) return [];
  return plan.areas.filter((a) => ids.includes(a.id)).map((a) => areaName(a, locale));
}

/** Input ids of the plan form: the link, then nb, nn and en per area. */
export const areaInput = (i: number, lang: Locale) => `area${i + 1}${lang[0].toUpperCase()}${lang.slice(1)}`;

export type PlanForm = { ok: true; planUrl?: string; areas: PriorityArea[] } | { ok: false; errors: Record<string, MessageKey> };

/** Reads the plan form: an https link or nothing; each area with its bokmål name first, nynorsk and English optional. */
export function planFromForm(values: Record<string, unknown>): PlanForm {
  const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string).replace(/\s+/g, ' ').trim() : '');
  const errors: Record<string, MessageKey> = {};
  const url = text('planUrl');
  if (url && !(/^https:\/\/[^\s]+$/.test(url) && z.string().url().max(MAX_PLAN_URL).safeParse(url).success)) errors.planUrl = 'plan.error.url';
  const areas: PriorityArea[] = [];
  AREA_IDS.forEach((id, i) => {
    const [nb, nn, en] = (['nb', 'nn', 'en'] as const).map((l) => text(areaInput(i, l)));
    if (!nb && !nn && !en) return;
    if (!nb) errors[areaInput(i, 'nb')] = 'plan.error.nbFirst';
    for (const [l, v] of [
      ['nb', nb],
      ['nn', nn],
      ['en', en],
    ] as const)
      if ([...v].length > MAX_AREA_NAME) errors[areaInput(i, l)] = 'plan.error.tooLong';
    if (nb) areas.push({ id, name: { nb, ...(nn ? { nn } : {}), ...(en ? { en } : {}) } });
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, ...(url ? { planUrl: url } : {}), areas };
}
