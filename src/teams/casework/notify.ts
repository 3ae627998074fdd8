import { formatSchoolYear, type NeedsReport } from '../../domain/report';
import { formatDate, formatNok, type Locale, type Translate } from '../../domain/i18n';
import { usageDueOf, type Round } from '../../domain/round';
import { paidYearOf, usageDeadline, usageOpensDay } from '../../domain/usage';
import type { ReportRecord } from '../../storage/reports';
import { cardMessage } from '../cards/attach';
import { renderCard } from '../cards/render';
import type { Services } from '../services';
import type { Turn } from '../turn';
import { action } from '../cards/action';
import { recipient } from '../scheduler/officers';
import { decisionNoticeCard, noticeYears } from './decisionNotice';

/**
 * What owners are told proactively about their report, in their own language (from their
 * installed chat), always through the outbox with a key that makes a retry send nothing twice.
 */

/**
 * Sends one card to each of the owner's people (OwnerPeople.audience: its current confirmed people,
 * and the filer unless removed), each in their own language, under `<key>:<tenant>:<aad>`: everyone
 * gets their own message and a retry sends nothing twice.
 */
export async function toOwnerPeople(
  services: Services,
  report: ReportRecord<unknown> & { summary: { ownerOrgnr: string } },
  key: string,
  build: (locale: Locale, t: Translate) => ReturnType<typeof renderCard>,
): Promise<number> {
  let sent = 0;
  for (const person of await services.ownerPeople.audience(report.summary.ownerOrgnr, report.createdBy)) {
    const to = await recipient(services, person);
    if (!to) continue;
    await services.deliver({
      kind: 'personal',
      key: `${key}:${person.tenantId}:${person.aadObjectId}`,
      ...person,
      activity: cardMessage(build(to.locale, to.t)),
    });
    sent++;
  }
  return sent;
}

/** A returned report: the officer's comment and a button straight to the report to fix it. */
export async function tellReturned(services: Services, report: ReportRecord<NeedsReport>, comment: string): Promise<void> {
  // One message per return: the history length tells a second return of the same report apart.
  await toOwnerPeople(services, report, `returned:${report.id}:${report.history.length}`, (_, t) =>
    renderCard('message', {
      title: t('notify.returned.title', { reference: report.reference }),
      color: 'Attention',
      text: t('notify.returned.text', { title: report.summary.title, comment }),
      actions: [action(t('notify.open'), 'report.open', { reportId: report.id })],
    }),
  );
}

/**
 * The decision notice (an individual decision, DOMAIN.md section 5): the decision and this school
 * year's amount, later years as commitments, the reason where it departs from the forum, the
 * conditions and the right to appeal; to every one of the owner's people.
 */
export async function tellDecision(turn: Pick<Turn, 'services'>, report: ReportRecord<NeedsReport>, round: Round): Promise<void> {
  if (!report.decision) return;
  await toOwnerPeople(turn.services, report, `decision:${report.id}`, (locale, t) => decisionNoticeCard(turn.services, { locale, t }, report, round));
}

/** The payment, with the usage report's due date and a button straight to it (the promise the text makes). */
export async function tellPaid(services: Services, report: ReportRecord<NeedsReport>, round: Round): Promise<void> {
  const schoolYear = paidYearOf(report, round.year);
  await toOwnerPeople(services, report, `paid:${report.id}:${schoolYear}`, (locale, t) =>
    paidCard(locale, t, report, round, schoolYear, services.now().toISOString().slice(0, 10)),
  );
}

function paidCard(locale: Locale, t: Translate, report: ReportRecord<NeedsReport>, round: Round, schoolYear: number, today: string) {
  const due = formatDate(usageDeadline(schoolYear, usageDueOf(round)), locale);
  const opens = usageOpensDay(schoolYear);
  const later = noticeYears(report, round.year).later.filter((y) => y.schoolYear > schoolYear);
  // What is still to come (DOMAIN.md: usage report per paid school year; later years decided and paid in their own rounds).
  const next = [
    t(opens > today ? 'notify.paid.report' : 'notify.paid.reportOpen', {
      schoolYear: formatSchoolYear(schoolYear),
      opens: formatDate(opens, locale),
      button: t('usage.button'),
    }),
    later.length > 0
      ? t('notify.paid.later', { years: later.map((y) => `${formatSchoolYear(y.schoolYear)}: ${formatNok(y.amount, locale)}`).join(' · ') })
      : t('notify.paid.last'),
  ];
  return renderCard('message', {
    title: t('notify.paid.title', { reference: report.reference }),
    color: 'Good',
    text: [
      t('notify.paid.text', { amount: formatNok(report.payment?.amount ?? report.decision?.total ?? 0, locale), title: report.summary.title, due }) +
        (report.payment?.schoolYear ? ` (${t('money.paidYear', { schoolYear: formatSchoolYear(report.payment.schoolYear) })})` : '') +
        (report.payment?.carriedOver ? ` ${t('unused.paidWith', { amount: formatNok(report.payment.carriedOver, locale) })}` : ''),
      ...next,
      // One paragraph a line (cards/literal.ts).
    ].join('\n'),
    actions: [
      action(t('usage.button'), 'usage.open', { roundId: round.id, reportId: report.id, schoolYear }, { style: 'positive' }),
      action(t('notify.show'), 'report.open', { reportId: report.id }),
    ],
  });
}
