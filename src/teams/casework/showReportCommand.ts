import { normaliseReference } from '../../domain/report/reference';
import { reportCheck } from './reportCheck';
import { cardMessage } from '../cards/attach';
import { requireOfficer } from '../requireOfficer';
import { reportDetailCard } from '../cards/reportDetailCard';
import { reportFor } from '../ownerAccess';
import { Refusal } from '../refusals';
import type { NeedsReport } from '../../domain/report';
import type { CommandHandler } from '../commands/types';

/**
 * `vis BM-2027-0042` / `show BM-2027-0042`: an officer gets the case card of any report; anyone
 * else gets their own report's card, or "not found" exactly as for a reference that does not exist.
 */
export const showReportCommand: CommandHandler = async (turn, args) => {
  const reference = normaliseReference(args);
  if (!reference) {
    await turn.context.sendActivity(turn.t('case.show.usage'));
    return;
  }
  let officer = true;
  try {
    await requireOfficer(turn);
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    officer = false;
  }
  const type = turn.context.activity.conversation?.conversationType;
  if (type && type !== 'personal') throw new Refusal(officer ? 'case.personalOnly' : 'personalOnly');
  if (officer) {
    const result = await reportCheck(turn, { reference });
    if ('card' in result) await turn.context.sendActivity(cardMessage(result.card));
    return;
  }
  const { reports, rounds } = turn.services;
  const at = await reports.findByReference(reference);
  const report = at && (await reportFor<NeedsReport>(turn, at.reportId).catch(notFoundAs(reference)));
  const round = report && (await rounds.get(report.roundId));
  if (!report || !round) throw new Refusal('case.notFound', { reference });
  await turn.context.sendActivity(cardMessage(reportDetailCard(turn, report, round)));
};

/** "Not found" by the reference typed; a removed colleague's refusal stands as it is. */
const notFoundAs = (reference: string) => (err: unknown) => {
  if (err instanceof Refusal && err.key === 'report.notFound') throw new Refusal('case.notFound', { reference });
  throw err;
};
