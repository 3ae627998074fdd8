import { randomUUID } from 'node:crypto';
import { openRounds } from './session';
import { personOf, requirePersonal } from '../caller';
import { refusalCard } from '../refusals';
import { renderStep, viewFor } from './stepView';
import type { ActionHandler } from '../actions/types';

/** `report.new`: the first step of a new report. The draft is stored when that step is done. */
export const reportNew: ActionHandler = async (turn) => {
  requirePersonal(turn);
  personOf(turn);
  const rounds = await openRounds(turn);
  if (rounds.length === 0) return { card: refusalCard(turn, 'round.none') };
  // The card carries the draft's future id, so a double click on its first Next makes one draft.
  const draft = { id: randomUUID(), data: { report: {}, raw: {} } };
  return { card: renderStep(turn, viewFor(turn, rounds[0]), draft, 'owner') };
};
