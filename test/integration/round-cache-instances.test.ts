import assert from 'node:assert/strict';
import type { ForumPlan } from '../../src/domain/forum/plan';
import type { Round } from '../../src/domain/round';
import { cardText, startHarness, uniquePrefix, type Harness } from '../support/harness';
import { OFFICER, OWNER, TENANT } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { actionData, fillReport, passOwnerSteps, press, startReport, STEP_ORDER } from '../support/wizard';
import { invokeCard } from '../support/casework';
import { SEEDED_FORUM } from '../support/forum';

/*
 * Each instance keeps the rounds and the forums' plans for about a second (storage/rounds.ts,
 * storage/forumPlans.ts). Two instances on one storage: what the secretariat changes on one, an
 * owner on the other is never refused on (or let through against) the moment before it was seen.
 * Every check below runs well within that second of the other instance's change.
 */
describe('rounds and plans kept per instance, with two bot instances on one storage', function () {
  this.timeout(120_000);
  let a: Harness;
  let b: Harness;
  const ROUND = 'demo-2027';

  before(async () => {
    const env = { TABLE_PREFIX: uniquePrefix(), BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId };
    a = await startHarness(env);
    b = await startHarness(env);
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
  });
  const setRound = (change: (r: Round) => Round) => a.app.services.rounds.update(ROUND, change);
  /** Waits until B's cache holds the round as stored (at most its cache time): the start of each case. */
  const bSees = async (status: Round['status']) => {
    while ((await b.app.services.rounds.list()).find((r) => r.id === ROUND)?.status !== status) await new Promise((r) => setTimeout(r, 50));
  };
  beforeEach(async () => {
    await setRound(({ closedAt: _closedAt, ...r }) => ({ ...r, status: 'open' }));
    await bSees('open');
  });
  const stored = (reportId: string) => b.app.services.reports.get(ROUND, reportId);

  it('gives an owner on one instance the wizard when the round was opened on the other a moment ago', async () => {
    await setRound(({ closedAt: _closedAt, ...r }) => ({ ...r, status: 'planned' }));
    await bSees('planned');
    // B sees the round planned, refuses, and keeps that for its cache time.
    assert.match(cardText(await startReport(b, OWNER)), /Det er ingen åpen innmeldingsrunde nå/);
    await setRound((r) => ({ ...r, status: 'open' }));
    const first = await startReport(b, OWNER);
    assert.doesNotMatch(cardText(first), /ingen åpen innmeldingsrunde/);
    assert.match(cardText(first), /Meld behov/);
    // Its first Next stores the draft in the round just opened.
    const second = await press(b, OWNER, first, 'report.next', GOOD_INPUT.owner);
    const draftId = actionData(second, 'report.next').draftId as string;
    assert.equal((await b.app.services.drafts.get({ tenantId: TENANT, aadObjectId: OWNER.aadObjectId }, draftId))?.roundId, ROUND);
  });

  it('lets a step through on one instance when the round was reopened on the other a moment ago', async () => {
    const card = await passOwnerSteps(b, OWNER, await startReport(b, OWNER));
    await setRound((r) => ({ ...r, status: 'closed', closedAt: new Date().toISOString() }));
    await bSees('closed');
    // Closed: the step is refused (B has read the round closed).
    assert.match(cardText(await press(b, OWNER, card, 'report.next', GOOD_INPUT.measure)), /stengte innmeldingsrunde 2027/);
    await setRound(({ closedAt: _closedAt, ...r }) => ({ ...r, status: 'open' }));
    const next = await press(b, OWNER, card, 'report.next', GOOD_INPUT.measure);
    assert.doesNotMatch(cardText(next), /stengte innmeldingsrunde/);
    assert.equal(actionData(next, 'report.next').step, STEP_ORDER[STEP_ORDER.indexOf('measure') + 1]);
  });

  it('refuses a submit on one instance when the round was closed on the other a moment ago, storing nothing', async () => {
    const review = await fillReport(b, OWNER);
    const draftId = actionData(review, 'report.submit').draftId as string;
    // B has the round open in its cache from here on.
    assert.equal((await b.app.services.rounds.list()).find((r) => r.id === ROUND)?.status, 'open');
    assert.match(cardText(await invokeCard(a, OFFICER, 'round.closeConfirm', { roundId: ROUND })), /Innmeldingsrunde 2027 er stengt/);
    const answer = await press(b, OWNER, review, 'report.submit');
    assert.match(cardText(answer), /stengte innmeldingsrunde 2027/);
    assert.doesNotMatch(cardText(answer), /sendt inn/i);
    assert.equal(await stored(draftId), undefined);
  });

  it("accepts on one instance a priority area the other saved into the forum's plan a moment ago", async () => {
    const plan = (names: string[]): ForumPlan => ({
      forum: SEEDED_FORUM,
      areas: names.map((nb, i) => ({ id: (['a1', 'a2'] as const)[i], name: { nb } })),
      updatedBy: { tenantId: TENANT, aadObjectId: OFFICER.aadObjectId },
      updatedAt: new Date().toISOString(),
    });
    await a.app.services.plans.save(plan(['Lesing']));
    // Past B's cache time of the plan read (as none) by the tests before.
    await new Promise((r) => setTimeout(r, 1100));
    const card = await passOwnerSteps(b, OWNER, await startReport(b, OWNER));
    // B keeps the plan with one area from here on.
    assert.equal((await b.app.services.plans.get(SEEDED_FORUM))?.areas.length, 1);
    await a.app.services.plans.save(plan(['Lesing', 'Regning']));
    const next = await press(b, OWNER, card, 'report.next', { ...GOOD_INPUT.measure, priorityAreas: 'a2' });
    assert.equal(actionData(next, 'report.next').step, STEP_ORDER[STEP_ORDER.indexOf('measure') + 1], cardText(next));
  });
});
