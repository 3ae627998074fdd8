import { z } from 'zod';
import type { Round } from '../../../domain/round';
import type { ActionHandler } from '../../actions/types';
import { action } from '../../cards/action';
import { deadlineText, menuAction, messageCard } from '../cards';
import { requireOfficer } from '../../requireOfficer';
import { loadOverviewAndLedger, overviewCard } from './overviewCard';
import { unansweredContinuations } from '../../continuation/ask';

const Ref = z
  .object({
    roundId: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/)
      .optional(),
  })
  .catch({});

/** The round an overview shows unless one is chosen: the open one, else the newest. */
export function defaultRound(rounds: readonly Round[]): Round | undefined {
  return rounds.find((r) => r.status === 'open') ?? rounds[0];
}

/** `overview.show` / `oversikt`: the round's numbers against its budget, and what waits for a check. */
export const overviewShow: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const { t, locale, services } = turn;
  const rounds = await services.rounds.list();
  const wanted = Ref.parse(data).roundId;
  const round = (wanted && rounds.find((r) => r.id === wanted)) || defaultRound(rounds);
  if (!round)
    return { card: messageCard({ title: t('secretariat.menu.overview'), text: t('overview.none'), actions: [action(t('rounds.new'), 'round.newForm', {})] }) };
  const { overview, ledger, plans } = await loadOverviewAndLedger(services, round);
  // Continuations whose owners have not answered yet: they stay off the agendas until they do.
  const unanswered = round.status === 'planned' ? [] : await unansweredContinuations(services, round);
  const note = unanswered.length
    ? t('continuation.unanswered', {
        count: unanswered.length,
        list:
          unanswered
            .slice(0, 20)
            .map((r) => `${r.reference} (${r.summary.ownerName})`)
            .join(', ') + (unanswered.length > 20 ? ` ${t('overview.more', { count: unanswered.length - 20 })}` : ''),
        deadline: deadlineText(t, locale, round.deadline),
      })
    : '';
  const others = rounds
    .filter((r) => r.id !== round.id)
    .slice(0, 3)
    .map((r) => action(t('overview.round', { year: r.year }), 'overview.show', { roundId: r.id }));
  return {
    card: overviewCard({ t, locale, regions: services.regions }, round, overview, {
      note,
      actions: [action(t('overview.refresh'), 'overview.show', { roundId: round.id }), ...others, menuAction(t)],
      ledger,
      plans,
    }),
  };
};
