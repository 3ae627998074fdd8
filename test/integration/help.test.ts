import assert from 'node:assert/strict';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, OWNER } from '../support/personas';

describe('help and unknown text', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.stop();
  });

  // '?' is a help word of its own: the trailing-punctuation trim must leave it alone.
  for (const text of ['hjelp', 'Hjelp', 'HELP', '  help!  ', '<at>Kompetansebot</at> hjelp', '?', ' ? ', 'hjelp?', '<at>Kompetansebot</at> ?']) {
    it(`answers "${text}" with the help card`, async () => {
      const [reply] = await h.send(OWNER, text, { entities: [{ type: 'mention', mentioned: { id: '28:kompetansebot' }, text: '<at>Kompetansebot</at>' }] });
      const card = cardOf(reply);
      assert.equal(card?.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
      const shown = cardText(card);
      assert.match(shown, /Kompetansebot/);
      assert.match(shown, /Meld behov/);
      assert.deepEqual(
        card.actions.map((a: any) => a.verb),
        ['report.new', 'report.continue', 'report.mine'],
      );
    });
  }

  it('speaks nynorsk to a nynorsk Teams client', async () => {
    const [reply] = await h.send({ ...OWNER, locale: 'nn-NO' }, 'hjelp');
    const shown = cardText(cardOf(reply));
    assert.match(shown, /Eg hjelper/);
    assert.match(shown, /Mine meldingar/);
  });

  it('speaks English to an English Teams client', async () => {
    const [reply] = await h.send({ ...OWNER, locale: 'en-US' }, 'help');
    const shown = cardText(cardOf(reply));
    assert.match(shown, /I help kindergarten and school owners/);
    assert.match(shown, /New report/);
  });

  it('falls back to bokmål for a locale it does not speak', async () => {
    const [reply] = await h.send({ ...OWNER, locale: 'de-DE' }, 'hjelp');
    assert.match(cardText(cardOf(reply)), /Jeg hjelper/);
  });

  it('shows a secretariat officer the way into the secretariat, and nobody else', async () => {
    const officerBot = await startHarness({ BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId });
    try {
      const [officer] = await officerBot.send(OFFICER, 'hjelp');
      assert.ok(cardOf(officer).actions.some((a: any) => a.verb === 'secretariat.menu'));
      assert.match(cardText(cardOf(officer)), /skriv «sekretariat»/);
      const [owner] = await officerBot.send(OWNER, 'hjelp');
      assert.ok(!cardOf(owner).actions.some((a: any) => a.verb === 'secretariat.menu'));
      assert.doesNotMatch(cardText(cardOf(owner)), /sekretariat»/);
    } finally {
      await officerBot.stop();
    }
  });

  it('points to help when it does not understand', async () => {
    const [reply] = await h.send(OWNER, 'hva er klokka');
    assert.equal(reply.type, 'message');
    assert.match(reply.text, /Skriv «hjelp»/);
  });

  it('answers an unknown card action without replacing the card', async () => {
    const res = await h.invoke(OWNER, 'no.such.verb');
    assert.equal(res.status, 200);
    assert.equal(res.body.type, 'application/vnd.microsoft.activity.message');
    assert.match(res.body.value, /hjelp/);
  });

  it('shows the help card again from a card button', async () => {
    const res = await h.invoke(OWNER, 'help.show');
    assert.equal(res.body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(res.body.value), /Meld behov/);
  });
});
