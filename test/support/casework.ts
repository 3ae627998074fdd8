import assert from 'node:assert/strict';
import type { NeedsReport, ReportStatus } from '../../src/domain/report';
import type { InputStep } from '../../src/domain/report';
import { FAST_DELIVERY, seedUser, waitFor } from './delivery';
import { cardText, startHarness, type Harness } from './harness';
import { OFFICER, TENANT, type Persona } from './personas';
import { actionData, fillReport, press } from './wizard';
import type { SinonFakeTimers } from 'sinon';
import { fakeClock, nowOf } from './clock';

export const OFFICER2: Persona = { name: 'Tor Sekretær', aadObjectId: '00000000-0000-4000-8000-000000000007', tenantId: TENANT };

export const personOf = (p: Persona) => ({ tenantId: p.tenantId, aadObjectId: p.aadObjectId });
export const referenceIn = (card: any) => /BM-\d{4}-\d{4}/.exec(cardText(card))?.[0];

/** Files a report through the wizard, as the owner would; the owner's chat is known for proactive messages. */
export async function submitted(h: Harness, who: Persona, overrides: Partial<Record<InputStep, Record<string, unknown>>> = {}) {
  await seedUser(h.app.services.references, h.connector.url, who.aadObjectId, who.tenantId);
  const review = await fillReport(h, who, overrides);
  const receipt = await press(h, who, review, 'report.submit');
  const reportId = actionData(review, 'report.submit').draftId as string;
  const reference = referenceIn(receipt)!;
  assert.ok(reference, cardText(receipt).slice(0, 2000));
  const at = await h.app.services.reports.findByReference(reference);
  return { reportId, reference, roundId: at!.roundId };
}

/** Moves a report along the lifecycle as the secretariat and the forum would (the forum's part is another issue). */
export async function moveTo(h: Harness, r: { roundId: string; reportId: string }, path: ReportStatus[]): Promise<void> {
  for (const to of path) {
    await h.app.services.reports.setStatus<NeedsReport>(r.roundId, r.reportId, (from) => ({
      from,
      to,
      at: h.app.services.now().toISOString(),
      actor: { role: 'secretariat', id: 'test' },
    }));
  }
}
/** Returned and sent in again `times` times, each return with `reason(i)`: a long history, as the secretariat and the owner would make it. */
export async function returnedAndResubmitted(
  h: Harness,
  r: { roundId: string; reportId: string },
  times: number,
  reason: (i: number) => string,
  actorName?: string,
): Promise<void> {
  for (let i = 0; i < times; i++) {
    for (const [from, to] of [
      ['submitted', 'returned'],
      ['returned', 'submitted'],
    ] as const) {
      await h.app.services.reports.setStatus<NeedsReport>(r.roundId, r.reportId, () => ({
        from,
        to,
        at: h.app.services.now().toISOString(),
        actor: { role: 'secretariat', id: 'test', ...(actorName ? { name: actorName } : {}) },
        ...(to === 'returned' ? { reason: reason(i) } : {}),
      }));
    }
  }
}
export const TO_PRIORITISED: ReportStatus[] = ['formally_checked', 'on_agenda', 'prioritised'];
export const TO_NOT_PRIORITISED: ReportStatus[] = ['formally_checked', 'on_agenda', 'not_prioritised'];

/** The card of an invoke answer (a refusal is a card too). */
export async function invokeCard(h: Harness, who: Persona, verb: string, data: Record<string, unknown> = {}): Promise<any> {
  const res = await h.invoke(who, verb, data);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.value;
}

/** Proactive messages that reached the fake Teams and mention `text`. */
export function sentMentioning(h: Harness, text: string): any[] {
  return h.connector.sent().filter((s) => JSON.stringify(s.body).includes(text));
}

export async function waitForSent(h: Harness, text: string, count = 1): Promise<any[]> {
  await waitFor(`${count} message(s) mentioning ${text}`, () => sentMentioning(h, text).length >= count, 15_000);
  return sentMentioning(h, text);
}

/** The Adaptive Card of a proactive message. */
export const sentCard = (sent: any) => sent.body?.attachments?.[0]?.content;

/**
 * Mocha hooks for a describe block that runs the secretariat's work: one bot with two bootstrap
 * officers and fast delivery, and a fake clock set back to `start` before each test.
 */
export function useSecretariatBot(start: string): { h: () => Harness; clock: SinonFakeTimers } {
  const clock = fakeClock(start);
  let bot: Harness | undefined;
  before(async () => {
    bot = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: `${OFFICER.aadObjectId},${OFFICER2.aadObjectId}` }, { now: nowOf(clock) });
  });
  after(async () => {
    await bot?.stop();
  });
  beforeEach(() => {
    clock.setSystemTime(new Date(start));
  });
  return { h: () => bot!, clock };
}

/** The card's error line right under an input (the form template puts it after the input and its hint). */
export function errorAt(card: any, id: string): string {
  const items: any[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Container' && Array.isArray(n.items) && n.items.some((i: any) => i.id === id)) items.push(...n.items);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return items
    .filter((i) => i.type === 'TextBlock' && i.color === 'Attention')
    .map((i) => i.text)
    .join('\n')
    .replace(/[\u00a0\u202f]/g, ' ');
}
