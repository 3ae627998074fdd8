import assert from 'node:assert/strict';
import type { Meeting } from '../../src/domain/forum';
import { FAST_DELIVERY } from '../support/delivery';
import {
  FORUM,
  forumOf,
  grantMember,
  meetingThroughForm,
  member,
  officerPresses,
  pressInChannel,
  seedCheckedReport,
  seedGroupChannel,
  seedOfficerChat,
  seedRound,
} from '../support/forum';
import { cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, type Persona } from '../support/personas';
import { actionData, inputsOf } from '../support/wizard';

/**
 * Issue 12 item 5, per forum: FORUM_RULES is the default; an officer sets the rules of the forum
 * or of one working group in Teams (stored with a revision, audited). Working groups Vest (the
 * default rules) and Oslo (its own) get the same marks and tally them differently; a vote is
 * counted by the rules in force when it opened.
 */
describe('voting rules per forum and working group, set in Teams', function () {
  this.timeout(120_000);
  const clock = { now: new Date('2027-03-01T09:00:00Z') };
  let h: Harness;
  const CHANNELS = { vest: '19:vest@thread.tacv2', oslo: '19:oslo@thread.tacv2' } as const;
  const people = {
    vest: [member(71, 'Vera'), member(72, 'Vidar'), member(73, 'Vigdis Leder')],
    oslo: [member(74, 'Olga'), member(75, 'Ove'), member(76, 'Oda Leder')],
  };

  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: () => clock.now });
    const s = h.app.services;
    await seedRound(s);
    await seedOfficerChat(s, h.connector.url, OFFICER);
    for (const group of ['vest', 'oslo'] as const) {
      await seedGroupChannel(s, h.connector.url, group, CHANNELS[group]);
      for (const [i, p] of people[group].entries()) await grantMember(s, p, { group, role: i === 2 ? 'chair' : 'member' });
    }
  });
  after(async () => {
    await h.stop();
  });

  const officer = (verb: string, data: Record<string, unknown> = {}) => officerPresses(h, OFFICER)(verb, data);
  const flat = (card: any) => cardText(card).replace(/\n/g, ' ');
  async function meeting(group: 'vest' | 'oslo'): Promise<Meeting> {
    const made = await meetingThroughForm(h, officer, { group, title: `Møte ${group}` });
    await officer('vote.open', { meetingId: made.id });
    return (await h.app.services.meetings.get(FORUM, made.id))!;
  }
  async function mark(who: Persona, group: 'vest' | 'oslo', m: Meeting, reportId: string, value: string) {
    const res = await pressInChannel(h, who, CHANNELS[group], 'vote.mark', { meetingId: m.id, reportId, v: m.vote!.id, mark: value });
    assert.match(cardText(res.body.value), /Markeringen din er lagret/);
  }

  it("stores a working group's rules from the officer's form, refuses a stale form, and keeps who changed what", async () => {
    const s = h.app.services;
    const list = (await h.send(OFFICER, 'regler'))[0].attachments[0].content;
    const listText = flat(list);
    assert.match(listText, /^Avstemningsregler/);
    assert.match(listText, /Samarbeidsforum Viken To trinn: arbeidsgruppene anbefaler, forumet prioriterer\. Regler: beslutningsdyktig når flere enn 50 %/);
    assert.match(listText, /Arbeidsgruppe Oslo Regler: .* flertall av anbefal mot ikke anbefal, .* som forumet/);

    const form = await officer('rules.form', { group: 'oslo' });
    assert.match(flat(form), /^Avstemningsregler: Arbeidsgruppe Oslo/);
    assert.equal(inputsOf(form).steps, undefined, "steps are the forum's alone");
    assert.equal(inputsOf(form).quorumPercent.value, '50');
    const save = { ...actionData(form, 'rules.save'), quorumPercent: '0', consensus: 'noObjection', tieBreak: 'undecided' };
    const saved = await officer('rules.save', save);
    assert.match(flat(saved), /Reglene for Arbeidsgruppe Oslo er lagret\./);
    assert.match(
      flat(saved),
      /Arbeidsgruppe Oslo Regler: ingen krav om beslutningsdyktighet\. Konsensus når ingen markerer imot; .* stemmelikhet går til sekretariatet\. egne regler, endret/,
    );
    const stored = (await s.rulesStore.get(forumOf('oslo'), 'oslo'))!;
    assert.deepEqual(stored.rules, { steps: 'two', quorumPercent: 0, consensus: 'noObjection', tieBreak: 'undecided' });
    assert.deepEqual([stored.revision, stored.updatedBy.aadObjectId], [1, OFFICER.aadObjectId]);

    // A second officer's form from before the save (revision 0) does not overwrite it.
    const stale = await officer('rules.save', { ...save, quorumPercent: '75' });
    assert.match(flat(stale), /Reglene er ikke lagret: noen andre endret dem i mellomtiden\./);
    assert.equal((await s.rulesStore.get(forumOf('oslo'), 'oslo'))!.rules.quorumPercent, 0);
    const bad = await officer('rules.save', { ...save, revision: 1, quorumPercent: '150' });
    assert.match(flat(bad), /prosenten må være et heltall fra 0 til 99/);
    assert.equal((await s.rulesStore.get(forumOf('oslo'), 'oslo'))!.revision, 1);
  });

  it('tallies the same marks differently in two groups with different rules, each by the rules in force when its vote opened', async () => {
    const s = h.app.services;
    const v = { abstained: await seedCheckedReport(s, { title: 'Vest avstår' }), tie: await seedCheckedReport(s, { title: 'Vest likt' }) };
    const o = {
      abstained: await seedCheckedReport(s, { region: 'oslo', title: 'Oslo avstår' }),
      tie: await seedCheckedReport(s, { region: 'oslo', title: 'Oslo likt' }),
    };
    const vest = await meeting('vest');
    const oslo = await meeting('oslo');
    assert.equal(oslo.vote!.rules!.quorumPercent, 0, 'the rules are fixed on the vote when it opens');
    // Changing Oslo's rules while its vote runs does not change how it is counted.
    const form = await officer('rules.form', { group: 'oslo' });
    await officer('rules.save', { ...actionData(form, 'rules.save'), quorumPercent: '50', consensus: 'unanimous', tieBreak: 'chair' });
    assert.equal((await s.rulesStore.get(forumOf('oslo'), 'oslo'))!.history.length, 1, 'the earlier version is kept');

    for (const [group, m, items] of [
      ['vest', vest, v],
      ['oslo', oslo, o],
    ] as const) {
      const [p1, p2, chair] = people[group];
      // One for, one abstaining, the chair silent.
      await mark(p1, group, m, items.abstained.id, 'prioritise');
      await mark(p2, group, m, items.abstained.id, 'abstain');
      // One for, the chair against: a tie.
      await mark(p1, group, m, items.tie.id, 'prioritise');
      await mark(chair, group, m, items.tie.id, 'not_prioritise');
    }
    for (const m of [vest, oslo]) await officer('vote.close', { meetingId: m.id });

    const outcome = async (id: string) => {
      const r = (await s.reports.get('r2027', id))!;
      return r.status === 'recommended_by_group' ? `${r.groupRecommendation!.outcome}/${r.groupRecommendation!.method}` : r.status;
    };
    // Vest, default rules: an abstention breaks unanimity, so a majority; the chair breaks the tie.
    assert.deepEqual([await outcome(v.abstained.id), await outcome(v.tie.id)], ['recommended/majority', 'not_recommended/chair']);
    // Oslo, its own rules: no objection is consensus; a tie goes to the secretariat.
    assert.deepEqual([await outcome(o.abstained.id), await outcome(o.tie.id)], ['recommended/consensus', 'on_agenda']);
    const osloRec = flat(await officer('meeting.recommendation', { meetingId: oslo.id }));
    assert.match(osloRec, /Regler: ingen krav om beslutningsdyktighet\. Konsensus når ingen markerer imot/);
    assert.match(osloRec, /Oslo avstår .* Anbefalt \(konsensus\)/);
    const vestRec = flat(await officer('meeting.recommendation', { meetingId: vest.id }));
    assert.match(vestRec, /Regler: beslutningsdyktig når flere enn 50 %/);
    assert.match(vestRec, /Vest avstår .* Anbefalt \(flertall\)/);
  });

  it("lets the forum's rules make every group vote in one step", async () => {
    const s = h.app.services;
    const form = await officer('rules.form', { group: `forum:${forumOf('forum')}` });
    assert.equal(inputsOf(form).steps.value, 'two');
    await officer('rules.save', { ...actionData(form, 'rules.save'), steps: 'one', quorumPercent: '50', consensus: 'unanimous', tieBreak: 'chair' });
    const r = await seedCheckedReport(s, { title: 'Ett trinn' });
    const vest = await meeting('vest');
    assert.equal(vest.vote!.rules!.steps, 'one');
    for (const p of people.vest) await mark(p, 'vest', vest, r.id, 'prioritise');
    await officer('vote.close', { meetingId: vest.id });
    assert.equal((await s.reports.get('r2027', r.id))!.status, 'prioritised');
    assert.match(flat(await officer('meeting.recommendation', { meetingId: vest.id })), /^Innstilling: Møte vest .* Prioritert \(1\)/);
  });
});
