import assert from 'node:assert/strict';
import { FAST_DELIVERY } from '../support/delivery';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { COLLEAGUE, MEMBER, OFFICER, OTHER_OWNER, OWNER, TENANT, type Persona } from '../support/personas';
import { JobRuns } from '../../src/storage/jobRuns';
import { GOOD_INPUT } from '../support/reportInput';
import { actionData, inputsOf, passOwnerSteps, press, startReport } from '../support/wizard';
import { TO_PRIORITISED, invokeCard, moveTo, personOf, sentCard, submitted, waitForSent, useSecretariatBot } from '../support/casework';
import { fakeClock, nowOf } from '../support/clock';

async function myData(h: Harness, who: Persona): Promise<any> {
  const [reply] = await h.send(who, 'mine data');
  const card = cardOf(reply);
  assert.ok(card, 'answers with a card');
  return card;
}

/** Leaves a draft at the measure step with this title. */
async function draftTitled(h: Harness, who: Persona, title: string): Promise<void> {
  let card = await startReport(h, who);
  card = await passOwnerSteps(h, who, card);
  await press(h, who, card, 'report.next', { ...GOOD_INPUT.measure, title });
}

describe('personal data', function () {
  this.timeout(120_000);
  const bot = useSecretariatBot('2026-12-01T09:00:00Z');
  const clock = bot.clock;
  let h: Harness;
  before(() => {
    h = bot.h();
  });

  describe('"mine data" / "my data"', () => {
    it('shows a user their own drafts, reports, owners and chat, and nothing of anyone else', async () => {
      const r = await submitted(h, OWNER);
      await draftTitled(h, OWNER, 'Kari sitt utkast');
      await draftTitled(h, OTHER_OWNER, 'Per sitt hemmelige utkast');
      const text = cardText(await myData(h, OWNER));
      assert.match(text, /Dine data i Kompetansebot/);
      assert.match(text, /Personlig chat med boten[\s\S]*Ja, sist oppdatert/);
      assert.match(text, /Kari sitt utkast/);
      assert.match(text, new RegExp(`Behovsmeldinger du har sendt inn \\(\\d+\\)[\\s\\S]*Lesing i alle fag\\n${r.reference}, sendt inn`));
      assert.match(
        text,
        /Eiere du er eller har vært registrert for \(1\)\nEksempel kommune \(974 760 673\)\nRegistrert 1\. desember 2026 da du sendte inn eierens første behovsmelding/,
      );
      assert.match(text, /Du har ingen roller/);
      assert.doesNotMatch(text, /Per sitt hemmelige utkast/);

      const other = cardText(await myData(h, OTHER_OWNER));
      assert.match(other, /Per sitt hemmelige utkast/);
      assert.doesNotMatch(other, /Kari sitt utkast/);
      assert.match(other, /Du har ikke sendt inn noen behovsmeldinger/);
      assert.match(other, /Du er ikke registrert for noen eier/);
    });

    it("explains that submitted reports are kept as public records and whom to contact, in the user's language", async () => {
      const nb = cardText(await myData(h, COLLEAGUE));
      assert.match(nb, /Innsendte behovsmeldinger slettes ikke/);
      assert.match(nb, /arkivplikten[\s\S]*offentleglova[\s\S]*kontakt sekretariatet hos Statsforvalteren/);
      const nn = cardText(await myData(h, { ...COLLEAGUE, locale: 'nn-NO' }));
      assert.match(nn, /Innsende behovsmeldingar blir ikkje sletta/);
      const [reply] = await h.send({ ...COLLEAGUE, locale: 'en-US' }, 'my data');
      const en = cardText(cardOf(reply));
      assert.match(en, /Your data in Kompetansebot/);
      assert.match(en, /Submitted needs reports are not deleted[\s\S]*Archives Act[\s\S]*contact the secretariat/);
    });

    it('shows an officer their role', async () => {
      await h.app.services.roles.of(personOf(OFFICER));
      const text = cardText(await myData(h, OFFICER));
      assert.match(text, /Roller \(1\)\nSekretariatet\nNavn: ingen\. Organisasjoner du representerer: ingen\. Gitt i bottens oppsett\./);
    });

    it("deletes only the caller's drafts after a confirmation, keeps submitted reports, and a second press deletes nothing", async () => {
      const who: Persona = { name: 'Liv Sletter', tenantId: OWNER.tenantId, aadObjectId: '00000000-0000-4000-8000-000000000021' };
      const r = await submitted(h, who);
      await draftTitled(h, who, 'Første utkast');
      await draftTitled(h, who, 'Andre utkast');
      await draftTitled(h, OTHER_OWNER, 'Skal bli stående');
      const card = await myData(h, who);
      const confirm = await press(h, who, card, 'privacy.deleteDrafts');
      assert.match(cardText(confirm), /Slette alle utkastene dine\?\n2 utkast blir slettet for godt/);
      assert.equal((await h.app.services.drafts.list(personOf(who))).length, 2, 'nothing deleted before the confirmation');

      const done = await press(h, who, confirm, 'privacy.deleteDraftsConfirm');
      assert.match(cardText(done), /2 utkast ble slettet\. Innsendte behovsmeldinger er tatt vare på/);
      assert.equal((await h.app.services.drafts.list(personOf(who))).length, 0);
      assert.ok((await h.app.services.drafts.list(personOf(OTHER_OWNER))).some((d: any) => d.data.report?.title === 'Skal bli stående'));
      assert.equal((await h.app.services.reports.get(r.roundId, r.reportId))?.status, 'submitted', 'the submitted report is kept');
      const owners = await h.app.services.drafts.ownersWithDrafts(r.roundId);
      assert.ok(!owners.some((o) => o.owner.aadObjectId === who.aadObjectId), 'no reminder goes out for deleted drafts');

      const again = await press(h, who, confirm, 'privacy.deleteDraftsConfirm');
      assert.match(cardText(again), /Du har ingen utkast å slette/);
      assert.doesNotMatch(cardText(await myData(h, who)), /Slett utkastene mine/);
    });

    it('shows nothing in a channel, pointing to the personal chat', async () => {
      const [reply] = await h.send(OWNER, 'mine data', {
        conversation: { id: '19:channel@thread.tacv2', conversationType: 'channel', tenantId: OWNER.tenantId },
      });
      const text = cardText(cardOf(reply)) || String(reply?.text ?? '');
      assert.match(text, /personlig chat med meg/);
      assert.doesNotMatch(text, /Dine data|Lesing i alle fag|974760673/);
    });
  });

  describe('logs', () => {
    it('name the activity and the conversation of the turn that wrote them', async () => {
      const who: Persona = { name: 'Turid Tråd', tenantId: OWNER.tenantId, aadObjectId: '00000000-0000-4000-8000-000000000023' };
      await draftTitled(h, who, 'Et utkast');
      const res = await h.invoke(who, 'privacy.deleteDraftsConfirm', {}, { id: 'activity-with-a-log-line' });
      assert.equal(res.status, 200);
      const line = h.logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'privacy.draftsDeleted' && l.activityId === 'activity-with-a-log-line');
      assert.ok(line, 'the turn logged with its activity id');
      assert.deepEqual([line.level, line.count, line.conversationId], ['info', 1, `a:personal-${who.aadObjectId}`]);
    });

    it('carry no contact name, e-mail, phone, owner name or free text through a submit, an edit, a return and a decision', async () => {
      const secret = {
        contactName: 'Gunnhild Loggløs',
        contactEmail: 'gunnhild.loggfri@hemmelig.example',
        contactPhone: '98 76 54 32',
        ownerName: 'Hemmeligvik kommune',
        title: 'Tiltak Zyxwvu',
        needAndGoal: 'Behovet Qwertz er stort',
        uhContact: 'Professor Blåbærsyltetøy',
      };
      const who: Persona = { name: 'Gunnhild Loggløs', tenantId: OWNER.tenantId, aadObjectId: '00000000-0000-4000-8000-000000000022' };
      const from = h.logLines.length;
      const r = await submitted(h, who, {
        owner: {
          ...GOOD_INPUT.owner,
          ownerName: secret.ownerName,
          contactName: secret.contactName,
          contactEmail: secret.contactEmail,
          contactPhone: secret.contactPhone,
        },
        measure: { ...GOOD_INPUT.measure, title: secret.title, needAndGoal: secret.needAndGoal },
        partner: { ...GOOD_INPUT.partner, uhContact: secret.uhContact },
      });
      // An edit by the owner.
      const detail = await invokeCard(h, who, 'report.open', { reportId: r.reportId });
      let step = await press(h, who, detail, 'report.edit');
      step = await h.invoke(who, 'report.goto', { ...actionData(step, 'report.submit'), step: 'measure' }).then((x) => x.body.value);
      assert.equal(inputsOf(step).title.value, secret.title);
      step = await press(h, who, step, 'report.next', { ...GOOD_INPUT.measure, title: secret.title, needAndGoal: `${secret.needAndGoal} og endret` });
      assert.match(cardText(await press(h, who, step, 'report.submit')), /Endringene er sendt inn/);
      // The secretariat returns it with a comment naming the contact, then (after the forum) decides.
      const comment = `Ring ${secret.contactName} på ${secret.contactPhone}`;
      const check = await invokeCard(h, OFFICER, 'report.check', r);
      const form = await press(h, OFFICER, check, 'report.return');
      await press(h, OFFICER, form, 'report.returnConfirm', { comment });
      await waitForSent(h, `${r.reference} er sendt tilbake til deg`);
      await moveTo(h, r, TO_PRIORITISED);
      clock.setSystemTime(new Date('2027-04-02T08:30:00Z'));
      const decisionForm = await press(h, OFFICER, await invokeCard(h, OFFICER, 'report.check', r), 'decision.form');
      const reason = `Avslått fordi ${secret.ownerName} mangler plan`;
      const decided = await press(h, OFFICER, decisionForm, 'decision.record', { outcome: 'partly_granted', grant1: '600 000', grant2: '0', reason });
      assert.match(cardText(decided), /er registrert/);
      const [told] = await waitForSent(h, r.reference, 2);
      assert.ok(sentCard(told));

      const lines = h.logLines.slice(from).join('\n');
      assert.ok(lines.length > 0, 'the journey was logged');
      assert.ok(lines.includes(r.reportId), 'the logs name the report by its id');
      for (const value of [...Object.values(secret), comment, reason, who.name, 'gunnhild', '98765432']) {
        assert.ok(!lines.toLowerCase().includes(value.toLowerCase()), `the logs mention ${value}`);
      }
    });
  });

  describe('purging old rounds', () => {
    const clock2 = fakeClock('2020-12-01T09:00:00Z');
    let p: Harness;
    let old: { roundId: string; reportId: string; reference: string };
    const recent = { roundId: 'r-2024', reportId: 'report-2024' };

    before(async () => {
      // The demo round is the 2021 round while the clock says December 2020.
      p = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, ROUND_RETENTION_YEARS: '3' }, { now: nowOf(clock2) });
      old = await submitted(p, OWNER, { money: { ...GOOD_INPUT.money, startYear: '2021' } });
      await draftTitled(p, OWNER, 'Gammelt utkast');
      await p.app.services.rounds.update(old.roundId, (r) => ({ ...r, status: 'closed' }));
      clock2.setSystemTime(new Date('2026-12-01T09:00:00Z'));
      await p.app.services.rounds.create({
        id: recent.roundId,
        year: 2024,
        counties: ['Akershus'],
        deadline: '2024-02-01T22:59:00.000Z',
        status: 'closed',
        budgets: { REKOM: 1, DEKOM: 1, KOMPLOFT: 1 },
        createdAt: '2023-10-01T00:00:00.000Z',
      });
      const summary = {
        ownerName: 'Eksempel kommune',
        ownerOrgnr: '974760673',
        ownerType: 'kommune',
        scheme: 'DEKOM',
        region: 'asker-baerum',
        workingGroup: 'wg',
        title: 'Nyere tiltak',
        totalRequested: 1,
      };
      await p.app.services.reports.importSubmitted(recent.roundId, [
        { draftId: recent.reportId, reference: 'BM-2024-0001', by: personOf(OWNER), summary, data: {} },
      ]);
      // A meeting in each round, with one agenda item and one member's mark.
      for (const [meetingId, r] of [
        ['m-old', old],
        ['m-recent', recent],
      ] as const) {
        await p.app.services.meetings.create({
          id: meetingId,
          forum: p.app.services.regions.id,
          group: 'forum',
          roundId: r.roundId,
          title: 'Møte',
          date: '2021-03-01',
          order: [r.reportId],
          revision: 0,
          createdBy: personOf(OFFICER),
          createdAt: new clock2.Date().toISOString(),
        });
        await p.app.services.tables.client('Meetings').upsertEntity({ partitionKey: `i_${meetingId}`, rowKey: r.reportId });
        await p.app.services.votes.put(meetingId, r.reportId, {
          voter: personOf(MEMBER),
          teamsUserId: `29:${MEMBER.aadObjectId}`,
          role: 'member',
          mark: 'prioritise',
          at: new clock2.Date().toISOString(),
        });
      }
    });
    after(async () => {
      await p.stop();
    });

    it('refuses anyone but the secretariat, deleting nothing', async () => {
      const [reply] = await p.send(OWNER, 'slett gamle runder');
      assert.match(cardText(cardOf(reply)), /Dette er bare for sekretariatet/);
      const pressed = await invokeCard(p, OWNER, 'round.purgeConfirm', { roundIds: [old.roundId] });
      assert.match(cardText(pressed), /Dette er bare for sekretariatet/);
      assert.ok(await p.app.services.rounds.get(old.roundId));
      assert.ok(await p.app.services.reports.get(old.roundId, old.reportId));
    });

    it('shows what will be deleted, then deletes only rounds past retention with their reports, drafts and indexes', async () => {
      const [reply] = await p.send(OFFICER, 'slett gamle runder');
      const card = cardOf(reply);
      const text = cardText(card);
      assert.match(text, /Innmeldingsrunder med frist før 1\. des(\.|ember) 2023 er eldre enn oppbevaringstiden på 3 år/);
      assert.match(text, /Innmeldingsrunde 2021 \(frist[^)]*\)\nBehovsmeldinger\n1\nTidligere versjoner\n1\nUtkast\n1\nMøter\n1\nStemmer\n1/);
      assert.doesNotMatch(text, /Innmeldingsrunde 2024|Innmeldingsrunde 2027/);
      assert.ok(await p.app.services.reports.get(old.roundId, old.reportId), 'nothing deleted before the confirmation');

      // The round's long jobs: their rows name the officer, and a checkpoint the person it stopped at.
      const runs = new JobRuns(p.app.services.tables);
      const jobIds = (roundId: string) => [`round.open:${roundId}`, `reminders:${roundId}:7d`, `usage-reminders:${roundId}`];
      for (const id of [...jobIds(old.roundId), ...jobIds(recent.roundId)]) {
        const at = new Date().toISOString();
        const base = {
          kind: 'round.open',
          input: {},
          status: 'done' as const,
          done: 1,
          total: 1,
          figures: {},
          locale: 'nb',
          createdAt: at,
          updatedAt: at,
          failures: 0,
        };
        await runs.start({ ...base, id, by: `${TENANT}:${OFFICER.aadObjectId}`, cursor: { after: `${TENANT}:${OWNER.aadObjectId}` } });
      }

      const done = await press(p, OFFICER, card, 'round.purgeConfirm');
      assert.match(cardText(done), /Slettet: 1 innmeldingsrunde med 1 behovsmelding/);
      for (const id of jobIds(old.roundId)) assert.equal(await runs.get(id), undefined, `${id} purged`);
      for (const id of jobIds(recent.roundId)) assert.ok(await runs.get(id), `${id} stays`);
      const s = p.app.services;
      assert.equal(await s.rounds.get(old.roundId), undefined);
      assert.equal(await s.reports.get(old.roundId, old.reportId), undefined);
      assert.equal(await s.reports.findByReference(old.reference), undefined);
      assert.deepEqual(await s.reports.versions(old.reportId), []);
      assert.deepEqual(await s.reports.eventsOf(old.roundId), []);
      assert.deepEqual(await s.reports.visibleTo(personOf(OWNER)), []);
      assert.ok(!(await s.drafts.list(personOf(OWNER))).some((d) => d.roundId === old.roundId), "the old round's drafts are gone");
      assert.equal(await s.meetings.get(s.regions.id, 'm-old'), undefined);
      assert.deepEqual(await s.votes.of('m-old', old.reportId), []);
      assert.ok(await s.meetings.get(s.regions.id, 'm-recent'), 'a meeting of a round within retention stays');
      assert.equal((await s.votes.of('m-recent', recent.reportId)).length, 1);
      assert.ok(await s.rounds.get(recent.roundId), 'a round within retention stays');
      assert.ok(await s.reports.get(recent.roundId, recent.reportId), 'and so do its reports');

      const again = await press(p, OFFICER, card, 'round.purgeConfirm');
      assert.match(cardText(again), /Ingen innmeldingsrunder er eldre enn oppbevaringstiden på 3 år/);
      const [later] = await p.send(OFFICER, 'purge old rounds', { locale: 'en-US' });
      assert.match(cardText(cardOf(later)), /No filing round is older than the retention period of 3 years/);
    });
  });
});
