import type { Locale, Translate } from '../../domain/i18n';
import type { RegionConfig } from '../../domain/regions';
import type { Round } from '../../domain/round';

/** What every wizard card needs to know about the person and the round. */
export interface WizardView {
  t: Translate;
  locale: Locale;
  regions: RegionConfig;
  round: Round;
  /** Set when the wizard edits a submitted report. */
  editing?: { reference: string };
}

export type CardAction = { title: string; verb: string; data: Record<string, unknown>; inputs?: 'auto' | 'none'; style?: 'default' | 'positive' | 'destructive' };

export function action(title: string, verb: string, data: Record<string, unknown>, opts: { inputs?: 'auto' | 'none'; style?: CardAction['style'] } = {}): CardAction {
  return { title, verb, data: { verb, ...data }, inputs: opts.inputs ?? 'none', style: opts.style ?? 'default' };
}
