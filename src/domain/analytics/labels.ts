import { formatCount, formatNok, type Locale, type Translate } from '../i18n';
import { COLUMNS, type AnalysisView, type ColumnId, type ViewRow } from './views';
import { ownerTypeLabelKey, OWNER_TYPES, type OwnerType } from '../ownerTypes';
import { schemeName } from '../schemes';
import { formatSchoolYear } from '../report/school-year';
import { TARGET_GROUPS, targetGroupLabelKey, type TargetGroup } from '../report/target-groups';
import { THEMES, themeLabelKey, type Theme } from '../report/themes';
import { localised, type RegionConfig } from '../regions';

/** What the card and the export call a view's row and how they write its figures (the same words in both). */
export interface Labeller {
  t: Translate;
  locale: Locale;
  regions: RegionConfig;
}

/** A county as the region configuration names it ("Akershus – Romerike" → "Akershus"). */
function countyName(l: Labeller, county: string): string {
  const region = l.regions.regions.find((r) => r.county === county);
  return region ? localised(region.name, l.locale).split(' – ')[0] : county;
}

const has = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

export function rowLabel(l: Labeller, row: ViewRow): string {
  const { t } = l;
  switch (row.kind) {
    case 'schemeYear':
      // The scheme's short name, in words: a chart's axis stays narrow; the export keeps the code in a column of its own.
      return `${schemeName(t, row.sub ?? '', 'short')} ${formatSchoolYear(Number(row.key))}`;
    case 'round':
      return t('analysis.row.round', { year: row.sub ?? row.key });
    case 'others':
      return t('analysis.row.others', { count: row.sub ?? '' });
    case 'metric':
      return t(`analysis.metric.${row.key}` as 'analysis.metric.participants');
    case 'theme':
      return has(THEMES, row.key) ? t(themeLabelKey(row.key as Theme)) : row.key;
    case 'target':
      return has(TARGET_GROUPS, row.key) ? t(targetGroupLabelKey(row.key as TargetGroup)) : row.key;
    case 'ownerType':
      return has(OWNER_TYPES, row.key) ? t(ownerTypeLabelKey(row.key as OwnerType)) : row.key;
    case 'sector':
      return t(row.key === 'private' ? 'analysis.sector.private' : 'analysis.sector.public');
    case 'county':
      return countyName(l, row.key);
    default:
      return row.key;
  }
}

export const columnLabel = (l: Labeller, c: ColumnId) => l.t(`analysis.col.${c}`);

export function formatValue(l: Labeller, c: ColumnId, v: number): string {
  const kind = COLUMNS[c];
  if (kind === 'nok') return formatNok(v, l.locale);
  if (kind === 'percent') return `${formatCount(v, l.locale)} %`;
  return formatCount(v, l.locale);
}

/** A view as a table, for the spreadsheet and CSV: label columns, then one column per figure, numbers as numbers. */
export function viewTable(
  l: Labeller,
  v: AnalysisView,
): { header: string[]; kinds: Array<'text' | 'nok' | 'count' | 'percent'>; rows: Array<Array<string | number>> } {
  const { t } = l;
  const figures = v.columns.map((c) => columnLabel(l, c));
  const kinds = v.columns.map((c) => COLUMNS[c]);
  if (v.id === 'money') {
    // Scheme and school year apart, so a pivot table or chart can use either.
    return {
      header: [t('analysis.scheme'), t('analysis.col.schoolYear'), ...figures],
      kinds: ['text', 'text', ...kinds],
      rows: v.rows.map((r) => [r.sub ?? '', formatSchoolYear(Number(r.key)), ...r.values]),
    };
  }
  return { header: [t('analysis.col.group'), ...figures], kinds: ['text', ...kinds], rows: v.rows.map((r) => [rowLabel(l, r), ...r.values]) };
}
