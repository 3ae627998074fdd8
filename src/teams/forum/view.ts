import { pickLocale, translator, formatDate, formatNok, formatTime, type Locale, type Translate } from '../../domain/i18n';
import { formatOrgnr } from '../../domain/orgnr';
import { localised, type RegionConfig } from '../../domain/regions';
import { FORUM_GROUP, type Person } from '../../domain/roles';
import { formatSchoolYear } from '../../domain/report';
import type { AgendaItem, ForumRules } from '../../domain/forum';
import type { Actor } from '../../domain/report';
import type { Services } from '../services';
import { continuationFacts } from './continuationText';

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

export function groupName(view: ForumView, group: string): string {
  if (group === FORUM_GROUP) return view.t('forum.group.forum');
  const wg = view.regions.workingGroups.find((g) => g.id === group);
  return wg ? localised(wg.name, view.locale) : group;
}

/** The groups a meeting can belong to: each working group, then the forum itself. */
export function groupChoices(view: ForumView): Array<{ title: string; value: string }> {
  return [
    ...view.regions.workingGroups.map((g) => ({ title: localised(g.name, view.locale), value: g.id })),
    { title: view.t('forum.group.forum'), value: FORUM_GROUP },
  ];
}

/** "12. mars 2027" from the meeting's YYYY-MM-DD (noon UTC is the same day in Oslo). */
export function meetingDate(view: ForumView, date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return formatDate(new Date(Date.UTC(y, m - 1, d, 12)), view.locale);
}

/** "12. mars 2027 kl. 14:00" in Oslo time. */
export function instant(view: ForumView, iso: string): string {
  return view.t('forum.instant', { day: formatDate(iso, view.locale), time: formatTime(iso, view.locale) });
}

export const nok = (view: ForumView, n: number) => formatNok(n, view.locale);

export function ownerText(item: AgendaItem): string {
  return `${item.ownerName} (${formatOrgnr(item.ownerOrgnr)})`;
}

/** "2027–2028: 1 250 000 kr · 2028–2029: 1 000 000 kr" */
export function yearsText(view: ForumView, item: AgendaItem): string {
  return item.years.map((y) => `${formatSchoolYear(y.schoolYear)}: ${nok(view, y.grant)}`).join(' · ');
}

/** The key facts of an item, the same on the agenda and on its voting card. */
export function itemFacts(view: ForumView, item: AgendaItem): Array<{ title: string; value: string }> {
  const { t } = view;
  const facts = [
    { title: t('forum.item.owner'), value: ownerText(item) },
    { title: t('forum.item.scheme'), value: item.scheme },
    { title: t('forum.item.uh'), value: item.uhName },
    { title: t('forum.item.perYear'), value: yearsText(view, item) },
  ];
  if (item.networkOrgnrs.length > 0)
    facts.splice(1, 0, { title: t('forum.item.network'), value: t('forum.item.networkCount', { count: item.networkOrgnrs.length }) });
  const group = groupRecommendationText(view, item);
  if (group) facts.unshift({ title: t('forum.group.recommendation'), value: group });
  facts.unshift(...continuationFacts(t, view.locale, item.continuation));
  return facts;
}

/** "Anbefalt av Arbeidsgruppe Vest (2 for, 0 imot, 1 avstår)" on a forum's item in two steps. */
export function groupRecommendationText(view: ForumView, item: AgendaItem): string | undefined {
  const g = item.groupRecommendation;
  if (!g) return undefined;
  if (g.method === 'recorded')
    return view.t(g.outcome === 'recommended' ? 'forum.group.recordedRecommended' : 'forum.group.recordedNotRecommended', { group: groupName(view, g.group) });
  return view.t(g.outcome === 'recommended' ? 'forum.group.recommended' : 'forum.group.not_recommended', {
    group: groupName(view, g.group),
    for: g.tally.prioritise,
    against: g.tally.notPrioritise,
    abstain: g.tally.abstain,
  });
}

/** The secretariat as it appears in a report's audit trail. */
export const officerActor = (p: Person): Actor => ({ role: 'secretariat', id: `${p.tenantId}:${p.aadObjectId}` });

/** The language of a channel, as captured when the app was added to the team; bokmål otherwise. */
export async function channelLocale(services: Services, teamId: string, channelId: string): Promise<Locale> {
  const stored = await services.references.get('channel', '', channelId, teamId).catch(() => undefined);
  return pickLocale(stored?.locale ?? stored?.ref.locale);
}
