import { pageIn } from '../cards/paging';
import type { NeedsReport } from '../../domain/report';
import { PAID_STATUSES, USAGE_FIELDS, checkUsage, draftValues, usageIsOpen, usageOpensDay, valuesOf } from '../../domain/usage';
import { formatDate } from '../../domain/i18n';
import { Refusal } from '../refusals';
import type { UsageRecord } from '../../storage/usageReports';
import type { ActionHandler } from '../actions/types';
import { personOf, requirePersonal } from '../caller';
import type { Turn } from '../turn';
import { receiptCard, schoolYearText, usageForm, usageListCard } from './cards';
import { actorOf, idsOf, loadOwnerCase, usageCaseOf, type UsageCase } from './load';

const isSent = (u: UsageRecord | undefined) => u?.status === 'submitted' || u?.status === 'accepted';

/** What the card sent, as the strings it shows again (nothing else is kept). */
function typedValues(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of USAGE_FIELDS) {
    const v = data[f];
    if (typeof v === 'string') out[f] = v.slice(0, 4000);
    else if (typeof v === 'number' && Number.isFinite(v)) out[f] = String(v);
  }
  return out;
}

/** The row a first save or a submit writes, from the case. */
export function baseOf(c: UsageCase, at: string): UsageRecord {
  return {
    roundId: c.round.id,
    reportId: c.report.id,
    schoolYear: c.schoolYear,
    reference: c.report.reference,
    ownerName: c.report.summary.ownerName,
    ownerOrgnr: c.report.summary.ownerOrgnr,
    title: c.report.summary.title,
    paid: c.paid,
    status: 'draft',
    values: {},
    history: [],
    updatedAt: at,
  };
}

/** Every paid school year the caller may report on: reports they filed and those of owners they act for. */
export async function ownerCases(turn: Turn): Promise<UsageCase[]> {
  const person = personOf(turn);
  const { reports } = turn.services;
  const visible = await reports.visibleTo(person);
  const records = await Promise.all(visible.map((v) => reports.get<NeedsReport>(v.roundId, v.id)));
  const paid = records.filter((r) => r !== undefined && PAID_STATUSES.includes(r.status));
  const cases = await Promise.all(paid.map((r) => usageCaseOf(turn, r!)));
  return cases.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.report.reference.localeCompare(b.report.reference));
}

/** `usage.list` (typed: `rapporter` / `usage report`): the owner's paid school years and their usage reports. */
export const usageList: ActionHandler = async (turn, data) => {
  requirePersonal(turn);
  return { card: usageListCard(turn, await ownerCases(turn), '', pageIn(data)) };
};

/** A school year's report opens when the year has ended, or earlier where an officer opened it for the case. */
function requireOpen(turn: Turn, c: UsageCase): void {
  if (usageIsOpen(c.schoolYear, turn.services.now(), c.usage?.openedEarlyAt)) return;
  throw new Refusal('usage.notOpen', {
    reference: c.report.reference,
    schoolYear: schoolYearText(c),
    opens: formatDate(usageOpensDay(c.schoolYear), turn.locale),
  });
}

/** `usage.open`: the dialog with the draft's values (or what was returned), or the receipt once sent. */
export const usageOpen: ActionHandler = async (turn, data) => {
  const c = await loadOwnerCase(turn, data);
  if (isSent(c.usage)) return { card: receiptCard(turn, c) };
  requireOpen(turn, c);
  return { card: usageForm(turn, c, c.usage?.values ?? {}) };
};

/** `usage.save`: keeps what was typed, valid or not yet (formats are the card's job), and closes. */
export const usageSave: ActionHandler = async (turn, data) => {
  const c = await loadOwnerCase(turn, data, 'change');
  if (isSent(c.usage)) return { card: receiptCard(turn, c) };
  requireOpen(turn, c);
  const kept = draftValues(data);
  if (!kept.ok) return { card: usageForm(turn, c, typedValues(data), kept.problems) };
  const at = turn.services.now().toISOString();
  await turn.services.usage.change(idsOf(c), (cur) => {
    if (isSent(cur)) return undefined;
    // A returned report stays returned while it is being fixed: the officer's comment still applies.
    return { ...(cur ?? baseOf(c, at)), values: kept.values, updatedAt: at };
  });
  const notice = turn.t('usage.saved', { reference: c.report.reference, schoolYear: schoolYearText(c) });
  return { card: usageListCard(turn, await ownerCases(turn), notice) };
};

/** `usage.submit`: checked against the schema; errors come back at their fields with everything typed kept. */
export const usageSubmit: ActionHandler = async (turn, data) => {
  const c = await loadOwnerCase(turn, data, 'change');
  // A double press or a retry finds it sent: the same receipt, nothing written twice.
  if (isSent(c.usage)) return { card: receiptCard(turn, c) };
  requireOpen(turn, c);
  // What the year had to use: its payment and any unused money carried into it.
  const checked = checkUsage(data, c.paid + c.carriedIn, c.report.data.scheme);
  if (!checked.ok) return { card: usageForm(turn, c, typedValues(data), checked.problems) };
  const at = turn.services.now().toISOString();
  const stored = await turn.services.usage.change(idsOf(c), (cur) => {
    if (isSent(cur)) return undefined;
    const base = cur ?? baseOf(c, at);
    return {
      ...base,
      status: 'submitted',
      values: valuesOf(checked.report),
      report: checked.report,
      submittedAt: at,
      updatedAt: at,
      history: [...base.history, { to: 'submitted', at, ...actorOf(turn) }],
    };
  });
  return { card: receiptCard(turn, { ...c, usage: stored }) };
};
