import { renderCard } from '../cards/render';
import { action } from '../cards/action';
import { absorbStep } from './absorb';
import { loadDraft } from './session';
import { personOf, requirePersonal } from '../caller';
import { Refusal, refusalCard } from '../refusals';
import { resumeCard } from './stepView';
import type { WizardData } from '../drafts';
import { draftsListCard } from './listCards';
import type { ActionHandler } from '../actions/types';
import { refOf } from './reportStep';

/** `report.close`: saves everything typed, valid or not, and says how to come back. */
export const reportClose: ActionHandler = async (turn, data) => {
  const { draftId, step } = refOf(data);
  const r = await absorbStep(turn, { draftId, step, inputs: data, strict: false, goTo: step });
  if (!r.ok) return { card: r.card };
  const { t } = turn;
  return {
    card: renderCard('message', {
      title: t('wizard.closed.title'),
      text: t('wizard.closed.text'),
      color: 'Good',
      actions: [action(t('wizard.resume'), 'report.resume', { draftId }), action(t('wizard.deleteDraft'), 'draft.delete', { draftId })],
    }),
  };
};

/** `report.continue`: the one draft there is, or a list to pick from. */
export const reportContinue: ActionHandler = async (turn) => {
  requirePersonal(turn);
  const drafts = await turn.services.drafts.list<WizardData>(personOf(turn));
  if (drafts.length === 0) return { card: refusalCard(turn, 'draft.none') };
  if (drafts.length === 1) return { card: await resumeCard(turn, drafts[0]) };
  return { card: draftsListCard(turn, drafts) };
};

/** `report.resume`: one draft, at the step it was left on. */
export const reportResume: ActionHandler = async (turn, data) => {
  const { draftId } = refOf(data);
  return { card: await resumeCard(turn, await loadDraft(turn, draftId)) };
};

/** `report.cancel`: a draft is deleted only after a confirmation; a report never saved has nothing to delete. */
export const reportCancel: ActionHandler = async (turn, data) => {
  const { draftId } = refOf(data);
  const draft = await turn.services.drafts.get<WizardData>(personOf(turn), draftId);
  if (draft) return draftDelete(turn, data);
  const { t } = turn;
  return { card: renderCard('message', { title: t('wizard.cancelled'), text: '', color: 'Default', actions: [action(t('reports.new'), 'report.new', {})] }) };
};

/** `draft.delete`: asks first; deleting cannot be undone. */
export const draftDelete: ActionHandler = async (turn, data) => {
  const { draftId } = refOf(data);
  const draft = await loadDraft(turn, draftId);
  const { t } = turn;
  return {
    card: renderCard('message', {
      title: t('wizard.deleteConfirm.title'),
      color: 'Attention',
      text: draft.reportId
        ? t('wizard.deleteConfirm.editText', { reference: draft.data.reference ?? '' })
        : t('wizard.deleteConfirm.text', { title: draft.data.report.title ?? t('wizard.untitled') }),
      actions: [
        action(t('wizard.deleteConfirm.yes'), 'draft.deleteConfirm', { draftId }, { style: 'destructive' }),
        action(t('wizard.resume'), 'report.resume', { draftId }),
      ],
    }),
  };
};

/**
 * `draft.deleteConfirm`: deletes the caller's own draft. Drafts live in the caller's partition, so
 * another person's draft id finds nothing here, and that is said: not found, nothing deleted (never
 * "deleted"). A second press finds it gone and says the same.
 */
export const draftDeleteConfirm: ActionHandler = async (turn, data) => {
  const { draftId } = refOf(data);
  if (!(await turn.services.drafts.get<WizardData>(personOf(turn), draftId))) throw new Refusal('draft.deleteNotFound');
  await turn.services.drafts.remove(personOf(turn), draftId);
  const { t } = turn;
  return { card: renderCard('message', { title: t('wizard.deleted'), text: '', color: 'Default', actions: [action(t('reports.new'), 'report.new', {})] }) };
};
