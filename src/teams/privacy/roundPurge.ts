import { formatDate } from '../../domain/i18n';
import { retentionCutoff, roundsPastRetention } from '../../domain/retention';
import type { PurgeCount } from '../../storage/roundPurge';
import { messageCard, summaryCard } from '../secretariat/cards';
import { requireOfficer } from '../requireOfficer';
import { action } from '../cards/action';
import type { Turn } from '../turn';
import type { ActionHandler } from '../actions/types';

const DEFAULT_RETENTION_YEARS = 10;

/** The rounds that may be purged now: decided from storage and the clock, never from card data. */
async function due(turn: Turn) {
  const years = turn.services.roundRetentionYears ?? DEFAULT_RETENTION_YEARS;
  const now = turn.services.now();
  const rounds = roundsPastRetention(await turn.services.rounds.list(), now, years);
  return { years, cutoff: formatDate(retentionCutoff(now, years), turn.locale), rounds, purge: turn.services.roundPurge };
}

/** `round.purge` (`slett gamle runder` / `purge old rounds`): what would be deleted, with counts. Officers only. */
export const roundPurge: ActionHandler = async (turn) => {
  await requireOfficer(turn);
  const { years, cutoff, rounds, purge } = await due(turn);
  const { t, locale } = turn;
  if (rounds.length === 0) return { card: messageCard({ title: t('privacy.purge.title'), text: t('privacy.purge.none', { count: years, cutoff }) }) };
  const sections = [];
  for (const r of rounds) {
    const c: PurgeCount = await purge.count(r.id);
    sections.push({
      title: t('privacy.purge.round', { year: r.year, deadline: formatDate(r.deadline, locale) }),
      facts: [
        { title: t('privacy.purge.reports'), value: String(c.reports) },
        { title: t('privacy.purge.versions'), value: String(c.versions) },
        { title: t('privacy.purge.drafts'), value: String(c.drafts) },
        { title: t('privacy.purge.meetings'), value: String(c.meetings) },
        { title: t('privacy.purge.marks'), value: String(c.marks) },
      ],
    });
  }
  return {
    card: summaryCard({
      title: t('privacy.purge.title'),
      intro: t('privacy.purge.intro', { count: years, cutoff }),
      sections,
      actions: [action(t('privacy.purge.confirm'), 'round.purgeConfirm', { roundIds: rounds.map((r) => r.id) }, { style: 'destructive' })],
    }),
  };
};

/**
 * `round.purgeConfirm`: deletes the rounds the officer confirmed that are still past retention
 * (the card's list only narrows what is deleted). Pressing again finds nothing and says so.
 */
export const roundPurgeConfirm: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const confirmed = new Set(Array.isArray(data.roundIds) ? data.roundIds.filter((id): id is string => typeof id === 'string') : []);
  const { years, cutoff, rounds, purge } = await due(turn);
  const chosen = rounds.filter((r) => confirmed.has(r.id));
  const { t } = turn;
  if (chosen.length === 0) return { card: messageCard({ title: t('privacy.purge.title'), text: t('privacy.purge.none', { count: years, cutoff }) }) };
  let reports = 0;
  for (const r of chosen) {
    reports += (await purge.count(r.id)).reports;
    await purge.purge(r);
    await turn.services.rounds.remove(r.id);
    turn.services.logger.info('round purged', { roundId: r.id });
  }
  return {
    card: messageCard({
      title: t('privacy.purge.done.title'),
      text: t('privacy.purge.done', { count: chosen.length, reports: t('privacy.purge.reportCount', { count: reports }) }),
      color: 'Good',
    }),
  };
};
