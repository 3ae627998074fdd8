import assert from 'node:assert/strict';
import { cardOf, cardText, startHarness, uniquePrefix, type Harness } from '../support/harness';
import { COLLEAGUE, OTHER_OWNER, OWNER, TENANT, type Persona } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { actionData, fillReport, inputsOf, passOwnerSteps, press, startReport } from '../support/wizard';
import { fakeClock, nowOf } from '../support/clock';
import { REFERENCE_BLOCK } from '../../src/storage/referenceBlocks';

const personOf = (p: Persona) => ({ tenantId: p.tenantId, aadObjectId: p.aadObjectId });
const referenceIn = (card: any) => /BM-\d{4}-\d{4}/.exec(cardText(card))?.[0];

async function submitted(h: Harness, who: Persona) {
  const review = await fillReport(h, who);
  const receipt = await press(h, who, review, 'report.submit');
  return { receipt, reportId: actionData(review, 'report.submit').draftId as string, reference: referenceIn(receipt)! };
}

describe('needs reports after submission', () => {
  const clock = fakeClock('2026-12-01T09:00:00Z');
  const now = nowOf(clock);

  describe('drafts', () => {
    it('survive a bot restart: "fortsett" resumes where the user left off', async () => {
      const prefix = uniquePrefix();
      const first = await startHarness({ TABLE_PREFIX: prefix }, { now });
      let card = await startReport(first, OWNER);
      card = await passOwnerSteps(first, OWNER, card);
      await press(first, OWNER, card, 'report.next', GOOD_INPUT.measure);
      await first.stop();
      const second = await startHarness({ TABLE_PREFIX: prefix }, { now });
      try {
        const [reply] = await second.send(OWNER, 'fortsett');
        const resumed = cardOf(reply);
        assert.match(cardText(resumed), /Steg 4 av 8/);
        const back = await press(second, OWNER, resumed, 'report.back', {});
        assert.equal(inputsOf(back).title.value, GOOD_INPUT.measure.title);
      } finally {
        await second.stop();
      }
    });

    it('lets a user hold several drafts and pick one', async () => {
      const h = await startHarness({}, { now });
      try {
        for (const title of ['Første tiltak', 'Andre tiltak']) {
          let card = await startReport(h, OWNER);
          card = await passOwnerSteps(h, OWNER, card);
          await press(h, OWNER, card, 'report.next', { ...GOOD_INPUT.measure, title });
        }
        const [reply] = await h.send(OWNER, 'fortsett');
        const text = cardText(cardOf(reply));
        assert.match(text, /Utkast: Første tiltak/);
        assert.match(text, /Utkast: Andre tiltak/);
      } finally {
        await h.stop();
      }
    });
  });

  describe('references', () => {
    it('are unique per round when two bot instances submit at once', async function () {
      this.timeout(120_000);
      const prefix = uniquePrefix();
      const a = await startHarness({ TABLE_PREFIX: prefix }, { now });
      const b = await startHarness({ TABLE_PREFIX: prefix }, { now });
      try {
        const people: Persona[] = Array.from({ length: 10 }, (_, i) => ({
          name: `Eier ${i}`,
          tenantId: TENANT,
          aadObjectId: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
        }));
        const reviews = await Promise.all(people.map((p, i) => fillReport(i % 2 ? a : b, p)));
        const receipts = await Promise.all(reviews.map((r, i) => press(i % 2 ? a : b, people[i], r, 'report.submit')));
        const refs = receipts.map(referenceIn).sort();
        assert.equal(new Set(refs).size, 10, `ten distinct references: ${refs.join(', ')}`);
        // Each instance takes a block of numbers from the round's counter (gaps allowed, README):
        // two instances, two blocks, and within an instance the numbers follow each other.
        const numbers = refs.map((r) => Number(r!.slice(-4)));
        assert.ok(
          numbers.every((n) => n >= 1 && n <= 2 * REFERENCE_BLOCK),
          refs.join(', '),
        );
        for (const h of [a, b]) {
          const own = receipts
            .map(referenceIn)
            .filter((_, i) => (i % 2 ? a : b) === h)
            .map((r) => Number(r!.slice(-4)))
            .sort((x, y) => x - y);
          assert.equal(own[own.length - 1] - own[0], own.length - 1, `one instance's numbers follow each other: ${own.join(', ')}`);
        }
      } finally {
        await a.stop();
        await b.stop();
      }
    });
  });

  describe('access, edits and withdrawal', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({}, { now });
    });
    after(async () => {
      await h.stop();
    });
    beforeEach(() => {
      clock.setSystemTime(new Date('2026-12-01T09:00:00Z'));
    });

    it('shows another owner "not found" for a report they did not file, and changes nothing', async () => {
      const { reportId } = await submitted(h, OWNER);
      for (const verb of ['report.open', 'report.edit', 'report.withdraw', 'report.withdrawConfirm']) {
        const res = await h.invoke(OTHER_OWNER, verb, { reportId });
        assert.match(cardText(res.body.value), /Fant ikke meldingen/, verb);
        assert.ok(!JSON.stringify(res.body).includes('Lesing i alle fag'), `${verb} reveals nothing`);
      }
      const report = await h.app.services.reports.getVisible(personOf(OWNER), reportId);
      assert.equal(report?.status, 'submitted');
      const [list] = await h.send(OTHER_OWNER, 'mine meldinger');
      assert.ok(!cardText(cardOf(list)).includes('Lesing i alle fag'));
    });

    it('lets a colleague registered for the same owner see the report', async () => {
      const { reportId, reference } = await submitted(h, OWNER);
      await h.app.services.reports.addOwnerMember('974760673', personOf(COLLEAGUE));
      const res = await h.invoke(COLLEAGUE, 'report.open', { reportId });
      assert.match(cardText(res.body.value), new RegExp(reference));
    });

    it('does not give access to someone who merely types the same organisation number', async () => {
      const { reportId } = await submitted(h, OWNER);
      await submitted(h, OTHER_OWNER); // files for the same org number
      const res = await h.invoke(OTHER_OWNER, 'report.open', { reportId });
      assert.match(cardText(res.body.value), /Fant ikke meldingen/);
    });

    it('edits a submitted report before the deadline through the same wizard, keeping versions', async () => {
      const { reportId, reference } = await submitted(h, OWNER);
      const detail = (await h.invoke(OWNER, 'report.open', { reportId })).body.value;
      let card = await press(h, OWNER, detail, 'report.edit');
      assert.match(cardText(card), new RegExp(`Endre ${reference}: Se over og send inn`), 'opens at the review');
      assert.match(cardText(card), /Eksempel kommune/, 'prefilled');
      const measure = (card.body as any[]).flatMap((b) => b.items ?? []).length; // the review lists every part
      assert.ok(measure > 0);
      card = await press(h, OWNER, card, 'report.goto', { step: 'measure' });
      assert.equal(inputsOf(card).title.value, 'Lesing i alle fag', 'prefilled');
      card = await press(h, OWNER, card, 'report.next', { ...GOOD_INPUT.measure, title: 'Lesing i alle fag, utvidet' });
      assert.match(cardText(card), /Steg 8 av 8/, 'straight back to the review');
      const receipt = await press(h, OWNER, card, 'report.submit');
      assert.match(cardText(receipt), /Endringene er sendt inn/);
      assert.match(cardText(receipt), /versjon 2/);
      const versions = await h.app.services.reports.versions<{ title: string }>(reportId);
      assert.deepEqual(
        versions.map((v) => v.data.title),
        ['Lesing i alle fag', 'Lesing i alle fag, utvidet'],
      );
      const again = await press(h, OWNER, card, 'report.submit');
      assert.match(cardText(again), /sendt inn/i);
      assert.equal((await h.app.services.reports.getVisible(personOf(OWNER), reportId))?.version, 2, 'a retried submit adds no version');
    });

    it('withdraws only after a confirmation, and a second press changes nothing', async () => {
      const { reportId, reference } = await submitted(h, OWNER);
      const detail = (await h.invoke(OWNER, 'report.open', { reportId })).body.value;
      const confirm = await press(h, OWNER, detail, 'report.withdraw');
      assert.match(cardText(confirm), new RegExp(`Trekke ${reference}\\?`));
      assert.equal((await h.app.services.reports.getVisible(personOf(OWNER), reportId))?.status, 'submitted', 'not before confirming');
      const done = await press(h, OWNER, confirm, 'report.withdrawConfirm');
      assert.match(cardText(done), new RegExp(`${reference} er trukket`));
      await press(h, OWNER, confirm, 'report.withdrawConfirm');
      const report = await h.app.services.reports.getVisible(personOf(OWNER), reportId);
      assert.equal(report?.status, 'withdrawn');
      assert.deepEqual(
        report?.history.map((e) => e.to),
        ['submitted', 'withdrawn'],
      );
    });

    it('refuses edits and withdrawal after the deadline, with the reason', async () => {
      const { reportId } = await submitted(h, OWNER);
      clock.setSystemTime(new Date('2027-02-02T08:00:00Z'));
      for (const verb of ['report.edit', 'report.withdraw', 'report.withdrawConfirm']) {
        const res = await h.invoke(OWNER, verb, { reportId });
        assert.match(cardText(res.body.value), /Fristen gikk ut 1\. februar 2027/, verb);
      }
      assert.equal((await h.app.services.reports.getVisible(personOf(OWNER), reportId))?.status, 'submitted');
    });

    it('refuses a new submission after the deadline, keeping the draft', async () => {
      const review = await fillReport(h, OWNER);
      clock.setSystemTime(new Date('2027-02-02T08:00:00Z'));
      const res = await press(h, OWNER, review, 'report.submit');
      assert.match(cardText(res), /Fristen for å melde behov gikk ut/);
      const draftId = actionData(review, 'report.submit').draftId as string;
      assert.ok(await h.app.services.drafts.get(personOf(OWNER), draftId), 'the draft is still there');
    });
  });
});
