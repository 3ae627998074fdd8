import { z } from 'zod';
import { FORUM_GROUP, PersonSchema } from '../roles';
import { ForumRulesSchema, type ForumRules } from './rules';

/**
 * Rules set in Teams for the forum or one of its working groups (issue 12 item 5). FORUM_RULES
 * is the default; the forum's own stored rules replace it; a working group's stored rules replace
 * the forum's for that group's votes. Whether the forum votes in one or two steps is the forum's
 * alone, so a working group's `steps` always follows the forum's.
 */

export const StoredRulesSchema = z.object({
  forum: z.string(),
  /** A working group id, or FORUM_GROUP. */
  group: z.string(),
  rules: ForumRulesSchema,
  /** Raised by every save: the form carries it, so a save over someone else's newer one is refused. */
  revision: z.number().int().min(1),
  updatedBy: PersonSchema,
  updatedByName: z.string().max(120).optional(),
  updatedAt: z.string(),
  /** Earlier versions, newest first, with who saved them: the audit of the rules. */
  history: z
    .array(z.object({ rules: ForumRulesSchema, by: PersonSchema, byName: z.string().max(120).optional(), at: z.string() }))
    .max(50)
    .default([]),
});
export type StoredRules = z.infer<typeof StoredRulesSchema>;

/** The rules a group's vote is counted by. */
export function effectiveRules(envDefault: ForumRules, forumStored: ForumRules | undefined, groupStored: ForumRules | undefined, group: string): ForumRules {
  const forum = forumStored ?? envDefault;
  if (group === FORUM_GROUP || !groupStored) return forum;
  return { ...groupStored, steps: forum.steps };
}

/** Reads the rules form's values (strings from a card); undefined fields keep `base`'s. */
export function rulesFromForm(values: Record<string, unknown>, base: ForumRules): ForumRules | undefined {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string).trim() : typeof values[k] === 'number' ? String(values[k]) : undefined);
  const percent = str('quorumPercent');
  const parsed = ForumRulesSchema.safeParse({
    steps: str('steps') || base.steps,
    quorumPercent: percent === undefined || percent === '' ? base.quorumPercent : /^\d{1,2}$/.test(percent) ? Number(percent) : NaN,
    consensus: str('consensus') || base.consensus,
    tieBreak: str('tieBreak') || base.tieBreak,
  });
  return parsed.success ? parsed.data : undefined;
}
