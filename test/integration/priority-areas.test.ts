import assert from 'node:assert/strict';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, OWNER } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { actionData, inputsOf, passOwnerSteps, press, startReport, STEP_ORDER } from '../support/wizard';
import { fakeClock, nowOf } from '../support/clock';
import { SEEDED_FORUM } from '../support/forum';

/** Issue 23 item 2: the secretariat sets the forum's plan and priority areas; the report form asks which the measure serves. */
describe("the forum's plan and priority areas", function () {
  this.timeout(60_000);
  const clock = fakeClock('2026-11-27T12:00:00Z');
  let h: Harness;
  before(async () => {
    h = await startHarness({ BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: nowOf(clock) });
  });
  after(async () => {
    await h.stop();
  });
  // The owner's report (group vest) is in Viken's forum, so the plan is set for that forum.
  const forum = () => SEEDED_FORUM;

  it('lets an officer set the plan link and named areas, keeping what was typed when a field is wrong', async () => {
    const [reply] = await h.send(OFFICER, 'prioriteringsområder');
    const form = cardOf(reply);
    assert.match(cardText(form), /^Plan og prioriteringsområder: /);
    assert.deepEqual(Object.keys(inputsOf(form)).slice(0, 4), ['forum', 'planUrl', 'area1Nb', 'area2Nb']);
    // The nynorsk and English names behind one button, so six areas fit on a screen; open when one is wrong.
    const fold = (card: any) => JSON.stringify(card).match(/"id":"translations","isVisible":(false|true)/)?.[1];
    assert.equal(fold(form), 'false');
    assert.ok(inputsOf(form).area6En, 'the folded names are inputs of the card, sent with it');
    const long = await press(h, OFFICER, form, 'plan.save', { forum: forum(), area1Nb: 'Lesing', area1En: 'x'.repeat(121) });
    assert.equal(fold(long), undefined, 'an error in a folded name opens the fold');
    assert.ok(cardText(long).includes('Skriv høyst 120 tegn.'));

    const typed = { forum: forum(), planUrl: 'http://ikke-sikker.example/plan', area1Nb: 'Lesing og skriving', area2Nn: 'Inkludering' };
    const wrong = await press(h, OFFICER, form, 'plan.save', typed);
    const text = cardText(wrong);
    assert.ok(text.includes('Skriv en hel lenke som begynner med https://, eller la feltet stå tomt.'), text);
    assert.ok(text.includes('Skriv navnet på bokmål først; nynorsk og engelsk er valgfritt.'), text);
    assert.equal(inputsOf(wrong).area1Nb.value, 'Lesing og skriving', 'what was typed is kept');
    assert.equal(await h.app.services.plans.get(forum()), undefined, 'nothing is stored');

    const saved = await press(h, OFFICER, form, 'plan.save', {
      forum: forum(),
      planUrl: 'https://statsforvalteren.example/overordnet-plan.pdf',
      area1Nb: 'Lesing og skriving',
      area2Nb: 'Inkludering',
      area2Nn: 'Inkludering',
      area2En: 'Inclusion',
    });
    assert.match(cardText(saved), /Planen og prioriteringsområdene for .+ er lagret\./);
    const plan = await h.app.services.plans.get(forum());
    assert.deepEqual(
      [plan?.planUrl, plan?.areas],
      [
        'https://statsforvalteren.example/overordnet-plan.pdf',
        [
          { id: 'a1', name: { nb: 'Lesing og skriving' } },
          { id: 'a2', name: { nb: 'Inkludering', nn: 'Inkludering', en: 'Inclusion' } },
        ],
      ],
    );
  });

  it('refuses the plan to anyone but the secretariat', async () => {
    const res = await h.invoke(OWNER, 'plan.save', { forum: forum(), area1Nb: 'Noe annet' });
    assert.match(cardText(res.body.value), /sekretariatet/i);
    assert.equal((await h.app.services.plans.get(forum()))?.areas[0].name.nb, 'Lesing og skriving');
  });

  it('asks on the measure step which areas the measure serves, and requires at least one', async () => {
    const start = await startReport(h, OWNER);
    const measure = await passOwnerSteps(h, OWNER, start);
    const areas = inputsOf(measure).priorityAreas;
    assert.ok(areas, `the measure card asks for areas: ${Object.keys(inputsOf(measure)).join(', ')}`);
    assert.deepEqual(
      areas.choices.map((c: any) => [c.title, c.value]),
      [
        ['Lesing og skriving', 'a1'],
        ['Inkludering', 'a2'],
      ],
    );
    const refused = await press(h, OWNER, measure, 'report.next', GOOD_INPUT.measure);
    assert.ok(cardText(refused).includes('Kryss av for minst ett prioriteringsområde fra forumets plan.'), cardText(refused));
    assert.equal(inputsOf(refused).title.value, GOOD_INPUT.measure.title, 'what was typed is kept');

    let card = await press(h, OWNER, refused, 'report.next', { ...GOOD_INPUT.measure, priorityAreas: 'a2' });
    for (const step of STEP_ORDER.slice(STEP_ORDER.indexOf('measure') + 1)) card = await press(h, OWNER, card, 'report.next', GOOD_INPUT[step]);
    assert.ok(cardText(card).includes('Prioriteringsområder tiltaket skal bidra til\nInkludering'), cardText(card));
    const receipt = await press(h, OWNER, card, 'report.submit');
    const reference = /BM-\d{4}-\d{4}/.exec(cardText(receipt))![0];
    const at = (await h.app.services.reports.findByReference(reference))!;
    assert.deepEqual((await h.app.services.reports.get<any>(at.roundId, at.reportId))?.data.priorityAreas, ['a2']);
    assert.ok(actionData(receipt, 'report.mine'));

    // The case card names the area; the agenda item carries it, and the agenda puts it on show.
    const officer = async (verb: string, data: Record<string, unknown> = {}) => (await h.invoke(OFFICER, verb, { verb, ...data })).body.value;
    const caseCard = await officer('report.check', at);
    assert.ok(cardText(caseCard).includes('Prioriteringsområder tiltaket skal bidra til\nInkludering'), cardText(caseCard));
    await officer('report.checkPass', at);
    const form = await officer('meeting.new');
    const editor = await officer('meeting.create', {
      ...actionData(form, 'meeting.create'),
      group: 'vest',
      roundId: at.roundId,
      title: 'Vest',
      date: '2027-03-12',
    });
    const meetingId = actionData(editor, 'vote.open').meetingId as string;
    const item = await h.app.services.meetings.item(meetingId, at.reportId);
    assert.deepEqual(item?.item.priorityAreas, [{ id: 'a2', name: { nb: 'Inkludering', nn: 'Inkludering', en: 'Inclusion' } }]);
  });
});
