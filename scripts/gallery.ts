import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../src/app/paths';
import { startAzurite } from '../src/app/azurite';
import { freePort } from '../src/app/childProcess';
import { GALLERY_LOCALES } from '../test/support/gallery/capture';
import { CardRenderer } from '../test/support/gallery/render';
import { distinctCards, heightBudget, inspect, totalsOf, type Finding } from '../test/support/gallery/survey';

// `npm run gallery`: every card of a whole yearly cycle (test/support/gallery/capture.ts) in nb, nn
// and en, rendered as Teams would (test/support/gallery/render.ts), into gallery/ (gitignored): one
// PNG per kind of card and an index.html with each card's size, height, cut button titles and the
// renderer's warnings (and findings.json). `--locale=nb-NO` for one language; `--docs` also writes the README's screenshots of key cards to docs/cards/.

const OUT = path.join(ROOT, 'gallery');
const DOCS = path.join(ROOT, 'docs', 'cards');

/** The README's key cards: a name and how to know it among the Norwegian cards. */
const KEY_CARDS: ReadonlyArray<[string, (f: Finding) => boolean]> = [
  ['owner-form', (f) => f.source === 'cmd:meld behov'],
  ['voting-card', (f) => f.source.endsWith('→ sent') && JSON.stringify(f.card).includes('"verb":"vote.mark"')],
  ['case-card', (f) => f.source === 'report.check'],
  ['decision-notice', (f) => f.source === 'decision.record → sent'],
  ['results', (f) => f.source === 'results.publishConfirm → sent'],
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function row(f: Finding, png: string, same: number): string {
  const bad = f.over.length || f.truncated.length || f.warnings.length;
  return `<tr${bad ? ' class="bad"' : ''}><td><img src="${esc(png)}" loading="lazy"></td><td><b>${esc(f.source)}</b><br><code>${esc(f.kind.split(' ').pop()!)}</code>${
    same > 1 ? `<br>${same} cards of this kind` : ''
  }<br>${kb(f.bytes)} KB (UTF-16)<br>${f.height} px (budget ${heightBudget(f.card)})${f.over.map((o) => `<br>⚠ ${esc(o)}`).join('')}${
    f.truncated.length ? `<br>Cut button titles: ${f.truncated.map((t) => `«${esc(t)}»`).join(', ')}` : ''
  }${f.warnings.map((w) => `<br>⚠ ${esc(w)}`).join('')}</td></tr>`;
}

async function main(): Promise<void> {
  const docs = process.argv.includes('--docs');
  const azurite = await startAzurite({ port: await freePort() });
  process.env.TEST_TABLES_CONNECTION_STRING = azurite.connectionString;
  const renderer = await CardRenderer.start();
  const only = process.argv.find((a) => a.startsWith('--locale='))?.slice(9);
  const locales = GALLERY_LOCALES.filter((l) => !only || l === only);
  const findings: object[] = [];
  const sections: string[] = [];
  const summary: string[] = [];
  try {
    fs.rmSync(OUT, { recursive: true, force: true });
    for (const locale of locales) {
      const dir = path.join(OUT, locale);
      fs.mkdirSync(dir, { recursive: true });
      const cards = await distinctCards(locale);
      const found: Finding[] = [];
      for (const c of cards) found.push(await inspect(renderer, c));
      for (const f of found)
        findings.push({ locale, source: f.source, kind: f.kind, bytes: f.bytes, height: f.height, truncated: f.truncated, warnings: f.warnings, card: f.card });
      // One picture per kind: its tallest card.
      const kinds = new Map<string, Finding[]>();
      for (const f of found) kinds.set(f.kind, [...(kinds.get(f.kind) ?? []), f]);
      const rows: string[] = [];
      let n = 0;
      for (const [, same] of [...kinds].sort((a, b) => a[0].localeCompare(b[0]))) {
        const tallest = same.reduce((a, b) => (b.height > a.height ? b : a));
        const png = `${String(++n).padStart(3, '0')}.png`;
        await renderer.render(tallest.card, path.join(dir, png));
        rows.push(row(tallest, `${locale}/${png}`, same.length));
      }
      if (docs && locale === 'nb-NO') {
        fs.mkdirSync(DOCS, { recursive: true });
        for (const [name, is] of KEY_CARDS) {
          const f = found.find(is);
          if (f) await renderer.render(f.card, path.join(DOCS, `${name}.png`));
          else console.warn(`no ${name} card found`);
        }
      }
      const t = totalsOf(found);
      const line = `${locale}: ${t.cards} distinct cards (${t.kinds} kinds), ${t.truncatedButtons} cut button titles, ${t.over1500} cards over 1500 px, ${t.warnings} renderer warnings, ${kb(t.bytes)} KB in all (UTF-16)`;
      summary.push(line);
      console.log(line);
      sections.push(`<h2>${locale}</h2><p>${esc(line)}</p><table>${rows.join('\n')}</table>`);
    }
  } finally {
    await renderer.stop();
    await azurite.stop();
  }
  fs.writeFileSync(
    path.join(OUT, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>Card gallery</title><style>body{font-family:sans-serif}td{vertical-align:top;padding:8px;border-bottom:1px solid #ddd}tr.bad td:last-child{background:#fff3f0}img{width:520px}</style><h1>Every card of a yearly cycle, as Teams shows it (500 px)</h1><ul>${summary.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>${sections.join('\n')}`,
  );
  fs.writeFileSync(path.join(OUT, 'summary.txt'), summary.join('\n') + '\n');
  fs.writeFileSync(path.join(OUT, 'findings.json'), JSON.stringify(findings, null, 1));
  console.log(`wrote ${path.relative(process.cwd(), path.join(OUT, 'index.html'))}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
