import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import { choiceOf, scopeOf, type AnalysisChoice } from '../domain/analytics/choice';
import { viewTable, type Labeller } from '../domain/analytics/labels';
import { VIEW_IDS, type Analysis, type ViewId } from '../domain/analytics/views';
import type { Grant } from '../domain/roles';
import type { Round } from '../domain/round';
import { csvLines } from './csv';

/**
 * The analysis as files (issue 24): an Excel workbook with one sheet per view, or one view as CSV.
 * Numbers are numbers (NOK without decimals, shares in whole per cent), school years "2027–2028",
 * so each sheet is a table a chart or pivot table can use as it is.
 */

/** The link's claim: "rounds|forum|scheme|view" (view '' = every view, for the workbook). */
export const analysisClaim = (c: AnalysisChoice, view: ViewId | '' = '') => [c.rounds, c.forum, c.scheme, view].join('|');

/**
 * What a claim asks for, checked again against the holder's grants now (a member removed since
 * the link was made gets nothing): undefined when they may not have it.
 */
export function claimedChoice(
  claim: string,
  grants: readonly Grant[],
  l: Labeller,
  rounds: readonly Round[],
): { choice: AnalysisChoice; view?: ViewId } | undefined {
  const [r, forum, scheme, view] = claim.split('|');
  const scope = scopeOf(grants, l.regions);
  if (!scope || (view && !(VIEW_IDS as readonly string[]).includes(view))) return undefined;
  const choice = choiceOf({ rounds: r, forum, scheme }, scope, rounds);
  // choiceOf falls back to a default for what the scope does not allow: a link is refused instead.
  if (choice.forum !== forum || choice.scheme !== scheme || choice.rounds !== r) return undefined;
  return { choice, ...(view ? { view: view as ViewId } : {}) };
}

const FORMATS = { nok: '#,##0', count: '#,##0', percent: '0" %"', text: '@' } as const;
const SHEET_NAME = /[\\/?*[\]:]/g;

let excel: Promise<typeof ExcelJS> | undefined;
const loadExcel = () => (excel ??= import('exceljs').then((m) => m.default));

export async function writeAnalysisXlsx(out: Writable, l: Labeller, analysis: Analysis): Promise<number> {
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  workbook.creator = 'Kompetansebot';
  for (const v of analysis.views) {
    const table = viewTable(l, v);
    const sheet = workbook.addWorksheet(l.t(`analysis.sheet.${v.id}`).replace(SHEET_NAME, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.header.map((header, i) => ({ header, key: `c${i}`, width: i === 0 ? 36 : 18, style: { numFmt: FORMATS[table.kinds[i]] } }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
  }
  await workbook.xlsx.write(out);
  out.end();
  await finished(out);
  return analysis.views.length;
}

export async function writeAnalysisCsv(out: Writable, l: Labeller, analysis: Analysis, view: ViewId): Promise<number> {
  const v = analysis.views.find((x) => x.id === view);
  const table = v ? viewTable(l, v) : { header: [l.t('analysis.col.group')], rows: [] };
  out.end(csvLines([table.header, ...table.rows], { bom: true }), 'utf8');
  await finished(out);
  return table.rows.length;
}

export const analysisFileName = (c: AnalysisChoice, view: ViewId | undefined, at: Date, ext: string) =>
  `analyse-${c.forum}-${c.rounds}-${c.scheme}${view ? `-${view}` : ''}-${at.toISOString().slice(0, 10)}.${ext}`;
