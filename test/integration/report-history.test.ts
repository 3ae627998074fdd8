import assert from 'node:assert/strict';
import type { NeedsReport } from '../../src/domain/report';
import { MAX_REASON_LENGTH } from '../../src/domain/report/lifecycle';
import { invokeCard, returnedAndResubmitted, submitted, useSecretariatBot } from '../support/casework';
import { cardText } from '../support/harness';
import { OFFICER, OWNER } from '../support/personas';

describe('a report whose history outgrows one table property', function () {
  this.timeout(60_000);
  const bot = useSecretariatBot('2026-12-01T09:00:00Z');

  it('keeps every return and resubmission with its whole comment (past 32 K characters), and the case card opens', async () => {
    const h = bot.h();
    const r = await submitted(h, OWNER);
    const comment = (i: number) => `Retur ${i}: ${'Beskriv kompetansebehovet nærmere. '.repeat(60)}`.slice(0, MAX_REASON_LENGTH);
    await returnedAndResubmitted(h, r, 20, comment);
    await h.app.services.reports.setWorkingGroup<NeedsReport>(r.roundId, r.reportId, 'ag-oslo-sor', (cur) => ({
      from: cur.status,
      to: cur.status,
      at: h.app.services.now().toISOString(),
      actor: { role: 'secretariat', id: 'test' },
      reason: 'flyttet',
    }));
    const report = (await h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId))!;
    assert.equal(report.history.length, 1 + 40 + 1);
    assert.ok(JSON.stringify(report.history).length > 40_000, 'longer than one property holds (32 K characters)');
    assert.equal(report.history[39].reason, comment(19));
    assert.equal(report.history.at(-1)?.reason, 'flyttet');
    assert.equal(report.status, 'submitted');
    const card = await invokeCard(h, OFFICER, 'report.check', { roundId: r.roundId, reportId: r.reportId });
    assert.match(cardText(card), new RegExp(r.reference));
  });
});
