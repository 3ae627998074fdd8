import type { Decision, Payment } from './decision';
import type { Appeal, AppealOutcome } from './appeal';
import type { UnusedPlan, UsageReport, UsageStatus } from './usage';
import { translator } from './i18n';
import { AREA_IDS, areaName, type PriorityArea } from './forum/plan';
import { ownerTypeLabelKey } from './ownerTypes';
import { findRegion, forumOfGroup, localised, type RegionConfig } from './regions';
import type { Continuation } from './money/continuation';
import { formatSchoolYear, statusLabelKey, targetGroupLabelKey, themeLabelKey, yearSummaries, type NeedsReport, type ReportStatus } from './report';

/**
 * A round's reports as rows for the secretariat's spreadsheet: one row per report and year of the
 * measure, every field repeated on each row so a filter or pivot table works without lookups.
 * Headings are Norwegian whatever language the officer uses: the workbook is a case record.
 */

export type CellKind = 'text' | 'number' | 'date';
export type Cell = string | number | Date | null;

export interface ExportColumn {
  header: string;
  kind: CellKind;
  width: number;
}

/** What the export needs of a stored report (storage gives more). */
export interface ExportableReport {
  reference: string;
  roundYear: number;
  status: ReportStatus;
  workingGroup: string;
  version: number;
  submittedAt: string;
  updatedAt: string;
  data: NeedsReport;
  decision?: Decision;
  payment?: Payment;
  /** A later year of a multi-year measure: the original report and which year this is. */
  continuation?: Pick<Continuation, 'originReference' | 'year' | 'of'>;
  /** Usage reports sent for the measure's school years (drafts are not the owner's word yet). */
  usage?: ReadonlyArray<{ schoolYear: number; status: UsageStatus; report?: UsageReport }>;
  appeal?: Appeal;
  /** The priority areas of the report's forum, to name those the report chose. */
  areas?: readonly PriorityArea[];
}

const t = translator('nb');

const COLUMNS = [
  ['Referanse', 'text', 14],
  ['Runde', 'number', 8],
  ['Status', 'text', 20],
  ['Ordning', 'text', 10],
  ['Eier', 'text', 30],
  ['Organisasjonsnummer', 'text', 14],
  ['Eiertype', 'text', 14],
  ['Nettverk av eiere', 'text', 30],
  ['Fylke / Region', 'text', 24],
  ['Arbeidsgruppe', 'text', 22],
  ['Kontaktperson', 'text', 22],
  ['E-post', 'text', 28],
  ['Telefon', 'text', 14],
  ['Tittel på tiltaket', 'text', 36],
  ['Kompetansebehov og mål', 'text', 50],
  ['Tema', 'text', 18],
  ['Målgrupper', 'text', 30],
  ['Antall deltakende barnehager/skoler/PPT', 'number', 12],
  ['Deltakende barnehager/skoler/PPT', 'text', 30],
  ['Antall deltakere', 'number', 10],
  ['UH-partner', 'text', 28],
  ['UH-partnerens organisasjonsnummer', 'text', 14],
  ['Kontaktperson hos UH-partneren', 'text', 22],
  ['Dialog med UH er gjennomført', 'text', 8],
  ['Ansatte er involvert', 'text', 8],
  ['Første barnehage-/skoleår', 'text', 12],
  ['Antall år', 'number', 8],
  ['År nr.', 'number', 7],
  ['Barnehage-/skoleår', 'text', 12],
  ['Eierens del (kr)', 'number', 14],
  ['UH-partnerens del (kr)', 'number', 14],
  ['Søkt tilskudd (kr)', 'number', 14],
  ['Egenandel (kr)', 'number', 14],
  ['Minste egenandel (kr)', 'number', 14],
  ['Søkt tilskudd hele perioden (kr)', 'number', 16],
  ['Vedtak', 'text', 16],
  ['Vedtatt beløp (kr)', 'number', 14],
  ['Vedtatt beløp hele perioden (kr)', 'number', 16],
  ['Begrunnelse for vedtaket', 'text', 40],
  ['Vedtaksdato', 'date', 12],
  ['Utbetalt', 'date', 12],
  ['Sendt inn', 'date', 12],
  ['Sist endret', 'date', 12],
  ['Versjon', 'number', 8],
  ['Rapportering', 'text', 16],
  ['Brukt av tilskuddet (kr)', 'number', 14],
  ['Egenandel brukt (kr)', 'number', 14],
  ['Ubrukte midler (kr)', 'number', 14],
  ['Ubrukte midler: overføres eller tilbakebetales', 'text', 22],
  ['Klage mottatt', 'date', 12],
  ['Klagens utfall', 'text', 22],
  // Issue 22 item 5: where a continuation comes from, the forum, and the money counted per school year once.
  ['Videreføring av', 'text', 14],
  ['Tiltakets år', 'text', 10],
  ['Forum', 'text', 22],
  ['Innvilget for skoleåret i denne runden (kr)', 'number', 16],
  ['Tilsagn for senere år, vedtas på nytt (kr)', 'number', 16],
  ['Prioriteringsområder', 'text', 30],
] as const satisfies ReadonlyArray<readonly [string, CellKind, number]>;

export const EXPORT_COLUMNS: readonly ExportColumn[] = COLUMNS.map(([header, kind, width]) => ({ header, kind, width }));

const orgs = (list: ReadonlyArray<{ name: string; orgnr?: string }> | undefined) =>
  (list ?? []).map((o) => (o.orgnr ? `${o.name} (${o.orgnr})` : o.name)).join('; ');
const yesNo = (v: boolean | undefined) => (v ? t('wizard.yes') : t('wizard.no'));
const OSLO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });
/**
 * The calendar day in Oslo, as midnight UTC of that day: spreadsheets have no time zones, so a
 * report sent at 00:30 on 2 February Oslo time must read 02.02, not the UTC day before.
 */
function date(iso: string | undefined): Date | null {
  if (!iso) return null;
  const [y, m, d] = OSLO_DAY.format(new Date(iso)).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

const USAGE_STATUS: Record<UsageStatus, string> = { draft: '', submitted: 'Sendt inn', returned: 'Sendt tilbake', accepted: 'Godkjent' };
const PLAN: Record<UnusedPlan, string> = { carryOver: 'Overføres', repay: 'Tilbakebetales' };
const APPEAL: Record<AppealOutcome, string> = { upheld: 'Opprettholdt', changed: 'Endret', late: 'Avvist, for sent' };

/** A school year's usage report: status, used, own contribution, unused funds and the owner's wish for them. */
function usageCells(report: ExportableReport, schoolYear: number | undefined): Cell[] {
  const u = schoolYear === undefined ? undefined : report.usage?.find((x) => x.schoolYear === schoolYear && x.status !== 'draft');
  const r = u?.report;
  return [
    u ? USAGE_STATUS[u.status] : '',
    r ? r.usedOwner + r.usedUh : null,
    r ? r.ownContribution : null,
    r ? r.unused : null,
    r?.unusedPlan ? PLAN[r.unusedPlan] : '',
  ];
}

/** The rows of one report: one per year of the measure (at least one). */
export function exportRows(report: ExportableReport, regions: RegionConfig): Cell[][] {
  const d = report.data;
  const region = findRegion(regions, d.region);
  const group = regions.workingGroups.find((g) => g.id === report.workingGroup);
  const years = yearSummaries(d);
  const requestedTotal = years.reduce((a, y) => a + y.grant, 0);
  const decision = report.decision;
  const theme = d.theme === 'annet' && d.themeOther ? `${t(themeLabelKey(d.theme))}: ${d.themeOther}` : t(themeLabelKey(d.theme));
  const perYear = years.length > 0 ? years : [undefined];
  const forum = forumOfGroup(regions, report.workingGroup);
  const c = report.continuation;
  // What this round's decision grants for its own school year (counted in this round's ledger), and
  // for later years (commitments, counted again by the continuation in that year's round): summing
  // the first column over rounds counts every krone once.
  const granted = (i: number, schoolYear: number | undefined) => {
    if (!decision || schoolYear === undefined) return { now: null, later: null };
    const amount = decision.outcome === 'rejected' ? 0 : (decision.amounts[i] ?? 0);
    return schoolYear === report.roundYear
      ? { now: amount, later: null }
      : schoolYear > report.roundYear
        ? { now: null, later: amount }
        : { now: null, later: null };
  };
  return perYear.map((y, i) => [
    report.reference,
    report.roundYear,
    t(statusLabelKey(report.status)),
    d.scheme,
    d.ownerName,
    d.ownerOrgnr,
    t(ownerTypeLabelKey(d.ownerType)),
    orgs(d.network),
    region ? localised(region.name, 'nb') : d.region,
    group ? localised(group.name, 'nb') : report.workingGroup,
    d.contactName,
    d.contactEmail,
    d.contactPhone,
    d.title,
    d.needAndGoal,
    theme,
    d.targetGroups.map((g) => t(targetGroupLabelKey(g))).join(', '),
    d.unitCount,
    orgs(d.units),
    d.participants,
    d.uhName,
    d.uhOrgnr ?? '',
    d.uhContact,
    yesNo(d.uhDialogueConfirmed),
    yesNo(d.staffInvolved),
    formatSchoolYear(d.startYear),
    d.years,
    y ? y.year : null,
    y?.schoolYear !== undefined ? formatSchoolYear(y.schoolYear) : '',
    y ? y.owner : null,
    y ? y.uh : null,
    y ? y.grant : null,
    y ? y.ownContribution : null,
    y ? y.minOwnContribution : null,
    requestedTotal,
    decision ? t(statusLabelKey(decision.outcome)) : '',
    decision ? (decision.amounts[i] ?? 0) : null,
    decision ? decision.total : null,
    decision?.reason ?? '',
    date(decision?.at),
    // A payment pays one school year: its date stands on that year's row only.
    date(report.payment && (report.payment.schoolYear === undefined || report.payment.schoolYear === y?.schoolYear) ? report.payment.at : undefined),
    date(report.submittedAt),
    date(report.updatedAt),
    report.version,
    ...usageCells(report, y?.schoolYear),
    report.appeal ? date(`${report.appeal.receivedOn}T12:00:00Z`) : null,
    report.appeal ? (report.appeal.outcome ? APPEAL[report.appeal.outcome] : 'Ikke avgjort') : '',
    c?.originReference ?? '',
    c ? `${c.year} av ${c.of}` : y ? `${y.year} av ${d.years}` : '',
    forum ? localised(forum.name, 'nb') : '',
    granted(i, y?.schoolYear).now,
    granted(i, y?.schoolYear).later,
    (d.priorityAreas ?? [])
      .map((id) => {
        const area = report.areas?.find((a) => a.id === id);
        return area ? areaName(area, 'nb') : t('plan.area', { n: AREA_IDS.indexOf(id) + 1 });
      })
      .join(', '),
  ]);
}
