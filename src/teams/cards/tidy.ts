/**
 * The last step of every card (cards/literal.ts calls it): what each card gets the same way.
 *
 * - Buttons that would not fit side by side at Teams' narrowest card width go into the "…" menu
 *   (Adaptive Cards 1.5 `mode: "secondary"`) in the card's own order, so no title is cut
 *   ("Formelt g…"); the main action and a vote's four marks stay visible.
 * - The main action of a step is `positive`, one that removes or refuses `destructive`, by verb,
 *   whatever the card's template says.
 * - Text in the warning colour (Teams' yellow, hard to read on white) is bold in the default colour
 *   instead: what it warns of is in its words.
 * - Properties written with their default value are left out: bytes every card carried for nothing.
 */

/** Verbs that are the step's main action (the filled button). */
const POSITIVE = new Set([
  'report.submit',
  'report.checkPass',
  'decision.record',
  'decision.grantAllConfirm',
  'decision.paidConfirm',
  'results.publishConfirm',
  'round.create',
  'round.open',
  'meeting.create',
  'meeting.post',
  'vote.open',
  'roles.add',
  'claims.confirm',
  'channel.assign',
  'rules.save',
  'usage.submit',
  'usage.accept',
  'undecided.record',
  'colleagues.add',
]);

/** Verbs that delete, withdraw, refuse or end something. */
const DESTRUCTIVE = new Set([
  'report.withdrawConfirm',
  'draft.deleteConfirm',
  'privacy.deleteDraftsConfirm',
  'colleagues.removeConfirm',
  'roles.removeConfirm',
  'claims.rejectConfirm',
  'round.purgeConfirm',
  'round.closeConfirm',
  'report.returnConfirm',
  'usage.returnConfirm',
]);

/** Verbs whose buttons stay in the row whatever else goes to "…": a vote's four marks, and the officer's closing of it. */
const STAY = new Set(['vote.mark', 'vote.close']);

// Teams' card at its narrowest (500 px, 16 px padding each side), and a button's width estimated
// from its title at 14 px semibold (the gallery test measures the real thing in the renderer).
const ROW = 468;
const NESTED_ROW = 436;
const GAP = 8;
const MORE_BUTTON = 40;
const buttonWidth = (title: unknown): number => 28 + 8.4 * String(title ?? '').length;

function overflow(actions: Array<Record<string, unknown>>, row: number): void {
  const shown = actions.filter((a) => a.mode !== 'secondary');
  const width = (list: typeof shown) => list.reduce((w, a, i) => w + buttonWidth(a.title) + (i ? GAP : 0), 0);
  if (width(shown) <= row) return;
  // The main action and the marks stay in the row wherever they are; the others in order while they fit beside "…".
  const keep = new Set([...shown.filter((a) => a.style === 'positive').slice(0, 1), ...shown.filter((a) => STAY.has(String(a.verb)))]);
  for (const a of shown) {
    if (keep.has(a)) continue;
    if (width([...keep, a]) + GAP + MORE_BUTTON > row) break;
    keep.add(a);
  }
  // Never a row of "…" alone: the first button stays (too long a title is then the gallery test's to catch).
  if (keep.size === 0) keep.add(shown[0]);
  for (const a of shown) if (!keep.has(a)) a.mode = 'secondary';
}

const isAction = (type: string) => type.startsWith('Action.');
const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

/** Drops properties whose value is what a client assumes when the property is absent. */
function dropDefaults(el: Record<string, unknown>, type: string): void {
  const drop = (key: string, ...defaults: unknown[]) => {
    if (key in el && defaults.includes(lower(el[key]))) delete el[key];
  };
  drop('isVisible', true);
  drop('separator', false);
  drop('spacing', 'default');
  if (isAction(type)) {
    drop('style', 'default');
    drop('mode', 'primary');
    drop('associatedInputs', 'auto');
  } else if (type.startsWith('Input.')) {
    for (const key of ['placeholder', 'value', 'regex', 'errorMessage', 'label']) drop(key, '');
    drop('isRequired', false);
    drop('isMultiline', false);
  } else if (type === 'TextBlock') {
    drop('wrap', false);
    drop('isSubtle', false);
    for (const key of ['size', 'weight', 'color', 'fontType']) drop(key, 'default');
  }
}

/** One element of a card: its defaults dropped; an action's style set by its verb; its action rows fitted. */
export function tidyElement(el: Record<string, unknown>, topLevel: boolean): void {
  const type = typeof el.type === 'string' ? el.type : '';
  if (type === 'TextBlock' && lower(el.color) === 'warning') {
    delete el.color;
    el.weight = 'Bolder';
  }
  if (isAction(type) && typeof el.verb === 'string') {
    if (POSITIVE.has(el.verb)) el.style = 'positive';
    else if (DESTRUCTIVE.has(el.verb)) el.style = 'destructive';
  }
  if (type) dropDefaults(el, type);
  if (Array.isArray(el.actions) && (type === 'AdaptiveCard' || type === 'ActionSet')) {
    const actions = el.actions as Array<Record<string, unknown>>;
    for (const a of actions) {
      if (a && typeof a === 'object' && typeof a.verb === 'string') {
        if (POSITIVE.has(a.verb)) a.style = 'positive';
        else if (DESTRUCTIVE.has(a.verb)) a.style = 'destructive';
      }
    }
    overflow(actions, topLevel ? ROW : NESTED_ROW);
  }
}
