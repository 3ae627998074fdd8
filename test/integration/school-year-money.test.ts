import assert from 'node:assert/strict';
import { EXPORT_COLUMNS } from '../../src/domain/exportRows';
import { FAST_DELIVERY, waitFor } from '../support/delivery';
import { CHANNEL, FORUM, grantMember, member, pressInChannel, seedCheckedReport, seedGroupChannel, seedOfficerChat, seedRound } from '../support/forum';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER } from '../support/personas';
import { actionData } from '../support/wizard';

/**
 * A round's budget is for one school year (2027–2028 in round 2027). Three DEKOM measures of
 * one, two and three years ask 2 350 000 kr of that year and bind 1 900 000 kr for later years;
 * every card and the export must say the same.
 */
describe('money counted per school year through a whole round', function () {
  this.timeout(120_000);
  const clock = { now: new Date('2027-03-01T09:00:00Z') };
  let h: Harness;
  const VOTER = member(41, 'Vera Velger');
  const measures = [
    { title: 'Ett år', years: 1, amounts: [{ owner: 400_000, uh: 100_000, ownContribution: 150_000 }] },
    {
      title: 'To år',
      years: 2,
      amounts: [
        { owner: 1_000_000, uh: 250_000, ownContribution: 375_000 },
        { owner: 800_000, uh: 200_000, ownContribution: 300_000 },
      ],
    },
    {
      title: 'Tre år',
      years: 3,
      amounts: [
        { owner: 600_000, uh: 0, ownContribution: 180_000 },
        { owner: 500_000, uh: 0, ownContribution: 150_000 },
        { owner: 400_000, uh: 0, ownContribution: 120_000 },
      ],
    },
  ];
  const THIS_YEAR = '2 350 000 kr';
  const LATER = '1 900 000 kr';
  const reports: Array<{ id: string; reference: string }> = [];

  before(async () => {
    // One step keeps the money's path short: the group's vote is the recommendation decided on.
    h = await startHarness(
      { ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, DEMO_ROUND: '0', FORUM_RULES: '{"steps":"one"}' },
      { now: () => clock.now },
    );
    const s = h.app.services;
    await seedRound(s);
    await seedGroupChannel(s, h.connector.url);
    await seedOfficerChat(s, h.connector.url, OFFICER);
    await grantMember(s, VOTER);
    for (const m of measures) reports.push(await seedCheckedReport(s, { ...m, title: m.title, startYear: 2027 }));
  });
  after(async () => {
    await h.stop();
  });

  const officer = async (verb: string, data: Record<string, unknown> = {}) => {
    const res = await h.invoke(OFFICER, verb, { verb, ...data });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.value;
  };
  const flat = (text: string) => text.replace(/\n/g, ' ');

  it('shows the same per-year sums on overview, agenda, recommendation, decisions, payment and export', async () => {
    const s = h.app.services;
    // Overview: this school year against the budget, later years as commitments.
    const [reply] = await h.send(OFFICER, 'oversikt');
    const overview = flat(cardText(cardOf(reply)));
    assert.match(overview, new RegExp(`Søkt for skoleåret 2027–2028 ${THIS_YEAR}`));
    assert.match(overview, new RegExp(`Bundet for senere år ${LATER}`));
    assert.match(overview, new RegExp(`Søkt ${THIS_YEAR} av 90 000 000 kr \\(2,6 %\\)\\. Meldinger: 3\\. Bundet for senere år: ${LATER}\\.`));

    // The agenda editor and the posted agenda.
    const form = await officer('meeting.new');
    const editor = await officer('meeting.create', {
      ...actionData(form, 'meeting.create'),
      group: 'vest',
      roundId: 'r2027',
      title: 'Pengemøte',
      date: '2027-03-12',
    });
    assert.match(
      flat(cardText(editor)),
      new RegExp(`Desentralisert ordning \\(skole\\) ${THIS_YEAR} av 90 000 000 kr \\(3 saker\\) Bundet for senere år: ${LATER}\\.`),
    );
    const meetingId = actionData(editor, 'vote.open').meetingId as string;
    await officer('vote.open', { meetingId });
    let agenda = '';
    await waitFor('the posted agenda', () => {
      agenda =
        h.connector
          .sent()
          .filter((r) => r.path === '/v3/conversations')
          .map((r) => flat(cardText(r.body.activity.attachments[0].content)))
          .find((t) => t.includes('Pengemøte')) ?? '';
      return agenda !== '';
    });
    assert.match(agenda, new RegExp(`Desentralisert ordning \\(skole\\) ${THIS_YEAR} av 90 000 000 kr \\(3 saker\\) Bundet for senere år: ${LATER}\\.`));

    // One elector prioritises all three; the recommendation counts this year and shows the rest apart.
    const meeting = (await s.meetings.get(FORUM, meetingId))!;
    for (const r of reports) {
      const res = await pressInChannel(h, VOTER, CHANNEL, 'vote.mark', { meetingId, reportId: r.id, v: meeting.vote!.id, mark: 'prioritise' });
      assert.equal(res.status, 200);
    }
    await officer('vote.close', { meetingId });
    let rec = '';
    await waitFor('the recommendation', () => {
      rec =
        h.connector
          .sent()
          .filter((r) => decodeURIComponent(r.path).includes(`a:personal-${OFFICER.aadObjectId}`))
          .map((r) => flat(cardText(r.body.attachments?.[0]?.content)))
          .find((t) => t.includes('Innstilling')) ?? '';
      return rec !== '';
    });
    assert.match(rec, new RegExp(`Desentralisert ordning \\(skole\\): ${THIS_YEAR} av 90 000 000 kr \\(3 saker\\) Bundet for senere år: ${LATER}\\.`));

    // Decisions: the list per report, then all three granted as requested in one go.
    const [list] = await h.send(OFFICER, 'vedtak 2027');
    const listed = flat(cardText(cardOf(list)));
    assert.match(listed, /Prioritert · 1 250 000 kr \(2027–2028\) · Bundet for senere år: 1 000 000 kr\./);
    assert.match(listed, /Prioritert · 500 000 kr \(2027–2028\) ·/);
    const confirm = flat(cardText(await officer('decision.grantAll', { roundId: 'r2027' })));
    assert.match(confirm, new RegExp(`Innvilg 3 prioriterte meldinger som søkt: ${THIS_YEAR} for skoleåret 2027–2028, og ${LATER} bundet for senere år\\?`));
    const done = flat(cardText(await officer('decision.grantAllConfirm', { roundId: 'r2027' })));
    assert.match(done, new RegExp(`3 meldinger er innvilget som søkt, til sammen ${THIS_YEAR}`));
    assert.match(done, new RegExp(`Innvilget for skoleåret 2027–2028: ${THIS_YEAR}\\. Bundet for senere år: ${LATER}\\.`));

    // A payment pays one school year: the three-year measure gets 600 000 kr now.
    const three = { roundId: 'r2027', reportId: reports[2].id };
    assert.match(flat(cardText(await officer('decision.paid', three))), /Utbetaling for skoleåret 2027–2028: Registrere .* som utbetalt \(600 000 kr\)/);
    await officer('decision.paidConfirm', three);
    const paid = await s.reports.get('r2027', reports[2].id);
    assert.deepEqual([paid?.status, paid?.payment?.schoolYear, paid?.payment?.amount], ['paid', 2027, 600_000]);

    // The export: per school year, the granted amounts add up to the same numbers.
    const [exp] = await h.send(OFFICER, 'eksport 2027');
    let csvUrl = '';
    JSON.stringify(cardOf(exp), (_k, v) => {
      if (v?.type === 'Action.OpenUrl' && v.title === 'Last ned CSV') csvUrl = v.url;
      return v;
    });
    const csv = (await (await fetch(csvUrl)).text()).replace(/^\uFEFF/, '');
    const lines = csv
      .split('\r\n')
      .filter(Boolean)
      .map((l) => l.split(';'));
    const header = EXPORT_COLUMNS.map((c) => c.header);
    const col = (name: string) => header.indexOf(name);
    assert.deepEqual(lines[0], header);
    const byYear: Record<string, number> = {};
    for (const row of lines.slice(1)) {
      assert.equal(row.length, header.length, 'no field holds a separator');
      byYear[row[col('Barnehage-/skoleår')]] = (byYear[row[col('Barnehage-/skoleår')]] ?? 0) + Number(row[col('Vedtatt beløp (kr)')]);
    }
    assert.deepEqual(byYear, { '2027–2028': 2_350_000, '2028–2029': 1_500_000, '2029–2030': 400_000 });
    const paidRows = lines.slice(1).filter((r) => r[col('Utbetalt')] !== '');
    assert.deepEqual(
      paidRows.map((r) => [r[col('Tittel på tiltaket')], r[col('Barnehage-/skoleår')]]),
      [['Tre år', '2027–2028']],
      'paid: one school year',
    );
  });
});
