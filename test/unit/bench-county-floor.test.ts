import assert from 'node:assert/strict';
import { floorOf } from '../../bench/county';
import { appLimits } from '../../src/domain/rateLimit';

// The county benchmark's floor: the least time Teams' limits allow for messages to many conversations.
describe('the county benchmark’s floor over many conversations', () => {
  it('one message to each of 1 000 chats at 30/s: the app’s limit decides (33 s from first send to last)', () => {
    assert.equal(floorOf(Array<number>(1000).fill(1), appLimits(30)), 33_000);
  });

  it('61 messages to one chat: its 60-per-30-s window decides, however high the app’s limit', () => {
    assert.equal(floorOf([61], appLimits(1000)), 30_000);
  });

  it('a channel’s 20 cards among 60 personal messages: the channel’s windows outlast the app’s (4 s, not 0)', () => {
    assert.equal(floorOf([20, ...Array<number>(60).fill(1)], appLimits(100)), 4_000);
    assert.equal(floorOf(Array<number>(80).fill(1), appLimits(100)), 0);
  });
});
