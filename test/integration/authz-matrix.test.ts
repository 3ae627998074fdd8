import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { translator, type MessageKey } from '../../src/domain/i18n';
import { SECRETARIAT_GROUP } from '../../src/domain/roles';
import { ACTIONS } from '../../src/teams/actions';
import { COMMANDS } from '../../src/teams/commands';
import { submitted } from '../support/casework';
import { FAST_DELIVERY } from '../support/delivery';
import { CHANNEL, FORUM, grantMember, member, seedCheckedReport, seedGroupChannel, seedOfficerChat, seedRound, TEAM } from '../support/forum';
import { cardOf, cardText, startHarness, uniquePrefix, type Harness } from '../support/harness';
import { COLLEAGUE, FOREIGN, OFFICER, OTHER_OWNER, OWNER, TENANT, type Persona } from '../support/personas';
import { actionData, press, startReport } from '../support/wizard';
import { GOOD_INPUT } from '../support/reportInput';

// Every verb and command against every kind of caller. The expected answers are one table (MATRIX
// below); docs/security.md's "Authorization matrix" is rendered from the same table, and this suite
// fails when the two differ. AUTHZ_WRITE_DOCS=1 rewrites that section (between its markers) only, so
// a change of the matrix is a reviewed change of the test and the document together.

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const nb = translator('nb');

/** What a person is told when they may not do something: the part of each text before its first placeholder. */
const refusalText = (k: string) => nb(k as MessageKey, {}).split('{')[0]!.split('(')[0]!.trim();
/** Why someone's mark is not taken; their own copy of the tally card still comes back. */
const NOT_A_VOTER = ['forum.vote.refused.notMember', 'forum.vote.refused.secretariat', 'forum.disqualified.owner', 'forum.disqualified.network', 'forum.disqualified.uh'].map(refusalText);
const REFUSALS = [
  'secretariat.only', 'report.notFound', 'draft.notFound', 'case.notFound', 'forum.meeting.notFound', 'forum.vote.forged', 'forum.vote.stale',
  'delivery.status.refused',
].map(refusalText).concat(NOT_A_VOTER);
const SAVED_MARK = nb('forum.vote.saved' as MessageKey, { label: '' }).split(':')[0]!;

// The creator's report carries its own words, so an answer that reveals it is easy to spot.
const SECRET = {
  owner: { ownerName: 'Zetaby kommune', contactName: 'Zelda Kontaktperson', contactEmail: 'zelda@zetaby.kommune.no', contactPhone: '22 99 88 77' },
  measure: { title: 'Hemmelig tiltak Zeta' },
};
const SECRETS = ['Zetaby', 'Zelda', 'zelda@zetaby', '22 99 88 77', '22998877', 'Hemmelig tiltak Zeta', 'kari@eksempel.no'];

const OTHER_GROUP_MEMBER = member(11, 'Gunnar Annen Gruppe');
const GROUP_MEMBER = member(10, 'Mari Medlem');
const DISQUALIFIED = member(12, 'Dag Fra Eierkommunen');
const OTHER_FORUM_OFFICER: Persona = { name: 'Nils Nordland', tenantId: TENANT, aadObjectId: '00000000-0000-4000-8000-000000000021' };

const PERSONA: Record<Exclude<Caller, 'foreignTenantAtDoor' | 'noToken'>, Persona> = {
  creator: OWNER, colleague: COLLEAGUE, otherOwner: OTHER_OWNER, groupMember: GROUP_MEMBER, otherGroupMember: OTHER_GROUP_MEMBER,
  disqualifiedMember: DISQUALIFIED, officer: OFFICER, otherForumOfficer: OTHER_FORUM_OFFICER, foreignTenant: FOREIGN,
};
// Whoever changes shared state when allowed goes last: the owners before the secretariat, which closes the vote.
const RUN_ORDER: Array<keyof typeof PERSONA> = [
  'foreignTenant', 'otherOwner', 'groupMember', 'otherGroupMember', 'disqualifiedMember', 'otherForumOfficer', 'colleague', 'creator', 'officer',
];

const noLimit = { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' };

// --- the expected matrix -----------------------------------------------------------------------------

/** Every kind of caller, in the order of the matrix's columns. */
const CALLERS = [
  'creator', 'colleague', 'otherOwner', 'groupMember', 'otherGroupMember', 'disqualifiedMember',
  'officer', 'otherForumOfficer', 'foreignTenant', 'foreignTenantAtDoor', 'noToken',
] as const;
type Caller = typeof CALLERS[number];
type Cell = 'allow' | 'refuse' | 'n/a';

const COLUMN_TITLE: Record<Caller, string> = {
  creator: 'report\'s creator', colleague: 'colleague (same owner)', otherOwner: 'another owner', groupMember: 'group member',
  otherGroupMember: 'member of another group', disqualifiedMember: 'disqualified member', officer: 'officer (this forum)',
  otherForumOfficer: 'officer (another forum)', foreignTenant: 'another tenant, no ALLOWED_TENANTS',
  foreignTenantAtDoor: 'another tenant, ALLOWED_TENANTS set (403)', noToken: 'no valid token, app id set (401)',
};

/**
 * verb or `cmd:<first word>` → one letter per caller, in CALLERS order without the last two
 * (those two are refused at the door, for every row): a = allow, r = refuse, - = n/a.
 */
const MATRIX: Record<string, string> = {
  //                              creator, colleague, other owner, group member, other group, disqualified, officer, other forum's officer, other tenant
  'help.show':                    'aaaaaaaaa',
  'report.new':                   'aaaaaaaaa',
  'report.next':                  'aaaaaaaaa',
  'report.back':                  'aaaaaaaaa',
  'report.goto':                  'aaaaaaaaa',
  'report.close':                 'aaaaaaaaa',
  'report.cancel':                'aaaaaaaaa',
  'report.continue':              'aaaaaaaaa',
  'report.resume':                'aaaaaaaaa',
  'report.submit':                'aaaaaaaaa',
  'report.mine':                  'aaaaaaaaa',
  'report.open':                  'aarrrrrrr',
  'report.edit':                  'aarrrrrrr',
  'report.withdraw':              'aarrrrrrr',
  'report.withdrawConfirm':       'aarrrrrrr',
  'draft.delete':                 'aaaaaaaaa',
  'draft.deleteConfirm':          'aaaaaaaaa',
  'privacy.show':                 'aaaaaaaaa',
  'privacy.deleteDrafts':         'aaaaaaaaa',
  'privacy.deleteDraftsConfirm':  'aaaaaaaaa',
  'secretariat.menu':             'rrrrrrarr',
  'roles.list':                   'rrrrrrarr',
  'roles.addForm':                'rrrrrrarr',
  'roles.add':                    'rrrrrrarr',
  'roles.remove':                 'rrrrrrarr',
  'roles.removeConfirm':          'rrrrrrarr',
  'channel.form':                 'rrrrrrarr',
  'channel.assign':               'rrrrrrarr',
  'round.list':                   'rrrrrrarr',
  'round.newForm':                'rrrrrrarr',
  'round.create':                 'rrrrrrarr',
  'round.open':                   'rrrrrrarr',
  'round.close':                  'rrrrrrarr',
  'round.closeConfirm':           'rrrrrrarr',
  'overview.show':                'rrrrrrarr',
  'report.check':                 'rrrrrrarr',
  'report.checkPass':             'rrrrrrarr',
  'report.return':                'rrrrrrarr',
  'report.returnConfirm':         'rrrrrrarr',
  'report.moveGroup':             'rrrrrrarr',
  'report.moveGroupConfirm':      'rrrrrrarr',
  'decision.form':                'rrrrrrarr',
  'decision.record':              'rrrrrrarr',
  'decision.paid':                'rrrrrrarr',
  'decision.paidConfirm':         'rrrrrrarr',
  'decision.pending':             'rrrrrrarr',
  'decision.grantAll':            'rrrrrrarr',
  'decision.grantAllConfirm':     'rrrrrrarr',
  'export.round':                 'rrrrrrarr',
  'round.purge':                  'rrrrrrarr',
  'round.purgeConfirm':           'rrrrrrarr',
  'meeting.list':                 'rrrrrrarr',
  'meeting.new':                  'rrrrrrarr',
  'meeting.create':               'rrrrrrarr',
  'meeting.show':                 'rrrrrrarr',
  'meeting.add':                  'rrrrrrarr',
  'meeting.remove':               'rrrrrrarr',
  'meeting.move':                 'rrrrrrarr',
  'meeting.post':                 'rrrrrrarr',
  'meeting.recommendation':       'rrrrrrarr',
  'meeting.csv':                  'rrrrrrarr',
  'vote.open':                    'rrrrrrarr',
  'vote.mark':                    'rrrarrrrr',
  'vote.refresh':                 'aaaaaaaaa',
  'vote.close':                   'rrrrrrarr',
  'cmd:hjelp':                    'aaaaaaaaa',
  'cmd:meld behov':               'aaaaaaaaa',
  'cmd:fortsett':                 'aaaaaaaaa',
  'cmd:mine meldinger':           'aaaaaaaaa',
  'cmd:mine data':                'aaaaaaaaa',
  'cmd:leveringsstatus':          'rrrrrrarr',
  'cmd:slett gamle runder':       'rrrrrrarr',
  'cmd:sekretariat':              'rrrrrrarr',
  'cmd:oversikt':                 'rrrrrrarr',
  'cmd:ny runde':                 'rrrrrrarr',
  'cmd:runder':                   'rrrrrrarr',
  'cmd:roller':                   'rrrrrrarr',
  'cmd:kanal':                    'rrrrrrarr',
  'cmd:nytt møte':                'rrrrrrarr',
  'cmd:møter':                    'rrrrrrarr',
  'cmd:eksport':                  'rrrrrrarr',
  'cmd:vedtak':                   'rrrrrrarr',
  'cmd:vis':                      'aarrrrarr',
};

const EXPECTED: Record<string, Record<Caller, Cell>> = Object.fromEntries(Object.entries(MATRIX).map(([row, letters]) => {
  const cells = {} as Record<Caller, Cell>;
  CALLERS.forEach((c, i) => { cells[c] = i >= letters.length ? 'refuse' : letters[i] === 'a' ? 'allow' : letters[i] === '-' ? 'n/a' : 'refuse'; });
  return [row, cells];
}));

/** Every row the bot has: each action verb, and each command by its first word. */
function rowsOf(actions: Readonly<Record<string, unknown>>, commands: ReadonlyArray<{ words: readonly string[] }>): string[] {
  return [...Object.keys(actions), ...commands.map((c) => `cmd:${c.words[0]}`)];
}

/** The matrix as docs/security.md shows it. */
function renderMatrix(rows: readonly string[]): string {
  const mark = (c: Cell | undefined) => c === 'allow' ? '✅' : c === 'n/a' ? '–' : '⛔';
  const out = [
    '## Authorization matrix',
    '',
    'Generated from `test/integration/authz-matrix.test.ts`, which checks every cell against the running bot',
    '(HTTP, real Azurite). ✅ allowed; ⛔ refused with nothing stored (every row of the app\'s tables compared',
    'before and after) and nothing of the report revealed (its owner, title and contact details are absent from',
    'the answer); – not applicable. Commands are typed in personal chat (`cmd:` + their first word; every word',
    'of the group runs the same handler); `vote.mark` and `vote.refresh` are pressed in the group\'s channel,',
    'everything else in personal chat. The last two columns are refused at the door (403 for a tenant not in',
    '`ALLOWED_TENANTS`, 401 without a valid Bot Framework token) before any handler runs.',
    '',
    'What ✅ means depends on the verb. The wizard\'s verbs, `draft.*` and `privacy.*` only ever work on the',
    'caller\'s own drafts: a draft id taken from someone else\'s card finds nothing of theirs (the creator\'s draft',
    'and report are read before and after every other caller\'s run and must be unchanged). `report.open`, `edit`',
    'and `withdraw` and `vis <reference>` reach a submitted report for the people registered for its owner',
    '(its creator and the colleagues added); officers work on reports through the case card (`report.check`).',
    'Everything of the secretariat checks for an officer grant *in this forum*. `vote.mark` stores a mark only',
    'for an elector of the meeting\'s group who is not disqualified; `vote.refresh` shows the posted tally card',
    '(what everyone in the channel already sees) and, like a mark, is only answered in the meeting\'s own channel.',
    '',
    '### Tenants',
    '',
    'With `ALLOWED_TENANTS` set, `src/teams/endpoint.ts` answers 403 to any activity whose tenant',
    '(`conversation.tenantId`, else `channelData.tenant.id`, compared without regard to case) is not listed,',
    'and to activities naming no tenant, before authentication and before any handler: messages, card',
    'actions, installs and membership updates alike, so nothing is read or stored for them. The handlers take',
    'the caller\'s tenant from the same fields, so the door and the role checks agree on who is asking. Without',
    '`ALLOWED_TENANTS` every tenant is served (owners use their own organisations\' tenants) and the role checks',
    'above do the rest: the "another tenant" column shows that a user of another tenant does what any owner does',
    'with their own reports and drafts, and nothing of the secretariat\'s, a group\'s or another owner\'s.',
    '',
    `| verb / command | ${CALLERS.map((c) => COLUMN_TITLE[c]).join(' | ')} |`,
    `|---|${CALLERS.map(() => ':-:').join('|')}|`,
    ...rows.map((r) => `| \`${r}\` | ${CALLERS.map((c) => mark(EXPECTED[r]?.[c])).join(' | ')} |`),
    '',
    `${rows.length} rows × ${CALLERS.length} callers = ${rows.length * CALLERS.length} cells.`,
    '',
  ];
  return out.join('\n');
}

// --- the app's tables, for "nothing stored" ---------------------------------------------------------

async function snapshot(prefix: string): Promise<Set<string>> {
  const conn = process.env.TEST_TABLES_CONNECTION_STRING!;
  const rows = new Set<string>();
  const service = TableServiceClient.fromConnectionString(conn, { allowInsecureConnection: true });
  const names: string[] = [];
  for await (const t of service.listTables()) if (t.name?.startsWith(prefix)) names.push(t.name);
  await Promise.all(names.map(async (name) => {
    const table = TableClient.fromConnectionString(conn, name, { allowInsecureConnection: true });
    for await (const e of table.listEntities({ queryOptions: { select: ['PartitionKey', 'RowKey'] } })) {
      // The delivery workers' heartbeat (live instances share the app's send rate) beats on its own clock; it holds no one's data.
      if (name.endsWith('Outbox') && e.partitionKey === 'instance') continue;
      rows.add(`${name} ${e.partitionKey} ${e.rowKey} ${e.etag}`);
    }
  }));
  return rows;
}

/** A snapshot once background work (the outbox's sends) has settled. */
async function settled(prefix: string): Promise<Set<string>> {
  let last = await snapshot(prefix);
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const next = await snapshot(prefix);
    if (next.size === last.size && [...next].every((r) => last.has(r))) return next;
    last = next;
  }
  return last;
}

const diff = (before: Set<string>, after: Set<string>) => [
  ...[...after].filter((r) => !before.has(r)).map((r) => `+ ${r}`),
  ...[...before].filter((r) => !after.has(r)).map((r) => `- ${r}`),
];

// --- one press or one typed command -----------------------------------------------------------------

interface Seeded {
  draftId: string; reportId: string; roundId: string; reference: string;
  meetingId: string; agendaReportId: string; voteId: string;
}

interface Answer { status: number; text: string; raw: string }

function activityFor(h: Harness, who: Persona, where: 'personal' | 'channel'): Record<string, unknown> {
  const base = h.personalActivity(who);
  if (where === 'personal') return base;
  return {
    ...base,
    conversation: { id: `${CHANNEL};messageid=1700000000000`, conversationType: 'channel', tenantId: who.tenantId, isGroup: true },
    channelData: { team: { id: TEAM }, channel: { id: CHANNEL }, tenant: { id: who.tenantId } },
  };
}

/** The data a real card would carry for this verb, pointing at the seeded report, draft, meeting and vote. */
function pressOf(verb: string, s: Seeded): { data: Record<string, unknown>; where: 'personal' | 'channel' } {
  const vote = { meetingId: s.meetingId, reportId: s.agendaReportId, v: s.voteId };
  if (verb === 'vote.mark') return { where: 'channel', data: { verb, ...vote, mark: 'prioritise' } };
  if (verb === 'vote.refresh') return { where: 'channel', data: { verb, ...vote } };
  if (verb.startsWith('meeting.') || verb.startsWith('vote.')) {
    return { where: 'personal', data: { verb, meetingId: s.meetingId, reportId: s.agendaReportId, addReportId: s.reportId, to: 'up', roundId: 'r2027', group: 'vest', title: 'Møte', date: '2027-03-12' } };
  }
  return {
    where: 'personal',
    data: {
      verb, draftId: s.draftId, reportId: s.reportId, roundId: s.roundId, reference: s.reference, comment: 'Mangler vedlegg',
      reason: 'Begrunnelse', outcome: 'granted', workingGroup: 'oslo', group: 'vest', role: 'member', page: 0,
    },
  };
}

/** What a person types for each word group: its first word, with the arguments it needs. */
function typedOf(words: readonly string[], s: Seeded): string {
  const w = words[0]!;
  if (w === 'vis') return `vis ${s.reference}`;
  if (w === 'eksport' || w === 'vedtak') return `${w} 2027`;
  return w;
}

async function answerOf(res: { status: number; body: any }): Promise<Answer> {
  const raw = JSON.stringify(res.body ?? '');
  if (res.status !== 200) return { status: res.status, text: '', raw };
  const body = res.body;
  if (body?.type === ADAPTIVE) return { status: 200, text: cardText(body.value), raw };
  if (Array.isArray(body?.activities)) return { status: 200, text: body.activities.map((a: any) => `${a.text ?? ''}\n${cardText(cardOf(a))}`).join('\n'), raw };
  return { status: 200, text: typeof body?.value === 'string' ? body.value : '', raw };
}

async function perform(h: Harness, who: Persona, row: string, s: Seeded): Promise<Answer> {
  if (row.startsWith('cmd:')) {
    const group = COMMANDS.find((c) => c.words[0] === row.slice(4))!;
    return answerOf(await h.post({ ...activityFor(h, who, 'personal'), type: 'message', text: typedOf(group.words, s), deliveryMode: 'expectReplies' }));
  }
  const { data, where } = pressOf(row, s);
  return answerOf(await h.post({ ...activityFor(h, who, where), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: row, data }, trigger: 'manual' } }));
}

function verdict(row: string, a: Answer): 'allow' | 'refuse' {
  if (a.status !== 200) return 'refuse';
  if (row === 'vote.mark') return a.text.includes(SAVED_MARK) ? 'allow' : 'refuse';
  // The tally card is what everyone in the channel sees; a non-member's copy only adds why they cannot vote.
  if (row === 'vote.refresh') return REFUSALS.filter((r) => !NOT_A_VOTER.includes(r)).some((r) => a.text.includes(r)) ? 'refuse' : 'allow';
  return REFUSALS.some((r) => a.text.includes(r)) ? 'refuse' : 'allow';
}

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

// --- the suite -------------------------------------------------------------------------------------------

describe('authorization matrix: every command and card action against every kind of caller', function () {
  this.timeout(180_000);
  const clock = { now: new Date('2026-12-01T09:00:00Z') };
  const prefix = uniquePrefix();
  let h: Harness;
  let s: Seeded;
  const rows = rowsOf(ACTIONS, COMMANDS);

  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, ...noLimit, TABLE_PREFIX: prefix, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: () => clock.now });
    const sv = h.app.services;
    // The creator's submitted report (in the open demo round) and an unsent draft.
    const report = await submitted(h, OWNER, { owner: SECRET.owner, measure: SECRET.measure });
    const owner = await press(h, OWNER, await startReport(h, OWNER), 'report.next', { ...GOOD_INPUT.owner, ...SECRET.owner });
    const draftId = actionData(owner, 'report.next').draftId as string;
    await sv.reports.addOwnerMember('974760673', { tenantId: COLLEAGUE.tenantId, aadObjectId: COLLEAGUE.aadObjectId });
    // Roles: a group member, a member of another group, a member whose organisation owns the agenda's report, an officer elsewhere.
    await grantMember(sv, GROUP_MEMBER, { organisations: ['111111111'] });
    await grantMember(sv, OTHER_GROUP_MEMBER, { group: 'oslo' });
    await grantMember(sv, DISQUALIFIED, { organisations: ['974760673'] });
    await sv.roles.grant({
      person: { tenantId: OTHER_FORUM_OFFICER.tenantId, aadObjectId: OTHER_FORUM_OFFICER.aadObjectId }, forum: 'nordland', role: 'secretariat',
      group: SECRETARIAT_GROUP, organisations: [], grantedBy: 'test', grantedAt: '2026-11-01T00:00:00.000Z',
    });
    // A meeting of group vest with its vote open in the group's channel.
    await seedRound(sv);
    await seedGroupChannel(sv, h.connector.url);
    await seedOfficerChat(sv, h.connector.url, OFFICER);
    const agenda = await seedCheckedReport(sv);
    const officer = async (verb: string, data: Record<string, unknown>) => {
      const res = await h.invoke(OFFICER, verb, data);
      assert.equal(res.body?.type, ADAPTIVE, JSON.stringify(res.body).slice(0, 300));
      return res.body.value;
    };
    const form = await officer('meeting.new', {});
    const editor = await officer('meeting.create', { ...actionData(form, 'meeting.create'), group: 'vest', roundId: 'r2027', title: 'Vårmøte Vest', date: '2027-03-12' });
    const meetingId = actionData(editor, 'vote.open').meetingId as string;
    await officer('vote.open', { meetingId });
    const meeting = (await sv.meetings.get(FORUM, meetingId))!;
    assert.ok(meeting.vote?.status === 'open' && meeting.posted, 'the vote is open in the channel');
    assert.ok(await sv.drafts.get({ tenantId: OWNER.tenantId, aadObjectId: OWNER.aadObjectId }, draftId), 'the creator has an unsent draft');
    s = { draftId, reportId: report.reportId, roundId: report.roundId, reference: report.reference, meetingId, agendaReportId: agenda.id, voteId: meeting.vote.id };
  });
  after(async () => {
    await h?.stop();
    if (process.env.AUTHZ_DISCOVER === '1') {
      console.log(Object.entries(discovered).map(([row, v]) => `  '${row}': '${CALLERS.slice(0, 9).map((c) => v[c] ?? '?').join('')}',`).join('\n'));
    }
  });
  // AUTHZ_DISCOVER=1 runs every cell without judging and prints MATRIX as the bot answers today, for review
  // when a verb is added; AUTHZ_SHOW=caller:verb,... prints those answers' text.
  const discovered: Record<string, Partial<Record<Caller, string>>> = {};

  it('has a row for every action verb and every command, and no row for anything else', () => {
    assert.deepEqual([...Object.keys(EXPECTED)].sort(), [...rows].sort(), 'docs/security.md and this test need a row for each new verb or command');
  });

  it('answers a voting card\'s refresh or mark only in the meeting\'s own channel: from personal chat it is refused and shows nothing of the item', async () => {
    const item = (await h.app.services.reports.get<{ title: string; ownerName: string }>('r2027', s.agendaReportId))!;
    for (const verb of ['vote.refresh', 'vote.mark']) {
      const { data } = pressOf(verb, s);
      const res = await h.post({ ...activityFor(h, GROUP_MEMBER, 'personal'), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'automatic' } });
      const a = await answerOf(res);
      assert.equal(verdict(verb, a), 'refuse', `${verb}: ${a.text.slice(0, 200)}`);
      for (const secret of [item.data.title, item.data.ownerName]) assert.ok(!a.raw.includes(secret), `${verb} revealed ${secret}`);
    }
  });

  for (const caller of RUN_ORDER) {
    it(`answers ${caller} as the matrix says, storing and revealing nothing when refused`, async () => {
      const who = PERSONA[caller];
      const wrong: string[] = [];
      const expectedOf = (row: string): Cell => EXPECTED[row]?.[caller] ?? 'refuse';
      if (process.env.AUTHZ_DISCOVER === '1') {
        for (const row of rows) {
          const a = await perform(h, who, row, s);
          (discovered[row] ??= {})[caller] = verdict(row, a) === 'allow' ? 'a' : 'r';
          if ((process.env.AUTHZ_SHOW ?? '').split(',').includes(`${caller}:${row}`)) console.log(`${caller} ${row}:`, a.text.slice(0, 600));
        }
        return;
      }
      // Refusals first, in one batch between two snapshots: none of them may change a single row.
      const refused = rows.filter((r) => expectedOf(r) === 'refuse');
      const mine = async () => JSON.stringify([
        await h.app.services.drafts.get({ tenantId: OWNER.tenantId, aadObjectId: OWNER.aadObjectId }, s.draftId),
        await h.app.services.reports.get(s.roundId, s.reportId),
      ]);
      const creatorsBefore = await mine();
      const before = await settled(prefix);
      for (const row of refused) {
        const a = await perform(h, who, row, s);
        if (verdict(row, a) !== 'refuse') wrong.push(`${row}: expected refuse, was allowed: ${a.text.slice(0, 160).replace(/\n/g, ' | ')}`);
        const leaked = SECRETS.filter((x) => a.raw.includes(x));
        if (leaked.length) wrong.push(`${row}: refused but revealed ${leaked.join(', ')}`);
      }
      const changed = diff(before, await settled(prefix));
      if (changed.length) wrong.push(`refused actions stored something:\n  ${changed.slice(0, 20).join('\n  ')}`);
      for (const row of rows.filter((r) => expectedOf(r) === 'allow')) {
        const a = await perform(h, who, row, s);
        if (verdict(row, a) !== 'allow') wrong.push(`${row}: expected allow, was refused: ${a.text.slice(0, 160).replace(/\n/g, ' | ')}`);
      }
      // What others are allowed (their own drafts, "delete my drafts") never reaches the creator's draft or report.
      if (!['creator', 'colleague', 'officer'].includes(caller)) assert.equal(await mine(), creatorsBefore, 'the creator\'s draft and report are unchanged');
      assert.deepEqual(wrong, []);
    });
  }

  describe('at the door (ALLOWED_TENANTS and an app id configured)', () => {
    let door: Harness;
    const doorPrefix = uniquePrefix();
    before(async () => {
      door = await startHarness({
        ...noLimit, TABLE_PREFIX: doorPrefix, ALLOWED_TENANTS: TENANT, MicrosoftAppId: '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b',
        MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant',
      });
    });
    after(async () => { await door?.stop(); });

    // The Bot Framework SDK prints every refused token; the status code is what is tested here.
    let consoleError: typeof console.error;
    beforeEach(() => { consoleError = console.error; console.error = () => undefined; });
    afterEach(() => { console.error = consoleError; });

    for (const [caller, who, status] of [['foreignTenantAtDoor', FOREIGN, 403], ['noToken', OWNER, 401]] as const) {
      it(`answers ${status} to every verb and command for ${caller}, before any handler, storing nothing`, async () => {
        const before = await snapshot(doorPrefix);
        const wrong: string[] = [];
        for (const row of rows) {
          const a = await perform(door, who, row, s);
          if (a.status !== status) wrong.push(`${row}: ${a.status}`);
          if (SECRETS.some((x) => a.raw.includes(x))) wrong.push(`${row}: revealed the report`);
        }
        assert.equal(EXPECTED['help.show']?.[caller], 'refuse');
        assert.deepEqual(diff(before, await snapshot(doorPrefix)), []);
        assert.deepEqual(wrong, []);
      });
    }
    it('refuses installs and membership updates from another tenant, and activities naming no tenant, with 403 and stores nothing', async () => {
      const before = await snapshot(doorPrefix);
      const foreign = door.personalActivity(FOREIGN);
      const { conversation, channelData, ...tenantless } = door.personalActivity(OWNER) as Record<string, any>;
      const statuses = [
        (await door.post({ ...foreign, type: 'installationUpdate', action: 'add' })).status,
        (await door.post({ ...foreign, type: 'conversationUpdate', membersAdded: [{ id: 'x' }] })).status,
        (await door.post({ ...tenantless, conversation: { id: conversation.id, conversationType: 'personal' }, channelData: { ...channelData, tenant: undefined }, type: 'message', text: 'hjelp' })).status,
      ];
      assert.deepEqual(statuses, [403, 403, 403]);
      assert.deepEqual(diff(before, await snapshot(doorPrefix)), []);
    });
  });

  it('docs/security.md holds this matrix (AUTHZ_WRITE_DOCS=1 rewrites its section)', () => {
    const path = join(repoRoot(), 'docs', 'security.md');
    const section = renderMatrix(rows);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const start = '<!-- matrix:start -->';
    const end = '<!-- matrix:end -->';
    const block = `${start}\n${section}${end}`;
    const i = current.indexOf(start);
    const j = current.indexOf(end);
    const inDoc = i >= 0 && j > i ? current.slice(i, j + end.length) : undefined;
    if (process.env.AUTHZ_WRITE_DOCS === '1' && inDoc !== block) {
      // Only our section is replaced; whatever else the file holds (the Dependencies section) stays as it is.
      const next = inDoc !== undefined ? current.slice(0, i) + block + current.slice(j + end.length)
        : current ? `${current.trimEnd()}\n\n${block}\n` : `# Security\n\n${block}\n`;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, next);
      return;
    }
    assert.equal(inDoc, block, 'docs/security.md\'s authorization matrix is out of date: run the suite with AUTHZ_WRITE_DOCS=1');
  });

});
