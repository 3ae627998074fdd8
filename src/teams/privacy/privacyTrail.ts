import { formatDate, formatDateTime } from '../../domain/i18n';
import { formatOrgnr } from '../../domain/orgnr';
import { formatSchoolYear, statusLabelKey } from '../../domain/report';
import { SECRETARIAT_GROUP, samePerson as same, votesIn, type Grant } from '../../domain/roles';
import type { PersonKey } from '../../storage/keys';
import type { LinkAudit } from '../../storage/ownerPeople';
import type { MessageKey } from '../../domain/i18n';
import type { ReportRecord } from '../../storage/reports';
import type { Section } from '../secretariat/cards';
import { groupName } from '../secretariat/roles/groupNames';
import { MARK_LABEL } from '../forum/voteCard';
import { ownerCases } from '../usage/owner';
import type { Turn } from '../turn';

/**
 * The parts of "my data" that others' work or the caller's own presses left about them: their
 * grants as stored (the name and organisations an officer typed), the names colleagues typed when
 * adding them, their vote marks, the usage reports they sent, and the audit entries they made.
 * Each read is the caller's own partition or an owner they are linked to (no table scans).
 */

/** Lists stay readable (and the card small): the first this many, then a count of the rest. */
export const SHOWN = 30;

type Fact = { title: string; value: string };

export function capped(turn: Turn, facts: Fact[], none: Fact[]): Fact[] {
  if (facts.length === 0) return none;
  const more = facts.length - SHOWN;
  return more > 0 ? [...facts.slice(0, SHOWN), { title: '', value: turn.t('privacy.more', { count: more }) }] : facts;
}

const ROLE_KEYS: Record<Grant['role'], MessageKey> = {
  secretariat: 'privacy.roles.secretariat',
  member: 'privacy.roles.member',
  chair: 'privacy.roles.chair',
  guest: 'privacy.roles.guest',
};

const DID: Record<LinkAudit['action'], MessageKey> = {
  registered: 'privacy.audit.registered',
  added: 'privacy.audit.added',
  removed: 'privacy.audit.removed',
  claimed: 'claims.audit.claimed',
  confirmed: 'claims.audit.confirmed',
  rejected: 'claims.audit.rejected',
  autoConfirmed: 'claims.audit.autoConfirmed',
  migrated: 'claims.audit.migrated',
};

const idOf = (p: PersonKey) => `${p.tenantId}:${p.aadObjectId}`;

/** Each grant with the name and organisations stored in it, and who gave it when. */
export function grantFacts(turn: Turn, grants: Grant[]): Fact[] {
  const { t, locale } = turn;
  return grants.map((g) => ({
    title:
      g.group === SECRETARIAT_GROUP ? t(ROLE_KEYS[g.role]) : t('privacy.roles.item', { role: t(ROLE_KEYS[g.role]), group: groupName(turn, g.group, g.forum) }),
    value: t('privacy.roles.stored', {
      name: g.displayName ?? t('privacy.none'),
      organisations: g.organisations.length ? g.organisations.map(formatOrgnr).join(', ') : t('privacy.none'),
      date: g.grantedBy === 'configuration' ? t('privacy.roles.configured') : formatDate(g.grantedAt, locale),
    }),
  }));
}

/**
 * Every mark the person made: closed votes' from their own index (and marks they made before
 * leaving a group), and a point read on each item of the open votes of the groups they vote in
 * (an open vote's marks are indexed when it closes).
 */
async function marksOf(turn: Turn, person: PersonKey) {
  const { services } = turn;
  const [grants, open] = await Promise.all([services.roles.of(person), services.meetings.openVotes(undefined)]);
  const items = open.filter((m) => votesIn(grants, m.forum, m.group)).flatMap((m) => m.order.map((reportId) => ({ meetingId: m.id, reportId })));
  return services.votes.marksBy(person, items);
}

/** What the caller's press and others' work wrote about them, one section each. */
export async function trailSections(turn: Turn, person: PersonKey, orgnrs: string[], reports: ReportRecord[]): Promise<Section[]> {
  const { t, locale, services } = turn;
  const me = idOf(person);
  const when = (at: string) => formatDateTime(at, locale);
  const none = (key: Parameters<typeof t>[0]) => [{ title: '', value: t(key) }];

  const [audits, links, marks, usage] = await Promise.all([
    Promise.all(orgnrs.map(async (orgnr) => ({ orgnr, audit: await services.ownerPeople.auditOf(orgnr) }))),
    Promise.all(orgnrs.map((orgnr) => services.ownerPeople.link(orgnr, person))),
    marksOf(turn, person),
    ownerCases(turn),
  ]);

  // Names typed about the caller: on a current link, and on the owner's audit rows about them.
  const typed: Fact[] = [];
  for (const [i, orgnr] of orgnrs.entries()) {
    const link = links[i];
    if (link?.displayName)
      typed.push({ title: formatOrgnr(orgnr), value: t('privacy.typed.item', { name: link.displayName, by: link.addedByName ?? link.addedBy ?? '' }) });
    for (const e of audits[i].audit) {
      if (same(e.person, person) && e.personName && e.personName !== link?.displayName) {
        typed.push({ title: formatOrgnr(orgnr), value: t('privacy.typed.item', { name: e.personName, by: e.byName ?? e.by }) });
      }
    }
  }

  const markFacts: Fact[] = [];
  for (const m of marks) {
    const [meeting, item] = await Promise.all([services.meetings.get(services.regions.id, m.meetingId), services.meetings.item(m.meetingId, m.reportId)]);
    markFacts.push({
      title: when(m.at),
      value: t('privacy.marks.item', {
        mark: t(MARK_LABEL[m.mark]),
        reference: item?.item.reference ?? m.reportId,
        meeting: meeting ? `${meeting.title} (${formatDate(meeting.date, locale)})` : m.meetingId,
      }),
    });
  }

  const usageFacts: Fact[] = usage.flatMap((c) =>
    (c.usage?.history ?? [])
      .filter((e) => e.to === 'submitted' && e.by === me)
      .map((e) => ({ title: when(e.at), value: t('privacy.usage.item', { reference: c.report.reference, schoolYear: formatSchoolYear(c.schoolYear) }) })),
  );

  // Audit entries the caller made: on the owners' people, and in the history of reports they see.
  const made: Array<Fact & { at: string }> = [];
  for (const [i, orgnr] of orgnrs.entries()) {
    for (const e of audits[i].audit.filter((a: LinkAudit) => a.by === me)) {
      made.push({
        at: e.at,
        title: when(e.at),
        value: `${formatOrgnr(orgnr)}: ${t(DID[e.action], { person: same(e.person, person) ? t('privacy.yourself') : (e.personName ?? e.person.aadObjectId) })}`,
      });
    }
  }
  for (const r of reports) {
    for (const e of r.history.filter((h) => h.actor.id === me)) {
      made.push({
        at: e.at,
        title: when(e.at),
        value: `${r.reference}: ${t(statusLabelKey(e.from))} → ${t(statusLabelKey(e.to))}`,
      });
    }
  }
  made.sort((a, b) => b.at.localeCompare(a.at));

  return [
    { title: t('privacy.typed.title', { count: typed.length }), facts: capped(turn, typed, none('privacy.typed.none')) },
    { title: t('privacy.marks.title', { count: markFacts.length }), facts: capped(turn, markFacts, none('privacy.marks.none')) },
    { title: t('privacy.usage.title', { count: usageFacts.length }), facts: capped(turn, usageFacts, none('privacy.usage.none')) },
    {
      title: t('privacy.audit.title', { count: made.length }),
      facts: capped(
        turn,
        made.map(({ title, value }) => ({ title, value })),
        none('privacy.audit.none'),
      ),
      text: t('privacy.audit.officer'),
    },
  ];
}
