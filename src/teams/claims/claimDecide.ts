import { z } from 'zod';
import { Guid, Orgnr } from '../../domain/colleagues';
import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import type { AdaptiveCard } from '../cards/render';
import { caseCard } from '../casework/caseCard';
import { loadCase, requireCaseworker } from '../casework/load';
import { dropEditDrafts } from '../colleagues/colleagueRemove';
import { ownerLabel } from '../colleagues/colleaguesCard';
import { actorOf } from '../ownerAccess';
import { Refusal } from '../refusals';
import { messageCard } from '../secretariat/cards';
import type { Turn } from '../turn';
import { claimsListCard } from './claimsList';
import { claimantName } from './claimSections';
import { tellClaimDecided } from './notify';

/** A claim named on a button: the owner and the person, and the case card it was pressed on, if any. */
const ClaimRef = z.object({
  orgnr: Orgnr,
  tenantId: Guid,
  aadObjectId: Guid,
  roundId: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
  reportId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,80}$/)
    .optional(),
});

/** The claim a card names (one point read); anything else names none. Call after requireCaseworker. */
async function claimOf(turn: Turn, data: Record<string, unknown>) {
  const ref = ClaimRef.safeParse(data);
  if (!ref.success) throw new Refusal('claims.usage');
  const { orgnr, tenantId, aadObjectId, roundId, reportId } = ref.data;
  const person = { tenantId, aadObjectId };
  const link = await turn.services.ownerPeople.link(orgnr, person);
  if (!link) throw new Refusal('claims.usage');
  const caseIds = roundId && reportId ? { roundId, reportId } : undefined;
  // The case to come back to must exist before anything is written, so a refusal never follows a change.
  if (caseIds) await loadCase(turn, caseIds);
  return { orgnr, person, link, caseIds };
}

/** Where the officer came from, with what was done: the case card, or the list of claims. */
async function back(turn: Turn, caseIds: { roundId: string; reportId: string } | undefined, notice: string): Promise<AdaptiveCard> {
  return caseIds ? caseCard(turn, await loadCase(turn, caseIds), notice) : claimsListCard(turn, notice);
}

/** `claims.confirm` {orgnr, tenantId, aadObjectId}: the person becomes one of the owner's people (audited). */
export const claimsConfirm: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const { orgnr, person, link, caseIds } = await claimOf(turn, data);
  const confirmed = await turn.services.ownerPeople.confirm(orgnr, person, actorOf(turn, true));
  if (confirmed) {
    await tellClaimDecided(turn, orgnr, person, 'confirmed');
    turn.services.logger.info('owner claim confirmed');
  }
  const name = claimantName(link);
  const notice = confirmed ? turn.t('claims.confirmed', { person: name, owner: await ownerLabel(turn, orgnr) }) : turn.t('claims.notOpen', { person: name });
  return { card: await back(turn, caseIds, notice) };
};

/** `claims.reject`: asks first, saying what the person keeps. */
export const claimsReject: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const { orgnr, person, link, caseIds } = await claimOf(turn, data);
  const { t } = turn;
  const name = claimantName(link);
  if (link.removedAt || (link.status ?? 'pending') !== 'pending') return { card: await back(turn, caseIds, t('claims.notOpen', { person: name })) };
  const ref = { orgnr, ...person, ...caseIds };
  return {
    card: messageCard({
      title: t('claims.rejectConfirm.title', { person: name }),
      text: t('claims.rejectConfirm.text', { person: name, owner: await ownerLabel(turn, orgnr) }),
      color: 'Attention',
      actions: [
        action(t('claims.rejectConfirm.yes'), 'claims.rejectConfirm', ref, { style: 'destructive' }),
        caseIds ? action(t('colleagues.removeConfirm.no'), 'report.check', caseIds) : action(t('claims.back'), 'claims.list', {}),
      ],
    }),
  };
};

/**
 * `claims.rejectConfirm`: the claim is rejected (audited); the person keeps the reports they filed,
 * read-only, and their unsent edits of the owner's reports are deleted. A second press changes nothing.
 */
export const claimsRejectConfirm: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const { orgnr, person, link, caseIds } = await claimOf(turn, data);
  const rejected = await turn.services.ownerPeople.reject(orgnr, person, actorOf(turn, true));
  if (rejected) {
    await dropEditDrafts(turn, orgnr, person);
    await tellClaimDecided(turn, orgnr, person, 'rejected');
    turn.services.logger.info('owner claim rejected');
  }
  const name = claimantName(link);
  const notice = rejected ? turn.t('claims.rejected', { person: name, owner: await ownerLabel(turn, orgnr) }) : turn.t('claims.notOpen', { person: name });
  return { card: await back(turn, caseIds, notice) };
};
