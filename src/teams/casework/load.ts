import { z } from 'zod';
import type { Actor, NeedsReport } from '../../domain/report';
import { normaliseReference } from '../../domain/report/reference';
import type { Round } from '../../domain/round';
import type { ReportRecord } from '../../storage/reports';
import type { Turn } from '../turn';
import { requireOfficer } from '../requireOfficer';
import { personOf } from '../caller';
import { Refusal } from '../refusals';
import { paidUsageYears } from '../usage/caseUsage';
import type { UsageCase } from '../usage/load';
import type { ClaimView } from '../claims/claimSections';
import type { PriorityArea } from '../../domain/forum/plan';
import { forumOfGroup } from '../../domain/regions';

/** Card data naming a report: ids from a list or a card, or the reference someone typed. */
const ById = z.object({ roundId: z.string().regex(/^[a-z0-9-]{1,40}$/), reportId: z.string().regex(/^[A-Za-z0-9-]{1,80}$/) });
const ByReference = z.object({ reference: z.string().max(40) });
export const RoundRef = z.object({ roundId: z.string().regex(/^[a-z0-9-]{1,40}$/) });

export interface Case {
  report: ReportRecord<NeedsReport>;
  round: Round;
  /** An original multi-year report's continuations in later rounds, as they stand now. */
  later?: Array<ReportRecord<NeedsReport>>;
  /** Each paid school year with its usage report (none before payment). */
  usage?: UsageCase[];
  /** The filer's claim on the owner while the secretariat has not confirmed it (pending or rejected). */
  claim?: ClaimView;
  /** The priority areas of the report's forum, to name those the report chose. */
  areas?: readonly PriorityArea[];
}

/** The filer's claim on the report's owner, unless they are confirmed (or removed, or never linked). One point read. */
export async function claimOf(turn: Turn, report: ReportRecord<NeedsReport>): Promise<ClaimView | undefined> {
  const orgnr = report.summary.ownerOrgnr;
  const link = await turn.services.ownerPeople.link(orgnr, report.createdBy);
  if (!link || link.removedAt || link.status === 'confirmed') return undefined;
  const status = link.status ?? 'pending';
  // Rule (c) can apply only to the owner's first claim: then one query more tells whether it is still the only one.
  const auto = status === 'pending' && link.first === true && (await turn.services.ownerPeople.linksOf(orgnr)).length === 1;
  return {
    orgnr,
    person: link.person,
    ...(link.displayName ? { displayName: link.displayName } : {}),
    ...(link.addedAt ? { at: link.addedAt } : {}),
    ...(link.reference ? { reference: link.reference } : {}),
    status,
    ...(link.decidedAt ? { decidedAt: link.decidedAt } : {}),
    auto,
  };
}

/**
 * The gate of every casework verb: an officer (requireOfficer), in their personal chat, since a
 * card answered in a channel would show a report's details (or an export link) to everyone there.
 */
export async function requireCaseworker(turn: Turn): Promise<void> {
  await requireOfficer(turn);
  const type = turn.context.activity.conversation?.conversationType;
  if (type && type !== 'personal') throw new Refusal('case.personalOnly');
}

/** The report an officer asked for; "not found" names what was looked for. Call after requireOfficer. */
export async function loadCase(turn: Turn, data: Record<string, unknown>): Promise<Case> {
  const { reports, rounds } = turn.services;
  const byId = ById.safeParse(data);
  let at: { roundId: string; reportId: string } | undefined;
  let asked = '';
  if (byId.success) {
    at = byId.data;
  } else {
    const byRef = ByReference.safeParse(data);
    if (!byRef.success) throw new Refusal('report.notFound');
    asked = byRef.data.reference;
    const reference = normaliseReference(asked);
    at = reference ? await reports.findByReference(reference) : undefined;
  }
  const report = at && (await reports.get<NeedsReport>(at.roundId, at.reportId));
  const round = report && (await rounds.get(report.roundId));
  if (!report || !round) throw asked ? new Refusal('case.notFound', { reference: asked }) : new Refusal('report.notFound');
  // A measure's later years are point reads (one a year, two at most).
  const later = report.continuedIn?.length
    ? (await Promise.all(report.continuedIn.map((c) => reports.get<NeedsReport>(c.roundId, c.reportId)))).filter((r) => r !== undefined)
    : undefined;
  const forum = forumOfGroup(turn.services.regions, report.summary.workingGroup)?.id ?? turn.services.regions.id;
  const [usage, claim, plan] = await Promise.all([
    paidUsageYears(turn, report, round),
    claimOf(turn, report),
    report.data.priorityAreas?.length ? turn.services.plans.get(forum) : undefined,
  ]);
  return {
    report,
    round,
    ...(later ? { later } : {}),
    ...(usage.length ? { usage } : {}),
    ...(claim ? { claim } : {}),
    ...(plan ? { areas: plan.areas } : {}),
  };
}

/** The officer as the audit trail keeps them: id for the record, name for people reading it. */
export function officerActor(turn: Turn): Actor {
  const p = personOf(turn);
  const name = turn.context.activity.from?.name?.trim().slice(0, 120);
  return { role: 'secretariat', id: `${p.tenantId}:${p.aadObjectId}`, ...(name ? { name } : {}) };
}

/** The round a command names ("eksport 2027", "eksport demo-2027"), or the newest one. */
export async function pickRound(turn: Turn, which: string): Promise<Round> {
  const rounds = await turn.services.rounds.list();
  if (rounds.length === 0) throw new Refusal('case.noRounds');
  const w = which.trim().toLowerCase();
  if (!w) return rounds[0];
  const found = rounds.find((r) => r.id === w) ?? rounds.find((r) => String(r.year) === w);
  if (!found) throw new Refusal('case.roundNotFound', { which: which.trim().slice(0, 40) });
  return found;
}

export async function roundOfData(turn: Turn, data: Record<string, unknown>): Promise<Round> {
  const ref = RoundRef.safeParse(data);
  const round = ref.success ? await turn.services.rounds.get(ref.data.roundId) : undefined;
  if (!round) throw new Refusal('case.noRounds');
  return round;
}
