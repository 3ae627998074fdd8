import type { PersonKey } from '../../storage/keys';
import { pickLocale, translator } from '../../domain/i18n';
import { action } from '../cards/action';
import { cardMessage } from '../cards/attach';
import { renderCard } from '../cards/render';
import { ownerLabel } from '../colleagues/colleaguesCard';
import type { Turn } from '../turn';

/**
 * The claimant is told in their own chat when the secretariat decides their claim (or accepting their
 * report confirmed it), in their language, through the outbox; the key makes a retry send nothing twice.
 */
export async function tellClaimDecided(turn: Turn, orgnr: string, person: PersonKey, outcome: 'confirmed' | 'rejected'): Promise<void> {
  const { services } = turn;
  const [chat, owner] = await Promise.all([services.references.personal(person.tenantId, person.aadObjectId), ownerLabel(turn, orgnr)]);
  const t = translator(pickLocale(chat?.locale));
  const card = renderCard('message', {
    title: t(outcome === 'confirmed' ? 'claims.notify.confirmedTitle' : 'claims.notify.rejectedTitle', { owner }),
    color: outcome === 'confirmed' ? 'Good' : 'Attention',
    text: t(outcome === 'confirmed' ? 'claims.notify.confirmedText' : 'claims.readOnly'),
    actions: [action(t('receipt.myReports'), 'report.mine', {})],
  });
  const link = await services.ownerPeople.link(orgnr, person);
  await services.deliver({
    kind: 'personal',
    key: `claim:${orgnr}:${person.tenantId}:${person.aadObjectId}:${outcome}:${link?.decidedAt ?? ''}`,
    tenantId: person.tenantId,
    aadObjectId: person.aadObjectId,
    activity: cardMessage(card),
  });
}
