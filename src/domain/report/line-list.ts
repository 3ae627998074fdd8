import type { MessageKey } from '../i18n';
import { checkOrgnr } from '../orgnr';
import { charCount, cleanText } from './card-input';
import type { Formats, Problem } from './problems';

/**
 * Lists of organisations typed into one multi-line text input, one per line:
 *
 *     Asker kommune; 974 760 673
 *     Solsiden barnehage
 *
 * Name, then ";" (or a tab, as pasted from a spreadsheet), then the organisation number. A line
 * that ends in a 9-digit number needs no separator, and "number; name" is read the right way
 * round. Problems carry the line number the person sees, blank lines included.
 */

export interface ListedOrg {
  name: string;
  orgnr?: string;
}

export interface LineListRule {
  orgnrRequired: boolean;
  maxLines: number;
  maxChars: number;
  maxNameLength: number;
}

export interface ParsedLineList {
  entries: ListedOrg[];
  /** The line (1-based, as typed) each entry came from. */
  lines: number[];
  problems: Problem[];
}

// A 9-digit number at the end of a line, possibly grouped "974 760 673".
const TRAILING_ORGNR = /(?:^|\s)(\d{3}[ \u00a0]?\d{3}[ \u00a0]?\d{3})$/;
const LOOKS_LIKE_NUMBER = /^[\d \u00a0]+$/;

function splitLine(line: string): { name: string; number: string } {
  const sep = line.lastIndexOf(';');
  if (sep >= 0) {
    const left = line.slice(0, sep).trim();
    const right = line.slice(sep + 1).trim();
    if (LOOKS_LIKE_NUMBER.test(left) && !LOOKS_LIKE_NUMBER.test(right) && right !== '') {
      return { name: right, number: left };
    }
    return { name: left, number: right };
  }
  const m = TRAILING_ORGNR.exec(line);
  if (m) return { name: line.slice(0, line.length - m[1].length).trim(), number: m[1] };
  if (LOOKS_LIKE_NUMBER.test(line)) return { name: '', number: line };
  return { name: line, number: '' };
}

const LINE_KEYS: Record<'notDigits' | 'length' | 'checkDigit', MessageKey> = {
  notDigits: 'report.error.line.orgnr.notDigits',
  length: 'report.error.line.orgnr.length',
  checkDigit: 'report.error.line.orgnr.checkDigit',
};

export function parseLineList(raw: unknown, rule: LineListRule, f: Formats): ParsedLineList {
  const out: ParsedLineList = { entries: [], lines: [], problems: [] };
  if (raw === undefined || raw === null || raw === '') return out;
  if (Array.isArray(raw)) return checkEntries(raw, rule, f);
  if (typeof raw !== 'string') {
    out.problems.push({ key: 'report.error.wrongType' });
    return out;
  }
  if (raw.length > rule.maxChars * 2 + 1024) {
    out.problems.push({ key: 'report.error.tooLong', params: { max: f.count(rule.maxChars), length: f.count(charCount(raw)) } });
    return out;
  }
  // Tabs separate columns pasted from a spreadsheet; after that each line is cleaned alone so
  // line numbers stay those the person sees, blank lines included.
  const lines = raw
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .split('\n')
    .map((l) => cleanText(l.replace(/\t/g, ';'), false));
  const total = charCount(lines.join('\n').trim());
  if (total > rule.maxChars) {
    out.problems.push({ key: 'report.error.tooLong', params: { max: f.count(rule.maxChars), length: f.count(total) } });
    return out;
  }
  const filled = lines.filter((l) => l !== '').length;
  if (filled > rule.maxLines) {
    out.problems.push({ key: 'report.error.tooManyLines', params: { max: rule.maxLines, count: filled } });
    return out;
  }
  lines.forEach((line, i) => {
    if (line !== '') addEntry(out, splitLine(line), i + 1, rule, f);
  });
  return finishDuplicates(out);
}

/** A stored list (array of {name, orgnr}) is checked by the same rules; line = position. */
function checkEntries(raw: unknown[], rule: LineListRule, f: Formats): ParsedLineList {
  const out: ParsedLineList = { entries: [], lines: [], problems: [] };
  if (raw.length > rule.maxLines) {
    out.problems.push({ key: 'report.error.tooManyLines', params: { max: rule.maxLines, count: raw.length } });
    return out;
  }
  raw.forEach((item, i) => {
    const line = i + 1;
    if (typeof item !== 'object' || item === null) {
      out.problems.push({ key: 'report.error.line.wrongType', params: { line } });
      return;
    }
    const { name, orgnr } = item as { name?: unknown; orgnr?: unknown };
    if ((name !== undefined && typeof name !== 'string') || (orgnr !== undefined && orgnr !== null && typeof orgnr !== 'string')) {
      out.problems.push({ key: 'report.error.line.wrongType', params: { line } });
      return;
    }
    if ((name ?? '').length > rule.maxNameLength * 4 + 1024) {
      out.problems.push({ key: 'report.error.line.nameTooLong', params: { line, max: f.count(rule.maxNameLength) } });
      return;
    }
    addEntry(out, { name: cleanText(name ?? '', false), number: (orgnr ?? '').trim() }, line, rule, f);
  });
  return finishDuplicates(out);
}

function addEntry(out: ParsedLineList, parts: { name: string; number: string }, line: number, rule: LineListRule, f: Formats): void {
  const before = out.problems.length;
  if (parts.name === '') out.problems.push({ key: 'report.error.line.nameMissing', params: { line } });
  else if (charCount(parts.name) > rule.maxNameLength) {
    out.problems.push({ key: 'report.error.line.nameTooLong', params: { line, max: f.count(rule.maxNameLength) } });
  }
  let orgnr: string | undefined;
  if (parts.number === '') {
    if (rule.orgnrRequired) out.problems.push({ key: 'report.error.line.orgnrMissing', params: { line } });
  } else {
    const checked = checkOrgnr(parts.number);
    if (checked.ok) orgnr = checked.orgnr;
    else {
      const params: Record<string, string | number> = { line };
      if (checked.reason === 'length') params.length = checked.length;
      if (checked.reason === 'checkDigit') params.orgnr = checked.orgnr;
      out.problems.push({ key: LINE_KEYS[checked.reason], params });
    }
  }
  if (out.problems.length === before) {
    out.entries.push(orgnr === undefined ? { name: parts.name } : { name: parts.name, orgnr });
    out.lines.push(line);
  }
}

function finishDuplicates(out: ParsedLineList): ParsedLineList {
  const seen = new Map<string, number>();
  out.entries.forEach((e, i) => {
    if (e.orgnr === undefined) return;
    const first = seen.get(e.orgnr);
    if (first === undefined) seen.set(e.orgnr, out.lines[i]);
    else out.problems.push({ key: 'report.error.line.duplicate', params: { line: out.lines[i], other: first, orgnr: e.orgnr } });
  });
  out.problems.sort((a, b) => Number(a.params?.line ?? 0) - Number(b.params?.line ?? 0));
  return out;
}

/** Back to the text a card shows: one "name; orgnr" per line. */
export function formatLineList(entries: readonly ListedOrg[]): string {
  return entries.map((e) => (e.orgnr ? `${e.name}; ${e.orgnr}` : e.name)).join('\n');
}
