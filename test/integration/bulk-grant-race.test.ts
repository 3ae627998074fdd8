import assert from 'node:assert/strict';
import type { NeedsReport } from '../../src/domain/report';
import { SHARED_BUDGET } from '../../src/domain/round';
import { lineOf } from '../../src/domain/money/ledger';
import { readLedger } from '../../src/teams/money/ledgerRead';
import { seedUser, waitDrained, waitFor } from '../support/delivery';
import { ROUND, seedCheckedReport, seedRound } from '../support/forum';
import { cardText, type Harness } from '../support/harness';
import { OFFICER, OWNER } from '../support/personas';
import { press } from '../support/wizard';
import { OFFICER2, invokeCard, moveTo, sentMentioning, useSecretariatBot } from '../support/casework';

/**
 * "Innvilg alle prioriterte som søkt" never grants past the budget, whatever another officer grants
 * by hand while it runs (issue 22). DEKOM has 3 000 000 kr; three prioritised reports ask 1 250 000 kr
 * each for the school year. The bulk grant plans A and B (2 500 000 kr) and leaves C, the one the cut
 * line goes through. A second officer grants C in full by hand while the bulk grant runs: then only
 * one of A and B fits, and the bulk grant must leave B prioritised, untold, for the officer.
 */
const BUDGET = { REKOM: 0, DEKOM: 3_000_000, KOMPLOFT: 0 };
type Ref = { roundId: string; reportId: string; id: string; reference: string };

async function threePrioritised(h: Harness): Promise<Ref[]> {
  const s = h.app.services;
  await seedRound(s, BUDGET);
  await seedUser(s.references, h.connector.url, OWNER.aadObjectId);
  const out: Ref[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await seedCheckedReport(s);
    const ref = { ...r, roundId: ROUND.id, reportId: r.id };
    await moveTo(h, ref, ['on_agenda', 'prioritised']);
    out.push(ref);
  }
  return out;
}

/** C granted in full by the second officer, through the bot as they would press it. */
async function grantByHand(h: Harness, c: Ref): Promise<void> {
  const form = await invokeCard(h, OFFICER2, 'decision.form', { roundId: c.roundId, reportId: c.reportId });
  await press(h, OFFICER2, form, 'decision.record', { outcome: 'granted', grant1: '1250000', grant2: '1000000' });
  assert.equal((await h.app.services.reports.get(c.roundId, c.reportId))?.status, 'granted');
}

/** The bulk grant pressed and confirmed (planned: A and B); waits for its job and returns the confirm's card and the run. */
async function bulkGrant(h: Harness, before: () => void = () => {}) {
  const confirm = await invokeCard(h, OFFICER, 'decision.grantAll', { roundId: ROUND.id });
  assert.match(cardText(confirm), /Innvilg 2 prioriterte meldinger som søkt/);
  before();
  const card = await press(h, OFFICER, confirm, 'decision.grantAllConfirm');
  const id = `grantAll:${ROUND.id}`;
  await waitFor('the bulk grant to finish', async () => (await h.app.services.jobs.get(id))?.status === 'done', 30_000);
  return { text: cardText(card), run: (await h.app.services.jobs.get(id))! };
}

/** The final card, when the press waited long enough to show it, says why B was left. */
function saysWhy(text: string): void {
  if (/er innvilget/.test(text)) assert.match(text, /1 melding ble ikke innvilget, fordi vedtak gjort i mellomtiden har brukt rammen\./);
}

async function assertWithinBudget(h: Harness, [a, b, c]: Ref[]): Promise<void> {
  const status = async (r: Ref) => (await h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId))!;
  assert.deepEqual([(await status(a)).status, (await status(b)).status, (await status(c)).status], ['granted', 'prioritised', 'granted']);
  assert.equal((await status(a)).decision?.bulk, true);
  assert.equal((await status(b)).decision, undefined, 'B keeps no decision');
  assert.ok(!(await status(b)).history.some((e) => e.to === 'granted'), "B's history has no grant");
  const { ledger } = await readLedger(h.app.services, (await h.app.services.rounds.get(ROUND.id))!);
  const line = lineOf(ledger, SHARED_BUDGET, 'DEKOM');
  assert.equal(line.granted, 2_500_000, 'A by the bulk grant and C by hand: within the 3 000 000 kr');
  assert.ok(line.granted <= line.budget);
  await waitDrained(h.app.services.outbox);
  assert.equal(sentMentioning(h, `Vedtak for ${a.reference}: Innvilget`).length, 1, 'A told once');
  assert.equal(sentMentioning(h, `Vedtak for ${b.reference}`).length, 0, 'B never told');
}

/** Runs `before` ahead of each bulk write of a report's status (the real storage does the write); returns the undo. */
function beforeBulkWrites(h: Harness, before: (reportId: string) => Promise<void>): () => void {
  const reports = h.app.services.reports;
  const setStatus = reports.setStatus.bind(reports);
  reports.setStatus = (async (roundId: string, reportId: string, decide: never, record: { decision?: { bulk?: boolean } } = {}) => {
    if (record.decision?.bulk) await before(reportId);
    return setStatus(roundId, reportId, decide, record as never);
  }) as typeof reports.setStatus;
  return () => {
    reports.setStatus = setStatus;
  };
}

describe('the bulk grant and decisions by hand at the same time', function () {
  this.timeout(120_000);

  describe('a grant by hand lands between the bulk grant’s check and its write', () => {
    const bot = useSecretariatBot('2027-04-02T08:30:00Z');
    it('takes its own grant back when the ledger is past the budget, before anyone is told', async () => {
      const h = bot.h();
      const refs = await threePrioritised(h);
      let raced = false;
      const restore = beforeBulkWrites(h, async (reportId) => {
        // Just before the bulk grant writes B: the second officer grants C.
        if (!raced && reportId === refs[1].id) {
          raced = true;
          await grantByHand(h, refs[2]);
        }
      });
      try {
        const { text, run } = await bulkGrant(h);
        assert.ok(raced, 'the race happened');
        assert.deepEqual([run.figures.granted, run.figures.budgetUsed, run.figures.skipped], [1, 1, 0]);
        saysWhy(text);
        await assertWithinBudget(h, refs);
      } finally {
        restore();
      }
    });
  });

  describe('a grant by hand lands before the bulk grant’s page', () => {
    const bot = useSecretariatBot('2027-04-02T08:30:00Z');
    it('leaves B ungranted without writing it, and says why on the final card', async () => {
      const h = bot.h();
      const refs = await threePrioritised(h);
      const reports = h.app.services.reports;
      const get = reports.get.bind(reports);
      let armed = false;
      let raced = false;
      const written: string[] = [];
      reports.get = (async (roundId: string, reportId: string) => {
        // The job's first read of the page: the second officer grants C first.
        if (armed && !raced && reportId === refs[0].id) {
          raced = true;
          await grantByHand(h, refs[2]);
        }
        return get(roundId, reportId);
      }) as typeof reports.get;
      const restore = beforeBulkWrites(h, async (reportId) => {
        written.push(reportId);
      });
      try {
        const { text, run } = await bulkGrant(h, () => (armed = true));
        assert.ok(raced, 'the race happened');
        assert.deepEqual(written, [refs[0].id], 'B was never written');
        assert.deepEqual([run.figures.granted, run.figures.budgetUsed, run.figures.skipped], [1, 1, 0]);
        saysWhy(text);
        await assertWithinBudget(h, refs);
      } finally {
        reports.get = get;
        restore();
      }
    });
  });
});
