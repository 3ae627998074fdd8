import { cardMessage } from '../cards/attach';
import { deliveryStatusCard } from '../cards/deliveryStatusCard';
import { requireOfficer } from '../requireOfficer';
import type { Turn } from '../turn';
import { Refusal } from '../refusals';

const DAYS = 7;

/** `leveringsstatus` / `delivery status`: the secretariat's view of recent proactive deliveries. */
export async function deliveryStatusCommand(turn: Turn): Promise<void> {
  try {
    // The secretariat's one gate: stored officers and those in BOOTSTRAP_SECRETARIAT.
    await requireOfficer(turn);
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    await turn.context.sendActivity(turn.t('delivery.status.refused'));
    return;
  }
  // The outbox keeps real time even when handlers run on a test clock.
  const summary = await turn.services.outbox.summary(new Date(Date.now() - DAYS * 24 * 60 * 60 * 1000));
  await turn.context.sendActivity(cardMessage(deliveryStatusCard(turn.t, summary, DAYS)));
}
