import assert from 'node:assert/strict';
import { JobRuns } from '../../src/storage/jobRuns';
import { FAST_DELIVERY, seedUser, waitDrained, waitSettled } from '../support/delivery';
import { cardOf, cardText, startHarness, uniquePrefix, type Harness } from '../support/harness';
import { COLLEAGUE, MEMBER, OFFICER, OTHER_OWNER, OWNER, TENANT, type Persona } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { actionData, fillReport, inputsOf, press, startReport } from '../support/wizard';
import { fakeClock, nowOf } from '../support/clock';

const GOOD_ROUND = {
  year: '2027',
  deadline: '2027-02-01',
  counties: 'oslo,akershus,ostfold,buskerud',
  budgetREKOM: '40 000 000',
  budgetDEKOM: '90 000 000',
  budgetKOMPLOFT: '30 000 000',
};

async function command(h: Harness, who: Persona, text: string) {
  const [reply] = await h.send(who, text);
  return cardOf(reply);
}

/** Creates and opens a round through the officer's cards. */
async function openRoundAs(h: Harness, values: Record<string, string>) {
  const form = await command(h, OFFICER, 'ny runde');
  const list = await press(h, OFFICER, form, 'round.create', values);
  assert.match(cardText(list), /er opprettet som planlagt/, cardText(list));
  const opened = await h.invoke(OFFICER, 'round.open', { roundId: `round-${values.year}` });
  assert.match(cardText(opened.body.value), /er åpnet/, cardText(opened.body.value));
}

/** Proactive messages that reached a person's personal chat, as their card texts. */
function personalCards(h: Harness, who: Persona): string[] {
  return h.connector
    .sent()
    .filter((r) => decodeURIComponent(r.path).includes(`a:personal-${who.aadObjectId}/activities`))
    .map((r) => cardText(cardOf(r.body)));
}

describe('reporting rounds', function () {
  this.timeout(90_000);

  describe('created and closed by hand', () => {
    const clock = fakeClock('2026-11-10T10:00:00Z');
    let h: Harness;
    before(async () => {
      h = await startHarness({ BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, SCHEDULER_TICK_MS: '0' }, { now: nowOf(clock) });
    });
    after(async () => {
      await h.stop();
    });

    it('refuses a past deadline, a negative and an absurd budget next to the fields, keeping what was typed and storing nothing', async () => {
      const before = await h.app.services.rounds.list();
      const form = await command(h, OFFICER, 'ny runde');
      assert.equal(inputsOf(form).year.value, '2027');
      assert.equal(inputsOf(form).deadline.type, 'Input.Date');
      assert.equal(inputsOf(form).deadline.value, '2027-02-01');
      assert.equal(inputsOf(form).usageDue.value, '01-15', 'usage reports are due 15 January unless the officer says otherwise');
      const card = await press(h, OFFICER, form, 'round.create', {
        ...GOOD_ROUND,
        deadline: '2026-11-09',
        budgetDEKOM: '-90 000',
        budgetREKOM: '40 000 000 000',
        usageDue: '02-29',
      });
      const text = cardText(card);
      assert.match(text, /Den fristen er allerede passert/);
      assert.match(text, /Beløpet kan ikke være negativt/);
      assert.match(text, /Beløpet kan være høyst 1 000 000 000 kr/);
      assert.match(text, /Skriv fristen som måned og dag, MM-DD, for eksempel 01-15 for 15\. januar\. 29\. februar går ikke\./);
      assert.equal(inputsOf(card).budgetDEKOM.value, '-90 000');
      assert.equal(inputsOf(card).usageDue.value, '02-29');
      assert.deepEqual(await h.app.services.rounds.list(), before);
    });

    it('refuses a duplicate of the open demo round, then creates the round once the demo round is closed by hand', async () => {
      const form = await command(h, OFFICER, 'ny runde');
      let card = await press(h, OFFICER, form, 'round.create', GOOD_ROUND);
      assert.match(cardText(card), /Det finnes allerede en innmeldingsrunde for 2027 .*\(demo-2027\)/);
      assert.equal(await h.app.services.rounds.get('round-2027'), undefined);

      const rounds = await command(h, OFFICER, 'runder');
      const confirm = await press(h, OFFICER, rounds, 'round.close');
      assert.match(cardText(confirm), /Stenge innmeldingsrunde 2027 nå\?/);
      assert.equal((await h.app.services.rounds.get('demo-2027'))?.status, 'open', 'not before confirming');
      card = await press(h, OFFICER, confirm, 'round.closeConfirm');
      assert.match(cardText(card), /Innmeldingsrunde 2027 er stengt/);
      assert.equal((await h.app.services.rounds.get('demo-2027'))?.status, 'closed');
      assert.match(cardText(await startReport(h, OWNER)), /Det er ingen åpen innmeldingsrunde/);

      card = await press(h, OFFICER, form, 'round.create', { ...GOOD_ROUND, usageDue: ' 12-01 ' });
      assert.match(cardText(card), /Innmeldingsrunde 2027 er opprettet som planlagt/);
      // The rounds card says when the first usage reports are due: 1 December after the school year 2027–2028.
      assert.match(cardText(card), /Frist for rapportering\n1\. desember 2028 for skoleåret 2027–2028, så samme dag hvert år/);
      const stored = await h.app.services.rounds.get('round-2027');
      assert.deepEqual(
        [stored?.status, stored?.deadline, stored?.budgets, stored?.usageDue],
        ['planned', '2027-02-01T22:59:59.999Z', { REKOM: 40_000_000, DEKOM: 90_000_000, KOMPLOFT: 30_000_000 }, '12-01'],
      );
      card = await press(h, OFFICER, form, 'round.create', GOOD_ROUND);
      assert.match(cardText(card), /Det finnes allerede en innmeldingsrunde for 2027/, 'a second press creates nothing');

      card = await press(h, OFFICER, card, 'round.list');
      card = await press(h, OFFICER, card, 'round.open');
      assert.match(cardText(card), /Innmeldingsrunde 2027 er åpnet\. Eierne kan melde behov fram til 1\. februar 2027 kl\. 23:59/);
      assert.match(cardText(await startReport(h, OWNER)), /Steg 1 av 8/);
    });
  });

  for (const [season, created, deadlineDay, lastOpen, closedAt] of [
    ['in winter', '2026-11-10T10:00:00Z', '2027-02-01', '2027-02-01T22:59:59.999Z', '2027-02-01T23:00:00Z'],
    ['after summer time began', '2027-03-01T10:00:00Z', '2027-04-10', '2027-04-10T21:59:59.999Z', '2027-04-10T22:00:00Z'],
  ] as const) {
    it(`closes the round by itself after 23:59:59 Oslo time ${season}, and tells each officer once`, async () => {
      const clock = fakeClock(created);
      const h = await startHarness(
        { ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, SCHEDULER_TICK_MS: '0', DEMO_ROUND: '0' },
        { now: nowOf(clock) },
      );
      try {
        await seedUser(h.app.services.references, h.connector.url, OFFICER.aadObjectId);
        await openRoundAs(h, { ...GOOD_ROUND, deadline: deadlineDay });
        clock.setSystemTime(new Date(lastOpen));
        assert.deepEqual((await h.app.scheduler.tick()).closed, []);
        assert.equal((await h.app.services.rounds.get('round-2027'))?.status, 'open');
        clock.setSystemTime(new Date(closedAt));
        assert.deepEqual((await h.app.scheduler.tick()).closed, ['round-2027']);
        assert.equal((await h.app.services.rounds.get('round-2027'))?.status, 'closed');
        await h.app.scheduler.tick();
        await waitSettled(h.app.services.outbox, `closed:round-2027:${TENANT}:${OFFICER.aadObjectId}`);
        await waitDrained(h.app.services.outbox, OFFICER);
        const notices = personalCards(h, OFFICER).filter((t) => /Innmeldingsrunde 2027 er stengt/.test(t));
        assert.equal(notices.length, 1);
        assert.match(notices[0], /Fristen gikk ut/);
        assert.match(cardText(await startReport(h, OWNER)), /Det er ingen åpen innmeldingsrunde/);
      } finally {
        await h.stop();
      }
    });
  }

  it('reminds owners with unsent drafts 7 days and 1 day before the deadline, once each, with two bot instances ticking', async () => {
    // The local demo round: deadline 1 February 2027 at 23:59 Oslo time.
    const clock = fakeClock('2027-01-20T08:00:00Z');
    const prefix = uniquePrefix();
    const env = { ...FAST_DELIVERY, TABLE_PREFIX: prefix, SCHEDULER_TICK_MS: '0' };
    const a = await startHarness(env, { now: nowOf(clock) });
    const b = await startHarness(env, { now: nowOf(clock) });
    try {
      for (const p of [OWNER, COLLEAGUE, OTHER_OWNER, MEMBER]) await seedUser(a.app.services.references, a.connector.url, p.aadObjectId);
      // Two owners leave drafts (OWNER two of them), one submits, one only edits a submitted report.
      for (const [h, who] of [
        [a, OWNER],
        [b, OWNER],
        [b, COLLEAGUE],
      ] as const) {
        const first = await startReport(h, who);
        await press(h, who, first, 'report.next', GOOD_INPUT.owner);
      }
      const review = await fillReport(a, OTHER_OWNER);
      await press(a, OTHER_OWNER, review, 'report.submit');
      const mine = await fillReport(b, MEMBER);
      const receipt = await press(b, MEMBER, mine, 'report.submit');
      const detail = await press(b, MEMBER, receipt, 'report.open');
      await press(b, MEMBER, detail, 'report.edit');

      const tickBoth = () => Promise.all([a.app.scheduler.tick(), b.app.scheduler.tick()]);
      const remindersTo = (who: Persona) => personalCards(a, who).filter((t) => /Påminnelse/.test(t));
      const settle = async (stage: string, people: Persona[]) => {
        for (const p of people) await waitSettled(a.app.services.outbox, `reminder:demo-2027:${TENANT}:${p.aadObjectId}:${stage}`);
        await waitDrained(a.app.services.outbox);
      };

      clock.setSystemTime(new Date('2027-01-25T07:59:00Z')); // 08:59 in Oslo, a week before the deadline's day
      await tickBoth();
      clock.setSystemTime(new Date('2027-01-25T08:00:00Z'));
      await tickBoth();
      // The reminders are a job, one for the round and stage, whichever instance ticked first.
      const job = await new JobRuns(a.app.services.tables).get('reminders:demo-2027:7d');
      assert.deepEqual([job?.status, job?.done, job?.total, job?.figures.reminded], ['done', 2, 2, 2], 'two owners, one message each');
      await tickBoth();
      await settle('7d', [OWNER, COLLEAGUE]);
      assert.equal(remindersTo(OWNER).length, 1);
      assert.match(remindersTo(OWNER)[0], /Du har 2 utkast .* innmeldingsrunde 2027 .*Fristen er om en uke: 1\. februar 2027 kl\. 23:59/s);
      assert.equal(remindersTo(COLLEAGUE).length, 1);
      assert.deepEqual([remindersTo(OTHER_OWNER).length, remindersTo(MEMBER).length], [0, 0], 'submitted reports and edits get no reminder');

      clock.setSystemTime(new Date('2027-01-31T08:00:00Z')); // 09:00 the day before
      await tickBoth();
      await tickBoth();
      await settle('1d', [OWNER, COLLEAGUE]);
      assert.equal(remindersTo(OWNER).length, 2);
      assert.match(remindersTo(OWNER)[1], /Fristen er i morgen: 1\. februar 2027 kl\. 23:59/);
      assert.equal(remindersTo(COLLEAGUE).length, 2);
      assert.ok(actionData(cardOf(a.connector.sent().find((r) => /Påminnelse/.test(JSON.stringify(r.body)))!.body), 'report.continue'));

      clock.setSystemTime(new Date('2027-02-02T08:00:00Z'));
      await tickBoth();
      await waitDrained(a.app.services.outbox);
      assert.equal(remindersTo(OWNER).length, 2, 'nothing after the deadline');
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
