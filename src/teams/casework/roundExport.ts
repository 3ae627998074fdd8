import { EXPORT_FORMATS } from '../../export/links';
import { renderCard } from '../cards/render';
import { formatTime } from './caseCard';
import { personOf } from '../caller';
import { pickRound, roundOfData, requireCaseworker } from './load';
import { action } from '../cards/action';
import type { ActionHandler } from '../actions/types';

/**
 * `export.round` (typed: `eksport [år]` / `export [year]`): download links for the round's
 * spreadsheet, signed for this officer and short-lived. Nothing is built until a link is opened.
 */
export const roundExport: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const round = typeof data.roundId === 'string' ? await roundOfData(turn, data) : await pickRound(turn, typeof data.which === 'string' ? data.which : '');
  const person = personOf(turn);
  const { t, locale } = turn;
  const links = EXPORT_FORMATS.map((format) => ({ format, ...turn.services.exportLinks.sign({ roundId: round.id, format, ...person }) }));
  const expiresAt = links[0].expiresAt.toISOString();
  return {
    card: renderCard('download', {
      title: t('export.title', { year: round.year }),
      text: t('export.text', { time: formatTime(expiresAt, locale), count: Math.round(turn.services.exportLinks.ttlMs / 60_000) }),
      links: links.map((l) => ({ title: t(l.format === 'xlsx' ? 'export.xlsx' : 'export.csv'), url: l.url })),
      actions: [action(t('export.again'), 'export.round', { roundId: round.id })],
    }),
  };
};
