import assert from 'node:assert/strict';
import { FORUM_GROUP, SECRETARIAT_GROUP } from '../../src/domain/roles';
import type { Services } from '../../src/teams/services';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { transition, type NeedsReport, type ReportStatus } from '../../src/domain/report';
import { agendaItemOf } from '../../src/domain/forum';
import { submitted } from './casework';
import { CHANNEL, FORUM, forumOf, grantMember, member, needsReport, ROUND, SEEDED_FORUM, seedGroupChannel, seedOfficerChat, seedRound, TEAM } from './forum';
import type { Harness } from './harness';
import { COLLEAGUE, FOREIGN, OFFICER, OWNER, TENANT, type Persona } from './personas';
import { actionData, fillReport, inputsOf, press, startReport } from './wizard';
import { GOOD_INPUT } from './reportInput';
import { GOOD_USAGE } from './usage';
import { checkUsage, valuesOf as usageValues } from '../../src/domain/usage';

// One seeded world per bot: everything every verb of the bot needs to succeed once, owned by the
// people who may act on it. The authorization matrix seeds one per caller and the fuzz suite one
// per run, so what one caller's allowed presses change never reaches another caller's cells.

/** The creator's report carries its own words, so an answer that reveals it is easy to spot. */
export const SECRET = {
  owner: { ownerName: 'Zetaby kommune', contactName: 'Zelda Kontaktperson', contactEmail: 'zelda@zetaby.kommune.no', contactPhone: '22 99 88 77' },
  measure: { title: 'Hemmelig tiltak Zeta' },
};
export const SECRETS = ['Zetaby', 'Zelda', 'zelda@zetaby', '22 99 88 77', '22998877', 'Hemmelig tiltak Zeta', 'kari@eksempel.no'];

export const GROUP_MEMBER = member(10, 'Mari Medlem');
export const OTHER_GROUP_MEMBER = member(11, 'Gunnar Annen Gruppe');
export const DISQUALIFIED = member(12, 'Dag Fra Eierkommunen');
/** The forum's own channel in the forum's team (the results are posted there). */
export const FORUM_CHANNEL = '19:forum@thread.tacv2';
/** Someone the officer adds to a group in `roles.add`. */
export const NEW_MEMBER = member(13, 'Nora Ny');
/** Linked to the creator's owner in the world, so a Remove press has someone to remove. */
export const LEAVING_COLLEAGUE = member(14, 'Lars Slutter');
/** Someone the owner's people add as a colleague in `colleagues.add`. */
export const NEW_COLLEAGUE = member(15, 'Nina Ny Kollega');
/** Filed a report for the creator's owner after it had confirmed people: a claim held for the secretariat (confirmed in `claims.confirm`). */
export const CLAIMANT = member(16, 'Klara Krav');
/** The other claim on the creator's owner: FOREIGN (another tenant) filed for it too (rejected in `claims.rejectConfirm`). */
export const FOREIGN_CLAIMANT = FOREIGN;
/** The creator's owner organisation. */
export const WORLD_ORGNR = '974760673';
export const OTHER_FORUM_OFFICER: Persona = { name: 'Nils Nordland', tenantId: TENANT, aadObjectId: '00000000-0000-4000-8000-000000000021' };

export interface World {
  /** The caller's own unsent draft, at the measure step, and a complete one at the review. */
  draftId: string;
  fullDraftId: string;
  /** The creator's own draft (the caller's draftId when the caller is the creator). */
  creatorDraftId: string;
  /** The creator's submitted report (in the open demo round), with SECRET's words. */
  report: { reportId: string; roundId: string; reference: string };
  demoRoundId: string;
  /** Meeting 1 of group vest: its vote open in the group's channel on one item. */
  meetingId: string;
  voteId: string;
  agendaReportId: string;
  /** Meeting 2 of group vest, not opened: two items to edit, and a checked report to add. */
  editMeetingId: string;
  editItems: string[];
  spareReportId: string;
  /** Reports of ROUND for the casework: one per state change an officer makes. */
  toCheck: string;
  toReturn: string;
  toMove: string;
  toDecide: string;
  toGrantAll: string;
  toPay: string;
  plannedRoundId: string;
  oldRoundId: string;
  /** A closed round whose one report is decided, and the forum's channel: its results can be published. */
  resultsRoundId: string;
  /** Meeting 3 of group vest, its vote closed with two items undecided: one to put on a later meeting, one to record. */
  undecidedMeetingId: string;
  undecidedItems: [string, string];
  /** Paid reports of ROUND: one with no usage report yet (the owner's verbs), two with one sent (accept, return). */
  usagePaid: string;
  usageToAccept: string;
  usageToReturn: string;
  /** Issue 23: a decided report to appeal; a paid one whose usage report is not open yet; accepted usage reports with unused money (to decide, and decided to be repaid); a continuation of the creator's owner waiting for its answer. */
  toAppeal: string;
  toOpenEarly: string;
  usageUnused: string;
  usageToRepay: string;
  continuationId: string;
}

let n = 0;

/** A usage report sent for the seeded report's first school year (1 250 000 kr paid), as the owner's card would. */
async function seedUsage(services: Services, reportId: string): Promise<string> {
  const report = (await services.reports.get<{ title: string }>(ROUND.id, reportId))!;
  const checked = checkUsage(GOOD_USAGE, 1_250_000);
  if (!checked.ok) throw new Error('GOOD_USAGE must add up');
  const at = services.now().toISOString();
  await services.usage.change({ roundId: ROUND.id, reportId, schoolYear: ROUND.year }, () => ({
    roundId: ROUND.id,
    reportId,
    schoolYear: ROUND.year,
    reference: report.reference,
    ownerName: report.summary.ownerName,
    ownerOrgnr: report.summary.ownerOrgnr,
    title: report.summary.title,
    paid: 1_250_000,
    status: 'submitted',
    values: usageValues(checked.report),
    report: checked.report,
    history: [{ to: 'submitted', at, by: `${TENANT}:${'00000000-0000-4000-8000-000000000001'}` }],
    updatedAt: at,
    submittedAt: at,
  }));
  return reportId;
}

/** The seeded usage report moved on: accepted (with 100 000 kr unused), or opened early as an empty draft. */
async function seedUsageState(services: Services, reportId: string, state: 'accepted' | 'repay' | 'openedEarly'): Promise<string> {
  const key = { roundId: ROUND.id, reportId, schoolYear: ROUND.year };
  const at = services.now().toISOString();
  if (state === 'openedEarly') {
    const report = (await services.reports.get<{ title: string }>(ROUND.id, reportId))!;
    await services.usage.change(key, () => ({
      ...key,
      reference: report.reference,
      ownerName: report.summary.ownerName,
      ownerOrgnr: report.summary.ownerOrgnr,
      title: report.summary.title,
      paid: 1_250_000,
      status: 'draft',
      values: {},
      history: [],
      updatedAt: at,
      openedEarlyAt: at,
      openedEarlyBy: 'test',
    }));
    return reportId;
  }
  await seedUsage(services, reportId);
  await services.usage.change(key, (cur) => ({
    ...cur!,
    status: 'accepted',
    ...(state === 'repay' ? { unusedDecision: { plan: 'repay' as const, amount: 100_000, dueDay: '2027-09-01', decidedAt: at, by: 'test' } } : {}),
  }));
  return reportId;
}

/** A continuation in ROUND of a paid two-year measure, for the creator's owner, waiting for the owner's answer. */
async function seedContinuation(services: Services): Promise<string> {
  const originId = await seedReport(services, ['formally_checked', 'on_agenda', 'prioritised', 'granted', 'paid']);
  const origin = (await services.reports.get<NeedsReport>(ROUND.id, originId))!;
  const id = `${originId}-y2`;
  const reference = await services.reports.nextReference(ROUND.id, ROUND.year + 100);
  const at = services.now().toISOString();
  const actor = { role: 'secretariat' as const, id: 'test' };
  const change = { field: 'continuation' as const, from: origin.reference, to: reference, schoolYear: ROUND.year, year: 2, of: 2 };
  await services.reports.createContinuation({
    roundId: ROUND.id,
    id,
    reference,
    createdBy: origin.createdBy,
    summary: { ...origin.summary, ownerOrgnr: WORLD_ORGNR, totalRequested: 1_000_000 },
    data: { ...origin.data, ownerOrgnr: WORLD_ORGNR, startYear: ROUND.year, years: 1, amounts: [origin.data.amounts[1] ?? origin.data.amounts[0]] },
    continuation: { originRoundId: ROUND.id, originReportId: originId, originReference: origin.reference, year: 2, of: 2, earlier: [] },
    entry: { from: 'paid', to: 'formally_checked', at, actor, change },
    originEntry: { from: 'paid', to: 'paid', at, actor, change },
    continuedIn: { roundId: ROUND.id, reportId: id, reference, schoolYear: ROUND.year, year: 2 },
  });
  return id;
}

/** A report of ROUND with the given path of states after `submitted`, stored as the wizard would. */
export async function seedReport(services: Services, path: ReportStatus[] = []): Promise<string> {
  const i = ++n;
  const data = needsReport(900 + i);
  const draftId = `world-${process.pid}-${i}-${Math.floor(Math.random() * 1e9)}`;
  // A year of its own in the reference: the demo round is 2027 too, and `vis` must find one report only.
  const reference = await services.reports.nextReference(ROUND.id, ROUND.year + 100);
  const by = { tenantId: TENANT, aadObjectId: '00000000-0000-4000-8000-000000000001' };
  await services.reports.submitNew({ draftId, roundId: ROUND.id, reference, by, summary: summaryOf(data, services.regions), data });
  for (const to of path) {
    await services.reports.setStatus(ROUND.id, draftId, (status) => {
      const moved = transition({ status }, to, { actor: { role: 'secretariat', id: 'test' }, at: services.now(), deadline: new Date(ROUND.deadline) });
      return moved.ok ? moved.entry : { from: status, to, at: services.now().toISOString(), actor: { role: 'secretariat', id: 'test' } };
    });
  }
  return draftId;
}

/** `who` files a report for the world's owner (as the wizard stores it), and so claims it. */
async function seedClaim(services: Services, who: Persona): Promise<void> {
  const data = needsReport(700 + ++n, { ownerOrgnr: WORLD_ORGNR, title: `Krav ${who.name}` });
  const draftId = `claim-${process.pid}-${n}-${Math.floor(Math.random() * 1e9)}`;
  const reference = await services.reports.nextReference(ROUND.id, ROUND.year + 100);
  await services.reports.submitNew({
    draftId,
    roundId: ROUND.id,
    reference,
    by: personKeyOf(who),
    byName: who.name,
    summary: summaryOf(data, services.regions),
    data,
  });
}

/** A closed round of 2026 with one granted report (the creator's), and the forum's own channel in the team. */
async function seedDecidedRound(h: Harness, roundId: string): Promise<void> {
  const sv = h.app.services;
  await sv.rounds.create({ ...ROUND, id: roundId, year: 2026, deadline: '2026-02-01T22:59:00.000Z', status: 'closed' });
  const data = needsReport(800, { startYear: 2026 });
  const draftId = `world-results-${process.pid}-${Math.floor(Math.random() * 1e9)}`;
  const reference = await sv.reports.nextReference(roundId, 2126);
  const by = { tenantId: TENANT, aadObjectId: '00000000-0000-4000-8000-000000000001' };
  await sv.reports.submitNew({ draftId, roundId, reference, by, summary: summaryOf(data, sv.regions), data });
  const at = sv.now().toISOString();
  const actor = { role: 'secretariat' as const, id: 'test' };
  for (const to of ['formally_checked', 'on_agenda', 'prioritised'] as ReportStatus[])
    await sv.reports.setStatus(roundId, draftId, (from) => ({ from, to, at, actor }));
  const decision = { outcome: 'granted' as const, amounts: [1_250_000, 1_000_000], total: 2_250_000, at, by: 'test' };
  await sv.reports.setStatus(roundId, draftId, (from) => ({ from, to: 'granted', at, actor }), { decision });
  // Results are published per forum, in the channel of the report's forum (group vest's, Viken).
  await seedGroupChannel(sv, h.connector.url, FORUM_GROUP, FORUM_CHANNEL, SEEDED_FORUM);
}

async function officerCard(h: Harness, verb: string, data: Record<string, unknown>): Promise<any> {
  const res = await h.invoke(OFFICER, verb, data);
  assert.equal(res.body?.type, 'application/vnd.microsoft.card.adaptive', `${verb}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body.value;
}

/** A meeting of group vest over the reports checked now, made through the officer's form. */
async function meetingOver(h: Harness, title: string): Promise<string> {
  const form = await officerCard(h, 'meeting.new', {});
  const editor = await officerCard(h, 'meeting.create', { ...actionData(form, 'meeting.create'), group: 'vest', roundId: ROUND.id, title, date: '2027-03-12' });
  return actionData(editor, 'vote.open').meetingId as string;
}

/** A closed meeting of group vest whose items nobody marked (undecided, no votes), stored as closing leaves it. */
async function closedWithUndecided(sv: Services, reportIds: string[]): Promise<string> {
  // Sorts after the meetings made through the form, so lists show those first.
  const id = `9999999999999999-${Math.floor(Math.random() * 1e8)}`;
  const officer = { tenantId: OFFICER.tenantId, aadObjectId: OFFICER.aadObjectId };
  const at = '2027-03-05T12:00:00.000Z';
  await sv.meetings.create({
    id,
    forum: forumOf('vest'),
    group: 'vest',
    roundId: ROUND.id,
    title: 'Uavklart Vest',
    date: '2027-03-05',
    order: reportIds,
    revision: 1,
    vote: { id: `v${id.replace(/-/g, '')}`, status: 'closed', openedAt: at, openedBy: officer, closedAt: at },
    createdBy: officer,
    createdAt: at,
  });
  for (const reportId of reportIds) {
    await sv.meetings.putItem(id, agendaItemOf((await sv.reports.get<NeedsReport>(ROUND.id, reportId))!, ROUND.year));
    await sv.meetings.setResult(id, reportId, {
      outcome: 'undecided',
      method: 'noVotes',
      electors: 2,
      tally: { prioritise: 0, notPrioritise: 0, abstain: 0, conflict: 0, total: 0 },
      counted: {},
      closedAt: at,
    });
  }
  return id;
}

/** Seeds the world; `caller` gets the drafts (everyone may keep drafts of their own). */
export async function seedWorld(h: Harness, caller: Persona): Promise<World> {
  const sv = h.app.services;
  const report = await submitted(h, OWNER, { owner: SECRET.owner, measure: SECRET.measure });
  // The creator is one of the owner's confirmed people (the secretariat confirmed the claim their filing made).
  await sv.ownerPeople.confirm(WORLD_ORGNR, personKeyOf(OWNER), { id: 'test', asOfficer: true });
  await sv.reports.addOwnerMember(WORLD_ORGNR, { tenantId: COLLEAGUE.tenantId, aadObjectId: COLLEAGUE.aadObjectId });
  // Two claims on the owner, held for the secretariat: one from the creator's tenant, one from another.
  for (const p of [CLAIMANT, FOREIGN_CLAIMANT]) await seedClaim(sv, p);
  await sv.ownerPeople.add(WORLD_ORGNR, personKeyOf(LEAVING_COLLEAGUE), { id: 'test', asOfficer: false }, LEAVING_COLLEAGUE.name);
  const owner = await press(h, caller, await startReport(h, caller), 'report.next', GOOD_INPUT.owner);
  const draftId = actionData(owner, 'report.next').draftId as string;
  const creatorDraftId =
    caller.aadObjectId === OWNER.aadObjectId
      ? draftId
      : (actionData(await press(h, OWNER, await startReport(h, OWNER), 'report.next', { ...GOOD_INPUT.owner, ...SECRET.owner }), 'report.next')
          .draftId as string);
  // A third draft, saved and closed on the first step, so "delete my drafts" has one left at the end.
  await press(h, caller, await startReport(h, caller), 'report.close', { ownerName: 'Reserve' });
  const review = await fillReport(h, caller);
  const fullDraftId = actionData(review, 'report.submit').draftId as string;

  await grantMember(sv, GROUP_MEMBER, { organisations: ['111111111'] });
  await grantMember(sv, OTHER_GROUP_MEMBER, { group: 'oslo' });
  await grantMember(sv, DISQUALIFIED, { organisations: ['974760673'] });
  await sv.roles.grant({
    person: { tenantId: OTHER_FORUM_OFFICER.tenantId, aadObjectId: OTHER_FORUM_OFFICER.aadObjectId },
    forum: 'nordland',
    role: 'secretariat',
    group: SECRETARIAT_GROUP,
    organisations: [],
    grantedBy: 'test',
    grantedAt: '2026-11-01T00:00:00.000Z',
  });
  await seedRound(sv);
  await seedGroupChannel(sv, h.connector.url);
  await seedOfficerChat(sv, h.connector.url, OFFICER);
  await seedOfficerChat(sv, h.connector.url, OWNER);

  const agendaReportId = await seedReport(sv, ['formally_checked']);
  const meetingId = await meetingOver(h, 'Vårmøte Vest');
  await officerCard(h, 'vote.open', { meetingId });
  const editItems = [await seedReport(sv, ['formally_checked']), await seedReport(sv, ['formally_checked'])];
  const editMeetingId = await meetingOver(h, 'Høstmøte Vest');
  const meeting = (await sv.meetings.get(FORUM, meetingId))!;
  assert.ok(meeting.vote?.status === 'open' && meeting.posted, 'the vote is open in the channel');

  const toDecision: ReportStatus[] = ['formally_checked', 'on_agenda', 'prioritised'];
  const undecidedItems: [string, string] = [await seedReport(sv, ['formally_checked', 'on_agenda']), await seedReport(sv, ['formally_checked', 'on_agenda'])];
  const world: World = {
    draftId,
    fullDraftId,
    creatorDraftId,
    report,
    demoRoundId: report.roundId,
    meetingId,
    voteId: meeting.vote.id,
    agendaReportId,
    editMeetingId,
    editItems,
    spareReportId: await seedReport(sv, ['formally_checked']),
    toCheck: await seedReport(sv),
    toReturn: await seedReport(sv),
    toMove: await seedReport(sv),
    toDecide: await seedReport(sv, toDecision),
    toGrantAll: await seedReport(sv, toDecision),
    toPay: await seedReport(sv, [...toDecision, 'granted']),
    plannedRoundId: 'r2029',
    oldRoundId: 'r2024',
    resultsRoundId: 'r2026',
    undecidedMeetingId: await closedWithUndecided(sv, undecidedItems),
    undecidedItems,
    usagePaid: await seedUsageState(sv, await seedReport(sv, [...toDecision, 'granted', 'paid']), 'openedEarly'),
    usageToAccept: await seedUsage(sv, await seedReport(sv, [...toDecision, 'granted', 'paid'])),
    usageToReturn: await seedUsage(sv, await seedReport(sv, [...toDecision, 'granted', 'paid'])),
    toAppeal: await seedReport(sv, [...toDecision, 'granted']),
    toOpenEarly: await seedReport(sv, [...toDecision, 'granted', 'paid']),
    usageUnused: await seedUsageState(sv, await seedReport(sv, [...toDecision, 'granted', 'paid']), 'accepted'),
    usageToRepay: await seedUsageState(sv, await seedReport(sv, [...toDecision, 'granted', 'paid']), 'repay'),
    continuationId: await seedContinuation(sv),
  };
  // The appealed report's decision, recorded a week ago (the appeal comes in time).
  const decided = { outcome: 'granted' as const, amounts: [1_250_000, 1_000_000], total: 2_250_000, at: '2026-11-24T09:00:00.000Z', by: 'test' };
  await sv.reports.setStatus(ROUND.id, world.toAppeal, (from) => ({ from, to: 'paid', at: decided.at, actor: { role: 'secretariat', id: 'test' } }), {
    decision: decided,
  });
  await sv.rounds.create({ ...ROUND, id: world.plannedRoundId, year: 2029, deadline: '2029-02-01T22:59:00.000Z', status: 'planned' });
  await sv.rounds.create({ ...ROUND, id: world.oldRoundId, year: 2024, deadline: '2024-02-01T22:59:00.000Z', status: 'closed' });
  await seedDecidedRound(h, world.resultsRoundId);
  return world;
}

/** Settings the world needs: its old round (2024) is past retention. */
export const WORLD_ENV = { ROUND_RETENTION_YEARS: '1' };

export type Where = 'personal' | 'channel';

/** A Teams activity from `who`, in their personal chat or in group vest's channel of the forum's team. */
export function activityFor(h: Harness, who: Persona, where: Where): Record<string, unknown> {
  const base = h.personalActivity(who);
  if (where === 'personal') return base;
  return {
    ...base,
    conversation: { id: `${CHANNEL};messageid=1700000000000`, conversationType: 'channel', tenantId: who.tenantId, isGroup: true },
    channelData: { team: { id: TEAM }, channel: { id: CHANNEL }, tenant: { id: who.tenantId } },
  };
}

/** The inputs of a form card with their current values, as Teams sends them back. */
export function valuesOf(card: any): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputsOf(card)).map(([id, input]) => [id, input.value ?? '']));
}

export interface Press {
  where: Where;
  data: Record<string, unknown>;
}
type PressOf = (w: World, officer: (verb: string, data?: Record<string, unknown>) => Promise<any>) => Press | Promise<Press>;

const personKeyOf = (p: Persona) => ({ tenantId: p.tenantId, aadObjectId: p.aadObjectId });
const personal = (data: Record<string, unknown>): Press => ({ where: 'personal', data });
const inChannel = (data: Record<string, unknown>): Press => ({ where: 'channel', data });
const caseOf = (w: World, reportId: string) => ({ roundId: ROUND.id, reportId });

/**
 * What a real card sends for each verb when it works: the ids of the world's things and valid
 * input. In the order a caller's allowed presses run: a press that uses up a fixture (submits,
 * withdraws, deletes, closes) comes after every press that needs it.
 */
export const PRESSES: ReadonlyArray<readonly [string, PressOf]> = [
  ['help.show', () => personal({})],
  ['report.new', () => personal({})],
  ['report.next', (w) => personal({ draftId: w.draftId, step: 'measure', ...GOOD_INPUT.measure })],
  ['report.back', (w) => personal({ draftId: w.draftId, step: 'targets' })],
  ['report.goto', (w) => personal({ draftId: w.draftId, step: 'owner' })],
  ['report.close', (w) => personal({ draftId: w.draftId, step: 'owner' })],
  ['report.continue', () => personal({})],
  ['report.resume', (w) => personal({ draftId: w.draftId })],
  ['report.cancel', (w) => personal({ draftId: w.draftId })],
  ['draft.delete', (w) => personal({ draftId: w.draftId })],
  ['report.mine', () => personal({})],
  ['report.open', (w) => personal({ reportId: w.report.reportId })],
  ['report.edit', (w) => personal({ reportId: w.report.reportId })],
  ['report.withdraw', (w) => personal({ reportId: w.report.reportId })],
  ['privacy.show', () => personal({})],
  ['colleagues.mine', () => personal({})],
  ['colleagues.list', () => personal({ orgnr: WORLD_ORGNR })],
  ['colleagues.addForm', () => personal({ orgnr: WORLD_ORGNR })],
  ['colleagues.remove', () => personal({ orgnr: WORLD_ORGNR, ...personKeyOf(LEAVING_COLLEAGUE) })],
  ['privacy.deleteDrafts', () => personal({})],
  ['secretariat.menu', () => personal({})],
  ['roles.list', () => personal({})],
  ['roles.addForm', () => personal({ mode: 'member' })],
  ['channel.form', () => inChannel({})],
  ['channel.assign', () => inChannel({ group: 'vest', channel: CHANNEL })],
  ['round.list', () => personal({})],
  ['round.newForm', () => personal({})],
  ['overview.show', (w) => personal({ roundId: w.demoRoundId })],
  ['report.check', (w) => personal(caseOf(w, w.toCheck))],
  ['report.return', (w) => personal(caseOf(w, w.toReturn))],
  ['report.moveGroup', (w) => personal(caseOf(w, w.toMove))],
  ['decision.form', (w) => personal(caseOf(w, w.toDecide))],
  ['decision.paid', (w) => personal(caseOf(w, w.toPay))],
  ['decision.pending', () => personal({ roundId: ROUND.id })],
  ['decision.grantAll', () => personal({ roundId: ROUND.id })],
  ['export.round', () => personal({ roundId: ROUND.id })],
  ['round.purge', () => personal({})],
  ['usage.list', () => personal({})],
  ['usage.open', (w) => personal({ roundId: ROUND.id, reportId: w.usagePaid, schoolYear: ROUND.year })],
  ['usage.save', (w) => personal({ roundId: ROUND.id, reportId: w.usagePaid, schoolYear: ROUND.year, usedOwner: '950 000', activities: 'Samlinger' })],
  ['usage.round', () => personal({ roundId: ROUND.id })],
  ['usage.show', (w) => personal({ roundId: ROUND.id, reportId: w.usageToReturn, schoolYear: ROUND.year })],
  ['usage.return', (w) => personal({ roundId: ROUND.id, reportId: w.usageToReturn, schoolYear: ROUND.year })],
  ['meeting.list', () => personal({})],
  ['meeting.new', () => personal({})],
  ['meeting.show', (w) => personal({ meetingId: w.editMeetingId })],
  ['round.close', (w) => personal({ roundId: w.demoRoundId })],
  ['results.publish', (w) => personal({ roundId: w.resultsRoundId, forum: SEEDED_FORUM })],
  ['roles.remove', () => personal({ tenantId: OTHER_GROUP_MEMBER.tenantId, aadObjectId: OTHER_GROUP_MEMBER.aadObjectId, role: 'member', group: 'oslo' })],
  ['vote.refresh', (w) => inChannel({ meetingId: w.meetingId, reportId: w.agendaReportId, v: w.voteId })],
  ['vote.need', (w) => personal({ meetingId: w.meetingId, reportId: w.agendaReportId, v: w.voteId })],
  ['undecided.list', (w) => personal({ meetingId: w.undecidedMeetingId })],
  ['undecided.form', (w) => personal({ meetingId: w.undecidedMeetingId, reportId: w.undecidedItems[0] })],
  ['rules.list', () => personal({})],
  ['rules.form', () => personal({ group: 'vest' })],
  ['plan.form', () => personal({})],
  ['claims.list', () => personal({})],
  ['claims.reject', () => personal({ orgnr: WORLD_ORGNR, ...personKeyOf(FOREIGN_CLAIMANT) })],
  ['forums.list', () => personal({})],
  ['appeal.form', (w) => personal(caseOf(w, w.toAppeal))],
  // From here on each press changes what it names, and nothing later needs it as it was.
  ['vote.mark', (w) => inChannel({ meetingId: w.meetingId, reportId: w.agendaReportId, v: w.voteId, mark: 'prioritise' })],
  ['report.submit', (w) => personal({ draftId: w.fullDraftId })],
  ['draft.deleteConfirm', (w) => personal({ draftId: w.draftId })],
  ['privacy.deleteDraftsConfirm', () => personal({})],
  ['report.withdrawConfirm', (w) => personal({ reportId: w.report.reportId })],
  [
    'colleagues.add',
    () =>
      personal({ orgnr: WORLD_ORGNR, person: '', aadObjectId: NEW_COLLEAGUE.aadObjectId, tenantId: NEW_COLLEAGUE.tenantId, displayName: NEW_COLLEAGUE.name }),
  ],
  ['colleagues.removeConfirm', () => personal({ orgnr: WORLD_ORGNR, ...personKeyOf(LEAVING_COLLEAGUE) })],
  ['claims.confirm', () => personal({ orgnr: WORLD_ORGNR, ...personKeyOf(CLAIMANT) })],
  ['claims.rejectConfirm', () => personal({ orgnr: WORLD_ORGNR, ...personKeyOf(FOREIGN_CLAIMANT) })],
  [
    'roles.add',
    () =>
      personal({
        mode: 'member',
        aadObjectId: NEW_MEMBER.aadObjectId,
        tenantId: NEW_MEMBER.tenantId,
        displayName: NEW_MEMBER.name,
        role: 'member',
        group: 'vest',
        organisations: '',
      }),
  ],
  [
    'roles.removeConfirm',
    () => personal({ tenantId: OTHER_GROUP_MEMBER.tenantId, aadObjectId: OTHER_GROUP_MEMBER.aadObjectId, role: 'member', group: 'oslo' }),
  ],
  [
    'round.create',
    async (_w, officer) => {
      const form = await officer('round.newForm');
      const values = valuesOf(form);
      for (const k of Object.keys(values)) if (/budget/i.test(k) && k !== 'budgetSplit') values[k] = '1 000 000';
      return personal({ ...values, year: '2028', deadline: '2028-02-01' });
    },
  ],
  ['report.checkPass', (w) => personal(caseOf(w, w.toCheck))],
  ['report.returnConfirm', (w) => personal({ ...caseOf(w, w.toReturn), comment: 'Mangler vedlegg' })],
  ['report.moveGroupConfirm', (w) => personal({ ...caseOf(w, w.toMove), workingGroup: 'oslo' })],
  [
    'decision.record',
    async (w, officer) => {
      const form = await officer('decision.form', caseOf(w, w.toDecide));
      return personal({ ...actionData(form, 'decision.record'), ...valuesOf(form), outcome: 'granted' });
    },
  ],
  [
    'decision.grantAllConfirm',
    async (_w, officer) => personal(actionData(await officer('decision.grantAll', { roundId: ROUND.id }), 'decision.grantAllConfirm')),
  ],
  ['decision.paidConfirm', (w) => personal(caseOf(w, w.toPay))],
  ['meeting.add', (w) => personal({ meetingId: w.editMeetingId, addReportId: w.spareReportId })],
  ['meeting.move', (w) => personal({ meetingId: w.editMeetingId, reportId: w.editItems[1], to: 'up' })],
  ['meeting.remove', (w) => personal({ meetingId: w.editMeetingId, reportId: w.editItems[0] })],
  ['meeting.post', (w) => personal({ meetingId: w.editMeetingId })],
  [
    'meeting.create',
    async (_w, officer) =>
      personal({ ...actionData(await officer('meeting.new'), 'meeting.create'), group: 'oslo', roundId: ROUND.id, title: 'Møte Oslo', date: '2027-03-20' }),
  ],
  ['vote.open', (w) => personal({ meetingId: w.editMeetingId })],
  // Nothing chosen: the form again with its error (the item stays for the presses after it).
  ['undecided.save', (w) => personal({ meetingId: w.undecidedMeetingId, reportId: w.undecidedItems[0], way: '', note: '' })],
  ['undecided.later', (w) => personal({ meetingId: w.undecidedMeetingId, reportId: w.undecidedItems[0], toMeeting: '', laterNote: 'Neste møte' })],
  ['undecided.record', (w) => personal({ meetingId: w.undecidedMeetingId, reportId: w.undecidedItems[1], outcome: 'prioritised', note: 'Enige muntlig' })],
  ['vote.close', (w) => personal({ meetingId: w.meetingId })],
  ['meeting.recommendation', (w) => personal({ meetingId: w.meetingId })],
  ['meeting.csv', (w) => personal({ meetingId: w.meetingId })],
  ['rules.save', () => personal({ group: 'vest', revision: 0, quorumPercent: '40', consensus: 'unanimous', tieBreak: 'chair' })],
  ['plan.save', () => personal({ forum: SEEDED_FORUM, area1Nb: 'Lesing og skriving' })],
  ['round.closeConfirm', (w) => personal({ roundId: w.demoRoundId })],
  ['round.open', (w) => personal({ roundId: w.plannedRoundId })],
  ['results.publishConfirm', (w) => personal({ roundId: w.resultsRoundId, forum: SEEDED_FORUM })],
  ['usage.submit', (w) => personal({ roundId: ROUND.id, reportId: w.usagePaid, schoolYear: ROUND.year, ...GOOD_USAGE })],
  ['usage.returnConfirm', (w) => personal({ roundId: ROUND.id, reportId: w.usageToReturn, schoolYear: ROUND.year, comment: 'Oppgi datoene.' })],
  ['usage.accept', (w) => personal({ roundId: ROUND.id, reportId: w.usageToAccept, schoolYear: ROUND.year })],
  ['round.purgeConfirm', async (_w, officer) => personal(actionData(await officer('round.purge'), 'round.purgeConfirm'))],
  ['appeal.save', (w) => personal({ ...caseOf(w, w.toAppeal), receivedOn: '2026-11-30' })],
  ['usage.openEarly', (w) => personal({ ...caseOf(w, w.toOpenEarly), schoolYear: ROUND.year })],
  [
    'usage.unused',
    (w) => personal({ ...caseOf(w, w.usageUnused), schoolYear: ROUND.year, step: 'save', plan: 'repay', amount: '100 000', dueDay: '2027-09-01' }),
  ],
  ['usage.repaid', (w) => personal({ ...caseOf(w, w.usageToRepay), schoolYear: ROUND.year })],
  ['continuation.answer', (w) => personal({ reportId: w.continuationId, choice: 'continue' })],
  // The analysis: the default choice (the last three rounds, the one forum, every scheme).
  ['analysis.show', () => personal({})],
  ['analysis.export', () => personal({})],
  ['analysis.summary', () => personal({ forum: SEEDED_FORUM })],
  ['analysis.summaryPost', () => personal({ forum: SEEDED_FORUM })],
];
