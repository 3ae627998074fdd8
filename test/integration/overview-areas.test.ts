import assert from 'node:assert/strict';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, TENANT } from '../support/personas';
import { fakeClock, nowOf } from '../support/clock';
import { ROUND, SEEDED_FORUM, needsReport, seedRound } from '../support/forum';

/**
 * `oversikt` lists the reports waiting for a formal check by the forum plan's priority areas (the
 * plan's first area first, as agendas are ordered), then as before: oldest first. Each line names
 * the areas in the forum's words.
 */
describe('the overview ordered by priority area', function () {
  this.timeout(60_000);
  const clock = fakeClock('2026-12-01T09:00:00Z');
  let h: Harness;
  before(async () => {
    h = await startHarness({ BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: nowOf(clock) });
    const s = h.app.services;
    await seedRound(s);
    await s.plans.save({
      forum: SEEDED_FORUM,
      areas: [
        { id: 'a1', name: { nb: 'Lesing og skriving' } },
        { id: 'a2', name: { nb: 'Inkludering' } },
      ],
      updatedBy: { tenantId: TENANT, aadObjectId: OFFICER.aadObjectId },
      updatedAt: '2026-11-30T09:00:00.000Z',
    });
    // Filed in this order, an hour apart: none, a2, a1, a2+a1, a2.
    const filed: Array<[string, string[] | undefined]> = [
      ['Uten område', undefined],
      ['Inkludering først', ['a2']],
      ['Lesing først', ['a1']],
      ['Begge', ['a2', 'a1']],
      ['Inkludering sist', ['a2']],
    ];
    for (const [i, [title, areas]] of filed.entries()) {
      clock.setSystemTime(new Date(Date.parse('2026-12-01T09:00:00Z') + i * 3_600_000));
      const data = needsReport(900 + i, { title, ...(areas ? { priorityAreas: areas } : {}) } as never);
      await s.reports.submitNew({
        draftId: `area-${i}`,
        roundId: ROUND.id,
        reference: `BM-2027-09${String(i).padStart(2, '0')}`,
        by: { tenantId: TENANT, aadObjectId: `00000000-0000-4000-8000-0000000008${String(i).padStart(2, '0')}` },
        summary: summaryOf(data, s.regions),
        data,
      });
    }
  });
  after(async () => {
    await h.stop();
  });

  it('lists the waiting reports by the plan’s first area, then oldest first, naming the areas', async () => {
    const res = await h.invoke(OFFICER, 'overview.show', { verb: 'overview.show', roundId: ROUND.id });
    const lines = cardText(res.body.value)
      .replace(/[\u00a0\u202f]/g, ' ')
      .split('\n')
      .filter((l) => l.startsWith('BM-2027-09'));
    assert.deepEqual(
      lines.map((l) => l.split(' · ')[2]),
      ['Lesing først', 'Begge', 'Inkludering først', 'Inkludering sist', 'Uten område'],
    );
    assert.match(lines[1], / · Lesing og skriving, Inkludering$/);
    assert.match(lines[2], / · Inkludering$/);
    assert.doesNotMatch(lines[4], /Inkludering|Lesing og skriving/);
  });
});
