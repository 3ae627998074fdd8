import assert from 'node:assert/strict';
import { parseCsv } from '../support/parseCsv';
import { MAX_AGENDA_ITEMS, type Mark } from '../../src/domain/forum';
import { LIMITS } from '../../src/domain/report';
import { MAX_ORGANISATIONS } from '../../src/domain/secretariat/role-input';
import { MAX_ACTIVITY_BYTES, activityBytes } from '../../src/teams/cards/budget';
import { fakeClock, nowOf } from '../support/clock';
import { FAST_DELIVERY, waitFor } from '../support/delivery';
import { voterKey } from '../../src/storage/votes';
import { UNDECIDED_PAGE } from '../../src/teams/forum/undecidedCards';
import {
  CHANNEL,
  FORUM,
  TEAM,
  grantMember,
  meetingThroughForm,
  member,
  officerPresses,
  pressInChannel,
  seedCheckedReport,
  seedGroupChannel,
  seedOfficerChat,
  seedRound,
  ROUND,
  SEEDED_FORUM,
} from '../support/forum';
import { seedChannel, seedUser } from '../support/delivery';
import { moveTo } from '../support/casework';
import { MAX_DECISION_REASON } from '../../src/domain/decision';
import { cardText, startHarness, type Harness } from '../support/harness';
import { maxPlainText, maxText, validOrgnrs } from '../support/maxReport';
import { OFFICER, OWNER, type Persona } from '../support/personas';
import { actionData, cardElements, inputsOf } from '../support/wizard';

// The forum's cards at their maximum (card-size.test.ts covers the report's own cards and the
// paged lists): the agenda of a meeting holding the most items an agenda may, every part of it as
// posted and as updated in place, in nb, nn and en; and the voting card of an item at its longest
// with every elector's mark in, as each language's member sees it.

const CARD = 'application/vnd.microsoft.card.adaptive';
const LOCALES = ['nb-NO', 'nn-NO', 'en-US'] as const;

/** The largest size seen per card kind, and the language it was in (the numbers docs/security.md quotes). */
const largest = new Map<string, { bytes: number; lang: string }>();
/** The language of the card being checked, set by each language's loop. */
let lang = '';
function fits(kind: string, payload: unknown): number {
  const bytes = activityBytes(payload);
  if (bytes > (largest.get(kind)?.bytes ?? 0)) largest.set(kind, { bytes, lang });
  assert.ok(bytes <= MAX_ACTIVITY_BYTES, `${kind}: ${bytes} bytes as UTF-16, over ${MAX_ACTIVITY_BYTES}`);
  return bytes;
}
const report = (filter: RegExp) =>
  [...largest]
    .filter(([k]) => filter.test(k))
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([k, v]) => `  ${(v.bytes / 1024).toFixed(1).padStart(6)} KB  ${k}${v.lang ? ` (largest in ${v.lang})` : ''}`)
    .join('\n');

const cardIn = (activity: any) => activity?.attachments?.find((a: any) => a.contentType === CARD)?.content;

/** A report at its longest as the agenda and voting card show it: owner, title, partner and network. */
const longest = (network: string[]) => ({
  ownerName: maxText(LIMITS.ownerName),
  title: maxText(LIMITS.title),
  uhName: maxText(LIMITS.uhName),
  uhContact: maxText(LIMITS.uhContact),
  network: network.map((orgnr) => ({ name: maxText(LIMITS.orgName), orgnr })),
});

describe("the forum's cards fit in Teams (80 KB as UTF-16), at their maximum", function () {
  this.timeout(900_000);
  const clock = fakeClock('2027-03-01T09:00:00Z');
  let h: Harness;
  /** The full agenda of the first test, voted on (with no marks) in the third. */
  let full = '';
  const network = validOrgnrs(LIMITS.network.maxLines);

  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, FORUM_RULES: '{"steps":"one"}' }, { now: nowOf(clock) });
    const s = h.app.services;
    await seedRound(s);
    await seedGroupChannel(s, h.connector.url);
    await seedOfficerChat(s, h.connector.url, OFFICER);
  });
  after(async () => {
    await h?.stop();
    console.log(`    largest card of each kind, as UTF-16:
${report(/./)}`);
  });

  /** Every agenda card the fake Teams got (posted or replaced), with its part. */
  const agendaActivities = (title: string) =>
    [...h.connector.sent().map((r) => r.body?.activity ?? r.body), ...h.connector.updated().map((r) => r.body)].filter((a) => {
      const card = cardIn(a);
      return card && cardText(card).includes(title) && !JSON.stringify(card).includes('vote.mark');
    });

  it(`the agenda of ${MAX_AGENDA_ITEMS} items at their longest: every part posted and updated within the budget, in nb, nn and en, every item on one part`, async () => {
    const s = h.app.services;
    const press = officerPresses(h, OFFICER);
    for (let i = 0; i < MAX_AGENDA_ITEMS; i++) await seedCheckedReport(s, longest(network.slice(0, 3)));
    const title = maxPlainText(200);
    const meeting = await meetingThroughForm(h, press, { group: 'vest', title });
    assert.equal(meeting.order.length, MAX_AGENDA_ITEMS, 'the agenda is full');
    full = meeting.id;

    for (const [i, tag] of LOCALES.entries()) {
      lang = tag;
      // The channel's language, as Teams told it at install.
      await seedChannel(s.references, h.connector.url, TEAM, CHANNEL);
      const stored = (await s.references.get('channel', '', CHANNEL, TEAM))!;
      await s.references.save({ ...stored, locale: tag });
      const already = agendaActivities(title).length;
      if (i === 0) await press('meeting.post', { meetingId: meeting.id });
      else await press('meeting.move', { meetingId: meeting.id, reportId: meeting.order[0], to: i === 1 ? 'down' : 'up' });
      const parts = (await s.meetings.get(FORUM, meeting.id))!.posted!.parts;
      assert.ok(parts > 1, 'the agenda is split into parts');
      await waitFor(`${parts} agenda parts in ${tag}`, () => agendaActivities(title).length >= already + parts, 120_000);
      const seen = agendaActivities(title).slice(already);
      const references = new Set<string>();
      for (const activity of seen) {
        fits('agenda part', activity);
        for (const m of cardText(cardIn(activity)).matchAll(/BM-2027-\d{4}/g)) references.add(m[0]);
      }
      assert.equal(references.size, MAX_AGENDA_ITEMS, `${tag}: every item on one of the ${parts} parts`);
      // The officer's editor of the same agenda (paged), first and last page.
      const editor = await h.invoke({ ...OFFICER, locale: tag }, 'meeting.show', { meetingId: meeting.id });
      assert.equal(editor.body.type, CARD);
      fits("officer's agenda editor", editor.body);
    }
  });

  it("the voting card of an item at its longest, every elector's mark in (the owner's people barred), within the budget in nb, nn and en", async () => {
    const s = h.app.services;
    const press = officerPresses(h, OFFICER);
    // Take the full agenda off the group: a fresh meeting holds the one new item.
    const electors: Persona[] = Array.from({ length: 80 }, (_, n) => ({ ...member(500 + n, maxPlainText(200)), locale: LOCALES[n % 3] }));
    for (const [n, who] of electors.entries())
      await grantMember(s, who, { organisations: n % 10 === 0 ? network.slice(0, 20) : [], role: n === 0 ? 'chair' : 'member' });
    const report = await seedCheckedReport(s, { ...longest(network), ownerOrgnr: '974760673' });
    const meeting = await meetingThroughForm(h, press, { group: 'vest', title: maxPlainText(200) });
    assert.ok(meeting.order.includes(report.id));
    await press('vote.open', { meetingId: meeting.id });
    let posted: any;
    await waitFor(
      'the voting card',
      () => {
        posted = h.connector
          .sent()
          .map((r) => cardIn(r.body))
          .find((c) => c && cardText(c).includes(report.reference) && JSON.stringify(c).includes('vote.mark'));
        return posted !== undefined;
      },
      120_000,
    );
    lang = 'nb-NO'; // the channel's
    fits('voting card (posted)', { type: 'message', attachments: [{ contentType: CARD, content: posted }] });
    const markData = (card: any, mark: Mark) =>
      cardElements(card).find((e) => e.type === 'Action.Execute' && e.verb === 'vote.mark' && e.data?.mark === mark)?.data;
    const marks: Mark[] = ['prioritise', 'not_prioritise', 'abstain', 'conflict'];
    let seen = posted;
    for (const [n, who] of electors.entries()) {
      const data = markData(seen, marks[n % 4]) ?? markData(posted, marks[n % 4]);
      const res = await pressInChannel(h, who, CHANNEL, 'vote.mark', data);
      assert.equal(res.status, 200);
      assert.equal(res.body.type, CARD, JSON.stringify(res.body).slice(0, 300));
      lang = who.locale ?? '';
      fits('voting card', res.body);
      seen = res.body.value;
    }
    for (const tag of LOCALES) {
      lang = tag;
      const who = electors.find((e) => e.locale === tag)!;
      const res = await pressInChannel(h, who, CHANNEL, 'vote.refresh', posted.refresh.action.data);
      assert.equal(res.body.type, CARD);
      fits('voting card', res.body);
      assert.match(cardText(res.body.value), new RegExp(report.reference));
    }
  });

  it(`closed with no marks, all ${MAX_AGENDA_ITEMS} items undecided: the recommendation sent, the recommendation card, its CSV card and every page of the undecided list within the budget in nb, nn and en`, async () => {
    const s = h.app.services;
    const press = officerPresses(h, OFFICER);
    await press('vote.open', { meetingId: full });
    assert.doesNotMatch(cardText(await press('vote.close', { meetingId: full })), /Noe gikk galt/);
    // Queued means within the budget (deliver refuses more); the same card is checked below on demand in each language.
    assert.ok(await s.outbox.get(`recommendation:${full}:${voterKey(OFFICER)}`), 'the recommendation was queued for the officer');
    for (const tag of LOCALES) {
      lang = tag;
      const officer = { ...OFFICER, locale: tag };
      // The CSV is a file behind a link: a small card, and every item in the file.
      const csv = await h.invoke(officer, 'meeting.csv', { meetingId: full });
      fits('recommendation CSV card', csv.body);
      const link = cardElements(csv.body.value).find((e) => e.type === 'Action.OpenUrl');
      assert.equal(parseCsv(await (await fetch(link.url)).text()).length, MAX_AGENDA_ITEMS + 1, 'the header and every item in the file');
      for (const [verb, kind] of [['meeting.recommendation', 'recommendation card']] as const) {
        const res = await h.invoke(officer, verb, { meetingId: full });
        assert.equal(res.body.type, CARD, `${kind}: ${JSON.stringify(res.body).slice(0, 300)}`);
        fits(kind, res.body);
        assert.match(cardText(res.body.value), /BM-2027-\d{4}/);
        // Cut to fit, it says how many more and where they all are.
        assert.match(
          cardText(res.body.value),
          /(og|and) \d+ (til|more) \((alle står i eksporten av innmeldingsrunden|the filing round’s export holds them all)\)/,
        );
        assert.ok(
          cardElements(res.body.value).some((e) => e.type === 'Action.Execute' && e.verb === 'export.round'),
          'the export one press away',
        );
      }
      const pages: any[] = [];
      for (let page = 0; ; page++) {
        const res = await h.invoke(officer, 'undecided.list', { meetingId: full, ...(page ? { page } : {}) });
        assert.equal(res.body.type, CARD, `undecided list: ${JSON.stringify(res.body).slice(0, 300)}`);
        fits('undecided list', res.body);
        pages.push(res.body.value);
        if (!cardElements(res.body.value).some((e) => e.type === 'Action.Execute' && e.verb === 'undecided.list' && e.data?.page === page + 1)) break;
      }
      assert.equal(pages.length, Math.ceil(MAX_AGENDA_ITEMS / UNDECIDED_PAGE), `${tag}: the list pages`);
      const shown = new Set(pages.flatMap((p) => [...cardText(p).matchAll(/BM-2027-\d{4}/g)].map((m) => m[0])));
      assert.equal(shown.size, MAX_AGENDA_ITEMS, 'every undecided item on one page');
    }
  });

  it('the rounds card with a round for every year the schema allows (all counties, largest budgets), the overview, the export card and the delivery status of this full round: within the budget in nb, nn and en', async () => {
    const s = h.app.services;
    const counties = [...new Set(s.regions.regions.map((r) => r.county))];
    for (let year = 2020; year <= 2100; year++) {
      if (year === ROUND.year) continue;
      await s.rounds.create({
        ...ROUND,
        id: `runde-${year}-${'x'.repeat(28)}`,
        year,
        counties,
        status: year % 3 ? 'closed' : 'planned',
        budgets: { REKOM: 999_999_999_999, DEKOM: 999_999_999_999, KOMPLOFT: 999_999_999_999 },
      });
    }
    for (const tag of LOCALES) {
      lang = tag;
      const officer = { ...OFFICER, locale: tag };
      for (const [text, kind] of [
        ['runder', 'rounds card'],
        ['oversikt', 'overview'],
        ['leveringsstatus', 'delivery status'],
      ] as const) {
        const replies = await h.send(officer, text);
        assert.equal(replies[0]?.attachments?.[0]?.contentType, CARD, `${kind}: ${replies[0]?.text}`);
        for (const r of replies) fits(kind, r);
      }
      // The rounds card pages: every round on one page.
      const ids = new Set<string>();
      for (let page = 0; ; page++) {
        const res = await h.invoke(officer, 'round.list', page ? { page } : {});
        assert.equal(res.body.type, CARD, `rounds card: ${JSON.stringify(res.body).slice(0, 300)}`);
        fits('rounds card', res.body);
        for (const e of cardElements(res.body.value)) if (e.type === 'Action.Execute' && typeof e.data?.roundId === 'string') ids.add(e.data.roundId);
        if (!cardElements(res.body.value).some((e) => e.type === 'Action.Execute' && e.verb === 'round.list' && e.data?.page === page + 1)) break;
      }
      const all = (await s.rounds.list()).map((r) => r.id);
      assert.ok(all.length > 80);
      assert.deepEqual(
        all.filter((id) => !ids.has(id)),
        [],
        `${tag}: every round on one of the pages`,
      );
      const exported = await h.invoke(officer, 'export.round', { roundId: ROUND.id });
      assert.equal(exported.body.type, CARD, JSON.stringify(exported.body).slice(0, 300));
      fits('export card', exported.body);
    }
  });

  it(`mine data of the person who filed all ${MAX_AGENDA_ITEMS} reports, and of an elector with marks and a role with many organisations: within the budget in nb, nn and en`, async () => {
    const s = h.app.services;
    const elector = member(500, maxPlainText(200));
    // More roles: a member of every working group, each grant with many organisations.
    for (const g of s.regions.workingGroups) await grantMember(s, elector, { group: g.id, organisations: network.slice(0, MAX_ORGANISATIONS) });
    for (const tag of LOCALES) {
      lang = tag;
      for (const who of [OWNER, elector]) {
        const replies = await h.send({ ...who, locale: tag }, 'mine data');
        assert.equal(replies[0]?.attachments?.[0]?.contentType, CARD, `mine data: ${replies[0]?.text}`);
        for (const r of replies) fits('mine data', r);
        const text = cardText(replies[0].attachments[0].content);
        if (who === OWNER) {
          const more = /(?:og|and) (\d+) (?:til|more)/.exec(text);
          assert.ok(more && Number(more[1]) + 30 >= MAX_AGENDA_ITEMS, 'the first 30 reports filed, and how many more');
          assert.ok(
            cardElements(replies[0].attachments[0].content).some((e) => e.type === 'Action.Execute' && e.verb === 'report.mine'),
            'every report one press away',
          );
        }
      }
    }
  });
});

// Proactive messages to owners, on a stack of their own (the one above has hundreds of cards queued).
describe('messages to owners fit in Teams (80 KB as UTF-16), at their maximum', function () {
  this.timeout(300_000);
  const clock = fakeClock('2027-03-01T09:00:00Z');
  let h: Harness;
  const network = validOrgnrs(LIMITS.network.maxLines);
  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, DEMO_ROUND: '0', BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: nowOf(clock) });
    await seedRound(h.app.services);
  });
  after(async () => {
    await h?.stop();
    console.log(`    largest of each kind, as UTF-16:
${report(/notice|decision|results|announcement|round opened/)}`);
  });

  it('the decision notice with the longest reason on the longest report, as the owner gets it in nb, nn and en', async () => {
    const s = h.app.services;
    await seedUser(s.references, h.connector.url, OWNER.aadObjectId);
    const chat = (await s.references.personal(OWNER.tenantId, OWNER.aadObjectId))!;
    for (const tag of LOCALES) {
      lang = tag;
      await s.references.save({ ...chat, locale: tag });
      const report = await seedCheckedReport(s, longest(network));
      const at = { roundId: ROUND.id, reportId: report.id };
      await moveTo(h, at, ['on_agenda', 'prioritised']);
      const form = (await h.invoke(OFFICER, 'decision.form', at)).body.value;
      const amounts = Object.fromEntries(
        Object.entries(inputsOf(form))
          .filter(([id]) => /^grant\d$/.test(id))
          .map(([id, input]) => [id, input.value]),
      );
      const done = await h.invoke(OFFICER, 'decision.record', {
        ...actionData(form, 'decision.record'),
        outcome: 'granted',
        reason: maxText(MAX_DECISION_REASON),
        ...amounts,
      });
      assert.equal(done.body.type, CARD);
      fits('case card after the decision', done.body);
      await waitFor(
        `the decision notice in ${tag}`,
        () => h.connector.sent().some((r) => JSON.stringify(r.body).includes(report.reference) && cardIn(r.body)),
        60_000,
      );
      const notice = h.connector.sent().find((r) => JSON.stringify(r.body).includes(report.reference) && cardIn(r.body))!;
      fits('decision notice', notice.body);
      assert.match(cardText(cardIn(notice.body)), /Z/, 'the reason reached the owner');
    }
  });

  it("the results of the round (every decision made): the preview in nb, nn and en, the forum channel's post and the owner's message within the budget", async () => {
    const s = h.app.services;
    const FORUM_CHANNEL = '19:forum@thread.tacv2';
    // Results go out per forum: the seeded reports are the forum SEEDED_FORUM's.
    await s.groups.assign({
      forum: SEEDED_FORUM,
      group: 'forum',
      teamId: TEAM,
      channelId: FORUM_CHANNEL,
      assignedBy: 'test',
      assignedAt: '2027-01-01T00:00:00.000Z',
    });
    await seedGroupChannel(s, h.connector.url, 'forum', FORUM_CHANNEL);
    for (const tag of LOCALES) {
      lang = tag;
      const preview = await h.invoke({ ...OFFICER, locale: tag }, 'results.publish', { roundId: ROUND.id, forum: SEEDED_FORUM });
      assert.equal(preview.body.type, CARD);
      fits('results preview', preview.body);
      assert.ok(
        cardElements(preview.body.value).some((e) => e.verb === 'results.publishConfirm'),
        `${tag}: the preview offers to publish`,
      );
    }
    const done = await h.invoke(OFFICER, 'results.publishConfirm', { roundId: ROUND.id, forum: SEEDED_FORUM });
    assert.equal(done.body.type, CARD);
    lang = 'nb-NO';
    fits('results preview', done.body);
    const posted = () => h.connector.sent().filter((r) => r.path === '/v3/conversations' && r.body?.channelData?.channel?.id === FORUM_CHANNEL);
    const toOwner = () =>
      h.connector
        .sent()
        .filter(
          (r) =>
            decodeURIComponent(r.path).includes(`a:personal-${OWNER.aadObjectId}/activities`) &&
            /report\.mine/.test(JSON.stringify(r.body)) &&
            !/BM-/.test(JSON.stringify(r.body)),
        );
    await waitFor('the results posted and sent', () => posted().length > 0 && toOwner().length > 0, 60_000);
    fits('results (forum channel)', posted()[0].body);
    lang = 'en-US'; // the owner's chat, set last above
    fits('results (owner)', toOwner()[0].body);
  });

  it('the announcement of a round opened for every county with the largest budgets, as a filer gets it', async () => {
    const s = h.app.services;
    const counties = [...new Set(s.regions.regions.map((r) => r.county))];
    const big = 999_999_999_999;
    await s.rounds.create({
      ...ROUND,
      id: 'r2028',
      year: 2028,
      counties,
      status: 'planned',
      deadline: '2028-02-01T22:59:59.999Z',
      budgets: { REKOM: big, DEKOM: big, KOMPLOFT: big },
    });
    const opened = await h.invoke(OFFICER, 'round.open', { roundId: 'r2028' });
    assert.equal(opened.body.type, CARD);
    lang = 'nb-NO';
    fits('round opened (officer)', opened.body);
    for (let i = 0; i < 20 && !(await s.announcements.get('r2028'))?.done; i++) await h.app.scheduler.tick();
    assert.equal((await s.announcements.get('r2028'))?.done, true);
    const announced = () =>
      h.connector
        .sent()
        .filter(
          (r) =>
            decodeURIComponent(r.path).includes(`a:personal-${OWNER.aadObjectId}/activities`) &&
            /2028/.test(JSON.stringify(r.body)) &&
            /report\.new/.test(JSON.stringify(r.body)),
        );
    await waitFor('the announcement to the filer', () => announced().length > 0, 60_000);
    lang = 'en-US'; // the owner's chat
    fits('round announcement', announced()[0].body);
  });

  it('a hand-made decision press with a 100 000-character reason and amounts gets the form back, cut to fit, with the error and nothing recorded', async () => {
    const s = h.app.services;
    const report = await seedCheckedReport(s, longest(network));
    const at = { roundId: ROUND.id, reportId: report.id };
    await moveTo(h, at, ['on_agenda', 'prioritised']);
    const form = (await h.invoke(OFFICER, 'decision.form', at)).body.value;
    const amounts = Object.fromEntries(
      Object.keys(inputsOf(form))
        .filter((id) => /^grant\d$/.test(id))
        .map((id) => [id, '9'.repeat(50_000)]),
    );
    lang = 'nb-NO';
    const res = await h.invoke(OFFICER, 'decision.record', {
      ...actionData(form, 'decision.record'),
      outcome: 'granted',
      reason: 'x'.repeat(100_000),
      ...amounts,
    });
    assert.equal(res.body.type, CARD, JSON.stringify(res.body).slice(0, 300));
    fits('decision form (hand-made press)', res.body);
    assert.equal(inputsOf(res.body.value).reason.value.length, 2 * MAX_DECISION_REASON, 'the typed reason comes back cut at twice its limit');
    assert.equal((await s.reports.get(ROUND.id, report.id))!.status, 'prioritised', 'nothing recorded');
  });
});
