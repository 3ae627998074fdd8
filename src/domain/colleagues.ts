import { z } from 'zod';
import type { MessageKey } from './i18n';
import { checkOrgnr } from './orgnr';

/**
 * The people linked to an owner organisation (DOMAIN §6): whoever filed its first report, and the
 * colleagues they or the secretariat add. Pure rules and the card inputs' schemas; no I/O.
 */

/** Tenant and AAD object ids are GUIDs; stored in lower case, so a pasted upper-case id is the same person. */
export const Guid = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((s) => s.toLowerCase());

/** An org. number as card data carries it: 9 digits with a valid MOD11 check digit. */
export const Orgnr = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const c = checkOrgnr(s);
    if (!c.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom });
      return z.NEVER;
    }
    return c.orgnr;
  });

/** The owner a colleague card is about. */
export const OwnerRef = z.object({ orgnr: Orgnr });

/** One linked person, named on a Remove button. */
export const LinkRef = z.object({ orgnr: Orgnr, tenantId: Guid, aadObjectId: Guid });
export type LinkRef = z.infer<typeof LinkRef>;

export const MAX_NAME = 200;

/** What the add form sends: a person picked in Teams' people picker, or the ids pasted, and an optional name. */
const Text = z.string().max(1000).catch('');
export const AddInput = z.object({ person: Text, aadObjectId: Text, tenantId: Text, displayName: Text });
export type AddValues = z.infer<typeof AddInput>;

export type AddErrors = Partial<Record<'aadObjectId' | 'tenantId' | 'displayName', MessageKey>>;

/**
 * The person to add. The people picker's value is the chosen user's AAD object id in the caller's
 * own organisation (Teams searches the caller's directory), so the tenant is the caller's; pasted
 * ids must both be GUIDs. Errors name the field to fix; the values typed are the caller's to keep.
 */
export function parseAdd(
  values: AddValues,
  callerTenant: string,
): { ok: true; person: { tenantId: string; aadObjectId: string }; displayName?: string } | { ok: false; errors: AddErrors } {
  const displayName = values.displayName.replace(/\s+/g, ' ').trim();
  const errors: AddErrors = {};
  if (displayName.length > MAX_NAME) errors.displayName = 'colleagues.error.nameLong';
  const picked = values.person.trim();
  let person: { tenantId: string; aadObjectId: string } | undefined;
  if (picked && !values.aadObjectId.trim()) {
    const aad = Guid.safeParse(picked);
    const tenant = Guid.safeParse(callerTenant);
    if (aad.success && tenant.success) person = { tenantId: tenant.data, aadObjectId: aad.data };
    else errors.aadObjectId = 'colleagues.error.picked';
  } else {
    const aad = Guid.safeParse(values.aadObjectId);
    const tenant = Guid.safeParse(values.tenantId);
    if (!values.aadObjectId.trim()) errors.aadObjectId = 'colleagues.error.nobody';
    else if (!aad.success) errors.aadObjectId = 'colleagues.error.aadObjectId';
    if (!values.tenantId.trim()) errors.tenantId = 'colleagues.error.tenantMissing';
    else if (!tenant.success) errors.tenantId = 'colleagues.error.tenantId';
    if (aad.success && tenant.success) person = { tenantId: tenant.data, aadObjectId: aad.data };
  }
  if (!person || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, person, ...(displayName ? { displayName } : {}) };
}

/** Who acts on an owner's people: someone linked to it, or an officer (for any owner). */
export type Manager = 'linked' | 'officer';

/**
 * An owner always keeps someone who may act for it: only an officer removes the last linked person
 * (for instance when that person has left the organisation).
 */
export function mayRemove(args: { manager: Manager; linkedCount: number }): { ok: true } | { ok: false; key: MessageKey } {
  if (args.linkedCount <= 1 && args.manager !== 'officer') return { ok: false, key: 'colleagues.error.last' };
  return { ok: true };
}

/**
 * The most people linked to one owner at a time. A municipality's team of contact people is a
 * handful; the cap keeps the colleagues card a few pages long and the owner's index rows bounded.
 */
export const MAX_COLLEAGUES = 50;

/** Whether one more person may be linked to an owner that has `linkedCount` now. */
export function mayAdd(linkedCount: number): { ok: true } | { ok: false; key: MessageKey; params: { max: number } } {
  return linkedCount >= MAX_COLLEAGUES ? { ok: false, key: 'colleagues.error.full', params: { max: MAX_COLLEAGUES } } : { ok: true };
}

/**
 * Where a person stands with an owner (README "Colleagues", docs/security.md "Owner-claim rule"):
 * `confirmed` people act for the owner (all its reports, its colleagues); a `pending` claim (made by
 * filing) gives only the reports the person filed; a `rejected` claim leaves those read-only.
 */
export type ClaimStatus = 'pending' | 'confirmed' | 'rejected';

/** Confirmed and not removed: one of the owner's people. */
export const isConfirmed = (l: { status?: ClaimStatus; removedAt?: string }) => l.status === 'confirmed' && !l.removedAt;

/** What the audit trail records of each change. */
export type LinkAction = 'registered' | 'added' | 'removed' | 'claimed' | 'confirmed' | 'rejected' | 'autoConfirmed' | 'migrated';

/**
 * Statuses a report reaches only once the secretariat accepted it (formal check passed, or later):
 * the secretariat has looked at the filer's report. Returned, withdrawn and unchecked ones have not.
 */
export function acceptedBySecretariat(history: ReadonlyArray<{ to: string }>): boolean {
  return history.some((h) => h.to === 'formally_checked');
}
