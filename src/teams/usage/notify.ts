import { pickLocale, translator } from '../../domain/i18n';
import { formatSchoolYear } from '../../domain/report';
import type { UsageRecord } from '../../storage/usageReports';
import { action } from '../cards/action';
import { cardMessage } from '../cards/attach';
import { renderCard } from '../cards/render';
import type { Services } from '../services';
import type { UsageCase } from './load';

/**
 * What the owner's contact is told about their usage report, in their own language, through the
 * outbox under a key that makes a retried press send nothing twice.
 */
async function toOwner(
  services: Services,
  c: UsageCase,
  key: string,
  build: (t: ReturnType<typeof translator>) => { title: string; text: string; color: string },
) {
  const who = c.report.createdBy;
  const chat = await services.references.personal(who.tenantId, who.aadObjectId);
  const t = translator(pickLocale(chat?.locale));
  const ids = { roundId: c.round.id, reportId: c.report.id, schoolYear: c.schoolYear };
  const card = renderCard('message', { ...build(t), actions: [action(t('usage.notify.open'), 'usage.open', ids)] });
  await services.deliver({ kind: 'personal', key, tenantId: who.tenantId, aadObjectId: who.aadObjectId, activity: cardMessage(card) });
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
