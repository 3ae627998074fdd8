import { ForumPlanSchema, type ForumPlan } from '../domain/forum/plan';
import { uncounted } from './callCounter';
import { getOrUndefined, mutateEntity, safeKey, type Tables } from './tables';

/*
 * A forum's plan and priority areas, in the Groups table beside its channels and rules:
 *   p_<forum> / plan   the link and the areas (one small row; the last save wins, ETag-checked).
 */

const planPk = (forum: string) => `p_${safeKey(forum)}`;
const ROW = 'plan';

export class ForumPlanStore {
  /**
   * Every wizard step and submit checks the measure's areas against its forum's plan, which the
   * secretariat changes a few times a year: one instance keeps each forum's plan for `cacheMs`
   * (as Rounds does). Its own saves replace it at once; another instance's save is seen within
   * `cacheMs`, so an owner's chosen areas refused by the cached plan are checked again with `fresh`.
   */
  constructor(
    private readonly tables: Tables,
    private readonly cacheMs = 1000,
  ) {}
  private readonly cached = new Map<string, { at: number; plan: Promise<ForumPlan | undefined> }>();
  private get table() {
    return this.tables.client('Groups');
  }

  get(forum: string): Promise<ForumPlan | undefined> {
    const hit = this.cached.get(forum);
    if (hit && Date.now() - hit.at <= this.cacheMs) return hit.plan;
    // A shared refresh, not the work of the turn that happens to ask first: counted in the total only.
    return this.cache(
      forum,
      uncounted(() => this.read(forum)),
    );
  }

  /** The plan as stored now (counted in the turn that asks), for a refusal that must not rest on the cache; cached too. */
  async fresh(forum: string): Promise<ForumPlan | undefined> {
    return this.cache(forum, this.read(forum));
  }

  /** Keeps a read of the plan as the forum's cache entry, dropped again if the read fails. */
  private cache(forum: string, plan: Promise<ForumPlan | undefined>): Promise<ForumPlan | undefined> {
    this.cached.set(forum, { at: Date.now(), plan });
    plan.catch(() => {
      if (this.cached.get(forum)?.plan === plan) this.cached.delete(forum);
    });
    return plan;
  }

  private async read(forum: string): Promise<ForumPlan | undefined> {
    const row = await getOrUndefined<{ json: string }>(this.table, planPk(forum), ROW);
    return row ? ForumPlanSchema.parse(JSON.parse(row.json)) : undefined;
  }

  async save(plan: ForumPlan): Promise<ForumPlan> {
    const parsed = ForumPlanSchema.parse(plan);
    this.cached.delete(parsed.forum);
    await mutateEntity<{ json: string }>(this.table, planPk(parsed.forum), ROW, () => ({ json: JSON.stringify(parsed) }));
    this.cached.set(parsed.forum, { at: Date.now(), plan: Promise.resolve(parsed) });
    return parsed;
  }
}
