import assert from 'node:assert/strict';
import { MAX_DECISION_REASON } from '../../src/domain/decision';
import { MAX_REASON_LENGTH } from '../../src/domain/report';
import { MAX_ACTIVITY_BYTES, activityBytes } from '../../src/teams/cards/budget';
import { TO_PRIORITISED, moveTo, returnedAndResubmitted, submitted } from '../support/casework';
import { fakeClock, nowOf } from '../support/clock';
import { cardText, startHarness, type Harness } from '../support/harness';
import { DeliveryRequestError } from '../../src/teams/delivery';
import { FAST_DELIVERY, seedUser, waitFor } from '../support/delivery';
import { MAX_INPUT, maxPlainText, maxText, validOrgnrs } from '../support/maxReport';
import { MAX_COLLEAGUES, MAX_NAME } from '../../src/domain/colleagues';
import { MAX_TITLE } from '../../src/domain/forum/meeting';
import { MAX_ORGANISATIONS } from '../../src/domain/secretariat/role-input';
import { LIMITS } from '../../src/domain/report';
import { COLLEAGUES_PAGE } from '../../src/teams/colleagues/colleaguesCard';
import { MY_REPORTS_PAGE } from '../../src/teams/wizard/listCards';
import { DECISIONS_PAGE } from '../../src/teams/casework/decisionBulk';
import { ROLES_PAGE } from '../../src/teams/secretariat/roles/rolesCard';
import { MEETINGS_PAGE } from '../../src/teams/forum/meetingCards';
import { USAGE_ROWS_PAGE } from '../../src/teams/usage/roundView';
import { forumOf, meetingOf } from '../support/forum';
import { GOOD_INPUT } from '../support/reportInput';
import { OFFICER, OWNER, TENANT, type Persona } from '../support/personas';
import { actionData, cardElements, fillReport, inputsOf } from '../support/wizard';

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
const buttons = (card: any, verb: string): any[] => cardElements(card).filter((e) => e.type === 'Action.Execute' && e.verb === verb);

describe('every card fits in Teams (80 KB as UTF-16), at its maximum', function () {
  this.timeout(600_000);
  const clock = fakeClock('2026-11-27T12:00:00Z');
  let h: Harness;
  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: nowOf(clock) });
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
      await returnedAndResubmitted(h, at, 11, () => maxText(MAX_REASON_LENGTH), maxText(120));
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

      // A step sent back with a mistake on every one of its 500 lines (the line list names the first ones).
      let step = await sendFits(h, owner, 'wizard step', 'meld behov');
      for (const name of ['owner', 'contact', 'measure'] as const) step = await pressFits(h, owner, 'wizard step', step, 'report.next', MAX_INPUT[name]);
      const badUnits = String(MAX_INPUT.targets.units)
        .split('\n')
        .map((line) => `${Array.from(line).slice(0, 40).join('')}; 123456789`)
        .join('\n');
      const refused = await pressFits(h, owner, 'wizard step (500 mistakes)', step, 'report.next', { ...MAX_INPUT.targets, units: badUnits });
      assert.match(cardText(refused), /123 ?456 ?789/);
      assert.match(cardText(refused), /(Linje|Line) 1: /);
      assert.equal(inputsOf(refused).units.value, badUnits, 'what was typed is kept');
    });
  }

  /** Every page of a paged card: presses "next" (the button whose data has the next page) until there is none. */
  async function everyPage(who: Persona, kind: string, verb: string, first: any): Promise<any[]> {
    const pages = [first];
    for (;;) {
      const next = buttons(pages[pages.length - 1], verb).find((b) => b.data.page === pages.length);
      if (!next) return pages;
      pages.push(await invokeFits(h, who, kind, verb, next.data));
    }
  }

  const person = (n: number, name = maxText(MAX_NAME)): Persona => ({
    name,
    tenantId: TENANT,
    aadObjectId: `00000000-0000-4000-8000-${String(900_000 + n).padStart(12, '0')}`,
  });

  it(`colleagues: ${MAX_COLLEAGUES} at most per owner (the next is refused, nothing written), every page of the card within the budget in nb, nn and en`, async () => {
    const filer = person(0);
    // Not in the good report's network or units.
    const [orgnr] = validOrgnrs(1);
    await submitted(h, filer, { owner: { ...GOOD_INPUT.owner, ownerOrgnr: orgnr, ownerName: maxText(LIMITS.ownerName) } });
    // The secretariat confirms the filer's claim: only confirmed people add colleagues.
    await h.app.services.ownerPeople.confirm(orgnr, { tenantId: filer.tenantId, aadObjectId: filer.aadObjectId }, { id: 'test', asOfficer: true });
    const add = (n: number, who = filer) =>
      h.invoke(who, 'colleagues.add', { orgnr, person: '', aadObjectId: person(n).aadObjectId, tenantId: TENANT, displayName: maxPlainText(MAX_NAME) });
    for (let n = 1; n < MAX_COLLEAGUES; n++) assert.equal((await add(n)).status, 200);
    const rows = async () => JSON.stringify([await h.app.services.ownerPeople.linksOf(orgnr), await h.app.services.ownerPeople.auditOf(orgnr)]);
    const before = await rows();
    assert.equal(JSON.parse(before)[0].length, MAX_COLLEAGUES);

    for (const tag of LOCALES) {
      const who = { ...filer, locale: tag };
      const refused = await invokeFits(h, who, 'colleague add form', 'colleagues.add', {
        orgnr,
        person: '',
        aadObjectId: person(MAX_COLLEAGUES + 1).aadObjectId,
        tenantId: TENANT,
        displayName: 'Nummer 51',
      });
      assert.match(cardText(refused), /50 (personer|personar|people)/, "the cap is named in the person's language");
      assert.equal(inputsOf(refused).displayName.value, 'Nummer 51', 'what was typed is kept');
      // Someone linked already is still "already registered", not refused.
      const again = await add(1, who);
      assert.doesNotMatch(cardText(again.body.value), /50 (personer|personar|people)/);

      for (const viewer of [who, { ...OFFICER, locale: tag }]) {
        const first = await invokeFits(h, viewer, 'colleagues card', 'colleagues.list', { orgnr });
        const pages = await everyPage(viewer, 'colleagues card', 'colleagues.list', first);
        assert.equal(pages.length, Math.ceil(MAX_COLLEAGUES / COLLEAGUES_PAGE));
        const names = pages.flatMap((p) => buttons(p, 'colleagues.remove').map((b) => b.data.aadObjectId));
        assert.equal(new Set(names).size, MAX_COLLEAGUES, 'every person on exactly one page, each with a Remove button');
      }
    }
    assert.equal(await rows(), before, 'nothing written by the refused adds');

    // Ten adds at once with five places left (each reads 45 before any writes): never more than the cap.
    for (let n = 1; n <= 5; n++) await h.app.services.ownerPeople.remove(orgnr, person(n), { id: 'test', asOfficer: false });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => add(MAX_COLLEAGUES + 10 + i)));
    const live = (await h.app.services.ownerPeople.linksOf(orgnr)).filter((l) => !l.removedAt);
    assert.ok(live.length <= MAX_COLLEAGUES, `${live.length} people linked after adds at once`);
    const told = answers.filter((a) => !/50 (personer|personar|people)/.test(cardText(a.body.value))).length;
    assert.equal(live.length, MAX_COLLEAGUES - 5 + told, 'each add told "added" stayed, each told the cap was undone');
  });

  it("mine meldinger, the decision list, the roles card, the meetings list, the usage rows and the owner's usage list: every page within the budget in nb, nn and en", async () => {
    const owner = person(100);
    const n = Math.max(MY_REPORTS_PAGE, DECISIONS_PAGE, USAGE_ROWS_PAGE) + 1;
    const filed: Array<{ roundId: string; reportId: string }> = [];
    for (let i = 0; i < n; i++) {
      const review = await fillReport(h, owner, {
        owner: { ownerName: maxText(LIMITS.ownerName) },
        measure: { title: maxText(LIMITS.title) },
      });
      const reportId = actionData(review, 'report.submit').draftId as string;
      const receipt = await invokeFits(h, owner, 'receipt', 'report.submit', actionData(review, 'report.submit'));
      const at = (await h.app.services.reports.findByReference(/BM-\d{4}-\d{4}/.exec(cardText(receipt))![0]))!;
      assert.ok(reportId);
      await moveTo(h, at, TO_PRIORITISED);
      filed.push(at);
    }
    const round = (await h.app.services.rounds.list())[0];
    // The members' forum: that of the group they are in (the default configuration has two).
    const forum = forumOf(h.app.services.regions.workingGroups[0].id);
    for (let i = 0; i < ROLES_PAGE + 1; i++) {
      await h.app.services.roles.grant({
        person: { tenantId: TENANT, aadObjectId: person(200 + i).aadObjectId },
        forum,
        role: 'member',
        group: h.app.services.regions.workingGroups[0].id,
        displayName: maxPlainText(200),
        organisations: Array.from({ length: MAX_ORGANISATIONS }, () => '974760673'),
        grantedBy: 'test',
        grantedAt: new Date().toISOString(),
      });
    }
    for (let i = 0; i < MEETINGS_PAGE + 1; i++) {
      await h.app.services.meetings.create(
        meetingOf([], { id: `size-meeting-${i}`, forum, roundId: round.id, group: h.app.services.regions.workingGroups[0].id, title: maxPlainText(MAX_TITLE) }),
      );
    }

    for (const tag of LOCALES) {
      const who = { ...owner, locale: tag };
      const officer = { ...OFFICER, locale: tag };
      const mine = await everyPage(who, 'mine meldinger', 'report.mine', await sendFits(h, who, 'mine meldinger', 'mine meldinger'));
      assert.equal(mine.length, Math.ceil(n / MY_REPORTS_PAGE));
      assert.equal(mine.flatMap((p) => buttons(p, 'report.open')).length, n, 'every report on one of the pages');
      const decisions = await everyPage(officer, 'decision list', 'decision.pending', await sendFits(h, officer, 'decision list', 'vedtak'));
      assert.ok(decisions.length >= 2);
      const roles = await everyPage(officer, 'roles card', 'roles.list', await sendFits(h, officer, 'roles card', 'roller'));
      assert.ok(roles.length >= 2);
      const meetings = await everyPage(officer, 'meetings list', 'meeting.list', await sendFits(h, officer, 'meetings list', 'møter'));
      assert.equal(meetings.flatMap((p) => buttons(p, 'meeting.show')).length, MEETINGS_PAGE + 1);
    }

    // Granted and paid, they are the round's usage rows.
    assert.equal((await h.invoke(OFFICER, 'decision.grantAllConfirm', { roundId: filed[0].roundId })).status, 200);
    for (const at of filed) await invokeFits(h, OFFICER, 'case card', 'decision.paidConfirm', at);
    for (const tag of LOCALES) {
      const officer = { ...OFFICER, locale: tag };
      const rows = await everyPage(
        officer,
        'usage rows',
        'usage.round',
        await invokeFits(h, officer, 'usage rows', 'usage.round', { roundId: filed[0].roundId }),
      );
      assert.ok(rows.length >= 2, 'the rows take more than one page');
      const who = { ...owner, locale: tag };
      const own = await everyPage(who, "owner's usage list", 'usage.list', await invokeFits(h, who, "owner's usage list", 'usage.list', {}));
      assert.equal(own.flatMap((p) => buttons(p, 'usage.open')).length, n, 'every paid school year on one of the pages');
    }
  });

  it('refuses a proactive message over the budget as Teams counts it (UTF-16), storing and sending nothing; one just within it is queued', async () => {
    const aad = person(300).aadObjectId;
    await seedUser(h.app.services.references, h.connector.url, aad);
    // Plain text: as UTF-8 well under 80 KB (which the check once counted), as UTF-16 over it.
    const message = (chars: number) => ({ type: 'message' as const, text: 'x'.repeat(chars) });
    const over = message(MAX_ACTIVITY_BYTES / 2);
    assert.ok(Buffer.byteLength(JSON.stringify(over)) < 50_000 && activityBytes(over) > MAX_ACTIVITY_BYTES);
    await assert.rejects(
      h.app.services.deliver({ kind: 'personal', key: 'size:over', tenantId: TENANT, aadObjectId: aad, activity: over }),
      (err: Error) => err instanceof DeliveryRequestError && /UTF-16/.test(err.message),
    );
    assert.equal(await h.app.services.outbox.get('size:over'), undefined, 'nothing queued');

    const within = message(MAX_ACTIVITY_BYTES / 2 - 100);
    assert.ok(activityBytes(within) <= MAX_ACTIVITY_BYTES);
    const queued = await h.app.services.deliver({ kind: 'personal', key: 'size:within', tenantId: TENANT, aadObjectId: aad, activity: within });
    assert.equal(queued.created, true);
    await waitFor('the message within the budget sent', () => h.connector.sent().some((s) => s.body?.text === within.text), 15_000);
    assert.ok(
      !h.connector.sent().some((s) => typeof s.body?.text === 'string' && s.body.text.length === over.text.length),
      'the one over it never reached Teams',
    );
  });
});
