import assert from 'node:assert/strict';
import { fakeClock, nowOf } from '../support/clock';
import { personOf, submitted } from '../support/casework';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { COLLEAGUE, MEMBER, OFFICER, OTHER_OWNER, OWNER, TENANT, type Persona } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { actionData, inputsOf, press } from '../support/wizard';

// Colleagues through the bot's HTTP endpoint: who is linked to an owner organisation, adding and
// removing them (by the owner's people and by officers), and what a removed colleague meets next.

const PICKED = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

async function typed(h: Harness, who: Persona, text: string): Promise<any> {
  const [reply] = await h.send(who, text);
  return cardOf(reply);
}

async function card(h: Harness, who: Persona, verb: string, data: Record<string, unknown>): Promise<any> {
  const res = await h.invoke(who, verb, data);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.value;
}

/** The rows of the ReportIndex that hold links and their audit, for "nothing stored". */
async function linkRows(h: Harness, orgnr: string): Promise<string> {
  const p = h.app.services.ownerPeople;
  return JSON.stringify({ links: await p.linksOf(orgnr), audit: await p.auditOf(orgnr) });
}

/** A report for this org. number, filed through the wizard by `who`. */
const fileFor = (h: Harness, who: Persona, orgnr: string, title = 'Lesing i alle fag') =>
  submitted(h, who, { owner: { ...GOOD_INPUT.owner, ownerOrgnr: orgnr }, measure: { ...GOOD_INPUT.measure, title } });

/** The secretariat accepts the report (formal check): the owner's first and only claimant is confirmed by it. */
const accepted = async <T extends { roundId: string; reportId: string }>(h: Harness, filed: T): Promise<T> => {
  await card(h, OFFICER, 'report.checkPass', { roundId: filed.roundId, reportId: filed.reportId });
  return filed;
};

describe('colleagues of an owner', function () {
  this.timeout(120_000);
  const clock = fakeClock('2026-12-01T09:00:00Z');
  let h: Harness;
  before(async () => {
    h = await startHarness({ BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: nowOf(clock) });
  });
  after(async () => {
    await h?.stop();
  });
  beforeEach(() => {
    clock.setSystemTime(new Date('2026-12-01T09:00:00Z'));
  });

  it('lets the filer add a colleague, who then sees and edits the reports; removed, the colleague is refused on the same card at once', async () => {
    const orgnr = '974760673';
    const { reportId, reference } = await accepted(h, await fileFor(h, OWNER, orgnr, 'Lesing i alle fag'));

    // The filer finds the owner under "kolleger", alone on its list, and adds a colleague by ids.
    const mine = await typed(h, OWNER, 'kolleger');
    assert.match(cardText(mine), /Eksempel kommune \(974 760 673\)/);
    let list = await press(h, OWNER, mine, 'colleagues.list');
    assert.match(cardText(list), /Kolleger for Eksempel kommune \(974 760 673\)/);
    assert.match(cardText(list), /Registrert for eieren \(1\)/);
    assert.match(cardText(list), /Kari Nordmann \(deg\)/);
    assert.match(cardText(list), /sendte inn eierens første behovsmelding/);
    assert.throws(() => actionData(list, 'colleagues.remove'), /no colleagues.remove/, 'the last person has no Remove button');
    const form = await press(h, OWNER, list, 'colleagues.addForm');
    assert.equal(inputsOf(form).person['choices.data'].dataset, 'graph.microsoft.com/users', "Teams' people picker");
    assert.equal(inputsOf(form).tenantId.value, TENANT, "the caller's tenant is filled in");
    list = await press(h, OWNER, form, 'colleagues.add', {
      person: '',
      aadObjectId: COLLEAGUE.aadObjectId.toUpperCase(),
      tenantId: TENANT,
      displayName: 'Ola Nordmann',
    });
    assert.match(cardText(list), /Ola Nordmann er lagt til/);
    assert.match(cardText(list), /Registrert for eieren \(2\)/);
    assert.match(cardText(list), /Kari Nordmann la til Ola Nordmann/, 'audited: who added whom');
    assert.ok((await h.app.services.ownerPeople.ownersOf(personOf(COLLEAGUE))).includes(orgnr), 'upper case id is the same person');

    // Adding again changes nothing and audits nothing.
    const before = await linkRows(h, orgnr);
    const again = await press(h, OWNER, form, 'colleagues.add', { person: '', aadObjectId: COLLEAGUE.aadObjectId, tenantId: TENANT, displayName: '' });
    assert.match(cardText(again), /Ola Nordmann er allerede registrert/);
    assert.equal(await linkRows(h, orgnr), before);

    // The colleague sees the owner's report in "mine meldinger", opens it and edits it.
    const theirList = await typed(h, COLLEAGUE, 'mine meldinger');
    assert.match(cardText(theirList), /Lesing i alle fag/);
    const detail = await card(h, COLLEAGUE, 'report.open', { reportId });
    assert.match(cardText(detail), new RegExp(reference));
    let edit = await press(h, COLLEAGUE, detail, 'report.edit');
    edit = await press(h, COLLEAGUE, edit, 'report.goto', { step: 'measure' });
    edit = await press(h, COLLEAGUE, edit, 'report.next', { ...GOOD_INPUT.measure, title: 'Lesing i alle fag, utvidet' });
    const receipt = await press(h, COLLEAGUE, edit, 'report.submit');
    assert.match(cardText(receipt), /Endringene er sendt inn/);
    const edited = (await h.app.services.reports.get<{ title: string }>((await h.app.services.reports.findByReference(reference))!.roundId, reportId))!;
    assert.equal(edited.data.title, 'Lesing i alle fag, utvidet');
    assert.equal(edited.history.at(-1)?.actor.id, `${TENANT}:${COLLEAGUE.aadObjectId}`, 'the edit is the colleague’s');

    // The colleague begins another edit and keeps the cards on screen.
    const detail2 = await card(h, COLLEAGUE, 'report.open', { reportId });
    const openEdit = await press(h, COLLEAGUE, detail2, 'report.edit');

    // The filer removes the colleague, after a confirmation.
    list = await card(h, OWNER, 'colleagues.list', { orgnr });
    assert.match(cardText(list), /Fjern Ola Nordmann/);
    const confirm = await card(h, OWNER, 'colleagues.remove', { orgnr, ...personOf(COLLEAGUE) });
    assert.match(cardText(confirm), /Fjerne Ola Nordmann\?/);
    assert.match(cardText(confirm), /mister tilgangen til meldingene til Eksempel kommune \(974 760 673\) med en gang/);
    list = await press(h, OWNER, confirm, 'colleagues.removeConfirm');
    assert.match(cardText(list), /Ola Nordmann er fjernet/);
    assert.match(cardText(list), /Registrert for eieren \(1\)/);
    assert.match(cardText(list), /Kari Nordmann fjernet Ola Nordmann/, 'audited: who removed whom');

    // At once: every press on the colleague's old cards is refused and says why; nothing of the report is shown.
    const removed = /Du har ikke lenger tilgang til meldingene til denne eieren: du ble fjernet som kollega 1\. desember 2026/;
    for (const [c, verb] of [
      [detail2, 'report.edit'],
      [detail2, 'report.withdraw'],
      [openEdit, 'report.submit'],
      [openEdit, 'report.goto'],
    ] as const) {
      const answer = await press(h, COLLEAGUE, c, verb, verb === 'report.goto' ? { step: 'measure' } : {});
      assert.match(cardText(answer), removed, verb);
      assert.ok(!JSON.stringify(answer).includes('utvidet'), `${verb} reveals nothing`);
    }
    assert.match(cardText(await card(h, COLLEAGUE, 'report.open', { reportId })), removed);
    assert.match(cardText(await typed(h, COLLEAGUE, `vis ${reference}`)), removed);
    assert.match(cardText(await card(h, COLLEAGUE, 'colleagues.list', { orgnr })), removed);
    assert.deepEqual(await h.app.services.drafts.list(personOf(COLLEAGUE)), [], 'the unsent edit is deleted with the removal');
    const emptied = await typed(h, COLLEAGUE, 'mine meldinger');
    assert.ok(!cardText(emptied).includes('Lesing i alle fag'), 'the list is empty');
    assert.match(cardText(emptied), /ingen behovsmeldinger|Du har ingen/i);
    assert.match(cardText(await typed(h, COLLEAGUE, 'kolleger')), /Du er ikke bekreftet for noen eier/);
    assert.equal((await h.app.services.reports.get(edited.roundId, reportId))?.status, 'submitted', 'not withdrawn');

    // "Mine data" tells the colleague about the link they had.
    const data = cardText(await typed(h, COLLEAGUE, 'mine data'));
    assert.match(data, /Eiere du er eller har vært registrert for \(1\)/);
    // Removed, the link is a tombstone (when and by whom it was made are deleted); the name typed stays in the owner's audit trail, and is shown.
    assert.match(data, /974 760 673\)\nFjernet 1\. desember 2026/);
    assert.match(data, /«Ola Nordmann», skrevet inn av Kari Nordmann/);
  });

  it('refuses an outsider who tries to add himself, even after filing for the same org. number, and stores nothing', async () => {
    const orgnr = '970000011';
    await fileFor(h, OWNER, orgnr);
    await fileFor(h, OTHER_OWNER, orgnr, 'Eget tiltak');
    const before = await linkRows(h, orgnr);
    for (const [verb, data] of [
      ['colleagues.add', { orgnr, aadObjectId: OTHER_OWNER.aadObjectId, tenantId: TENANT, person: '', displayName: 'Per' }],
      ['colleagues.add', { orgnr, person: OTHER_OWNER.aadObjectId, aadObjectId: '', tenantId: '', displayName: '' }],
      ['colleagues.list', { orgnr }],
      ['colleagues.addForm', { orgnr }],
      ['colleagues.remove', { orgnr, ...personOf(OWNER) }],
      ['colleagues.removeConfirm', { orgnr, ...personOf(OWNER) }],
    ] as const) {
      const answer = await card(h, OTHER_OWNER, verb, data);
      // Filing made a claim on the owner, held for the secretariat: not one of the owner's people.
      assert.match(cardText(answer), /Du er ikke bekreftet for denne eieren ennå/, verb);
      assert.ok(!cardText(answer).includes('Eksempel kommune'), `${verb} reveals nothing`);
    }
    assert.match(cardText(await typed(h, OTHER_OWNER, `kolleger ${orgnr}`)), /Du er ikke bekreftet for denne eieren ennå/);
    assert.equal(await linkRows(h, orgnr), before);
    assert.deepEqual(await h.app.services.ownerPeople.ownersOf(personOf(OTHER_OWNER)), [], 'filing for an owner with people links no one');
  });

  it('keeps the last person linked: only an officer removes them', async () => {
    const orgnr = '970000038';
    await accepted(h, await fileFor(h, OWNER, orgnr));
    const refused = await card(h, OWNER, 'colleagues.removeConfirm', { orgnr, ...personOf(OWNER) });
    assert.match(cardText(refused), /Du kan ikke fjerne den siste som er registrert for eieren/);
    assert.deepEqual(
      (await h.app.services.ownerPeople.linksOf(orgnr)).filter((l) => !l.removedAt).map((l) => l.person.aadObjectId),
      [OWNER.aadObjectId],
    );
  });

  it('lets an officer add and remove people for any owner, from a command or the case card, audited as the secretariat', async () => {
    const orgnr = '970000046';
    const { reference } = await fileFor(h, OWNER, orgnr);
    clock.tick(60_000);
    // Accepting the report confirms its filer, the owner's first and only claimant.
    const caseCard = await press(h, OFFICER, await typed(h, OFFICER, `vis ${reference}`), 'report.checkPass');
    let list = await press(h, OFFICER, caseCard, 'colleagues.list');
    assert.match(cardText(list), /Du ser dette som sekretariat/);
    assert.match(cardText(list), /Registrert for eieren \(1\)/);
    // The people picker: the chosen user is in the officer's own organisation.
    list = await press(h, OFFICER, await press(h, OFFICER, list, 'colleagues.addForm'), 'colleagues.add', {
      person: PICKED,
      aadObjectId: '',
      tenantId: TENANT,
      displayName: '',
    });
    assert.match(cardText(list), new RegExp(`${PICKED} er lagt til`));
    assert.match(cardText(list), /Siri Statsforvalter \(sekretariatet\) la til/);
    assert.ok((await h.app.services.ownerPeople.ownersOf({ tenantId: TENANT, aadObjectId: PICKED })).includes(orgnr));

    // By typed command too, and down to nobody: the officer may remove the last one.
    list = await typed(h, OFFICER, `kolleger ${orgnr}`);
    for (const who of [OWNER.aadObjectId, PICKED]) {
      clock.tick(60_000);
      const confirm = await card(h, OFFICER, 'colleagues.remove', { orgnr, tenantId: TENANT, aadObjectId: who });
      list = await press(h, OFFICER, confirm, 'colleagues.removeConfirm');
      assert.match(cardText(list), /er fjernet/);
    }
    assert.match(cardText(list), /Ingen er registrert for eieren nå/);
    assert.match(cardText(list), /Siri Statsforvalter \(sekretariatet\) fjernet Kari Nordmann/, 'the filer is named by the Teams name they filed with');
    assert.deepEqual(
      (await h.app.services.ownerPeople.auditOf(orgnr)).map((e) => [e.action, e.asOfficer]),
      [
        ['removed', true],
        ['removed', true],
        ['added', true],
        ['autoConfirmed', true],
        ['claimed', false],
      ],
    );
    // The filer is refused at once, as any removed colleague.
    assert.match(cardText(await typed(h, OWNER, `vis ${reference}`)), /du ble fjernet som kollega/);
    // A member of a group is no officer.
    assert.match(cardText(await card(h, MEMBER, 'colleagues.list', { orgnr })), /Du er ikke registrert for denne eieren/);
  });

  it('names what is wrong with pasted ids at their fields, in the caller’s language, keeping what was typed and storing nothing', async () => {
    const orgnr = '970000054';
    await accepted(h, await fileFor(h, OWNER, orgnr));
    const form = await card(h, OWNER, 'colleagues.addForm', { orgnr });
    const before = await linkRows(h, orgnr);
    const typedIn = { person: '', aadObjectId: 'ola.nordmann@eksempel.no', tenantId: '1234', displayName: 'Ola Nordmann' };
    const back = await press(h, OWNER, form, 'colleagues.add', typedIn);
    const text = cardText(back);
    assert.match(text, /Noe må rettes før personen kan legges til/);
    assert.match(text, /Bruker-id-en må være en GUID/);
    assert.match(text, /Tenant-ID-en må være en GUID/);
    const inputs = inputsOf(back);
    assert.deepEqual([inputs.aadObjectId.value, inputs.tenantId.value, inputs.displayName.value], [typedIn.aadObjectId, typedIn.tenantId, typedIn.displayName]);

    const empty = await press(h, OWNER, form, 'colleagues.add', { person: '', aadObjectId: '', tenantId: '', displayName: '' });
    assert.match(cardText(empty), /Velg en person, eller lim inn bruker-id-en/);
    assert.match(cardText(empty), /Fyll inn organisasjonens tenant-ID/);

    const english = await h.post({
      ...h.personalActivity({ ...OWNER, locale: 'en-US' }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'colleagues.add', data: { ...actionData(form, 'colleagues.add'), ...typedIn } }, trigger: 'manual' },
    });
    assert.match(cardText(english.body.value), /The user id must be a GUID/);
    const nynorsk = await h.post({
      ...h.personalActivity({ ...OWNER, locale: 'nn-NO' }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'colleagues.add', data: { ...actionData(form, 'colleagues.add'), ...typedIn } }, trigger: 'manual' },
    });
    assert.match(cardText(nynorsk.body.value), /Brukar-id-en må vere ein GUID/);
    assert.equal(await linkRows(h, orgnr), before, 'nothing stored');
    // A made-up org. number names no owner.
    assert.match(cardText(await card(h, OWNER, 'colleagues.list', { orgnr: '123456789' })), /Skriv «kolleger» alene/);
  });
});
