import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import type { AdaptiveCard } from '../cards/render';
import { requireCaseworker } from '../casework/load';
import { ownerLabel } from '../colleagues/colleaguesCard';
import { summaryCard } from '../secretariat/cards';
import type { Turn } from '../turn';
import { claimantName, claimSections } from './claimSections';

/** The oldest claims the list shows at once; the card stays small, and the rest follow as these are handled. */
export const CLAIMS_SHOWN = 20;

/** Every claim waiting for the secretariat, oldest first, each with Confirm and Reject. */
export async function claimsListCard(turn: Turn, notice = ''): Promise<AdaptiveCard> {
  const { t, services } = turn;
  const claims = await services.ownerPeople.pendingClaims();
  const shown = claims.slice(0, CLAIMS_SHOWN);
  const sections = (
    await Promise.all(
      shown.map(async (c) =>
        claimSections(turn, { ...c, status: 'pending' }, t('claims.section', { person: claimantName(c), owner: await ownerLabel(turn, c.orgnr) })),
      ),
    )
  ).flat();
  const intro = [
    t('claims.list.intro'),
    claims.length ? '' : t('claims.list.none'),
    claims.length > shown.length ? t('claims.list.more', { shown: shown.length, count: claims.length }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return summaryCard({ title: t('claims.list.title'), intro, notice, sections, actions: [action(t('secretariat.menu.title'), 'secretariat.menu', {})] });
}

/** `claims.list` (`krav`): the claims waiting for the secretariat. */
export const claimsList: ActionHandler = async (turn) => {
  await requireCaseworker(turn);
  return { card: await claimsListCard(turn) };
};
