import { pickLocale, translator, type Locale, type Translate } from '../../domain/i18n';
import { SECRETARIAT_GROUP, type Person } from '../../domain/roles';
import type { Services } from '../services';

export interface Recipient {
  person: Person;
  locale: Locale;
  t: Translate;
}

/** Someone the bot can write to in personal chat, in the language their Teams uses. */
export async function recipient(services: Services, person: Person): Promise<Recipient | undefined> {
  const ref = await services.references.personal(person.tenantId, person.aadObjectId);
  if (!ref || ref.stale) return undefined;
  const locale = pickLocale(ref.locale ?? ref.ref.locale);
  return { person, locale, t: translator(locale) };
}

/**
 * The forum's secretariat officers who have the app in personal chat. Officers from
 * configuration are stored (with their tenant) the first time they use a secretariat command.
 */
export async function officerRecipients(services: Services): Promise<Recipient[]> {
  const grants = await services.roles.inGroup(services.regions.id, SECRETARIAT_GROUP);
  const out: Recipient[] = [];
  for (const g of grants) {
    const r = await recipient(services, g.person);
    if (r) out.push(r);
    else services.logger.debug('officer has no personal chat with the bot', { forum: g.forum });
  }
  return out;
}
