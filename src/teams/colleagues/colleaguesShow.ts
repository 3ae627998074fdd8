import { formatOrgnr } from '../../domain/orgnr';
import { OwnerRef } from '../../domain/colleagues';
import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import { pageActions, pageIn, pageLine, pageOf } from '../cards/paging';
import { personOf, requirePersonal } from '../caller';
import { callerIsOfficer, requireOwnerManager } from '../ownerAccess';
import { Refusal } from '../refusals';
import { summaryCard, type Section } from '../secretariat/cards';
import { colleaguesCard, ownerLabel } from './colleaguesCard';

/** The owner a card names, checked (MOD11); anything else names no owner. */
export function orgnrOf(data: Record<string, unknown>): string {
  const ref = OwnerRef.safeParse(data);
  if (!ref.success) throw new Refusal('colleagues.usage');
  return ref.data.orgnr;
}

/** Owners per page of `kolleger`. */
const OWNERS_PAGE = 20;

/** `colleagues.mine` (`kolleger`): the owners the caller is linked to, one button each. */
export const colleaguesMine: ActionHandler = async (turn, data) => {
  requirePersonal(turn);
  const { t, services } = turn;
  const [owners, claims, officer] = await Promise.all([
    services.ownerPeople.ownersOf(personOf(turn)),
    services.ownerPeople.claimsOf(personOf(turn)),
    callerIsOfficer(turn),
  ]);
  const paged = pageOf(owners, pageIn(data), OWNERS_PAGE);
  const labels = await Promise.all(paged.shown.map(async (orgnr) => ({ orgnr, label: await ownerLabel(turn, orgnr) })));
  // Owners they filed for but are not confirmed for: said so, no button (the list is for the owner's people).
  // Bounded like a page: one claim per owner they filed for.
  const claimed = await Promise.all(
    claims.slice(0, OWNERS_PAGE).map(async (c) => ({
      title: await ownerLabel(turn, c.orgnr),
      facts: [],
      text: t(c.status === 'rejected' ? 'claims.mine.rejected' : 'claims.mine.pending'),
    })),
  );
  const intro = [owners.length ? t('colleagues.mine.intro') : t('colleagues.mine.none'), officer ? t('colleagues.mine.officer') : '', pageLine(t, paged)]
    .filter(Boolean)
    .join(' ');
  return {
    card: summaryCard({
      title: t('colleagues.mine.title'),
      intro,
      sections: labels
        .map(({ orgnr, label }): Section => ({
          title: label,
          facts: [],
          button: action(t('colleagues.title', { owner: formatOrgnr(orgnr) }), 'colleagues.list', { orgnr }),
        }))
        .concat(claimed),
      actions: [...pageActions(t, 'colleagues.mine', {}, paged), action(t('receipt.myReports'), 'report.mine', {})],
    }),
  };
};

/** `colleagues.list` {orgnr}: who is linked to the owner, and every change; for its people and officers. */
export const colleaguesList: ActionHandler = async (turn, data) => {
  requirePersonal(turn);
  const orgnr = orgnrOf(data);
  const { manager } = await requireOwnerManager(turn, orgnr);
  return { card: await colleaguesCard(turn, orgnr, manager, '', '', pageIn(data)) };
};
