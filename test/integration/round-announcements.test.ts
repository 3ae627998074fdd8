import assert from 'node:assert/strict';
import { newAnnouncementJob } from '../../src/domain/announcement';
import type { Round } from '../../src/domain/round';
import { JobState } from '../../src/storage/jobState';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { FAST_DELIVERY, seedUser, waitDrained } from '../support/delivery';
import { fakeClock, nowOf } from '../support/clock';
import { needsReport } from '../support/forum';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { COLLEAGUE, FOREIGN, MEMBER, OFFICER, OTHER_OWNER, OWNER, TENANT, type Persona } from '../support/personas';
import { actionData, press } from '../support/wizard';

// Last year's round, closed, over every county; this year's covers Akershus and Buskerud only.
const LAST: Round = {
  id: 'r2027',
  year: 2027,
  counties: ['oslo', 'akershus', 'ostfold', 'buskerud'],
  deadline: '2027-02-01T22:59:59.999Z',
  status: 'closed',
  budgets: { REKOM: 40_000_000, DEKOM: 90_000_000, KOMPLOFT: 30_000_000 },
  createdAt: '2026-10-01T00:00:00.000Z',
};
const NEXT: Round = {
  ...LAST,
  id: 'r2028',
  year: 2028,
  counties: ['akershus', 'buskerud'],
  deadline: '2028-02-01T22:59:59.999Z',
  status: 'planned',
  budgets: { REKOM: 12_500_000, DEKOM: 70_000_000, KOMPLOFT: 9_000_000 },
};

// Who is who: a drafter for an Akershus owner, a filer for an Akershus owner, an Oslo owner's filer,
// a newcomer with the app installed, and a newcomer in another tenant.
const DRAFTER = OWNER;
const FILER = COLLEAGUE;
const OSLO_FILER = OTHER_OWNER;
const INSTALLER = MEMBER;
const FOREIGN_INSTALLER = FOREIGN;

/** Proactive messages that reached a person's personal chat, as their cards' texts. */
function personalCards(h: Harness, who: Persona): string[] {
  return h.connector
    .sent()
    .filter((r) => decodeURIComponent(r.path).includes(`a:personal-${who.aadObjectId}/activities`))
    .map((r) => cardText(cardOf(r.body)));
}
const announcementsTo = (h: Harness, who: Persona) => personalCards(h, who).filter((c) => c.startsWith('Innmeldingsrunden for 2028 er åpnet'));

let n = 0;
async function filed(h: Harness, who: Persona, region: string): Promise<void> {
  const sv = h.app.services;
  const data = needsReport(++n, { region, ownerOrgnr: region === 'oslo' ? '123456785' : '974760673' });
  const draftId = `ann-${process.pid}-${n}`;
  const reference = await sv.reports.nextReference(LAST.id, LAST.year);
  const by = { tenantId: who.tenantId, aadObjectId: who.aadObjectId };
  await sv.reports.submitNew({ draftId, roundId: LAST.id, reference, by, summary: summaryOf(data, sv.regions), data });
}

/** Ticks the scheduler until the round's announcement has walked every page (the round-open job's, or one the tick started). */
async function announce(h: Harness, roundId: string): Promise<void> {
  for (let i = 0; i < 20 && !(await h.app.services.announcements.get(roundId))?.done; i++) await h.app.scheduler.tick();
  assert.equal((await h.app.services.announcements.get(roundId))?.done, true, 'the job walked every page');
  await waitDrained(h.app.services.outbox);
}

describe('round announcements: an opened round is announced once to each person it concerns', function () {
  this.timeout(120_000);
  const clock = fakeClock('2026-11-10T10:00:00Z');
  let h: Harness;
  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, DEMO_ROUND: '0', BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: nowOf(clock) });
    const sv = h.app.services;
    await sv.rounds.create(LAST);
    await sv.rounds.create(NEXT);
    for (const p of [DRAFTER, FILER, OSLO_FILER, INSTALLER, FOREIGN_INSTALLER]) await seedUser(sv.references, h.connector.url, p.aadObjectId, p.tenantId);
    // Last year's unsent draft for an owner in Asker og Bærum (Akershus).
    await sv.drafts.create(
      { tenantId: DRAFTER.tenantId, aadObjectId: DRAFTER.aadObjectId },
      LAST.id,
      { report: { ownerName: 'Asker kommune', region: 'asker-baerum' }, raw: {} },
      { id: 'draft-last-year', step: 2 },
    );
    await filed(h, FILER, 'romerike');
    await filed(h, OSLO_FILER, 'oslo');
  });
  after(async () => {
    await h.stop();
  });

  it('promises the notice to someone who finds no open round, and keeps the promise', async () => {
    const [reply] = await h.send(INSTALLER, 'meld behov');
    assert.match(cardText(cardOf(reply)), /Det er ingen åpen innmeldingsrunde nå.*Du får en melding her i chatten når neste innmeldingsrunde åpner/s);
    assert.equal(announcementsTo(h, INSTALLER).length, 0);

    // The press runs the round-open job (the harness waits for it): the answer has its figures.
    const opened = await h.invoke(OFFICER, 'round.open', { roundId: NEXT.id });
    const text = cardText(opened.body.value);
    assert.match(text, /Innmeldingsrunde 2028 er åpnet/);
    assert.match(text, /Kunngjøringen er sendt til 4 personer med appen i personlig chat som hører til innmeldingsrundens fylker\./);
    assert.equal((await h.app.services.announcements.get(NEXT.id))?.queued, 4);

    await announce(h, NEXT.id);
    const [card] = announcementsTo(h, INSTALLER);
    assert.ok(card, personalCards(h, INSTALLER).join('\n---\n'));
    for (const expected of [
      'Akershus, Buskerud',
      'Fristen er 1. februar 2028 kl. 23:59',
      'Ramme for skoleåret 2028–2029, Regional ordning (barnehage)\n12 500 000 kr',
      'Ramme for skoleåret 2028–2029, Desentralisert ordning (skole)\n70 000 000 kr',
      'Ramme for skoleåret 2028–2029, Kompetanseløftet\n9 000 000 kr',
      'Meld behov',
    ])
      assert.ok(card.includes(expected), `${expected} in:\n${card}`);
  });

  it('tells the drafter, the filer, the installer and another tenant once each, and nobody whose owners are all in other counties', async () => {
    for (const who of [DRAFTER, FILER, INSTALLER, FOREIGN_INSTALLER]) assert.equal(announcementsTo(h, who).length, 1, who.name);
    assert.equal(announcementsTo(h, OSLO_FILER).length, 0, 'an Oslo owner is not told of a round for Akershus and Buskerud');
    assert.equal(personalCards(h, OSLO_FILER).length, 0);
  });

  it('opens the report dialog from the announcement', async () => {
    const sent = h.connector.sent().find((r) => decodeURIComponent(r.path).includes(`a:personal-${INSTALLER.aadObjectId}/activities`))!;
    assert.deepEqual(actionData(cardOf(sent.body), 'report.new'), { verb: 'report.new' });
    const step = await press(h, INSTALLER, cardOf(sent.body), 'report.new');
    assert.match(cardText(step), /Eier og ordning/);
  });

  it('sends nothing twice: pressing open again, the announcement started again from the start by the scheduler (a crash before it was marked done)', async () => {
    const before = h.connector.sent().length;
    const again = await h.invoke(OFFICER, 'round.open', { roundId: NEXT.id });
    assert.match(cardText(again.body.value), /Innmeldingsrunden er allerede åpen/);
    await h.app.scheduler.tick();
    // The announcement's record set back to not done, as if the instance died before the job started.
    await new JobState(h.app.services.tables).update('announce', NEXT.id, () => newAnnouncementJob(NEXT.id, `${TENANT}:${OFFICER.aadObjectId}`, new Date()));
    await Promise.all([h.app.scheduler.tick(), h.app.scheduler.tick()]);
    await announce(h, NEXT.id);
    assert.equal(h.connector.sent().length, before, 'no second announcement to anyone');
    for (const who of [DRAFTER, FILER, INSTALLER, FOREIGN_INSTALLER]) assert.equal(announcementsTo(h, who).length, 1, who.name);
  });

  it('does not announce a round again when it is closed early and opened again', async () => {
    const before = h.connector.sent().length;
    const closed = await h.invoke(OFFICER, 'round.closeConfirm', { roundId: NEXT.id });
    assert.match(cardText(closed.body.value), /Innmeldingsrunde 2028 er stengt/);
    const reopened = await h.invoke(OFFICER, 'round.open', { roundId: NEXT.id });
    const text = cardText(reopened.body.value);
    assert.match(text, /Innmeldingsrunde 2028 er åpnet/);
    assert.doesNotMatch(text, /Kunngjøringen er sendt/, 'nobody is announced to again');
    await waitDrained(h.app.services.outbox);
    assert.equal(h.connector.sent().length, before);
  });
});
