import { cardMessage } from '../cards/attach';
import { helpCard } from '../cards/helpCard';
import type { Turn } from '../turn';

export async function helpCommand(turn: Turn): Promise<void> {
  const personal = turn.context.activity.conversation?.conversationType !== 'channel';
  await turn.context.sendActivity(cardMessage(helpCard(turn.t, { personal })));
}
