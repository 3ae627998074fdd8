import type { ActionHandler } from '../actions/types';
import { action, type CardAction } from '../cards/action';
import { renderCard } from '../cards/render';
import type { MessageKey, Translate } from '../../domain/i18n';
import { requireOfficer } from '../requireOfficer';

/**
 * The secretariat's buttons in groups, one row each: Teams shows at most six buttons in a row, and
 * a heading per row finds a button faster than nine side by side. Other areas add theirs to a group.
 */
export const MENU_GROUPS: Array<{ heading: MessageKey; items: Array<(t: Translate) => CardAction> }> = [
  {
    heading: 'secretariat.menu.group.round',
    items: [
      (t) => action(t('secretariat.menu.overview'), 'overview.show', {}),
      (t) => action(t('secretariat.menu.rounds'), 'round.list', {}),
      (t) => action(t('secretariat.menu.decisions'), 'decision.pending', {}),
    ],
  },
  {
    heading: 'secretariat.menu.group.forum',
    items: [
      (t) => action(t('secretariat.menu.meetings'), 'meeting.list', {}),
      (t) => action(t('secretariat.menu.rules'), 'rules.list', {}),
      (t) => action(t('secretariat.menu.forums'), 'forums.list', {}),
    ],
  },
  {
    heading: 'secretariat.menu.group.people',
    items: [
      (t) => action(t('secretariat.menu.roles'), 'roles.list', {}),
      (t) => action(t('claims.menu'), 'claims.list', {}),
      (t) => action(t('usage.menu'), 'usage.round', {}),
    ],
  },
];

/** Every button of the menu, in its order. */
export const MENU = MENU_GROUPS.flatMap((g) => g.items);

/** `secretariat.menu` / `sekretariat`. */
export const secretariatMenu: ActionHandler = async (turn) => {
  await requireOfficer(turn);
  const { t } = turn;
  const groups = MENU_GROUPS.map((g) => ({ heading: t(g.heading), actions: g.items.map((m) => m(t)) }));
  return { card: renderCard('menu', { title: t('secretariat.menu.title'), text: t('secretariat.menu.text'), groups }) };
};
