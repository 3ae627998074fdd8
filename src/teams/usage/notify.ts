import type { Translate } from '../../domain/i18n';
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
async function toOwner(services: Services, c: UsageCase, key: string, build: (t: Translate) => { title: string; text: string; color: string }) {
  const ids = { roundId: c.round.id, reportId: c.report.id, schoolYear: c.schoolYear };
  for (const person of await services.ownerPeople.audience(c.report.summary.ownerOrgnr, c.report.createdBy)) {
    const to = await recipient(services, person);
    if (!to) continue;
    const card = renderCard('message', { ...build(to.t), actions: [action(to.t('usage.notify.open'), 'usage.open', ids)] });
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
