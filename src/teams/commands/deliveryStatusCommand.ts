import { cardMessage } from '../cards/attach';
import { deliveryStatusCard } from '../cards/deliveryStatusCard';
import type { Turn } from '../turn';

const DAYS = 7;

/** `leveringsstatus` / `delivery status`: the secretariat's view of recent proactive deliveries. */
export async function deliveryStatusCommand(turn: Turn): Promise<void> {
  const caller = turn.caller.aadObjectId?.toLowerCase();
  // Roles come in a later issue; until then BOOTSTRAP_SECRETARIAT says who the secretariat is.
  if (!caller || !turn.services.bootstrapSecretariat.some((id) => id.toLowerCase() === caller)) {
    await turn.context.sendActivity(turn.t('delivery.status.refused'));
    return;
  }
  // The outbox keeps real time even when handlers run on a test clock.
  const summary = await turn.services.outbox.summary(new Date(Date.now() - DAYS * 24 * 60 * 60 * 1000));
  await turn.context.sendActivity(cardMessage(deliveryStatusCard(turn.t, summary, DAYS)));
}
