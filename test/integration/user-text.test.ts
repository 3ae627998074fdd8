import assert from 'node:assert/strict';
import { OFFICER2, invokeCard, referenceIn, sentCard, submitted, waitForSent } from '../support/casework';
import { FAST_DELIVERY, seedUser, waitFor } from '../support/delivery';
import { CHANNEL, TEAM, grantMember, member, seedGroupChannel } from '../support/forum';
import { cardOf, startHarness, type Harness } from '../support/harness';
import { markupOnCard, shownTexts } from '../support/markdown';
import { OFFICER, OWNER, TENANT, type Persona } from '../support/personas';
import { actionData, fillReport, press } from '../support/wizard';

// Markup a person might type, on purpose or by pasting: Markdown links, images, headings, list
// markers, emphasis, HTML, template expressions and Adaptive Cards' date functions.
const LINK = '[Stem her](https://example.org/x)';
const IMAGE = '![x](https://e/x.png)';
const TYPED = {
  owner: {
    ownerName: `# Eier ${LINK} **kommune**`,
    contactName: `- Kari ${IMAGE} _Nordmann_`,
    network: `1. Nabo ${LINK}; 123 456 785\n> Tredje <b>html</b> \${network}; 921605900`,
  },
  measure: {
    title: `# Lesing ${LINK} **fett** <b>x</b> \${title}`,
    needAndGoal: `1. februar 2027 startet vi\n# Overskrift\n- punkt ${LINK}\n> sitat ${IMAGE}\n    kode\n**fett** _kursiv_ <b>html</b> ~~strek~~ \${needAndGoal} {{DATE(2027-02-01T00:00:00Z, SHORT)}}`,
  },
  targets: { units: `* Solsiden ${LINK}; 940192226\n+ Bakken <i>skole</i> \${units}` },
  partner: { uhName: `> OsloMet ${LINK} **UH**`, uhContact: `1) Ola ${IMAGE} <b>Professor</b> \${uhContact}` },
};
const COMMENT = `1. mars 2027: ${LINK}\n# Rett dette\n- **telefon** <b>mangler</b> ${IMAGE} \${comment}`;
const REASON = `# Begrunnelse ${LINK}\n1. **Rammen** er brukt opp ${IMAGE} <b>x</b> \${reason}`;
const MEETING = `# Vårmøte ${LINK} **Vest**`;

const TITLE = TYPED.measure.title;
const OWNER_NAME = TYPED.owner.ownerName;

describe('what people type is shown as text on every card', function () {
  this.timeout(180_000);
  const clock = { now: new Date('2026-12-01T09:00:00Z') };
  let h: Harness;
  const ANNE = member(41, 'Anne Medlem');

  before(async () => {
    // One step: the working group's vote is the recommendation decided on (two steps: two-steps.test.ts).
    h = await startHarness(
      { ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: `${OFFICER.aadObjectId},${OFFICER2.aadObjectId}`, FORUM_RULES: '{"steps":"one"}' },
      { now: () => clock.now },
    );
    const s = h.app.services;
    await seedUser(s.references, h.connector.url, OFFICER.aadObjectId);
    await seedGroupChannel(s, h.connector.url);
    await grantMember(s, ANNE);
  });
  after(async () => {
    await h?.stop();
  });

  /** The card shows each fragment exactly as typed, and nothing on it reads as Markdown markup. */
  function showsLiterally(card: any, what: string, fragments: string[]): void {
    assert.ok(card, `${what}: no card`);
    assert.deepEqual(markupOnCard(card), [], `${what} has markup`);
    const shown = shownTexts(card)
      .join('\n')
      .replace(/[\u00a0\u202f]/g, ' ');
    for (const f of fragments) assert.ok(shown.includes(f), `${what} does not show ${JSON.stringify(f)} as typed:\n${shown.slice(0, 3000)}`);
  }

  const personal = (who: Persona) =>
    h.connector
      .sent()
      .filter((r) => decodeURIComponent(r.path).includes(`a:personal-${who.aadObjectId}`))
      .map((r) => sentCard(r) ?? cardOf(r.body))
      .filter(Boolean);
  const inChannel = (who: Persona) => ({
    ...h.personalActivity(who),
    conversation: { id: `${CHANNEL};messageid=1700000000000`, conversationType: 'channel', tenantId: TENANT, isGroup: true },
    channelData: { team: { id: TEAM }, channel: { id: CHANNEL }, tenant: { id: TENANT } },
  });
  const officer = (verb: string, data: Record<string, unknown>) => invokeCard(h, OFFICER, verb, data);

  it('from the wizard through casework, agenda, vote, recommendation and decision', async () => {
    const s = h.app.services;
    await h.send(OFFICER, 'oversikt'); // a configured officer's first use stores the grant the digest needs

    // The owner: review, receipt, "mine meldinger", the report's own card.
    const review = await fillReport(h, OWNER, TYPED);
    showsLiterally(review, 'wizard review', [
      OWNER_NAME,
      TYPED.owner.contactName,
      TITLE,
      '1. februar 2027 startet vi',
      '# Overskrift',
      `- punkt ${LINK}`,
      `> sitat ${IMAGE}`,
      '**fett** _kursiv_ <b>html</b> ~~strek~~ ${needAndGoal} {{DATE(2027-02-01T00:00:00Z, SHORT)}}',
      '1. Nabo',
      TYPED.partner.uhName,
      TYPED.partner.uhContact,
    ]);
    const receipt = await press(h, OWNER, review, 'report.submit');
    showsLiterally(receipt, 'receipt', [TITLE]);
    const reference = referenceIn(receipt)!;
    const r = { reportId: actionData(review, 'report.submit').draftId as string, reference, roundId: (await s.reports.findByReference(reference))!.roundId };
    const other = await submitted(h, OWNER, TYPED);
    const [mine] = await h.send(OWNER, 'mine meldinger');
    showsLiterally(cardOf(mine), 'mine meldinger', [TITLE]);
    showsLiterally(await invokeCard(h, OWNER, 'report.open', { reportId: r.reportId }), 'report detail', [
      OWNER_NAME,
      TITLE,
      TYPED.partner.uhName,
      '# Overskrift',
    ]);
    const [myData] = await h.send(OWNER, 'mine data');
    showsLiterally(cardOf(myData), 'mine data', []);

    // The secretariat: digest, overview, case card, a return with a comment the owner reads.
    clock.now = new Date('2026-12-01T09:05:40Z');
    await h.app.scheduler.tick();
    await waitFor('the digest', () => personal(OFFICER).some((c) => shownTexts(c).join('\n').includes(TITLE)));
    showsLiterally(
      personal(OFFICER).find((c) => shownTexts(c).join('\n').includes(TITLE)),
      'digest',
      [TITLE, OWNER_NAME],
    );
    const [overview] = await h.send(OFFICER, 'oversikt');
    showsLiterally(cardOf(overview), 'overview', [TITLE]);
    const [caseReply] = await h.send(OFFICER, `vis ${r.reference}`);
    showsLiterally(cardOf(caseReply), 'case card', [
      OWNER_NAME,
      TITLE,
      TYPED.owner.contactName,
      TYPED.partner.uhName,
      TYPED.partner.uhContact,
      `- punkt ${LINK}`,
    ]);

    const otherCase = await officer('report.check', other);
    const returnForm = await press(h, OFFICER, otherCase, 'report.return');
    const returned = await press(h, OFFICER, returnForm, 'report.returnConfirm', { comment: COMMENT });
    showsLiterally(returned, 'case card after the return', ['1. mars 2027: ' + LINK, '# Rett dette', `- **telefon** <b>mangler</b> ${IMAGE} \${comment}`]);
    const [told] = await waitForSent(h, `${other.reference} er sendt tilbake til deg`);
    showsLiterally(sentCard(told), "the owner's return notice", [TITLE, '# Rett dette', `- **telefon** <b>mangler</b> ${IMAGE} \${comment}`]);

    // The forum: a meeting with the checked report, its agenda and voting card in the channel.
    const checked = await press(h, OFFICER, await officer('report.check', r), 'report.checkPass');
    showsLiterally(checked, 'checked case card', [TITLE]);
    const form = await officer('meeting.new', {});
    const editor = await officer('meeting.create', {
      ...actionData(form, 'meeting.create'),
      group: 'vest',
      roundId: r.roundId,
      title: MEETING,
      date: '2027-03-12',
    });
    showsLiterally(editor, 'agenda editor', [MEETING, TITLE]);
    const meetingId = actionData(editor, 'meeting.post').meetingId as string;
    const threadsBefore = h.connector.sent().filter((x) => x.path === '/v3/conversations').length;
    await officer('meeting.post', { meetingId });
    await waitFor('the agenda', () => h.connector.sent().filter((x) => x.path === '/v3/conversations').length > threadsBefore);
    const agenda = cardOf(
      h.connector
        .sent()
        .filter((x) => x.path === '/v3/conversations')
        .at(-1)!.body.activity,
    );
    showsLiterally(agenda, 'agenda', [MEETING, TITLE, OWNER_NAME, TYPED.partner.uhName]);

    await officer('vote.open', { meetingId });
    let voteCard: any;
    await waitFor('the voting card', () => {
      voteCard = h.connector
        .sent()
        .map((x) => cardOf(x.body))
        .find((c) => c && JSON.stringify(c).includes('vote.mark') && shownTexts(c).join('\n').includes(r.reference));
      return voteCard !== undefined;
    });
    showsLiterally(voteCard, 'voting card', [TITLE, OWNER_NAME, MEETING]);
    const mark = { ...actionData(voteCard, 'vote.mark'), mark: 'prioritise' };
    const res = await h.post({
      ...inChannel(ANNE),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'vote.mark', data: mark }, trigger: 'manual' },
    });
    showsLiterally(res.body.value, "a member's voting card", [TITLE]);

    const before = personal(OFFICER).length;
    await officer('vote.close', { meetingId });
    await waitFor('the recommendation', () =>
      personal(OFFICER)
        .slice(before)
        .some((c) => JSON.stringify(c).includes('meeting.csv')),
    );
    showsLiterally(
      personal(OFFICER)
        .slice(before)
        .find((c) => JSON.stringify(c).includes('meeting.csv')),
      'recommendation',
      [TITLE, OWNER_NAME],
    );
    assert.equal((await s.reports.get(r.roundId, r.reportId))?.status, 'prioritised');

    // The decision, with a reason, as the officer and the owner see it.
    const decisionForm = await officer('decision.form', r);
    showsLiterally(decisionForm, 'decision form', [r.reference]);
    const decided = await press(h, OFFICER, decisionForm, 'decision.record', { outcome: 'partly_granted', grant1: '600 000', grant2: '0', reason: REASON });
    showsLiterally(decided, 'decision recorded', [TITLE, `# Begrunnelse ${LINK}`, `1. **Rammen** er brukt opp ${IMAGE} <b>x</b> \${reason}`]);
    const [decision] = await waitForSent(h, `Vedtak for ${r.reference}`);
    showsLiterally(sentCard(decision), "the owner's decision card", [
      TITLE,
      `# Begrunnelse ${LINK}`,
      `1. **Rammen** er brukt opp ${IMAGE} <b>x</b> \${reason}`,
    ]);
    showsLiterally(await invokeCard(h, OWNER, 'report.open', { reportId: r.reportId }), 'report detail after the decision', [TITLE]);
  });
});
