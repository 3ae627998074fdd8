import assert from 'node:assert/strict';
import type { InputStep } from '../../src/domain/report';
import { cardText, type Harness } from './harness';
import { OFFICER, type Persona } from './personas';
import { TO_PRIORITISED, invokeCard, moveTo, submitted } from './casework';
import { inputsOf, press } from './wizard';

/** A usage report that adds up for the good report's first year (1 250 000 kr paid), with unused funds to carry over. */
export const GOOD_USAGE = {
  usedOwner: '950 000',
  usedUh: '200 000',
  ownContribution: '375 000',
  activities: 'Fire samlinger med lesing i alle fag, veiledning i hver skole.',
  participants: '180',
  unitsReached: '9',
  partnership: 'OsloMet holdt samlingene og veiledet lærerne; godt samarbeid.',
  unused: '100 000',
  unusedPlan: 'carryOver',
  unusedNote: 'Den siste samlingen ble flyttet til høsten.',
};

/**
 * A report filed by `who`, recommended, granted as requested and paid for its first school year
 * through the officer's own buttons: the owner gets the paid-notice. The clock is left in June 2027.
 */
export async function paidReport(
  h: Harness,
  clock: { setSystemTime(d: Date): void },
  who: Persona,
  overrides: Partial<Record<InputStep, Record<string, unknown>>> = {},
) {
  const r = await submitted(h, who, overrides);
  await moveTo(h, r, TO_PRIORITISED);
  clock.setSystemTime(new Date('2027-04-02T08:30:00Z'));
  const form = await invokeCard(h, OFFICER, 'decision.form', r);
  const values = Object.fromEntries(Object.entries(inputsOf(form)).map(([id, input]) => [id, input.value ?? '']));
  const granted = await press(h, OFFICER, form, 'decision.record', { ...values, outcome: 'granted' });
  clock.setSystemTime(new Date('2027-06-01T08:00:00Z'));
  const confirm = await press(h, OFFICER, granted, 'decision.paid');
  const paid = await press(h, OFFICER, confirm, 'decision.paidConfirm');
  assert.match(cardText(paid), /registrert som utbetalt/);
  return r;
}
