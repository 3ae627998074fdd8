import { isConfirmed, LinkRef, mayRemove } from '../../domain/colleagues';
import type { NeedsReport } from '../../domain/report';
import type { PersonKey } from '../../storage/keys';
import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import { personOf, requirePersonal } from '../caller';
import type { WizardData } from '../drafts';
import { requireOwnerManager } from '../ownerAccess';
import { Refusal } from '../refusals';
import { messageCard } from '../secretariat/cards';
import type { Turn } from '../turn';
import { colleaguesCard, ownerLabel, personName } from './colleaguesCard';

function refOf(data: Record<string, unknown>) {
  const ref = LinkRef.safeParse(data);
  if (!ref.success) throw new Refusal('colleagues.usage');
  return { orgnr: ref.data.orgnr, person: { tenantId: ref.data.tenantId, aadObjectId: ref.data.aadObjectId } };
}

const isCaller = (turn: Turn, p: PersonKey) => {
  const me = personOf(turn);
  return me.tenantId === p.tenantId && me.aadObjectId === p.aadObjectId;
};

/** `colleagues.remove` {orgnr, tenantId, aadObjectId}: asks first, saying what the person loses. */
export const colleaguesRemove: ActionHandler = async (turn, data) => {
  requirePersonal(turn);
  const { orgnr, person } = refOf(data);
  const { manager } = await requireOwnerManager(turn, orgnr);
  const { t, services } = turn;
  const [link, links] = await Promise.all([services.ownerPeople.link(orgnr, person), services.ownerPeople.linksOf(orgnr)]);
  if (!link || !isConfirmed(link)) return { card: await colleaguesCard(turn, orgnr, manager, '', t('colleagues.notPerson')) };
  const allowed = mayRemove({ manager, linkedCount: links.filter(isConfirmed).length });
  if (!allowed.ok) return { card: await colleaguesCard(turn, orgnr, manager, '', t(allowed.key)) };
  const owner = await ownerLabel(turn, orgnr);
  const name = personName(link);
  return {
    card: messageCard({
      title: t('colleagues.removeConfirm.title', { person: name }),
      text: [t('colleagues.removeConfirm.text', { person: name, owner }), isCaller(turn, person) ? t('colleagues.removeConfirm.self', { owner }) : '']
        .filter(Boolean)
        .join(' '),
      color: 'Attention',
      actions: [
        action(t('colleagues.removeConfirm.yes'), 'colleagues.removeConfirm', { orgnr, ...person }, { style: 'destructive' }),
        action(t('colleagues.removeConfirm.no'), 'colleagues.list', { orgnr }),
      ],
    }),
  };
};

/**
 * `colleagues.removeConfirm`: ends the link (audited) and deletes the person's unsent edits of the
 * owner's reports, their copies of what they may no longer see. Their next press is refused.
 */
export const colleaguesRemoveConfirm: ActionHandler = async (turn, data) => {
  requirePersonal(turn);
  const { orgnr, person } = refOf(data);
  const { manager, actor } = await requireOwnerManager(turn, orgnr);
  const { t, services } = turn;
  const links = await services.ownerPeople.linksOf(orgnr);
  const link = links.find((l) => l.person.tenantId === person.tenantId && l.person.aadObjectId === person.aadObjectId);
  // A second press (or a Teams retry) finds them removed already: the list, nothing stored.
  if (!link || !isConfirmed(link)) return { card: await colleaguesCard(turn, orgnr, manager, '', t('colleagues.notPerson')) };
  const allowed = mayRemove({ manager, linkedCount: links.filter(isConfirmed).length });
  if (!allowed.ok) return { card: await colleaguesCard(turn, orgnr, manager, '', t(allowed.key)) };
  if (await services.ownerPeople.remove(orgnr, person, actor)) {
    await dropEditDrafts(turn, orgnr, person);
    services.logger.info('colleague removed', { asOfficer: actor.asOfficer });
  }
  const notice = t('colleagues.removed', { person: personName(link) });
  // Someone who removed themselves is no longer one of the owner's people: they get the notice alone.
  if (isCaller(turn, person) && manager !== 'officer') return { card: messageCard({ title: t('colleagues.mine.title'), text: notice, color: 'Good' }) };
  return { card: await colleaguesCard(turn, orgnr, manager, notice) };
};

/** The person's edit drafts of this owner's reports (few: one per report they began to change). */
export async function dropEditDrafts(turn: Turn, orgnr: string, person: PersonKey): Promise<void> {
  const { drafts, reports } = turn.services;
  for (const d of await drafts.list<WizardData>(person)) {
    if (!d.reportId) continue;
    const report = await reports.get<NeedsReport>(d.roundId, d.reportId);
    if (report?.summary.ownerOrgnr === orgnr) await drafts.remove(person, d.id);
  }
}
