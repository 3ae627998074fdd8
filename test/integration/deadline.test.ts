import assert from 'node:assert/strict';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, OWNER } from '../support/personas';
import { actionData, fillReport, press } from '../support/wizard';

/**
 * "Fristen er 1. februar kl. 23:59" means the whole minute: a press at 23:59:30 Oslo time is in
 * time, one at 00:00:00 is not. Oslo is UTC+1 in winter and UTC+2 in summer.
 */
const SEASONS = [
  {
    season: 'in winter',
    created: '2026-11-10T10:00:00Z',
    day: '2027-02-01',
    inTime: '2027-02-01T22:59:30Z',
    lastMs: '2027-02-01T22:59:59.999Z',
    late: '2027-02-01T23:00:00Z',
  },
  {
    season: 'in summer time',
    created: '2027-03-01T10:00:00Z',
    day: '2027-06-15',
    inTime: '2027-06-15T21:59:30Z',
    lastMs: '2027-06-15T21:59:59.999Z',
    late: '2027-06-15T22:00:00Z',
  },
] as const;

async function openRound(h: Harness, day: string): Promise<void> {
  const [reply] = await h.send(OFFICER, 'ny runde');
  const values = {
    year: '2027',
    deadline: day,
    counties: 'oslo,akershus,ostfold,buskerud',
    budgetREKOM: '40 000 000',
    budgetDEKOM: '90 000 000',
    budgetKOMPLOFT: '30 000 000',
  };
  assert.match(cardText(await press(h, OFFICER, cardOf(reply), 'round.create', values)), /er opprettet som planlagt/);
  assert.match(cardText((await h.invoke(OFFICER, 'round.open', { roundId: 'round-2027' })).body.value), /er åpnet/);
}

for (const s of SEASONS) {
  describe(`the reporting deadline ${s.season}`, () => {
    const clock = { now: new Date(s.created) };
    let h: Harness;
    before(async () => {
      h = await startHarness({ BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, DEMO_ROUND: '0' }, { now: () => clock.now });
      await openRound(h, s.day);
    });
    after(async () => {
      await h.stop();
    });
    beforeEach(() => {
      clock.now = new Date(s.created);
    });

    const submitAt = async (at: string) => {
      const review = await fillReport(h, OWNER);
      clock.now = new Date(at);
      const receipt = await press(h, OWNER, review, 'report.submit');
      return { receipt, reportId: actionData(review, 'report.submit').draftId as string };
    };

    it('accepts a submission at 23:59:30 and at 23:59:59.999 Oslo time', async () => {
      for (const at of [s.inTime, s.lastMs]) {
        const { receipt, reportId } = await submitAt(at);
        assert.match(cardText(receipt), /BM-2027-\d{4}/, at);
        assert.equal((await h.app.services.reports.getVisible(OWNER, reportId))?.status, 'submitted', at);
      }
    });

    it('refuses a submission at 00:00 the next day, keeping the draft', async () => {
      const { receipt, reportId } = await submitAt(s.late);
      assert.match(cardText(receipt), /Fristen for å melde behov gikk ut/);
      assert.ok(await h.app.services.drafts.get(OWNER, reportId), 'the draft is still there');
    });

    it('lets the owner edit and withdraw at 23:59:30, and refuses both at 00:00', async () => {
      const early = await submitAt(s.created);
      const other = await submitAt(s.created);
      clock.now = new Date(s.inTime);
      const detail = (await h.invoke(OWNER, 'report.open', { reportId: early.reportId })).body.value;
      const edit = await press(h, OWNER, detail, 'report.edit');
      assert.match(cardText(edit), /Se over og send inn/, 'the edit opens at 23:59:30');
      const resent = await press(h, OWNER, edit, 'report.submit');
      assert.match(cardText(resent), /Endringene er sendt inn/);
      const confirm = await press(h, OWNER, (await h.invoke(OWNER, 'report.open', { reportId: early.reportId })).body.value, 'report.withdraw');
      assert.match(cardText(await press(h, OWNER, confirm, 'report.withdrawConfirm')), /er trukket/);
      assert.equal((await h.app.services.reports.getVisible(OWNER, early.reportId))?.status, 'withdrawn');

      clock.now = new Date(s.late);
      for (const verb of ['report.edit', 'report.withdraw', 'report.withdrawConfirm']) {
        const res = await h.invoke(OWNER, verb, { reportId: other.reportId });
        assert.match(cardText(res.body.value), /Fristen gikk ut/, verb);
      }
      assert.equal((await h.app.services.reports.getVisible(OWNER, other.reportId))?.status, 'submitted');
    });
  });
}
