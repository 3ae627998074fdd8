import { formatCount, formatDate } from '../../../domain/i18n';
import { formatOrgnr } from '../../../domain/orgnr';
import { localised } from '../../../domain/regions';
import { compositionOf, FORUM_GROUP, isBootstrapOfficer, SECRETARIAT_GROUP, type Grant } from '../../../domain/roles';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import type { Turn } from '../../turn';
import { action } from '../../cards/action';
import { menuAction } from '../cards';
import { pageActions, pageLine, pageOf } from '../../cards/paging';

/**
 * People per page of the roles card (groups are headed on every page they appear on): at 500 px a
 * page stays within 1 500 px however many people the forum has (test/integration/roles-at-scale.test.ts).
 */
export const ROLES_PAGE = 16;
import { categoryName, groupName, roleName, votingPlaces } from './groupNames';

const personLabel = (g: Pick<Grant, 'displayName' | 'person'>) => g.displayName || g.person.aadObjectId;

/**
 * Everyone with a role in the forum, group by group, with the channel each group meets in and a
 * remove button per person. Configuration officers not yet seen in Teams are listed without one.
 */
export async function rolesCard(turn: Turn, opts: { notice?: string; error?: string; page?: number } = {}): Promise<AdaptiveCard> {
  const { t, locale, services } = turn;
  const forum = services.regions.id;
  const places = votingPlaces(turn);
  const forums = [...new Set(places.map((p) => p.forum))];
  const channels = new Map((await Promise.all(forums.map((f) => services.groups.list(f)))).flat().map((c) => [`${c.forum}/${c.group}`, c]));
  // In a channel every member reads the card: no object ids, no members' organisations there.
  const inChannel = turn.context.activity.conversation?.conversationType === 'channel';
  const person = (g: Grant) => {
    const bootstrap = isBootstrapOfficer(services.bootstrapSecretariat, g.person) && g.role === 'secretariat';
    const added = bootstrap ? t('roles.person.bootstrap') : t('roles.person.added', { date: formatDate(g.grantedAt, locale) });
    // One short line a person; organisations, the date and the object id (never in a channel) behind "Vis org.nr., ID og dato".
    const detail = [roleName(turn, g.role), ...(g.category ? [categoryName(turn, g.category)] : []), ...(inChannel ? [added] : [])].join(' · ');
    const more = inChannel
      ? ''
      : [
          ...(g.organisations.length ? [t('roles.person.orgs', { orgs: g.organisations.map(formatOrgnr).join(', ') })] : []),
          added,
          `ID ${g.person.aadObjectId}`,
        ].join(' · ');
    const remove = bootstrap
      ? undefined
      : action(t('roles.remove'), 'roles.remove', {
          tenantId: g.person.tenantId,
          aadObjectId: g.person.aadObjectId,
          role: g.role,
          group: g.group,
          forum: g.forum,
        });
    return { name: personLabel(g), detail, more, removeTitle: remove?.title ?? '', removeVerb: remove?.verb ?? '', removeData: remove?.data ?? {} };
  };

  const officers = await services.roles.inGroup(forum, SECRETARIAT_GROUP);
  const unseen = services.bootstrapSecretariat
    .filter(
      (b) =>
        !isBootstrapOfficer(
          officers.map((g) => g.person),
          b,
        ),
    )
    .map((b) => ({
      name: inChannel ? roleName(turn, 'secretariat') : b.aadObjectId,
      detail: `${roleName(turn, 'secretariat')} · ${t('roles.person.bootstrap')}`,
      more: '',
      removeTitle: '',
      removeVerb: '',
      removeData: {},
    }));
  const groups = [{ title: groupName(turn, SECRETARIAT_GROUP), channel: '', people: [...officers.map(person), ...unseen] }];
  // Forum by forum (with several, each group's heading names its forum), each forum's composition against the categories.
  const compositions: string[] = [];
  for (const { forum, group } of places) {
    const inGroup = await services.roles.inGroup(forum, group);
    if (group === FORUM_GROUP) compositions.push(compositionText(turn, inGroup, groupName(turn, group, forum)));
    const grants = inGroup.sort((a, b) => (a.role === 'chair' ? -1 : 0) - (b.role === 'chair' ? -1 : 0) || personLabel(a).localeCompare(personLabel(b), 'nb'));
    const channel = channels.get(`${forum}/${group}`);
    groups.push({
      title: groupName(turn, group, forum, true),
      channel: channel ? t('roles.channel', { channel: channel.channelName ?? channel.channelId }) : t('roles.noChannel'),
      people: grants.map(person),
    });
  }
  // Paged by person: a group with nobody takes one row (its "nobody yet"); each page heads its groups again.
  type Person = (typeof groups)[number]['people'][number];
  const rows: Array<{ i: number; p?: Person }> = groups.flatMap((g, i) => (g.people.length ? g.people.map((p) => ({ i, p })) : [{ i }]));
  const paged = pageOf(rows, opts.page ?? 0, ROLES_PAGE);
  const detailIds: string[] = [];
  const shown = [...new Set(paged.shown.map((r) => r.i))].map((i) => {
    const people = paged.shown
      .flatMap((r) => (r.i === i && r.p ? [r.p] : []))
      .map((p) => {
        const detailId = p.more ? `roles-more-${detailIds.length}` : '';
        if (detailId) detailIds.push(detailId);
        return { ...p, detailId };
      });
    // Each heading says how many the whole group has, on whichever page it is cut.
    const title = groups[i].people.length ? t('roles.groupCount', { group: groups[i].title, count: groups[i].people.length }) : groups[i].title;
    return { ...groups[i], title, people, empty: people.length ? '' : t('roles.empty') };
  });
  const first = paged.page === 0;
  return renderCard('roles', {
    title: t('roles.title', { forum: localised(services.regions.name, locale) }),
    // The intro and the forums' composition once, on the first page.
    intro: [first ? t('roles.intro') : '', pageLine(t, paged)].filter(Boolean).join(' '),
    composition: first ? compositions.join('\n\n') : '',
    detailsTitle: t('roles.details'),
    detailIds,
    notice: opts.notice ?? '',
    error: opts.error ?? '',
    groups: shown,
    actions: [
      ...pageActions(t, 'roles.list', {}, paged),
      action(t('roles.addMember'), 'roles.addForm', { mode: 'member' }),
      action(t('roles.addOfficer'), 'roles.addForm', { mode: 'secretariat' }),
      menuAction(t),
    ],
  });
}

/**
 * The forum's members against the categories it is composed of (DOMAIN.md section 5): "kommunal
 * barnehageeier (2), KS (1) … Mangler: skoleeier, …". Guests are listed as invited, never missing.
 */
export function compositionText(turn: Turn, grants: readonly Grant[], forum: string): string {
  const { t, locale } = turn;
  const c = compositionOf(grants);
  const present = c.present.length
    ? c.present.map((p) => `${categoryName(turn, p.category)} (${formatCount(p.count, locale)})`).join(', ')
    : t('roles.composition.none');
  const missing = c.missing.length
    ? t('roles.composition.missing', { missing: c.missing.map((m) => categoryName(turn, m)).join(', ') })
    : t('roles.composition.complete');
  return `${t('roles.composition', { forum, present })} ${missing}`;
}
