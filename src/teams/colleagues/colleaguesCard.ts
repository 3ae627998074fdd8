import { formatDate, formatDateTime, type MessageKey } from '../../domain/i18n';
import { formatOrgnr } from '../../domain/orgnr';
import type { Manager } from '../../domain/colleagues';
import { isConfirmed, mayRemove } from '../../domain/colleagues';
import type { LinkAudit, OwnerLink } from '../../storage/ownerPeople';
import type { PersonKey } from '../../storage/keys';
import { action } from '../cards/action';
import { pageActions, pageLine, pageOf } from '../cards/paging';
import type { AdaptiveCard } from '../cards/render';
import { personOf } from '../caller';
import { summaryCard, type Section } from '../secretariat/cards';
import type { Turn } from '../turn';

/** The most recent changes the card lists; older ones stay in storage. */
const HISTORY_SHOWN = 10;
/** People per page: with the history, a page stays within the card size budget (cards/budget.ts). */
export const COLLEAGUES_PAGE = 10;

/** "Eksempel kommune (974 760 673)", or the number alone when no report names the owner yet. */
export async function ownerLabel(turn: Turn, orgnr: string): Promise<string> {
  const name = await turn.services.reports.ownerNameOf(orgnr);
  return name ? `${name} (${formatOrgnr(orgnr)})` : formatOrgnr(orgnr);
}

const same = (a: PersonKey, b: PersonKey) => a.tenantId === b.tenantId && a.aadObjectId === b.aadObjectId;

/** How a card names a linked person: the name given when they were added, else their user id. */
export function personName(link: { person: PersonKey; displayName?: string }): string {
  return link.displayName ?? link.person.aadObjectId;
}

/** How the audit trail names who acted: their Teams name then, else their id; officers marked. */
function actorName(turn: Turn, e: { by: string; byName?: string; asOfficer?: boolean }): string {
  const name = e.byName ?? e.by;
  return e.asOfficer ? turn.t('colleagues.history.officer', { name }) : name;
}

const HISTORY: Record<LinkAudit['action'], MessageKey> = {
  registered: 'colleagues.history.registered',
  added: 'colleagues.history.added',
  removed: 'colleagues.history.removed',
  claimed: 'claims.history.claimed',
  confirmed: 'claims.history.confirmed',
  rejected: 'claims.history.rejected',
  autoConfirmed: 'claims.history.autoConfirmed',
  migrated: 'claims.history.migrated',
};

/** A history line's text: a claim marked at the migration names no report. */
const historyKey = (e: LinkAudit): MessageKey => (e.action === 'claimed' && e.by === 'migration' ? 'claims.history.claimedBefore' : HISTORY[e.action]);

/** One owner's people, each with a Remove button where the rules allow, and every change made. */
export async function colleaguesCard(turn: Turn, orgnr: string, manager: Manager, notice = '', error = '', page = 0): Promise<AdaptiveCard> {
  const { t, locale, services } = turn;
  const [owner, links, audit] = await Promise.all([ownerLabel(turn, orgnr), services.ownerPeople.linksOf(orgnr), services.ownerPeople.auditOf(orgnr)]);
  const linked = links.filter(isConfirmed);
  const waiting = links.filter((l) => !l.removedAt && (l.status ?? 'pending') === 'pending');
  const me = personOf(turn);
  const removable = mayRemove({ manager, linkedCount: linked.length }).ok;
  const names = new Map(links.map((l) => [`${l.person.tenantId}:${l.person.aadObjectId}`, personName(l)]));
  const paged = pageOf(linked, page, COLLEAGUES_PAGE);
  // The title counts them all; the card names the first few (the officer's `krav` list has every one).
  const WAITING_SHOWN = 10;
  const sections: Section[] = [
    {
      title: t('colleagues.people.title', { count: linked.length }),
      facts: [],
      text: linked.length ? pageLine(t, paged) : t('colleagues.people.none'),
    },
    ...paged.shown.map((l) => personSection(turn, orgnr, l, same(l.person, me), removable)),
    // Claims waiting for the secretariat: the owner's people see who asked to act for it.
    ...(waiting.length
      ? [
          {
            title: t('claims.people.title', { count: waiting.length }),
            facts: waiting.slice(0, WAITING_SHOWN).map((l) => ({
              title: personName(l),
              value: t('claims.people.value', { id: l.person.aadObjectId, tenant: l.person.tenantId, date: l.addedAt ? formatDate(l.addedAt, locale) : '' }),
            })),
          },
        ]
      : []),
  ];
  // Every change made, behind one toggle: the people and their buttons come first.
  const history: Section = {
    title: t('colleagues.history.title'),
    facts: audit.length
      ? audit.slice(0, HISTORY_SHOWN).map((e) => ({
          title: formatDateTime(e.at, locale),
          value: t(historyKey(e), {
            person: e.personName ?? names.get(`${e.person.tenantId}:${e.person.aadObjectId}`) ?? e.person.aadObjectId,
            by: actorName(turn, e),
            reference: e.reference ?? '',
          }),
        }))
      : [{ title: '', value: t('colleagues.history.none') }],
  };
  return summaryCard({
    title: t('colleagues.title', { owner }),
    intro: manager === 'officer' ? `${t('colleagues.intro')} ${t('colleagues.introOfficer')}` : t('colleagues.intro'),
    notice,
    error,
    sections,
    details: { title: t('card.details'), sections: [history] },
    actions: [
      ...pageActions(t, 'colleagues.list', { orgnr }, paged),
      action(t('colleagues.add'), 'colleagues.addForm', { orgnr }, { style: 'positive' }),
      action(t('colleagues.mine.title'), 'colleagues.mine', {}),
    ],
  });
}

function personSection(turn: Turn, orgnr: string, l: OwnerLink, isMe: boolean, removable: boolean): Section {
  const { t, locale } = turn;
  // The caller's own Teams name stands in for a name nobody gave; others' names only come from who added them.
  const name = l.displayName ?? (isMe ? turn.context.activity.from?.name?.trim().slice(0, 200) : undefined) ?? t('colleagues.person.noName');
  // A claim made by filing: the owner's first (or a link from before claims) says so; a later one, who confirmed it and when.
  const added = l.addedAt
    ? l.addedBy === 'filed' && (l.first || !l.reference || !l.decidedAt)
      ? t('colleagues.person.filed', { date: formatDate(l.addedAt, locale) })
      : l.addedBy === 'filed'
        ? t('colleagues.person.addedBy', { date: formatDate(l.decidedAt!, locale), by: l.decidedByName ?? l.decidedBy ?? '' })
        : t('colleagues.person.addedBy', { date: formatDate(l.addedAt, locale), by: l.addedByName ?? l.addedBy ?? '' })
    : '';
  return {
    title: isMe ? t('colleagues.person.you', { name }) : name,
    facts: [
      { title: t('colleagues.person.ids'), value: l.person.aadObjectId },
      { title: t('colleagues.person.tenant'), value: l.person.tenantId },
      ...(added ? [{ title: t('colleagues.person.added'), value: added }] : []),
    ],
    ...(removable
      ? {
          button: action(t('colleagues.remove', { name: personName(l) }), 'colleagues.remove', {
            orgnr,
            tenantId: l.person.tenantId,
            aadObjectId: l.person.aadObjectId,
          }),
        }
      : {}),
  };
}
