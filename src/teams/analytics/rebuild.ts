import { personOf } from '../caller';
import { cardMessage } from '../cards/attach';
import { requireOfficer } from '../requireOfficer';
import { messageCard } from '../secretariat/cards';
import type { Turn } from '../turn';

/**
 * `analyse gjenoppbygg` / `analysis rebuild` (officers): recounts every round's tallies from the
 * reports, for when the figures are ever in doubt. Long work, so the answer comes as a message
 * when it is done; the tallies stay readable meanwhile (each report's refresh is ETag-checked).
 */
export async function analysisRebuild(turn: Turn): Promise<void> {
  await requireOfficer(turn);
  const { services, t } = turn;
  const person = personOf(turn);
  const rounds = await services.rounds.list();
  await turn.context.sendActivity(t('analysis.rebuilding'));
  const started = services.now().toISOString();
  void (async () => {
    let reports = 0;
    for (const r of rounds) reports += await services.aggregates.rebuild(r.id);
    const card = messageCard({
      title: t('analysis.title', { scope: t('analysis.scope.all') }),
      text: t('analysis.rebuilt', { reports, rounds: rounds.length }),
    });
    await services.deliver({
      kind: 'personal',
      key: `analysis-rebuild:${started}`,
      tenantId: person.tenantId,
      aadObjectId: person.aadObjectId,
      activity: cardMessage(card),
    });
  })().catch((error: Error) => services.logger.warn('analysis rebuild failed', { error }));
}
