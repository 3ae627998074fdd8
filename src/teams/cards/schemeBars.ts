import { formatNok, type Locale, type MessageKey, type Translate } from '../../domain/i18n';
import { schemeName } from '../../domain/schemes';
import { percentText, type Bar } from '../../domain/secretariat/overview';
import { BAR_COLOURS } from './barColours';

/** The texts of one kind of bar: no budget set, beyond the budget, within it; `amount` names the placeholder. */
export interface BarTexts {
  amount: 'requested' | 'granted';
  noBudget: MessageKey;
  over: MessageKey;
  within: MessageKey;
}

/**
 * One bar per scheme as the overview and results templates draw it (column weights within, over
 * and free), with the same in words under it.
 */
export function schemeBars(
  t: Translate,
  locale: Locale,
  schemes: ReadonlyArray<{ key: string; amount: number; budget: number; count: number; bar: Bar }>,
  texts: BarTexts,
): Array<{ name: string; within: number; over: number; free: number; line: string; colours: typeof BAR_COLOURS }> {
  const nok = (n: number) => formatNok(n, locale);
  return schemes.map((s) => ({
    name: schemeName(t, s.key),
    within: s.bar.within,
    over: s.bar.over,
    free: s.bar.free,
    colours: BAR_COLOURS,
    line:
      s.budget === 0
        ? t(texts.noBudget, { [texts.amount]: nok(s.amount), count: s.count })
        : s.amount > s.budget
          ? t(texts.over, { [texts.amount]: nok(s.amount), over: nok(s.amount - s.budget), budget: nok(s.budget), count: s.count })
          : t(texts.within, { [texts.amount]: nok(s.amount), budget: nok(s.budget), percent: percentText(s.amount, s.budget, locale), count: s.count }),
  }));
}
