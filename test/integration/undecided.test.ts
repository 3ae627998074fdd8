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
 * Issue 12 item 4: an item a meeting left undecided gets a way out. The secretariat puts it on a
 * later meeting (a new vote there decides it) or records the meeting's result with a required note;
 * both are audited on the report and shown on the recommendation and the case card. Working group
 * Vest in two steps, so its cards say "Anbefalt" / "Ikke anbefalt", not the forum's "Prioritert".
 */
describe('undecided items: a later meeting, or the result recorded with a note', function () {
  this.timeout(120_000);
  const clock = { now: new Date('2027-03-01T09:00:00Z') };
  let h: Harness;
  const A = member(61, 'Anne Vest');
  const B = member(62, 'Bjørn Vest');
  const CHANNEL = '19:vest@thread.tacv2';

  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: () => clock.now });
    const s = h.app.services;
    await seedRound(s);
    await seedGroupChannel(s, h.connector.url, 'vest', CHANNEL);
    await seedOfficerChat(s, h.connector.url, OFFICER);
    await grantMember(s, A, { group: 'vest' });
    await grantMember(s, B, { group: 'vest', role: 'chair' });
  });
  after(async () => {
    await h.stop();
  });

  const officer = (verb: string, data: Record<string, unknown> = {}) => officerPresses(h, OFFICER)(verb, data);
  const meeting = (title: string, date = '2027-03-12') => meetingThroughForm(h, officer, { group: 'vest', title, date });
  async function mark(who: Persona, m: Meeting, reportId: string, value: string) {
    const open = (await h.app.services.meetings.get(FORUM, m.id))!;
    const res = await pressInChannel(h, who, CHANNEL, 'vote.mark', { meetingId: m.id, reportId, v: open.vote!.id, mark: value });
    return cardText(res.body.value);
  }
  const report = async (id: string) => (await h.app.services.reports.get('r2027', id))!;
  const flat = (card: any) => cardText(card).replace(/\n/g, ' ');

  it('puts an undecided item on a later meeting, where a new vote decides it; records another with a note, refused without one', async () => {
    const s = h.app.services;
    const later = await seedCheckedReport(s, { title: 'Ingen markerte' });
    const oral = await seedCheckedReport(s, { title: 'Enige muntlig' });
    const decided = await seedCheckedReport(s, { title: 'Alle for' });

    const first = await meeting('Vest mars');
    assert.deepEqual([...first.order].sort(), [later.id, oral.id, decided.id].sort());
    await officer('vote.open', { meetingId: first.id });
    // The group recommends: its buttons and the saved mark say so.
    assert.match(await mark(A, first, decided.id, 'prioritise'), /Markeringen din er lagret: Anbefal\b/);
    const bCard = await mark(B, first, decided.id, 'prioritise');
    assert.match(bCard, /\nAnbefal\n|✓ Anbefal/);
    assert.doesNotMatch(bCard, /Prioriter/);
    await officer('vote.close', { meetingId: first.id });

    // Nobody marked two of the items: they stay on the agenda, undecided, and the recommendation says so.
    assert.equal((await report(later.id)).status, 'on_agenda');
    const rec = await officer('meeting.recommendation', { meetingId: first.id });
    const recText = flat(rec);
    assert.match(recText, /^Arbeidsgruppens anbefaling: Vest mars/);
    assert.match(recText, /Anbefalt \(1\)/);
    assert.match(recText, /Ikke anbefalt \(0\)/);
    assert.match(recText, /Alle for .* Anbefalt \(konsensus\)/);
    assert.doesNotMatch(recText, /Prioritert/);
    assert.match(recText, /Uavklart – sekretariatet følger opp \(2\)/);
    const list = await officer('undecided.list', actionData(rec, 'undecided.list'));
    assert.match(flat(list), /^Uavklarte saker: Vest mars/);
    assert.match(flat(list), /Ingen markerte Uavklart: ikke beslutningsdyktig \(0 av 2 stemmeberettigede markerte\)/);

    // (i) A later meeting: the next one made for the group takes the item up and votes on it anew.
    const laterForm = await officer('undecided.form', { meetingId: first.id, reportId: later.id });
    assert.match(flat(laterForm), /^Følg opp: BM-2027-\d{4} – Ingen markerte/);
    // One form, one submit (and a way back): each choice a real way out, none with an empty value, no dropdown.
    assert.deepEqual(
      inputsOf(laterForm).way.choices.map((c: any) => c.title),
      [
        'Sett på et senere møte: neste møte som opprettes for gruppen',
        'Registrer resultatet fra møtet: Anbefalt',
        'Registrer resultatet fra møtet: Ikke anbefalt',
      ],
      "the group's own words",
    );
    assert.ok(inputsOf(laterForm).way.choices.every((c: any) => c.value !== ''));
    assert.equal(inputsOf(laterForm).way.style, 'expanded');
    assert.doesNotMatch(JSON.stringify(laterForm.body), /ActionSet/, "no submit buttons inside the form, only the card's own");
    assert.deepEqual(
      laterForm.actions.map((a: any) => [a.title, a.verb]),
      [
        ['Lagre', 'undecided.save'],
        ['Avbryt', 'undecided.list'],
      ],
    );
    // Nothing chosen: the form comes back with the note kept and the error, and nothing moves.
    const none = await officer('undecided.save', { ...actionData(laterForm, 'undecided.save'), way: '', note: 'Tas opp i april' });
    assert.match(flat(none), /Velg hva som skal skje med saken\. Ingenting er lagret\./);
    assert.equal(inputsOf(none).note.value, 'Tas opp i april');
    assert.equal((await report(later.id)).status, 'on_agenda');
    const moved = await officer('undecided.save', { ...actionData(laterForm, 'undecided.save'), way: 'next', note: 'Tas opp i april' });
    assert.match(flat(moved), /er satt på et senere møte: neste møte som opprettes for gruppen\./);
    const afterMove = await report(later.id);
    assert.equal(afterMove.status, 'formally_checked');
    const moveEntry = afterMove.history.at(-1)!;
    assert.deepEqual([moveEntry.from, moveEntry.to, moveEntry.actor.id], ['on_agenda', 'formally_checked', `${OFFICER.tenantId}:${OFFICER.aadObjectId}`]);
    assert.equal(moveEntry.reason, `meeting:${first.id}:later · Tas opp i april`);
    // Pressed again: nothing more moves, and the officer is told it was done.
    const again = await h.invoke(OFFICER, 'undecided.save', { verb: 'undecided.save', ...actionData(laterForm, 'undecided.save'), way: 'next' });
    assert.match(cardText(again.body.value ?? again.body), /er allerede fulgt opp \(satt på et senere møte\)/);
    assert.equal((await report(later.id)).history.length, afterMove.history.length);

    clock.now = new Date('2027-04-01T09:00:00Z');
    const second = await meeting('Vest april', '2027-04-10');
    assert.deepEqual(second.order, [later.id], 'the later meeting takes the item up by default');
    await officer('vote.open', { meetingId: second.id });
    await mark(A, second, later.id, 'not_prioritise');
    await mark(B, second, later.id, 'prioritise');
    await officer('vote.close', { meetingId: second.id });
    const revoted = await report(later.id);
    assert.equal(revoted.status, 'recommended_by_group');
    assert.deepEqual(
      [revoted.groupRecommendation?.meetingId, revoted.groupRecommendation?.outcome, revoted.groupRecommendation?.method],
      [second.id, 'recommended', 'chair'],
    );
    assert.deepEqual(
      revoted.history.map((e) => `${e.from}>${e.to}`),
      [
        'draft>submitted',
        'submitted>formally_checked',
        'formally_checked>on_agenda',
        'on_agenda>formally_checked',
        'formally_checked>on_agenda',
        'on_agenda>recommended_by_group',
      ],
      'its whole history is kept',
    );
    assert.match(flat(await officer('undecided.list', { meetingId: first.id })), /Ingen markerte Uavklart: satt på et senere møte for ny avstemning\./);

    // (ii) The meeting's result recorded: without a note the form comes back as filled in, with the error.
    const caseCard = await officer('report.check', { roundId: 'r2027', reportId: oral.id });
    const oralForm = await officer('undecided.form', actionData(caseCard, 'undecided.form'));
    const refused = await officer('undecided.save', {
      ...actionData(oralForm, 'undecided.save'),
      way: 'prioritised',
      note: '   ',
    });
    assert.match(flat(refused), /Skriv et notat om hvordan møtet kom til resultatet/);
    assert.equal(inputsOf(refused).way.value, 'prioritised', 'the chosen result is kept');
    assert.equal((await report(oral.id)).status, 'on_agenda', 'nothing recorded');
    const enRefused = await h.invoke({ ...OFFICER, locale: 'en-US' } as Persona, 'undecided.save', {
      verb: 'undecided.save',
      ...actionData(oralForm, 'undecided.save'),
      way: 'prioritised',
      note: '',
    });
    assert.match(cardText(enRefused.body.value), /Write a note on how the meeting reached the result/);

    const recorded = await officer('undecided.save', {
      ...actionData(oralForm, 'undecided.save'),
      way: 'prioritised',
      note: 'Enige muntlig i møtet 12. mars',
    });
    assert.match(
      flat(recorded),
      /Resultatet for BM-2027-\d{4} er registrert: Anbefalt \(registrert av sekretariatet etter møtet: Enige muntlig i møtet 12\. mars\)\./,
    );
    const settled = await report(oral.id);
    assert.equal(settled.status, 'recommended_by_group');
    assert.deepEqual([settled.groupRecommendation?.outcome, settled.groupRecommendation?.method], ['recommended', 'recorded']);
    const entry = settled.history.at(-1)!;
    assert.deepEqual(
      [entry.to, entry.reason, entry.actor.id],
      ['recommended_by_group', `meeting:${first.id}:recorded · Enige muntlig i møtet 12. mars`, `${OFFICER.tenantId}:${OFFICER.aadObjectId}`],
    );
    const followUp = (await s.meetings.item(first.id, oral.id))!.result!.followUp!;
    assert.deepEqual(
      [followUp.kind, followUp.outcome, followUp.note, followUp.by.aadObjectId, followUp.at],
      ['recorded', 'prioritised', 'Enige muntlig i møtet 12. mars', OFFICER.aadObjectId, '2027-04-01T09:00:00.000Z'],
    );
    // The case card's history shows who, when and the note; the recommendation shows the recorded result.
    const caseAfter = flat(await officer('report.check', { roundId: 'r2027', reportId: oral.id }));
    assert.match(caseAfter, /Arbeidsgruppens anbefaling: Anbefalt av Arbeidsgruppe Vest \(registrert av sekretariatet etter møtet\)/);
    assert.doesNotMatch(caseAfter, /meeting:/);
    assert.match(caseAfter, /Enige muntlig i møtet 12\. mars/);
    const recAfter = flat(await officer('meeting.recommendation', { meetingId: first.id }));
    assert.match(recAfter, /Anbefalt \(2\)/);
    assert.match(recAfter, /Enige muntlig .* Anbefalt \(registrert av sekretariatet etter møtet: Enige muntlig i møtet 12\. mars\)/);
    assert.doesNotMatch(recAfter, /Følg opp uavklarte saker/, 'nothing left to follow up');

    // Followed up once: a second record is refused, and so is a decided item.
    const twice = await h.invoke(OFFICER, 'undecided.record', {
      verb: 'undecided.record',
      meetingId: first.id,
      reportId: oral.id,
      outcome: 'not_prioritised',
      note: 'Nei',
    });
    assert.match(cardText(twice.body.value ?? twice.body), /er allerede fulgt opp \(resultat registrert\)/);
    const notUndecided = await h.invoke(OFFICER, 'undecided.form', { verb: 'undecided.form', meetingId: first.id, reportId: decided.id });
    assert.match(cardText(notUndecided.body.value ?? notUndecided.body), /er ikke uavklart i møtet «Vest mars»/);

    // The forum's agenda shows the recorded recommendation for what it is.
    const forumForm = await officer('meeting.new');
    const forumEditor = await officer('meeting.create', {
      ...actionData(forumForm, 'meeting.create'),
      forum: forumOf('forum'),
      group: 'forum',
      roundId: 'r2027',
      title: 'Forum',
      date: '2027-04-20',
    });
    assert.match(flat(forumEditor), /Anbefalt av Arbeidsgruppe Vest \(registrert av sekretariatet etter møtet\)/);
  });
});
