import { GrantSchema, isBootstrapOfficer, SECRETARIAT_GROUP, type Grant, type Person, type Role } from '../domain/roles';
import { odataString, personKey } from './keys';
import { deleteIfPresent, type Tables } from './tables';
import { ForumStamps } from './forumStamps';

type Row = { grant: string };

// Two rows per grant: by person (authorising a click is one partition read) and by group
// (listing a group's members for an agenda or a voting card is one partition read).
const byPerson = (p: Person) => `p_${personKey(p)}`;
const byGroup = (forum: string, group: string) => `g_${forum}_${group}`;
const personRow = (g: Pick<Grant, 'forum' | 'role' | 'group'>) => `${g.forum}_${g.role}_${g.group}`;
const groupRow = (g: Pick<Grant, 'role' | 'person'>) => `${g.role}_${personKey(g.person)}`;

export class Roles {
  private readonly stamps: ForumStamps;
  /**
   * `bootstrap`: people (tenant + AAD object id) from configuration that are secretariat officers
   * of `forum`, so the first officer can grant everyone else.
   */
  constructor(
    private readonly tables: Tables,
    private readonly forum: string,
    private readonly bootstrap: readonly Person[] = [],
  ) {
    this.stamps = new ForumStamps(tables);
  }
  private get table() {
    return this.tables.client('Roles');
  }
  /**
   * Called after a grant or revocation has been stored, with whom and where: the composition root
   * sets it so the open votes' elector rows follow the grants (src/teams/forum/electorRows.ts).
   */
  afterChange?: (person: Person, forum: string, group: string) => Promise<void>;

  async grant(grant: Grant): Promise<void> {
    const g = GrantSchema.parse(grant);
    const row = { grant: JSON.stringify(g) };
    await this.table.upsertEntity({ partitionKey: byPerson(g.person), rowKey: personRow(g), ...row }, 'Replace');
    await this.table.upsertEntity({ partitionKey: byGroup(g.forum, g.group), rowKey: groupRow(g), ...row }, 'Replace');
    await this.stamps.bump(g.forum);
    await this.afterChange?.(g.person, g.forum, g.group);
  }

  async revoke(person: Person, forum: string, role: Role, group: string): Promise<void> {
    await deleteIfPresent(this.table, byGroup(forum, group), groupRow({ role, person }));
    await deleteIfPresent(this.table, byPerson(person), personRow({ forum, role, group }));
    await this.stamps.bump(forum);
    await this.afterChange?.(person, forum, group);
  }

  /** Every grant a person holds, configuration's bootstrap officers included. */
  async of(person: Person): Promise<Grant[]> {
    const out: Grant[] = [];
    for await (const r of this.table.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq ${odataString(byPerson(person))}` } })) {
      out.push(GrantSchema.parse(JSON.parse(r.grant)));
    }
    if (isBootstrapOfficer(this.bootstrap, person) && !out.some((g) => g.role === 'secretariat' && g.forum === this.forum)) {
      out.push({
        person,
        forum: this.forum,
        role: 'secretariat',
        group: SECRETARIAT_GROUP,
        organisations: [],
        grantedBy: 'configuration',
        grantedAt: '1970-01-01T00:00:00.000Z',
      });
    }
    return out;
  }

  /** The grants of one group (members and chair), or of the secretariat with SECRETARIAT_GROUP. */
  async inGroup(forum: string, group: string): Promise<Grant[]> {
    const out: Grant[] = [];
    for await (const r of this.table.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq ${odataString(byGroup(forum, group))}` } })) {
      out.push(GrantSchema.parse(JSON.parse(r.grant)));
    }
    return out;
  }
}
