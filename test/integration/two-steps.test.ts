import assert from 'node:assert/strict';
import type { Meeting } from '../../src/domain/forum';
import { FAST_DELIVERY, waitFor } from '../support/delivery';
import { FORUM, grantMember, pressInChannel, member, seedCheckedReport, seedGroupChannel, seedOfficerChat, seedRound } from '../support/forum';
import { cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, type Persona } from '../support/personas';
import { actionData } from '../support/wizard';

/**
 * Two steps, the default: working groups Vest and Oslo recommend, then the forum, seeing each
 * group's recommendation, prioritises; only then can the secretariat decide.
 */
describe('two steps: working groups recommend, the forum prioritises', function () {
  this.timeout(120_000);
  const clock = { now: new Date('2027-03-01T09:00:00Z') };
  let h: Harness;
  const VEST = member(51, 'Vilde Vest');
  const OSLO = member(52, 'Odd Oslo');
  const FORUM_A = member(53, 'Frida Forum');
  const FORUM_B = member(54, 'Fredrik Forum');
  const CHANNELS = { vest: '19:vest@thread.tacv2', oslo: '19:oslo@thread.tacv2', forum: '19:forum@thread.tacv2' };

  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: () => clock.now });
    const s = h.app.services;
    await seedRound(s);
    for (const [group, channel] of Object.entries(CHANNELS)) await seedGroupChannel(s, h.connector.url, group, channel);
    await seedOfficerChat(s, h.connector.url, OFFICER);
    await grantMember(s, VEST, { group: 'vest' });
    await grantMember(s, OSLO, { group: 'oslo' });
    await grantMember(s, FORUM_A, { group: 'forum' });
    await grantMember(s, FORUM_B, { group: 'forum', role: 'chair' });
  });
  after(async () => {
    await h.stop();
  });

  const officer = async (verb: string, data: Record<string, unknown> = {}) => {
    const res = await h.invoke(OFFICER, verb, { verb, ...data });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.value;
  };
  async function meeting(group: string, title: string): Promise<{ meeting: Meeting; editor: any }> {
    const form = await officer('meeting.new');
    const editor = await officer('meeting.create', { ...actionData(form, 'meeting.create'), group, roundId: 'r2027', title, date: '2027-03-12' });
    const id = actionData(editor, 'vote.open').meetingId as string;
    return { meeting: (await h.app.services.meetings.get(FORUM, id))!, editor };
  }
  async function mark(who: Persona, group: keyof typeof CHANNELS, m: Meeting, reportId: string, value: string) {
    const res = await pressInChannel(h, who, CHANNELS[group], 'vote.mark', { meetingId: m.id, reportId, v: m.vote!.id, mark: value });
    assert.match(cardText(res.body.value), /Markeringen din er lagret/);
  }
  const statusOf = async (id: string) => (await h.app.services.reports.get('r2027', id))!.status;

  it('runs two working groups, then the forum, and only then lets the secretariat decide', async () => {
    const s = h.app.services;
    const v1 = await seedCheckedReport(s, { title: 'Vest en' });
    const v2 = await seedCheckedReport(s, { title: 'Vest to' });
    const o1 = await seedCheckedReport(s, { region: 'oslo', title: 'Oslo en' });

    // Step one: each working group votes on its own reports.
    const vest = await meeting('vest', 'Arbeidsgruppe Vest');
    const oslo = await meeting('oslo', 'Arbeidsgruppe Oslo');
    assert.deepEqual([...vest.meeting.order].sort(), [v1.id, v2.id].sort());
    assert.deepEqual(oslo.meeting.order, [o1.id]);
    for (const m of [vest, oslo]) await officer('vote.open', { meetingId: m.meeting.id });
    const vestOpen = (await s.meetings.get(FORUM, vest.meeting.id))!;
    const osloOpen = (await s.meetings.get(FORUM, oslo.meeting.id))!;
    await mark(VEST, 'vest', vestOpen, v1.id, 'prioritise');
    await mark(VEST, 'vest', vestOpen, v2.id, 'not_prioritise');
    await mark(OSLO, 'oslo', osloOpen, o1.id, 'prioritise');
    for (const m of [vest, oslo]) await officer('vote.close', { meetingId: m.meeting.id });

    // The groups' results are recommendations, kept on the reports; no decision yet.
    assert.deepEqual(await Promise.all([v1, v2, o1].map((r) => statusOf(r.id))), ['recommended_by_group', 'recommended_by_group', 'recommended_by_group']);
    const v2Record = await s.reports.get('r2027', v2.id);
    assert.deepEqual(
      [v2Record?.groupRecommendation?.group, v2Record?.groupRecommendation?.outcome, v2Record?.groupRecommendation?.tally],
      ['vest', 'not_recommended', { prioritise: 0, notPrioritise: 1, abstain: 0 }],
    );
    const early = await officer('decision.record', { roundId: 'r2027', reportId: v1.id, outcome: 'granted' });
    assert.match(cardText(early), /har status «Behandlet i arbeidsgruppen»\. Vedtak registreres etter forumets innstilling/);

    // Step two: the forum's default agenda holds every report the groups treated, group by group,
    // each with its group's recommendation.
    const forum = await meeting('forum', 'Samarbeidsforumet');
    assert.deepEqual(forum.meeting.order, [o1.id, v1.id, v2.id], 'Oslo before Vest, by reference within each');
    const editorText = cardText(forum.editor).replace(/\n/g, ' ');
    assert.match(editorText, /Anbefalt av Arbeidsgruppe Oslo \(1 for, 0 imot, 0 avstår\)/);
    assert.match(editorText, /Ikke anbefalt av Arbeidsgruppe Vest \(0 for, 1 imot, 0 avstår\)/);
    await officer('vote.open', { meetingId: forum.meeting.id });
    const forumOpen = (await s.meetings.get(FORUM, forum.meeting.id))!;
    let posted = '';
    await waitFor("the forum's agenda", () => {
      posted =
        h.connector
          .sent()
          .filter((r) => r.path === '/v3/conversations')
          .map((r) => cardText(r.body.activity.attachments[0].content))
          .find((t) => t.includes('Samarbeidsforumet')) ?? '';
      return posted !== '';
    });
    assert.match(posted, /Arbeidsgruppens anbefaling\nAnbefalt av Arbeidsgruppe Vest/);
    // The forum follows Vest on v1, departs from it on v2, and prioritises Oslo's.
    for (const who of [FORUM_A, FORUM_B]) {
      await mark(who, 'forum', forumOpen, v1.id, 'prioritise');
      await mark(who, 'forum', forumOpen, v2.id, 'prioritise');
      await mark(who, 'forum', forumOpen, o1.id, 'not_prioritise');
    }
    await officer('vote.close', { meetingId: forum.meeting.id });
    assert.deepEqual(await Promise.all([v1, v2, o1].map((r) => statusOf(r.id))), ['prioritised', 'prioritised', 'not_prioritised']);

    // Now the secretariat decides on the forum's recommendation.
    await officer('decision.record', { roundId: 'r2027', reportId: v1.id, outcome: 'granted' });
    assert.equal(await statusOf(v1.id), 'granted');
  });

  it("puts a report taken off the forum's agenda back with its group's recommendation", async () => {
    const s = h.app.services;
    const r = await seedCheckedReport(s, { title: 'Tilbake' });
    const vest = await meeting('vest', 'Vest igjen');
    await officer('vote.open', { meetingId: vest.meeting.id });
    await mark(VEST, 'vest', (await s.meetings.get(FORUM, vest.meeting.id))!, r.id, 'prioritise');
    await officer('vote.close', { meetingId: vest.meeting.id });
    const forum = await meeting('forum', 'Forum igjen');
    assert.ok(forum.meeting.order.includes(r.id));
    await officer('meeting.remove', { meetingId: forum.meeting.id, reportId: r.id });
    assert.equal(await statusOf(r.id), 'recommended_by_group');
  });
});
