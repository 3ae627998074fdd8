import assert from 'node:assert/strict';
import { BAR_COLOURS } from '../../src/teams/cards/barColours';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ROOT } from '../../src/app/paths';
import { literalMarkdown } from '../../src/teams/cards/literal';
import { renderCard } from '../../src/teams/cards/render';
import { renderForm, type FormCardData } from '../../src/teams/cards/formCard';
import { markupIn, markupOnCard, shownText, shownTexts, textsOf } from '../support/markdown';

// What the bot writes and people type that Markdown would take for markup: Norwegian dates and
// numbered points at a line's start, amounts and references after list or heading markers.
const SAMPLES = [
  '1. februar 2027',
  '12. mars 2027 kl. 09.00',
  '# 1 250 000 kr',
  '- BM-2027-0042 · Lesing i alle fag',
  '> Statsforvalteren i Oslo og Viken',
  '1) første punkt\n2) andre punkt',
  '* punkt\n+ punkt\n===\n---',
  'Skole_navn **fett** [Stem her](https://example.org/x) ![x](https://e/x.png) <b>html</b> ~~s~~ a | b &amp; {{DATE(2027-02-01T00:00:00Z, SHORT)}}',
  '    fire mellomrom først',
  '2027–2028: 1 250 000 kr · 2028–2029: 1 000 000 kr',
];

/** Whether a `$data` element binds `${$data}` itself (a list of strings), not in a nested list. */
function bindsItself(node: unknown): boolean {
  if (typeof node === 'string') return node.includes('${$data}');
  const own = (v: unknown) => !(v && typeof v === 'object' && '$data' in v) && bindsItself(v);
  if (Array.isArray(node)) return node.some(own);
  return !!node && typeof node === 'object' && Object.values(node).some(own);
}

const FUNCTIONS = new Set(['count', 'exists', 'if', 'true', 'false', 'null', 'and', 'or', 'not']);

/**
 * Data for a template in which every text binding holds one of SAMPLES (in turn), every `$data`
 * list one such element, every number compared with 0 is 1 and every `count()`ed list is filled.
 */
function sampleData(template: unknown): Record<string, unknown> {
  let next = 0;
  const text = () => SAMPLES[next++ % SAMPLES.length];
  const fill = (node: unknown, scope: Record<string, unknown>): void => {
    if (Array.isArray(node)) return node.forEach((n) => fill(n, scope));
    if (typeof node === 'string') {
      for (const [, expr] of node.matchAll(/\$\{([^}]*)\}/g)) {
        const code = expr.replace(/'[^']*'/g, "''");
        for (const m of code.matchAll(/count\((\w+)\)/g)) if (!Array.isArray(scope[m[1]])) scope[m[1]] = [];
        for (const m of code.matchAll(/(\w+)\s*>\s*0/g)) if (!(m[1] in scope) || !Array.isArray(scope[m[1]])) scope[m[1]] = 1;
        for (const m of code.matchAll(/(?<![\w$.'])([A-Za-z_]\w*)(?!\s*\()/g)) if (!FUNCTIONS.has(m[1]) && !(m[1] in scope)) scope[m[1]] = text();
      }
      return;
    }
    if (!node || typeof node !== 'object') return;
    const { $data, ...rest } = node as Record<string, unknown>;
    if (typeof $data === 'string') {
      const name = /^\$\{(\w+)\}$/.exec($data)![1];
      if (bindsItself(rest)) scope[name] = [text(), text()];
      else {
        const element: Record<string, unknown> = {};
        fill(rest, element);
        scope[name] = [element];
      }
      return;
    }
    for (const value of Object.values(rest)) fill(value, scope);
  };
  const root: Record<string, unknown> = {};
  fill(template, root);
  return root;
}

const templates = fs
  .readdirSync(path.join(ROOT, 'cards'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

// Where a template shows something only for one value of a field, the sample takes that value.
const OVERRIDES: Record<string, (data: Record<string, any>) => void> = {
  // cards/form.json takes its fields already expanded by their kinds' templates: the sample is what
  // the form's callers give renderForm, shaped as the fixture of the template before that split.
  form: (d) => {
    for (const key of Object.keys(d)) delete d[key];
    Object.assign(d, sampleData(JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'form-with-when.json'), 'utf8'))));
    const field = d.fields[0];
    d.fields = ['heading', 'info', 'text'].map((kind, i) => ({
      ...field,
      kind,
      label: SAMPLES[i],
      value: SAMPLES[i + 3],
      hint: SAMPLES[i + 5],
      error: SAMPLES[i + 7],
    }));
  },
  deliveryStatus: (d) => {
    d.empty = '';
  },
  agendaEditor: (d) => {
    d.closeInputs = true;
  },
  // The bars' colours are one object per scheme (cards/barColours.ts), read by path.
  overview: (d) => {
    for (const s of d.schemes) s.colours = BAR_COLOURS;
  },
  results: (d) => {
    for (const s of d.schemes) s.colours = BAR_COLOURS;
  },
};

describe('card text is shown as written', () => {
  it('renders every card template with dates and markers at line starts as plain text, no list, heading or link', () => {
    assert.ok(templates.length >= 14, templates.join());
    for (const name of templates) {
      const template = JSON.parse(fs.readFileSync(path.join(ROOT, 'cards', `${name}.json`), 'utf8'));
      const data = sampleData(template);
      OVERRIDES[name]?.(data);
      const card = name === 'form' ? renderForm(data as unknown as FormCardData) : renderCard(name, data);
      const json = JSON.stringify(card);
      assert.ok(!json.includes('${'), `${name}: a binding got no sample data: ${json.slice(json.indexOf('${') - 80, json.indexOf('${') + 40)}`);
      assert.deepEqual(markupOnCard(card), [], name);
      for (const t of textsOf(card).filter((x) => x.markdown)) {
        assert.doesNotMatch(t.text, /^ {0,3}(#{1,6}|[-+*>]|\d{1,9}[.)])(\s|$)/m, `${name}: ${t.where} ${JSON.stringify(t.text)}`);
      }
      const shown = shownTexts(card);
      assert.ok(
        shown.some((s) => /^\d{1,2}\. (februar|mars) 2027/.test(s)),
        `${name} shows a date as written: ${JSON.stringify(shown)}`,
      );
    }
  });

  it('shows each sample exactly as written, one line per line', () => {
    for (const s of SAMPLES) assert.equal(shownText(literalMarkdown(s)), s, s);
    assert.equal(literalMarkdown('1. februar 2027'), '1\\. februar 2027');
    assert.equal(literalMarkdown('1 250 000 kr'), '1 250 000 kr', 'nothing to escape, nothing added');
  });

  it('leaves no markup in any text and shows it unchanged', () => {
    const markdownish = fc.constantFrom(...'\\*_`[]()!<>#-+=.)|~&{}$:; \n\t1a'.split(''), '&amp;', '{{DATE(', '1. ', '    ', '\r\n', '**', '](');
    const text = fc.oneof(
      fc.string(),
      fc.array(markdownish, { maxLength: 30 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (s) => {
        const out = literalMarkdown(s);
        assert.deepEqual(markupIn(out), [], JSON.stringify(out));
        const lines = (x: string) =>
          x
            .split(/\r\n|\r|\n/)
            .map((l) => l.replace(/^[ \t]+/, (w) => ' '.repeat(w.length)))
            .filter((l) => l !== '');
        assert.deepEqual(lines(shownText(out)), lines(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('makes only TextBlocks and facts literal: TextRuns, inputs and buttons are not Markdown', () => {
    const typed = '**Lesing** [Stem her](https://example.org/x)';
    const card = renderCard('agendaNew', {
      title: typed,
      intro: '',
      error: '',
      groupLabel: 'Gruppe',
      group: '',
      groups: [{ title: typed, value: 'v' }],
      roundLabel: 'Runde',
      roundId: '',
      rounds: [],
      titleLabel: 'Tittel',
      meetingTitle: typed,
      dateLabel: 'Dato',
      date: '',
      actions: [{ title: typed, verb: 'meeting.create', data: { title: typed }, inputs: 'auto', style: 'default' }],
    }) as any;
    assert.equal(card.body[0].text, '\\*\\*Lesing\\*\\* \\[Stem her\\](https://example.org/x)');
    const input = card.body.find((b: any) => b.id === 'title');
    assert.equal(input.value, typed, 'an input holds what was typed, unescaped');
    assert.equal(card.body.find((b: any) => b.id === 'group').choices[0].title, typed);
    assert.equal(card.actions[0].title, typed);
    assert.deepEqual(card.actions[0].data, { title: typed });
  });
});
