import { AddInput, isConfirmed, mayAdd, parseAdd, type AddErrors, type AddValues } from '../../domain/colleagues';
import { samePerson } from '../../domain/roles';
import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { requirePersonal } from '../caller';
import { requireOwnerManager } from '../ownerAccess';
import type { Turn } from '../turn';
import { colleaguesCard, ownerLabel } from './colleaguesCard';
import { orgnrOf } from './colleaguesShow';

/**
 * The add form: Teams' people picker (searches the caller's organisation and gives the chosen
 * user's AAD object id), or the object id and tenant id pasted for someone it cannot find.
 */
async function addForm(turn: Turn, orgnr: string, values: Partial<AddValues> = {}, errors: AddErrors = {}, refused = ''): Promise<AdaptiveCard> {
  const { t } = turn;
  const say = (k: AddErrors[keyof AddErrors]) => (k ? t(k) : '');
  return renderCard('colleagueAdd', {
    title: t('colleagues.form.title', { owner: await ownerLabel(turn, orgnr) }),
    intro: t('colleagues.form.intro'),
    errorSummary: refused || (Object.keys(errors).length ? t('colleagues.error.summary') : ''),
    personLabel: t('colleagues.field.person'),
    personPlaceholder: t('colleagues.field.personPlaceholder'),
    person: values.person ?? '',
    aadLabel: t('colleagues.field.aadObjectId'),
    aadObjectId: values.aadObjectId ?? '',
    aadError: say(errors.aadObjectId),
    tenantLabel: t('colleagues.field.tenantId'),
    // Most colleagues are in the caller's own organisation.
    tenantId: values.tenantId ?? turn.caller.tenantId,
    tenantError: say(errors.tenantId),
    idsHint: t('colleagues.hint.ids'),
    nameLabel: t('colleagues.field.displayName'),
    displayName: values.displayName ?? '',
    nameError: say(errors.displayName),
    actions: [
      action(t('colleagues.add'), 'colleagues.add', { orgnr }, { inputs: 'auto', style: 'positive' }),
      action(t('colleagues.removeConfirm.no'), 'colleagues.list', { orgnr }),
    ],
  });
}

/** `colleagues.addForm` {orgnr}. */
export const colleaguesAddForm: ActionHandler = async (turn, data) => {
  requirePersonal(turn);
  const orgnr = orgnrOf(data);
  await requireOwnerManager(turn, orgnr);
  return { card: await addForm(turn, orgnr) };
};

/** `colleagues.add` {orgnr, person | aadObjectId + tenantId, displayName}: links the person, audited once. */
export const colleaguesAdd: ActionHandler = async (turn, data) => {
  requirePersonal(turn);
  const orgnr = orgnrOf(data);
  const { manager, actor } = await requireOwnerManager(turn, orgnr);
  const values = AddInput.parse(data);
  const parsed = parseAdd(values, turn.caller.tenantId);
  // Everything typed comes back with the errors, to fix rather than retype.
  if (!parsed.ok) return { card: await addForm(turn, orgnr, values, parsed.errors) };
  const { ownerPeople, logger } = turn.services;
  // At the cap, only someone confirmed already passes (as "already registered"); nothing is written.
  // Claims waiting for the secretariat do not count: strangers filing cannot fill an owner's list.
  const confirmed = (await ownerPeople.linksOf(orgnr)).filter(isConfirmed);
  const already = confirmed.some((l) => samePerson(l.person, parsed.person));
  const room = mayAdd(confirmed.length);
  if (!room.ok && !already) return { card: await addForm(turn, orgnr, values, {}, turn.t(room.key, room.params)) };
  const added = await ownerPeople.add(orgnr, parsed.person, actor, parsed.displayName);
  // Two adds at 49 at once both read 49: whoever then counts more than the cap undoes their own
  // add (both may; both never stay), so the owner never has more than MAX_COLLEAGUES people.
  const after = added ? mayAdd((await ownerPeople.linksOf(orgnr)).filter(isConfirmed).length - 1) : room;
  if (added && !after.ok) {
    await ownerPeople.remove(orgnr, parsed.person, actor);
    logger.info('colleague add undone at the cap', { asOfficer: actor.asOfficer });
    return { card: await addForm(turn, orgnr, values, {}, turn.t(after.key, after.params)) };
  }
  const link = await ownerPeople.link(orgnr, parsed.person);
  const person = link?.displayName ?? parsed.person.aadObjectId;
  if (added) logger.info('colleague added', { asOfficer: actor.asOfficer });
  return { card: await colleaguesCard(turn, orgnr, manager, turn.t(added ? 'colleagues.added' : 'colleagues.already', { person })) };
};
