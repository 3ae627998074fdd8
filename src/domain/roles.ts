import { z } from 'zod';

/**
 * Who may do what, per forum (one County Governor's cooperation forum and its working groups).
 * A person is tenant + AAD object id, never a name. The secretariat runs the round and has no
 * vote; members (and the chair) of a working group or of the forum itself vote there.
 */
export const ROLES = ['secretariat', 'member', 'chair'] as const;
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

export function chairOf(grants: readonly Grant[], forum: string, group: string): Grant | undefined {
  return grants.find((g) => g.forum === forum && g.group === group && g.role === 'chair');
}
