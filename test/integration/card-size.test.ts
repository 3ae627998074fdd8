import assert from 'node:assert/strict';
import { MAX_DECISION_REASON } from '../../src/domain/decision';
import { MAX_REASON_LENGTH, type NeedsReport } from '../../src/domain/report';
import { MAX_ACTIVITY_BYTES, activityBytes } from '../../src/teams/cards/budget';
import { TO_PRIORITISED, moveTo, submitted } from '../support/casework';
import { fakeClock, nowOf } from '../support/clock';
import { cardText, startHarness, type Harness } from '../support/harness';
import { MAX_INPUT, maxText } from '../support/maxReport';
import { OFFICER, OWNER, type Persona } from '../support/personas';
import { actionData, inputsOf } from '../support/wizard';

// Every card at its maximum, as Teams receives it: the whole invoke response or reply, counted as
// UTF-16, within the budget. A card over it would be replaced by the size guard's message, so each
// check also asserts the card itself came back.

const CARD = 'application/vnd.microsoft.card.adaptive';
const LOCALES = ['nb-NO', 'nn-NO', 'en-US'] as const;

/** The largest size seen per card kind, printed at the end (the numbers docs/security.md quotes). */
const largest = new Map<string, number>();

function fits(kind: string, payload: unknown): void {
  const bytes = activityBytes(payload);
  largest.set(kind, Math.max(largest.get(kind) ?? 0, bytes));
  assert.ok(bytes <= MAX_ACTIVITY_BYTES, `${kind}: ${bytes} bytes as UTF-16, over ${MAX_ACTIVITY_BYTES}`);
}

/** Presses a button and checks the whole invoke response: a card (not the size guard's message), within the budget. */
async function pressFits(h: Harness, who: Persona, kind: string, card: any, verb: string, inputs: Record<string, unknown> = {}): Promise<any> {
  const data = { ...actionData(card, verb), ...inputs };
  return invokeFits(h, who, kind, verb, data);
}

async function invokeFits(h: Harness, who: Persona, kind: string, verb: string, data: Record<string, unknown>): Promise<any> {
  const res = await h.invoke(who, verb, data);
  assert.equal(res.status, 200);
  assert.equal(res.body.type, CARD, `${kind}: ${JSON.stringify(res.body).slice(0, 300)}`);
  fits(kind, res.body);
  return res.body.value;
}

/** A typed command's reply (each activity of expectReplies), within the budget. */
async function sendFits(h: Harness, who: Persona, kind: string, text: string): Promise<any> {
  const replies = await h.send(who, text);
  for (const r of replies) fits(kind, r);
  const card = replies[0]?.attachments?.[0];
  assert.equal(card?.contentType, CARD, `${kind}: ${JSON.stringify(replies).slice(0, 300)}`);
  return card.content;
}

/** Every Action.Execute of a card with this verb. */
function buttons(card: any, verb: string): any[] {
  const out: any[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Action.Execute' && n.verb === verb) out.push(n);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

describe('every card fits in Teams (80 KB as UTF-16), at its maximum', function () {
  this.timeout(600_000);
  const clock = fakeClock('2026-11-27T12:00:00Z');
  let h: Harness;
  before(async () => {
    h = await startHarness({ BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: nowOf(clock) });
  });
  after(async () => {
    await h?.stop();
    const rows = [...largest].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${(v / 1024).toFixed(1).padStart(6)} KB  ${k}`);
    console.log(`    largest card of each kind, as UTF-16:\n${rows.join('\n')}`);
  });

  for (const tag of LOCALES) {
    it(`${tag}: a report with every field at its maximum, through the wizard, the receipt, the owner's card and the case card, each whole text a press away`, async () => {
      const owner: Persona = { ...OWNER, locale: tag };
      const officer: Persona = { ...OFFICER, locale: tag };
      // The wizard: each step filled to the maximum, then each step opened again from the review.
      let card = await sendFits(h, owner, 'wizard step', 'meld behov');
      for (const step of Object.keys(MAX_INPUT) as Array<keyof typeof MAX_INPUT>) {
        card = await pressFits(h, owner, 'wizard step', card, 'report.next', MAX_INPUT[step]);
      }
      const review = card;
      assert.ok(buttons(review, 'report.submit').length, 'the review card came back');
      for (const goto of buttons(review, 'report.goto')) {
        const step = await invokeFits(h, owner, 'wizard step (filled)', 'report.goto', goto.data);
        assert.ok(Object.keys(inputsOf(step)).length > 0);
      }
      // The review shows the long texts cut, pointing to the step's Change button.
      assert.match(cardText(review), /(forkortet|forkorta|shortened): \d+ (av|of) 4[  ,]?099/);
      const receipt = await pressFits(h, owner, 'receipt', review, 'report.submit');
      const reportId = actionData(receipt, 'report.open').reportId as string;
      const at = (await h.app.services.reports.findByReference(/BM-\d{4}-\d{4}/.exec(cardText(receipt))![0]))!;

      // A long history (more entries than a card shows): returned and sent in again, each return with the longest comment.
      for (let i = 0; i < 11; i++) {
        for (const [from, to] of [
          ['submitted', 'returned'],
          ['returned', 'submitted'],
        ] as const) {
          await h.app.services.reports.setStatus<NeedsReport>(at.roundId, at.reportId, () => ({
            from,
            to,
            at: h.app.services.now().toISOString(),
            actor: { role: 'secretariat', id: 'test', name: maxText(120) },
            ...(to === 'returned' ? { reason: maxText(MAX_REASON_LENGTH) } : {}),
          }));
        }
      }
      await moveTo(h, at, TO_PRIORITISED);
      const ids = { roundId: at.roundId, reportId: at.reportId };
      const form = await invokeFits(h, officer, 'decision form', 'decision.form', ids);
      const amounts = Object.fromEntries(
        Object.entries(inputsOf(form))
          .filter(([id]) => /^grant\d$/.test(id))
          .map(([id, input]) => [id, input.value]),
      );
      await pressFits(h, officer, 'case card', form, 'decision.record', { outcome: 'granted', reason: maxText(MAX_DECISION_REASON), ...amounts });

      // The owner's card and the officer's case card, and every whole text behind their buttons, page by page.
      for (const [who, verb, kind, data] of [
        [owner, 'report.open', "owner's detail card", { reportId }],
        [officer, 'report.check', 'case card', ids],
      ] as const) {
        const full = await invokeFits(h, who, kind, verb, data);
        const shows = buttons(full, verb).filter((b) => b.data.text);
        assert.deepEqual(shows.map((b) => b.data.text).sort(), ['decisionReason', 'needAndGoal', 'network', 'units'], `${kind}: a button per cut text`);
        for (const show of shows) {
          let page = await invokeFits(h, who, 'whole text', verb, show.data);
          let pages = 1;
          while (buttons(page, verb).some((b) => b.data.page === pages)) {
            page = await invokeFits(h, who, 'whole text', verb, buttons(page, verb).find((b) => b.data.page === pages)!.data);
            pages++;
          }
          if (show.data.text === 'units') assert.ok(pages > 1, 'the units list takes more than one page');
        }
      }
    });
  }
});
