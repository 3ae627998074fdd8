import { StoredRulesSchema, type StoredRules } from '../domain/forum/rulesOfGroup';
import type { ForumRules } from '../domain/forum/rules';
import type { Person } from '../domain/roles';
import { odataString } from './keys';
import { getOrUndefined, mutateEntity, safeKey, type Tables } from './tables';

/*
 * A forum's voting rules set in Teams, in the Groups table beside the groups' channels:
 *   r_<forum> / <group>   the rules of the forum (group `forum`) or of one working group,
 *                         with a revision and the earlier versions (who, when); ETag-checked.
 */

const rulesPk = (forum: string) => `r_${safeKey(forum)}`;

export class StaleRulesError extends Error {
  constructor(readonly current: StoredRules | undefined) {
    super('the rules were saved by someone else meanwhile');
  }
}

export class ForumRulesStore {
  constructor(private readonly tables: Tables) {}
  private get table() {
    return this.tables.client('Groups');
  }

  async get(forum: string, group: string): Promise<StoredRules | undefined> {
    const row = await getOrUndefined<{ json: string }>(this.table, rulesPk(forum), safeKey(group));
    return row ? StoredRulesSchema.parse(JSON.parse(row.json)) : undefined;
  }

  async list(forum: string): Promise<StoredRules[]> {
    const out: StoredRules[] = [];
    for await (const r of this.table.listEntities<{ json: string }>({ queryOptions: { filter: `PartitionKey eq ${odataString(rulesPk(forum))}` } })) {
      out.push(StoredRulesSchema.parse(JSON.parse(r.json)));
    }
    return out;
  }

  /**
   * Saves a group's rules over `revision` (0 when none were stored): a save from a form shown
   * before someone else's save is refused with the rules as they are now (StaleRulesError).
   * Saving the same rules again is no change.
   */
  async save(forum: string, group: string, rules: ForumRules, revision: number, by: Person, byName: string | undefined, at: Date): Promise<StoredRules> {
    let out: StoredRules | undefined;
    await mutateEntity<{ json: string }>(this.table, rulesPk(forum), safeKey(group), (cur) => {
      const before = cur ? StoredRulesSchema.parse(JSON.parse(cur.json)) : undefined;
      if ((before?.revision ?? 0) !== revision) throw new StaleRulesError(before);
      if (before && JSON.stringify(before.rules) === JSON.stringify(rules)) {
        out = before;
        return undefined;
      }
      out = StoredRulesSchema.parse({
        forum,
        group,
        rules,
        revision: revision + 1,
        updatedBy: by,
        ...(byName ? { updatedByName: byName } : {}),
        updatedAt: at.toISOString(),
        history: before
          ? [
              { rules: before.rules, by: before.updatedBy, ...(before.updatedByName ? { byName: before.updatedByName } : {}), at: before.updatedAt },
              ...before.history,
            ].slice(0, 50)
          : [],
      });
      return { json: JSON.stringify(out) };
    });
    return out!;
  }
}
