import type { AgendaItem, Meeting } from '../../src/domain/forum';
import type { Round } from '../../src/domain/round';
import type { NeedsReport } from '../../src/domain/report';
import { transition } from '../../src/domain/report';
import { FORUM_GROUP, type Grant } from '../../src/domain/roles';
import { DEFAULT_REGIONS, forumIdOfGroup, type RegionConfig } from '../../src/domain/regions';
import type { Services } from '../../src/teams/services';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { seedChannel, seedUser } from './delivery';
import { TENANT, type Persona } from './personas';
import type { Harness } from './harness';
import { actionData } from './wizard';

/** A plausible agenda item; `n` makes reference, title and owner distinct. */
export function agendaItem(n: number, overrides: Partial<AgendaItem> = {}): AgendaItem {
  return {
    reportId: `report-${n}`,
    reference: `BM-2027-${String(n).padStart(4, '0')}`,
    ownerName: `Kommune nummer ${n} med et ganske langt navn på eieren`,
    ownerOrgnr: '974760673',
    networkOrgnrs: ['123456785'],
    scheme: (['REKOM', 'DEKOM', 'KOMPLOFT'] as const)[n % 3],
    title: `Tiltak ${n}: ${'lesing og skriving i alle fag '.repeat(4).slice(0, 110)}`,
    uhName: 'OsloMet – storbyuniversitetet, fakultet for lærerutdanning og internasjonale studier',
    uhOrgnr: '983765238',
    years: [
      { schoolYear: 2027, grant: 1_250_000 + n },
      { schoolYear: 2028, grant: 1_000_000 },
      { schoolYear: 2029, grant: 900_000 },
    ],
    roundAmount: 1_250_000 + n,
    ...overrides,
  };
}

export const ROUND: Round = {
  id: 'r2027',
  year: 2027,
  counties: ['oslo'],
  deadline: '2027-02-01T22:59:00.000Z',
  status: 'closed',
  budgets: { REKOM: 40_000_000, DEKOM: 90_000_000, KOMPLOFT: 30_000_000 },
  createdAt: '2026-11-01T00:00:00.000Z',
};

export function meetingOf(items: readonly AgendaItem[], overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: '9999998213000000-abcdef01',
    forum: forumOf(overrides.group ?? 'vest'),
    group: 'vest',
    roundId: ROUND.id,
    title: 'Vårmøte i arbeidsgruppe Vest',
    date: '2027-03-12',
    order: items.map((i) => i.reportId),
    revision: 0,
    createdBy: { tenantId: '11111111-1111-4111-8111-111111111111', aadObjectId: '00000000-0000-4000-8000-000000000005' },
    createdAt: '2027-02-20T09:00:00.000Z',
    ...overrides,
  };
}

// --- integration: seeding a round, checked reports, members and the group's channel ------------

/** The County Governor's id: where officers' grants live, and the partition holding every meeting. */
export const FORUM = 'oslo-viken';
/** The forum the seeded reports (Asker og Bærum, working group "vest") go to in the default configuration. */
export const SEEDED_FORUM = 'viken';

/**
 * The forum a group's members, channel and meetings belong to in the default configuration (two
 * forums): a working group's own; the forum itself (FORUM_GROUP) is the seeded reports' forum.
 */
export function forumOf(group: string): string {
  return group === FORUM_GROUP ? SEEDED_FORUM : forumIdOfGroup(DEFAULT_REGIONS, group);
}
export const TEAM = '19:forum-team@thread.tacv2';
export const CHANNEL = '19:vest@thread.tacv2';
export const OTHER_CHANNEL = '19:oslo@thread.tacv2';

export const member = (n: number, name = `Medlem ${n}`): Persona => ({
  name,
  tenantId: TENANT,
  aadObjectId: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
});

/** A complete DEKOM report from Asker og Bærum (working group "vest"), as the wizard stores it. */
export function needsReport(n: number, overrides: Partial<NeedsReport> = {}): NeedsReport {
  return {
    ownerName: `Eier ${n} kommune`,
    ownerOrgnr: '974760673',
    ownerType: 'kommune',
    network: [{ name: 'Nabo kommune', orgnr: '123456785' }],
    region: 'asker-baerum',
    scheme: 'DEKOM',
    contactName: 'Kari Nordmann',
    contactEmail: 'kari@eksempel.no',
    contactPhone: '22000000',
    title: `Lesing i alle fag ${n}`,
    needAndGoal: 'Behov og mål',
    theme: 'lesing',
    targetGroups: ['ledere', 'laerere'],
    unitCount: 12,
    units: [],
    participants: 240,
    uhName: 'OsloMet – storbyuniversitetet',
    uhOrgnr: '983765238',
    uhContact: 'Ola Professor',
    uhDialogueConfirmed: true,
    staffInvolved: true,
    startYear: 2027,
    years: 2,
    amounts: [
      { owner: 1_000_000, uh: 250_000, ownContribution: 375_000 },
      { owner: 800_000, uh: 200_000, ownContribution: 300_000 },
    ],
    ...overrides,
  } as NeedsReport;
}

export async function seedRound(services: Services, budgets = { REKOM: 40_000_000, DEKOM: 90_000_000, KOMPLOFT: 30_000_000 }): Promise<void> {
  await services.rounds.create({ ...ROUND, budgets });
}

let seeded = 0;

/** A submitted and formally checked report in ROUND; returns its id and reference. */
export async function seedCheckedReport(services: Services, overrides: Partial<NeedsReport> = {}): Promise<{ id: string; reference: string }> {
  const n = ++seeded;
  const data = needsReport(n, overrides);
  const draftId = `seed-${process.pid}-${n}-${Math.floor(Math.random() * 1e9)}`;
  const reference = await services.reports.nextReference(ROUND.id, ROUND.year);
  const by = { tenantId: TENANT, aadObjectId: '00000000-0000-4000-8000-000000000001' };
  await services.reports.submitNew({ draftId, roundId: ROUND.id, reference, by, summary: summaryOf(data, services.regions), data });
  await services.reports.setStatus(ROUND.id, draftId, (status) => {
    const moved = transition({ status }, 'formally_checked', {
      actor: { role: 'secretariat', id: 'test' },
      at: services.now(),
      deadline: new Date(ROUND.deadline),
    });
    if (!moved.ok) throw new Error(moved.key);
    return moved.entry;
  });
  return { id: draftId, reference };
}

export async function grantMember(
  services: Services,
  who: Persona,
  opts: { group?: string; role?: 'member' | 'chair'; organisations?: string[]; forum?: string } = {},
): Promise<void> {
  const grant: Grant = {
    person: { tenantId: who.tenantId, aadObjectId: who.aadObjectId },
    forum: opts.forum ?? forumOf(opts.group ?? 'vest'),
    role: opts.role ?? 'member',
    group: opts.group ?? 'vest',
    displayName: who.name,
    organisations: opts.organisations ?? [],
    grantedBy: 'test',
    grantedAt: '2027-01-01T00:00:00.000Z',
  };
  await services.roles.grant(grant);
}

/** The group's channel, with a stored reference whose serviceUrl is the fake connector. */
export async function seedGroupChannel(services: Services, serviceUrl: string, group = 'vest', channelId = CHANNEL, forum = forumOf(group)): Promise<void> {
  await services.groups.assign({ forum, group, teamId: TEAM, channelId, assignedBy: 'test', assignedAt: '2027-01-01T00:00:00.000Z' });
  await seedChannel(services.references, serviceUrl, TEAM, channelId);
}

export async function seedOfficerChat(services: Services, serviceUrl: string, officer: Persona): Promise<void> {
  await seedUser(services.references, serviceUrl, officer.aadObjectId, officer.tenantId);
}

/** A press on a card in a group's channel, as Teams sends it: the card's data, the presser from the activity. */
export async function pressInChannel(
  h: Harness,
  who: Persona,
  channelId: string,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ status: number; body: any }> {
  return h.post({
    ...h.personalActivity(who),
    type: 'invoke',
    name: 'adaptiveCard/action',
    conversation: { id: `${channelId};messageid=1`, conversationType: 'channel', tenantId: TENANT, isGroup: true },
    channelData: { team: { id: TEAM }, channel: { id: channelId }, tenant: { id: TENANT } },
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } } },
  });
}

/** The officer's presses in personal chat, each answered with a card (asserted 200). */
export function officerPresses(h: Harness, officer: Persona): (verb: string, data?: Record<string, unknown>) => Promise<any> {
  return async (verb, data = {}) => {
    const res = await h.invoke(officer, verb, { verb, ...data });
    if (res.status !== 200) throw new Error(`${verb}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.value;
  };
}

/** A meeting made through the officer's form with its default agenda; returns it as stored. */
export async function meetingThroughForm(
  h: Harness,
  press: (verb: string, data?: Record<string, unknown>) => Promise<any>,
  m: { group: string; title: string; date?: string; forum?: string },
): Promise<Meeting> {
  const form = await press('meeting.new');
  const data = actionData(form, 'meeting.create');
  const forum = m.forum ?? (m.group === FORUM_GROUP ? SEEDED_FORUM : undefined);
  const editor = await press('meeting.create', {
    ...data,
    ...(forum ? { forum } : {}),
    group: m.group,
    roundId: ROUND.id,
    title: m.title,
    date: m.date ?? '2027-03-12',
  });
  return (await h.app.services.meetings.get(FORUM, actionData(editor, 'vote.open').meetingId as string))!;
}

/**
 * A County Governor (`id`) with two forums of two working groups each (Oslo: nord and sør;
 * Akershus: Romerike and Follo), for the tests that keep forums apart.
 */
export const twoForums = (id: string): RegionConfig => ({
  id,
  name: { nb: 'Statsforvalteren i Testfylkene' },
  workingGroups: [
    { id: 'oslo-nord', name: { nb: 'Arbeidsgruppe Oslo nord' } },
    { id: 'oslo-sor', name: { nb: 'Arbeidsgruppe Oslo sør' } },
    { id: 'romerike', name: { nb: 'Arbeidsgruppe Romerike' } },
    { id: 'follo', name: { nb: 'Arbeidsgruppe Follo' } },
  ],
  regions: [
    { id: 'grorud', county: 'oslo', name: { nb: 'Oslo – Groruddalen' }, workingGroup: 'oslo-nord' },
    { id: 'sondre', county: 'oslo', name: { nb: 'Oslo – Søndre Nordstrand' }, workingGroup: 'oslo-sor' },
    { id: 'lillestrom', county: 'akershus', name: { nb: 'Akershus – Lillestrøm' }, workingGroup: 'romerike' },
    { id: 'ski', county: 'akershus', name: { nb: 'Akershus – Ski' }, workingGroup: 'follo' },
  ],
  forums: [
    { id: 'forum-oslo', name: { nb: 'Samarbeidsforum Oslo', en: 'Cooperation forum Oslo' }, workingGroups: ['oslo-nord', 'oslo-sor'] },
    { id: 'forum-akershus', name: { nb: 'Samarbeidsforum Akershus', en: 'Cooperation forum Akershus' }, workingGroups: ['romerike', 'follo'] },
  ],
});
