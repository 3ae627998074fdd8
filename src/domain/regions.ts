import { z } from 'zod';
import type { Locale } from './i18n/locale';

/**
 * Counties and regions an owner picks from, and the regional working group each one is sorted
 * to. Every County Governor draws these lines differently, so they are configuration; the
 * default is a plausible Oslo og Viken set (Oslo, Akershus, Østfold, Buskerud; six working
 * groups). Ids are stable ASCII because reports and roles store them; names are per language.
 */

const LocalisedText = z.object({
  nb: z.string().trim().min(1).max(120),
  nn: z.string().trim().min(1).max(120).optional(),
  en: z.string().trim().min(1).max(120).optional(),
});
export type LocalisedText = z.infer<typeof LocalisedText>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'ids are lower-case ASCII letters, digits and hyphens');

/** A cooperation forum (samarbeidsforum): one or more counties' working groups, its own channel, members, rules and budget. */
export const ForumSchema = z.object({ id: Id, name: LocalisedText, workingGroups: z.array(Id).min(1) });
export type Forum = z.infer<typeof ForumSchema>;

export const RegionConfigSchema = z
  .object({
    /**
     * The County Governor (one deployment). The secretariat's grants live under this id; so do the
     * members of the single forum of a configuration without `forums` (data from before forums).
     */
    id: Id.default('oslo-viken'),
    name: LocalisedText,
    workingGroups: z.array(z.object({ id: Id, name: LocalisedText })).min(1),
    regions: z.array(z.object({ id: Id, county: Id, name: LocalisedText, workingGroup: Id })).min(1),
    /** The County Governor's forums; absent = one forum, id = the County Governor's id, with every working group. */
    forums: z.array(ForumSchema).min(1).optional(),
  })
  .superRefine((config, ctx) => {
    const groups = new Set<string>();
    config.workingGroups.forEach((g, i) => {
      if (groups.has(g.id)) ctx.addIssue({ code: 'custom', path: ['workingGroups', i, 'id'], message: `duplicate working group id "${g.id}"` });
      groups.add(g.id);
    });
    const regions = new Set<string>();
    config.regions.forEach((r, i) => {
      if (regions.has(r.id)) ctx.addIssue({ code: 'custom', path: ['regions', i, 'id'], message: `duplicate region id "${r.id}"` });
      regions.add(r.id);
      if (!groups.has(r.workingGroup)) {
        ctx.addIssue({ code: 'custom', path: ['regions', i, 'workingGroup'], message: `unknown working group "${r.workingGroup}"` });
      }
    });
    if (!config.forums) return;
    // Every working group in exactly one forum, so a report's forum follows from its group.
    const forumIds = new Set<string>();
    const placed = new Map<string, string>();
    config.forums.forEach((f, i) => {
      if (forumIds.has(f.id)) ctx.addIssue({ code: 'custom', path: ['forums', i, 'id'], message: `duplicate forum id "${f.id}"` });
      forumIds.add(f.id);
      f.workingGroups.forEach((g, j) => {
        if (!groups.has(g)) ctx.addIssue({ code: 'custom', path: ['forums', i, 'workingGroups', j], message: `unknown working group "${g}"` });
        else if (placed.has(g))
          ctx.addIssue({ code: 'custom', path: ['forums', i, 'workingGroups', j], message: `working group "${g}" is already in forum "${placed.get(g)}"` });
        placed.set(g, f.id);
      });
    });
    for (const g of groups) if (!placed.has(g)) ctx.addIssue({ code: 'custom', path: ['forums'], message: `working group "${g}" is in no forum` });
  });

export type RegionConfig = z.infer<typeof RegionConfigSchema>;
export type Region = RegionConfig['regions'][number];
export type WorkingGroup = RegionConfig['workingGroups'][number];

export const DEFAULT_REGIONS: RegionConfig = {
  id: 'oslo-viken',
  // The office's name since 2024 (earlier "Statsforvalteren i Oslo og Viken"); the id stays, stored data uses it.
  name: {
    nb: 'Statsforvalteren i Østfold, Buskerud, Oslo og Akershus',
    nn: 'Statsforvaltaren i Østfold, Buskerud, Oslo og Akershus',
    en: 'The County Governor of Østfold, Buskerud, Oslo and Akershus',
  },
  workingGroups: [
    { id: 'oslo', name: { nb: 'Arbeidsgruppe Oslo', nn: 'Arbeidsgruppe Oslo', en: 'Working group Oslo' } },
    { id: 'nord', name: { nb: 'Arbeidsgruppe Nord', nn: 'Arbeidsgruppe Nord', en: 'Working group North' } },
    { id: 'sor', name: { nb: 'Arbeidsgruppe Sør', nn: 'Arbeidsgruppe Sør', en: 'Working group South' } },
    { id: 'ost', name: { nb: 'Arbeidsgruppe Øst', nn: 'Arbeidsgruppe Aust', en: 'Working group East' } },
    { id: 'vest', name: { nb: 'Arbeidsgruppe Vest', nn: 'Arbeidsgruppe Vest', en: 'Working group West' } },
    { id: 'nordvest', name: { nb: 'Arbeidsgruppe Nordvest', nn: 'Arbeidsgruppe Nordvest', en: 'Working group North-West' } },
  ],
  regions: [
    { id: 'oslo', county: 'oslo', name: { nb: 'Oslo' }, workingGroup: 'oslo' },
    { id: 'romerike', county: 'akershus', name: { nb: 'Akershus – Romerike' }, workingGroup: 'nord' },
    { id: 'follo', county: 'akershus', name: { nb: 'Akershus – Follo' }, workingGroup: 'sor' },
    { id: 'asker-baerum', county: 'akershus', name: { nb: 'Akershus – Asker og Bærum' }, workingGroup: 'vest' },
    { id: 'ostfold', county: 'ostfold', name: { nb: 'Østfold' }, workingGroup: 'ost' },
    {
      id: 'drammen-kongsberg',
      county: 'buskerud',
      workingGroup: 'vest',
      name: { nb: 'Buskerud – Drammensregionen og Kongsberg', en: 'Buskerud – Drammen region and Kongsberg' },
    },
    {
      id: 'ringerike-hallingdal-numedal',
      county: 'buskerud',
      workingGroup: 'nordvest',
      name: { nb: 'Buskerud – Ringerike, Hallingdal og Numedal' },
    },
  ],
  // As in Oslo og Viken: two forums and six working groups. Oslo's forum has Oslo's group; Viken's
  // (Akershus, Østfold, Buskerud) the other five.
  forums: [
    { id: 'oslo', name: { nb: 'Samarbeidsforum Oslo', nn: 'Samarbeidsforum Oslo', en: 'Cooperation forum Oslo' }, workingGroups: ['oslo'] },
    {
      id: 'viken',
      name: { nb: 'Samarbeidsforum Viken', nn: 'Samarbeidsforum Viken', en: 'Cooperation forum Viken' },
      workingGroups: ['nord', 'sor', 'ost', 'vest', 'nordvest'],
    },
  ],
};

/** Parses configuration (e.g. JSON from an environment variable); throws a readable error. */
export function parseRegionConfig(value: unknown): RegionConfig {
  const parsed = RegionConfigSchema.safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`Invalid region configuration: ${details}`);
  }
  return parsed.data;
}

export function findRegion(config: RegionConfig, regionId: string): Region | undefined {
  return config.regions.find((r) => r.id === regionId);
}

/** The working group a report from this region is sorted to. */
export function workingGroupFor(config: RegionConfig, regionId: string): WorkingGroup | undefined {
  const region = findRegion(config, regionId);
  return region && config.workingGroups.find((g) => g.id === region.workingGroup);
}

/** The County Governor's forums; a configuration without `forums` has one, under the County Governor's own id. */
export function forumsOf(config: RegionConfig): Forum[] {
  return config.forums ?? [{ id: config.id, name: config.name, workingGroups: config.workingGroups.map((g) => g.id) }];
}

export function findForum(config: RegionConfig, forumId: string): Forum | undefined {
  return forumsOf(config).find((f) => f.id === forumId);
}

/** The forum a working group belongs to (and so every report sorted to that group). */
export function forumOfGroup(config: RegionConfig, groupId: string): Forum | undefined {
  return forumsOf(config).find((f) => f.workingGroups.includes(groupId));
}

/** The forum a report from this region goes to. */
export function forumOfRegion(config: RegionConfig, regionId: string): Forum | undefined {
  const region = findRegion(config, regionId);
  return region && forumOfGroup(config, region.workingGroup);
}

/** The forum id of a working group's reports, meetings and members; the County Governor's id when none has it. */
export function forumIdOfGroup(config: RegionConfig, groupId: string): string {
  return forumOfGroup(config, groupId)?.id ?? config.id;
}

/** The forum a report goes to (a network across counties: its filer's region), from its summary. */
export function forumOfReport(config: RegionConfig, summary: { workingGroup: string }): string {
  return forumIdOfGroup(config, summary.workingGroup);
}

/** Whether the County Governor has more than one forum (then cards name the forum). */
export function hasForums(config: RegionConfig): boolean {
  return forumsOf(config).length > 1;
}

/** The counties a forum covers (those of its groups' regions), in configured order. */
export function countiesOfForum(config: RegionConfig, forumId: string): string[] {
  const forum = findForum(config, forumId);
  return [...new Set(config.regions.filter((r) => forum?.workingGroups.includes(r.workingGroup)).map((r) => r.county))];
}

/** Place names are mostly the same in all three languages, so nb stands in for a missing one. */
export function localised(text: LocalisedText, locale: Locale): string {
  return text[locale] ?? text.nb;
}

/** Choices for an Input.ChoiceSet, in configured order. */
export function regionChoices(config: RegionConfig, locale: Locale): Array<{ title: string; value: string }> {
  return config.regions.map((r) => ({ title: localised(r.name, locale), value: r.id }));
}
