import { formatDate } from '../../domain/i18n';
import { STEP_LAYOUT, transition, type NeedsReport } from '../../domain/report';
import { actorOf } from '../../storage/reports';
import { renderCard } from '../cards/render';
import { ownerMayChange, reportDetailCard } from '../cards/reportDetailCard';
import { personOf } from '../caller';
import { Refusal } from '../refusals';
import { reportAccess } from '../ownerAccess';
import { filingCheckAtWrite, filingRefusal } from '../filingGuard';
import { ReportRef } from './session';
import { renderStep, wizardView } from './stepView';
import type { WizardData } from '../drafts';
import { action } from '../cards/action';
import type { Turn } from '../turn';
import type { ActionHandler } from '../actions/types';
import { fullTextCard, fullTextIn } from '../cards/fullTextCard';

/** The report if this person may act on it (the one owner-access check); otherwise a refusal that says why. */
async function visibleReport(turn: Turn, data: Record<string, unknown>, purpose: 'see' | 'change' = 'change') {
  const ref = ReportRef.safeParse(data);
  if (!ref.success) throw new Refusal('report.notFound');
  const { report, readOnly, network } = await reportAccess<NeedsReport>(turn, ref.data.reportId, purpose);
  let round = await turn.services.rounds.get(report.roundId);
  // Edit and Withdraw are shown or refused on the round as stored, not a cache that has not yet seen a reopening elsewhere.
  if (round && filingRefusal(turn, round, report.status)) round = await turn.services.rounds.fresh(report.roundId);
  if (!round) throw new Refusal('report.notFound');
  return { report, round, readOnly, network };
}

/** `report.open`: the detail card (without Edit and Withdraw for a filer whose claim on the owner was rejected); with `text`, that text whole. */
export const reportOpen: ActionHandler = async (turn, data) => {
  const { report, round, readOnly, network } = await visibleReport(turn, data, 'see');
  const text = fullTextIn(data);
  if (text) return { card: fullTextCard(turn, report, text, 'report.open', { reportId: report.id }, data) };
  const why = network ? turn.t('network.readOnly', { owner: report.summary.ownerName }) : readOnly ? turn.t('claims.readOnly') : undefined;
  return { card: reportDetailCard(turn, report, round, '', why) };
};

/** `report.edit`: the same wizard, prefilled; submitting it makes a new version. */
export const reportEdit: ActionHandler = async (turn, data) => {
  const { report, round } = await visibleReport(turn, data);
  const may = ownerMayChange(turn, report, round);
  if (!may.ok) return { card: reportDetailCard(turn, report, round, may.why) };
  // One edit draft per version: pressing Edit twice opens the same draft.
  const draft = await turn.services.drafts.create<WizardData>(
    personOf(turn),
    round.id,
    { report: report.data, raw: {}, reference: report.reference, layout: STEP_LAYOUT },
    { id: `edit-${report.id}-v${report.version}`, reportId: report.id },
  );
  // Everything is filled in already: start at the review, where each part has its own Change button.
  return { card: renderStep(turn, await wizardView(turn, round, draft), draft, 'review') };
};

/** `report.withdraw`: asks first. */
export const reportWithdraw: ActionHandler = async (turn, data) => {
  const { report, round } = await visibleReport(turn, data);
  const may = ownerMayChange(turn, report, round);
  if (!may.ok) return { card: reportDetailCard(turn, report, round, may.why) };
  const { t } = turn;
  return {
    card: renderCard('message', {
      title: t('withdraw.confirm.title', { reference: report.reference }),
      text: t('withdraw.confirm.text', { deadline: formatDate(round.deadline, turn.locale) }),
      color: 'Attention',
      actions: [
        action(t('withdraw.confirm.yes'), 'report.withdrawConfirm', { reportId: report.id }, { style: 'destructive' }),
        action(t('withdraw.cancel'), 'report.open', { reportId: report.id }),
      ],
    }),
  };
};

export const reportWithdrawConfirm: ActionHandler = async (turn, data) => {
  const { report, round } = await visibleReport(turn, data);
  // A second press (or a Teams retry) finds it withdrawn already: same answer, nothing new stored.
  if (report.status === 'withdrawn') return { card: reportDetailCard(turn, report, round, turn.t('withdraw.done', { reference: report.reference })) };
  const may = ownerMayChange(turn, report, round);
  if (!may.ok) return { card: reportDetailCard(turn, report, round, may.why) };
  const person = personOf(turn);
  const now = turn.services.now();
  const closed = await filingCheckAtWrite(turn, round.id);
  const updated = await turn.services.reports.setStatus<NeedsReport>(round.id, report.id, (status) => {
    if (status === 'withdrawn') return { ok: false, reason: 'notAllowed', key: 'report.lifecycle.notEditable' };
    const refused = closed(status);
    if (refused) return refused;
    const moved = transition({ status }, 'withdrawn', { actor: actorOf(person), at: now, deadline: new Date(round.deadline), locale: turn.locale });
    return moved.ok ? moved.entry : moved;
  });
  return { card: reportDetailCard(turn, updated, round, turn.t('withdraw.done', { reference: report.reference })) };
};
