import type { AdaptiveCard } from '../cards/render';
import type { CardAction } from '../cards/action';
import { literalCard } from '../cards/literal';

/** What the voting card shows: the fields cards/vote.json is expanded with. */
export interface VoteCardData {
  progress: string;
  heading: string;
  facts: Array<{ title: string; value: string }>;
  tallyTitle: string;
  tallyStyle: string;
  tally: Array<{ title: string; value: string }>;
  result: string;
  resultColor: string;
  turnout: string;
  rules: string;
  yourMark: string;
  notice: string;
  warning: string;
  closes: string;
  actions: CardAction[];
}

const shown = (text: string, block: object) => (text !== '' ? [block] : []);

/**
 * The voting card built directly: exactly what cards/vote.json expands to (a unit test compares
 * the two over every kind of state), without the templating engine, which cost a storm of presses
 * about as much CPU as the rest of a press together.
 */
export function voteCardBody(d: VoteCardData): AdaptiveCard {
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: d.progress, isSubtle: true, size: 'Small', spacing: 'None' },
      { type: 'TextBlock', text: d.heading, size: 'Medium', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'FactSet', facts: d.facts.map((f) => ({ title: f.title, value: f.value })) },
      {
        type: 'Container',
        style: d.tallyStyle,
        spacing: 'Medium',
        items: [
          { type: 'TextBlock', text: d.tallyTitle, weight: 'Bolder', wrap: true },
          { type: 'FactSet', facts: d.tally.map((f) => ({ title: f.title, value: f.value })) },
          ...shown(d.turnout, { type: 'TextBlock', text: d.turnout, wrap: true, isSubtle: true, size: 'Small' }),
          ...shown(d.rules, { type: 'TextBlock', text: d.rules, wrap: true, isSubtle: true, size: 'Small' }),
        ],
      },
      ...shown(d.result, { type: 'TextBlock', text: d.result, weight: 'Bolder', wrap: true, color: d.resultColor, spacing: 'Small' }),
      ...(d.yourMark !== '' && d.yourMark !== d.warning ? [{ type: 'TextBlock', text: d.yourMark, wrap: true, weight: 'Bolder' }] : []),
      ...shown(d.notice, { type: 'Container', style: 'good', items: [{ type: 'TextBlock', text: d.notice, wrap: true }] }),
      ...shown(d.warning, { type: 'Container', style: 'attention', items: [{ type: 'TextBlock', text: d.warning, wrap: true, weight: 'Bolder' }] }),
      ...shown(d.closes, { type: 'TextBlock', text: d.closes, wrap: true, isSubtle: true, size: 'Small' }),
    ],
    actions: d.actions.map((a) => ({ type: 'Action.Execute', title: a.title, verb: a.verb, data: a.data, style: a.style })),
  };
  return literalCard(card as AdaptiveCard);
}
