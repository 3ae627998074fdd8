import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { analysisClaim } from '../../src/export/analysisExport';
import { DEFAULT_REGIONS, type RegionConfig } from '../../src/domain/regions';
import type { NeedsReport } from '../../src/domain/report';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import type { Round } from '../../src/domain/round';
import { closedRound } from '../support/analysis';
import { invokeCard } from '../support/casework';
import { FAST_DELIVERY, seedChannel, seedUser, waitDrained } from '../support/delivery';
import { tallyKey } from '../../src/storage/aggregates';
import { needsReport, TEAM } from '../support/forum';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { MEMBER, OFFICER, OWNER, TENANT } from '../support/personas';

// Two forums: A (Oslo, Romerike, Østfold) and B (Follo, Asker og Bærum, Buskerud).
const REGIONS: RegionConfig = {
  ...DEFAULT_REGIONS,
  forums: [
    { id: 'forum-a', name: { nb: 'Forum Nord og Øst', en: 'Forum North and East' }, workingGroups: ['oslo', 'nord', 'ost'] },
    { id: 'forum-b', name: { nb: 'Forum Sør og Vest', en: 'Forum South and West' }, workingGroups: ['sor', 'vest', 'nordvest'] },
  ],
};
const round = (year: number) => closedRound('ana', year);
const ORGNRS = ['974760673', '123456785', '921605900', '940192226', '983765238'];
const FORUM_CHANNEL = '19:forum-a@thread.tacv2';

let n = 0;
async function file(h: Harness, r: Round, region: string, owner: number, extra: Partial<NeedsReport> = {}) {
  const sv = h.app.services;
  const data = needsReport(++n, { region, ownerOrgnr: ORGNRS[owner], startYear: r.year, ...extra });
  await sv.reports.submitNew({
    draftId: `ana-${process.pid}-${n}`,
    roundId: r.id,
    reference: `BM-${r.year}-${String(n).padStart(4, '0')}`,
    by: { tenantId: TENANT, aadObjectId: OWNER.aadObjectId },
    summary: summaryOf(data, sv.regions),
    data,
  });
  return `ana-${process.pid}-${n}`;
}

describe('analyse', function () {
  this.timeout(120_000);
  let h: Harness;
  // The configuration object is DEFAULT_REGIONS itself (no REGIONS in the env): its own forums go back after.
  let savedForums: RegionConfig['forums'];

  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId });
    const sv = h.app.services;
    savedForums = sv.regions.forums;
    // In place: the export route holds the same configuration object (put back after these tests).
    sv.regions.forums = REGIONS.forums;
    for (const r of [round(2026), round(2027)]) {
      await sv.rounds.create(r);
      // Forum A: five owners in Oslo and Romerike; forum B: three owners in Follo, one report each.
      for (let o = 0; o < 5; o++) await file(h, r, o % 2 ? 'oslo' : 'romerike', o, { uhName: 'OsloMet' });
      for (let o = 0; o < 3; o++) await file(h, r, 'follo', o, { theme: 'realfag', uhName: 'NMBU' });
    }
    // A decision and a payment in forum A's 2027 round.
    const id = `ana-${process.pid}-9`;
    const at = (to: string) => ({ at: '2027-04-01T00:00:00Z', actor: { role: 'secretariat' as const }, from: 'prioritised' as const, to: to as 'granted' });
    await sv.reports.setStatus('ana-2027', id, () => at('prioritised'));
    await sv.reports.setStatus('ana-2027', id, () => at('granted'), {
      decision: { outcome: 'granted', amounts: [777_000], total: 777_000, at: '2027-04-01T00:00:00Z', by: 'x' },
    });
    await sv.reports.setStatus('ana-2027', id, () => at('paid'), { payment: { at: '2027-05-01T00:00:00Z', by: 'x', schoolYear: 2027, amount: 777_000 } });
    await sv.roles.grant({
      person: { tenantId: TENANT, aadObjectId: MEMBER.aadObjectId },
      forum: 'forum-a',
      role: 'member',
      group: 'forum',
      organisations: [],
      grantedBy: 'test',
      grantedAt: '2027-01-01T00:00:00.000Z',
    });
    await sv.aggregates.settled();
  });
  after(async () => {
    if (h) h.app.services.regions.forums = savedForums;
    await h?.stop();
  });

  it('shows the secretariat every forum and the whole County Governor, with the figures of what was stored', async () => {
    const card = cardOf((await h.send(OFFICER, 'analyse'))[0]);
    const text = cardText(card);
    assert.match(text, /Analyse: hele Statsforvalteren/);
    assert.match(text, /16 meldinger fra 5 eiere\. Innmeldingsrundene 2026–2027, alle ordninger\./);
    assert.match(text, /Innvilget: 777 000 kr · Utbetalt: 777 000 kr/);
    const forums = card.body[3].columns[1].items[0].choices.map((c: any) => c.value);
    assert.deepEqual(forums, ['all', 'forum-a', 'forum-b']);
    const b = await invokeCard(h, OFFICER, 'analysis.show', { forum: 'forum-b', rounds: 'last1', scheme: 'DEKOM' });
    assert.match(
      cardText(b),
      /Analyse: Forum Sør og Vest\n3 meldinger fra 3 eiere\. Innmeldingsrunden 2027, Desentralisert ordning for kompetanseutvikling i grunnskole og videregående opplæring\./,
    );
    assert.match(cardText(b), /Realfag/);
    assert.doesNotMatch(cardText(b), /OsloMet/);
  });

  it('shows a forum member their own forum only, whatever the card asks', async () => {
    const card = cardOf((await h.send(MEMBER, 'analyse'))[0]);
    assert.match(cardText(card), /Analyse: Forum Nord og Øst\n10 meldinger fra 5 eiere/);
    assert.deepEqual(
      card.body[3].columns[1].items[0].choices.map((c: any) => c.value),
      ['forum-a'],
    );
    for (const forum of ['forum-b', 'all']) {
      const asked = cardText(await invokeCard(h, MEMBER, 'analysis.show', { forum }));
      assert.match(asked, /Analyse: Forum Nord og Øst\n10 meldinger/, forum);
      assert.doesNotMatch(asked, /NMBU|Realfag/, forum);
    }
    // No summary button for members; someone with no forum role gets no figures at all.
    assert.ok(!JSON.stringify(card.actions).includes('analysis.summary'));
    const owner = cardText(await invokeCard(h, OWNER, 'analysis.show', {}));
    assert.match(owner, /Analysen er for sekretariatet og medlemmer av et samarbeidsforum/);
    assert.doesNotMatch(owner, /meldinger fra/);
  });

  it('downloads the figures as a workbook and CSV per view, and refuses a member a link to another forum', async () => {
    const links = await invokeCard(h, MEMBER, 'analysis.export', { rounds: 'last3' });
    const urls = links.body.find((b: any) => b.type === 'ActionSet').actions.map((a: any) => a.url);
    const xlsx = await fetch(urls[0]);
    assert.equal(xlsx.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
    const money = wb.getWorksheet('Penger')!;
    assert.deepEqual((money.getRow(2).values as unknown[]).slice(1, 4), ['DEKOM', '2026–2027', 5 * 1_250_000]);
    const csv = await fetch(urls[1]);
    assert.equal(csv.status, 200);
    assert.match(
      await csv.text(),
      /^Ordning;Skoleår;Søkt;Prioritert;Innvilget;Utbetalt\r\nDEKOM;2026–2027;6250000;0;0;0\r\nDEKOM;2027–2028;6250000;1250000;777000;777000\r\n$/,
    );
    // A link for forum B made out to the member (as if they had been a member there once): refused now.
    const forged = h.app.services.exportLinks.sign({
      roundId: 'ana-2027',
      format: 'csv',
      tenantId: TENANT,
      aadObjectId: MEMBER.aadObjectId,
      analysis: analysisClaim({ rounds: 'last3', forum: 'forum-b', scheme: 'all' }, 'money'),
    });
    assert.equal((await fetch(forged.url)).status, 403);
  });

  it('drafts the forum’s annual summary for the secretariat and posts it to the forum’s channel after the confirmation', async () => {
    const sv = h.app.services;
    const draft = await invokeCard(h, OFFICER, 'analysis.summary', { forum: 'forum-a', rounds: 'last1' });
    const text = cardText(draft);
    assert.match(text, /Utkast: bare du ser dette/);
    assert.match(text, /Årsoppsummering 2027–2028: Forum Nord og Øst/);
    assert.match(text, /777 000 kr til 1 kompetansetiltak i skoleåret 2027–2028, av 6,3 millioner kroner søkt i 5 meldinger\./);
    assert.match(text, /Tiltakene er i 1 fylke, hos kommune\./);
    assert.match(text, /Det er 777 000 kr mer enn året før \(0 kr\), og 1 tiltak mot 0\./);
    const noChannel = await invokeCard(h, OFFICER, 'analysis.summaryPost', { forum: 'forum-a', rounds: 'ana-2027' });
    assert.match(cardText(noChannel), /Forum Nord og Øst har ingen kanal ennå/);
    await sv.groups.assign({
      forum: 'forum-a',
      group: 'forum',
      teamId: TEAM,
      channelId: FORUM_CHANNEL,
      assignedBy: 'test',
      assignedAt: '2027-01-01T00:00:00Z',
    });
    await seedChannel(sv.references, h.connector.url, TEAM, FORUM_CHANNEL);
    const posted = await h.invoke(OFFICER, 'analysis.summaryPost', { forum: 'forum-a', rounds: 'ana-2027' });
    assert.match(JSON.stringify(posted.body), /Årsoppsummeringen er lagt ut i kanalen til Forum Nord og Øst/);
    // A double click posts nothing more.
    await h.invoke(OFFICER, 'analysis.summaryPost', { forum: 'forum-a', rounds: 'ana-2027' });
    await waitDrained(sv.outbox);
    const posts = h.connector.sent().filter((r) => r.path === '/v3/conversations' && r.body?.channelData?.channel?.id === FORUM_CHANNEL);
    assert.equal(posts.length, 1);
    const card = cardOf(posts[0].body.activity);
    assert.match(cardText(card), /^Årsoppsummering 2027–2028: Forum Nord og Øst\n777 000 kr til 1 kompetansetiltak/);
    assert.ok(!JSON.stringify(card).includes('analysis.summaryPost'), 'the posted card has no post button');
    // A member may not post it.
    assert.match(cardText(await invokeCard(h, MEMBER, 'analysis.summaryPost', { forum: 'forum-a' })), /bare for sekretariatet|only/i);
  });

  it("recounts the figures on the secretariat's command when a tally was lost, and tells the officer when done", async () => {
    const sv = h.app.services;
    await sv.tables.client('Aggregates').deleteEntity('agg', tallyKey('forum-a', 'ana-2027', 'DEKOM'));
    assert.match(cardText(cardOf((await h.send(OFFICER, 'analyse'))[0])), /11 meldinger fra 5 eiere/);
    // Members may not.
    const [refused] = await h.send(MEMBER, 'analyse gjenoppbygg');
    assert.match(cardText(cardOf(refused)) || refused.text, /bare for sekretariatet/);
    await seedUser(sv.references, h.connector.url, OFFICER.aadObjectId);
    // A job: the harness waits for it, so the answer has the figures (the progress card: jobs.test.ts).
    const [done] = await h.send(OFFICER, 'analyse gjenoppbygg');
    // Every round counted: the two seeded here and the harness's demo round, which has no reports.
    assert.match(cardText(cardOf(done)), /Tallene er telt opp på nytt fra meldingene: 16 meldinger i 3 innmeldingsrunder\./);
    await waitDrained(sv.outbox);
    assert.ok(!h.connector.sent().some((s) => JSON.stringify(s.body).includes('Tallene er telt opp')), 'the figures are not sent a second time');
    assert.match(cardText(cardOf((await h.send(OFFICER, 'analyse'))[0])), /16 meldinger fra 5 eiere/);
  });
});
