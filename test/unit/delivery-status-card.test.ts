import assert from 'node:assert/strict';
import { translator } from '../../src/domain/i18n';
import { deliveryStatusCard } from '../../src/teams/cards/deliveryStatusCard';

const texts = (card: any): string[] => {
  const out: string[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    for (const k of ['text', 'title', 'value']) if (typeof n[k] === 'string') out.push(n[k]);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
};

describe('the delivery status card', () => {
  it('says plainly that nothing was sent when the period is empty', () => {
    const card = deliveryStatusCard(translator('nb'), { counts: { queued: 0, sending: 0, sent: 0, failed: 0 }, inDoubt: 0, failures: [] }, 7);
    assert.equal(card.version, '1.5');
    assert.ok(texts(card).includes('Boten har ikke sendt noen meldinger i perioden.'));
    assert.ok(!texts(card).includes('Levert'));
  });

  it('shows counts by status, possible duplicates only when there are any, and failures with their reasons in nynorsk', () => {
    const t = translator('nn');
    const summary = {
      counts: { queued: 2, sending: 1, sent: 40, failed: 1 },
      inDoubt: 0,
      failures: [{ key: 'agenda:m1:ost', reason: 'blocked' as const, at: '2027-01-01T10:00:00Z' }],
    };
    const quiet = texts(deliveryStatusCard(t, summary, 7));
    assert.ok(quiet.includes('Meldingar frå boten dei siste 7 dagane'));
    assert.deepEqual(quiet.slice(quiet.indexOf('Ventar i kø'), quiet.indexOf('Ventar i kø') + 8), [
      'Ventar i kø',
      '2',
      'Blir sende no',
      '1',
      'Levert',
      '40',
      'Ikkje levert',
      '1',
    ]);
    assert.ok(!quiet.some((x) => x.startsWith('Sende på nytt')));
    assert.ok(quiet.includes('agenda:m1:ost'));
    assert.ok(quiet.includes('Mottakaren har blokkert boten, eller boten er fjerna frå teamet'));
    const doubtful = texts(deliveryStatusCard(t, { ...summary, inDoubt: 3 }, 7));
    assert.equal(doubtful[doubtful.indexOf('Sende på nytt etter eit avbrot (kan ha kome fram to gonger)') + 1], '3');
  });
});
