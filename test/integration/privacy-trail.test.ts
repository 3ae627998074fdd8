import assert from 'node:assert/strict';
import type { TableClient } from '@azure/data-tables';
import { cardOf, cardText, type Harness } from '../support/harness';
import { COLLEAGUE, MEMBER, OFFICER, OWNER, TENANT, type Persona } from '../support/personas';
import { press } from '../support/wizard';
import { invokeCard, personOf, sentCard, useSecretariatBot, waitForSent } from '../support/casework';
import { GOOD_USAGE, paidReport } from '../support/usage';
import { forumOf, agendaItem, grantMember, meetingOf } from '../support/forum';

/**
 * "My data" is complete (issue 21): besides drafts, reports, owners and roles, it lists what others
 * typed about the person and what their own presses left: the name and organisations in a grant,
 * the name a colleague typed when adding them, their vote marks, the usage reports they sent and
 * the audit entries they made. And what is removed is deleted: a removed colleague's link keeps
 * only a tombstone, a removed member's grant rows are gone.
 */
describe('"mine data" is complete, and removal deletes', function () {
  this.timeout(120_000);
  const bot = useSecretariatBot('2026-12-01T09:00:00Z');
  const clock = bot.clock;
  let h: Harness;
  before(() => {
    h = bot.h();
  });
  const myData = async (who: Persona) => cardText(cardOf((await h.send(who, 'mine data'))[0]));
  const rowsOf = async (table: string, pk: string) => {
    const client: TableClient = h.app.services.tables.client(table);
    const out: Array<Record<string, unknown>> = [];
    for await (const r of client.listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq '${pk}'` } })) out.push(r);
    return out;
  };
  const key = (p: Persona) => `${p.tenantId}_${p.aadObjectId}`;

  it("lists a colleague's typed name, usage reports sent and changes made, and deletes all but a tombstone when the colleague is removed", async () => {
    const orgnr = '974760673';
    const r = await paidReport(h, clock, OWNER);
    // The secretariat confirmed the filer's claim (only confirmed people add colleagues).
    await h.app.services.ownerPeople.confirm(orgnr, personOf(OWNER), { id: 'test', asOfficer: true });
    const added = await invokeCard(h, OWNER, 'colleagues.add', {
      orgnr,
      person: '',
      aadObjectId: COLLEAGUE.aadObjectId,
      tenantId: TENANT,
      displayName: 'Ola Skrevet Inn',
    });
    assert.match(cardText(added), /Ola Skrevet Inn er lagt til/);

    // The owner sends the usage report of the paid school year.
    const [notice] = await waitForSent(h, `${r.reference}: tilskuddet er utbetalt`);
    clock.setSystemTime(new Date('2028-09-01T08:00:00Z'));
    const form = await press(h, OWNER, sentCard(notice), 'usage.open');
    assert.match(cardText(await press(h, OWNER, form, 'usage.submit', GOOD_USAGE)), new RegExp(r.reference));

    const owner = await myData(OWNER);
    assert.match(owner, /Rapporteringer du har sendt inn \(1\)\n1\. september 2028 kl\. 10\.00\nBM-2027-\d{4}, skoleåret 2027–2028/);
    assert.match(owner, /Endringer du har gjort som er logget \(\d+\)/);
    assert.match(owner, /974 760 673: Du la til Ola Skrevet Inn/);
    assert.match(owner, /Stemmene dine \(0\)/);

    const colleague = await myData(COLLEAGUE);
    assert.match(colleague, /Navn andre har skrevet inn om deg \(1\)\n974 760 673\n«Ola Skrevet Inn», skrevet inn av Kari Nordmann/);
    assert.match(colleague, /Rapporteringer du har sendt inn \(0\)/);

    // Removed: the link keeps the person's ids and when and by whom, nothing typed about them.
    const confirm = await invokeCard(h, OWNER, 'colleagues.remove', { orgnr, ...personOf(COLLEAGUE) });
    assert.match(cardText(await press(h, OWNER, confirm, 'colleagues.removeConfirm')), /Ola Skrevet Inn er fjernet/);
    const [link] = (await rowsOf('ReportIndex', `om_${orgnr}`)).filter((row) => row.rowKey === key(COLLEAGUE));
    assert.ok(link?.removedAt, 'a tombstone stays, so the removed person stays refused');
    for (const gone of ['displayName', 'addedAt', 'addedBy', 'addedByName']) assert.equal(link[gone], undefined, gone);
    const [side] = (await rowsOf('ReportIndex', `m_${key(COLLEAGUE)}`)).filter((row) => row.rowKey === orgnr);
    assert.ok(side?.removedAt);
    assert.equal(side.addedBy, undefined);
    assert.equal(side.addedAt, undefined);
    // What is still stored about them is still shown to them: the name as the owner's audit trail keeps it.
    const after = await myData(COLLEAGUE);
    assert.match(after, /Fjernet 1\. september 2028/);
    assert.match(after, /«Ola Skrevet Inn», skrevet inn av Kari Nordmann/);
    assert.match(await myData(OWNER), /974 760 673: Du fjernet Ola Skrevet Inn/);
    // The removed colleague is refused the owner's report as before.
    assert.match(cardText(await invokeCard(h, COLLEAGUE, 'report.open', { reportId: r.reportId })), /fjernet/);
  });

  it("lists a member's grant as stored (name, organisations) and their vote marks; removed, the grant's rows are gone and the marks stay listed", async () => {
    await grantMember(h.app.services, { ...MEMBER, name: 'Ingrid Berg (Asker)' }, { organisations: ['974760673', '123456785'] });
    const item = agendaItem(7);
    // Its vote open: the mark is read from the item while it is, and kept in the member's index once they leave.
    const meeting = meetingOf([item], {
      id: '9999998213000000-privacy1',
      title: 'Vårmøte Vest',
      vote: { id: 'privacy1', status: 'open', openedAt: '2027-03-12T10:00:00.000Z', openedBy: personOf(OFFICER) },
    });
    await h.app.services.meetings.create(meeting);
    await h.app.services.meetings.putItem(meeting.id, item);
    await h.app.services.votes.put(meeting.id, item.reportId, {
      voter: personOf(MEMBER),
      teamsUserId: `29:${MEMBER.aadObjectId}`,
      role: 'member',
      mark: 'prioritise',
      at: '2027-03-12T10:05:00.000Z',
    });

    const shown = await myData(MEMBER);
    assert.match(
      shown,
      /Roller \(1\)\nMedlem, Arbeidsgruppe Vest\nNavn: Ingrid Berg \(Asker\)\. Organisasjoner du representerer: 974 760 673, 123 456 785\. Gitt 1\. januar 2027\./,
    );
    assert.match(shown, /Stemmene dine \(1\)\n12\. mars 2027 kl\. 11\.05\nPrioriter på BM-2027-0007, Vårmøte Vest \(12\. mars 2027\)/);
    const en = cardText(cardOf((await h.send({ ...MEMBER, locale: 'en-GB' }, 'my data'))[0]));
    assert.match(en, /Your votes \(1\)[\s\S]*on BM-2027-0007, Vårmøte Vest \(12 March 2027\)/);

    // Removed from the group: no row of the grant is left, by person or by group.
    await h.app.services.roles.revoke(personOf(MEMBER), forumOf('vest'), 'member', 'vest');
    assert.deepEqual(await rowsOf('Roles', `p_${key(MEMBER)}`), []);
    assert.deepEqual(
      (await rowsOf('Roles', `g_${forumOf('vest')}_vest`)).filter((row) => String(row.rowKey).includes(MEMBER.aadObjectId)),
      [],
    );
    // The marks are the vote's record until the round is purged, and still the member's data to see.
    const later = await myData(MEMBER);
    assert.match(later, /Roller \(0\)/);
    assert.match(later, /Stemmene dine \(1\)/);
  });
});
