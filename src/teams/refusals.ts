import { ConcurrencyError } from '../storage/tables';
import { RefusedError } from '../storage/reports';
import type { AdaptiveCard } from './cards/render';
import type { Turn } from './turn';
import type { MessageKey } from '../domain/i18n';
import { renderCard } from './cards/render';

/** A rule's "no" as a card in the user's language; undefined for real failures. Nothing was written. */
export function refusalOf(turn: Turn, err: unknown): AdaptiveCard | undefined {
  if (err instanceof Refusal) return refusalCard(turn, err.key, err.params);
  if (err instanceof RefusedError) return refusalCard(turn, err.refusal.key, err.refusal.params);
  if (err instanceof ConcurrencyError) return refusalCard(turn, 'conflict');
  return undefined;
}

/** A refusal shown in place of the pressed card, in the user's language. */
export class Refusal extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params?: Record<string, string | number>,
  ) {
    super(key);
  }
}

/** A short card with the refusal's text, in place of the pressed card. */
export function refusalCard(turn: Turn, key: MessageKey, params?: Record<string, string | number>): AdaptiveCard {
  return renderCard('message', { title: turn.t('help.title'), text: turn.t(key, params), color: 'Default', actions: [] });
}
