import { z } from 'zod';

/**
 * Who may do what, per forum (one County Governor's cooperation forum and its working groups).
 * A person is tenant + AAD object id, never a name. The secretariat runs the round and has no
 * vote; members (and the chair) of a working group or of the forum itself vote there. An invited
 * `guest` reads the agenda and comments in the channel, but never votes and never counts as an elector.
 */
export const ROLES = ['secretariat', 'member', 'chair', 'guest'] as const;
export type Role = (typeof ROLES)[number];

/** The cooperation forum itself, as a "group" beside the regional working groups. */
export const FORUM_GROUP = 'forum';
/** Where secretariat grants live (they are per forum, not per group). */
export const SECRETARIAT_GROUP = 'secretariat';

// Stored and compared in lower case: an id pasted or sent in upper case is the same person.
export const Guidish = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9-]+$/)
  .transform((s) => s.toLowerCase());
export const PersonSchema = z.object({ tenantId: Guidish, aadObjectId: Guidish });
export type Person = z.infer<typeof PersonSchema>;

/** Who sits in a cooperation forum (DOMAIN.md section 5, "Forum members"). */
export const MEMBER_CATEGORIES = [
  'publicKindergartenOwner',
  'privateKindergartenOwner',
  'schoolOwner',
  'kindergartenAuthority',
  'university',
  'teachersUnion',
  'ks',
  'invited',
] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
/** The categories a forum is composed of; invited guests come on top. */
export const FORUM_CATEGORIES: readonly MemberCategory[] = MEMBER_CATEGORIES.filter((c) => c !== 'invited');

/** The forum's composition against its categories: how many hold each, and which have nobody. */
export function compositionOf(grants: ReadonlyArray<Pick<Grant, 'category' | 'person'>>): {
  present: Array<{ category: MemberCategory; count: number }>;
  missing: MemberCategory[];
} {
  const people = new Map<MemberCategory, Set<string>>();
  for (const g of grants) {
    if (!g.category) continue;
    const set = people.get(g.category) ?? new Set<string>();
    set.add(`${g.person.tenantId}:${g.person.aadObjectId}`.toLowerCase());
    people.set(g.category, set);
  }
  return {
    present: MEMBER_CATEGORIES.filter((c) => people.has(c)).map((category) => ({ category, count: people.get(category)!.size })),
    missing: FORUM_CATEGORIES.filter((c) => !people.has(c)),
  };
}

export const GrantSchema = z.object({
  person: PersonSchema,
  forum: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  role: z.enum(ROLES),
  /** A working group id, FORUM_GROUP, or SECRETARIAT_GROUP for officers. */
  group: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  /** Shown on agendas and tallies; optional. */
  displayName: z.string().max(200).optional(),
  /** The member's own organisations (org. numbers): a report from one of them disqualifies them. */
  organisations: z
    .array(z.string().regex(/^\d{9}$/))
    .max(20)
    .default([]),
  /** Whom the person represents in the forum (DOMAIN.md section 5); guests are `invited`. */
  category: z.enum(MEMBER_CATEGORIES).optional(),
  grantedBy: z.string().max(200),
  grantedAt: z.string(),
});
export type Grant = z.infer<typeof GrantSchema>;

export const samePerson = (a: Person, b: Person) =>
  a.tenantId.toLowerCase() === b.tenantId.toLowerCase() && a.aadObjectId.toLowerCase() === b.aadObjectId.toLowerCase();

/** Whether `person` is one of the configuration's officers (BOOTSTRAP_SECRETARIAT: tenant and AAD id, any case). */
export const isBootstrapOfficer = (bootstrap: readonly Person[], person: Person) => bootstrap.some((b) => samePerson(b, person));

export function isOfficer(grants: readonly Grant[], forum: string): boolean {
  return grants.some((g) => g.forum === forum && g.role === 'secretariat');
}

/** Members and chairs vote in their group; the secretariat never does. */
export function votesIn(grants: readonly Grant[], forum: string, group: string): Grant | undefined {
  return grants.find((g) => g.forum === forum && g.group === group && (g.role === 'member' || g.role === 'chair'));
}

/** An invited guest of the group: reads and comments, never votes. */
export function guestIn(grants: readonly Grant[], forum: string, group: string): Grant | undefined {
  return grants.find((g) => g.forum === forum && g.group === group && g.role === 'guest');
}

export function chairOf(grants: readonly Grant[], forum: string, group: string): Grant | undefined {
  return grants.find((g) => g.forum === forum && g.group === group && g.role === 'chair');
}
