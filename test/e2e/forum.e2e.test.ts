import assert from 'node:assert/strict';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { ROOT } from '../../src/app/paths';
import type { Meeting } from '../../src/domain/forum';
import { FAST_DELIVERY, waitFor } from '../support/delivery';
import { forumOf, grantMember, ROUND, seedCheckedReport, seedRound } from '../support/forum';
import type { Persona } from '../support/personas';
import { writeConfigAs } from './driver';
import { journeyHooks, startE2E, type E2ESession } from './session';

// A working group's meeting as the secretariat runs it in the emulator's UI. The playground's
// current user is the officer Siri Dahl (a copy of .m365agentsplayground.yml with her as current
// user; same people, team and channel). She creates the meeting in her personal chat, posts the
// agenda into the channel "Arbeidsgruppe Øst", opens the vote, and closes it from a voting card.
//
// The members press the buttons on the voting cards in the same UI: the playground cannot switch
// users, so each member's click is sent as that member (driver.clickAction `as`, which rewrites the
// presser of that one request). That way what each member is told, their own mark, the live tally,
// Ingrid Berg's refusal, comes back onto the card on screen, as it would on their own Teams client.
// (The playground keeps one view of a card for everyone, so the card shows whoever pressed last.)
//
// What an officer would have set up before: the round with its budgets, three formally checked
// reports from Østfold (sorted to working group Øst), the group's members (Ola Hansen, Per Olsen
// as chair, Ingrid Berg of OsloMet) and the channel the group meets in. That is seeded through the
// app's repositories; the rest goes through the UI. The steps run in order; after a failure the
// rest are skipped rather than failing for the same reason.
//
// E2E_SCREENSHOTS=1 saves the meeting editor, the agenda, a voting card (open, refused and frozen)
// and the recommendation under test-results/e2e/forum/, for a person to look over.

// The meeting's day comes after the round's deadline (1 February 2027); time moves on from here.
const MEETING_DAY = Date.parse('2027-03-01T09:00:00Z');
const GROUP = 'ost';
const CHANNEL = 'Arbeidsgruppe Øst';
const TITLE = 'Vårmøte Øst';
// Small budgets, so the recommendation has one scheme within its budget and one over it.
const BUDGETS = { REKOM: 1_000_000, DEKOM: 2_000_000, KOMPLOFT: 5_000_000 };
const OSLOMET = '983765238';
const HIOF = '971567376';

// The three reports in agenda order (by reference). Only the first has OsloMet as UH partner.
const REPORTS = [
  {
    ownerName: 'Fredrikstad kommune',
    ownerOrgnr: '940039541',
    scheme: 'DEKOM',
    title: 'Lesing i alle fag',
    uhName: 'OsloMet – storbyuniversitetet',
    uhOrgnr: OSLOMET,
  },
  { ownerName: 'Sarpsborg kommune', ownerOrgnr: '938801363', scheme: 'REKOM', title: 'Språkmiljø i barnehagen', uhName: 'Høgskolen i Østfold', uhOrgnr: HIOF },
  { ownerName: 'Halden kommune', ownerOrgnr: '959159092', scheme: 'DEKOM', title: 'Vurdering for læring', uhName: 'Høgskolen i Østfold', uhOrgnr: HIOF },
] as const;

// People of the playground config, by their Teams ids there.
const SIRI = '29:siri.dahl';
const OLA = '29:ola.hansen';
const PER = '29:per.olsen';
const INGRID = '29:ingrid.berg';

describe("an officer runs a working group's vote in its channel in Agents Playground (end to end)", function () {
  // A step waits at most 15 s (the driver's default); the whole journey takes well under a minute.
  this.timeout(60_000);

  let session: E2ESession | undefined;
  const shotsDir = process.env.E2E_SCREENSHOTS ? path.join(ROOT, 'test-results', 'e2e', 'forum') : undefined;
  const reports: Array<{ id: string; reference: string }> = [];

  const d = () => session!.driver;
  const s = () => session!.app.services;
  const shoot = async (card: Locator, name: string) => {
    if (shotsDir) await d().screenshotCard(card, path.join(shotsDir, `${name}.png`));
  };

  /** The one meeting this journey makes. */
  const meeting = async (): Promise<Meeting> => {
    const [m] = await s().meetings.list(undefined);
    assert.ok(m, 'a meeting was made');
    return m;
  };
  /** Who has marked an item, and how, as stored. */
  const stored = async (item: number) => {
    const marks = await s().votes.of((await meeting()).id, reports[item - 1].id);
    const name = (aad: string) => d().user(aad).id;
    return Object.fromEntries(marks.map((m) => [name(m.voter.aadObjectId), m.mark]));
  };

  /** An item's voting card in the channel, as it is on screen now. */
  const voteCard = (item: number) => d().waitForCard(`Sak ${item} av 3 · ${CHANNEL}`, { includeOlder: true });

  /**
   * Presses a mark (or "Oppdater") on an item's voting card, as `who`, and returns the card once
   * the answer shows `answer`. The chosen mark reads "✓ Prioriter" on the presser's own view.
   */
  async function press(item: number, button: string, who: string, answer: string | RegExp): Promise<{ card: Locator; text: string }> {
    const title = new RegExp(`^(✓ )?${button}$`);
    await d().clickAction(title, { card: await voteCard(item), as: who === SIRI ? undefined : who });
    const card = await d().waitForCard(answer);
    const text = await d().cardText(card);
    assert.match(text, new RegExp(`^Sak ${item} av 3 `), `the answer came on the card of item ${item}: ${text}`);
    return { card, text };
  }

  /** The tally (or frozen result) a card shows. */
  function tallyOf(text: string) {
    const m = /(?:Markeringer så langt|Resultat) Prioriter (\d+) Ikke prioriter (\d+) Avstår (\d+) Inhabil (\d+)/.exec(text);
    assert.ok(m, `no tally on the card: ${text}`);
    return { prioritise: Number(m[1]), notPrioritise: Number(m[2]), abstain: Number(m[3]), conflict: Number(m[4]) };
  }
  const tally = (prioritise: number, notPrioritise: number, abstain = 0, conflict = 0) => ({ prioritise, notPrioritise, abstain, conflict });
  const MARKS = ['Prioriter', 'Ikke prioriter', 'Avstår', 'Inhabil'];
  /** The button to the whole needs report, on every open voting card (issue 23). */
  const NEED = 'Les hele behovsmeldingen';
  /** Teams' "…" menu: the need button goes there so the four marks keep the row (cards/tidy.ts). */
  const MORE = 'More options';

  before(async function () {
    // Azurite, the bot, the playground and Chromium: a few seconds, more on a busy 2-core machine.
    this.timeout(90_000);
    const offset = MEETING_DAY - Date.now();
    const siriAad = '2812a501-5704-4ca9-80a6-f231a6a8de3d';
    session = await startE2E({
      name: 'e2efor',
      env: {
        ...FAST_DELIVERY,
        // Only the seeded round; no timed jobs sending digests into the officer's chat mid-journey.
        DEMO_ROUND: '0',
        // This journey is a forum voting in one step; the two steps are forum-two-steps.e2e.test.ts.
        FORUM_RULES: '{"steps":"one"}',
        SCHEDULER_TICK_MS: '0',
        // The tenant of .m365agentsplayground.yml.
        BOOTSTRAP_SECRETARIAT: `6893935a-4e95-432b-bd7a-bdba9c0741b1:${siriAad}`,
      },
      now: () => new Date(Date.now() + offset),
      playgroundConfig: (dir) => writeConfigAs(SIRI, dir),
    });
    const driver = session.driver;
    assert.equal(driver.config.currentUser.id, SIRI);
    assert.equal(driver.config.currentUser.aadObjectId, siriAad);

    const services = session.app.services;
    const person = (id: string): Persona => {
      const u = driver.user(id);
      return { name: u.name, tenantId: driver.config.tenantId, aadObjectId: u.aadObjectId };
    };
    await seedRound(services, BUDGETS);
    for (const r of REPORTS) reports.push(await seedCheckedReport(services, { ...r, network: [], region: 'ostfold' }));
    await grantMember(services, person(OLA), { group: GROUP, organisations: ['952540556'] });
    await grantMember(services, person(PER), { group: GROUP, role: 'chair', organisations: ['971257024'] });
    await grantMember(services, person(INGRID), { group: GROUP, organisations: [OSLOMET] });
    const channel = driver.team.channels.find((c) => c.name === CHANNEL)!;
    await services.groups.assign({
      forum: forumOf(GROUP),
      group: GROUP,
      teamId: driver.team.id,
      channelId: channel.id,
      channelName: CHANNEL,
      assignedBy: 'test',
      assignedAt: '2027-01-01T00:00:00.000Z',
    });
  });

  journeyHooks(() => session);

  it("creates the meeting in the officer's personal chat with the group's three checked reports on its agenda", async () => {
    // Opening the channel is the team's first contact with the app: the bot learns its channels.
    await d().openChannel(CHANNEL);
    const channelId = d().team.channels.find((c) => c.name === CHANNEL)!.id;
    await waitFor("the bot to know the working group's channel", async () => (await s().references.get('channel', '', channelId, d().team.id)) !== undefined);

    await d().openPersonalChat();
    await d().sendMessage('nytt møte');
    await d().waitForCard('Nytt møte');
    await d().choose('group', `${CHANNEL} (Samarbeidsforum Viken)`);
    assert.equal(await d().inputValue('roundId'), `Innmeldingsrunden ${ROUND.year}`, 'the only round is picked (by year; its id is not for people)');
    await d().fillInput('title', TITLE);
    await d().fillInput('date', '2027-03-12');
    await d().clickAction('Opprett møtet');

    const editor = await d().waitForCard('Møtet er opprettet med 3 saker på sakslisten.');
    await shoot(editor, '0-editor');
    const text = await d().cardText(editor);
    assert.match(
      text,
      new RegExp(`^${TITLE} ${CHANNEL} \\(Samarbeidsforum Viken\\) · 12\\. mars 2027 · innmeldingsrunden 2027 Utkast – sakslisten er ikke publisert\\.`),
    );
    for (const [i, r] of reports.entries()) assert.match(text, new RegExp(`${r.reference} – ${REPORTS[i].title}`));
    for (const r of reports) assert.equal((await s().reports.get(ROUND.id, r.id))!.status, 'on_agenda');
  });

  it("posts the agenda as a new post in the group's channel, with each item's owner, scheme, UH partner and amounts and the totals against the budget", async () => {
    await d().clickAction('Publiser sakslisten i kanalen');
    await d().waitForCard('Sakslisten publiseres i kanalen (1 del).');

    await d().openChannel(CHANNEL);
    const agenda = await d().waitForCard(`Saksliste: ${TITLE}`, { includeOlder: true });
    await shoot(agenda, '1-agenda');
    const text = await d().cardText(agenda);
    assert.match(text, new RegExp(`^Saksliste: ${TITLE} ${CHANNEL} · 12\\. mars 2027 3 saker fra innmeldingsrunden 2027\\.`));
    assert.match(text, /Regional ordning \(barnehage\) 1 250 000 kr av 1 000 000 kr \(1 sak\) – over rammen/);
    assert.match(text, /Desentralisert ordning \(skole\) 2 500 000 kr av 2 000 000 kr \(2 saker\) – over rammen/);
    assert.match(
      text,
      new RegExp(
        `1\\. ${reports[0].reference} – Lesing i alle fag Eier Fredrikstad kommune \\(940 039 541\\) Ordning Desentralisert ordning for kompetanseutvikling i grunnskole og videregående opplæring UH-partner OsloMet – storbyuniversitetet Tema Lesing Målgrupper Ledere, Lærere og barnehagelærere Deltakere og enheter 240 deltakere i 12 barnehager/skoler/PPT Egenandel 2027–2028 375 000 kr Behov og mål \\(utdrag\\) Behov og mål Søkt per år 2027–2028: 1 250 000 kr · 2028–2029: 1 000 000 kr`,
      ),
    );
    assert.match(
      text,
      new RegExp(
        `2\\. ${reports[1].reference} – Språkmiljø i barnehagen Eier Sarpsborg kommune \\(938 801 363\\) Ordning Regional ordning for kompetanseutvikling i barnehage UH-partner Høgskolen i Østfold`,
      ),
    );
    assert.match(text, new RegExp(`3\\. ${reports[2].reference} – Vurdering for læring Eier Halden kommune \\(959 159 092\\)`));
    assert.match(text, /Løpende sum Desentralisert ordning \(skole\) 2 500 000 kr av 2 000 000 kr/, 'the third item brings DEKOM to its running sum');
  });

  it('opens the vote from the editor, which puts one voting card per item under the agenda with the four buttons', async () => {
    await d().openPersonalChat();
    const editor = await d().waitForCard('Sakslisten er publisert i kanalen.', { includeOlder: true });
    await d().clickAction('Åpne avstemningen', { card: editor });
    const opened = await d().waitForCard('Avstemningen er åpnet. 3 avstemningskort legges ut i kanalen.');
    assert.match(await d().cardText(opened), /Avstemningen er åpen\./);
    assert.ok((await d().cardActions(opened)).includes('Lukk avstemningen'));

    await d().openChannel(CHANNEL);
    for (const [i, r] of reports.entries()) {
      const card = await voteCard(i + 1);
      const text = await d().cardText(card);
      assert.match(text, new RegExp(`^Sak ${i + 1} av 3 · ${CHANNEL} · ${TITLE} ${r.reference} – ${REPORTS[i].title}`));
      assert.deepEqual(tallyOf(text), tally(0, 0));
      assert.deepEqual(await d().cardActions(card), [...MARKS, MORE]);
      if (i === 0) await shoot(card, '2-voting-card');
    }
  });

  it('lets members mark the first item and change their minds, each seeing their own mark and the live tally', async () => {
    let seen = await press(1, 'Ikke prioriter', OLA, 'Markeringen din er lagret: Ikke prioriter.');
    assert.match(seen.text, /✓ Markeringen din er lagret: Ikke prioriter\. Du kan endre den til avstemningen lukkes\./);
    assert.doesNotMatch(seen.text, /Din markering/, 'one confirmation, not two');
    assert.deepEqual(tallyOf(seen.text), tally(0, 1));
    // Ingrid is disqualified for this item, so two of the three members vote on it.
    assert.match(seen.text, /1 av 2 stemmeberettigede har markert\./);
    assert.deepEqual(await d().cardActions(seen.card), ['Prioriter', '✓ Ikke prioriter', 'Avstår', 'Inhabil', MORE]);

    seen = await press(1, 'Prioriter', PER, 'Markeringen din er lagret: Prioriter.');
    assert.deepEqual(tallyOf(seen.text), tally(1, 1));
    assert.match(seen.text, /Markeringen din er lagret: Prioriter\./, "Per sees his own mark, not Ola's");

    seen = await press(1, 'Prioriter', OLA, 'Markeringen din er lagret: Prioriter.');
    assert.match(seen.text, /Markeringen din er lagret: Prioriter\./);
    assert.deepEqual(tallyOf(seen.text), tally(2, 0), "Ola's new mark replaced his first");
    assert.match(seen.text, /2 av 2 stemmeberettigede har markert\./);
    assert.deepEqual(await stored(1), { [OLA]: 'prioritise', [PER]: 'prioritise' });
  });

  it('stops Ingrid Berg on the first item, whose UH partner is her organisation OsloMet, and tells her why; the tally stays', async () => {
    const seen = await press(1, 'Prioriter', INGRID, 'Du er inhabil i denne saken');
    await shoot(seen.card, '2-voting-card-disqualified');
    assert.match(seen.text, /Du er inhabil i denne saken fordi organisasjonen din \(983 765 238\) er UH-partner\. Markeringen ble ikke lagret\./);
    assert.equal(seen.text.split('Du er inhabil').length - 1, 1, 'the reason is said once');
    assert.deepEqual(tallyOf(seen.text), tally(2, 0));
    assert.deepEqual(await d().cardActions(seen.card), [NEED, 'Oppdater'], 'no buttons to mark with');
    assert.deepEqual(await stored(1), { [OLA]: 'prioritise', [PER]: 'prioritise' }, 'nothing stored for her');

    // The officer's own view of the card: the same tally, and closing instead of marking.
    const officer = await press(1, 'Oppdater', SIRI, /Sak 1 av 3 .*Lukk avstemningen/);
    assert.deepEqual(tallyOf(officer.text), tally(2, 0));
    assert.doesNotMatch(officer.text, /inhabil/);
    assert.deepEqual(await d().cardActions(officer.card), [NEED, 'Lukk avstemningen', MORE], 'closing stays in the row');
  });

  it("refuses the secretariat's own mark, and lets Ingrid Berg vote on the items where OsloMet has no part", async () => {
    const refused = await press(2, 'Prioriter', SIRI, 'Sekretariatet har ikke stemmerett');
    assert.match(refused.text, /Sekretariatet har ikke stemmerett i Arbeidsgruppe Øst\. Markeringen ble ikke lagret\./);
    assert.deepEqual(tallyOf(refused.text), tally(0, 0));
    assert.deepEqual(await stored(2), {});

    // Teams would show Ingrid her own view of the card by itself (refresh); here she presses Oppdater.
    const hers = await press(2, 'Oppdater', INGRID, 'Du har ikke markert denne saken ennå.');
    assert.deepEqual(await d().cardActions(hers.card), [...MARKS, MORE]);
    let seen = await press(2, 'Prioriter', INGRID, 'Markeringen din er lagret: Prioriter.');
    assert.match(seen.text, /1 av 3 stemmeberettigede har markert\./);
    await press(2, 'Prioriter', OLA, 'Markeringen din er lagret: Prioriter.');
    seen = await press(2, 'Ikke prioriter', PER, 'Markeringen din er lagret: Ikke prioriter.');
    assert.deepEqual(tallyOf(seen.text), tally(2, 1));

    await press(3, 'Ikke prioriter', OLA, 'Markeringen din er lagret: Ikke prioriter.');
    await press(3, 'Ikke prioriter', PER, 'Markeringen din er lagret: Ikke prioriter.');
    seen = await press(3, 'Avstår', INGRID, 'Markeringen din er lagret: Avstår.');
    assert.deepEqual(tallyOf(seen.text), tally(0, 2, 1));
    assert.deepEqual(await stored(2), { [INGRID]: 'prioritise', [OLA]: 'prioritise', [PER]: 'not_prioritise' });
    assert.deepEqual(await stored(3), { [OLA]: 'not_prioritise', [PER]: 'not_prioritise', [INGRID]: 'abstain' });
  });

  it('closes the vote from a voting card: every card shows its result and has no buttons left, and the reports move on', async () => {
    const closed = await press(1, 'Lukk avstemningen', SIRI, /Sak 1 av 3 .*Prioritert \(konsensus\)/);
    assert.deepEqual(tallyOf(closed.text), tally(2, 0));
    assert.deepEqual(await d().cardActions(closed.card), [], 'frozen');

    // The other cards are updated in place for everyone by the bot.
    const results = ['Prioritert (konsensus)', 'Prioritert (flertall)', 'Ikke prioritert (flertall)'];
    for (const [i, result] of results.entries()) {
      const card = await d().waitForCard(new RegExp(`^Sak ${i + 1} av 3 .*Resultat .*${result.replace(/[()]/g, '\\$&')}`), { includeOlder: true });
      const text = await d().cardText(card);
      assert.deepEqual(tallyOf(text), [tally(2, 0), tally(2, 1), tally(0, 2, 1)][i]);
      assert.deepEqual(await d().cardActions(card), [], `item ${i + 1} has no buttons left`);
      if (i === 1) await shoot(card, '3-voting-card-closed');
    }
    const statuses = await Promise.all(reports.map(async (r) => (await s().reports.get(ROUND.id, r.id))!.status));
    assert.deepEqual(statuses, ['prioritised', 'prioritised', 'not_prioritised']);
  });

  it("sends the recommendation to the officer's personal chat: the prioritised reports against the budget per scheme, REKOM flagged over it", async () => {
    await d().openPersonalChat();
    const rec = await d().waitForCard(`Innstilling: ${TITLE}`, { includeOlder: true });
    await shoot(rec, '4-recommendation');
    const text = await d().cardText(rec);
    assert.match(
      text,
      new RegExp(
        `^Innstilling: ${TITLE} ${CHANNEL} · 12\\. mars 2027 Regler: beslutningsdyktig når flere enn 50 % .* De prioriterte sakene går over rammen for minst én ordning\\.`,
      ),
    );
    assert.match(text, /Regional ordning \(barnehage\): 1 250 000 kr av 1 000 000 kr \(1 sak\) – over rammen/);
    assert.match(text, /Desentralisert ordning \(skole\): 1 250 000 kr av 2 000 000 kr \(1 sak\)(?! – over)/);
    assert.match(
      text,
      new RegExp(
        `Prioritert \\(2\\) ${reports[0].reference} – Lesing i alle fag · Fredrikstad kommune \\(940 039 541\\) · Desentralisert ordning \\(skole\\) · 1 250 000 kr · Prioritert \\(konsensus\\) ${reports[1].reference} – Språkmiljø i barnehagen`,
      ),
    );
    assert.match(text, new RegExp(`Ikke prioritert \\(1\\) ${reports[2].reference} – Vurdering for læring`));
    assert.deepEqual(await d().cardActions(rec), ['Eksporter som CSV', 'Eksporter alt i 2027']);

    // The CSV is a file behind a short-lived link (the download itself: test/integration/forum-voting.test.ts), not rows on a card.
    await d().clickAction('Eksporter som CSV', { card: rec });
    const csv = await d().waitForCard('CSV-fil med møtets 3 saker');
    const csvText = await d().cardText(csv);
    assert.match(csvText, /Last ned CSV/);
    assert.match(csvText, /går ut kl\. \d\d:\d\d \(om 15 min\)/);
    assert.doesNotMatch(csvText, /Referanse;/);
  });
});
