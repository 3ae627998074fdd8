import { pickLocale, formatCount, formatDate, formatNok, formatTime, type Locale } from '../../domain/i18n';
import { schemeName } from '../../domain/schemes';
import { formatOrgnr } from '../../domain/orgnr';
import { forumIdOfGroup, forumsOf, hasForums, localised } from '../../domain/regions';
import { placeName } from '../../domain/forumPlaces';
import { FORUM_GROUP, type Person } from '../../domain/roles';
import { formatSchoolYear, targetGroupLabelKey, themeLabelKey } from '../../domain/report';
import { areaName, type AgendaItem } from '../../domain/forum';
import type { Actor } from '../../domain/report';
import type { Services } from '../services';
import { continuationFacts } from './continuationText';
import { forumView, groupName, groupRecommendationText, type ForumView } from '../cards/forumWords';

export { forumView, groupName, groupRecommendationText, type ForumView };

/** Where a meeting is held, as lists and cards name it: "Arbeidsgruppe Vest" or, with several forums, "Arbeidsgruppe Vest (Samarbeidsforum Viken)". */
export function meetingPlace(view: ForumView, m: { forum: string; group: string }): string {
  return placeName(view.regions, m, view.locale, view.t('forum.group.forum'), true);
}

/** The groups a meeting can belong to: each working group (with its forum when there are several), then the forum itself. */
export function groupChoices(view: ForumView): Array<{ title: string; value: string }> {
  return [
    ...view.regions.workingGroups.map((g) => ({ title: meetingPlace(view, { forum: forumIdOfGroup(view.regions, g.id), group: g.id }), value: g.id })),
    { title: view.t('forum.group.forum'), value: FORUM_GROUP },
  ];
}

/** The forums a meeting can belong to; empty with one forum (then the form asks nothing). */
export function forumChoices(view: ForumView): Array<{ title: string; value: string }> {
  return hasForums(view.regions) ? forumsOf(view.regions).map((f) => ({ title: localised(f.name, view.locale), value: f.id })) : [];
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
    { title: t('forum.item.scheme'), value: schemeName(t, item.scheme) },
    { title: t('forum.item.uh'), value: item.uhName },
    ...needFacts(view, item),
    { title: t('forum.item.perYear'), value: yearsText(view, item) },
  ];
  if (item.networkOrgnrs.length > 0)
    facts.splice(1, 0, { title: t('forum.item.network'), value: t('forum.item.networkCount', { count: item.networkOrgnrs.length }) });
  const group = groupRecommendationText(view, item);
  if (group) facts.unshift({ title: t('forum.group.recommendation'), value: group });
  facts.unshift(...continuationFacts(t, view.locale, item.continuation));
  return facts;
}

/** Theme, target groups, reach, own contribution and the start of the need: what voters weigh (issue 23). */
export function needFacts(view: ForumView, item: AgendaItem): Array<{ title: string; value: string }> {
  const { t } = view;
  const facts: Array<{ title: string; value: string }> = [];
  if (item.theme)
    facts.push({ title: t('need.item.theme'), value: item.theme === 'annet' && item.themeOther ? item.themeOther : t(themeLabelKey(item.theme)) });
  if (item.targetGroups?.length) facts.push({ title: t('need.item.targets'), value: item.targetGroups.map((g) => t(targetGroupLabelKey(g))).join(', ') });
  if (item.participants !== undefined && item.unitCount !== undefined)
    facts.push({
      title: t('need.item.reach'),
      value: t('need.item.reachValue', { participants: formatCount(item.participants, view.locale), units: formatCount(item.unitCount, view.locale) }),
    });
  if (item.ownContribution)
    facts.push({
      title: t('need.item.ownContribution', { year: formatSchoolYear(item.ownContribution.schoolYear) }),
      value: nok(view, item.ownContribution.amount),
    });
  if (item.priorityAreas?.length) facts.push({ title: t('plan.areas'), value: item.priorityAreas.map((a) => areaName(a, view.locale)).join(', ') });
  if (item.needStart) facts.push({ title: t('need.item.need'), value: item.needStart });
  return facts;
}

/** The secretariat as it appears in a report's audit trail. */
export const officerActor = (p: Person): Actor => ({ role: 'secretariat', id: `${p.tenantId}:${p.aadObjectId}` });

/** The language of a channel, as captured when the app was added to the team; bokmål otherwise. */
export async function channelLocale(services: Services, teamId: string, channelId: string): Promise<Locale> {
  const stored = await services.references.get('channel', '', channelId, teamId).catch(() => undefined);
  return pickLocale(stored?.locale ?? stored?.ref.locale);
}
