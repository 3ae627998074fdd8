import { z } from 'zod';
import { createIfAbsent, deleteIfPresent, getOrUndefined, mutateEntity, propertiesOf, safeKey, type Tables } from './tables';

/**
 * The plain data a proactive message needs (a Bot Framework ConversationReference, without the
 * SDK's types so storage does not depend on it). Validated on the way out, since it came from Teams.
 */
export const ConversationRefSchema = z
  .object({
    channelId: z.string(),
    serviceUrl: z.string().url(),
    conversation: z
      .object({
        id: z.string(),
        tenantId: z.string().optional(),
        conversationType: z.string().optional(),
        isGroup: z.boolean().optional(),
        name: z.string().optional(),
      })
      .passthrough(),
    bot: z.object({ id: z.string(), name: z.string().optional() }).passthrough(),
    user: z.object({ id: z.string(), aadObjectId: z.string().optional(), name: z.string().optional() }).passthrough().optional(),
    locale: z.string().optional(),
  })
  .passthrough();
export type ConversationRef = z.infer<typeof ConversationRefSchema>;

export type TargetKind = 'personal' | 'team' | 'channel';

export interface StoredTarget {
  kind: TargetKind;
  tenantId: string;
  /** personal: the user's AAD object id; team: the team id; channel: the channel id. */
  id: string;
  teamId?: string;
  name?: string;
  locale?: string;
  ref: ConversationRef;
  /** Teams said the bot was blocked or the conversation is gone (403/404): do not send again. */
  stale: boolean;
  updatedAt: string;
}

interface Row {
  kind: TargetKind;
  tenantId: string;
  id: string;
  teamId?: string;
  name?: string;
  locale?: string;
  ref: string;
  stale: boolean;
  updatedAt: string;
}

// Personal chats are looked up by user (one point read); a team's channels are one partition,
// so "the channels of this team" is one partition query.
const keysOf = (kind: TargetKind, tenantId: string, id: string, teamId?: string) =>
  kind === 'personal'
    ? { partitionKey: `user_${safeKey(tenantId.toLowerCase())}`, rowKey: safeKey(id.toLowerCase()) }
    : { partitionKey: `team_${safeKey(teamId ?? id)}`, rowKey: kind === 'team' ? '_team' : `channel_${safeKey(id)}` };

function fromRow(row: Row): StoredTarget {
  return { ...row, ref: ConversationRefSchema.parse(JSON.parse(row.ref)), stale: Boolean(row.stale) };
}

export class ConversationReferences {
  constructor(
    private readonly tables: Tables,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get table() {
    return this.tables.client('Conversations');
  }

  /**
   * Stores or refreshes a target. Returns true when it was not known before (a new install),
   * which is when the bot says welcome.
   */
  async save(target: Omit<StoredTarget, 'stale' | 'updatedAt'>): Promise<boolean> {
    const keys = keysOf(target.kind, target.tenantId, target.id, target.teamId);
    const row: Row = {
      kind: target.kind,
      tenantId: target.tenantId,
      id: target.id,
      teamId: target.teamId,
      name: target.name,
      locale: target.locale,
      ref: JSON.stringify(target.ref),
      stale: false,
      updatedAt: this.now().toISOString(),
    };
    if (await createIfAbsent(this.table, { ...keys, ...row })) return true;
    await mutateEntity<Row>(this.table, keys.partitionKey, keys.rowKey, () => row);
    return false;
  }

  async rename(kind: TargetKind, tenantId: string, id: string, name: string, teamId?: string): Promise<void> {
    const keys = keysOf(kind, tenantId, id, teamId);
    await mutateEntity<Row>(this.table, keys.partitionKey, keys.rowKey, (cur) => (cur ? { ...cur, name, updatedAt: this.now().toISOString() } : undefined));
  }

  async markStale(kind: TargetKind, tenantId: string, id: string, teamId?: string): Promise<void> {
    const keys = keysOf(kind, tenantId, id, teamId);
    await mutateEntity<Row>(this.table, keys.partitionKey, keys.rowKey, (cur) =>
      cur ? { ...cur, stale: true, updatedAt: this.now().toISOString() } : undefined,
    );
  }

  async get(kind: TargetKind, tenantId: string, id: string, teamId?: string): Promise<StoredTarget | undefined> {
    const keys = keysOf(kind, tenantId, id, teamId);
    const row = await getOrUndefined<Row>(this.table, keys.partitionKey, keys.rowKey);
    return row ? fromRow(propertiesOf(row)) : undefined;
  }

  async personal(tenantId: string, aadObjectId: string): Promise<StoredTarget | undefined> {
    return this.get('personal', tenantId, aadObjectId);
  }

  /** The team row and its channels. */
  async team(teamId: string): Promise<StoredTarget[]> {
    const out: StoredTarget[] = [];
    const pk = `team_${safeKey(teamId)}`;
    for await (const row of this.table.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${pk.replace(/'/g, "''")}'` } })) {
      out.push(fromRow(propertiesOf(row)));
    }
    return out;
  }

  async remove(kind: TargetKind, tenantId: string, id: string, teamId?: string): Promise<void> {
    const keys = keysOf(kind, tenantId, id, teamId);
    await deleteIfPresent(this.table, keys.partitionKey, keys.rowKey);
  }

  /** Uninstall from a team: the team and all its channels go. */
  async removeTeam(teamId: string): Promise<void> {
    for (const t of await this.team(teamId)) await this.remove(t.kind, t.tenantId, t.id, teamId);
  }
}
