import type { ActionHandler } from '../actions/types';
import { action, type CardAction } from '../cards/action';
import type { Translate } from '../../domain/i18n';
import { messageCard } from './cards';
import { requireOfficer } from '../requireOfficer';

/** The secretariat's buttons, one line each; other areas add theirs here. */
export const MENU: Array<(t: Translate) => CardAction> = [
  (t) => action(t('secretariat.menu.overview'), 'overview.show', {}),
  (t) => action(t('secretariat.menu.rounds'), 'round.list', {}),
  (t) => action(t('secretariat.menu.roles'), 'roles.list', {}),
  (t) => action(t('usage.menu'), 'usage.round', {}),
  (t) => action(t('claims.menu'), 'claims.list', {}),
  (t) => action(t('secretariat.menu.meetings'), 'meeting.list', {}),
  (t) => action(t('secretariat.menu.decisions'), 'decision.pending', {}),
  (t) => action(t('secretariat.menu.rules'), 'rules.list', {}),
  (t) => action(t('secretariat.menu.forums'), 'forums.list', {}),
];

/** `secretariat.menu` / `sekretariat`. */
export const secretariatMenu: ActionHandler = async (turn) => {
  await requireOfficer(turn);
  const { t } = turn;
  return { card: messageCard({ title: t('secretariat.menu.title'), text: t('secretariat.menu.text'), actions: MENU.map((m) => m(t)) }) };
};
