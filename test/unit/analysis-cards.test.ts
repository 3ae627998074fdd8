import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportFacts } from '../../src/domain/analytics/facts';
import { applyFacts, emptyTally, mergeTallies, normaliseTally, type Tally } from '../../src/domain/analytics/tally';
import { analyse, VIEW_IDS, type Analysis } from '../../src/domain/analytics/views';
import { yearSummary } from '../../src/domain/analytics/yearSummary';
import { translator, type Locale } from '../../src/domain/i18n';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import type { Round } from '../../src/domain/round';
import { writeAnalysisCsv, writeAnalysisXlsx } from '../../src/export/analysisExport';
import { analysisCard } from '../../src/teams/analytics/analysisCard';
import { yearSummaryCard } from '../../src/teams/analytics/yearSummaryCard';
import { MAX_ACTIVITY_BYTES, activityBytes } from '../../src/teams/cards/budget';
import { cardText } from '../support/harness';
import { parseCsv } from '../support/parseCsv';
// Microsoft's own renderer (the one the Playground and Teams' web fallback use), as a parser.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

const LOCALES: Locale[] = ['nb', 'nn', 'en'];
const CHARTS = ['Chart.VerticalBar', 'Chart.HorizontalBar', 'Chart.Donut', 'Chart.Line'];
const ROUNDS: Round[] = [2025, 2026, 2027].map((year) => ({
  id: `r-${year}`,
  year,
  counties: ['oslo'],
  deadline: `${year}-02-01T22:59:00.000Z`,
  status: 'closed',
  budgets: { REKOM: 0, DEKOM: 0, KOMPLOFT: 0 },
  createdAt: `${year - 1}-11-01T00:00:00.000Z`,
}));

function facts(i: number, year: number, extra: Partial<ReportFacts> = {}): ReportFacts {
  return {
    orgnr: `9${String(i % 40).padStart(8, '0')}`,
    ownerType: ['kommune', 'fylkeskommune', 'privat'][i % 3],
    county: ['oslo', 'akershus', 'ostfold', 'buskerud'][i % 4],
    theme: ['lesing', 'sprak', 'ledelse', 'realfag'][i % 4],
    areas: i % 2 ? ['tidlig-innsats'] : [],
    targets: ['ledere', 'laerere'].slice(0, 1 + (i % 2)),
    uh: `Høgskole nummer ${i % 20}`,
    schoolYear: year,
    requested: 1_000_000 + i * 1000,
    later: 500_000,
    prioritised: i % 3 !== 0,
    decided: i % 3 !== 0,
    granted: i % 3 !== 0 ? 900_000 : 0,
    paid: i % 6 === 1 ? 900_000 : 0,
    ownPlanned: 300_000,
    participants: 40,
    units: 3,
    ownUsed: 250_000,
    usageReports: 1,
    ...extra,
  };
}

/** Tallies for three rounds and three schemes, many owners, and one owner type with two owners only. */
function selection(reportsPerTally = 40) {
  const tallies: Array<{ roundId: string; scheme: string; tally: Tally }> = [];
  for (const r of ROUNDS) {
    for (const scheme of ['REKOM', 'DEKOM', 'KOMPLOFT']) {
      const t = emptyTally();
      for (let i = 0; i < reportsPerTally; i++) applyFacts(t, facts(i, r.year), 1);
      // A county with two owners only: its figures could point at one of them.
      applyFacts(t, facts(1, r.year, { orgnr: '111111111', county: 'telemark' }), 1);
      applyFacts(t, facts(2, r.year, { orgnr: '222222222', county: 'telemark' }), 1);
      tallies.push({ roundId: r.id, scheme, tally: t });
    }
  }
  return { tallies, rounds: ROUNDS.map((r) => ({ id: r.id, year: r.year })) };
}

const scope = { officer: true, forums: [{ id: DEFAULT_REGIONS.id, name: DEFAULT_REGIONS.name, workingGroups: ['oslo'] }] };
const choice = { rounds: 'last3', forum: DEFAULT_REGIONS.id, scheme: 'all' };

function render(locale: Locale, analysis: Analysis) {
  return analysisCard({ t: translator(locale), locale, regions: DEFAULT_REGIONS }, { choice, scope, rounds: [...ROUNDS].reverse(), chosen: ROUNDS, analysis });
}

/** The card as the Playground's renderer takes it: unknown chart types give way to their fallback. */
function asPlayground(card: object): { json: any; events: string[] } {
  const parsed = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  parsed.parse(card, ctx);
  const events: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) events.push(ctx.getEventAt(i).message);
  return { json: parsed.toJSON(), events };
}

const allOfType = (node: any, type: string, out: any[] = []): any[] => {
  if (Array.isArray(node)) node.forEach((n) => allOfType(n, type, out));
  else if (node && typeof node === 'object') {
    if (node.type === type) out.push(node);
    Object.values(node).forEach((v) => allOfType(v, type, out));
  }
  return out;
};

describe('analysis tallies keyed by what owners typed', () => {
  it('counts a UH partner named __proto__ or constructor as a group of its own, stored and merged, and touches no prototype', () => {
    const t = emptyTally();
    for (const uh of ['__proto__', 'constructor', '__proto__']) applyFacts(t, facts(1, 2027, { uh }), 1);
    const stored = normaliseTally(JSON.parse(JSON.stringify(t)) as Tally);
    const merged = mergeTallies([stored, t]);
    assert.deepEqual(
      Object.entries(merged.groups.uh).map(([k, g]) => [k, g.n]),
      [
        ['__proto__', 4],
        ['constructor', 2],
      ],
    );
    assert.equal(({} as Record<string, unknown>).n, undefined, 'Object.prototype gained no tally');
  });
});

describe('analysis card', () => {
  const analysis = analyse(selection());

  it('has every view, each a Teams chart with a fallback of bars and figures in words, in nb, nn and en, within the size budget', () => {
    assert.deepEqual(
      analysis.views.map((v) => v.id),
      [...VIEW_IDS],
    );
    for (const locale of LOCALES) {
      const card = render(locale, analysis);
      const bytes = activityBytes(card);
      assert.ok(bytes <= MAX_ACTIVITY_BYTES, `${locale}: ${bytes} bytes`);
      const charts = CHARTS.flatMap((type) => allOfType(card.body, type));
      assert.equal(charts.length, VIEW_IDS.length, locale);
      assert.deepEqual([...new Set(charts.map((c) => c.type))].sort(), [...CHARTS].sort());
      for (const chart of charts) {
        assert.ok(Array.isArray(chart.data) && chart.data.length > 0, `${locale} ${chart.title}: data`);
        assert.equal(chart.fallback?.type, 'Container', `${locale} ${chart.title}: fallback`);
        // Bars (a column weighted by the figure) and the figures in words.
        assert.ok(allOfType(chart.fallback, 'ColumnSet').length > 0, `${locale} ${chart.title}: bars`);
        assert.ok(
          allOfType(chart.fallback, 'TextBlock').some((b) => /\d/.test(b.text)),
          `${locale} ${chart.title}: figures`,
        );
      }
      const line = charts.find((c) => c.type === 'Chart.Line');
      assert.deepEqual(
        line.data[0].values.map((v: any) => v.x),
        ROUNDS.map((r) => translator(locale)('analysis.row.round', { year: r.year })),
      );
    }
    const nb = cardText(render('nb', analysis));
    assert.match(nb, /Søkt, prioritert, innvilget og utbetalt per ordning og skoleår/);
    // The scheme by its short name on the card (the export below keeps the code in a column of its own).
    assert.match(nb, /Desentralisert ordning \(skole\) 2027–2028/);
    // Is any group left out? Municipalities here get nothing, private owners all they asked for.
    assert.match(nb, /Kommune\n.*Andel prioritert: 0 % · Andel innvilget: 0 %/);
    assert.match(nb, /Andel innvilget: 100 %/);
    assert.match(cardText(render('nn', analysis)), /Eigartypar/);
    assert.match(cardText(render('en', analysis)), /Share granted: 100 %/);
  });

  it('passes Microsoft’s Adaptive Card parser: only the chart types are new to it, and each gives way to its fallback', () => {
    for (const locale of LOCALES) {
      const card = render(locale, analysis);
      const { json, events } = asPlayground(card);
      const unknown = events.filter((e) => /Unknown element type/.test(e));
      assert.deepEqual(
        events.filter((e) => !/Unknown element type "Chart\.(VerticalBar|HorizontalBar|Donut|Line)"/.test(e)),
        [],
        `${locale}: ${events.join('; ')}`,
      );
      assert.equal(unknown.length, VIEW_IDS.length);
      // As the Playground draws it: no chart left, every view's fallback in its place, with its words.
      assert.equal(CHARTS.flatMap((type) => allOfType(json, type)).length, 0);
      const text = JSON.stringify(json);
      for (const v of analysis.views) assert.ok(text.includes(translator(locale)(`analysis.view.${v.id}`)), `${locale}: ${v.id}`);
      assert.equal(allOfType(json.body, 'ColumnSet').length, allOfType(card.body, 'ColumnSet').length);
    }
  });

  it('shows no figures for a group of fewer than 3 owners, and says so', () => {
    const card = render('nb', analysis);
    const text = cardText(card);
    assert.doesNotMatch(text, /telemark/i);
    assert.match(text, /Grupper med færre enn 3 eiere vises uten tall/);
    assert.match(text, /1 gruppe med færre enn 3 eiere vises ikke\./);
    // A choice of two owners in all: no figures at all.
    const t = emptyTally();
    applyFacts(t, facts(1, 2027, { orgnr: '111111111' }), 1);
    applyFacts(t, facts(2, 2027, { orgnr: '222222222' }), 1);
    const small = analyse({ tallies: [{ roundId: 'r-2027', scheme: 'DEKOM', tally: t }], rounds: [{ id: 'r-2027', year: 2027 }] });
    assert.equal(small.withheld, true);
    assert.deepEqual(small.views, []);
    const smallCard = render('en', small);
    assert.match(cardText(smallCard), /fewer than 3 owners, so no figures are shown/);
    assert.doesNotMatch(JSON.stringify(smallCard), /1 00\d 000|NOK 1,00/);
  });

  it('stays within the budget with many university partners and counties: the largest eight and "others"', () => {
    const many = emptyTally();
    for (let i = 0; i < 400; i++)
      applyFacts(many, facts(i, 2027, { uh: `Institusjon ${i % 50}`, orgnr: `9${String(i).padStart(8, '0')}`, county: `fylke-${i % 30}` }), 1);
    const a = analyse({ tallies: [{ roundId: 'r-2027', scheme: 'DEKOM', tally: many }], rounds: [{ id: 'r-2027', year: 2027 }] });
    const uh = a.views.find((v) => v.id === 'uh')!;
    assert.equal(uh.rows.length, 9);
    assert.equal(uh.rows[8].key, '_others');
    assert.equal(
      uh.rows.reduce((s, r) => s + r.values[0], 0),
      400,
    );
    for (const locale of LOCALES) assert.ok(activityBytes(render(locale, a)) <= MAX_ACTIVITY_BYTES, locale);
  });
});

describe('analysis export', () => {
  const analysis = analyse(selection());
  const l = { t: translator('nb'), locale: 'nb' as const, regions: DEFAULT_REGIONS };

  it('writes one sheet per view, numbers as numbers and school years as 2027–2028', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c) => chunks.push(c));
    await writeAnalysisXlsx(out, l, analysis);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as any);
    assert.deepEqual(
      wb.worksheets.map((s) => s.name),
      analysis.views.map((v) => l.t(`analysis.sheet.${v.id}`)),
    );
    const money = wb.getWorksheet('Penger')!;
    assert.deepEqual((money.getRow(1).values as unknown[]).slice(1), ['Ordning', 'Skoleår', 'Søkt', 'Prioritert', 'Innvilget', 'Utbetalt']);
    const first = money.getRow(2).values as unknown[];
    assert.equal(first[1], 'DEKOM');
    assert.equal(first[2], '2025–2026');
    assert.equal(typeof first[3], 'number');
    assert.equal(money.getColumn(4).numFmt, '#,##0');
  });

  it('writes a view as CSV with the house format, numbers as numbers', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c) => chunks.push(c));
    await writeAnalysisCsv(out, l, analysis, 'shares');
    const rows = parseCsv(Buffer.concat(chunks).toString('utf8'));
    assert.deepEqual(rows[0], ['Gruppe', 'Meldinger', 'Andel prioritert', 'Andel innvilget']);
    assert.ok(rows.slice(1).every((r) => /^\d+$/.test(r[1]) && /^\d+$/.test(r[3])));
  });
});

describe('annual summary card', () => {
  it('sums per scheme, counts measures and counties, names owner types and themes, and the change since last year (nb, nn, en)', () => {
    const sel = selection();
    const of = (roundId: string) => sel.tallies.filter((x) => x.roundId === roundId);
    const summary = yearSummary(of('r-2027'), of('r-2026'));
    assert.equal(summary.schemes.length, 3);
    const texts = Object.fromEntries(
      LOCALES.map((locale) => [
        locale,
        cardText(
          yearSummaryCard(
            { t: translator(locale), locale, regions: DEFAULT_REGIONS },
            { forumName: 'Forum Øst', schoolYear: 2027, summary, draft: true, actions: [] },
          ),
        ),
      ]),
    );
    assert.match(texts.nb, /Årsoppsummering 2027–2028: Forum Øst/);
    assert.match(texts.nb, /\d+(,\d)? millioner kroner til \d+ kompetansetiltak i skoleåret 2027–2028/);
    assert.match(texts.nb, /Tiltakene er i \d fylker?/);
    assert.match(texts.nb, /like mye som året før/);
    assert.match(texts.nn, /millionar kroner/);
    assert.match(texts.en, /NOK [\d.]+ million for \d+ competence measures/);
  });
});
