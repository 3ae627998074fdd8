import assert from 'node:assert/strict';
import type { NeedsReport } from '../../src/domain/report';
import type { Round } from '../../src/domain/round';
import { createLogger } from '../../src/app/logger';
import { JobLost, JobRuns, type JobRun } from '../../src/storage/jobRuns';
import { Outbox } from '../../src/storage/outbox';
import { JobRunner } from '../../src/teams/jobs/runner';
import type { JobKind } from '../../src/teams/jobs/types';
import type { Services } from '../../src/teams/services';
import { JobState } from '../../src/storage/jobState';
import { Tables } from '../../src/storage/tables';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { moveTo, TO_PRIORITISED } from '../support/casework';
import { fakeClock, nowOf } from '../support/clock';
import { FAST_DELIVERY, seedUser, userId, waitDrained, waitFor } from '../support/delivery';
import { needsReport } from '../support/forum';
import { cardOf, cardText, startHarness, uniquePrefix, type Harness } from '../support/harness';
import { OFFICER, TENANT } from '../support/personas';

const ROUND: Round = {
  id: 'r2027-jobs',
  year: 2027,
  counties: ['oslo', 'akershus'],
  deadline: '2027-02-01T22:59:59.999Z',
  status: 'closed',
  budgets: { REKOM: 500_000, DEKOM: 90_000_000, KOMPLOFT: 1_000_000 },
  createdAt: '2026-10-01T00:00:00.000Z',
};
const REPORTS = 45;

describe('long work as a job', function () {
  this.timeout(120_000);

  describe('a bulk grant answered with a progress card', () => {
    let h: Harness;
    const refs: string[] = [];
    before(async () => {
      // The press answers at once with the progress card (no wait for the job).
      h = await startHarness({ ...FAST_DELIVERY, DEMO_ROUND: '0', BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, JOB_PRESS_WAIT_MS: '0' });
      const sv = h.app.services;
      await sv.rounds.create(ROUND);
      await seedUser(sv.references, h.connector.url, OFFICER.aadObjectId);
      for (let n = 0; n < REPORTS; n++) {
        const data = needsReport(n + 1, { region: 'oslo', scheme: 'DEKOM' });
        const reportId = `job-${process.pid}-${n}`;
        const reference = await sv.reports.nextReference(ROUND.id, ROUND.year);
        const by = { tenantId: TENANT, aadObjectId: userId(n) };
        await seedUser(sv.references, h.connector.url, by.aadObjectId);
        await sv.reports.submitNew({ draftId: reportId, roundId: ROUND.id, reference, by, summary: summaryOf(data, sv.regions), data });
        await moveTo(h, { roundId: ROUND.id, reportId }, TO_PRIORITISED);
        refs.push(reference);
      }
    });
    after(async () => {
      await h.stop();
    });

    it('shows "Done 0 of 45 reports" at once, in the officer\'s language, then replaces that card with the figures when every report is granted and every owner told once', async () => {
      const res = await h.invoke(OFFICER, 'decision.grantAllConfirm', { roundId: ROUND.id }, { replyToId: 'card-bulk', locale: 'en-US' });
      assert.equal(res.status, 200);
      const progress = cardText(res.body.value);
      assert.match(progress, /^Granting the reports the forum recommended\nDone \d+ of 45 reports\. This card is updated while the work goes on/, progress);
      const updates = () => h.connector.updated().filter((u) => u.path.endsWith('/activities/card-bulk'));
      await waitFor(
        () => `the card's final update (${updates().length} so far)`,
        () => updates().some((u) => cardText(cardOf(u.body)).includes('45 reports were granted as requested')),
        60_000,
      );
      const last = cardText(cardOf(updates().at(-1)!.body));
      // Each report asks 1 250 000 kr for 2027–2028 and 1 000 000 kr for the year after.
      assert.match(
        last,
        /^Grant all prioritised as requested\n45 reports were granted as requested, NOK 56,250,000 in all\. The owners get the decision in Teams\.\nGranted for the school year 2027–2028: NOK 56,250,000\. Committed for later years: NOK 45,000,000\./,
        last,
      );
      // Updates go through the outbox at most every 2 s, the final one last.
      for (const u of updates().slice(0, -1)) assert.match(cardText(cardOf(u.body)), /Done \d+ of 45 reports/);

      await waitDrained(h.app.services.outbox);
      const sv = h.app.services;
      for (let n = 0; n < REPORTS; n++) {
        const stored = await sv.reports.get<NeedsReport>(ROUND.id, `job-${process.pid}-${n}`);
        assert.equal(stored?.status, 'granted');
        assert.equal(stored?.decision?.bulk, true);
        const told = h.connector.sent().filter((s) => JSON.stringify(s.body).includes(`Vedtak for ${refs[n]}`));
        assert.equal(told.length, 1, `${refs[n]} told once`);
      }
      const job = await new JobRuns(sv.tables).get(`grantAll:${ROUND.id}`);
      assert.deepEqual([job?.status, job?.done, job?.figures.granted, job?.figures.skipped], ['done', REPORTS, REPORTS, 0]);
    });

    it('opens a round with a progress card that counts the announcement ("Announcement sent to …"), replaced by the figures when everyone with the app was gone through, each told once', async () => {
      const sv = h.app.services;
      const next: Round = { ...ROUND, id: 'r2028-jobs', year: 2028, counties: ['oslo'], deadline: '2028-02-01T22:59:59.999Z', status: 'planned' };
      await sv.rounds.create(next);
      const res = await h.invoke(OFFICER, 'round.open', { roundId: next.id }, { replyToId: 'card-open', locale: 'en-US' });
      const progress = cardText(res.body.value);
      assert.match(progress, /^Opening the filing round, bringing in the continuations and announcing it\n/, progress);
      const updates = () => h.connector.updated().filter((u) => u.path.endsWith('/activities/card-open'));
      // The 45 filers (their reports are Oslo's) and the officer: everyone with the app, and the round concerns them all.
      const everyone = REPORTS + 1;
      await waitFor(
        () => `the card's final update (${updates().length} so far)`,
        () => updates().some((u) => cardText(cardOf(u.body)).includes(`The announcement was sent to ${everyone} people`)),
        60_000,
      );
      const last = cardText(cardOf(updates().at(-1)!.body));
      assert.match(
        last,
        /Filing round 2028 is open\..* The announcement was sent to 46 people with the app in personal chat who belong to the filing round’s counties\./s,
        last,
      );
      for (const u of updates().slice(0, -1))
        assert.match(cardText(cardOf(u.body)), /Finding everyone with the app|Announcement sent to \d+\. Gone through \d+ of 46 people with the app\./);
      await waitDrained(sv.outbox);
      const announced = h.connector.sent().filter((s) => cardText(cardOf(s.body)).startsWith('Innmeldingsrunden for 2028 er åpnet'));
      assert.equal(announced.length, everyone, 'one announcement each');
      assert.equal(new Set(announced.map((s) => s.path)).size, everyone);
      const job = await new JobRuns(sv.tables).get(`round.open:${next.id}`);
      assert.deepEqual([job?.status, job?.done, job?.total, job?.figures.announced], ['done', everyone, everyone, everyone]);
    });

    it('recounts the analysis as a job: the command answers with a progress card, and the figures follow in a message when Teams gave no id to update', async () => {
      const [answer] = await h.send(OFFICER, 'analysis rebuild', { locale: 'en-US' });
      assert.match(cardText(cardOf(answer)), /^Recounting the analysis figures from the reports\nRecounted [0-2] of 2 filing rounds\. This card is updated/);
      await waitFor(
        'the figures in a message',
        () => h.connector.sent().some((s) => cardText(cardOf(s.body)).includes('The figures were recounted from the reports: 45 reports in 2 filing rounds.')),
        60_000,
      );
      const job = await new JobRuns(h.app.services.tables).get('analysis.rebuild');
      assert.deepEqual([job?.status, job?.done, job?.total, job?.figures.reports], ['done', 2, 2, REPORTS]);
    });
  });

  describe("owners' deadline reminders across a takeover", () => {
    const OWNERS = 60;
    const open: Round = { ...ROUND, id: 'r2027-remind', status: 'open' };
    const clock = fakeClock('2027-01-25T08:00:00Z'); // 09:00 in Oslo, a week before the deadline's day
    let h: Harness;
    before(async () => {
      h = await startHarness({ ...FAST_DELIVERY, DEMO_ROUND: '0', JOB_POLL_MS: '100', JOB_LEASE_MS: '1000' }, { now: nowOf(clock) });
      const sv = h.app.services;
      await sv.rounds.create(open);
      for (let n = 0; n < OWNERS; n++) {
        const owner = { tenantId: TENANT, aadObjectId: userId(n) };
        await seedUser(sv.references, h.connector.url, owner.aadObjectId);
        await sv.drafts.create(owner, open.id, { report: { ownerName: `Eier ${n}` }, raw: {} }, { id: `remind-${n}`, step: 2 });
      }
    });
    after(async () => {
      clock.restore();
      await h.stop();
    });

    it("go on from the dead instance's checkpoint: the owners it had told (also past its checkpoint) are not told again, the rest once each, and the stage is marked done", async () => {
      const sv = h.app.services;
      const keyOf = (n: number) => `${TENANT}:${userId(n)}`;
      const order = Array.from({ length: OWNERS }, (_, n) => n).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
      const reminderKey = (n: number) => `reminder:${open.id}:${TENANT}:${userId(n)}:7d`;
      // A dead instance had told the first 25 owners (in the job's order) and checkpointed after 20.
      for (const n of order.slice(0, 25))
        await sv.deliver({
          kind: 'personal',
          key: reminderKey(n),
          tenantId: TENANT,
          aadObjectId: userId(n),
          activity: { type: 'message', text: 'Påminnelse' },
        });
      const at = new Date().toISOString();
      const runs = new JobRuns(sv.tables);
      await runs.start({
        id: `reminders:${open.id}:7d`,
        kind: 'reminders.deadline',
        input: { roundId: open.id, stage: '7d' },
        status: 'running',
        cursor: { after: keyOf(order[19]) },
        done: 20,
        total: OWNERS,
        figures: { reminded: 20 },
        by: 'scheduler',
        locale: 'nb',
        createdAt: at,
        updatedAt: at,
        leaseOwner: 'dead-instance',
        leaseUntil: Date.now() - 1,
        failures: 0,
      });
      // A tick leaves the running job to the runner, which takes it over since the lease has run out.
      const started = async () => (await h.app.scheduler.tick()).reminders.filter((id) => id.startsWith('reminders:'));
      assert.deepEqual(await started(), []);
      await waitFor('the reminders job to finish', async () => (await runs.get(`reminders:${open.id}:7d`))?.status === 'done', 30_000);
      await waitDrained(sv.outbox);
      for (let n = 0; n < OWNERS; n++) {
        const chat = h.connector.sent().filter((r) => decodeURIComponent(r.path).includes(`a:personal-${userId(n)}/activities`));
        assert.equal(chat.length, 1, `owner ${n} reminded once`);
      }
      const job = await runs.get(`reminders:${open.id}:7d`);
      assert.deepEqual([job?.done, job?.total, job?.figures.reminded], [OWNERS, OWNERS, OWNERS]);
      assert.deepEqual(await new JobState(sv.tables).get('reminders', open.id), { done: ['7d'] });
      assert.deepEqual(await started(), [], 'a stage done is not started again');
    });
  });

  describe('the job row', () => {
    let clock = Date.now();
    let tables: Tables;
    let runs: JobRuns;
    const run = (id: string): JobRun => ({
      id,
      kind: 'test',
      input: {},
      status: 'running',
      done: 0,
      total: 10,
      figures: {},
      by: 'test',
      locale: 'nb',
      createdAt: new Date(clock).toISOString(),
      updatedAt: new Date(clock).toISOString(),
      failures: 0,
    });
    before(async () => {
      // Made here: the run's Azurite is up only once the hooks ran.
      tables = new Tables(process.env.TEST_TABLES_CONNECTION_STRING!, uniquePrefix());
      await tables.ensure();
      runs = new JobRuns(tables, () => clock);
    });

    it("is run by one instance at a time: a second claim is refused while the lease runs, taken over after it, and the first instance's next checkpoint then fails", async () => {
      assert.equal((await runs.start(run('lease'))).created, true);
      assert.equal((await runs.start(run('lease'))).created, false, 'a second start joins the running job');
      const a = await runs.claim('lease', 'instance-a', 1000);
      assert.ok(a, 'a takes the free job');
      assert.equal(await runs.claim('lease', 'instance-b', 1000), undefined, 'b may not while a holds it');
      const a2 = await runs.save(a, { done: 4, cursor: { next: 4 }, leaseUntil: clock + 1000 });
      clock += 1001; // a dies: its lease runs out
      const b = await runs.claim('lease', 'instance-b', 1000);
      assert.ok(b, 'b takes the job over');
      assert.deepEqual([b.run.done, b.run.cursor], [4, { next: 4 }], 'from the last checkpoint');
      await assert.rejects(runs.save(a2, { done: 6 }), JobLost, "a's late checkpoint is refused");
      assert.equal((await runs.get('lease'))?.done, 4);
      const finished = await runs.save(b, { done: 10, status: 'done', leaseOwner: '', leaseUntil: 0 });
      assert.equal(await runs.claim('lease', 'instance-c', 1000), undefined, 'a finished job is not taken again');
      assert.deepEqual(
        (await runs.unfinished()).map((r) => r.id),
        [],
      );
      assert.equal(finished.run.status, 'done');
      assert.equal((await runs.start(run('lease'), true)).created, true, 'the same work asked for again later starts anew');
    });
  });

  describe('two instances', () => {
    it('run a job one at a time: the second waits while the first holds it, and goes on from its checkpoint when it stops', async () => {
      const tables = new Tables(process.env.TEST_TABLES_CONNECTION_STRING!, uniquePrefix());
      await tables.ensure();
      // What the runner uses of the services: the log, and the outbox to look for a card (none here).
      const services = { logger: createLogger('silent'), outbox: new Outbox(tables) } as unknown as Services;
      let active = 0;
      let overlapped = false;
      const steps: Array<{ at: number; by: string }> = [];
      const kindFor = (by: string): JobKind => ({
        kind: 'count',
        async step(ctx) {
          const at = (ctx.run.cursor as number | undefined) ?? 0;
          if (++active > 1) overlapped = true;
          await new Promise((r) => setTimeout(r, 40));
          steps.push({ at, by });
          active--;
          return { cursor: at + 1, done: at + 1, finished: at + 1 >= 30 };
        },
        progressCard: () => ({ type: 'AdaptiveCard' }) as never,
        doneCard: async () => ({ type: 'AdaptiveCard' }) as never,
      });
      const runner = (by: string) =>
        new JobRunner(
          () => services,
          new JobRuns(tables),
          async () => [kindFor(by)],
          {
            instanceId: by,
            pollMs: 30,
            leaseMs: 5_000,
            cardEveryMs: 2_000,
            pressWaitMs: 0,
          },
        );
      const [a, b] = [runner('a'), runner('b')];
      try {
        const now = new Date().toISOString();
        await a.begin({
          id: 'count',
          kind: 'count',
          input: {},
          status: 'running',
          done: 0,
          total: 30,
          figures: {},
          by: 't',
          locale: 'nb',
          createdAt: now,
          updatedAt: now,
          failures: 0,
        });
        await waitFor('the first step by a', () => steps.length >= 1);
        b.start(); // b looks for unfinished jobs every 30 ms from now on
        await waitFor('a few steps by a', () => steps.length >= 10);
        await a.stop(); // a deploy: a finishes its step, checkpoints and lets the job go
        await waitFor('the job finished', async () => (await b.get('count'))?.status === 'done', 15_000);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
      assert.equal(overlapped, false, 'never two steps at once');
      assert.deepEqual(
        steps.map((s) => s.at),
        Array.from({ length: 30 }, (_, i) => i),
        'every step once, in order, none repeated',
      );
      const firstOfB = steps.findIndex((s) => s.by === 'b');
      assert.ok(
        firstOfB >= 10 && steps.slice(0, firstOfB).every((s) => s.by === 'a') && steps.slice(firstOfB).every((s) => s.by === 'b'),
        JSON.stringify(steps),
      );
    });
  });
});
