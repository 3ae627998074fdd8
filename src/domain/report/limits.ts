/**
 * Size limits of a needs report, in one place so cards can set the same `maxLength` the schema
 * enforces. Text limits count characters as a person does; lists count lines.
 */
export const LIMITS = {
  ownerName: 200,
  contactName: 200,
  title: 120,
  needAndGoal: 4000,
  themeOther: 200,
  uhName: 200,
  uhContact: 200,
  orgName: 200,
  network: { maxLines: 100, maxChars: 10_000 },
  units: { maxLines: 500, maxChars: 30_000 },
  unitCount: { min: 1, max: 2_000 },
  participants: { min: 1, max: 50_000 },
  /** Per amount field (owner's share, UH's share, own contribution), whole NOK. */
  amount: { min: 0, max: 50_000_000 },
  years: { min: 1, max: 3 },
} as const;

export const MAX_YEARS = LIMITS.years.max;
