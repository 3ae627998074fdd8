import type { Outcome } from './decision';
import type { ReportStatus } from './report/lifecycle';

/**
 * Statsforvalteren normally follows the forum's recommendation; a decision against it needs a
 * reason the owner sees (DOMAIN.md section 5, "Deviation"). Granting, fully or partly, what the
 * forum did not prioritise, or rejecting what it prioritised, is a deviation.
 */
export type Recommended = 'prioritised' | 'not_prioritised';

export function recommendedOf(status: ReportStatus): Recommended | undefined {
  return status === 'prioritised' || status === 'not_prioritised' ? status : undefined;
}

export function deviates(recommended: Recommended | undefined, outcome: Outcome): boolean {
  if (recommended === 'not_prioritised') return outcome !== 'rejected';
  if (recommended === 'prioritised') return outcome === 'rejected';
  return false;
}
