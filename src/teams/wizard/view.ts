import type { Locale, Translate } from '../../domain/i18n';
import type { RegionConfig } from '../../domain/regions';
import type { Round } from '../../domain/round';
import type { PriorityArea } from '../../domain/forum/plan';

/** What every wizard card needs to know about the person and the round. */
export interface WizardView {
  t: Translate;
  locale: Locale;
  regions: RegionConfig;
  round: Round;
  /** Set when the wizard edits a submitted report. */
  editing?: { reference: string };
  /** The priority areas of the report's forum (its region's), when the forum's plan has any. */
  areas?: readonly PriorityArea[];
}
