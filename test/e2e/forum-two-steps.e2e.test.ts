import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { FAST_DELIVERY, waitFor } from '../support/delivery';
import { forumOf, grantMember, ROUND, seedCheckedReport, seedRound } from '../support/forum';
import type { Persona } from '../support/personas';
import { writeConfigAs } from './driver';
import { journeyHooks, startE2E, type E2ESession } from './session';

// The two steps (issue 12) in the emulator's UI, with the default rules: working group Øst votes in
// its channel and *recommends*, then the forum votes in the team's General channel and
// *prioritises*, then the secretariat decides. The playground has one channel besides General, so
// the working group meets in "Arbeidsgruppe Øst" and the forum in "General" (the team's own
// channel, whose id is the team's): two channels, one team, as a county would set it up.
//
// As in forum.e2e.test.ts, the current user is the officer Siri Dahl, and members' presses are sent
// as them (driver.clickAction `as`). Working group Øst: Ola Hansen and Per Olsen (chair). The forum:
// Ingrid Berg and Per Olsen (chair). Seeded through the repositories: the round, two checked
// reports from Østfold, the members and the two channels; the rest goes through the UI.

const MEETING_DAY = Date.parse('2027-03-01T09:00:00Z');
const GROUP_CHANNEL = 'Arbeidsgruppe Øst';
const FORUM_CHANNEL = 'General';
const VIKEN = 'Samarbeidsforum Viken';
const GROUP_TITLE = 'Vårmøte Øst';
const FORUM_TITLE = 'Forummøte mars';
const HIOF = '971567376';
const REPORTS = [
  { ownerName: 'Fredrikstad kommune', ownerOrgnr: '940039541', scheme: 'DEKOM', title: 'Lesing i alle fag', uhName: 'Høgskolen i Østfold', uhOrgnr: HIOF },
  { ownerName: 'Halden kommune', ownerOrgnr: '959159092', scheme: 'DEKOM', title: 'Vurdering for læring', uhName: 'Høgskolen i Østfold', uhOrgnr: HIOF },
] as const;

const SIRI = '29:siri.dahl';
const OLA = '29:ola.hansen';
const PER = '29:per.olsen';
const INGRID = '29:ingrid.berg';

describe('the two steps in Agents Playground: a working group recommends, the forum prioritises, the secretariat decides (end to end)', function () {
  this.timeout(60_000);

  let session: E2ESession | undefined;
  const reports: Array<{ id: string; reference: string }> = [];
  const d = () => session!.driver;
  const s = () => session!.app.services;
  const status = async (i: number) => (await s().reports.get(ROUND.id, reports[i].id))!.status;

  /** Presses a button on an item's voting card in the channel open now, as `who`, and returns the answer's text. */
  async function press(card: string, button: string, who: string, answer: string | RegExp): Promise<{ card: Locator; text: string }> {
    await d().clickAction(new RegExp(`^(✓ )?${button}$`), { card: await d().waitForCard(card, { includeOlder: true }), as: who === SIRI ? undefined : who });
    const shown = await d().waitForCard(answer);
    return { card: shown, text: await d().cardText(shown) };
  }

  /** Makes a meeting in the officer's chat (its default agenda) and opens its vote. */
  async function meetingWithVote(groupChoice: string, title: string, items: number): Promise<string> {
    await d().openPersonalChat();
    await d().sendMessage('nytt møte');
    await d().waitForCard('Nytt møte');
    // The demo has two forums; this team is Viken's (Øst is one of its groups).
    await d().choose('forum', VIKEN);
    await d().choose('group', groupChoice);
    await d().fillInput('title', title);
    await d().fillInput('date', '2027-03-12');
    await d().clickAction('Opprett møtet');
    const editor = await d().waitForCard(`Møtet er opprettet med ${items} saker på sakslisten.`);
    const text = await d().cardText(editor);
    await d().clickAction('Åpne avstemningen', { card: editor });
    await d().waitForCard(`Avstemningen er åpnet. ${items} avstemningskort legges ut i kanalen.`);
    return text;
  }

  /** Closes the vote from the meeting's editor in the officer's chat. */
  async function closeFromEditor(title: string, items: number): Promise<void> {
    await d().openPersonalChat();
    const editor = await d().waitForCard(new RegExp(`^${title} [\\s\\S]*Avstemningen er åpnet\\. ${items} avstemningskort`), { includeOlder: true });
    await d().clickAction('Lukk avstemningen', { card: editor });
    await d().waitForCard('Avstemningen er lukket');
  }

  before(async function () {
    this.timeout(90_000);
    const offset = MEETING_DAY - Date.now();
    const siriAad = '2812a501-5704-4ca9-80a6-f231a6a8de3d';
    session = await startE2E({
      name: 'e2etwo',
      // The default rules: two steps, quorum over half, consensus when every mark is the same, the chair on a tie.
      env: { ...FAST_DELIVERY, DEMO_ROUND: '0', SCHEDULER_TICK_MS: '0', BOOTSTRAP_SECRETARIAT: `6893935a-4e95-432b-bd7a-bdba9c0741b1:${siriAad}` },
      now: () => new Date(Date.now() + offset),
      playgroundConfig: (dir) => writeConfigAs(SIRI, dir),
    });
    const driver = session.driver;
    const services = session.app.services;
    const person = (id: string): Persona => {
      const u = driver.user(id);
      return { name: u.name, tenantId: driver.config.tenantId, aadObjectId: u.aadObjectId };
    };
    await seedRound(services);
    for (const r of REPORTS) reports.push(await seedCheckedReport(services, { ...r, network: [], region: 'ostfold' }));
    await grantMember(services, person(OLA), { group: 'ost', organisations: ['952540556'] });
    await grantMember(services, person(PER), { group: 'ost', role: 'chair', organisations: ['971257024'] });
    await grantMember(services, person(INGRID), { group: 'forum', organisations: ['983765238'] });
    await grantMember(services, person(PER), { group: 'forum', role: 'chair', organisations: ['971257024'] });
    const group = driver.team.channels.find((c) => c.name === GROUP_CHANNEL)!;
    const general = driver.team.channels.find((c) => c.name === FORUM_CHANNEL)!;
    assert.equal(general.id, driver.team.id, "General's id is the team's");
    const at = '2027-01-01T00:00:00.000Z';
    await services.groups.assign({
      forum: forumOf('ost'),
      group: 'ost',
      teamId: driver.team.id,
      channelId: group.id,
      channelName: GROUP_CHANNEL,
      assignedBy: 'test',
      assignedAt: at,
    });
    await services.groups.assign({
      forum: forumOf('forum'),
      group: 'forum',
      teamId: driver.team.id,
      channelId: general.id,
      channelName: FORUM_CHANNEL,
      assignedBy: 'test',
      assignedAt: at,
    });
  });

  journeyHooks(() => session);

  it('lets the bot learn both channels when they are opened', async () => {
    const team = d().team.id;
    for (const name of [GROUP_CHANNEL, FORUM_CHANNEL]) {
      await d().openChannel(name);
      const id = d().team.channels.find((c) => c.name === name)!.id;
      await waitFor(`the bot to know ${name}`, async () =>
        Boolean((await s().references.get('channel', '', id, team)) ?? (id === team ? await s().references.get('team', '', team, team) : undefined)),
      );
    }
  });

  it("step one: working group Øst votes in its channel with Anbefal / Ikke anbefal, and the reports get the group's recommendation", async () => {
    await meetingWithVote(`${GROUP_CHANNEL} (${VIKEN})`, GROUP_TITLE, 2);
    await d().openChannel(GROUP_CHANNEL);
    const first = `Sak 1 av 2 · ${GROUP_CHANNEL}`;
    const second = `Sak 2 av 2 · ${GROUP_CHANNEL}`;
    assert.deepEqual(await d().cardActions(await d().waitForCard(first, { includeOlder: true })), [
      'Anbefal',
      'Ikke anbefal',
      'Avstår',
      'Inhabil',
      'More options', // "Les hele behovsmeldingen" is in Teams' "…" menu; the four marks keep the row
    ]);
    await press(first, 'Anbefal', OLA, 'Markeringen din er lagret: Anbefal.');
    await press(first, 'Anbefal', PER, 'Markeringen din er lagret: Anbefal.');
    await press(second, 'Ikke anbefal', OLA, 'Markeringen din er lagret: Ikke anbefal.');
    await press(second, 'Ikke anbefal', PER, 'Markeringen din er lagret: Ikke anbefal.');
    await closeFromEditor(GROUP_TITLE, 2);
    await d().openChannel(GROUP_CHANNEL);
    const closed = await d().cardText(await d().waitForCard(/^Sak 1 av 2 .*Resultat .*Anbefalt \(konsensus\)/, { includeOlder: true }));
    assert.doesNotMatch(closed, /Prioriter/);
    await d().waitForCard(/^Sak 2 av 2 .*Resultat .*Ikke anbefalt \(konsensus\)/, { includeOlder: true });
    assert.deepEqual([await status(0), await status(1)], ['recommended_by_group', 'recommended_by_group']);

    await d().openPersonalChat();
    const rec = await d().cardText(await d().waitForCard(`Arbeidsgruppens anbefaling: ${GROUP_TITLE}`, { includeOlder: true }));
    assert.match(rec, /Anbefalt \(1\) .*Lesing i alle fag/);
    assert.match(rec, /Ikke anbefalt \(1\) .*Vurdering for læring/);
    assert.doesNotMatch(rec, /Prioritert/);
  });

  it("step two: the forum's meeting takes up both with the group's recommendation; it votes Prioriter in General", async () => {
    const editor = await meetingWithVote('Samarbeidsforumet', FORUM_TITLE, 2);
    assert.match(editor, /Anbefalt av Arbeidsgruppe Øst \(2 for, 0 imot, 0 avstår\)/);
    assert.match(editor, /Ikke anbefalt av Arbeidsgruppe Øst \(0 for, 2 imot, 0 avstår\)/);
    await d().openChannel(FORUM_CHANNEL);
    const first = `Sak 1 av 2 · ${VIKEN}`;
    const second = `Sak 2 av 2 · ${VIKEN}`;
    const card = await d().cardText(await d().waitForCard(first, { includeOlder: true }));
    assert.match(card, /Arbeidsgruppens anbefaling Anbefalt av Arbeidsgruppe Øst/);
    // The forum follows the group on the first item and departs from it on the second.
    for (const who of [INGRID, PER]) {
      await press(first, 'Prioriter', who, 'Markeringen din er lagret: Prioriter.');
      await press(second, 'Prioriter', who, 'Markeringen din er lagret: Prioriter.');
    }
    await closeFromEditor(FORUM_TITLE, 2);
    await d().openChannel(FORUM_CHANNEL);
    await d().waitForCard(/^Sak 1 av 2 .*Resultat .*Prioritert \(konsensus\)/, { includeOlder: true });
    await d().waitForCard(/^Sak 2 av 2 .*Resultat .*Prioritert \(konsensus\)/, { includeOlder: true });
    assert.deepEqual([await status(0), await status(1)], ['prioritised', 'prioritised']);
    await d().openPersonalChat();
    const rec = await d().cardText(await d().waitForCard(`Innstilling: ${FORUM_TITLE}`, { includeOlder: true }));
    assert.match(rec, /Prioritert \(2\)/);
  });

  it("then the secretariat decides on the forum's recommendation from the case card", async () => {
    await d().sendMessage(`vis ${reports[0].reference}`);
    const caseCard = await d().waitForCard(`${reports[0].reference}: Lesing i alle fag`);
    await d().clickAction('Registrer vedtak', { card: caseCard });
    const form = await d().waitForCard(`Vedtak for ${reports[0].reference}`);
    await d().clickAction('Registrer vedtak', { card: form });
    await d().waitForCard(new RegExp(`Vedtaket for ${reports[0].reference} er registrert`));
    assert.equal(await status(0), 'granted');
  });
});
