import assert from 'node:assert/strict';
import { MAX_ACTIVITY_BYTES } from '../../src/teams/cards/budget';
import { pickLocale, translator } from '../../src/domain/i18n';
import { schemeName } from '../../src/domain/schemes';
import { GALLERY_LOCALES } from '../support/gallery/capture';
import { CardRenderer } from '../support/gallery/render';
import { distinctCards, inspect, visibleText, type Distinct } from '../support/gallery/survey';
import { cardElements } from '../support/wizard';
import { cardText } from '../support/harness';

// Every card of a whole yearly cycle (test/support/gallery/capture.ts; `npm run gallery` shows them),
// in nb, nn and en, rendered by Microsoft's Adaptive Cards renderer as Teams would at 500 px: no
// parse or validation warning, no button whose title is cut, within the size budget and the height
// budget of its kind (an elector's voting card 1 200 px, every other card 1 500 px: lists are paged,
// long cards keep their details behind a button).

const where = (c: Distinct) => `${c.locale} ${c.source} (${c.kind.split(' ').pop()})`;

describe('card gallery: every card of a yearly cycle reads well in Teams', function () {
  this.timeout(300_000);
  const cards: Distinct[] = [];
  let renderer: CardRenderer;
  before(async () => {
    for (const locale of GALLERY_LOCALES) cards.push(...(await distinctCards(locale)));
    renderer = await CardRenderer.start();
  });
  after(async () => {
    await renderer?.stop();
  });

  it('captures the cycle: the owner, the members in the channel and the secretariat, in each language', () => {
    for (const locale of GALLERY_LOCALES) {
      const sources = new Set(cards.filter((c) => c.locale === locale).map((c) => c.source));
      for (const s of ['cmd:meld behov', 'report.check', 'decision.record → sent', 'vote.open → sent', 'results.publishConfirm → sent', 'welcome:team'])
        assert.ok(sources.has(s), `${locale}: no card from ${s}`);
    }
  });

  it('every card within the size budget, and every required input with a label and an error message', () => {
    const faults: string[] = [];
    for (const c of cards) {
      if (c.bytes > MAX_ACTIVITY_BYTES) faults.push(`${where(c)}: ${c.bytes} bytes`);
      for (const e of cardElements(c.card)) {
        if (typeof e.type === 'string' && e.type.startsWith('Input.') && e.isRequired && !(e.label && e.errorMessage))
          faults.push(`${where(c)}: required input ${e.id} without label or errorMessage`);
      }
    }
    assert.ok(faults.length === 0, `${faults.length} faults:\n${faults.join('\n')}`);
  });

  it('shows no Entra object id in a channel, where every member of the team reads the card', () => {
    const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    const inChannel = cards.filter((c) => c.channel);
    assert.ok(
      inChannel.some((c) => c.source === 'channel.assign'),
      'the roles card answered in the channel is among them',
    );
    assert.deepEqual(inChannel.filter((c) => ID.test(cardText(c.card))).map(where), []);
  });

  it('names every scheme in words: no card shows a code (REKOM, DEKOM, KOMPLOFT), which stays in exports and choice values', () => {
    const CODE = /\b(REKOM|DEKOM|KOMPLOFT)\b/;
    const shown = cards.flatMap((c) =>
      visibleText(c.card)
        .filter((line) => CODE.test(line))
        .map((line) => `${where(c)}: ${line.slice(0, 120)}`),
    );
    assert.ok(shown.length === 0, `${shown.length} texts with a scheme's code:\n${shown.join('\n')}`);
    // The names are read where the codes were (the agenda's rows in short, the case card in full), and
    // the codes are still there behind the words: the owner's form chooses by code.
    for (const locale of GALLERY_LOCALES) {
      const t = translator(pickLocale(locale));
      const read = cards.filter((c) => c.locale === locale).flatMap((c) => visibleText(c.card));
      for (const name of [schemeName(t, 'DEKOM'), schemeName(t, 'DEKOM', 'short')])
        assert.ok(
          read.some((l) => l.includes(name)),
          `${locale}: «${name}» on no card`,
        );
    }
    assert.ok(
      cards.some((c) => JSON.stringify(c.card).includes('"value":"KOMPLOFT"')),
      'a scheme choice keeps its code as value',
    );
  });

  it('renders every card without a warning, with no cut button title, within the height budget of its kind, budget bars drawn to scale', async () => {
    const faults: string[] = [];
    let barsSeen = 0;
    for (const c of cards) {
      const f = await inspect(renderer, c);
      for (const w of f.warnings) faults.push(`${where(c)}: ${w}`);
      for (const t of f.truncated) faults.push(`${where(c)}: button «${t}» cut`);
      for (const o of f.over) faults.push(`${where(c)}: ${o}`);
      // A budget bar's parts are exactly as wide as their share (a padded part once showed 1 % as 7 %).
      const weights = cardElements(c.card)
        .filter((e) => e.type === 'ColumnSet' && e.columns?.every((col: any) => String(col.items?.[0]?.url).startsWith('data:image/png')))
        .map((e): number[] => e.columns.map((col: any) => Number(col.width)));
      if (weights.length !== f.bars.length) faults.push(`${where(c)}: ${weights.length} bars in the card, ${f.bars.length} rendered`);
      weights.forEach((w, i) => {
        const widths = f.bars[i] ?? [];
        const total = widths.reduce((a, b) => a + b, 0);
        const sum = w.reduce((a, b) => a + b, 0);
        w.forEach((part, j) => {
          if (Math.abs((part / sum) * total - (widths[j] ?? 0)) > 1.5) faults.push(`${where(c)}: bar part ${part} of ${sum} drawn ${widths[j]} of ${total} px`);
        });
      });
      if (f.bars.length) barsSeen++;
    }
    assert.ok(barsSeen > 0, 'the overview and the results have bars');
    assert.ok(faults.length === 0, `${faults.length} faults:\n${faults.join('\n')}`);
  });
});
