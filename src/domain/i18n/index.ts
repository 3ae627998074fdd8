import { lookup, type Catalog, type Params } from './catalog';
import type { Locale } from './locale';
import type { PluralBase } from './plural';
import { commonMessages } from './messages/common';
import { wizardMessages } from './messages/wizard';
import { reportMessages } from './messages/report';
import { deliveryMessages } from './messages/delivery';
import { secretariatMessages } from './messages/secretariat';
import { caseworkMessages } from './messages/casework';
import { forumMessages } from './messages/forum';
import { forumRuleMessages } from './messages/forumRules';
import { forumFollowUpMessages } from './messages/forumFollowUp';
import { deviationMessages } from './messages/deviation';
import { moneyMessages } from './messages/money';
import { limitMessages } from './messages/limits';
import { privacyMessages } from './messages/privacy';
import { colleagueMessages } from './messages/colleagues';
import { claimMessages } from './messages/claims';
import { continuationMessages } from './messages/continuation';
import { announceMessages } from './messages/announce';
import { usageMessages } from './messages/usage';
import { roundUsageDueMessages } from './messages/roundUsageDue';
import { usageCaseMessages } from './messages/usageCase';
import { filingMessages } from './messages/filing';
import { privacyTrailMessages } from './messages/privacyTrail';
import { cardSizeMessages } from './messages/cardSize';
import { noticeMessages } from './messages/notices';
import { ledgerMessages } from './messages/ledger';
import { forumsMessages } from './messages/forums';
import { jobMessages } from './messages/jobs';
import { analyticsMessages } from './messages/analytics';
import { needsMessages } from './messages/needs';
import { cardMessages } from './messages/cards';
import { appealStoryMessages } from './messages/appealStory';
import { bulkBudgetMessages } from './messages/bulkBudget';

export * from './locale';
export { defineMessages, interpolate, type Catalog, type Params } from './catalog';
export { pluralCategory, type PluralCategory } from './plural';

// Every area's catalog, merged. Add a new area here with one line.
const catalogs = [
  commonMessages,
  reportMessages,
  wizardMessages,
  deliveryMessages,
  secretariatMessages,
  caseworkMessages,
  forumMessages,
  forumRuleMessages,
  forumFollowUpMessages,
  deviationMessages,
  moneyMessages,
  privacyMessages,
  limitMessages,
  colleagueMessages,
  claimMessages,
  continuationMessages,
  announceMessages,
  usageMessages,
  roundUsageDueMessages,
  usageCaseMessages,
  filingMessages,
  privacyTrailMessages,
  cardSizeMessages,
  noticeMessages,
  ledgerMessages,
  forumsMessages,
  jobMessages,
  analyticsMessages,
  needsMessages,
  cardMessages,
  appealStoryMessages,
  bulkBudgetMessages,
] as const;

type KeysOf<C> = C extends Catalog<infer K> ? K : never;
type CatalogKey = KeysOf<(typeof catalogs)[number]>;
/** A counted text's base key: `t('x', { count })` picks `x.one` or `x.other`. */
export type PluralKey = PluralBase<CatalogKey>;
export type MessageKey = CatalogKey | PluralKey;

const merged = {
  nb: Object.assign({}, ...catalogs.map((c) => c.nb)),
  nn: Object.assign({}, ...catalogs.map((c) => c.nn)),
  en: Object.assign({}, ...catalogs.map((c) => c.en)),
} as Catalog<CatalogKey>;

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => lookup(merged, locale, key as CatalogKey, params);
}
