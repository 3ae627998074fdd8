import { personOf, requirePersonal } from '../caller';
import type { WizardData } from '../drafts';
import { myReportsCard } from './listCards';
import type { ReportRecord } from '../../storage/reports';
import type { ActionHandler } from '../actions/types';
import { pageIn } from '../cards/paging';

/** `report.mine`: the person's drafts and the reports they may see. */
export const reportMine: ActionHandler = async (turn, data) => {
  requirePersonal(turn);
  const person = personOf(turn);
  const { drafts, reports } = turn.services;
  const [own, visible] = await Promise.all([drafts.list<WizardData>(person), reports.visibleTo(person)]);
  const records = (await Promise.all(visible.map((v) => reports.get(v.roundId, v.id)))).filter((r): r is ReportRecord => r !== undefined);
  return { card: myReportsCard(turn, own, records, pageIn(data)) };
};
