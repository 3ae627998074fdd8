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

export const RegionConfigSchema = z
  .object({
    /** The forum (one County Governor's cooperation forum) these regions belong to; roles are granted per forum. */
    id: Id.default('oslo-viken'),
    name: LocalisedText,
    workingGroups: z.array(z.object({ id: Id, name: LocalisedText })).min(1),
    regions: z.array(z.object({ id: Id, county: Id, name: LocalisedText, workingGroup: Id })).min(1),
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
  });

export type RegionConfig = z.infer<typeof RegionConfigSchema>;
export type Region = RegionConfig['regions'][number];
export type WorkingGroup = RegionConfig['workingGroups'][number];

export const DEFAULT_REGIONS: RegionConfig = {
  id: 'oslo-viken',
  name: { nb: 'Statsforvalteren i Oslo og Viken', nn: 'Statsforvaltaren i Oslo og Viken', en: 'The County Governor of Oslo and Viken' },
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

/** Place names are mostly the same in all three languages, so nb stands in for a missing one. */
export function localised(text: LocalisedText, locale: Locale): string {
  return text[locale] ?? text.nb;
}

/** Choices for an Input.ChoiceSet, in configured order. */
export function regionChoices(config: RegionConfig, locale: Locale): Array<{ title: string; value: string }> {
  return config.regions.map((r) => ({ title: localised(r.name, locale), value: r.id }));
}
