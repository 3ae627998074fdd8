import assert from 'node:assert/strict';
import { BAR_COLOURS } from '../../src/teams/cards/barColours';
import type { NeedsReport, ReportStatus } from '../../src/domain/report';
import type { Round } from '../../src/domain/round';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { invokeCard, moveTo } from '../support/casework';
import { fakeClock, nowOf } from '../support/clock';
import { FAST_DELIVERY, seedUser, waitDrained } from '../support/delivery';
import { forumOf, needsReport, seedGroupChannel, TEAM } from '../support/forum';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import { publicationKey } from '../../src/domain/results';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { COLLEAGUE, MEMBER, OFFICER, OTHER_OWNER, OWNER, type Persona } from '../support/personas';
import { actionData, cardElements, press } from '../support/wizard';

const ROUND: Round = {
  id: 'r2027',
  year: 2027,
  counties: ['akershus', 'ostfold'],
  deadline: '2027-02-01T22:59:59.999Z',
  status: 'closed',
  budgets: { REKOM: 500_000, DEKOM: 2_000_000, KOMPLOFT: 1_000_000 },
  createdAt: '2026-10-01T00:00:00.000Z',
};
const FORUM_CHANNEL = '19:forum@thread.tacv2';
// Results are published per forum: every report here is Viken's (Akershus and Østfold), so Viken's forum publishes them.
const FORUM = forumOf('vest');
const KEY = publicationKey(ROUND.id, FORUM, DEFAULT_REGIONS.id);

let n = 0;
/** A report of ROUND filed by `who`, moved along `path`. */
async function seeded(h: Harness, who: Persona, overrides: Partial<NeedsReport>, path: ReportStatus[]) {
  const sv = h.app.services;
  const data = needsReport(++n, overrides);
  const reportId = `res-${process.pid}-${n}`;
  const reference = await sv.reports.nextReference(ROUND.id, ROUND.year);
  const by = { tenantId: who.tenantId, aadObjectId: who.aadObjectId };
  await sv.reports.submitNew({ draftId: reportId, roundId: ROUND.id, reference, by, summary: summaryOf(data, sv.regions), data });
  const r = { roundId: ROUND.id, reportId, reference };
  await moveTo(h, r, path);
  return r;
}

async function decide(h: Harness, r: { roundId: string; reportId: string }, inputs: Record<string, string>) {
  const form = await invokeCard(h, OFFICER, 'decision.form', r);
  const done = await press(h, OFFICER, form, 'decision.record', inputs);
  assert.match(cardText(done), /er registrert/, cardText(done));
}

const personalCards = (h: Harness, who: Persona) =>
  h.connector
    .sent()
    .filter((r) => decodeURIComponent(r.path).includes(`a:personal-${who.aadObjectId}/activities`))
    .map((r) => cardOf(r.body));
const channelPosts = (h: Harness) => h.connector.sent().filter((r) => r.path === '/v3/conversations' && r.body?.channelData?.channel?.id === FORUM_CHANNEL);
const results = (cards: any[]) => cards.filter((c) => cardText(c).startsWith('Resultater av innmeldingsrunden 2027'));

describe('round results: published once when every decision is made', function () {
  this.timeout(120_000);
  const clock = fakeClock('2027-04-20T09:00:00Z');
  let h: Harness;
  let a: { roundId: string; reportId: string; reference: string };
  let b: typeof a;
  let c: typeof a;
  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, DEMO_ROUND: '0', BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: nowOf(clock) });
    const sv = h.app.services;
    await sv.rounds.create(ROUND);
    for (const p of [OWNER, OTHER_OWNER, COLLEAGUE, MEMBER, OFFICER]) await seedUser(sv.references, h.connector.url, p.aadObjectId, p.tenantId);
    const prioritised: ReportStatus[] = ['formally_checked', 'on_agenda', 'prioritised'];
    // Akershus DEKOM, two years (1 250 000 kr for 2027–2028, 1 000 000 kr for 2028–2029).
    a = await seeded(h, OWNER, { region: 'asker-baerum', scheme: 'DEKOM' }, prioritised);
    // Østfold REKOM, to be partly granted; Østfold DEKOM, not prioritised, to be rejected.
    b = await seeded(h, OTHER_OWNER, { region: 'ostfold', scheme: 'REKOM', ownerOrgnr: '123456785' }, prioritised);
    c = await seeded(h, OTHER_OWNER, { region: 'ostfold', scheme: 'DEKOM', ownerOrgnr: '123456785' }, ['formally_checked', 'on_agenda', 'not_prioritised']);
    // Withdrawn: neither counted nor told.
    await seeded(h, COLLEAGUE, { region: 'ostfold', scheme: 'KOMPLOFT', ownerOrgnr: '987654325' }, ['withdrawn']);
    // The Oslo owner's people: MEMBER is its colleague now; COLLEAGUE was one and was removed.
    const by = { id: 'test', asOfficer: false };
    const key = (p: Persona) => ({ tenantId: p.tenantId, aadObjectId: p.aadObjectId });
    await sv.ownerPeople.add('123456785', key(MEMBER), by);
    await sv.ownerPeople.add('123456785', key(COLLEAGUE), by);
    await sv.ownerPeople.remove('123456785', key(COLLEAGUE), by);
  });
  after(async () => {
    await h.stop();
  });

  it('refuses to publish while reports on the recommendation wait for a decision, and sends nothing', async () => {
    await decide(h, a, { outcome: 'granted', grant1: '1250000', grant2: '1000000', reason: '' });
    for (const verb of ['results.publish', 'results.publishConfirm']) {
      const card = await invokeCard(h, OFFICER, verb, { roundId: ROUND.id, forum: FORUM });
      assert.match(
        cardText(card),
        /Resultatene for Samarbeidsforum Viken kan ikke publiseres ennå: 2 behovsmeldinger er ikke ferdig behandlet\.\nForumet har gitt innstilling, venter på vedtak \(2\): BM-2027-\d{4}, BM-2027-\d{4}/,
        verb,
      );
    }
    await waitDrained(h.app.services.outbox);
    assert.equal(channelPosts(h).length, 0);
    assert.equal(await h.app.services.results.publication(KEY), undefined);
  });

  it('publishes from the rounds card: the forum channel gets the sums per scheme and county with a bar per scheme, each owner with a decision one message', async () => {
    await decide(h, b, { outcome: 'partly_granted', grant1: '600 000', grant2: '0', reason: 'Rammen er brukt opp.' });
    await decide(h, c, { outcome: 'rejected', reason: 'Ikke prioritert av forumet.' });
    // Decisions complete, but the forum has no channel yet, then a channel in a team without the app.
    const sv = h.app.services;
    const noChannel = await invokeCard(h, OFFICER, 'results.publish', { roundId: ROUND.id, forum: FORUM });
    assert.match(cardText(noChannel), /Samarbeidsforumet har ingen Teams-kanal ennå, så resultatene kan ikke publiseres/);
    await sv.groups.assign({
      forum: FORUM,
      group: 'forum',
      teamId: TEAM,
      channelId: FORUM_CHANNEL,
      assignedBy: 'test',
      assignedAt: '2027-01-01T00:00:00.000Z',
    });
    const notInstalled = await invokeCard(h, OFFICER, 'results.publishConfirm', { roundId: ROUND.id, forum: FORUM });
    assert.match(cardText(notInstalled), /Appen er ikke lagt til i teamet der samarbeidsforumets kanal er/);
    assert.equal(await sv.results.publication(KEY), undefined, 'nothing claimed while refused');
    await seedGroupChannel(sv, h.connector.url, 'forum', FORUM_CHANNEL, FORUM);

    const [reply] = await h.send(OFFICER, 'runder');
    // Two forums: the rounds card's button asks which forum's results to publish, one button each.
    const choice = await press(h, OFFICER, cardOf(reply), 'results.publish');
    assert.match(cardText(choice), /Publiser resultatene for Samarbeidsforum Oslo\nPubliser resultatene for Samarbeidsforum Viken/);
    const preview = await press(h, OFFICER, choice, 'results.publish', { forum: FORUM });
    assert.match(cardText(preview), /Publisere resultatene for 2027\?.*2 eiere som har fått vedtak/s);
    const done = await press(h, OFFICER, preview, 'results.publishConfirm');
    assert.match(cardText(done), /Resultatene for 2027 er publisert i kanalen til samarbeidsforumet og sendt til 2 eiere/);
    await waitDrained(h.app.services.outbox);

    const [post] = channelPosts(h);
    assert.equal(channelPosts(h).length, 1);
    assert.equal(post.body.channelData.team?.id ?? TEAM, TEAM);
    const card = cardOf(post.body.activity);
    const text = cardText(card);
    for (const expected of [
      'Statsforvalteren har fattet vedtak for innmeldingsrunden. Beløpene gjelder skoleåret 2027–2028.',
      'Behovsmeldinger med vedtak\n3',
      'Tiltak innvilget helt eller delvis\n2',
      'Avslått\n1',
      'Innvilget for skoleåret 2027–2028\n1 850 000 kr',
      'Bundet for senere år\n1 000 000 kr',
      'Samlet ramme\n3 500 000 kr',
      'Innvilget 1 250 000 kr av 2 000 000 kr (63 %). Tiltak: 1.',
      'Innvilget 600 000 kr, 100 000 kr over rammen på 500 000 kr. Tiltak: 1.',
      'Innvilget 0 kr av 1 000 000 kr (0 %). Tiltak: 0.',
      'Akershus\n1 250 000 kr. Tiltak: 1.',
      'Østfold\n600 000 kr. Tiltak: 1.',
    ])
      assert.ok(text.includes(expected), `${expected} in:\n${text}`);
    // A bar's part is a plain column (no style, so no padding) holding an image of its colour.
    const colourOf = (col: any) => Object.entries(BAR_COLOURS).find(([, url]) => url === col.items?.[0]?.url)?.[0] ?? col.style;
    // One bar per scheme: DEKOM 63 of 100 used, REKOM's request beyond the budget in red, KOMPLOFT all free.
    const bars = cardElements(card)
      .filter((e) => e.type === 'ColumnSet')
      .map((s) => s.columns.map((col: any) => `${colourOf(col)}:${col.width}`).join(' '));
    assert.deepEqual(bars, ['good:83 attention:17', 'good:63 emphasis:37', 'emphasis:100']);
    assert.ok(Buffer.byteLength(JSON.stringify(post.body)) < 80_000);

    assert.equal(results(personalCards(h, OWNER)).length, 1);
    assert.equal(results(personalCards(h, OTHER_OWNER)).length, 1, 'two reports, one message');
    assert.equal(results(personalCards(h, MEMBER)).length, 1, "the owner's colleague is told too, once");
    assert.equal(results(personalCards(h, COLLEAGUE)).length, 0, 'a removed colleague is not told, nor is a withdrawn report');
    const [owners] = results(personalCards(h, OWNER));
    assert.match(cardText(owners), /Vedtaket for din egen behovsmelding finner du under «Mine meldinger»/);
    assert.deepEqual(actionData(owners, 'report.mine'), { verb: 'report.mine' });
  });

  it('answers a second publication with "already published" and sends nothing again', async () => {
    const before = h.connector.sent().length;
    const again = await invokeCard(h, OFFICER, 'results.publishConfirm', { roundId: ROUND.id, forum: FORUM });
    assert.match(cardText(again), /Resultatene for 2027 ble publisert 20\. april 2027\. De sendes ikke på nytt\./);
    const preview = await invokeCard(h, OFFICER, 'results.publish', { roundId: ROUND.id, forum: FORUM });
    assert.match(cardText(preview), /ble publisert/);
    await waitDrained(h.app.services.outbox);
    assert.equal(h.connector.sent().length, before);
  });

  it("shows owners their own decision per school year under 'mine meldinger' and on the report", async () => {
    const [reply] = await h.send(OWNER, 'mine meldinger');
    assert.match(
      cardText(cardOf(reply)),
      /Vedtak: Innvilget, 1 250 000 kr \(2027–2028\)\. Tilsagn for senere år: 1 000 000 kr\. Det vedtas på nytt i innmeldingsrunden for hvert år\./,
    );
    const [other] = await h.send(OTHER_OWNER, 'mine meldinger');
    assert.match(cardText(cardOf(other)), /Vedtak: Delvis innvilget, 600 000 kr \(2027–2028\)(?!\. Tilsagn)/);
    assert.match(cardText(cardOf(other)), /Vedtak: Avslått/);
    const detail = await invokeCard(h, OWNER, 'report.open', { reportId: a.reportId });
    assert.match(
      cardText(detail),
      /Vedtak\n[\s\S]*Innvilget[\s\S]*Innvilget for 2027–2028\n1 250 000 kr\nTilsagn for 2028–2029 \(vedtas på nytt\)\n1 000 000 kr/,
    );
  });
});
