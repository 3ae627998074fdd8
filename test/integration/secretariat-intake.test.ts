import assert from 'node:assert/strict';
import { BAR_COLOURS } from '../../src/teams/cards/barColours';
import type { ReportStatus } from '../../src/domain/report/lifecycle';
import { FAST_DELIVERY, seedUser, waitDrained, waitSettled } from '../support/delivery';
import { cardOf, cardText, startHarness, uniquePrefix, type Harness } from '../support/harness';
import { COLLEAGUE, FOREIGN, OFFICER, OTHER_OWNER, OWNER, TENANT, type Persona } from '../support/personas';
import { actionData, fillReport, press } from '../support/wizard';
import { fakeClock, nowOf } from '../support/clock';

const FORUM = 'oslo-viken';
const personOf = (p: Persona) => ({ tenantId: p.tenantId, aadObjectId: p.aadObjectId });

/** Proactive messages that reached a person's personal chat, as their cards. */
function personalCards(h: Harness, who: Persona): any[] {
  return h.connector
    .sent()
    .filter((r) => decodeURIComponent(r.path).includes(`a:personal-${who.aadObjectId}/activities`))
    .map((r) => cardOf(r.body));
}

async function submit(h: Harness, who: Persona) {
  const review = await fillReport(h, who);
  const receipt = await press(h, who, review, 'report.submit');
  return { reportId: actionData(review, 'report.submit').draftId as string, reference: /BM-\d{4}-\d{4}/.exec(cardText(receipt))![0] };
}

async function withdraw(h: Harness, who: Persona, reportId: string) {
  const confirm = (await h.invoke(who, 'report.withdraw', { reportId })).body.value;
  await press(h, who, confirm, 'report.withdrawConfirm');
}

/** A second officer, from another tenant, stored as an officer already. */
async function secondOfficer(h: Harness) {
  await h.app.services.roles.grant({
    person: personOf(FOREIGN),
    forum: FORUM,
    role: 'secretariat',
    group: 'secretariat',
    displayName: 'Eve',
    organisations: [],
    grantedBy: 'test',
    grantedAt: '2026-11-01T00:00:00.000Z',
  });
  await seedUser(h.app.services.references, h.connector.url, FOREIGN.aadObjectId, FOREIGN.tenantId);
}

describe("the secretariat's intake notifications", function () {
  this.timeout(90_000);

  it('batches reports submitted and withdrawn within a few minutes into one digest card per officer, with two instances ticking', async () => {
    const clock = fakeClock('2026-12-01T09:00:00Z'); // the demo round is created now
    const prefix = uniquePrefix();
    const env = { ...FAST_DELIVERY, TABLE_PREFIX: prefix, SCHEDULER_TICK_MS: '0', BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId };
    const a = await startHarness(env, { now: nowOf(clock) });
    const b = await startHarness(env, { now: nowOf(clock) });
    try {
      await seedUser(a.app.services.references, a.connector.url, OFFICER.aadObjectId);
      await a.send(OFFICER, 'oversikt'); // a configuration officer's first use stores their grant
      await secondOfficer(a);

      clock.setSystemTime(new Date('2026-12-01T09:01:00Z'));
      const first = await submit(a, OWNER);
      clock.setSystemTime(new Date('2026-12-01T09:02:00Z'));
      const second = await submit(b, COLLEAGUE);
      clock.setSystemTime(new Date('2026-12-01T09:03:00Z'));
      const third = await submit(a, OTHER_OWNER);
      clock.setSystemTime(new Date('2026-12-01T09:04:00Z'));
      await withdraw(b, COLLEAGUE, second.reportId);

      const tickBoth = () => Promise.all([a.app.scheduler.tick(), b.app.scheduler.tick()]);
      clock.setSystemTime(new Date('2026-12-01T09:05:10Z')); // the window has ended, but late writes may still land
      assert.deepEqual(
        (await tickBoth()).flatMap((r) => r.digests),
        [],
      );
      clock.setSystemTime(new Date('2026-12-01T09:05:40Z'));
      const ticks = await tickBoth();
      assert.equal(ticks.flatMap((r) => r.digests).length, 2, 'one digest for each of the two officers');
      await tickBoth();
      for (const who of [OFFICER, FOREIGN])
        await waitSettled(a.app.services.outbox, `digest:demo-2027:${Date.parse('2026-12-01T09:00:00Z')}:${who.tenantId}:${who.aadObjectId}`);
      await waitDrained(a.app.services.outbox);

      const digests = personalCards(a, OFFICER).filter((c) => /Nytt i innmeldingen/.test(cardText(c)));
      assert.equal(digests.length, 1);
      const text = cardText(digests[0]);
      assert.match(text, /4 nye hendelser/);
      for (const r of [first, second, third]) assert.match(text, new RegExp(`${r.reference} · Sendt inn`));
      assert.match(text, new RegExp(`${second.reference} · Trukket`));
      assert.match(text, /Eksempel kommune/);
      assert.match(text, /Desentralisert ordning/);
      assert.match(text, /2 250 000 kr/);
      assert.ok(actionData(digests[0], 'overview.show'));
      assert.equal(personalCards(a, FOREIGN).filter((c) => /Nytt i innmeldingen/.test(cardText(c))).length, 1, 'the other officer got the same digest once');
      assert.equal(personalCards(a, OWNER).length, 0, 'owners get no digests');

      // The next window holds only what happened in it.
      clock.setSystemTime(new Date('2026-12-01T09:07:00Z'));
      await withdraw(a, OTHER_OWNER, third.reportId);
      clock.setSystemTime(new Date('2026-12-01T09:10:31Z'));
      await tickBoth();
      await waitSettled(a.app.services.outbox, `digest:demo-2027:${Date.parse('2026-12-01T09:05:00Z')}:${TENANT}:${OFFICER.aadObjectId}`);
      await waitDrained(a.app.services.outbox, OFFICER);
      const next = personalCards(a, OFFICER).filter((c) => /Nytt i innmeldingen/.test(cardText(c)));
      assert.equal(next.length, 2);
      assert.match(cardText(next[1]), /1 ny hendelse/);
      assert.match(cardText(next[1]), new RegExp(`${third.reference} · Trukket`));
      assert.doesNotMatch(cardText(next[1]), new RegExp(first.reference));

      // A quiet window sends nothing.
      clock.setSystemTime(new Date('2026-12-01T09:20:31Z'));
      assert.deepEqual(
        (await tickBoth()).flatMap((r) => r.digests),
        [],
      );
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  describe('overview and daily summary', () => {
    const clock = fakeClock('2026-12-01T09:00:00Z');
    let h: Harness;
    before(async () => {
      h = await startHarness({ ...FAST_DELIVERY, SCHEDULER_TICK_MS: '0', BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: nowOf(clock) });
      await seedUser(h.app.services.references, h.connector.url, OFFICER.aadObjectId);
      await secondOfficer(h);
      // Reports straight into storage: schemes, groups, owner types and statuses of every kind.
      const plan: Array<[string, string, string, number, ReportStatus]> = [
        ['DEKOM', 'oslo', 'kommune', 1_250_000, 'submitted'],
        ['DEKOM', 'vest', 'kommune', 2_000_000, 'formally_checked'],
        ['DEKOM', 'vest', 'fylkeskommune', 750_000, 'submitted'],
        ['REKOM', 'nord', 'privat', 300_000, 'submitted'],
        ['REKOM', 'oslo', 'privat', 45_000_000, 'returned'],
        ['KOMPLOFT', 'ost', 'kommune', 600_000, 'withdrawn'],
        ['KOMPLOFT', 'sor', 'fylkeskommune', 900_000, 'formally_checked'],
      ];
      for (const [i, [scheme, workingGroup, ownerType, totalRequested, status]] of plan.entries()) {
        const id = `seed-${i}`;
        const by = { tenantId: TENANT, aadObjectId: `00000000-0000-4000-8000-0000000009${String(i).padStart(2, '0')}` };
        await h.app.services.reports.submitNew({
          draftId: id,
          roundId: 'demo-2027',
          reference: `BM-2027-${String(i + 1).padStart(4, '0')}`,
          by,
          data: { title: `Tiltak ${i}` },
          summary: { ownerName: `Eier ${i}`, ownerOrgnr: '974760673', ownerType, scheme, region: 'oslo', workingGroup, title: `Tiltak ${i}`, totalRequested },
        });
        if (status !== 'submitted') {
          await h.app.services.reports.setStatus('demo-2027', id, (from) => ({
            at: new clock.Date().toISOString(),
            actor: { role: 'secretariat', id: 'test' },
            from,
            to: status,
          }));
        }
      }
    });
    after(async () => {
      await h.stop();
    });

    const factsOf = (card: any, heading: RegExp) => {
      const body = card.body as any[];
      const at = body.findIndex((b) => b.type === 'TextBlock' && heading.test(b.text));
      return Object.fromEntries(body[at + 1].facts.map((f: any) => [f.title, f.value.replace(/[\u00a0\u202f]/g, ' ')]));
    };

    it('shows counts and sums per scheme, working group and owner type that match the stored reports, with a bar per scheme', async () => {
      const [reply] = await h.send(OFFICER, 'oversikt');
      const card = cardOf(reply);
      const text = cardText(card);
      const totals = Object.fromEntries((card.body[2].facts as any[]).map((f) => [f.title, f.value.replace(/[\u00a0\u202f]/g, ' ')]));
      // The round's school year (2027–2028) against the budget; these one-year reports bind nothing later.
      assert.deepEqual(totals, {
        Meldinger: '6',
        'Søkt for skoleåret 2027–2028': '50 200 000 kr',
        'Bundet for senere år': '0 kr',
        'Samlet ramme': '160 000 000 kr',
        Trukket: '1',
      });
      assert.match(text, /Søkt 4 000 000 kr av 90 000 000 kr \(4,4 %\)\. Meldinger: 3\./);
      assert.match(text, /Søkt 45 300 000 kr, 5 300 000 kr over rammen på 40 000 000 kr\. Meldinger: 2\./);
      assert.match(text, /Søkt 900 000 kr av 30 000 000 kr \(3 %\)\. Meldinger: 1\./);
      assert.deepEqual(factsOf(card, /Per arbeidsgruppe/), {
        'Arbeidsgruppe Oslo': 'Meldinger: 2 · 46 250 000 kr',
        'Arbeidsgruppe Nord': 'Meldinger: 1 · 300 000 kr',
        'Arbeidsgruppe Sør': 'Meldinger: 1 · 900 000 kr',
        'Arbeidsgruppe Øst': 'Meldinger: 0 · 0 kr',
        'Arbeidsgruppe Vest': 'Meldinger: 2 · 2 750 000 kr',
        'Arbeidsgruppe Nordvest': 'Meldinger: 0 · 0 kr',
      });
      assert.deepEqual(factsOf(card, /Per eiertype/), {
        Kommune: 'Meldinger: 2 · 3 250 000 kr',
        Fylkeskommune: 'Meldinger: 2 · 1 650 000 kr',
        'Privat eier': 'Meldinger: 2 · 45 300 000 kr',
      });
      assert.match(text, /Venter på formell kontroll: 3/);
      assert.match(text, /BM-2027-0001 · Eier 0 · Tiltak 0 · 1 250 000 kr/);
      // The bars: REKOM is over budget (blue part, red part), DEKOM well within (blue sliver, grey rest);
      // each part a plain column holding an image of its colour (no padding, so drawn to scale).
      const colourOf = (col: any) => Object.entries(BAR_COLOURS).find(([, url]) => url === col.items?.[0]?.url)?.[0] ?? col.style;
      const bars = (card.body as any[])
        .filter((b) => b.type === 'Container' && b.items?.[1]?.type === 'ColumnSet')
        .map((c) => c.items[1].columns.map((col: any) => [colourOf(col), col.width]));
      assert.deepEqual(bars, [
        [
          ['accent', 88],
          ['attention', 12],
        ],
        [
          ['accent', 4],
          ['emphasis', 96],
        ],
        [
          ['accent', 3],
          ['emphasis', 97],
        ],
      ]);
      assert.ok(JSON.stringify(card).length < 80_000);
    });

    it('sends each officer a daily summary once a day, from 07:00 Oslo time', async () => {
      const summaries = (who: Persona) => personalCards(h, who).filter((c) => /Daglig oppsummering/.test(cardText(c)));
      clock.setSystemTime(new Date('2026-12-02T05:59:00Z')); // 06:59 in Oslo
      assert.deepEqual((await h.app.scheduler.tick()).summaries, []);
      clock.setSystemTime(new Date('2026-12-02T06:00:00Z'));
      assert.equal((await h.app.scheduler.tick()).summaries.length, 2);
      clock.setSystemTime(new Date('2026-12-02T15:00:00Z'));
      assert.deepEqual((await h.app.scheduler.tick()).summaries, []);
      await waitSettled(h.app.services.outbox, `summary:demo-2027:2026-12-02:${TENANT}:${OFFICER.aadObjectId}`);
      await waitDrained(h.app.services.outbox);
      assert.equal(summaries(OFFICER).length, 1);
      assert.equal(summaries(FOREIGN).length, 1);
      assert.match(cardText(summaries(OFFICER)[0]), /Daglig oppsummering 2\. desember 2026: innmeldingsrunde 2027/);
      assert.match(cardText(summaries(OFFICER)[0]), /Venter på formell kontroll: 3/);

      clock.setSystemTime(new Date('2026-12-03T06:30:00Z'));
      await h.app.scheduler.tick();
      await waitSettled(h.app.services.outbox, `summary:demo-2027:2026-12-03:${TENANT}:${OFFICER.aadObjectId}`);
      await waitDrained(h.app.services.outbox, OFFICER);
      assert.equal(summaries(OFFICER).length, 2);
    });
  });
});
