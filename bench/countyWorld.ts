/**
 * The County Governor the county benchmark (county.ts) runs a year in: four forums of three working
 * groups, owners in many tenants, thousands of installed personal chats, 40 members per group. All
 * of it written straight to storage (setup, not measured), as the bot's own cards would leave it.
 */
import type { NeedsReport } from '../src/domain/report';
import { parseRegionConfig, type RegionConfig } from '../src/domain/regions';
import type { Round } from '../src/domain/round';
import { SCHEMES } from '../src/domain/schemes';
import { ConversationReferences } from '../src/storage/conversationReferences';
import { Groups } from '../src/storage/groups';
import { reportPk, Reports } from '../src/storage/reports';
import { Roles } from '../src/storage/roles';
import { Rounds } from '../src/storage/rounds';
import type { Tables } from '../src/storage/tables';
import { summaryOf } from '../src/teams/wizard/summaryOf';
import { personalConversationId, seedChannel, seedUser } from '../test/support/delivery';
import { pool } from './common';
import { REPORT, TENANT } from './fixtures';

export interface CountyScale {
  forums: number;
  groupsPerForum: number;
  reports: number;
  owners: number;
  tenants: number;
  /** Installed personal chats (everyone the announcement may reach). */
  chats: number;
  membersPerGroup: number;
  /** The deadline-day peak's sample through the bot's endpoint: owners × reports each, the rest of the peak seeded. */
  peakUsers: number;
  peakReportsEach: number;
  /** The app's limit (sends per second) the bot paces by and the fake Teams enforces. */
  appRate: number;
  /** Reports on each working group's agenda (voted on by every member, then bulk granted); the rest are decided in storage. */
  agendaPerGroup: number;
}

export const FULL_SCALE: CountyScale = {
  forums: 4,
  groupsPerForum: 3,
  reports: 2000,
  owners: 600,
  tenants: 300,
  chats: 10_000,
  membersPerGroup: 40,
  peakUsers: 20,
  peakReportsEach: 5,
  appRate: 50,
  agendaPerGroup: 5,
};

/** One tenth of the people and reports (members per group as in full), at Teams' default app rate of the bot (30/s). */
export const QUICK_SCALE: CountyScale = {
  ...FULL_SCALE,
  reports: 200,
  owners: 60,
  tenants: 30,
  chats: 1000,
  peakUsers: 10,
  peakReportsEach: 1,
  appRate: 30,
  agendaPerGroup: 2,
};

export type Person = { tenantId: string; aadObjectId: string };

const pad = (n: number, w = 12) => String(n).padStart(w, '0');
export const tenantOf = (t: number) => `00000000-0000-4000-c000-${pad(t)}`;
/** The officer (BOOTSTRAP_SECRETARIAT) presses from the bench tenant. */
export const OFFICER: Person = { tenantId: TENANT, aadObjectId: '00000000-0000-4000-f000-000000000001' };
/** The deadline-day sample's owners: the ids bench/submit.ts's wizardLoad presses as (user n). */
export const peakPerson = (n: number): Person => ({ tenantId: TENANT, aadObjectId: `00000000-0000-4000-8000-${pad(n)}` });
export const memberOf = (g: number, m: number): Person => ({ tenantId: TENANT, aadObjectId: `00000000-0000-4000-b000-${pad(g * 1000 + m)}` });

// The default regions' ids (the wizard's sample input files from asker-baerum), plus five more: twelve
// regions, one per working group, in the default four counties.
const REGION_IDS = [
  ['oslo', 'oslo'],
  ['romerike', 'akershus'],
  ['follo', 'akershus'],
  ['asker-baerum', 'akershus'],
  ['ostfold', 'ostfold'],
  ['drammen-kongsberg', 'buskerud'],
  ['ringerike-hallingdal-numedal', 'buskerud'],
  ['bench-8', 'oslo'],
  ['bench-9', 'akershus'],
  ['bench-10', 'ostfold'],
  ['bench-11', 'buskerud'],
  ['bench-12', 'ostfold'],
];

/** Four forums × three working groups (REGIONS as JSON for the bot processes). */
export function countyRegions(scale: CountyScale): RegionConfig {
  const groups = Array.from({ length: scale.forums * scale.groupsPerForum }, (_, i) => `g${i + 1}`);
  return parseRegionConfig({
    id: 'county-bench',
    name: { nb: 'Statsforvalteren i benkmerket' },
    workingGroups: groups.map((id) => ({ id, name: { nb: `Arbeidsgruppe ${id}` } })),
    regions: groups.map((g, i) => ({
      id: REGION_IDS[i % REGION_IDS.length][0],
      county: REGION_IDS[i % REGION_IDS.length][1],
      name: { nb: `Region ${g}` },
      workingGroup: g,
    })),
    forums: Array.from({ length: scale.forums }, (_, f) => ({
      id: `forum-${f + 1}`,
      name: { nb: `Samarbeidsforum ${f + 1}` },
      workingGroups: groups.slice(f * scale.groupsPerForum, (f + 1) * scale.groupsPerForum),
    })),
  });
}

export const YEAR = 2027;
/** Open from the officer's press until the deadline; the year matches the wizard's sample input. */
export const ROUND: Round = {
  id: 'county-2027',
  year: YEAR,
  counties: ['oslo', 'akershus', 'ostfold', 'buskerud'],
  deadline: '2027-02-01T22:59:59.999Z',
  status: 'planned',
  budgets: { REKOM: 40_000_000, DEKOM: 120_000_000, KOMPLOFT: 18_000_000 },
  createdAt: new Date().toISOString(),
};

const ownerOrgnr = (o: number) => `9${pad(o, 8)}`;
/** Seeded report i: its owner, whose region (and so group and forum) is fixed; filed by its own person in the owner's tenant. */
const ownerOfReport = (scale: CountyScale, i: number) => i % scale.owners;
const filerOf = (scale: CountyScale, i: number): Person => ({
  tenantId: tenantOf(ownerOfReport(scale, i) % scale.tenants),
  aadObjectId: `00000000-0000-4000-d000-${pad(i)}`,
});
const seededReports = (scale: CountyScale) => scale.reports - scale.peakUsers * scale.peakReportsEach;

/** Everyone with the app in personal chat: the seeded reports' filers, the peak's owners, the officer, and others up to `chats`. */
export function installedPeople(scale: CountyScale): Person[] {
  const filers = Array.from({ length: seededReports(scale) }, (_, i) => filerOf(scale, i));
  const peak = Array.from({ length: scale.peakUsers }, (_, n) => peakPerson(n));
  const rest = Array.from({ length: Math.max(0, scale.chats - filers.length - peak.length - 1) }, (_, i) => ({
    tenantId: tenantOf(i % scale.tenants),
    aadObjectId: `00000000-0000-4000-e000-${pad(i)}`,
  }));
  return [...filers, ...peak, OFFICER, ...rest];
}

/** The people the results reach: every filer (each files for one owner of one forum here), by forum; of the peak's, those who `filed`. */
export function resultPeople(scale: CountyScale, regions: RegionConfig, filed: ReadonlySet<string>): Map<string, Person[]> {
  const out = new Map<string, Person[]>();
  const add = (forum: string, p: Person) => out.set(forum, [...(out.get(forum) ?? []), p]);
  for (let i = 0; i < seededReports(scale); i++) add(forumOfRegion(regions, regionOfOwner(regions, ownerOfReport(scale, i))), filerOf(scale, i));
  for (let n = 0; n < scale.peakUsers; n++) if (filed.has(peakPerson(n).aadObjectId)) add(forumOfRegion(regions, 'asker-baerum'), peakPerson(n));
  return out;
}

const regionOfOwner = (regions: RegionConfig, o: number) => regions.regions[o % regions.regions.length].id;
function forumOfRegion(regions: RegionConfig, region: string): string {
  const group = regions.regions.find((r) => r.id === region)!.workingGroup;
  return regions.forums!.find((f) => f.workingGroups.includes(group))!.id;
}

export const forumChannel = (forum: string) => `19:county-${forum}@thread.tacv2`;
export const groupChannel = (group: string) => `19:county-${group}@thread.tacv2`;
export const TEAM = '19:county-team@thread.tacv2';
export const personalChat = (p: Person) => personalConversationId(p.aadObjectId);

/**
 * Before the year: the round (planned), every installed chat pointing at the fake Teams, each
 * forum's and working group's channel, 40 members in each working group, and the first half of the reports (filed
 * before deadline day; the second half is the peak).
 */
export async function seedCounty(tables: Tables, scale: CountyScale, regions: RegionConfig, teamsUrl: string): Promise<{ seeded: number }> {
  await new Rounds(tables).create(ROUND);
  const refs = new ConversationReferences(tables);
  const people = installedPeople(scale);
  await pool(people.length, 32, (i) => seedUser(refs, teamsUrl, people[i].aadObjectId, people[i].tenantId));
  const groups = new Groups(tables);
  for (const f of regions.forums!) {
    await groups.assign({
      forum: f.id,
      group: 'forum',
      teamId: TEAM,
      channelId: forumChannel(f.id),
      assignedBy: 'bench',
      assignedAt: new Date().toISOString(),
    });
    await seedChannel(refs, teamsUrl, TEAM, forumChannel(f.id));
    for (const g of f.workingGroups) {
      await groups.assign({ forum: f.id, group: g, teamId: TEAM, channelId: groupChannel(g), assignedBy: 'bench', assignedAt: new Date().toISOString() });
      await seedChannel(refs, teamsUrl, TEAM, groupChannel(g));
    }
  }
  const roles = new Roles(tables, regions.id);
  const grants = regions.forums!.flatMap((f) =>
    f.workingGroups.flatMap((g) =>
      Array.from({ length: scale.membersPerGroup }, (_, m) => ({
        forum: f.id,
        group: g,
        person: memberOf(
          regions.workingGroups.findIndex((w) => w.id === g),
          m,
        ),
      })),
    ),
  );
  await pool(grants.length, 20, (i) =>
    roles.grant({
      ...grants[i],
      role: i % scale.membersPerGroup === 0 ? 'chair' : 'member',
      organisations: [],
      grantedBy: 'bench',
      grantedAt: new Date().toISOString(),
    }),
  );
  // Every report but the peak's sample is stored as the wizard stores it; the peak's share of these
  // ("half in the last six hours") is seeded too, only the sample goes through the endpoint.
  const n = seededReports(scale);
  const inputs = Array.from({ length: n }, (_, i) => {
    const o = ownerOfReport(scale, i);
    const data = {
      ...REPORT,
      scheme: SCHEMES[i % SCHEMES.length],
      ownerName: `Eier ${o}`,
      ownerOrgnr: ownerOrgnr(o),
      region: regionOfOwner(regions, o),
      title: `${REPORT.title} ${i + 1}`,
      startYear: YEAR,
    } as NeedsReport;
    return { draftId: `county-${pad(i, 6)}`, reference: `BM-${YEAR}-${pad(i + 1, 5)}`, by: filerOf(scale, i), summary: summaryOf(data, regions), data };
  });
  const reports = new Reports(tables, () => new Date());
  await pool(Math.ceil(n / 500), 4, (c) => reports.importSubmitted(ROUND.id, inputs.slice(c * 500, (c + 1) * 500)));
  return { seeded: n };
}

// Not on an agenda (submitted), or left by the bulk grant's plan (past a line's budget) or by a vote.
const UNDECIDED = ['submitted', 'prioritised', 'not_prioritised', 'on_agenda'];

/** After the bulk grant: every report it did not decide (most were never on an agenda) granted, written straight to storage. */
export async function decideAll(tables: Tables): Promise<number> {
  const table = tables.client('Reports');
  const rows: Array<{ rowKey: string; amounts: number[] }> = [];
  for await (const r of table.listEntities<{ status?: string }>({
    queryOptions: { filter: `PartitionKey eq '${reportPk(ROUND.id)}'`, select: ['RowKey', 'status'] },
  })) {
    if (UNDECIDED.includes(r.status ?? '')) rows.push({ rowKey: r.rowKey!, amounts: [1_250_000] });
  }
  const at = new Date().toISOString();
  for (let i = 0; i < rows.length; i += 100) {
    await table.submitTransaction(
      rows.slice(i, i + 100).map(
        (r) =>
          [
            'update',
            {
              partitionKey: reportPk(ROUND.id),
              rowKey: r.rowKey,
              status: 'granted',
              decision: JSON.stringify({ outcome: 'granted', amounts: r.amounts, total: r.amounts[0], at, by: 'bench' }),
            },
            'Merge',
          ] as const,
      ),
    );
  }
  return rows.length;
}

/**
 * After the round closes: the first `agendaPerGroup` seeded reports of each working group formally
 * checked (the secretariat's check, one press per report, is not what the bench measures), so that
 * each group's new meeting takes exactly those on its agenda. Returns their ids by group.
 */
export async function checkAgendaReports(tables: Tables, scale: CountyScale, regions: RegionConfig): Promise<Map<string, string[]>> {
  const reports = new Reports(tables, () => new Date());
  const byGroup = new Map<string, string[]>();
  for (let i = 0; i < seededReports(scale); i++) {
    const group = regions.regions.find((r) => r.id === regionOfOwner(regions, ownerOfReport(scale, i)))!.workingGroup;
    const ids = byGroup.get(group) ?? [];
    if (ids.length < scale.agendaPerGroup) byGroup.set(group, [...ids, `county-${pad(i, 6)}`]);
  }
  const all = [...byGroup.values()].flat();
  const at = new Date().toISOString();
  await pool(all.length, 8, async (i) => {
    await reports.setStatus(ROUND.id, all[i], (status) => ({ from: status, to: 'formally_checked', at, actor: { role: 'secretariat', id: 'bench' } }));
  });
  return byGroup;
}
