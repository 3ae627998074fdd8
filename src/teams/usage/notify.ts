import { formatDate, formatNok, type Locale, type Translate } from '../../domain/i18n';
import type { UnusedDecision } from '../../domain/usage';
import { formatSchoolYear } from '../../domain/report';
import type { UsageRecord } from '../../storage/usageReports';
import { action } from '../cards/action';
import { cardMessage } from '../cards/attach';
import { renderCard } from '../cards/render';
import { recipient } from '../scheduler/officers';
import type { Services } from '../services';
import type { UsageCase } from './load';

/**
 * What the owner's people (the filer and current colleagues) are told about a usage report, each in
 * their own language, through the outbox under `<key>:<tenant>:<aad>`: a retried press sends
 * nothing twice, and everyone gets their own message.
 */
async function toOwner(services: Services, c: UsageCase, key: string, build: (t: Translate, locale: Locale) => { title: string; text: string; color: string }) {
  const ids = { roundId: c.round.id, reportId: c.report.id, schoolYear: c.schoolYear };
  for (const person of await services.ownerPeople.audience(c.report.summary.ownerOrgnr, c.report.createdBy)) {
    const to = await recipient(services, person);
    if (!to) continue;
    const card = renderCard('message', { ...build(to.t, to.locale), actions: [action(to.t('usage.notify.open'), 'usage.open', ids)] });
    await services.deliver({ kind: 'personal', key: `${key}:${person.tenantId}:${person.aadObjectId}`, ...person, activity: cardMessage(card) });
  }
}

/** Returned with the officer's comment; one message per return (the history's length tells them apart). */
export function tellUsageReturned(services: Services, c: UsageCase, usage: UsageRecord, comment: string): Promise<void> {
  return toOwner(services, c, `usage-returned:${c.report.id}:${c.schoolYear}:${usage.history.length}`, (t) => ({
    title: t('usage.notify.returned.title', { reference: c.report.reference }),
    text: t('usage.notify.returned.text', { schoolYear: formatSchoolYear(c.schoolYear), comment }),
    color: 'Attention',
  }));
}

export function tellUsageAccepted(services: Services, c: UsageCase): Promise<void> {
  return toOwner(services, c, `usage-accepted:${c.report.id}:${c.schoolYear}`, (t) => ({
    title: t('usage.notify.accepted.title', { reference: c.report.reference }),
    text: t('usage.notify.accepted.text', { schoolYear: formatSchoolYear(c.schoolYear) }),
    color: 'Good',
  }));
}

/** The secretariat's decision on unused money: carried over into the next school year, or to be repaid by a day. */
export function tellUnusedDecided(services: Services, c: UsageCase, d: UnusedDecision): Promise<void> {
  return toOwner(services, c, `usage-unused:${c.report.id}:${c.schoolYear}`, (t, locale) => ({
    title: t('unused.notify.title', { reference: c.report.reference, schoolYear: formatSchoolYear(c.schoolYear) }),
    text:
      d.plan === 'carryOver'
        ? t('unused.notify.carryOver', { amount: formatNok(d.amount, locale), schoolYear: formatSchoolYear(c.schoolYear + 1) })
        : t('unused.notify.repay', { amount: formatNok(d.amount, locale), due: formatDate(d.dueDay!, locale) }),
    color: 'Default',
  }));
}

/** An officer opened the report before its school year ended: the owner's people may send it now. */
export function tellUsageOpenedEarly(services: Services, c: UsageCase): Promise<void> {
  return toOwner(services, c, `usage-early:${c.report.id}:${c.schoolYear}`, (t) => ({
    title: t('usage.early.notify.title', { reference: c.report.reference }),
    text: t('usage.early.notify.text', { schoolYear: formatSchoolYear(c.schoolYear) }),
    color: 'Good',
  }));
}
