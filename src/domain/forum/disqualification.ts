/**
 * Public Administration Act § 6: a member whose own organisation is the report's owner, one of
 * the owners in its network, or its university partner may not take part in deciding it.
 */

export type DisqualificationReason = 'owner' | 'network' | 'uh';

export interface ItemParties {
  ownerOrgnr: string;
  networkOrgnrs: readonly string[];
  uhOrgnr?: string;
}

export interface Disqualification {
  reason: DisqualificationReason;
  orgnr: string;
}

/** The first of the member's organisations that ties them to the item, owner before network before partner. */
export function disqualificationOf(memberOrgs: readonly string[], item: ItemParties): Disqualification | undefined {
  const mine = new Set(memberOrgs);
  if (mine.has(item.ownerOrgnr)) return { reason: 'owner', orgnr: item.ownerOrgnr };
  const network = item.networkOrgnrs.find((o) => mine.has(o));
  if (network) return { reason: 'network', orgnr: network };
  if (item.uhOrgnr && mine.has(item.uhOrgnr)) return { reason: 'uh', orgnr: item.uhOrgnr };
  return undefined;
}
