import { formatDate, type MessageKey } from '../../domain/i18n';
import type { ReportRecord } from '../../storage/reports';
import { messageCard, summaryCard, type Section } from '../secretariat/cards';
import { action } from '../cards/action';
import { ownerLabel } from '../colleagues/colleaguesCard';
import { personOf, requirePersonal } from '../caller';
import type { WizardData } from '../drafts';
import type { Turn } from '../turn';
import type { ActionHandler } from '../actions/types';
import { SHOWN, capped, grantFacts, trailSections } from './privacyTrail';

/**
 * `privacy.show` (`mine data` / `my data`): everything stored about the caller. Only their own
 * partitions are read: their personal chat row, their drafts, their report and owner indexes,
 * their grants, their vote index; and the audit trail of owners they are or were linked to (the
 * rows by or about them). In the personal chat only, since the card shows their data.
 */
export const privacyShow: ActionHandler = async (turn) => {
  requirePersonal(turn);
  const person = personOf(turn);
  const { references, drafts, reports, roles } = turn.services;
  const [chat, own, visible, owners, grants] = await Promise.all([
    references.personal(person.tenantId, person.aadObjectId),
    drafts.list<WizardData>(person),
    reports.visibleTo(person),
    ownerLinks(turn),
    roles.of(person),
  ]);
  const seen = (await Promise.all(visible.map((v) => reports.get(v.roundId, v.id)))).filter((r): r is ReportRecord => r !== undefined);
  const records = seen
    .filter((r) => r.createdBy.tenantId === person.tenantId && r.createdBy.aadObjectId === person.aadObjectId)
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const trail = await trailSections(turn, person, owners.orgnrs, seen);
  const { t, locale } = turn;
  const date = (at: string) => formatDate(at, locale);
  const none = (key: MessageKey) => [{ title: '', value: t(key) }];

  const sections: Section[] = [
    {
      title: t('privacy.chat.title'),
      facts: chat ? [{ title: t('privacy.chat.stored'), value: t('privacy.chat.storedValue', { date: date(chat.updatedAt) }) }] : none('privacy.chat.none'),
    },
    {
      title: t('privacy.drafts.title', { count: own.length }),
      facts: capped(
        turn,
        own.map((d) => ({
          title: d.reportId ? (d.data.reference ?? '') : d.data.report?.title || t('wizard.untitled'),
          value: t('privacy.drafts.item', { date: date(d.updatedAt) }),
        })),
        none('privacy.drafts.none'),
      ),
    },
    {
      title: t('privacy.reports.title', { count: records.length }),
      facts: capped(
        turn,
        records.map((r) => ({
          title: r.summary.title,
          value: t('privacy.reports.item', { reference: r.reference, date: date(r.submittedAt) }),
        })),
        none('privacy.reports.none'),
      ),
    },
    {
      title: t('colleagues.privacy.title', { count: owners.facts.length }),
      facts: capped(turn, owners.facts, none('privacy.owners.none')),
    },
    {
      title: t('privacy.roles.title', { count: grants.length }),
      facts: capped(turn, grantFacts(turn, grants), none('privacy.roles.none')),
    },
    ...trail,
    { title: t('privacy.kept.title'), facts: [], text: t('privacy.kept.text') },
  ];
  // Every list shows its first 30 and a count (the card must fit in Teams); every report filed is one press away.
  const actions = [
    ...(records.length > SHOWN ? [action(t('receipt.myReports'), 'report.mine', {})] : []),
    ...(own.length ? [action(t('privacy.deleteDrafts'), 'privacy.deleteDrafts', {}, { style: 'destructive' })] : []),
  ];
  // The chat and the drafts (what a person may delete here) first; the long lists behind one toggle.
  const [kept] = sections.splice(-1);
  const lists = sections.splice(2);
  return {
    card: summaryCard({
      title: t('privacy.title'),
      intro: t('privacy.intro'),
      sections: [...sections, kept],
      details: { title: t('card.details'), sections: lists },
      actions,
    }),
  };
};

/** `privacy.deleteDrafts`: asks first; deleting cannot be undone. */
export const privacyDeleteDrafts: ActionHandler = async (turn) => {
  requirePersonal(turn);
  const count = (await turn.services.drafts.list(personOf(turn))).length;
  const { t } = turn;
  if (count === 0) return { card: nothingToDelete(turn) };
  return {
    card: messageCard({
      title: t('privacy.deleteConfirm.title'),
      color: 'Attention',
      text: t('privacy.deleteConfirm.text', { count }),
      actions: [
        action(t('privacy.deleteConfirm.yes'), 'privacy.deleteDraftsConfirm', {}, { style: 'destructive' }),
        action(t('privacy.deleteConfirm.no'), 'privacy.show', {}),
      ],
    }),
  };
};

/**
 * `privacy.deleteDraftsConfirm`: deletes the caller's drafts, and only theirs (the person comes
 * from the activity, never from card data). Pressing it again finds nothing and says so.
 */
export const privacyDeleteDraftsConfirm: ActionHandler = async (turn) => {
  requirePersonal(turn);
  const count = await turn.services.drafts.removeAll(personOf(turn));
  if (count === 0) return { card: nothingToDelete(turn) };
  turn.services.logger.info('privacy.draftsDeleted', { count });
  const { t } = turn;
  return {
    card: messageCard({
      title: t('privacy.deleted.title'),
      text: t('privacy.deleted.text', { count }),
      color: 'Good',
      actions: [action(t('privacy.deleteConfirm.no'), 'privacy.show', {})],
    }),
  };
};

function nothingToDelete(turn: Turn) {
  const { t } = turn;
  return messageCard({ title: t('privacy.title'), text: t('privacy.deleted.none'), actions: [action(t('privacy.deleteConfirm.no'), 'privacy.show', {})] });
}

/** Every owner the caller is or was linked to: since when, who added them, and when they were removed. */
async function ownerLinks(turn: Turn): Promise<{ orgnrs: string[]; facts: Array<{ title: string; value: string }> }> {
  const { t, locale, services } = turn;
  const person = personOf(turn);
  const memberships = await services.ownerPeople.membershipsOf(person);
  const facts = await Promise.all(
    memberships.map(async (m) => {
      const [label, link] = await Promise.all([ownerLabel(turn, m.orgnr), services.ownerPeople.link(m.orgnr, person)]);
      const date = (at: string) => formatDate(at, locale);
      const since = !link?.addedAt
        ? t('colleagues.privacy.linked')
        : link.addedBy === 'filed'
          ? t('colleagues.privacy.filed', { date: date(link.addedAt) })
          : link.addedByName || link.addedBy
            ? t('colleagues.privacy.sinceBy', { date: date(link.addedAt), by: link.addedByName ?? link.addedBy ?? '' })
            : t('colleagues.privacy.since', { date: date(link.addedAt) });
      const removed = link?.removedAt ?? m.removedAt;
      // A removed link is a tombstone: when it was made and by whom are deleted with the removal.
      const gone = removed ? t('colleagues.privacy.removed', { date: date(removed) }) : '';
      return { title: label, value: removed ? (link?.addedAt ? `${since}. ${gone}` : gone) : since };
    }),
  );
  return { orgnrs: memberships.map((m) => m.orgnr), facts };
}
