import { translator, type Locale } from '../../src/domain/i18n';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import type { Round } from '../../src/domain/round';
import type { WizardView } from '../../src/teams/wizard/view';
import { GOOD_INPUT } from './reportInput';

/** An open round for rendering wizard cards without a bot. */
export const OPEN_ROUND: Round = {
  id: 'r2027',
  year: 2027,
  counties: ['akershus'],
  deadline: '2027-02-01T22:59:00.000Z',
  status: 'open',
  budgets: {},
  createdAt: '2026-10-01T00:00:00Z',
};

export const wizardView = (locale: Locale): WizardView => ({ t: translator(locale), locale, regions: DEFAULT_REGIONS, round: OPEN_ROUND });

/** GOOD_INPUT of every step as the text a step card's inputs show. */
export const GOOD_VALUES: Record<string, string> = Object.fromEntries(
  Object.values(GOOD_INPUT).flatMap((step) => Object.entries(step).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v === undefined ? '' : String(v)])),
);
