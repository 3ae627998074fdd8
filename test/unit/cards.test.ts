import assert from 'node:assert/strict';
import { renderCard } from '../../src/teams/cards/render';
import { helpCard } from '../../src/teams/cards/helpCard';
import { translator } from '../../src/domain/i18n';
import { shownText } from '../support/markdown';

describe('card rendering', () => {
  it('never evaluates template expressions that arrive in user data', () => {
    const hostile = '${$root.secret} ${1+1} @{x} ${exit()} <script>alert(1)</script>';
    const card = renderCard('message', { title: hostile, text: hostile, color: 'Default', actions: [], secret: 'LEAKED' });
    const json = JSON.stringify(card);
    assert.ok(!json.includes('LEAKED'));
    assert.equal(shownText((card.body as any[])[0].text), hostile, 'shown as typed, neither evaluated nor markup');
  });

  it('renders the help card as Adaptive Card 1.5 with Universal Actions', () => {
    const card = helpCard(translator('nb'));
    assert.equal(card.version, '1.5');
    for (const a of card.actions as any[]) assert.equal(a.type, 'Action.Execute');
  });
});
