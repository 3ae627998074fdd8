import assert from 'node:assert/strict';
import { ActivityTypes, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { createLogger } from '../../src/app/logger';
import { cardMessage, cardResponse } from '../../src/teams/cards/attach';
import { MAX_ACTIVITY_BYTES, activityBytes } from '../../src/teams/cards/budget';
import { renderCard } from '../../src/teams/cards/render';
import type { Services } from '../../src/teams/services';
import { keepWithinBudget } from '../../src/teams/sizeGuard';

// The last check on what a turn answers: what would pass the budget is sent as it is; what would
// not is replaced by a short message in the person's language, and logged without its content.

const card = (chars: number) => renderCard('message', { title: 'Stor', text: 'x'.repeat(chars), color: 'Default', actions: [] });

async function answered(locale: string, outgoing: Partial<Activity>): Promise<{ sent: Partial<Activity>; log: string[] }> {
  const log: string[] = [];
  const services = { logger: createLogger('debug', (l) => log.push(l)) } as unknown as Services;
  const sent: Array<Partial<Activity>> = [];
  const adapter = new TestAdapter(async () => undefined);
  const context = new TurnContext(adapter, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    locale,
    channelId: 'msteams',
    conversation: { id: 'c' } as Activity['conversation'],
    from: { id: 'u', name: 'U' },
    recipient: { id: 'b', name: 'Bot' },
    value: { action: { type: 'Action.Execute', verb: 'report.check' } },
  });
  keepWithinBudget(context, services);
  context.onSendActivities(async (_ctx, activities, next) => {
    sent.push(...activities);
    return next();
  });
  await context.sendActivity(outgoing);
  return { sent: sent[0], log };
}

describe('the card size budget on what a turn answers', () => {
  it('sends a reply within the budget as it is', async () => {
    const reply = cardMessage(card(30_000));
    assert.ok(activityBytes(reply) <= MAX_ACTIVITY_BYTES);
    const { sent } = await answered('nb-NO', reply);
    assert.equal(sent.attachments?.[0]?.content, reply.attachments?.[0]?.content);
  });

  it("replaces a reply over the budget (as UTF-16) with a message in the person's language, and logs its size, not its content", async () => {
    const reply = cardMessage(card(MAX_ACTIVITY_BYTES / 2));
    assert.ok(Buffer.byteLength(JSON.stringify(reply)) < MAX_ACTIVITY_BYTES, 'under the budget as UTF-8');
    for (const [locale, text] of [
      ['nb-NO', /Svaret ble for stort til å vises i Teams/],
      ['nn-NO', /Svaret vart for stort til å visast i Teams/],
      ['en-US', /The answer was too large for Teams to show/],
    ] as const) {
      const { sent, log } = await answered(locale, reply);
      assert.equal(sent.attachments, undefined);
      assert.match(sent.text ?? '', text);
      const line = log.find((l) => l.includes('over the card size budget'));
      assert.ok(line, log.join('\n'));
      assert.match(line, /"verb":"report.check"/);
      assert.ok(!line.includes('xxxx'), 'no content logged');
    }
  });

  it('replaces an invoke response over the budget with a message response (the pressed card stays as it is)', async () => {
    const big = { type: ActivityTypes.InvokeResponse, value: { status: 200, body: cardResponse(card(MAX_ACTIVITY_BYTES / 2)) } };
    const { sent } = await answered('nb-NO', big);
    const body = (sent.value as { body: { type: string; value: string } }).body;
    assert.equal(body.type, 'application/vnd.microsoft.activity.message');
    assert.match(body.value, /Svaret ble for stort/);
    const small = { type: ActivityTypes.InvokeResponse, value: { status: 200, body: cardResponse(card(1_000)) } };
    assert.equal(((await answered('nb-NO', small)).sent.value as { body: { type: string } }).body.type, 'application/vnd.microsoft.card.adaptive');
  });
});
