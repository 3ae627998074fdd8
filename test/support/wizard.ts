import assert from 'node:assert/strict';
import { INPUT_STEPS, stepOfInput, type InputStep } from '../../src/domain/report';
import { cardOf, type Harness } from './harness';
import type { Persona } from './personas';
import { GOOD_INPUT } from './reportInput';

export const STEP_ORDER: InputStep[] = [...INPUT_STEPS];

/** The data of the card's action with this verb, as the Teams client would send it back. */
export function actionData(card: any, verb: string): Record<string, unknown> {
  const found: any[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Action.Execute' && n.verb === verb) found.push(n);
    Object.values(n).forEach(walk);
  };
  walk(card);
  assert.ok(found.length > 0, `card has no ${verb} action: ${JSON.stringify(card).slice(0, 400)}`);
  return found[0].data ?? {};
}

/** Every element of a card (body, actions, inline action sets), depth first. */
export function cardElements(card: unknown): any[] {
  const out: any[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n.type === 'string') out.push(n);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

/** Inputs of a card by id with their current values. */
export function inputsOf(card: any): Record<string, any> {
  const out: Record<string, any> = {};
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && n.id) out[n.id] = n;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

/** Presses a button on a card, sending the given inputs with it (as Teams does for Action.Execute). */
export async function press(h: Harness, who: Persona, card: any, verb: string, inputs: Record<string, unknown> = {}): Promise<any> {
  const data = { ...actionData(card, verb), ...inputs };
  const res = await h.post({
    ...h.personalActivity(who),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  if (res.body.type === 'application/vnd.microsoft.activity.message') return { message: res.body.value };
  return res.body.value;
}

/** From the first step's card through the owner's two steps (owner, then network and contact). */
export async function passOwnerSteps(h: Harness, who: Persona, card: any, owner: Record<string, unknown> = {}): Promise<any> {
  const pick = (step: 'owner' | 'contact') => Object.fromEntries(Object.entries(owner).filter(([k]) => k in GOOD_INPUT[step]));
  card = await press(h, who, card, 'report.next', { ...GOOD_INPUT.owner, ...pick('owner') });
  return press(h, who, card, 'report.next', { ...GOOD_INPUT.contact, ...pick('contact') });
}

export async function startReport(h: Harness, who: Persona): Promise<any> {
  const [reply] = await h.send(who, 'meld behov');
  return cardOf(reply);
}

/**
 * Fills every step with valid input and returns the review card. Overrides go to the step whose
 * card shows each input, whichever step they are listed under (the contact person under owner).
 */
export async function fillReport(h: Harness, who: Persona, overrides: Partial<Record<InputStep, Record<string, unknown>>> = {}): Promise<any> {
  const routed: Partial<Record<InputStep, Record<string, unknown>>> = {};
  for (const [listed, values] of Object.entries(overrides) as Array<[InputStep, Record<string, unknown>]>) {
    for (const [id, v] of Object.entries(values)) {
      const step = stepOfInput(id) ?? listed;
      routed[step] = { ...(routed[step] ?? {}), [id]: v };
    }
  }
  let card = await startReport(h, who);
  for (const step of STEP_ORDER) {
    card = await press(h, who, card, 'report.next', { ...GOOD_INPUT[step], ...(routed[step] ?? {}) });
  }
  return card;
}
