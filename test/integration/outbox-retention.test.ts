import assert from 'node:assert/strict';
import { Outbox } from '../../src/storage/outbox';
import { JobState } from '../../src/storage/jobState';
import { Tables } from '../../src/storage/tables';
import { SENT_CARD_RETENTION_DAYS } from '../../src/domain/retention';
import { forgetSentCards } from '../../src/teams/scheduler/sentCards';
import type { JobContext } from '../../src/teams/scheduler/types';
import type { Services } from '../../src/teams/services';
import { uniquePrefix } from '../support/harness';

const DAY = 24 * 3600 * 1000;
const target = { kind: 'personal' as const, tenantId: 't', aadObjectId: 'a' };

describe('the outbox forgets sent cards after the retention period', function () {
  this.timeout(30_000);
  let tables: Tables;
  let clock = new Date('2027-03-01T08:00:00Z');
  const outbox = () => new Outbox(tables, () => clock);

  before(async () => {
    tables = new Tables(process.env.TEST_TABLES_CONNECTION_STRING!, uniquePrefix());
    await tables.ensure();
  });
  after(() => tables.dropAll());

  async function send(key: string, text: string): Promise<void> {
    await outbox().enqueue({ key, kind: 'personal', target, conversation: 'c', activity: { text } });
    const { claim } = await outbox().claim({ key, dueAt: clock.getTime() }, { leaseId: 'l', leaseMs: 60_000 });
    await outbox().markSent(claim!, { activityId: `act-${key}`, conversationId: 'conv', by: 'test' });
  }
  async function rowOf(key: string): Promise<Record<string, unknown>> {
    for await (const e of tables.client('Outbox').listEntities<Record<string, unknown>>({ queryOptions: { filter: `key eq '${key}' and RowKey ge 'm_'` } }))
      return e;
    throw new Error(`no row for ${key}`);
  }

  it('clears the card of old sent messages, keeps their ids, and leaves new and queued ones whole', async () => {
    await send('old', 'Vedtak for Bærum kommune');
    clock = new Date(clock.getTime() + (SENT_CARD_RETENTION_DAYS + 1) * DAY);
    await send('new', 'Ny melding');
    await outbox().enqueue({ key: 'waiting', kind: 'personal', target, conversation: 'c', activity: { text: 'venter' } });

    const ctx = {
      services: { outbox: outbox(), logger: { info: () => undefined } } as unknown as Services,
      jobs: new JobState(tables),
      now: clock,
    } as JobContext;
    await tables.ensure(['Jobs']);
    await forgetSentCards(ctx);

    const old = await rowOf('old');
    assert.equal(old.an, undefined, 'the old card is gone');
    assert.equal(old.a0, undefined);
    assert.equal(old.status, 'sent');
    assert.equal(old.activityId, 'act-old', 'Teams ids stay for later updates');
    assert.equal((await rowOf('new')).a0, JSON.stringify({ text: 'Ny melding' }));
    assert.equal((await rowOf('waiting')).a0, JSON.stringify({ text: 'venter' }));
    assert.equal((await outbox().get('old'))?.status, 'sent');

    // A repeated enqueue of the forgotten message is still recognised and not sent again.
    const again = await outbox().enqueue({ key: 'old', kind: 'personal', target, conversation: 'c', activity: { text: 'x' } });
    assert.equal(again.created, false);
  });

  it('sweeps once per day whichever instance ticks first', async () => {
    await send('second', 'Andre melding');
    clock = new Date(clock.getTime() + (SENT_CARD_RETENTION_DAYS + 1) * DAY);
    let sweeps = 0;
    const counting = outbox();
    const real = counting.forgetSentCards.bind(counting);
    counting.forgetSentCards = (before: Date) => {
      sweeps++;
      return real(before);
    };
    const ctx = () =>
      ({ services: { outbox: counting, logger: { info: () => undefined } } as unknown as Services, jobs: new JobState(tables), now: clock }) as JobContext;
    await Promise.all([forgetSentCards(ctx()), forgetSentCards(ctx())]);
    await forgetSentCards(ctx());
    assert.equal(sweeps, 1);
    assert.equal((await rowOf('second')).an, undefined);
  });
});
