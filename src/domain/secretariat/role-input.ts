import { orgnrProblemKey, orgnrProblemParams } from '../report/card-input';
import type { Problem } from '../report/problems';
import { checkOrgnr } from '../orgnr';
import type { Person } from '../roles';

/** Tenant and AAD object ids are GUIDs; anything else pasted is a mistake worth naming. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const MAX_ORGANISATIONS = 20;

export function parseId(raw: unknown): { ok: true; id: string } | { ok: false; problem: Problem } {
  const s = typeof raw === 'string' ? raw.trim() : '';
  if (!s) return { ok: false, problem: { key: 'report.error.required' } };
  if (!GUID.test(s)) return { ok: false, problem: { key: 'roles.error.id' } };
  return { ok: true, id: s.toLowerCase() };
}

/** "tenant|aad" from a member ChoiceSet. */
export function parsePersonChoice(raw: unknown): Person | undefined {
  if (typeof raw !== 'string' || raw.length > 200) return undefined;
  const [tenantId, aadObjectId, extra] = raw.split('|');
  if (extra !== undefined || !GUID.test(tenantId ?? '') || !GUID.test(aadObjectId ?? '')) return undefined;
  return { tenantId: tenantId.toLowerCase(), aadObjectId: aadObjectId.toLowerCase() };
}

/**
 * Organisation numbers, one per line (commas and semicolons also separate): each checked with
 * MOD11, duplicates dropped, at most MAX_ORGANISATIONS.
 */
export function parseOrganisations(raw: unknown): { ok: true; orgnrs: string[] } | { ok: false; problem: Problem } {
  if (raw !== undefined && raw !== null && typeof raw !== 'string') return { ok: false, problem: { key: 'report.error.wrongType' } };
  const text = (raw ?? '') as string;
  if (text.length > 2000) return { ok: false, problem: { key: 'roles.error.tooManyOrgs', params: { max: MAX_ORGANISATIONS } } };
  const parts = text
    .split(/[\n\r,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const part of parts) {
    const c = checkOrgnr(part);
    if (!c.ok) return { ok: false, problem: { key: orgnrProblemKey(c), params: orgnrProblemParams(c) } };
    if (!out.includes(c.orgnr)) out.push(c.orgnr);
  }
  if (out.length > MAX_ORGANISATIONS) return { ok: false, problem: { key: 'roles.error.tooManyOrgs', params: { max: MAX_ORGANISATIONS } } };
  return { ok: true, orgnrs: out };
}
