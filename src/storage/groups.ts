import { z } from 'zod';
import { odataString } from './keys';
import { deleteIfPresent, getOrUndefined, safeKey, type Tables } from './tables';

/** The Teams channel where a working group (or the forum itself) meets. */
export const GroupChannelSchema = z.object({
  forum: z.string(),
  group: z.string(),
  teamId: z.string(),
  channelId: z.string(),
  channelName: z.string().optional(),
  assignedBy: z.string(),
  assignedAt: z.string(),
});
export type GroupChannel = z.infer<typeof GroupChannelSchema>;

// By forum (list a forum's groups, find a group's channel) and by channel (which group is this
// channel, when someone presses a button in it).
const byForum = (forum: string) => `f_${safeKey(forum)}`;
const byChannel = (channelId: string) => `c_${safeKey(channelId)}`;

export class Groups {
  constructor(private readonly tables: Tables) {}
  private get table() {
    return this.tables.client('Groups');
  }

  /** Assigns the channel to the group, replacing the group's earlier channel. */
  async assign(gc: GroupChannel): Promise<void> {
    const g = GroupChannelSchema.parse(gc);
    const before = await this.channelOf(g.forum, g.group);
    if (before && before.channelId !== g.channelId) await deleteIfPresent(this.table, byChannel(before.channelId), 'group');
    const row = { json: JSON.stringify(g) };
    await this.table.upsertEntity({ partitionKey: byForum(g.forum), rowKey: safeKey(g.group), ...row }, 'Replace');
    await this.table.upsertEntity({ partitionKey: byChannel(g.channelId), rowKey: 'group', ...row }, 'Replace');
  }

  async channelOf(forum: string, group: string): Promise<GroupChannel | undefined> {
    const row = await getOrUndefined<{ json: string }>(this.table, byForum(forum), safeKey(group));
    return row ? GroupChannelSchema.parse(JSON.parse(row.json)) : undefined;
  }

  async groupOfChannel(channelId: string): Promise<GroupChannel | undefined> {
    const row = await getOrUndefined<{ json: string }>(this.table, byChannel(channelId), 'group');
    return row ? GroupChannelSchema.parse(JSON.parse(row.json)) : undefined;
  }

  async list(forum: string): Promise<GroupChannel[]> {
    const out: GroupChannel[] = [];
    for await (const r of this.table.listEntities<{ json: string }>({ queryOptions: { filter: `PartitionKey eq ${odataString(byForum(forum))}` } })) {
      out.push(GroupChannelSchema.parse(JSON.parse(r.json)));
    }
    return out;
  }
}
