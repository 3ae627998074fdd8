import type { Continuation } from '../../domain/money/continuation';
import { formatNok, type Locale, type Translate } from '../../domain/i18n';
import { formatSchoolYear, statusLabelKey } from '../../domain/report';

/** "Videreføring, år 2 av 3": the mark of a continuation on agendas, cards and lists. */
export const continuationMarker = (t: Translate, c: Continuation) => t('continuation.marker', { year: c.year, of: c.of });

/** The earlier years' decisions, one line each: "2027–2028 (BM-2027-0001): Innvilget, innvilget 1 250 000 kr, utbetalt 1 250 000 kr". */
export function earlierLines(t: Translate, locale: Locale, c: Continuation): string[] {
  return c.earlier.map((e) =>
    t('continuation.earlierLine', {
      schoolYear: formatSchoolYear(e.schoolYear),
      reference: e.reference,
      outcome: t(statusLabelKey(e.outcome)),
      granted: formatNok(e.granted, locale),
      paid: e.paid !== undefined ? t('continuation.paid', { amount: formatNok(e.paid, locale) }) : t('continuation.notPaid'),
    }),
  );
}

/** A continuation's facts on an agenda item, a voting card or a case card: which year, from which report, and the years before. */
export function continuationFacts(t: Translate, locale: Locale, c: Continuation | undefined): Array<{ title: string; value: string }> {
  if (!c) return [];
  return [
    { title: t('continuation.fact'), value: t('continuation.factValue', { year: c.year, of: c.of, reference: c.originReference }) },
    { title: t('continuation.earlier'), value: earlierLines(t, locale, c).join('\n') },
  ];
}
