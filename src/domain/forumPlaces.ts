import type { Locale } from './i18n/locale';
import { findForum, forumOfGroup, forumsOf, hasForums, localised, type RegionConfig } from './regions';
import { FORUM_GROUP } from './roles';

/**
 * Where people vote and meet: a forum itself (group FORUM_GROUP) or one of its working groups.
 * Roles, channels, rules and meetings are kept per place; one choice in a form names a place.
 */
export interface Place {
  forum: string;
  group: string;
}

/** Every place, forum by forum: the forum itself, then its working groups in configured order. */
export function placesOf(config: RegionConfig): Place[] {
  return forumsOf(config).flatMap((f) => [{ forum: f.id, group: FORUM_GROUP }, ...f.workingGroups.map((group) => ({ forum: f.id, group }))]);
}

/** The places of one forum (the forum itself first). */
export function placesOfForum(config: RegionConfig, forum: string): Place[] {
  return placesOf(config).filter((p) => p.forum === forum);
}

/**
 * A place as one choice value: a working group by its id (ids are unique across forums), a forum
 * itself as `forum:<id>`, or plain FORUM_GROUP with a single forum (as before forums, so stored
 * cards keep working).
 */
export function placeValue(config: RegionConfig, p: Place): string {
  if (p.group !== FORUM_GROUP) return p.group;
  return hasForums(config) ? `${FORUM_GROUP}:${p.forum}` : FORUM_GROUP;
}

/** The place a choice value names, or undefined when it names none (or only "the forum" of several). */
export function placeOf(config: RegionConfig, value: string): Place | undefined {
  if (value === FORUM_GROUP) return hasForums(config) ? undefined : { forum: forumsOf(config)[0].id, group: FORUM_GROUP };
  if (value.startsWith(`${FORUM_GROUP}:`)) {
    const forum = findForum(config, value.slice(FORUM_GROUP.length + 1));
    return forum && { forum: forum.id, group: FORUM_GROUP };
  }
  const forum = forumOfGroup(config, value);
  return forum && { forum: forum.id, group: value };
}

/** A forum's name, or `generic` ("the forum") when there is only one. */
export function forumName(config: RegionConfig, forum: string, locale: Locale, generic: string): string {
  const f = hasForums(config) ? findForum(config, forum) : undefined;
  return f ? localised(f.name, locale) : generic;
}

/**
 * A place as people read it: "Arbeidsgruppe Vest", or the forum's name; with several forums a
 * working group also says its forum when `withForum` ("Arbeidsgruppe Vest (Samarbeidsforum Viken)").
 */
export function placeName(config: RegionConfig, p: Place, locale: Locale, genericForum: string, withForum = false): string {
  const forum = forumName(config, p.forum, locale, genericForum);
  if (p.group === FORUM_GROUP) return forum;
  const wg = config.workingGroups.find((g) => g.id === p.group);
  const group = wg ? localised(wg.name, locale) : p.group;
  return withForum && hasForums(config) ? `${group} (${forum})` : group;
}

/** Choices naming every place, forum by forum, each with its forum when there are several. */
export function placeChoices(config: RegionConfig, locale: Locale, genericForum: string): Array<{ title: string; value: string }> {
  return placesOf(config).map((p) => ({ title: placeName(config, p, locale, genericForum, true), value: placeValue(config, p) }));
}
