import type { ClaimStatus } from '../../domain/colleagues';
import { formatDate } from '../../domain/i18n';
import type { PersonKey } from '../../storage/keys';
import { action } from '../cards/action';
import type { Section } from '../secretariat/cards';
import type { Turn } from '../turn';

/** A claim on an owner as the secretariat's cards show it (the list, and the case card of the filer's report). */
export interface ClaimView {
  orgnr: string;
  person: PersonKey;
  displayName?: string;
  at?: string;
  reference?: string;
  status: ClaimStatus;
  decidedAt?: string;
  /** The owner's first and only claim: accepting the report confirms it (rule c). */
  auto?: boolean;
}

/** How a claimant is named: their Teams name when they filed, else their user id. */
export const claimantName = (c: { person: PersonKey; displayName?: string }) => c.displayName ?? c.person.aadObjectId;

/**
 * One claim: who, from which organisation, what they filed, where it stands, with Confirm; and, while
 * it is undecided, a second line with Reject. `caseIds` brings the officer back to the case card.
 */
export function claimSections(turn: Turn, c: ClaimView, title: string, caseIds?: { roundId: string; reportId: string }): Section[] {
  const { t, locale } = turn;
  const ref = { orgnr: c.orgnr, tenantId: c.person.tenantId, aadObjectId: c.person.aadObjectId, ...caseIds };
  const status =
    c.status === 'rejected'
      ? t('claims.status.rejected', { date: c.decidedAt ? formatDate(c.decidedAt, locale) : '' })
      : c.auto
        ? t('claims.status.auto')
        : t('claims.status.pending');
  const filed = [c.at ? formatDate(c.at, locale) : '', c.reference ?? ''].filter(Boolean).join(', ');
  const sections: Section[] = [
    {
      title,
      facts: [
        { title: t('claims.fact.person'), value: `${c.person.aadObjectId} · ${c.person.tenantId}` },
        ...(filed ? [{ title: t('claims.fact.filed'), value: filed }] : []),
        { title: t('claims.fact.status'), value: status },
      ],
      button: action(t('claims.confirmButton'), 'claims.confirm', ref),
    },
  ];
  if (c.status === 'pending') sections.push({ title: t('claims.rejectSection'), facts: [], button: action(t('claims.rejectButton'), 'claims.reject', ref) });
  return sections;
}

/** A Section in the `summary` template's own shape, for cards that render it directly (the case card). */
export function templateSection(s: Section) {
  return {
    title: s.title,
    facts: s.facts,
    text: s.text ?? '',
    errors: [] as string[],
    editVerb: s.button?.verb ?? '',
    editTitle: s.button?.title ?? '',
    editData: s.button?.data ?? {},
  };
}
