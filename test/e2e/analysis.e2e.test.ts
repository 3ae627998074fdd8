import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT } from '../../src/app/paths';
import type { NeedsReport } from '../../src/domain/report';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { closedRound } from '../support/analysis';
import { needsReport } from '../support/forum';
import { writeConfigAs } from './driver';
import { journeyHooks, startE2E, type E2ESession } from './session';

// The secretariat's `analyse` in the Agents Playground, which draws Teams' charts (Chart.VerticalBar,
// HorizontalBar, Donut, Line): the chart JSON is what a real renderer takes. Clients without charts
// show each chart's fallback (test/unit/analysis-cards.test.ts renders that with Microsoft's
// parser). E2E_README_SHOTS=1 saves the card as the README shows it (docs/images/analysis-playground.png).

const SIRI = '29:siri.dahl';
const ORGNRS = ['974760673', '123456785', '921605900', '940192226', '983765238', '971567376'];
const THEMES = ['lesing', 'sprak', 'realfag', 'ledelse'] as const;

const round = (year: number) => closedRound('e2e-ana', year, { REKOM: 5_000_000, DEKOM: 10_000_000, KOMPLOFT: 3_000_000 });

describe('the secretariat reads the analysis in Agents Playground (end to end)', function () {
  this.timeout(60_000);
  let session: E2ESession | undefined;
  const d = () => session!.driver;

  before(async function () {
    this.timeout(120_000);
    const siriAad = '2812a501-5704-4ca9-80a6-f231a6a8de3d';
    session = await startE2E({
      name: 'e2eana',
      env: { DEMO_ROUND: '0', SCHEDULER_TICK_MS: '0', BOOTSTRAP_SECRETARIAT: `6893935a-4e95-432b-bd7a-bdba9c0741b1:${siriAad}` },
      playgroundConfig: (dir) => writeConfigAs(SIRI, dir),
    });
    const sv = session.app.services;
    const regions = ['oslo', 'romerike', 'follo', 'ostfold', 'drammen-kongsberg'];
    let n = 0;
    for (const r of [round(2026), round(2027)]) {
      await sv.rounds.create(r);
      for (let i = 0; i < 18; i++) {
        const overrides: Partial<NeedsReport> = {
          ownerOrgnr: ORGNRS[i % ORGNRS.length],
          ownerType: i % 5 === 4 ? 'privat' : 'kommune',
          region: regions[i % regions.length],
          theme: THEMES[i % THEMES.length],
          scheme: (['DEKOM', 'REKOM', 'DEKOM'] as const)[i % 3],
          uhName: i % 2 ? 'OsloMet' : 'Universitetet i Sørøst-Norge',
          startYear: r.year,
          years: 1,
        };
        const data = needsReport(++n, overrides);
        const id = `e2e-ana-${n}`;
        await sv.reports.submitNew({
          draftId: `e2e-ana-${n}`,
          roundId: r.id,
          reference: `BM-${r.year}-${String(n).padStart(4, '0')}`,
          by: { tenantId: '6893935a-4e95-432b-bd7a-bdba9c0741b1', aadObjectId: siriAad },
          summary: summaryOf(data, sv.regions),
          data,
        });
        // Two in three prioritised and granted (a part when the forum said less), half of those paid.
        if (i % 3 === 2) continue;
        const move = (to: 'prioritised' | 'granted' | 'paid') => () => ({
          at: `${r.year}-04-01T00:00:00Z`,
          actor: { role: 'secretariat' as const },
          from: 'submitted' as const,
          to,
        });
        const amount = i % 2 ? 1_250_000 : 900_000;
        await sv.reports.setStatus(r.id, id, move('prioritised'));
        await sv.reports.setStatus(r.id, id, move('granted'), {
          decision: {
            outcome: amount === 1_250_000 ? 'granted' : 'partly_granted',
            amounts: [amount],
            total: amount,
            at: `${r.year}-04-01T00:00:00Z`,
            by: 'e2e',
          },
        });
        if (i % 2) await sv.reports.setStatus(r.id, id, move('paid'), { payment: { at: `${r.year}-05-01T00:00:00Z`, by: 'e2e', schoolYear: r.year, amount } });
      }
    }
    await sv.aggregates.settled();
    await d().openPersonalChat();
  });

  journeyHooks(() => session);

  it('draws every view as a chart, labelled with what was stored', async () => {
    await d().sendMessage('analyse');
    const card = await d().waitForCard('Analyse: hele Statsforvalteren');
    const text = await d().cardText(card);
    assert.match(text, /36 meldinger fra 6 eiere\. Innmeldingsrundene 2026–2027, alle ordninger\./);
    for (const view of [
      'Søkt, prioritert, innvilget og utbetalt per ordning og skoleår',
      'Utviklingen over innmeldingsrundene',
      'Tema',
      'Fylker',
      'UH-partnere',
    ]) {
      assert.ok(text.includes(view), `${view} in:\n${text}`);
    }
    // The charts' axes and labels, as the Playground draws them: the rounds on the trend, themes, counties, partners.
    assert.match(text, /Utviklingen over innmeldingsrundene .*2026 2027 Søkt Innvilget Utbetalt/);
    assert.match(text, /Tema .*Lesing Språk Ledelse Realfag/);
    assert.match(text, /Fylker .*Akershus Oslo Buskerud Østfold/);
    assert.match(text, /UH-partnere .*OsloMet Universitetet i Sørøst-Norge/);
    // No chart fell back: the fallback's words are not on screen.
    assert.doesNotMatch(text, /Søkt: \d/);
    if (process.env.E2E_README_SHOTS) {
      // The pointer off the card, so no chart shows a hover tooltip in the picture.
      await (d() as unknown as { page: { mouse: { move(x: number, y: number): Promise<void> } } }).page.mouse.move(0, 0);
      await d().screenshotCard(card, path.join(ROOT, 'docs', 'images', 'analysis-playground.png'));
    }
  });
});
