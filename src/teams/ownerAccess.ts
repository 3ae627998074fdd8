import { isConfirmed, type Manager } from '../domain/colleagues';
import { formatDate } from '../domain/i18n';
import { isOfficer } from '../domain/roles';
import type { Actor } from '../storage/ownerPeople';
import type { ReportRecord } from '../storage/reports';
import { personOf } from './caller';
import { Refusal } from './refusals';
import { requireOfficer } from './requireOfficer';
import type { Turn } from './turn';

/**
 * Who may act for an owner organisation, in one place. Every handler that shows or changes an
 * owner's report (open, edit, withdraw, submit an edit, `vis`, usage reports) gets it through
 * `reportFor`, which asks `OwnerPeople.access` afresh on every turn: a removed colleague's next
 * press is refused, and told why.
 */

/**
 * The report if the caller may act on it; otherwise a refusal ("not found", or "you were removed on
 * …"). `change`: also refused when they may only see it (their claim on the owner was rejected).
 */
export async function reportFor<T>(turn: Turn, reportId: string, purpose: 'see' | 'change' = 'see'): Promise<ReportRecord<T>> {
  return (await reportAccess<T>(turn, reportId, purpose)).report;
}

/** As reportFor, and whether the caller may only see it. */
export async function reportAccess<T>(
  turn: Turn,
  reportId: string,
  purpose: 'see' | 'change' = 'see',
): Promise<{ report: ReportRecord<T>; readOnly: boolean; network?: boolean }> {
  const found = await turn.services.reports.findVisible<T>(personOf(turn), reportId);
  if (!found) throw new Refusal('report.notFound');
  if (!found.access.ok) throw removedOr('report.notFound', turn, found.access.removedAt);
  const readOnly = found.access.readOnly === true;
  // A network member's people read the report filed for them; only the reporting owner's people change it.
  if (found.access.network && purpose === 'change') throw new Refusal('network.readOnly', { owner: ownerNameOf(found.report) });
  if (readOnly && purpose === 'change') throw new Refusal('claims.readOnly');
  return { report: found.report, readOnly, ...(found.access.network ? { network: true } : {}) };
}

/**
 * A wizard card whose draft is gone: an edit draft of a colleague who was removed from the owner
 * was deleted with the removal, and they are told so rather than "draft not found".
 */
export async function missingDraft(turn: Turn, draftId: string): Promise<Refusal> {
  const edit = /^edit-([A-Za-z0-9-]{1,80})-v\d+$/.exec(draftId);
  const found = edit ? await turn.services.reports.findVisible(personOf(turn), edit[1]!) : undefined;
  return found && !found.access.ok ? removedOr('draft.notFound', turn, found.access.removedAt) : new Refusal('draft.notFound');
}

function removedOr(key: 'report.notFound' | 'draft.notFound', turn: Turn, removedAt: string | undefined): Refusal {
  return removedAt ? new Refusal('colleagues.accessRemoved', { date: formatDate(removedAt, turn.locale) }) : new Refusal(key);
}

/** How the audit trail names the caller. */
export function actorOf(turn: Turn, asOfficer: boolean): Actor {
  const p = personOf(turn);
  const name = turn.context.activity.from?.name?.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { id: `${p.tenantId}:${p.aadObjectId}`, ...(name ? { name } : {}), asOfficer };
}

/** Whether the caller is an officer of this forum; never refuses. */
export async function callerIsOfficer(turn: Turn): Promise<boolean> {
  if (!isOfficer(await turn.services.roles.of(personOf(turn)), turn.services.regions.id)) return false;
  await requireOfficer(turn); // stores a configuration officer's grant on first use, as every officer command does
  return true;
}

/**
 * The gate of everything that shows or changes an owner's people: a person confirmed for the owner,
 * or an officer (any owner). Anyone else (a claim not yet confirmed included) is refused before
 * anything is written.
 */
export async function requireOwnerManager(turn: Turn, orgnr: string): Promise<{ manager: Manager; actor: Actor }> {
  const link = await turn.services.ownerPeople.link(orgnr, personOf(turn));
  if (await callerIsOfficer(turn)) return { manager: 'officer', actor: actorOf(turn, true) };
  if (link && isConfirmed(link)) return { manager: 'linked', actor: actorOf(turn, false) };
  if (link?.removedAt) throw new Refusal('colleagues.accessRemoved', { date: formatDate(link.removedAt, turn.locale) });
  if (link?.status === 'pending' || (link && !link.status)) throw new Refusal('claims.notConfirmed');
  throw new Refusal('colleagues.notLinked');
}

/** The reporting owner's name, as a report's summary columns give it. */
export const ownerNameOf = (report: ReportRecord<unknown>) => (report as { summary?: { ownerName?: string } }).summary?.ownerName ?? '';
