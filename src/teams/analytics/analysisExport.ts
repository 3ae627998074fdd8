import { analysisClaim } from '../../export/analysisExport';
import { personOf } from '../caller';
import { action } from '../cards/action';
import { renderCard } from '../cards/render';
import { formatTime } from '../casework/caseCard';
import type { ActionHandler } from '../actions/types';
import { chosenAnalysis } from './chosen';

/**
 * `analysis.export`: download links for the chosen analysis, signed for the caller and short-lived:
 * the workbook (one sheet per view) and one CSV per view. The figures are read when a link is opened.
 */
export const analysisExport: ActionHandler = async (turn, data) => {
  const { t, locale, services } = turn;
  const { rounds, choice, chosen, analysis } = await chosenAnalysis(turn, data);
  const person = personOf(turn);
  const sign = (format: 'xlsx' | 'csv', view: Parameters<typeof analysisClaim>[1]) =>
    services.exportLinks.sign({ roundId: chosen.at(-1)?.id ?? rounds[0].id, format, ...person, analysis: analysisClaim(choice, view) });
  const workbook = sign('xlsx', '');
  const links = [
    { title: t('analysis.export.xlsx'), url: workbook.url },
    ...analysis.views.map((v) => ({ title: t('analysis.export.csv', { view: t(`analysis.sheet.${v.id}`) }), url: sign('csv', v.id).url })),
  ];
  return {
    card: renderCard('download', {
      title: t('analysis.export.title'),
      text: t('analysis.export.text', { time: formatTime(workbook.expiresAt.toISOString(), locale), count: Math.round(services.exportLinks.ttlMs / 60_000) }),
      links,
      actions: [action(t('analysis.show'), 'analysis.show', { ...choice })],
    }),
  };
};
