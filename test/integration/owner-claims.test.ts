import assert from 'node:assert/strict';
import { fakeClock, nowOf } from '../support/clock';
import { personOf, submitted, waitForSent } from '../support/casework';
import { FAST_DELIVERY, seedUser } from '../support/delivery';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { FOREIGN, OFFICER, OWNER, TENANT, type Persona } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { actionData, fillReport, press } from '../support/wizard';

// The owner-claim rule (issue 21, item 2): filing for an org. number claims it, and a claim gives the
// filer their own reports only until the secretariat (or a confirmed colleague) confirms them.

const ORGNR = '940000009';
/** What the real owner's report holds that the first filer must never see. */
const REAL = { contactName: 'Rita Reell', contactEmail: 'rita@reell.kommune.no', contactPhone: '33 44 55 66', title: 'Eierens eget tiltak' };
const LEAKS = [REAL.contactName, REAL.contactEmail, REAL.contactPhone, '33445566', REAL.title];

async function typed(h: Harness, who: Persona, text: string): Promise<any> {
  const replies = await h.send(who, text);
  return cardOf(replies.find((r: any) => cardOf(r)) ?? replies[0]);
}
async function card(h: Harness, who: Persona, verb: string, data: Record<string, unknown>): Promise<any> {
  const res = await h.invoke(who, verb, data);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.value;
}
const leaked = (c: unknown) => LEAKS.filter((x) => JSON.stringify(c).includes(x));

describe('claims on an owner: who acts for it is decided by the secretariat, not by filing first', function () {
  this.timeout(120_000);
  const clock = fakeClock('2026-12-01T09:00:00Z');
  let h: Harness;
  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: nowOf(clock) });
  });
  after(async () => {
    await h?.stop();
  });

  it("keeps a first filer from another tenant out of the real owner's report; the officer confirms the owner and rejects the other, audited and shown", async () => {
    // Someone in another tenant files for 940000009 first; the real owner files later.
    await seedUser(h.app.services.references, h.connector.url, FOREIGN.aadObjectId, FOREIGN.tenantId);
    const review = await fillReport(h, FOREIGN, {
      owner: { ...GOOD_INPUT.owner, ownerOrgnr: ORGNR, ownerName: 'Reell kommune' },
      measure: { ...GOOD_INPUT.measure, title: 'Utenforstående tiltak' },
    });
    const receipt = await press(h, FOREIGN, review, 'report.submit');
    // Told at once: a claim, not (yet) one of the owner's people.
    assert.match(cardText(receipt), /Du er ikke bekreftet for denne eieren ennå/);
    const firstId = actionData(review, 'report.submit').draftId as string;
    const first = { reportId: firstId, roundId: (await h.app.services.reports.findVisible(personOf(FOREIGN), firstId))!.report.roundId };
    clock.tick(60_000);
    const real = await submitted(h, OWNER, {
      owner: { ...GOOD_INPUT.owner, ownerOrgnr: ORGNR, ownerName: 'Reell kommune' },
      contact: { ...GOOD_INPUT.contact, contactName: REAL.contactName, contactEmail: REAL.contactEmail, contactPhone: REAL.contactPhone },
      measure: { ...GOOD_INPUT.measure, title: REAL.title },
    });
    const people = h.app.services.ownerPeople;
    assert.deepEqual(
      (await people.linksOf(ORGNR)).map((l) => [l.person.aadObjectId, l.status, !!l.first]),
      [
        [FOREIGN.aadObjectId, 'pending', true],
        [OWNER.aadObjectId, 'pending', false],
      ],
    );

    // The first filer sees only their own report, cannot open or withdraw the owner's, nor reach it by reference.
    const mine = await typed(h, FOREIGN, 'mine meldinger');
    assert.match(cardText(mine), /Utenforstående tiltak/);
    assert.deepEqual(leaked(mine), [], 'mine meldinger');
    for (const verb of ['report.open', 'report.edit', 'report.withdraw', 'report.withdrawConfirm']) {
      const answer = await card(h, FOREIGN, verb, { reportId: real.reportId });
      assert.match(cardText(answer), /Fant ikke meldingen|finner ikke|ikke funnet/i, verb);
      assert.deepEqual(leaked(answer), [], verb);
    }
    assert.deepEqual(leaked(await typed(h, FOREIGN, `vis ${real.reference}`)), [], 'vis');
    assert.equal((await h.app.services.reports.get(real.roundId, real.reportId))?.status, 'submitted', 'not withdrawn');
    // Nor does the claim make them one of the owner's people.
    assert.match(cardText(await card(h, FOREIGN, 'colleagues.list', { orgnr: ORGNR })), /Du er ikke bekreftet for denne eieren ennå/);
    // And the owner, not confirmed either, sees their own report only.
    assert.ok(!cardText(await typed(h, OWNER, 'mine meldinger')).includes('Utenforstående tiltak'));

    // Accepting the first filer's report does not confirm them: someone else has claimed the owner.
    await card(h, OFFICER, 'report.checkPass', { roundId: first.roundId, reportId: first.reportId });
    assert.equal((await people.link(ORGNR, personOf(FOREIGN)))?.status, 'pending');

    // The officer sees both claims in `krav`, from the secretariat menu too, and the owner's claim on its case card.
    const menu = await typed(h, OFFICER, 'sekretariat');
    const list = await press(h, OFFICER, menu, 'claims.list');
    assert.match(cardText(list), /Krav om å handle for en eier/);
    assert.match(cardText(list), /Eve Utenfor for Reell kommune \(940 000 009\)/);
    assert.match(cardText(list), /Kari Nordmann for Reell kommune \(940 000 009\)/);
    assert.equal(cardText(await typed(h, OFFICER, 'krav')), cardText(list));
    const caseCard = await typed(h, OFFICER, `vis ${real.reference}`);
    assert.match(cardText(caseCard), /Krav om å handle for eieren/);
    assert.match(cardText(caseCard), new RegExp(`${OWNER.aadObjectId} · ${TENANT}`));
    assert.match(cardText(caseCard), /Venter på sekretariatet/);

    // Confirmed from the case card: the officer is back on it, the claim line gone.
    clock.tick(60_000);
    const confirmed = await press(h, OFFICER, caseCard, 'claims.confirm');
    assert.match(cardText(confirmed), /Kari Nordmann er bekreftet for Reell kommune \(940 000 009\)/);
    assert.ok(!cardText(confirmed).includes('Krav om å handle for eieren'));
    // Rejected from the list, after a confirmation that says what the person keeps.
    clock.tick(60_000);
    const fresh = await typed(h, OFFICER, 'krav');
    const reject = await card(h, OFFICER, 'claims.reject', actionData(fresh, 'claims.reject'));
    assert.match(cardText(reject), /Avvise kravet fra Eve Utenfor\?/);
    const rejected = await press(h, OFFICER, reject, 'claims.rejectConfirm');
    assert.match(cardText(rejected), /Kravet fra Eve Utenfor på Reell kommune \(940 000 009\) er avvist/);
    assert.match(cardText(rejected), /Ingen krav venter på sekretariatet/);
    // A second press changes nothing.
    const auditBefore = await people.auditOf(ORGNR);
    assert.match(cardText(await press(h, OFFICER, reject, 'claims.rejectConfirm')), /allerede behandlet/);
    assert.deepEqual(await people.auditOf(ORGNR), auditBefore);

    // Both decisions are audited in the owner's rows, as the secretariat's.
    assert.deepEqual(
      (await people.auditOf(ORGNR)).map((e) => [e.action, e.person.aadObjectId, e.asOfficer]),
      [
        ['rejected', FOREIGN.aadObjectId, true],
        ['confirmed', OWNER.aadObjectId, true],
        ['claimed', OWNER.aadObjectId, false],
        ['claimed', FOREIGN.aadObjectId, false],
      ],
    );
    // Each is told in their own chat.
    await waitForSent(h, 'Du er bekreftet for Reell kommune (940 000 009)');
    await waitForSent(h, 'Kravet ditt på Reell kommune (940 000 009) er avvist');
    // ... and shown to the owner's confirmed people on the colleagues card.
    const colleagues = cardText(await card(h, OWNER, 'colleagues.list', { orgnr: ORGNR }));
    assert.match(colleagues, /Registrert for eieren \(1\)/);
    assert.match(colleagues, /Siri Statsforvalter \(sekretariatet\) bekreftet Kari Nordmann/);
    assert.match(colleagues, /Siri Statsforvalter \(sekretariatet\) avviste kravet fra Eve Utenfor/);
    assert.match(colleagues, /Eve Utenfor sendte inn BM-2027-\d{4} og ba om å handle for eieren/);

    // The confirmed owner now sees every report of the owner, the other's too.
    const ownerList = cardText(await typed(h, OWNER, 'mine meldinger'));
    assert.match(ownerList, /Utenforstående tiltak/);
    assert.match(ownerList, new RegExp(REAL.title));

    // The rejected filer: still nothing of the owner's, their own report read-only.
    assert.deepEqual(leaked(await typed(h, FOREIGN, 'mine meldinger')), []);
    assert.deepEqual(leaked(await card(h, FOREIGN, 'report.open', { reportId: real.reportId })), []);
    const own = await card(h, FOREIGN, 'report.open', { reportId: first.reportId });
    assert.match(cardText(own), /Sekretariatet har avvist at du handler for denne eieren/);
    assert.throws(() => actionData(own, 'report.withdraw'), /no report.withdraw/, 'no Withdraw button');
    for (const verb of ['report.edit', 'report.withdrawConfirm']) {
      assert.match(cardText(await card(h, FOREIGN, verb, { reportId: first.reportId })), /Sekretariatet har avvist/, verb);
    }
    assert.equal((await h.app.services.reports.get(first.roundId, first.reportId))?.status, 'formally_checked', 'not withdrawn');
  });

  it('lets a confirmed person confirm a claimant by adding them as a colleague', async () => {
    const orgnr = '974760673';
    const filed = await submitted(h, OWNER, { owner: { ...GOOD_INPUT.owner, ownerOrgnr: orgnr } });
    await card(h, OFFICER, 'claims.confirm', { orgnr, ...personOf(OWNER) });
    const claimant = { ...FOREIGN, aadObjectId: '00000000-0000-4000-8000-000000000061', name: 'Kim Kollega' };
    await submitted(h, claimant, { owner: { ...GOOD_INPUT.owner, ownerOrgnr: orgnr }, measure: { ...GOOD_INPUT.measure, title: 'Kims tiltak' } });
    assert.equal((await h.app.services.ownerPeople.link(orgnr, personOf(claimant)))?.status, 'pending');
    assert.ok((await h.app.services.ownerPeople.pendingClaims()).some((c) => c.person.aadObjectId === claimant.aadObjectId));
    // Pending: the owner's report is out of reach.
    assert.match(cardText(await card(h, claimant, 'report.open', { reportId: filed.reportId })), /Fant ikke|ikke funnet|finner ikke/i);

    const added = await card(h, OWNER, 'colleagues.add', {
      orgnr,
      person: '',
      aadObjectId: claimant.aadObjectId,
      tenantId: claimant.tenantId,
      displayName: 'Kim',
    });
    assert.match(cardText(added), /Kim er lagt til/);
    assert.equal((await h.app.services.ownerPeople.link(orgnr, personOf(claimant)))?.status, 'confirmed');
    assert.ok(!(await h.app.services.ownerPeople.pendingClaims()).some((c) => c.person.aadObjectId === claimant.aadObjectId), 'off the secretariat’s list');
    assert.match(cardText(await card(h, claimant, 'report.open', { reportId: filed.reportId })), /Lesing i alle fag/);
  });

  it('marks links stored before the rule once at start: confirmed where the secretariat accepted their report (and whom they added), pending otherwise', async () => {
    const orgnr = '970000011';
    const accepted = await submitted(h, OWNER, { owner: { ...GOOD_INPUT.owner, ownerOrgnr: orgnr } });
    await card(h, OFFICER, 'report.checkPass', { roundId: accepted.roundId, reportId: accepted.reportId });
    const unchecked = { ...OWNER, aadObjectId: '00000000-0000-4000-8000-000000000062', name: 'Ulf Usjekket' };
    await submitted(h, unchecked, { owner: { ...GOOD_INPUT.owner, ownerOrgnr: orgnr } });
    const index = h.app.services.tables.client('ReportIndex');
    const addedByOwner = { tenantId: TENANT, aadObjectId: '00000000-0000-4000-8000-000000000063' };
    // As they were stored before the rule: no status, no claims list; the first filer "filed", a colleague added by them.
    for (const [p, addedBy] of [
      [personOf(OWNER), 'filed'],
      [personOf(unchecked), 'filed'],
      [addedByOwner, `${TENANT}:${OWNER.aadObjectId}`],
    ] as const) {
      const key = `${p.tenantId}_${p.aadObjectId}`;
      await index.upsertEntity({ partitionKey: `om_${orgnr}`, rowKey: key, ...p, addedAt: '2026-01-01T00:00:00.000Z', addedBy }, 'Replace');
      await index.upsertEntity({ partitionKey: `m_${key}`, rowKey: orgnr, addedAt: '2026-01-01T00:00:00.000Z', addedBy }, 'Replace');
      await index.deleteEntity('claims', `${orgnr}_${key}`).catch(() => undefined);
    }
    assert.equal(await h.app.services.reports.migrateOwnerLinks(), 3);
    const status = async (p: { tenantId: string; aadObjectId: string }) => (await h.app.services.ownerPeople.link(orgnr, p))?.status;
    assert.deepEqual([await status(personOf(OWNER)), await status(addedByOwner), await status(personOf(unchecked))], ['confirmed', 'confirmed', 'pending']);
    assert.deepEqual(await h.app.services.ownerPeople.ownersOf(addedByOwner), [orgnr]);
    assert.ok((await h.app.services.ownerPeople.pendingClaims()).some((c) => c.orgnr === orgnr && c.person.aadObjectId === unchecked.aadObjectId));
    const audit = (await h.app.services.ownerPeople.auditOf(orgnr)).filter((e) => e.by === 'migration').map((e) => e.action);
    assert.deepEqual(audit.sort(), ['claimed', 'migrated', 'migrated']);
    // Once: a second start marks nothing.
    assert.equal(await h.app.services.reports.migrateOwnerLinks(), 0);
  });
});
