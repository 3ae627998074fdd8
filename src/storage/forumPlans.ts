import { ForumPlanSchema, type ForumPlan } from '../domain/forum/plan';
import { getOrUndefined, mutateEntity, safeKey, type Tables } from './tables';

/*
 * A forum's plan and priority areas, in the Groups table beside its channels and rules:
 *   p_<forum> / plan   the link and the areas (one small row; the last save wins, ETag-checked).
 */

const planPk = (forum: string) => `p_${safeKey(forum)}`;
const ROW = 'plan';

export class ForumPlanStore {
  constructor(private readonly tables: Tables) {}
  private get table() {
    return this.tables.client('Groups');
  }

  async get(forum: string): Promise<ForumPlan | undefined> {
    const row = await getOrUndefined<{ json: string }>(this.table, planPk(forum), ROW);
    return row ? ForumPlanSchema.parse(JSON.parse(row.json)) : undefined;
  }

  async save(plan: ForumPlan): Promise<ForumPlan> {
    const parsed = ForumPlanSchema.parse(plan);
    await mutateEntity<{ json: string }>(this.table, planPk(parsed.forum), ROW, () => ({ json: JSON.stringify(parsed) }));
    return parsed;
  }
}
