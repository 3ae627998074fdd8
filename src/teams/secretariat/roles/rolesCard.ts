import { formatDate } from '../../../domain/i18n';
import { formatOrgnr } from '../../../domain/orgnr';
import { localised } from '../../../domain/regions';
import { isBootstrapOfficer, SECRETARIAT_GROUP, type Grant } from '../../../domain/roles';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import type { Turn } from '../../turn';
import { action } from '../../cards/action';
import { menuAction } from '../cards';
import { pageActions, pageLine, pageOf } from '../../cards/paging';

/** People per page of the roles card (groups are headed on every page they appear on). */
export const ROLES_PAGE = 25;
import { groupName, roleName, votingGroups } from './groupNames';

const personLabel = (g: Pick<Grant, 'displayName' | 'person'>) => g.displayName || g.person.aadObjectId;

/**
 * Everyone with a role in the forum, group by group, with the channel each group meets in and a
 * remove button per person. Configuration officers not yet seen in Teams are listed without one.
 */
export async function rolesCard(turn: Turn, opts: { notice?: string; error?: string; page?: number } = {}): Promise<AdaptiveCard> {
  const { t, locale, services } = turn;
  const forum = services.regions.id;
  const channels = new Map((await services.groups.list(forum)).map((c) => [c.group, c]));
  // In a channel every member reads the card: no object ids, no members' organisations there.
  const inChannel = turn.context.activity.conversation?.conversationType === 'channel';
  const person = (g: Grant) => {
    const bootstrap = isBootstrapOfficer(services.bootstrapSecretariat, g.person) && g.role === 'secretariat';
    const detail = [
      roleName(turn, g.role),
      ...(g.organisations.length && !inChannel ? [t('roles.person.orgs', { orgs: g.organisations.map(formatOrgnr).join(', ') })] : []),
      bootstrap ? t('roles.person.bootstrap') : t('roles.person.added', { date: formatDate(g.grantedAt, locale) }),
      ...(inChannel ? [] : [`ID ${g.person.aadObjectId}`]),
    ].join(' · ');
    const remove = bootstrap
      ? undefined
      : action(t('roles.remove'), 'roles.remove', {
          tenantId: g.person.tenantId,
          aadObjectId: g.person.aadObjectId,
          role: g.role,
          group: g.group,
        });
    return { name: personLabel(g), detail, removeTitle: remove?.title ?? '', removeVerb: remove?.verb ?? '', removeData: remove?.data ?? {} };
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
      removeTitle: '',
      removeVerb: '',
      removeData: {},
    }));
  const groups = [{ title: groupName(turn, SECRETARIAT_GROUP), channel: '', people: [...officers.map(person), ...unseen] }];
  for (const group of votingGroups(turn)) {
    const grants = (await services.roles.inGroup(forum, group)).sort(
      (a, b) => (a.role === 'chair' ? -1 : 0) - (b.role === 'chair' ? -1 : 0) || personLabel(a).localeCompare(personLabel(b), 'nb'),
    );
    const channel = channels.get(group);
    groups.push({
      title: groupName(turn, group),
      channel: channel ? t('roles.channel', { channel: channel.channelName ?? channel.channelId }) : t('roles.noChannel'),
      people: grants.map(person),
    });
  }
  // Paged by person: a group with nobody takes one row (its "nobody yet"); each page heads its groups again.
  type Person = (typeof groups)[number]['people'][number];
  const rows: Array<{ i: number; p?: Person }> = groups.flatMap((g, i) => (g.people.length ? g.people.map((p) => ({ i, p })) : [{ i }]));
  const paged = pageOf(rows, opts.page ?? 0, ROLES_PAGE);
  const shown = [...new Set(paged.shown.map((r) => r.i))].map((i) => {
    const people = paged.shown.flatMap((r) => (r.i === i && r.p ? [r.p] : []));
    return { ...groups[i], people, empty: people.length ? '' : t('roles.empty') };
  });
  return renderCard('roles', {
    title: t('roles.title', { forum: localised(services.regions.name, locale) }),
    intro: [t('roles.intro'), pageLine(t, paged)].filter(Boolean).join(' '),
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
