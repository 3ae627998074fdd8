import { isOfficer } from '../../domain/roles';
import { cardMessage } from '../cards/attach';
import { helpCard } from '../cards/helpCard';
import type { Turn } from '../turn';

/** Officers also see the way into the secretariat's tools; nobody else is told they exist. */
export async function isCallerOfficer(turn: Turn): Promise<boolean> {
  const { aadObjectId, tenantId } = turn.caller;
  if (!aadObjectId) return false;
  return isOfficer(await turn.services.roles.of({ tenantId, aadObjectId }), turn.services.regions.id);
}

export async function helpCommand(turn: Turn): Promise<void> {
  const personal = turn.context.activity.conversation?.conversationType !== 'channel';
  await turn.context.sendActivity(cardMessage(helpCard(turn.t, { personal, officer: personal && (await isCallerOfficer(turn)) })));
}
