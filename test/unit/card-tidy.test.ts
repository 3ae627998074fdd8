import assert from 'node:assert/strict';
import { literalCard } from '../../src/teams/cards/literal';

// cards/tidy.ts, the last step of every card (through literalCard): the gallery test renders the
// result in Microsoft's renderer; these pin the rules themselves.

const button = (title: string, verb: string, extra: Record<string, unknown> = {}) => ({ type: 'Action.Execute', title, verb, data: { verb }, ...extra });
const card = (actions: object[], body: object[] = []) => ({ type: 'AdaptiveCard', version: '1.5', body, actions });

describe('every card tidied for Teams', () => {
  it('keeps a row of buttons that fits at 500 px as it is', () => {
    const c = literalCard(card([button('Tilbake', 'report.back'), button('Send inn', 'report.submit')]));
    assert.deepEqual(
      c.actions.map((a: any) => a.mode),
      [undefined, undefined],
    );
  });

  it('puts the buttons that would be cut into the "…" menu, in order, keeping the main action in the row', () => {
    const c = literalCard(
      card([
        button('Send tilbake til eier', 'report.return'),
        button('Endre arbeidsgruppe', 'report.moveGroup'),
        button('Kolleger for eieren', 'colleagues.list'),
        button('Formelt godkjent', 'report.checkPass'),
      ]),
    );
    assert.deepEqual(
      c.actions.map((a: any) => [a.title, a.mode ?? 'primary', a.style ?? 'default']),
      [
        ['Send tilbake til eier', 'primary', 'default'],
        ['Endre arbeidsgruppe', 'secondary', 'default'],
        ['Kolleger for eieren', 'secondary', 'default'],
        ['Formelt godkjent', 'primary', 'positive'],
      ],
    );
  });

  it('keeps all four marks of a vote in the row and puts the need button in the "…" menu', () => {
    const mark = (title: string) => button(title, 'vote.mark');
    const c = literalCard(card([mark('Prioriter'), mark('Ikke prioriter'), mark('Avstår'), mark('Inhabil'), button('Les hele behovsmeldingen', 'vote.need')]));
    assert.deepEqual(
      c.actions.map((a: any) => [a.title, a.mode ?? 'primary']),
      [
        ['Prioriter', 'primary'],
        ['Ikke prioriter', 'primary'],
        ['Avstår', 'primary'],
        ['Inhabil', 'primary'],
        ['Les hele behovsmeldingen', 'secondary'],
      ],
    );
  });

  it('styles the main action positive and a removing one destructive by verb, whatever the template said', () => {
    const c = literalCard(card([button('Ja, publiser', 'results.publishConfirm', { style: 'default' }), button('Ja, slett', 'round.purgeConfirm')]));
    assert.deepEqual(
      c.actions.map((a: any) => a.style),
      ['positive', 'destructive'],
    );
  });

  it('leaves out properties written with their default value, and keeps the others', () => {
    const c = literalCard(
      card(
        [button('Åpne', 'report.open', { style: 'default', associatedInputs: 'auto', mode: 'primary' })],
        [
          { type: 'Input.Text', id: 'a', label: 'A', value: '', placeholder: '', regex: '', errorMessage: '', isRequired: false, isMultiline: false },
          { type: 'Input.Text', id: 'b', label: 'B', value: 'x', isRequired: true, errorMessage: 'Fyll ut', isMultiline: true },
          {
            type: 'TextBlock',
            text: 'T',
            wrap: false,
            size: 'Default',
            weight: 'default',
            isSubtle: false,
            spacing: 'default',
            separator: false,
            isVisible: true,
          },
          { type: 'Container', style: 'default', items: [] },
        ],
      ),
    );
    assert.deepEqual(c.actions[0], { type: 'Action.Execute', title: 'Åpne', verb: 'report.open', data: { verb: 'report.open' } });
    assert.deepEqual(c.body[0], { type: 'Input.Text', id: 'a', label: 'A' });
    assert.deepEqual(c.body[1], { type: 'Input.Text', id: 'b', label: 'B', value: 'x', isRequired: true, errorMessage: 'Fyll ut', isMultiline: true });
    assert.deepEqual(c.body[2], { type: 'TextBlock', text: 'T' });
    // A container's style resets an inherited one: not a default to drop.
    assert.deepEqual(c.body[3], { type: 'Container', style: 'default', items: [] });
  });

  it('says a warning in bold in the default colour, not in yellow', () => {
    const c = literalCard(card([], [{ type: 'TextBlock', text: 'Uavklart', color: 'Warning', wrap: true }]));
    assert.deepEqual(c.body[0], { type: 'TextBlock', text: 'Uavklart', wrap: true, weight: 'Bolder' });
  });
});
