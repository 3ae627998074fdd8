import assert from 'node:assert/strict';
import { translator } from '../../src/domain/i18n';
import { formatSchoolYear } from '../../src/domain/report';
import type { Decision } from '../../src/domain/decision';
import type { ReportStatus } from '../../src/domain/report/lifecycle';
import type { Round } from '../../src/domain/round';
import { schemeName } from '../../src/domain/schemes';
import { shownLines, ledgerLineText, readLedger, scopeName } from '../../src/teams/money/ledgerRead';
import { FAST_DELIVERY, seedUser, waitDrained, waitSettled } from '../support/delivery';
import { FORUM, ROUND, seedCheckedReport, twoForums } from '../support/forum';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, TENANT } from '../support/personas';
import { fakeClock, nowOf } from '../support/clock';

/**
 * The secretariat's daily summary reads its money from the ledger (issue 22's rule): with two
 * forums and a budget each, the morning card shows each forum's ledger line per scheme and the
 * County Governor's total, the same sentences `oversikt` shows and the ledger computes.
 */
const round: Round = {
  ...ROUND,
  status: 'open',
  deadline: '2027-02-01T22:59:00.000Z',
  counties: ['oslo', 'akershus'],
  budgets: { REKOM: 3_000_000, DEKOM: 9_000_000, KOMPLOFT: 0 },
  budgetSplit: 'perForum',
  forumBudgets: {
    'forum-oslo': { REKOM: 1_000_000, DEKOM: 3_000_000, KOMPLOFT: 0 },
    'forum-akershus': { REKOM: 2_000_000, DEKOM: 6_000_000, KOMPLOFT: 0 },
  },
};

const nb = translator('nb');
const flat = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the daily summary reads the ledger, per forum (two forums)', function () {
  this.timeout(120_000);
  const clock = fakeClock('2026-12-01T09:00:00Z');
  let h: Harness;

  before(async () => {
    h = await startHarness(
      { ...FAST_DELIVERY, SCHEDULER_TICK_MS: '0', BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, REGIONS: JSON.stringify(twoForums(FORUM)) },
      { now: nowOf(clock) },
    );
    const s = h.app.services;
    await s.rounds.create(round);
    await seedUser(s.references, h.connector.url, OFFICER.aadObjectId);
    // Oslo: one two-year DEKOM granted in part, one REKOM prioritised. Akershus: a DEKOM granted, a DEKOM prioritised.
    const plan: Array<{ region: string; scheme: 'DEKOM' | 'REKOM'; to: ReportStatus; amounts?: number[] }> = [
      { region: 'grorud', scheme: 'DEKOM', to: 'partly_granted', amounts: [900_000, 700_000] },
      { region: 'sondre', scheme: 'REKOM', to: 'prioritised' },
      { region: 'lillestrom', scheme: 'DEKOM', to: 'granted', amounts: [1_250_000, 1_000_000] },
      { region: 'ski', scheme: 'DEKOM', to: 'prioritised' },
    ];
    for (const p of plan) {
      const { id } = await seedCheckedReport(s, { region: p.region, scheme: p.scheme } as never);
      const at = new clock.Date().toISOString();
      const decision: Decision | undefined = p.amounts
        ? { outcome: p.to as Decision['outcome'], amounts: p.amounts, total: p.amounts[0] + p.amounts[1], at, by: 'test', reason: 'Delvis' }
        : undefined;
      await s.reports.setStatus(round.id, id, (from) => ({ from, to: p.to, at, actor: { role: 'secretariat', id: 'test' } }), decision ? { decision } : {});
    }
  });
  after(async () => {
    await h.stop();
  });

  const factsOf = (card: any): Record<string, string> =>
    Object.fromEntries((card.body as any[]).flatMap((b) => (b.type === 'FactSet' ? b.facts : [])).map((f: any) => [flat(f.title), flat(f.value)]));

  it("shows each forum's ledger line and the total, equal to the ledger and to oversikt", async () => {
    // The officer's first command stores them as an officer (with their tenant); the overview they see.
    const overview = factsOf((await h.invoke(OFFICER, 'overview.show', { verb: 'overview.show', roundId: round.id })).body.value);
    clock.setSystemTime(new Date('2026-12-02T06:00:00Z')); // 07:00 in Oslo
    // The harness's demo round is open too: one summary per round.
    assert.equal((await h.app.scheduler.tick()).summaries.filter((k) => k.startsWith(`summary:${round.id}:`)).length, 1);
    await waitSettled(h.app.services.outbox, `summary:${round.id}:2026-12-02:${TENANT}:${OFFICER.aadObjectId}`);
    await waitDrained(h.app.services.outbox);
    const sent = h.connector
      .sent()
      .filter((r) => decodeURIComponent(r.path).includes(`a:personal-${OFFICER.aadObjectId}/activities`))
      .map((r) => cardOf(r.body))
      .filter((c) => /Daglig oppsummering .*: innmeldingsrunde 2027/.test(cardText(c)) && cardText(c).includes('Samarbeidsforum Akershus'));
    assert.equal(sent.length, 1);
    const summary = factsOf(sent[0]);

    const { ledger } = await readLedger(h.app.services, round);
    const lines = shownLines(ledger.lines);
    // Both forums have money in DEKOM, Oslo also in REKOM: three lines of their own.
    assert.deepEqual(lines.map((l) => `${l.scope}|${l.scheme}`).sort(), [
      'forum-akershus|DEKOM',
      'forum-akershus|REKOM',
      'forum-oslo|DEKOM',
      'forum-oslo|REKOM',
    ]);
    const year = formatSchoolYear(ledger.schoolYear);
    for (const l of lines) {
      const title = `${nb('ledger.title', { schoolYear: year, scope: scopeName(nb, 'nb', h.app.services, l.scope) })} · ${schemeName(nb, l.scheme, 'short')}`;
      assert.equal(summary[title], flat(ledgerLineText(nb, 'nb', l)), title);
    }
    // The figures themselves, from the seeded decisions: Oslo's DEKOM granted 900 000 of 3 000 000, Akershus's 1 250 000 + 1 000 000 prioritised.
    const oslo = ledger.lines.find((l) => l.scope === 'forum-oslo' && l.scheme === 'DEKOM')!;
    const akershus = ledger.lines.find((l) => l.scope === 'forum-akershus' && l.scheme === 'DEKOM')!;
    assert.deepEqual([oslo.granted, oslo.later, oslo.left], [900_000, 700_000, 2_100_000]);
    assert.equal(akershus.granted, 1_250_000);
    assert.equal(akershus.prioritised, 1_000_000 + 250_000);
    assert.match(summary[`${nb('ledger.total', { schoolYear: year })} · ${schemeName(nb, 'DEKOM', 'short')}`], /innvilget 2 150 000 kr/);
    assert.equal(summary[nb('overview.budget')], '12 000 000 kr');

    // The overview the officer opened shows the same money.
    const money = Object.entries(summary).filter(([title]) => title.includes(' · '));
    assert.equal(money.length, 6);
    for (const [title, value] of money) assert.equal(overview[title], value, title);
  });
});
