import { ConcurrencyError } from '../storage/tables';
import { RefusedError } from '../storage/reports';
import type { AdaptiveCard } from './cards/render';
import type { Turn } from './turn';
import { Refusal, refusalCard } from './wizard/session';

/** A rule's "no" as a card in the user's language; undefined for real failures. Nothing was written. */
export function refusalOf(turn: Turn, err: unknown): AdaptiveCard | undefined {
  if (err instanceof Refusal) return refusalCard(turn, err.key, err.params);
  if (err instanceof RefusedError) return refusalCard(turn, err.refusal.key, err.refusal.params);
  if (err instanceof ConcurrencyError) return refusalCard(turn, 'conflict');
  return undefined;
}
