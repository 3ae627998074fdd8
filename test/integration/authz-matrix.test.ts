import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { translator, type MessageKey } from '../../src/domain/i18n';
import { ACTIONS, COMMANDS } from '../../src/app/registry';
import { publicationKey } from '../../src/domain/results';
import { FAST_DELIVERY } from '../support/delivery';
import { CHANNEL, FORUM, forumOf, ROUND, SEEDED_FORUM } from '../support/forum';
import { GOOD_INPUT } from '../support/reportInput';
import { cardOf, cardText, startHarness, uniquePrefix, type Harness } from '../support/harness';
import { COLLEAGUE, FOREIGN, OFFICER, OTHER_OWNER, OWNER, TENANT, type Persona } from '../support/personas';
import {
  activityFor,
  CLAIMANT,
  DISQUALIFIED,
  FOREIGN_CLAIMANT,
  GROUP_MEMBER,
  LEAVING_COLLEAGUE,
  NEW_COLLEAGUE,
  NEW_MEMBER,
  OTHER_FORUM_OFFICER,
  OTHER_GROUP_MEMBER,
  PRESSES,
  SECRET,
  SECRETS,
  seedWorld,
  WORLD_ENV,
  WORLD_ORGNR,
  type Press,
  type World,
} from '../support/verbWorld';

// Every verb and command word against every kind of caller. The expected answers are one table (MATRIX
// below); docs/security.md's "Authorization matrix" is rendered from the same table, and this suite
// fails when the two differ. AUTHZ_WRITE_DOCS=1 rewrites that section (between its markers) only, so
// a change of the matrix is a reviewed change of the test and the document together.
//
// Fixtures: every caller gets a bot of its own (own table prefix) with a freshly seeded world
// (test/support/verbWorld.ts): the creator's report, the caller's own drafts, meetings, a vote, reports in
// every state the secretariat acts on. So nothing one caller is allowed to do (withdraw, close the vote,
// grant, purge) is seen by another caller's cells. Within one caller the refusals run first between two
// snapshots of every table (none may change a row), then the allowed presses in PRESSES' order, where a
// press that uses up a fixture comes after every press that needs it; typed commands run before those.

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const nb = translator('nb');
const t = (k: string, p: Record<string, string | number> = {}) => nb(k as MessageKey, p);

/** What a person is told when they may not do something: the part of each text before its first placeholder. */
const refusalText = (k: string) => t(k).split('{')[0]!.split('(')[0]!.trim();
/** Why someone's mark is not taken; their own copy of the tally card still comes back. */
const NOT_A_VOTER = [
  'forum.vote.refused.notMember',
  'forum.vote.refused.secretariat',
  'forum.disqualified.owner',
  'forum.disqualified.network',
  'forum.disqualified.uh',
].map(refusalText);
const REFUSALS = [
  'secretariat.only',
  'report.notFound',
  'draft.notFound',
  'case.notFound',
  'forum.meeting.notFound',
  'forum.vote.forged',
  'forum.vote.channelOnly',
  'forum.vote.stale',
  'delivery.status.refused',
  'colleagues.notLinked',
  'colleagues.accessRemoved',
  'claims.notConfirmed',
  'analysis.only',
  'need.refused',
]
  .map(refusalText)
  .concat(NOT_A_VOTER);

const PERSONA: Record<Exclude<Caller, 'foreignTenantAtDoor' | 'noToken'>, Persona> = {
  creator: OWNER,
  colleague: COLLEAGUE,
  otherOwner: OTHER_OWNER,
  groupMember: GROUP_MEMBER,
  otherGroupMember: OTHER_GROUP_MEMBER,
  disqualifiedMember: DISQUALIFIED,
  officer: OFFICER,
  otherForumOfficer: OTHER_FORUM_OFFICER,
  foreignTenant: FOREIGN,
};

const noLimit = { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' };

// --- the expected matrix -----------------------------------------------------------------------------

/** Every kind of caller, in the order of the matrix's columns. */
const CALLERS = [
  'creator',
  'colleague',
  'otherOwner',
  'groupMember',
  'otherGroupMember',
  'disqualifiedMember',
  'officer',
  'otherForumOfficer',
  'foreignTenant',
  'foreignTenantAtDoor',
  'noToken',
] as const;
type Caller = (typeof CALLERS)[number];
type Cell = 'allow' | 'refuse' | 'n/a';

const COLUMN_TITLE: Record<Caller, string> = {
  creator: "report's creator",
  colleague: 'colleague (same owner)',
  otherOwner: 'another owner',
  groupMember: 'group member',
  otherGroupMember: 'member of another group',
  disqualifiedMember: 'disqualified member',
  officer: 'officer (this forum)',
  otherForumOfficer: 'officer (another forum)',
  foreignTenant: 'another tenant, no ALLOWED_TENANTS',
  foreignTenantAtDoor: 'another tenant, ALLOWED_TENANTS set (403)',
  noToken: 'no valid token, app id set (401)',
};

/**
 * verb, or `cmd:` + every word of one command group (nb, nn and en, separated by " / ", as in COMMANDS)
 * → one letter per caller, in CALLERS order without the last two (those two are refused at the door,
 * for every row): a = allow, r = refuse, - = n/a.
 */
const MATRIX: Record<string, string> = {
  //                              creator, colleague, other owner, group member, other group, disqualified, officer, other forum's officer, other tenant
  'help.show': 'aaaaaaaaa',
  'report.new': 'aaaaaaaaa',
  'report.next': 'aaaaaaaaa',
  'report.back': 'aaaaaaaaa',
  'report.goto': 'aaaaaaaaa',
  'report.close': 'aaaaaaaaa',
  'report.cancel': 'aaaaaaaaa',
  'report.continue': 'aaaaaaaaa',
  'report.resume': 'aaaaaaaaa',
  'report.submit': 'aaaaaaaaa',
  'report.mine': 'aaaaaaaaa',
  'report.open': 'aarrrrrrr',
  'report.edit': 'aarrrrrrr',
  'report.withdraw': 'aarrrrrrr',
  'report.withdrawConfirm': 'aarrrrrrr',
  'draft.delete': 'aaaaaaaaa',
  'draft.deleteConfirm': 'aaaaaaaaa',
  'privacy.show': 'aaaaaaaaa',
  'privacy.deleteDrafts': 'aaaaaaaaa',
  'privacy.deleteDraftsConfirm': 'aaaaaaaaa',
  'colleagues.mine': 'aaaaaaaaa',
  'colleagues.list': 'aarrrrarr',
  'colleagues.addForm': 'aarrrrarr',
  'colleagues.add': 'aarrrrarr',
  'colleagues.remove': 'aarrrrarr',
  'colleagues.removeConfirm': 'aarrrrarr',
  'claims.list': 'rrrrrrarr',
  'claims.confirm': 'rrrrrrarr',
  'claims.reject': 'rrrrrrarr',
  'claims.rejectConfirm': 'rrrrrrarr',
  'secretariat.menu': 'rrrrrrarr',
  'roles.list': 'rrrrrrarr',
  'roles.addForm': 'rrrrrrarr',
  'roles.add': 'rrrrrrarr',
  'roles.remove': 'rrrrrrarr',
  'roles.removeConfirm': 'rrrrrrarr',
  'channel.form': 'rrrrrrarr',
  'channel.assign': 'rrrrrrarr',
  'round.list': 'rrrrrrarr',
  'round.newForm': 'rrrrrrarr',
  'round.create': 'rrrrrrarr',
  'round.open': 'rrrrrrarr',
  'round.close': 'rrrrrrarr',
  'round.closeConfirm': 'rrrrrrarr',
  'overview.show': 'rrrrrrarr',
  'results.publish': 'rrrrrrarr',
  'results.publishConfirm': 'rrrrrrarr',
  'report.check': 'rrrrrrarr',
  'report.checkPass': 'rrrrrrarr',
  'report.return': 'rrrrrrarr',
  'report.returnConfirm': 'rrrrrrarr',
  'report.moveGroup': 'rrrrrrarr',
  'report.moveGroupConfirm': 'rrrrrrarr',
  'decision.form': 'rrrrrrarr',
  'decision.record': 'rrrrrrarr',
  'decision.paid': 'rrrrrrarr',
  'decision.paidConfirm': 'rrrrrrarr',
  'decision.pending': 'rrrrrrarr',
  'decision.grantAll': 'rrrrrrarr',
  'decision.grantAllConfirm': 'rrrrrrarr',
  'export.round': 'rrrrrrarr',
  'round.purge': 'rrrrrrarr',
  'round.purgeConfirm': 'rrrrrrarr',
  'meeting.list': 'rrrrrrarr',
  'meeting.new': 'rrrrrrarr',
  'meeting.create': 'rrrrrrarr',
  'meeting.show': 'rrrrrrarr',
  'meeting.add': 'rrrrrrarr',
  'meeting.remove': 'rrrrrrarr',
  'meeting.move': 'rrrrrrarr',
  'meeting.post': 'rrrrrrarr',
  'meeting.recommendation': 'rrrrrrarr',
  'meeting.csv': 'rrrrrrarr',
  'vote.open': 'rrrrrrarr',
  'vote.mark': 'rrrarrrrr',
  'vote.refresh': 'aaaaaaaaa',
  'vote.close': 'rrrrrrarr',
  'vote.need': 'rrraraarr',
  'plan.form': 'rrrrrrarr',
  'plan.save': 'rrrrrrarr',
  'undecided.list': 'rrrrrrarr',
  'undecided.form': 'rrrrrrarr',
  'undecided.later': 'rrrrrrarr',
  'undecided.record': 'rrrrrrarr',
  'undecided.save': 'rrrrrrarr',
  'rules.list': 'rrrrrrarr',
  'rules.form': 'rrrrrrarr',
  'rules.save': 'rrrrrrarr',
  'usage.list': 'aaaaaaaaa',
  'usage.open': 'aarrrrrrr',
  'usage.save': 'aarrrrrrr',
  'usage.submit': 'aarrrrrrr',
  'usage.round': 'rrrrrrarr',
  'usage.show': 'rrrrrrarr',
  'usage.accept': 'rrrrrrarr',
  'usage.return': 'rrrrrrarr',
  'usage.returnConfirm': 'rrrrrrarr',
  'forums.list': 'rrrrrrarr',
  'appeal.form': 'rrrrrrarr',
  'appeal.save': 'rrrrrrarr',
  'usage.openEarly': 'rrrrrrarr',
  'usage.unused': 'rrrrrrarr',
  'usage.repaid': 'rrrrrrarr',
  'continuation.answer': 'aarrrrrrr',
  'cmd:hjelp / help / ? / meny / menu': 'aaaaaaaaa',
  'cmd:meld behov / ny melding / ny behovsmelding / new report / new needs report': 'aaaaaaaaa',
  'cmd:fortsett / fortset / hald fram / continue / resume': 'aaaaaaaaa',
  'cmd:mine meldinger / mine meldingar / my reports / mine rapporter': 'aaaaaaaaa',
  'cmd:mine data / dataa mine / my data / mine personopplysninger / mine personopplysningar': 'aaaaaaaaa',
  'cmd:kolleger / kollegaer / kollegar / colleagues': 'aaaaaaaaa',
  'cmd:krav / eierkrav / eigarkrav / claims / owner claims': 'rrrrrrarr',
  'cmd:leveringsstatus / delivery status': 'rrrrrrarr',
  'cmd:slett gamle runder / slett gamle rundar / purge old rounds / delete old rounds / slett gamle innmeldingsrunder / slett gamle innmeldingsrundar / delete old filing rounds':
    'rrrrrrarr',
  'cmd:sekretariat / sekretariatet / secretariat': 'rrrrrrarr',
  'cmd:oversikt / oversyn / overview': 'rrrrrrarr',
  'cmd:ny runde / new round / ny innmeldingsrunde / new filing round': 'rrrrrrarr',
  'cmd:runder / rundar / rounds / innmeldingsrunder / innmeldingsrundar / filing rounds': 'rrrrrrarr',
  'cmd:roller / medlemmer / roles / members': 'rrrrrrarr',
  'cmd:kanal / channel': 'rrrrrrarr',
  'cmd:nytt møte / new meeting': 'rrrrrrarr',
  'cmd:møter / møte / meetings / meeting': 'rrrrrrarr',
  'cmd:regler / reglar / rules / voting rules': 'rrrrrrarr',
  'cmd:prioriteringsområder / prioriteringsområde / plan / priority areas': 'rrrrrrarr',
  'cmd:eksport / eksporter / export': 'rrrrrrarr',
  'cmd:vedtak / decisions': 'rrrrrrarr',
  'cmd:vis / show': 'aarrrrarr',
  'cmd:rapporter / usage report / report usage': 'aaaaaaaaa',
  'cmd:rapporteringer / rapporteringar / usage reports': 'rrrrrrarr',
  // The analysis: the secretariat and the forum's members and chairs (every working group of it); the annual summary officers only.
  'analysis.show': 'rrraaaarr',
  'analysis.export': 'rrraaaarr',
  'analysis.summary': 'rrrrrrarr',
  'analysis.summaryPost': 'rrrrrrarr',
  'cmd:analyse / analysis / analysen': 'rrraaaarr',
  'cmd:årsoppsummering / aarsoppsummering / annual summary / year summary': 'rrrrrrarr',
};

const EXPECTED: Record<string, Record<Caller, Cell>> = Object.fromEntries(
  Object.entries(MATRIX).map(([row, letters]) => {
    const cells = {} as Record<Caller, Cell>;
    CALLERS.forEach((c, i) => {
      cells[c] = i >= letters.length ? 'refuse' : letters[i] === 'a' ? 'allow' : letters[i] === '-' ? 'n/a' : 'refuse';
    });
    return [row, cells];
  }),
);

/** A command group's row: `cmd:` and all its words, as COMMANDS lists them. */
const groupRow = (words: readonly string[]) => `cmd:${words.join(' / ')}`;
/** Every row the bot has: each action verb, and each command group with every word it answers to. */
function rowsOf(actions: Readonly<Record<string, unknown>>, commands: ReadonlyArray<{ words: readonly string[] }>): string[] {
  return [...Object.keys(actions), ...commands.map((c) => groupRow(c.words))];
}
/** What runs for a row: the verb itself, or each of the command group's words. */
const unitsOf = (row: string): string[] =>
  row.startsWith('cmd:')
    ? row
        .slice(4)
        .split(' / ')
        .map((w) => `cmd:${w}`)
    : [row];
/** The row a unit belongs to. */
const rowOfUnit = (unit: string): string => (unit.startsWith('cmd:') ? groupRow(COMMANDS.find((c) => c.words.includes(unit.slice(4)))!.words) : unit);

/** The matrix as docs/security.md shows it. */
function renderMatrix(rows: readonly string[]): string {
  const mark = (c: Cell | undefined) => (c === 'allow' ? '✅' : c === 'n/a' ? '–' : '⛔');
  const units = rows.flatMap(unitsOf);
  const cells = units.length * CALLERS.length;
  const allowed = units.reduce((n, u) => n + CALLERS.filter((c) => EXPECTED[rowOfUnit(u)]?.[c] === 'allow').length, 0);
  const label = (r: string) =>
    r.startsWith('cmd:')
      ? `cmd: ${r
          .slice(4)
          .split(' / ')
          .map((w) => `\`${w}\``)
          .join(' / ')}`
      : `\`${r}\``;
  const out = [
    '## Authorization matrix',
    '',
    'Generated from `test/integration/authz-matrix.test.ts`, which checks every cell against the running bot',
    "(HTTP, real Azurite). ✅ allowed, and the answer is that verb's own success: the card it produces (its title,",
    'the text that says what was done, the buttons of the next step) and, for verbs that change something, the',
    'change in storage (a table `SUCCESS` in the test, one entry per verb and command group; one missing fails the',
    "suite). ⛔ refused with nothing stored (every row of the app's tables compared before and after) and nothing",
    'of the report revealed (its owner, title and contact details are absent from the answer); – not applicable.',
    'Every command word (nb, nn and en, read from `COMMANDS`; a word without a row fails the suite) is typed on',
    "its own in personal chat, except `kanal` / `channel`, typed in the group's channel of the forum's team;",
    '`vote.mark`, `vote.refresh`, `channel.form` and `channel.assign` are pressed in that channel, everything else in',
    'personal chat. The last two columns are refused at the door (403 for a tenant not in `ALLOWED_TENANTS`, 401',
    'without a valid Bot Framework token) before any handler runs.',
    '',
    "Each caller gets a bot of its own with freshly seeded fixtures (`test/support/verbWorld.ts`: the creator's",
    "report, the caller's own drafts, two meetings and an open vote, reports in every state the secretariat acts",
    'on), so what one caller is allowed to change (withdraw, close a vote, grant, purge) never reaches another',
    "caller's cells; within a caller, presses that use up a fixture run after every press that needs it.",
    '',
    "What ✅ means depends on the verb. The wizard's verbs, `draft.*` and `privacy.*` only ever work on the",
    "caller's own drafts: pressed with the creator's draft id they find nothing of the creator's (the creator's",
    'draft and report are read before and after and must be unchanged). `report.open`, `edit` and `withdraw` and',
    '`vis <reference>` reach a submitted report for the people confirmed for its owner (its creator, whose claim',
    'the secretariat confirmed, and the colleagues added); officers work on reports through the case card',
    '(`report.check`). Everything of the',
    'secretariat checks for an officer grant *in this forum*. `vote.mark` stores a mark only for an elector of the',
    "meeting's group who is not disqualified; `vote.refresh` shows the posted tally card (what everyone in the",
    "channel already sees) and, like a mark, is only answered in the meeting's own channel.",
    '',
    '### Tenants',
    '',
    'With `ALLOWED_TENANTS` set, `src/teams/endpoint.ts` answers 403 to any activity whose tenant',
    '(`conversation.tenantId`, else `channelData.tenant.id`, compared without regard to case) is not listed,',
    'and to activities naming no tenant, before authentication and before any handler: messages, card',
    'actions, installs and membership updates alike, so nothing is read or stored for them. The handlers take',
    "the caller's tenant from the same fields, so the door and the role checks agree on who is asking. Without",
    "`ALLOWED_TENANTS` every tenant is served (owners use their own organisations' tenants) and the role checks",
    'above do the rest: the "another tenant" column shows that a user of another tenant does what any owner does',
    "with their own reports and drafts, and nothing of the secretariat's, a group's or another owner's.",
    "In every world that person has also filed a report for the creator's owner, a claim held for the secretariat",
    "(the owner-claim rule below): the column shows that such a claim reaches nothing of the owner's.",
    '',
    `| verb / command | ${CALLERS.map((c) => COLUMN_TITLE[c]).join(' | ')} |`,
    `|---|${CALLERS.map(() => ':-:').join('|')}|`,
    ...rows.map((r) => `| ${label(r)} | ${CALLERS.map((c) => mark(EXPECTED[r]?.[c])).join(' | ')} |`),
    '',
    `${Object.keys(ACTIONS).length} verbs and ${units.length - Object.keys(ACTIONS).length} command words (${rows.length - Object.keys(ACTIONS).length} groups)` +
      ` × ${CALLERS.length} callers = ${cells} cells; ${allowed} allowed, each asserting its verb's success; ${cells - allowed} refused.`,
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
  await Promise.all(
    names.map(async (name) => {
      const table = TableClient.fromConnectionString(conn, name, { allowInsecureConnection: true });
      for await (const e of table.listEntities({ queryOptions: { select: ['PartitionKey', 'RowKey'] } })) {
        // The delivery workers' heartbeat (live instances share the app's send rate) beats on its own clock; it holds no one's data.
        if (name.endsWith('Outbox') && e.partitionKey === 'instance') continue;
        rows.add(`${name} ${e.partitionKey} ${e.rowKey} ${e.etag}`);
      }
    }),
  );
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

interface Answer {
  status: number;
  text: string;
  raw: string;
  card?: any;
  verbs: string[];
}
interface Ctx {
  h: Harness;
  w: World;
  who: Persona;
  caller: Caller;
}

/** What a person types for a command word: the word, with the arguments it needs, and where. */
function typedOf(word: string, w: World): { text: string; where: 'personal' | 'channel' } {
  if (word === 'vis' || word === 'show') return { text: `${word} ${w.report.reference}`, where: 'personal' };
  // By the round's id: the demo round has the same year.
  if (['eksport', 'eksporter', 'export', 'vedtak', 'decisions', 'rapporteringer', 'rapporteringar', 'usage reports'].includes(word))
    return { text: `${word} ${ROUND.id}`, where: 'personal' };
  // Which group meets in a channel is chosen in that channel of the team.
  if (word === 'kanal' || word === 'channel') return { text: word, where: 'channel' };
  return { text: word, where: 'personal' };
}

const verbsOf = (x: unknown): string[] => {
  const out: string[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Action.Execute' && typeof n.verb === 'string') out.push(n.verb);
    Object.values(n).forEach(walk);
  };
  walk(x);
  return out;
};

function answerOf(res: { status: number; body: any }): Answer {
  const raw = JSON.stringify(res.body ?? '');
  if (res.status !== 200) return { status: res.status, text: '', raw, verbs: [] };
  const body = res.body;
  if (body?.type === ADAPTIVE) return { status: 200, text: cardText(body.value), raw, card: body.value, verbs: verbsOf(body.value) };
  if (Array.isArray(body?.activities)) {
    const card = body.activities.map(cardOf).find(Boolean);
    return {
      status: 200,
      text: body.activities.map((a: any) => `${a.text ?? ''}\n${cardText(cardOf(a))}`).join('\n'),
      raw,
      card,
      verbs: verbsOf(body.activities),
    };
  }
  return { status: 200, text: typeof body?.value === 'string' ? body.value : '', raw, verbs: [] };
}

async function perform(h: Harness, who: Persona, unit: string, w: World, press: Press | undefined): Promise<Answer> {
  if (unit.startsWith('cmd:')) {
    const { text, where } = typedOf(unit.slice(4), w);
    return answerOf(await h.post({ ...activityFor(h, who, where), type: 'message', text, deliveryMode: 'expectReplies' }));
  }
  const { data, where } = press ?? { data: {}, where: 'personal' as const };
  return answerOf(
    await h.post({
      ...activityFor(h, who, where),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: unit, data: { verb: unit, ...data } }, trigger: 'manual' },
    }),
  );
}

function verdict(row: string, a: Answer): 'allow' | 'refuse' {
  if (a.status !== 200) return 'refuse';
  if (row === 'vote.mark') return a.text.includes(t('forum.vote.saved', { label: '' }).split(':')[0]!) ? 'allow' : 'refuse';
  // The tally card is what everyone in the channel sees; a non-member's copy only adds why they cannot vote.
  if (row === 'vote.refresh') return REFUSALS.filter((r) => !NOT_A_VOTER.includes(r)).some((r) => a.text.includes(r)) ? 'refuse' : 'allow';
  return REFUSALS.some((r) => a.text.includes(r)) ? 'refuse' : 'allow';
}

// --- what success looks like, per verb and command --------------------------------------------------

type Check = (a: Answer, c: Ctx) => string | undefined | Promise<string | undefined>;

const lines = (a: Answer) =>
  a.text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
/** The card's first line is this text (placeholders filled as given; without params, its fixed start). */
const titled =
  (key: string, params?: Record<string, string | number>): Check =>
  (a) => {
    const want = params ? t(key, params) : t(key).split('{')[0]!.trim();
    const first = lines(a)[0] ?? '';
    return (params ? first === want : first.startsWith(want)) ? undefined : `title "${first}" is not "${want}" (${key})`;
  };
/** The card's first line is exactly this. */
const firstLine =
  (pick: (c: Ctx) => string): Check =>
  (a, c) =>
    lines(a)[0] === pick(c) ? undefined : `title "${lines(a)[0]}" is not "${pick(c)}"`;
/** The answer says this text somewhere (filled with params; without params, its fixed start). */
const says =
  (key: string, params?: Record<string, string | number>): Check =>
  (a) => {
    const want = params ? t(key, params) : t(key).split('{')[0]!.trim();
    if (!want) return `${key} has no fixed text to look for: give its params`;
    return a.text.includes(want) ? undefined : `does not say "${want}" (${key})`;
  };
/** The answer shows a text the world holds (a title, a reference). */
const shows =
  (pick: (c: Ctx) => string): Check =>
  (a, c) =>
    a.text.includes(pick(c)) ? undefined : `does not show "${pick(c)}"`;
/** The answer's buttons include these verbs: the next step a person takes from it. */
const offers =
  (...verbs: string[]): Check =>
  (a) => {
    const missing = verbs.filter((v) => !a.verbs.includes(v));
    return missing.length ? `no button for ${missing.join(', ')} (has ${[...new Set(a.verbs)].join(', ')})` : undefined;
  };
/** Something in storage is as the verb leaves it. */
const stored =
  (what: string, ok: (c: Ctx) => Promise<boolean>): Check =>
  async (_a, c) =>
    (await ok(c)) ? undefined : `storage: ${what}`;
const all =
  (...checks: Check[]): Check =>
  async (a, c) => {
    for (const check of checks) {
      const problem = await check(a, c);
      if (problem) return problem;
    }
    return undefined;
  };
const draftOf = (c: Ctx, id: string) => c.h.app.services.drafts.get<any>(personOf(c.who), id);
/** The reference and title of one of the world's reports in ROUND. */
const caseOf = async (c: Ctx, id: string) => {
  const r = (await c.h.app.services.reports.get<{ title: string }>(ROUND.id, id))!;
  return { reference: r.reference!, title: r.data.title };
};
const caseTitled =
  (pick: (w: World) => string): Check =>
  async (a, c) => {
    const { reference, title } = await caseOf(c, pick(c.w));
    return lines(a)[0] === `${reference}: ${title}` ? undefined : `title "${lines(a)[0]}" is not the case of ${reference}`;
  };
const caseSays =
  (key: string, pick: (w: World) => string, params: Record<string, string> = {}): Check =>
  async (a, c) =>
    says(key, { reference: (await caseOf(c, pick(c.w))).reference, ...params })(a, c);
const hasStatus = (pick: (w: World) => string, status: string): Check =>
  stored(`the report is ${status}`, async (c) => (await statusOf(c, ROUND.id, pick(c.w))) === status);
const agenda = (what: string, ok: (order: string[], w: World) => boolean): Check =>
  stored(what, async (c) => ok((await c.h.app.services.meetings.get(FORUM, c.w.editMeetingId))?.order ?? [], c.w));
const statusOf = async (c: Ctx, roundId: string, reportId: string) => (await c.h.app.services.reports.get(roundId, reportId))?.status;
const personOf = (p: Persona) => ({ tenantId: p.tenantId, aadObjectId: p.aadObjectId });
const usageOf = (c: Ctx, reportId: string) => c.h.app.services.usage.get({ roundId: ROUND.id, reportId, schoolYear: ROUND.year });

/**
 * The specific success of every verb and command group, for the allowed cells. A verb or command
 * without an entry fails the suite, as a verb without a row in MATRIX does.
 */
const SUCCESS: Record<string, Check> = {
  'help.show': all(titled('help.title'), offers('report.new', 'report.mine')),
  'report.new': all(says('report.step.owner'), offers('report.next')),
  'report.next': all(
    says('report.step.targets'),
    offers('report.next'),
    stored('the draft holds the measure', async (c) => (await draftOf(c, c.w.draftId))?.data?.report?.title === GOOD_INPUT.measure.title),
  ),
  'report.back': all(says('report.step.measure'), offers('report.next')),
  'report.goto': all(says('report.step.owner'), offers('report.next')),
  'report.close': all(titled('wizard.closed.title'), offers('report.resume')),
  'report.continue': all(titled('reports.title'), offers('report.resume')),
  'report.resume': all(says('report.step.owner'), offers('report.next')),
  'report.cancel': all(titled('wizard.deleteConfirm.title'), offers('draft.deleteConfirm')),
  'draft.delete': all(titled('wizard.deleteConfirm.title'), offers('draft.deleteConfirm')),
  'draft.deleteConfirm': all(
    titled('wizard.deleted'),
    stored('the draft is gone', async (c) => !(await draftOf(c, c.w.draftId))),
  ),
  'report.submit': all(
    titled('receipt.title'),
    offers('report.open'),
    stored('the report is submitted', async (c) => (await statusOf(c, c.w.demoRoundId, c.w.fullDraftId)) === 'submitted'),
  ),
  'report.mine': all(titled('reports.title'), offers('report.resume')),
  'report.open': all(
    firstLine((c) => t('report.detail.title', { reference: c.w.report.reference, title: SECRET.measure.title })),
    offers('report.edit', 'report.withdraw'),
  ),
  'report.edit': all(
    shows((c) => t('wizard.editTitle', { reference: c.w.report.reference })),
    offers('report.submit'),
  ),
  'report.withdraw': all(
    firstLine((c) => t('withdraw.confirm.title', { reference: c.w.report.reference })),
    offers('report.withdrawConfirm'),
  ),
  'report.withdrawConfirm': all(
    shows((c) => t('withdraw.done', { reference: c.w.report.reference })),
    stored('the report is withdrawn', async (c) => (await statusOf(c, c.w.report.roundId, c.w.report.reportId)) === 'withdrawn'),
  ),
  'privacy.show': all(titled('privacy.title'), offers('privacy.deleteDrafts')),
  'privacy.deleteDrafts': all(titled('privacy.deleteConfirm.title'), offers('privacy.deleteDraftsConfirm')),
  'privacy.deleteDraftsConfirm': all(
    titled('privacy.deleted.title'),
    stored('the caller has no drafts', async (c) => (await c.h.app.services.drafts.list(personOf(c.who))).length === 0),
  ),
  'colleagues.mine': all(titled('colleagues.mine.title'), offers('report.mine')),
  'colleagues.list': all(titled('colleagues.title'), says('colleagues.people.title', { count: 3 }), offers('colleagues.addForm', 'colleagues.remove')),
  'colleagues.addForm': all(titled('colleagues.form.title'), offers('colleagues.add')),
  'colleagues.add': all(
    says('colleagues.added', { person: NEW_COLLEAGUE.name }),
    stored('the new colleague is linked', async (c) => (await c.h.app.services.ownerPeople.ownersOf(personOf(NEW_COLLEAGUE))).includes(WORLD_ORGNR)),
  ),
  'colleagues.remove': all(titled('colleagues.removeConfirm.title', { person: LEAVING_COLLEAGUE.name }), offers('colleagues.removeConfirm')),
  'colleagues.removeConfirm': all(
    says('colleagues.removed', { person: LEAVING_COLLEAGUE.name }),
    stored('the colleague is no longer linked', async (c) => !(await c.h.app.services.ownerPeople.ownersOf(personOf(LEAVING_COLLEAGUE))).includes(WORLD_ORGNR)),
    stored('the removal is audited', async (c) =>
      (await c.h.app.services.ownerPeople.auditOf(WORLD_ORGNR)).some((e) => e.action === 'removed' && e.person.aadObjectId === LEAVING_COLLEAGUE.aadObjectId),
    ),
  ),
  'claims.list': all(
    titled('claims.list.title'),
    shows(() => `${CLAIMANT.name} for `),
    offers('claims.confirm', 'claims.reject'),
  ),
  'claims.reject': all(titled('claims.rejectConfirm.title', { person: FOREIGN_CLAIMANT.name }), offers('claims.rejectConfirm')),
  'claims.confirm': all(
    shows(() => t('claims.confirmed', { person: CLAIMANT.name, owner: '\u0000' }).split('\u0000')[0]!),
    stored('the claimant is confirmed', async (c) => (await c.h.app.services.ownerPeople.link(WORLD_ORGNR, personOf(CLAIMANT)))?.status === 'confirmed'),
    stored('the confirmation is audited', async (c) =>
      (await c.h.app.services.ownerPeople.auditOf(WORLD_ORGNR)).some(
        (e) => e.action === 'confirmed' && e.person.aadObjectId === CLAIMANT.aadObjectId && e.asOfficer,
      ),
    ),
  ),
  'claims.rejectConfirm': all(
    shows(() => t('claims.rejected', { person: FOREIGN_CLAIMANT.name, owner: '\u0000' }).split('\u0000')[0]!),
    stored('the claim is rejected', async (c) => (await c.h.app.services.ownerPeople.link(WORLD_ORGNR, personOf(FOREIGN_CLAIMANT)))?.status === 'rejected'),
  ),
  'secretariat.menu': all(titled('secretariat.menu.title'), offers('overview.show', 'round.list', 'roles.list', 'claims.list')),
  'roles.list': all(
    titled('roles.title'),
    shows(() => GROUP_MEMBER.name),
    offers('roles.addForm', 'roles.remove'),
  ),
  'roles.addForm': all(titled('roles.form.memberTitle'), offers('roles.add')),
  'roles.add': all(
    titled('roles.title'),
    shows(() => NEW_MEMBER.name),
    stored('the new member is in group vest', async (c) =>
      (await c.h.app.services.roles.of(personOf(NEW_MEMBER))).some((g) => g.forum === forumOf('vest') && g.group === 'vest' && g.role === 'member'),
    ),
  ),
  'roles.remove': all(titled('roles.removeConfirm.title', { name: OTHER_GROUP_MEMBER.name }), offers('roles.removeConfirm')),
  'roles.removeConfirm': all(
    titled('roles.title'),
    stored('the member is removed', async (c) => !(await c.h.app.services.roles.of(personOf(OTHER_GROUP_MEMBER))).some((g) => g.role !== 'secretariat')),
  ),
  'channel.form': all(titled('channel.title'), offers('channel.assign')),
  'channel.assign': all(
    titled('roles.title'),
    stored('the channel is assigned by the officer', async (c) => (await c.h.app.services.groups.groupOfChannel(CHANNEL))?.assignedBy !== 'test'),
  ),
  'round.list': all(titled('rounds.title'), offers('round.newForm')),
  'round.newForm': all(titled('round.form.title'), offers('round.create')),
  'round.create': all(
    says('rounds.created', { year: 2028 }),
    stored('round 2028 exists', async (c) => (await c.h.app.services.rounds.list()).some((r) => r.year === 2028)),
  ),
  'round.open': all(
    titled('rounds.title'),
    stored('round 2029 is open', async (c) => (await c.h.app.services.rounds.get(c.w.plannedRoundId))?.status === 'open'),
  ),
  'round.close': all(titled('rounds.closeConfirm.title', { year: ROUND.year }), offers('round.closeConfirm')),
  'round.closeConfirm': all(
    says('rounds.closed', { year: ROUND.year }),
    stored('the demo round is closed', async (c) => (await c.h.app.services.rounds.get(c.w.demoRoundId))?.status === 'closed'),
  ),
  'overview.show': all(titled('overview.title', { year: ROUND.year }), offers('overview.show')),
  'results.publish': all(says('results.confirm.title', { year: 2026 }), offers('results.publishConfirm')),
  'results.publishConfirm': all(
    says('results.published', { year: 2026, count: 1 }),
    stored(
      'the results of 2026 are published',
      async (c) => (await c.h.app.services.results.publication(publicationKey(c.w.resultsRoundId, SEEDED_FORUM, c.h.app.services.regions.id)))?.done === true,
    ),
  ),
  'report.check': all(
    caseTitled((w) => w.toCheck),
    offers('report.checkPass', 'report.return'),
  ),
  'report.checkPass': all(
    caseSays('case.checked', (w) => w.toCheck),
    hasStatus((w) => w.toCheck, 'formally_checked'),
  ),
  'report.return': all(
    caseSays('case.return.title', (w) => w.toReturn),
    offers('report.returnConfirm'),
  ),
  'report.returnConfirm': all(
    caseSays('case.returned', (w) => w.toReturn),
    hasStatus((w) => w.toReturn, 'returned'),
  ),
  'report.moveGroup': all(
    caseSays('case.group.title', (w) => w.toMove),
    offers('report.moveGroupConfirm'),
  ),
  'report.moveGroupConfirm': all(
    caseSays('case.groupChanged', (w) => w.toMove, { group: 'Arbeidsgruppe Oslo' }),
    stored('the report is in group oslo', async (c) => (await c.h.app.services.reports.get(ROUND.id, c.w.toMove))?.summary.workingGroup === 'oslo'),
  ),
  'decision.form': all(
    caseSays('decision.form.title', (w) => w.toDecide),
    offers('decision.record'),
  ),
  'decision.record': all(
    says('decision.recorded'),
    hasStatus((w) => w.toDecide, 'granted'),
  ),
  'decision.paid': all(titled('case.action.paid'), offers('decision.paidConfirm')),
  'decision.paidConfirm': all(
    caseSays('decision.paidRecorded', (w) => w.toPay, { amount: '0 kr' }),
    hasStatus((w) => w.toPay, 'paid'),
  ),
  'decision.pending': all(titled('decision.list.title', { year: ROUND.year }), offers('decision.grantAll')),
  'decision.grantAll': all(titled('decision.bulk.title'), offers('decision.grantAllConfirm')),
  'decision.grantAllConfirm': all(
    titled('decision.bulk.action'),
    hasStatus((w) => w.toGrantAll, 'granted'),
  ),
  'export.round': all(titled('export.title', { year: ROUND.year }), says('export.xlsx'), (a) => (a.raw.includes('/exports/') ? undefined : 'no download link')),
  'round.purge': all(titled('privacy.purge.title'), offers('round.purgeConfirm')),
  'round.purgeConfirm': all(
    titled('privacy.purge.done.title'),
    stored('round 2024 is gone', async (c) => !(await c.h.app.services.rounds.get(c.w.oldRoundId))),
  ),
  'meeting.list': all(titled('forum.list.title'), offers('meeting.show', 'meeting.new')),
  'meeting.new': all(titled('forum.new.title'), offers('meeting.create')),
  'meeting.create': all(
    firstLine(() => 'Møte Oslo'),
    says('forum.phase.draft'),
    stored('the meeting exists', async (c) => (await c.h.app.services.meetings.list(undefined)).some((m) => m.title === 'Møte Oslo')),
  ),
  'meeting.show': all(
    firstLine(() => 'Høstmøte Vest'),
    offers('meeting.add', 'vote.open'),
  ),
  'meeting.add': all(
    says('forum.phase.draft'),
    agenda('the spare report is on the agenda', (order, w) => order.includes(w.spareReportId)),
  ),
  'meeting.move': all(
    says('forum.phase.draft'),
    agenda('the second item moved up', (order, w) => order.indexOf(w.editItems[1]!) < order.indexOf(w.editItems[0]!)),
  ),
  'meeting.remove': all(
    says('forum.phase.draft'),
    agenda('the first item is off the agenda', (order, w) => !order.includes(w.editItems[0]!)),
    hasStatus((w) => w.editItems[0]!, 'formally_checked'),
  ),
  'meeting.post': all(
    says('forum.phase.posted'),
    stored('the agenda is posted', async (c) => !!(await c.h.app.services.meetings.get(FORUM, c.w.editMeetingId))?.posted),
  ),
  // A working group's result in two steps is its recommendation (anbefaling), not the forum's innstilling.
  'meeting.recommendation': all(titled('groupStep.recommendation.title', { title: 'Vårmøte Vest' }), offers('meeting.csv')),
  'meeting.csv': all(titled('groupStep.recommendation.title', { title: 'Vårmøte Vest' }), says('export.csv'), (a) =>
    a.raw.includes('/exports/') ? undefined : 'no download link',
  ),
  'vote.open': all(
    says('forum.phase.voting'),
    offers('vote.close'),
    stored('the vote is open', async (c) => (await c.h.app.services.meetings.get(FORUM, c.w.editMeetingId))?.vote?.status === 'open'),
  ),
  'vote.mark': all(
    // Group vest recommends (two steps): its mark is "Anbefal".
    says('forum.vote.saved', { label: t('groupStep.mark.prioritise') }),
    stored('the mark is stored', async (c) =>
      (await c.h.app.services.votes.of(c.w.meetingId, c.w.agendaReportId)).some((m) => m.voter.aadObjectId === c.who.aadObjectId && m.mark === 'prioritise'),
    ),
  ),
  'vote.refresh': all(titled('forum.vote.progress', { n: 1, of: 1, group: 'Arbeidsgruppe Vest', title: 'Vårmøte Vest' }), offers('vote.refresh')),
  'vote.close': all(
    // Group vest recommends (two steps): its result is the group's anbefaling.
    says('groupStep.vote.closedNotice'),
    offers('meeting.recommendation'),
    stored('the vote is closed', async (c) => (await c.h.app.services.meetings.get(FORUM, c.w.meetingId))?.vote?.status === 'closed'),
  ),
  'vote.need': all(titled('need.title'), says('need.intro'), offers('vote.refresh')),
  'plan.form': all(titled('plan.title'), offers('plan.save')),
  'plan.save': all(
    says('plan.saved'),
    stored('the plan is stored', async (c) => (await c.h.app.services.plans.get(SEEDED_FORUM))?.areas[0]?.name.nb === 'Lesing og skriving'),
  ),
  'undecided.list': all(titled('forum.undecided.listTitle', { title: 'Uavklart Vest' }), offers('undecided.form')),
  'undecided.form': all(says('forum.undecided.way'), offers('undecided.save')),
  'undecided.save': all(says('forum.undecided.wayRequired')),
  'undecided.later': all(
    says('forum.undecided.movedNext'),
    hasStatus((w) => w.undecidedItems[0], 'formally_checked'),
  ),
  'undecided.record': all(
    says('forum.undecided.recorded'),
    hasStatus((w) => w.undecidedItems[1], 'recommended_by_group'),
    stored('the follow-up is on the item', async (c) => {
      const item = await c.h.app.services.meetings.item(c.w.undecidedMeetingId, c.w.undecidedItems[1]);
      return item?.result?.followUp?.note === 'Enige muntlig' && item.result.followUp.by.aadObjectId === c.who.aadObjectId;
    }),
  ),
  'rules.list': all(titled('forum.rulesCard.title'), offers('rules.form')),
  'rules.form': all(titled('forum.rulesCard.formTitle', { group: 'Arbeidsgruppe Vest' }), offers('rules.save')),
  'rules.save': all(
    says('forum.rulesCard.saved', { group: 'Arbeidsgruppe Vest' }),
    stored('the rules are stored', async (c) => (await c.h.app.services.rulesStore.get(forumOf('vest'), 'vest'))?.rules.quorumPercent === 40),
  ),
  'usage.list': all(titled('usage.list.title'), offers('report.mine')),
  'usage.open': all(titled('usage.form.title'), offers('usage.submit', 'usage.save')),
  'usage.save': all(
    says('usage.saved'),
    stored('the usage draft is kept', async (c) => (await usageOf(c, c.w.usagePaid))?.values.usedOwner === '950 000'),
  ),
  'usage.submit': all(
    titled('usage.receipt.title'),
    stored('the usage report is sent', async (c) => (await usageOf(c, c.w.usagePaid))?.status === 'submitted'),
  ),
  'usage.round': all(titled('usage.round.title', { year: ROUND.year }), offers('usage.show')),
  'usage.show': all(titled('usage.show.title'), offers('usage.accept', 'usage.return')),
  'usage.return': all(titled('usage.return.title'), offers('usage.returnConfirm')),
  'usage.returnConfirm': all(
    caseSays('usage.returned', (w) => w.usageToReturn),
    stored('the usage report is returned', async (c) => (await usageOf(c, c.w.usageToReturn))?.status === 'returned'),
  ),
  'usage.accept': all(
    caseSays('usage.accepted', (w) => w.usageToAccept, { status: t('report.status.reported') }),
    hasStatus((w) => w.usageToAccept, 'reported'),
  ),
  'forums.list': all(titled('forums.title', { office: 'Statsforvalteren i Østfold, Buskerud, Oslo og Akershus' }), offers('roles.list', 'rules.list')),
  'appeal.form': all(
    caseSays('appeal.form.title', (w) => w.toAppeal),
    offers('appeal.save'),
  ),
  'appeal.save': all(
    caseSays('appeal.registered', (w) => w.toAppeal, { date: '30. november 2026' }),
    stored('the appeal is registered', async (c) => (await c.h.app.services.reports.get(ROUND.id, c.w.toAppeal))?.appeal?.receivedOn === '2026-11-30'),
  ),
  'usage.openEarly': all(
    caseSays('usage.early.done', (w) => w.toOpenEarly, { schoolYear: '2027–2028' }),
    stored('the usage report is open', async (c) => !!(await usageOf(c, c.w.toOpenEarly))?.openedEarlyAt),
  ),
  'usage.unused': all(
    caseSays('unused.decided', (w) => w.usageUnused),
    stored('the unused money is to be repaid', async (c) => (await usageOf(c, c.w.usageUnused))?.unusedDecision?.plan === 'repay'),
  ),
  'usage.repaid': all(
    says('unused.fact.repaid'),
    stored('the money is marked repaid', async (c) => !!(await usageOf(c, c.w.usageToRepay))?.unusedDecision?.repaidAt),
  ),
  'continuation.answer': all(
    says('continuation.answered.continue'),
    stored(
      'the continuation is confirmed',
      async (c) => (await c.h.app.services.reports.get(ROUND.id, c.w.continuationId))?.continuation?.answer?.choice === 'continue',
    ),
  ),
  'cmd:leveringsstatus': titled('delivery.status.title'),
  // The creator and colleagues get the report's own card, officers the case card: both titled "reference: title".
  'cmd:vis': firstLine((c) => `${c.w.report.reference}: ${SECRET.measure.title}`),
  'analysis.show': all(titled('analysis.title'), offers('analysis.show', 'analysis.export')),
  'analysis.export': all(titled('analysis.export.title'), offers('analysis.show')),
  'analysis.summary': all(titled('analysis.summary.draft'), offers('analysis.summaryPost')),
  'analysis.summaryPost': says('analysis.summary.posted'),
};
/** Typed commands that run a verb's handler succeed as that verb does. */
const TYPED_AS: Record<string, string> = {
  'cmd:hjelp': 'help.show',
  'cmd:meld behov': 'report.new',
  'cmd:fortsett': 'report.continue',
  'cmd:mine meldinger': 'report.mine',
  'cmd:mine data': 'privacy.show',
  'cmd:kolleger': 'colleagues.mine',
  'cmd:krav': 'claims.list',
  'cmd:slett gamle runder': 'round.purge',
  'cmd:sekretariat': 'secretariat.menu',
  'cmd:oversikt': 'overview.show',
  'cmd:ny runde': 'round.newForm',
  'cmd:runder': 'round.list',
  'cmd:roller': 'roles.list',
  'cmd:kanal': 'channel.form',
  'cmd:nytt møte': 'meeting.new',
  'cmd:møter': 'meeting.list',
  'cmd:regler': 'rules.list',
  'cmd:prioriteringsområder': 'plan.form',
  'cmd:eksport': 'export.round',
  'cmd:vedtak': 'decision.pending',
  'cmd:rapporter': 'usage.list',
  'cmd:rapporteringer': 'usage.round',
  'cmd:analyse': 'analysis.show',
};
for (const [command, verb] of Object.entries(TYPED_AS)) SUCCESS[command] = SUCCESS[verb]!;
// Typed without a forum, with two forums: the choice of forum, each button drafting that forum's summary.
SUCCESS['cmd:årsoppsummering'] = all(says('analysis.summary.pickForum'), offers('analysis.summary'));
/** SUCCESS's key of a row: the verb, or `cmd:` and the group's first word. */
const successKey = (row: string) => row.split(' / ')[0]!;
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/** The presses for one world, in PRESSES' order; some read a form the officer is shown first. */
async function pressesFor(h: Harness, w: World): Promise<Map<string, Press>> {
  const officer = async (verb: string, data: Record<string, unknown> = {}) => {
    const res = await h.invoke(OFFICER, verb, data);
    assert.equal(res.body?.type, ADAPTIVE, `${verb}: ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body.value;
  };
  const out = new Map<string, Press>();
  for (const [verb, of] of PRESSES) out.set(verb, await of(w, officer));
  return out;
}

/** Allowed units in the order they may run: PRESSES' order, typed commands before the first press that uses up a fixture. */
function allowedOrder(allowed: (unit: string) => boolean): string[] {
  const verbs = PRESSES.map(([v]) => v);
  const cut = verbs.indexOf('vote.mark');
  const words = COMMANDS.flatMap((c) => c.words.map((w) => `cmd:${w}`));
  return [...verbs.slice(0, cut), ...words, ...verbs.slice(cut)].filter(allowed);
}

// --- the suite -------------------------------------------------------------------------------------------

describe('authorization matrix: every command and card action against every kind of caller', function () {
  this.timeout(300_000);
  const clock = { now: new Date('2026-12-01T09:00:00Z') };
  const rows = rowsOf(ACTIONS, COMMANDS);
  const only = (process.env.AUTHZ_CALLERS ?? '').split(',').filter(Boolean);
  const show = process.env.AUTHZ_SHOW_ALLOWED === '1';

  it('has a row for every action verb and every command word, and no row for anything else', () => {
    assert.deepEqual([...Object.keys(EXPECTED)].sort(), [...rows].sort(), 'docs/security.md and this test need a row for each new verb or command word');
    const words = COMMANDS.flatMap((c) => c.words);
    assert.deepEqual(
      rows
        .flatMap(unitsOf)
        .filter((u) => u.startsWith('cmd:'))
        .map((u) => u.slice(4))
        .sort(),
      [...words].sort(),
    );
  });

  it('has a success check for every verb and command group, and a press for every verb', () => {
    assert.deepEqual(
      rows.filter((r) => !SUCCESS[successKey(r)]),
      [],
      'each verb and command group needs its specific success in SUCCESS',
    );
    assert.deepEqual(
      Object.keys(ACTIONS).filter((v) => !PRESSES.some(([p]) => p === v)),
      [],
      'each verb needs a valid press in verbWorld.ts PRESSES',
    );
    assert.deepEqual(
      Object.keys(SUCCESS).filter((k) => !rows.some((r) => successKey(r) === k)),
      [],
      'SUCCESS names no verb the bot does not have',
    );
  });

  for (const caller of Object.keys(PERSONA) as Array<keyof typeof PERSONA>) {
    if (only.length && !only.includes(caller)) continue;
    it(`answers ${caller} as the matrix says: the verb's own success when allowed, nothing stored or revealed when refused`, async () => {
      const who = PERSONA[caller];
      const prefix = uniquePrefix();
      const h = await startHarness(
        { ...FAST_DELIVERY, ...noLimit, ...WORLD_ENV, TABLE_PREFIX: prefix, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId },
        { now: () => clock.now },
      );
      try {
        const w = await seedWorld(h, who);
        const presses = await pressesFor(h, w);
        const c: Ctx = { h, w, who, caller };
        const wrong: string[] = [];
        const expectedOf = (unit: string): Cell => EXPECTED[rowOfUnit(unit)]?.[caller] ?? 'refuse';
        const units = rows.flatMap(unitsOf);

        // Refusals first, in one batch between two snapshots: none of them may change a single row.
        const creators = async () => JSON.stringify(await h.app.services.reports.get(w.report.roundId, w.report.reportId));
        const creatorsBefore = await creators();
        const before = await settled(prefix);
        for (const unit of units.filter((u) => expectedOf(u) === 'refuse')) {
          const a = await perform(h, who, unit, w, presses.get(unit));
          if (verdict(rowOfUnit(unit), a) !== 'refuse') wrong.push(`${unit}: expected refuse, was allowed: ${a.text.slice(0, 160).replace(/\n/g, ' | ')}`);
          const leaked = SECRETS.filter((x) => a.raw.includes(x));
          if (leaked.length) wrong.push(`${unit}: refused but revealed ${leaked.join(', ')}`);
        }
        const changed = diff(before, await settled(prefix));
        if (changed.length) wrong.push(`refused actions stored something:\n  ${changed.slice(0, 20).join('\n  ')}`);
        // Only the creator and colleagues reach the creator's report; what others may do leaves it as it was.
        if (!['creator', 'colleague', 'officer'].includes(caller)) assert.equal(await creators(), creatorsBefore, "the creator's report is unchanged");

        // A voting card is answered only in the meeting's own channel: from personal chat even a member is refused and sees nothing of the item.
        if (caller === 'groupMember') {
          const item = (await h.app.services.reports.get<{ title: string; ownerName: string }>(ROUND.id, w.agendaReportId))!;
          for (const verb of ['vote.refresh', 'vote.mark']) {
            const a = await perform(h, who, verb, w, { ...presses.get(verb)!, where: 'personal' });
            if (verdict(verb, a) !== 'refuse') wrong.push(`${verb} from personal chat was answered: ${a.text.slice(0, 160)}`);
            for (const secret of [item.data.title, item.data.ownerName])
              if (a.raw.includes(secret)) wrong.push(`${verb} from personal chat revealed ${secret}`);
          }
        }

        // Everyone may work on drafts, their own only: pressed with the creator's draft id, nothing of the creator's is read or changed.
        if (caller !== 'creator') {
          const owners = () => h.app.services.drafts.get(personOf(OWNER), w.creatorDraftId).then((d) => JSON.stringify(d));
          const draftBefore = await owners();
          for (const [verb, press] of presses) {
            if (press.data.draftId !== w.draftId || expectedOf(verb) !== 'allow') continue;
            const a = await perform(h, who, verb, w, { ...press, data: { ...press.data, draftId: w.creatorDraftId } });
            const leaked = SECRETS.filter((x) => a.raw.includes(x));
            if (leaked.length) wrong.push(`${verb} with the creator's draft id revealed ${leaked.join(', ')}`);
          }
          assert.equal(await owners(), draftBefore, "the creator's draft is unchanged");
        }

        for (const unit of allowedOrder((u) => expectedOf(u) === 'allow')) {
          const a = await perform(h, who, unit, w, presses.get(unit));
          const row = rowOfUnit(unit);
          if (show) console.log(`  ${caller} ${unit}: ${lines(a).slice(0, 3).join(' | ').slice(0, 200)} [${[...new Set(a.verbs)].join(' ')}]`);
          if (verdict(row, a) !== 'allow') {
            wrong.push(`${unit}: expected allow, was refused: ${a.text.slice(0, 160).replace(/\n/g, ' | ')}`);
            continue;
          }
          const problem = await (SUCCESS[successKey(row)] ?? (() => 'no success check'))(a, c);
          if (problem) wrong.push(`${unit}: allowed but not the verb's success: ${problem}`);
        }
        assert.deepEqual(wrong, []);
      } finally {
        await h.stop();
      }
    });
  }

  describe('at the door (ALLOWED_TENANTS and an app id configured)', () => {
    let door: Harness;
    // Nothing is seeded behind the door: no request gets that far.
    const NO_WORLD = { report: { reference: 'BM-2027-0001' } } as World;
    const doorPrefix = uniquePrefix();
    before(async () => {
      door = await startHarness({
        ...noLimit,
        TABLE_PREFIX: doorPrefix,
        ALLOWED_TENANTS: TENANT,
        MicrosoftAppId: '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppType: 'MultiTenant',
      });
    });
    after(async () => {
      await door?.stop();
    });

    // The Bot Framework SDK prints every refused token; the status code is what is tested here.
    let consoleError: typeof console.error;
    beforeEach(() => {
      consoleError = console.error;
      console.error = () => undefined;
    });
    afterEach(() => {
      console.error = consoleError;
    });

    for (const [caller, who, status] of [
      ['foreignTenantAtDoor', FOREIGN, 403],
      ['noToken', OWNER, 401],
    ] as const) {
      it(`answers ${status} to every verb and command for ${caller}, before any handler, storing nothing`, async () => {
        const before = await snapshot(doorPrefix);
        const wrong: string[] = [];
        for (const unit of rows.flatMap(unitsOf)) {
          const a = await perform(door, who, unit, NO_WORLD, undefined);
          if (a.status !== status) wrong.push(`${unit}: ${a.status}`);
          if (SECRETS.some((x) => a.raw.includes(x))) wrong.push(`${unit}: revealed the report`);
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
        (
          await door.post({
            ...tenantless,
            conversation: { id: conversation.id, conversationType: 'personal' },
            channelData: { ...channelData, tenant: undefined },
            type: 'message',
            text: 'hjelp',
          })
        ).status,
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
      const next =
        inDoc !== undefined
          ? current.slice(0, i) + block + current.slice(j + end.length)
          : current
            ? `${current.trimEnd()}\n\n${block}\n`
            : `# Security\n\n${block}\n`;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, next);
      return;
    }
    assert.equal(inDoc, block, "docs/security.md's authorization matrix is out of date: run the suite with AUTHZ_WRITE_DOCS=1");
  });
});
