import assert from 'node:assert/strict';
import { CardFactory, MessageFactory } from 'botbuilder';
import { cardMessage } from '../../src/teams/cards/attach';

// cards/attach.ts writes the message out so that building one does not load botbuilder at start;
// Teams must get exactly what botbuilder's factories made.
describe('a card message', () => {
  it("is what botbuilder's MessageFactory.attachment(CardFactory.adaptiveCard(card)) makes", () => {
    const card = { type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text: 'Hei' }] };
    assert.deepEqual(cardMessage(card), MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  });
});
