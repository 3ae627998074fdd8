import { translator, type Locale, type Translate } from '../../domain/i18n';
import type { RegionConfig } from '../../domain/regions';
import { placeName } from '../../domain/forumPlaces';
import { FORUM_GROUP } from '../../domain/roles';
import { tallyText, type AgendaItem, type ForumRules } from '../../domain/forum';
import type { Services } from '../services';

// Shared by the forum's cards and the report's history on the owner's and the officer's cards.

/** What forum cards need: texts in one language, the forum's groups and its voting rules. */
export interface ForumView {
  t: Translate;
  locale: Locale;
  regions: RegionConfig;
  rules?: ForumRules;
}

export const forumView = (services: Pick<Services, 'regions' | 'forumRules'>, locale: Locale): ForumView => ({
  t: translator(locale),
  locale,
  regions: services.regions,
  ...(services.forumRules ? { rules: services.forumRules } : {}),
});

/** A group's name; the forum itself by its own name when `forum` names one of several. */
export function groupName(view: ForumView, group: string, forum?: string): string {
  if (group === FORUM_GROUP && !forum) return view.t('forum.group.forum');
  return placeName(view.regions, { forum: forum ?? '', group }, view.locale, view.t('forum.group.forum'));
}

/** "Anbefalt av Arbeidsgruppe Vest (2 for, 0 imot, 1 avstår)" on a forum's item in two steps. */
export function groupRecommendationText(view: ForumView, item: Pick<AgendaItem, 'groupRecommendation'>): string | undefined {
  const g = item.groupRecommendation;
  if (!g) return undefined;
  if (g.method === 'recorded')
    return view.t(g.outcome === 'recommended' ? 'forum.group.recordedRecommended' : 'forum.group.recordedNotRecommended', { group: groupName(view, g.group) });
  return view.t(g.outcome === 'recommended' ? 'forum.group.recommended' : 'forum.group.not_recommended', {
    group: groupName(view, g.group),
    tally: tallyText(view.t, g.tally, g.method),
  });
}
